/* wsp-compile: the whole compiler in one command. Parses a wsp program, runs
   the `wsp-to-taskring{runtime=<flavor>}` pipeline (verification, lowering,
   taskring-verify) and emits the pto-runtime artifact directory
   (docs/artifact.md). Errors are printed in MLIR's `file:line:col: error:`
   form and the exit status is 1. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ToolSupport.h"
#include "wsp-c/Diagnostics.h"
#include "wsp-c/Emit.h"
#include "wsp-c/Pass.h"

#define LOWERING_PIPELINE "wsp-to-taskring"

typedef struct Options {
  const char *input;
  const char *output;
  const char *golden;
  const char *platform;
  const char *runtime;
  const char *target;
  bool force;
  bool capabilityReport;
} Options;

static void printHelp(FILE *out) {
  fputs("OVERVIEW: wsp compiler: a wsp program to a pto-runtime artifact directory\n\n"
        "USAGE: wsp-compile <input.mlir | -> -o <dir> [options]\n\n"
        "OPTIONS:\n"
        "  -o <dir>                     Artifact directory (written atomically)\n"
        "  --runtime=<flavor>           tensormap_and_ringbuffer (default) | host_build_graph\n"
        "  --target=<target>            " WSP_EMIT_TARGET_PTO_RUNTIME " (default) | "
        WSP_EMIT_TARGET_SIMPLER " (alias simpler)\n"
        "  --platform=<a2a3sim|a2a3>    Recorded in the manifest (default a2a3sim)\n"
        "  --golden <file>              Reference (generate_inputs/compute_golden) -> golden.py\n"
        "  --force                      Replace <dir> if it exists\n"
        "  --capability-report          Print the capability report\n"
        "  --version                    Print version information\n"
        "  --help                       Print this help\n",
        out);
}

static int usage(const char *message, const char *arg) {
  fprintf(stderr, "wsp-compile: error: %s%s%s\n", message, arg ? ": " : "", arg ? arg : "");
  fputs("run 'wsp-compile --help' for usage\n", stderr);
  return 1;
}

static int checkArgs(const Options *o) {
  if (!o->input)
    return usage("no input file", NULL);
  if (!o->output)
    return usage("no output directory (-o <dir>)", NULL);
  if (strcmp(o->runtime, "tensormap_and_ringbuffer") != 0 &&
      strcmp(o->runtime, "host_build_graph") != 0)
    return usage("--runtime must be tensormap_and_ringbuffer or host_build_graph", o->runtime);
  if (wspEmitLookupTarget(o->target) < 0) {
    fprintf(stderr, "wsp-compile: error: unknown target '%s': expected one of %s\n", o->target,
            wspEmitTargetList());
    return 1;
  }
  return -1;
}

/* Returns -1 when parsing succeeded, else the exit status. */
static int parseArgs(int argc, char **argv, Options *o) {
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i];
    const char **value = NULL;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      printHelp(stdout);
      return 0;
    }
    if (strcmp(a, "--version") == 0) {
      printf("%s\nartifact ABI %s\n", wspGetVersionString(), WSP_EMIT_ABI_VERSION);
      return 0;
    }
    if (strcmp(a, "--force") == 0)
      o->force = true;
    else if (strcmp(a, "--capability-report") == 0)
      o->capabilityReport = true;
    else if (wspToolValueFlag(argc, argv, &i, "-o", (value = &o->output)) ||
             wspToolValueFlag(argc, argv, &i, "--golden", (value = &o->golden)) ||
             wspToolValueFlag(argc, argv, &i, "--platform", (value = &o->platform)) ||
             wspToolValueFlag(argc, argv, &i, "--runtime", (value = &o->runtime)) ||
             wspToolValueFlag(argc, argv, &i, "--target", (value = &o->target))) {
      if (!*value)
        return usage("missing value for", a);
    } else if (a[0] == '-' && a[1] != '\0')
      return usage("unknown option", a);
    else if (o->input)
      return usage("more than one input file", a);
    else
      o->input = a;
  }
  return checkArgs(o);
}

static bool lower(WspContext ctx, MlirModule module, const Options *o) {
  if (!wspToolHasPass(LOWERING_PIPELINE)) {
    fprintf(stderr,
            "wsp-compile: error: this build has no '" LOWERING_PIPELINE "' pipeline yet; lower "
            "the program to taskring by hand (docs/lowering.md) and run 'wsp-translate "
            "--taskring-to-pto-runtime'\n");
    return false;
  }
  char pipeline[256];
  snprintf(pipeline, sizeof pipeline,
           "builtin.module(" LOWERING_PIPELINE "{runtime=%s target=%s})", o->runtime,
           wspEmitGetTargetName((size_t)wspEmitLookupTarget(o->target)));
  WspPassManager pm = wspPassManagerCreate(ctx);
  bool ok = wspPassManagerAddPipeline(pm, pipeline) && wspPassManagerRun(pm, module);
  wspPassManagerDestroy(pm);
  return ok;
}

static bool emit(WspContext ctx, MlirModule module, const Options *o) {
  WspToolEmitRequest request = {o->input,  o->output,           o->platform, o->golden,
                                o->force,  o->capabilityReport, o->target};
  return wspToolEmit(ctx, module, &request);
}

int main(int argc, char **argv) {
  Options o = {NULL, NULL, NULL, NULL, "tensormap_and_ringbuffer", WSP_EMIT_DEFAULT_TARGET,
               false, false};
  int status = parseArgs(argc, argv, &o);
  if (status >= 0)
    return status;
  WspContext ctx = wspContextCreate();
  if (wspContextIsNull(ctx))
    return 1;
  wspContextSetDiagnosticStream(ctx, stderr);
  MlirModule module = wspParseSourceFile(ctx, o.input);
  bool ok = !mlirModuleIsNull(module) && lower(ctx, module, &o) && emit(ctx, module, &o);
  if (!mlirModuleIsNull(module))
    mlirModuleDestroy(module);
  wspContextDestroy(ctx);
  return ok ? 0 : 1;
}
