/* wsp-opt: the mlir-opt of wsp. Parses MLIR (wsp, taskring and the upstream
   dialects they build on), runs pass pipelines that mix wsp and upstream
   passes, and prints the result. It re-implements the mlir-opt features the
   MLIR C API does not expose (split-input-file, verify-diagnostics, IR
   printing flags, reproducers). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "Support/StringBuffer.h"
#include "ToolSupport.h"
#include "wsp-c/Wsp.h"

typedef struct Options {
  const char *input;
  const char *output;
  const char **pipelines; /* in command-line order */
  size_t numPipelines;
  bool splitInputFile;
  bool verifyDiagnostics;
  bool printBefore, printAfter, printAfterChange, printAfterFailure;
  const char *treeDir;
  bool timing;
  bool generic;
  bool debugInfo;
  bool verifyEach;
  const char *reproducer;
} Options;

static void printHelp(FILE *out) {
  fputs("OVERVIEW: wsp modular optimizer driver\n\n"
        "USAGE: wsp-opt [options] <input file | ->\n\n"
        "OPTIONS:\n"
        "  -o <file>                        Output file (default: stdout)\n"
        "  --pass-pipeline=<text>           Passes to run, e.g. 'builtin.module(wsp-verify,\n"
        "                                   func.func(canonicalize),cse)'; may repeat\n"
        "  --<wsp-pass>[=<options>]         Append one wsp pass (see --list-passes)\n"
        "  --split-input-file               Process chunks separated by '// -----' separately\n"
        "  --verify-diagnostics             Check diagnostics against expected-* comments\n"
        "  --mlir-print-ir-before-all       Print the IR before every pass (stderr)\n"
        "  --mlir-print-ir-after-all        Print the IR after every pass (stderr)\n"
        "  --mlir-print-ir-after-change     Print the IR after a pass only if it changed it\n"
        "  --mlir-print-ir-after-failure    Print the IR after a pass fails\n"
        "  --mlir-print-ir-tree-dir=<dir>   Write IR dumps as files under <dir>\n"
        "  --mlir-timing                    Report the time spent in each pass\n"
        "  --mlir-print-op-generic          Print every op in generic form\n"
        "  --mlir-print-debuginfo           Print locations\n"
        "  --verify-each=<true|false>       Verify the IR after each pass (default true)\n"
        "  --mlir-generate-reproducer=<f>   On failure, write the input and pipeline to <f>\n"
        "  --list-passes                    List wsp's passes and pipelines\n"
        "  --version                        Print version information\n"
        "  --help                           Print this help\n",
        out);
}

static void listPasses(FILE *out) {
  fputs("wsp passes and pipelines (every registered MLIR pass is accepted as well):\n", out);
  for (size_t i = 0; i < wspGetNumPasses(); ++i) {
    fprintf(out, "  %-28s %s\n", wspGetPassName(i), wspGetPassSummary(i));
    if (wspGetPassPipeline(i))
      fprintf(out, "      = %s\n", wspGetPassPipeline(i));
    for (size_t k = 0; k < wspGetPassNumOptions(i); ++k)
      fprintf(out, "      %s=<%s> (default %s): %s\n", wspGetPassOptionName(i, k),
              wspGetPassOptionType(i, k),
              wspGetPassOptionDefault(i, k) ? wspGetPassOptionDefault(i, k) : "none",
              wspGetPassOptionHelp(i, k));
  }
}

static bool isPassName(const char *name, size_t length) {
  for (size_t i = 0; i < wspGetNumPasses(); ++i)
    if (strlen(wspGetPassName(i)) == length && strncmp(wspGetPassName(i), name, length) == 0)
      return true;
  return false;
}

/* Returns the value of `--name=value` or NULL if `arg` is not that flag. */
static const char *flagValue(const char *arg, const char *name) {
  size_t n = strlen(name);
  return strncmp(arg, name, n) == 0 && arg[n] == '=' ? arg + n + 1 : NULL;
}

typedef enum { PARSE_OK, PARSE_EXIT_OK, PARSE_ERROR } ParseResult;

/* Shorthand `--wsp-pass` or `--wsp-pass=opts` becomes a pipeline element. */
static bool addShorthand(Options *o, const char *arg, WspStringBuffer *storage) {
  const char *name = arg + 2;
  const char *eq = strchr(name, '=');
  size_t length = eq ? (size_t)(eq - name) : strlen(name);
  if (!isPassName(name, length))
    return false;
  WspStringBuffer text;
  wspStringBufferInit(&text);
  wspStringBufferAppend(&text, name, length);
  if (eq)
    wspStringBufferAppendf(&text, "{%s}", eq + 1);
  size_t k = o->numPipelines++;
  storage[k].data = wspStringBufferTake(&text);
  o->pipelines[k] = storage[k].data;
  return true;
}

