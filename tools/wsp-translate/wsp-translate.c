/* wsp-translate: prints already-lowered taskring IR (docs/lowering.md) as a
   pto-runtime artifact directory (docs/artifact.md). The input is checked by
   taskring-verify first, then handed to the emitter; errors are printed in
   MLIR's `file:line:col: error:` form and the exit status is 1.
   For tests, --split-input-file emits each `// -----` chunk in memory only
   (nothing is written) and --verify-diagnostics checks the diagnostics
   against `expected-*` comments, as wsp-opt does. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "Support/StringBuffer.h"
#include "ToolSupport.h"
#include "wsp-c/Diagnostics.h"
#include "wsp-c/Emit.h"
#include "wsp-c/Pass.h"

typedef struct Options {
  bool translate;
  const char *input;
  const char *output;
  const char *golden;
  const char *platform;
  const char *target;
  bool force;
  bool verify;
  bool capabilityReport;
  bool splitInputFile;
  bool verifyDiagnostics;
} Options;

static void printHelp(FILE *out) {
  fputs("OVERVIEW: wsp translator: taskring IR to a pto-runtime artifact\n\n"
        "USAGE: wsp-translate --taskring-to-pto-runtime <input.mlir | -> -o <dir> [options]\n\n"
        "OPTIONS:\n"
        "  --taskring-to-pto-runtime   Emit the artifact of a lowered taskring module\n"
        "  -o <dir>                    Artifact directory (written atomically)\n"
        "  --force                     Replace <dir> if it exists\n"
        "  --golden <file>             Reference (generate_inputs/compute_golden) -> golden.py\n"
        "  --platform=<a2a3sim|a2a3>   Recorded in the manifest (default a2a3sim)\n"
        "  --target=<target>           " WSP_EMIT_TARGET_PTO_RUNTIME " | " WSP_EMIT_TARGET_SIMPLER
        " (alias simpler);\n"
        "                              default: the one the module's taskring.runtime abi names\n"
        "  --capability-report         Print the capability report\n"
        "  --no-verify                 Skip taskring-verify before emitting\n"
        "  --split-input-file          Emit each '// -----' chunk in memory only (tests)\n"
        "  --verify-diagnostics        Check diagnostics against expected-* comments\n"
        "  --version                   Print version information\n"
        "  --help                      Print this help\n",
        out);
}

static int usage(const char *message, const char *arg) {
  fprintf(stderr, "wsp-translate: error: %s%s%s\n", message, arg ? ": " : "", arg ? arg : "");
  fputs("run 'wsp-translate --help' for usage\n", stderr);
  return 1;
}

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
    if (strcmp(a, "--taskring-to-pto-runtime") == 0)
      o->translate = true;
    else if (strcmp(a, "--force") == 0)
      o->force = true;
    else if (strcmp(a, "--no-verify") == 0)
      o->verify = false;
    else if (strcmp(a, "--capability-report") == 0)
      o->capabilityReport = true;
    else if (strcmp(a, "--split-input-file") == 0)
      o->splitInputFile = true;
    else if (strcmp(a, "--verify-diagnostics") == 0)
      o->verifyDiagnostics = true;
    else if (wspToolValueFlag(argc, argv, &i, "-o", (value = &o->output)) ||
             wspToolValueFlag(argc, argv, &i, "--golden", (value = &o->golden)) ||
             wspToolValueFlag(argc, argv, &i, "--platform", (value = &o->platform)) ||
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
  if (!o->translate)
    return usage("choose a translation (--taskring-to-pto-runtime)", NULL);
  if (!o->input)
    return usage("no input file", NULL);
  if (!o->output && !o->splitInputFile)
    return usage("no output directory (-o <dir>)", NULL);
  if (o->output && o->splitInputFile)
    return usage("--split-input-file emits in memory only; drop -o", NULL);
  if (o->target && wspEmitLookupTarget(o->target) < 0) {
    fprintf(stderr, "wsp-translate: error: unknown target '%s': expected one of %s\n", o->target,
            wspEmitTargetList());
    return 1;
  }
  return -1;
}

static bool verifyTaskRing(WspContext ctx, MlirModule module) {
  if (!wspToolHasPass("taskring-verify"))
    return true;
  WspPassManager pm = wspPassManagerCreate(ctx);
  bool ok = wspPassManagerAddPipeline(pm, "builtin.module(taskring-verify)") &&
            wspPassManagerRun(pm, module);
  wspPassManagerDestroy(pm);
  return ok;
}

static bool emit(WspContext ctx, MlirModule module, const Options *o) {
  WspToolEmitRequest request = {o->input, o->splitInputFile ? NULL : o->output, o->platform, o->golden, o->force,
                                o->capabilityReport, o->target};
  return wspToolEmit(ctx, module, &request);
}

/*===--- input chunks (--split-input-file) -------------------------------===*/

static bool processChunk(const Options *o, const WspToolChunk *chunk, const char *fileName) {
  WspContext ctx = wspContextCreate();
  if (wspContextIsNull(ctx))
    return false;
  if (!o->verifyDiagnostics)
    wspContextSetDiagnosticStream(ctx, stderr);
  MlirModule module = wspParseSourceString(ctx, chunk->text, chunk->length, fileName);
  bool ok = !mlirModuleIsNull(module) && (!o->verify || verifyTaskRing(ctx, module)) &&
            emit(ctx, module, o);
  if (o->verifyDiagnostics)
    ok = wspToolCheckExpectations(ctx, chunk, fileName);
  if (!mlirModuleIsNull(module))
    mlirModuleDestroy(module);
  wspContextDestroy(ctx);
  return ok;
}

/* Processes every chunk (the whole input when not splitting). */
static bool processInput(const Options *o, const char *data, size_t length) {
  const char *fileName = strcmp(o->input, "-") == 0 ? "<stdin>" : o->input;
  WspToolChunk *chunks = NULL;
  size_t count = wspToolSplitInput(data, length, o->splitInputFile, &chunks);
  bool ok = true;
  for (size_t i = 0; i < count; ++i)
    ok = processChunk(o, &chunks[i], fileName) && ok;
  wspToolChunksFree(chunks, count);
  return ok;
}

int main(int argc, char **argv) {
  Options o = {false, NULL, NULL, NULL, NULL, NULL, false, true, false, false, false};
  int status = parseArgs(argc, argv, &o);
  if (status >= 0)
    return status;
  WspStringBuffer input;
  wspStringBufferInit(&input);
  bool ok = wspToolReadInput(o.input, &input) &&
            processInput(&o, input.data ? input.data : "", input.length);
  wspStringBufferFree(&input);
  return ok ? 0 : 1;
}
