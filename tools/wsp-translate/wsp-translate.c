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
#include "ToolOptions.h"
#include "ToolSupport.h"
#include "wsp-c/Diagnostics.h"
#include "wsp-c/Emit.h"
#include "wsp-c/Pass.h"

typedef struct Options {
  WspToolEmitRequest emit; /* input, output and the shared emit flags */
  bool translate;
  bool verify;
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
        "  --target=<target>           " WSP_EMIT_TARGET_SIMPLER " (alias simpler) | "
        WSP_EMIT_TARGET_PTO_RUNTIME ";\n"
        "                              default: the one the module's taskring.runtime abi names\n"
        "  --capability-report         Print the capability report\n"
        "  --no-verify                 Skip taskring-verify before emitting\n"
        "  --split-input-file          Emit each '// -----' chunk in memory only (tests)\n"
        "  --verify-diagnostics        Check diagnostics against expected-* comments\n"
        "Flags take one or two dashes, and a value after '=' or as the next argument.\n"
        WSP_TOOL_COMMON_HELP,
        out);
}

static int usage(const char *message, const char *arg) {
  fprintf(stderr, "wsp-translate: error: %s%s%s\n", message, arg ? ": " : "", arg ? arg : "");
  fputs("run 'wsp-translate --help' for usage\n", stderr);
  return 1;
}

enum {
  OPT_TRANSLATE = WSP_TOOL_OPT_FIRST,
  OPT_NO_VERIFY,
  OPT_SPLIT_INPUT_FILE,
  OPT_VERIFY_DIAGNOSTICS,
};

static const struct option kOptions[] = {
    WSP_TOOL_COMMON_OPTIONS,
    WSP_TOOL_EMIT_OPTIONS,
    {"taskring-to-pto-runtime", no_argument, NULL, OPT_TRANSLATE},
    {"no-verify", no_argument, NULL, OPT_NO_VERIFY},
    {"split-input-file", no_argument, NULL, OPT_SPLIT_INPUT_FILE},
    {"verify-diagnostics", no_argument, NULL, OPT_VERIFY_DIAGNOSTICS},
    {NULL, 0, NULL, 0},
};

static int parseArgs(int argc, char **argv, Options *o) {
  int c;
  while ((c = wspToolGetopt("wsp-translate", argc, argv, kOptions)) != -1) {
    if (wspToolEmitOption(c, optarg, &o->emit))
      continue;
    switch (c) {
    case WSP_TOOL_OPT_HELP: printHelp(stdout); return 0;
    case WSP_TOOL_OPT_VERSION: wspToolPrintEmitterVersion(stdout); return 0;
    case WSP_TOOL_OPT_OUTPUT: o->emit.output = optarg; break;
    case OPT_TRANSLATE: o->translate = true; break;
    case OPT_NO_VERIFY: o->verify = false; break;
    case OPT_SPLIT_INPUT_FILE: o->splitInputFile = true; break;
    case OPT_VERIFY_DIAGNOSTICS: o->verifyDiagnostics = true; break;
    default: return 1; /* reported by wspToolGetopt */
    }
  }
  if (optind < argc)
    o->emit.input = argv[optind++];
  if (optind < argc)
    return usage("more than one input file", argv[optind]);
  if (!o->translate)
    return usage("choose a translation (--taskring-to-pto-runtime)", NULL);
  if (!o->emit.input)
    return usage("no input file", NULL);
  if (!o->emit.output && !o->splitInputFile)
    return usage("no output directory (-o <dir>)", NULL);
  if (o->emit.output && o->splitInputFile)
    return usage("--split-input-file emits in memory only; drop -o", NULL);
  return wspToolCheckTarget("wsp-translate", o->emit.target) ? -1 : 1;
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
  return wspToolEmit(ctx, module, &o->emit); /* no output with --split-input-file */
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
  const char *fileName = strcmp(o->emit.input, "-") == 0 ? "<stdin>" : o->emit.input;
  WspToolChunk *chunks = NULL;
  size_t count = wspToolSplitInput(data, length, o->splitInputFile, &chunks);
  bool ok = true;
  for (size_t i = 0; i < count; ++i)
    ok = processChunk(o, &chunks[i], fileName) && ok;
  wspToolChunksFree(chunks, count);
  return ok;
}

int main(int argc, char **argv) {
  Options o = {.verify = true};
  int status = parseArgs(argc, argv, &o);
  if (status >= 0)
    return status;
  WspStringBuffer input;
  wspStringBufferInit(&input);
  bool ok = wspToolReadInput(o.emit.input, &input) &&
            processInput(&o, input.data ? input.data : "", input.length);
  wspStringBufferFree(&input);
  return ok ? 0 : 1;
}
