/* wsp-compile: the whole compiler in one command. Parses a wsp program, runs
   the `wsp-to-taskring{runtime=<flavor> target=<target>}` pipeline
   (verification, lowering, taskring-verify) and emits the artifact directory
   of the target, simpler-6ebaf771 unless --target names another
   (docs/artifact.md). Errors are printed in MLIR's `file:line:col: error:`
   form and the exit status is 1. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ToolOptions.h"
#include "ToolSupport.h"
#include "wsp-c/Diagnostics.h"
#include "wsp-c/Emit.h"
#include "wsp-c/Pass.h"

#define LOWERING_PIPELINE "wsp-to-taskring"

typedef struct Options {
  WspToolEmitRequest emit; /* input, output and the shared emit flags */
  const char *runtime;
  bool timing;   /* --timing: phase times, and MLIR's pass timing of the lowering */
  bool progress; /* --progress: one line per phase as it starts and ends */
} Options;

static void printHelp(FILE *out) {
  fputs("OVERVIEW: wsp compiler: a wsp program to a runtime artifact directory\n\n"
        "USAGE: wsp-compile <input.mlir | -> -o <dir> [options]\n\n"
        "OPTIONS:\n"
        "  -o <dir>                     Artifact directory (written atomically)\n"
        "  --runtime=<flavor>           tensormap_and_ringbuffer (default) | host_build_graph\n"
        "  --target=<target>            " WSP_EMIT_TARGET_SIMPLER " (alias simpler) | "
        WSP_EMIT_TARGET_PTO_RUNTIME "\n"
        "                               (default " WSP_EMIT_DEFAULT_TARGET ")\n"
        "  --platform=<a2a3sim|a2a3>    Recorded in the manifest (default a2a3sim)\n"
        "  --golden <file>              Reference (generate_inputs/compute_golden) -> golden.py\n"
        "  --force                      Replace <dir> if it exists\n"
        "  --capability-report          Print the capability report\n"
        "  --timing                     Report the time of each phase and pass (stderr)\n"
        "  --progress                   Report each phase as it runs (stderr)\n"
        "Flags take one or two dashes, and a value after '=' or as the next argument.\n"
        WSP_TOOL_COMMON_HELP,
        out);
}

static int usage(const char *message, const char *arg) {
  fprintf(stderr, "wsp-compile: error: %s%s%s\n", message, arg ? ": " : "", arg ? arg : "");
  fputs("run 'wsp-compile --help' for usage\n", stderr);
  return 1;
}

static int checkArgs(const Options *o) {
  if (!o->emit.input)
    return usage("no input file", NULL);
  if (!o->emit.output)
    return usage("no output directory (-o <dir>)", NULL);
  if (strcmp(o->runtime, "tensormap_and_ringbuffer") != 0 &&
      strcmp(o->runtime, "host_build_graph") != 0)
    return usage("--runtime must be tensormap_and_ringbuffer or host_build_graph", o->runtime);
  return wspToolCheckTarget("wsp-compile", o->emit.target) ? -1 : 1;
}

enum {
  OPT_RUNTIME = WSP_TOOL_OPT_FIRST,
  OPT_TIMING,
  OPT_PROGRESS,
};

static const struct option kOptions[] = {
    WSP_TOOL_COMMON_OPTIONS,
    WSP_TOOL_EMIT_OPTIONS,
    {"runtime", required_argument, NULL, OPT_RUNTIME},
    {"timing", no_argument, NULL, OPT_TIMING},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {NULL, 0, NULL, 0},
};

/* Returns -1 when parsing succeeded, else the exit status. */
static int parseArgs(int argc, char **argv, Options *o) {
  int c;
  while ((c = wspToolGetopt("wsp-compile", argc, argv, kOptions)) != -1) {
    if (wspToolEmitOption(c, optarg, &o->emit))
      continue;
    switch (c) {
    case WSP_TOOL_OPT_HELP: printHelp(stdout); return 0;
    case WSP_TOOL_OPT_VERSION: wspToolPrintEmitterVersion(stdout); return 0;
    case WSP_TOOL_OPT_OUTPUT: o->emit.output = optarg; break;
    case OPT_RUNTIME: o->runtime = optarg; break;
    case OPT_TIMING: o->timing = true; break;
    case OPT_PROGRESS: o->progress = true; break;
    default: return 1; /* reported by wspToolGetopt */
    }
  }
  if (optind < argc)
    o->emit.input = argv[optind++];
  if (optind < argc)
    return usage("more than one input file", argv[optind]);
  return checkArgs(o);
}