static ParseResult parseArgs(int argc, char **argv, Options *o, WspStringBuffer *storage) {
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i];
    const char *v;
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      printHelp(stdout);
      return PARSE_EXIT_OK;
    } else if (!strcmp(a, "--version")) {
      printf("%s\n  MLIR C API 22, dialects: wsp, taskring (IRDL)\n"
             "  target runtime: pto-runtime 41d5c94a\n",
             wspGetVersionString());
      return PARSE_EXIT_OK;
    } else if (!strcmp(a, "--list-passes")) {
      listPasses(stdout);
      return PARSE_EXIT_OK;
    } else if (!strcmp(a, "-o")) {
      if (++i >= argc) {
        fputs("wsp-opt: error: '-o' needs a file name\n", stderr);
        return PARSE_ERROR;
      }
      o->output = argv[i];
    } else if ((v = flagValue(a, "-o")) || (v = flagValue(a, "--o"))) {
      o->output = v;
    } else if ((v = flagValue(a, "--pass-pipeline"))) {
      o->pipelines[o->numPipelines++] = v;
    } else if (!strcmp(a, "--split-input-file")) {
      o->splitInputFile = true;
    } else if (!strcmp(a, "--verify-diagnostics")) {
      o->verifyDiagnostics = true;
    } else if (!strcmp(a, "--mlir-print-ir-before-all")) {
      o->printBefore = true;
    } else if (!strcmp(a, "--mlir-print-ir-after-all")) {
      o->printAfter = true;
    } else if (!strcmp(a, "--mlir-print-ir-after-change")) {
      o->printAfterChange = true;
    } else if (!strcmp(a, "--mlir-print-ir-after-failure")) {
      o->printAfterFailure = true;
    } else if ((v = flagValue(a, "--mlir-print-ir-tree-dir"))) {
      o->treeDir = v;
    } else if (!strcmp(a, "--mlir-timing")) {
      o->timing = true;
    } else if (!strcmp(a, "--mlir-print-op-generic")) {
      o->generic = true;
    } else if (!strcmp(a, "--mlir-print-debuginfo")) {
      o->debugInfo = true;
    } else if ((v = flagValue(a, "--verify-each"))) {
      if (strcmp(v, "true") && strcmp(v, "false") && strcmp(v, "0") && strcmp(v, "1")) {
        fprintf(stderr, "wsp-opt: error: '--verify-each' expects true or false, got '%s'\n", v);
        return PARSE_ERROR;
      }
      o->verifyEach = !strcmp(v, "true") || !strcmp(v, "1");
    } else if ((v = flagValue(a, "--mlir-generate-reproducer"))) {
      o->reproducer = v;
    } else if (a[0] == '-' && a[1] == '-' && addShorthand(o, a, storage)) {
      continue;
    } else if (a[0] == '-' && a[1] != '\0') {
      fprintf(stderr, "wsp-opt: error: unknown option '%s'; see 'wsp-opt --help' "
                      "(wsp passes: 'wsp-opt --list-passes')\n", a);
      return PARSE_ERROR;
    } else if (o->input) {
      fprintf(stderr, "wsp-opt: error: more than one input file ('%s' and '%s')\n", o->input, a);
      return PARSE_ERROR;
    } else {
      o->input = a;
    }
  }
  if (!o->input)
    o->input = "-";
  return PARSE_OK;
}

/*===--- processing -------------------------------------------------------===*/

static void writeReproducer(const Options *o, const WspToolChunk *chunk) {
  FILE *f = fopen(o->reproducer, "w");
  if (!f) {
    fprintf(stderr, "wsp-opt: error: cannot write reproducer '%s'\n", o->reproducer);
    return;
  }
  fprintf(f, "// wsp-opt reproducer (%s); rerun with:\n//   wsp-opt", wspGetVersionString());
  for (size_t i = 0; i < o->numPipelines; ++i)
    fprintf(f, " --pass-pipeline='%s'", o->pipelines[i]);
  fprintf(f, " %s\n", o->reproducer);
  /* Skip the padding lines so the file is just the failing input. */
  const char *text = chunk->text + (chunk->firstLine - 1);
  fwrite(text, 1, chunk->length - (chunk->firstLine - 1), f);
  fclose(f);
  fprintf(stderr, "wsp-opt: wrote reproducer to '%s'\n", o->reproducer);
}

typedef enum { CHUNK_OK, CHUNK_FAILED, CHUNK_BAD_PIPELINE } ChunkResult;