/*===--- --timing / --progress -------------------------------------------===*/

typedef struct Phase {
  const char *name;
  double seconds;
} Phase;

typedef struct Clock {
  const Options *options;
  Phase phases[3];
  size_t numPhases;
  struct timespec start;
} Clock;

static double secondsSince(const struct timespec *start) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) * 1e-9;
}

static void phaseBegin(Clock *clock, const char *name, const char *what) {
  if (clock->options->progress)
    fprintf(stderr, "wsp-compile: [%zu/3] %s %s ...\n", clock->numPhases + 1, name, what);
  clock_gettime(CLOCK_MONOTONIC, &clock->start);
}

static bool phaseEnd(Clock *clock, const char *name, bool ok) {
  double seconds = secondsSince(&clock->start);
  Phase phase = {name, seconds};
  clock->phases[clock->numPhases++] = phase;
  if (clock->options->progress)
    fprintf(stderr, "wsp-compile: [%zu/3] %s %s (%.4f s)\n", clock->numPhases, name,
            ok ? "done" : "failed", seconds);
  return ok;
}

/* In the layout of MLIR's execution time report. */
static void printPhaseReport(const Clock *clock) {
  double total = 0;
  for (size_t i = 0; i < clock->numPhases; ++i)
    total += clock->phases[i].seconds;
  fputs("===-------------------------------------------------------------------------===\n"
        "                      ... wsp-compile phase report ...\n"
        "===-------------------------------------------------------------------------===\n",
        stderr);
  fprintf(stderr, "  Total Execution Time: %.4f seconds\n\n  ----Wall Time----  ----Name----\n",
          total);
  for (size_t i = 0; i < clock->numPhases; ++i)
    fprintf(stderr, "%10.4f (%5.1f%%)  %s\n", clock->phases[i].seconds,
            total > 0 ? 100.0 * clock->phases[i].seconds / total : 0.0, clock->phases[i].name);
  fprintf(stderr, "%10.4f (100.0%%)  Total\n", total);
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
           wspEmitGetTargetName((size_t)wspEmitLookupTarget(o->emit.target)));
  WspPassManager pm = wspPassManagerCreate(ctx);
  /* MLIR's verifier runs once, after the whole pipeline, not after each of
     its passes: that was a third of the compile time of large programs
     (docs/performance.md). wsp-opt keeps --verify-each=true, so the tests
     still name the pass that would break the IR. */
  wspPassManagerEnableVerifier(pm, false);
  if (o->timing)
    wspPassManagerEnableTiming(pm); /* MLIR's report, per pass, when pm is destroyed */
  bool ok = wspPassManagerAddPipeline(pm, pipeline) && wspPassManagerRun(pm, module) &&
            wspVerify(ctx, mlirModuleGetOperation(module));
  wspPassManagerDestroy(pm);
  return ok;
}

static bool emit(WspContext ctx, MlirModule module, const Options *o) {
  return wspToolEmit(ctx, module, &o->emit);
}

int main(int argc, char **argv) {
  Options o = {.runtime = "tensormap_and_ringbuffer", .emit.target = WSP_EMIT_DEFAULT_TARGET};
  int status = parseArgs(argc, argv, &o);
  if (status >= 0)
    return status;
  WspContext ctx = wspContextCreate();
  if (wspContextIsNull(ctx))
    return 1;
  wspContextSetDiagnosticStream(ctx, stderr);
  Clock clock = {&o, {{NULL, 0}}, 0, {0, 0}};
  phaseBegin(&clock, "parse", o.emit.input);
  MlirModule module = wspParseSourceFile(ctx, o.emit.input);
  bool ok = phaseEnd(&clock, "parse", !mlirModuleIsNull(module));
  if (ok) {
    phaseBegin(&clock, "lower", LOWERING_PIPELINE);
    ok = phaseEnd(&clock, "lower", lower(ctx, module, &o));
  }
  if (ok) {
    phaseBegin(&clock, "emit", o.emit.output);
    ok = phaseEnd(&clock, "emit", emit(ctx, module, &o));
  }
  if (o.timing)
    printPhaseReport(&clock);
  if (!mlirModuleIsNull(module))
    mlirModuleDestroy(module);
  wspContextDestroy(ctx);
  return ok ? 0 : 1;
}