static ChunkResult processChunk(const Options *o, const WspToolChunk *chunk, const char *fileName,
                                WspStringBuffer *output) {
  WspContext ctx = wspContextCreate();
  if (wspContextIsNull(ctx))
    return CHUNK_FAILED;
  if (!o->verifyDiagnostics)
    wspContextSetDiagnosticStream(ctx, stderr);
  ChunkResult result = CHUNK_OK;
  WspPassManager pm = wspPassManagerCreate(ctx);
  for (size_t i = 0; i < o->numPipelines && result == CHUNK_OK; ++i)
    if (!wspPassManagerAddPipeline(pm, o->pipelines[i]))
      result = CHUNK_BAD_PIPELINE;
  if (result == CHUNK_BAD_PIPELINE) {
    if (o->verifyDiagnostics) /* pipeline errors are never "expected": show them */
      for (size_t i = 0; i < wspContextGetNumDiagnostics(ctx); ++i)
        wspDiagnosticPrint(wspContextGetDiagnostic(ctx, i), stderr);
    wspPassManagerDestroy(pm);
    wspContextDestroy(ctx);
    return result;
  }
  wspPassManagerEnableVerifier(pm, o->verifyEach);
  if (o->printBefore || o->printAfter || o->printAfterChange || o->printAfterFailure)
    wspPassManagerEnableIRPrinting(pm, o->printBefore, o->printAfter, o->printAfterChange,
                                   o->printAfterFailure, o->generic, o->treeDir);
  if (o->timing)
    wspPassManagerEnableTiming(pm);
  MlirModule module = wspParseSourceString(ctx, chunk->text, chunk->length, fileName);
  bool ok = !mlirModuleIsNull(module) && wspPassManagerRun(pm, module);
  if (ok) {
    char *text = wspOperationPrintToString(mlirModuleGetOperation(module), o->generic,
                                           o->debugInfo);
    wspStringBufferAppendStr(output, text);
    wspStringBufferAppendStr(output, "\n");
    wspStringDestroy(text);
  } else if (o->reproducer && !mlirModuleIsNull(module)) {
    writeReproducer(o, chunk);
  }
  if (o->verifyDiagnostics)
    ok = wspToolCheckExpectations(ctx, chunk, fileName);
  if (!mlirModuleIsNull(module))
    mlirModuleDestroy(module);
  wspPassManagerDestroy(pm); /* prints timing, if enabled */
  wspContextDestroy(ctx);
  return ok ? CHUNK_OK : CHUNK_FAILED;
}

/* Writes the result; a write that fails (a full disk, an I/O error) is an
   error naming the output, never silently lost output. */
static bool writeOutput(const char *path, const WspStringBuffer *text) {
  bool toStdout = !path || !strcmp(path, "-");
  FILE *f = toStdout ? stdout : fopen(path, "wb");
  if (!f) {
    fprintf(stderr, "%s: error: cannot open output file: %s\n", path, strerror(errno));
    return false;
  }
  bool ok = fwrite(text->data ? text->data : "", 1, text->length, f) == text->length;
  ok = (toStdout ? fflush(f) == 0 : fclose(f) == 0) && ok;
  if (!ok)
    fprintf(stderr, "%s: error: cannot write output: %s\n", toStdout ? "<stdout>" : path,
            strerror(errno ? errno : EIO));
  return ok;
}

static int run(const Options *o) {
  WspStringBuffer input, output;
  wspStringBufferInit(&input);
  wspStringBufferInit(&output);
  if (!wspToolReadInput(o->input, &input)) {
    wspStringBufferFree(&input);
    return 1;
  }
  const char *fileName = strcmp(o->input, "-") ? o->input : "<stdin>";
  WspToolChunk *chunks = NULL;
  size_t numChunks = wspToolSplitInput(input.data ? input.data : "", input.length,
                                       o->splitInputFile, &chunks);
  bool failed = false;
  for (size_t i = 0; i < numChunks; ++i) {
    ChunkResult r = processChunk(o, &chunks[i], fileName, &output);
    failed |= r != CHUNK_OK;
    if (r == CHUNK_BAD_PIPELINE)
      break; /* the same pipeline would fail on every chunk */
    if (i + 1 < numChunks && o->splitInputFile)
      wspStringBufferAppendStr(&output, "// -----\n");
  }
  wspToolChunksFree(chunks, numChunks);
  /* Like mlir-opt, an output file is written only when every chunk
     succeeded: a stale or partial file would look like a result. */
  bool toFile = o->output && strcmp(o->output, "-") != 0;
  bool written = failed && toFile ? true : writeOutput(o->output, &output);
  wspStringBufferFree(&input);
  wspStringBufferFree(&output);
  return failed || !written ? 1 : 0;
}

int main(int argc, char **argv) {
  Options o;
  memset(&o, 0, sizeof o);
  o.verifyEach = true;
  o.pipelines = wspCalloc((size_t)argc, sizeof(char *));
  WspStringBuffer *storage = wspCalloc((size_t)argc, sizeof(WspStringBuffer));
  ParseResult parsed = parseArgs(argc, argv, &o, storage);
  int status = parsed == PARSE_ERROR ? 1 : parsed == PARSE_EXIT_OK ? 0 : run(&o);
  for (int i = 0; i < argc; ++i)
    free(storage[i].data);
  free(storage);
  free(o.pipelines);
  return status;
}
