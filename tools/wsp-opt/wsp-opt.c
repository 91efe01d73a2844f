/* wsp-opt: the mlir-opt of wsp. Parses MLIR (wsp, taskring and the upstream
   dialects they build on), runs pass pipelines that mix wsp and upstream
   passes, and prints the result. It re-implements the mlir-opt features the
   MLIR C API does not expose (split-input-file, verify-diagnostics, IR
   printing flags, reproducers). */
#define _GNU_SOURCE /* mkdtemp, dup, fileno */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "Support/StringBuffer.h"
#include "ToolOptions.h"
#include "ToolSupport.h"
#include "mlir-c/Pass.h"
#include "wsp-c/Wsp.h"

typedef struct Options {
  const char *input;
  const char *output;
  const char **pipelines; /* in command-line order */
  size_t numPipelines;
  const char *splitMarker; /* --split-input-file[=<marker>]; NULL: no split */
  const char *outputSplitMarker;
  bool verifyDiagnostics;
  bool onlyExpected; /* --verify-diagnostics=only-expected */
  bool printBefore, printAfter, printAfterChange, printAfterFailure;
  const char **printBeforePasses, **printAfterPasses; /* --mlir-print-ir-{before,after}=<pass> */
  size_t numPrintBefore, numPrintAfter;
  const char *treeDir;
  bool timing;
  bool timingList; /* --mlir-timing-display=list */
  bool statistics;
  bool statisticsList; /* --mlir-pass-statistics-display=list */
  bool generic;
  bool debugInfo;
  bool verifyEach;
  bool emitBytecode;
  bool allowUnregistered;
  const char *reproducer;
} Options;

static void printHelp(FILE *out) {
  fputs("OVERVIEW: wsp modular optimizer driver\n\n"
        "USAGE: wsp-opt [options] <input file | ->\n\n"
        "Flags take one or two dashes, and a value after '=' or as the next argument,\n"
        "as in mlir-opt.\n\n"
        "OPTIONS:\n"
        "  -o <file>                        Output file (default: stdout)\n"
        "  --pass-pipeline=<text>           Passes to run, e.g. 'builtin.module(wsp-verify,\n"
        "                                   func.func(canonicalize),cse)'; may repeat\n"
        "  --<wsp-pass>[=<options>]         Append one wsp pass (see --list-passes)\n"
        "  --split-input-file[=<marker>]    Process chunks separated by lines starting with\n"
        "                                   <marker> (default '// -----') separately\n"
        "  --output-split-marker=<marker>   Separator between chunk outputs (default '// -----')\n"
        "  --verify-diagnostics[=all|only-expected]\n"
        "                                   Check diagnostics against expected-* comments\n"
        "                                   (only-expected: ignore diagnostics not expected)\n"
        "  --allow-unregistered-dialect     Accept ops of dialects wsp does not load\n"
        "  --emit-bytecode                  Write MLIR bytecode instead of text\n"
        "  --show-dialects                  List the dialects wsp-opt loads\n"
        "  --mlir-print-ir-before=<pass>    Print the IR before each run of <pass> (stderr;\n"
        "                                   comma-separated or repeated)\n"
        "  --mlir-print-ir-after=<pass>     Print the IR after each run of <pass>\n"
        "  --mlir-print-ir-before-all       Print the IR before every pass (stderr)\n"
        "  --mlir-print-ir-after-all        Print the IR after every pass (stderr)\n"
        "  --mlir-print-ir-after-change     Print the IR after a pass only if it changed it\n"
        "  --mlir-print-ir-after-failure    Print the IR after a pass fails\n"
        "  --mlir-print-ir-tree-dir=<dir>   Write IR dumps as files under <dir>\n"
        "  --mlir-timing                    Report the time spent in each pass\n"
        "  --mlir-timing-display=<list|tree> Timing report layout (default tree)\n"
        "  --mlir-pass-statistics           Report the statistics of each pass\n"
        "  --mlir-pass-statistics-display=<list|pipeline>\n"
        "  --mlir-print-op-generic          Print every op in generic form\n"
        "  --mlir-print-debuginfo           Print locations\n"
        "  --mlir-disable-threading         Accepted: wsp-opt is always single-threaded\n"
        "  --verify-each=<true|false>       Verify the IR after each pass (default true)\n"
        "  --mlir-generate-reproducer=<f>   On failure, write the input and pipeline to <f>\n"
        "  --list-passes                    List wsp's passes and pipelines\n" WSP_TOOL_COMMON_HELP,
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

/* mlir-opt --show-dialects: the dialects a wsp context has, asked of one. */
static void showDialects(FILE *out) {
  static const char *const kCandidates[] = {"arith", "builtin", "cf",  "func",     "index",
                                            "irdl",  "math",    "memref", "scf", "taskring",
                                            "ub",    "wsp"};
  WspContext ctx = wspContextCreate();
  if (wspContextIsNull(ctx))
    return;
  fputs("Available Dialects: ", out);
  const char *sep = "";
  for (size_t i = 0; i < sizeof(kCandidates) / sizeof(kCandidates[0]); ++i)
    if (!mlirDialectIsNull(mlirContextGetOrLoadDialect(
            wspContextGetMlirContext(ctx), mlirStringRefCreateFromCString(kCandidates[i])))) {
      fprintf(out, "%s%s", sep, kCandidates[i]);
      sep = ", ";
    }
  fputs("\n", out);
  wspContextDestroy(ctx);
}

typedef enum { PARSE_OK, PARSE_EXIT_OK, PARSE_ERROR } ParseResult;

enum {
  OPT_PASS_PIPELINE = WSP_TOOL_OPT_FIRST,
  OPT_SPLIT_INPUT_FILE,
  OPT_OUTPUT_SPLIT_MARKER,
  OPT_VERIFY_DIAGNOSTICS,
  OPT_ALLOW_UNREGISTERED,
  OPT_EMIT_BYTECODE,
  OPT_SHOW_DIALECTS,
  OPT_PRINT_BEFORE,
  OPT_PRINT_AFTER,
  OPT_PRINT_BEFORE_ALL,
  OPT_PRINT_AFTER_ALL,
  OPT_PRINT_AFTER_CHANGE,
  OPT_PRINT_AFTER_FAILURE,
  OPT_TREE_DIR,
  OPT_TIMING,
  OPT_TIMING_DISPLAY,
  OPT_STATISTICS,
  OPT_STATISTICS_DISPLAY,
  OPT_GENERIC,
  OPT_DEBUGINFO,
  OPT_DISABLE_THREADING,
  OPT_VERIFY_EACH,
  OPT_REPRODUCER,
  OPT_LIST_PASSES,
  OPT_WSP_PASS, /* + the pass's index: the `--<wsp-pass>[=options]` shorthands */
};

static const struct option kOptions[] = {
    WSP_TOOL_COMMON_OPTIONS,
    {"pass-pipeline", required_argument, NULL, OPT_PASS_PIPELINE},
    {"split-input-file", optional_argument, NULL, OPT_SPLIT_INPUT_FILE},
    {"output-split-marker", required_argument, NULL, OPT_OUTPUT_SPLIT_MARKER},
    {"verify-diagnostics", optional_argument, NULL, OPT_VERIFY_DIAGNOSTICS},
    {"allow-unregistered-dialect", no_argument, NULL, OPT_ALLOW_UNREGISTERED},
    {"emit-bytecode", no_argument, NULL, OPT_EMIT_BYTECODE},
    {"show-dialects", no_argument, NULL, OPT_SHOW_DIALECTS},
    {"mlir-print-ir-before", required_argument, NULL, OPT_PRINT_BEFORE},
    {"mlir-print-ir-after", required_argument, NULL, OPT_PRINT_AFTER},
    {"mlir-print-ir-before-all", no_argument, NULL, OPT_PRINT_BEFORE_ALL},
    {"mlir-print-ir-after-all", no_argument, NULL, OPT_PRINT_AFTER_ALL},
    {"mlir-print-ir-after-change", no_argument, NULL, OPT_PRINT_AFTER_CHANGE},
    {"mlir-print-ir-after-failure", no_argument, NULL, OPT_PRINT_AFTER_FAILURE},
    {"mlir-print-ir-tree-dir", required_argument, NULL, OPT_TREE_DIR},
    {"mlir-timing", no_argument, NULL, OPT_TIMING},
    {"mlir-timing-display", required_argument, NULL, OPT_TIMING_DISPLAY},
    {"mlir-pass-statistics", no_argument, NULL, OPT_STATISTICS},
    {"mlir-pass-statistics-display", required_argument, NULL, OPT_STATISTICS_DISPLAY},
    {"mlir-print-op-generic", no_argument, NULL, OPT_GENERIC},
    {"mlir-print-debuginfo", no_argument, NULL, OPT_DEBUGINFO},
    {"mlir-disable-threading", no_argument, NULL, OPT_DISABLE_THREADING},
    {"verify-each", required_argument, NULL, OPT_VERIFY_EACH},
    {"mlir-generate-reproducer", required_argument, NULL, OPT_REPRODUCER},
    {"list-passes", no_argument, NULL, OPT_LIST_PASSES},
};
#define NUM_FIXED_OPTIONS (sizeof(kOptions) / sizeof(kOptions[0]))

/* `--wsp-pass` or `--wsp-pass=opts` becomes the pipeline element `wsp-pass{opts}`. */
static void addShorthand(Options *o, size_t index, const char *value, WspStringBuffer *storage) {
  WspStringBuffer text;
  wspStringBufferInit(&text);
  wspStringBufferAppendStr(&text, wspGetPassName(index));
  if (value)
    wspStringBufferAppendf(&text, "{%s}", value);
  size_t k = o->numPipelines++;
  storage[k].data = wspStringBufferTake(&text);
  o->pipelines[k] = storage[k].data;
}

/* Appends the comma-separated pass names of `value` to a list. */
static void addPassNames(const char ***list, size_t *count, char *value) {
  for (char *name = value; name;) {
    char *comma = strchr(name, ',');
    if (comma)
      *comma = '\0';
    if (*name) {
      *list = wspRealloc(*list, (*count + 1) * sizeof(char *));
      (*list)[(*count)++] = name;
    }
    name = comma ? comma + 1 : NULL;
  }
}

static ParseResult parseArgs(int argc, char **argv, Options *o, WspStringBuffer *storage) {
  size_t numPasses = wspGetNumPasses();
  struct option *options = wspCalloc(NUM_FIXED_OPTIONS + numPasses + 1, sizeof(struct option));
  memcpy(options, kOptions, sizeof kOptions);
  for (size_t i = 0; i < numPasses; ++i) {
    struct option pass = {wspGetPassName(i), optional_argument, NULL, OPT_WSP_PASS + (int)i};
    options[NUM_FIXED_OPTIONS + i] = pass;
  }
  ParseResult result = PARSE_OK;
  int c;
  while (result == PARSE_OK && (c = wspToolGetopt("wsp-opt", argc, argv, options)) != -1) {
    switch (c) {
    case WSP_TOOL_OPT_HELP: printHelp(stdout); result = PARSE_EXIT_OK; break;
    case WSP_TOOL_OPT_VERSION: wspToolPrintVersion(stdout); result = PARSE_EXIT_OK; break;
    case OPT_LIST_PASSES: listPasses(stdout); result = PARSE_EXIT_OK; break;
    case OPT_SHOW_DIALECTS: showDialects(stdout); result = PARSE_EXIT_OK; break;
    case WSP_TOOL_OPT_OUTPUT: o->output = optarg; break;
    case OPT_PASS_PIPELINE: o->pipelines[o->numPipelines++] = optarg; break;
    case OPT_SPLIT_INPUT_FILE:
      o->splitMarker = optarg ? optarg : WSP_TOOL_SPLIT_MARKER;
      if (!*o->splitMarker) {
        fputs("wsp-opt: error: '--split-input-file=' needs a non-empty marker\n", stderr);
        result = PARSE_ERROR;
      }
      break;
    case OPT_OUTPUT_SPLIT_MARKER: o->outputSplitMarker = optarg; break;
    case OPT_VERIFY_DIAGNOSTICS: {
      int mode = optarg ? wspToolParseChoice("wsp-opt", "verify-diagnostics", optarg,
                                             "all|only-expected")
                        : 0;
      o->verifyDiagnostics = mode >= 0;
      o->onlyExpected = mode == 1;
      if (mode < 0)
        result = PARSE_ERROR;
      break;
    }
    case OPT_ALLOW_UNREGISTERED: o->allowUnregistered = true; break;
    case OPT_EMIT_BYTECODE: o->emitBytecode = true; break;
    case OPT_PRINT_BEFORE: addPassNames(&o->printBeforePasses, &o->numPrintBefore, optarg); break;
    case OPT_PRINT_AFTER: addPassNames(&o->printAfterPasses, &o->numPrintAfter, optarg); break;
    case OPT_PRINT_BEFORE_ALL: o->printBefore = true; break;
    case OPT_PRINT_AFTER_ALL: o->printAfter = true; break;
    case OPT_PRINT_AFTER_CHANGE: o->printAfterChange = true; break;
    case OPT_PRINT_AFTER_FAILURE: o->printAfterFailure = true; break;
    case OPT_TREE_DIR: o->treeDir = optarg; break;
    case OPT_TIMING: o->timing = true; break;
    case OPT_TIMING_DISPLAY: {
      int mode = wspToolParseChoice("wsp-opt", "mlir-timing-display", optarg, "list|tree");
      o->timingList = mode == 0;
      if (mode < 0)
        result = PARSE_ERROR;
      break;
    }
    case OPT_STATISTICS: o->statistics = true; break;
    case OPT_STATISTICS_DISPLAY: {
      int mode = wspToolParseChoice("wsp-opt", "mlir-pass-statistics-display", optarg,
                                    "list|pipeline");
      o->statisticsList = mode == 0;
      if (mode < 0)
        result = PARSE_ERROR;
      break;
    }
    case OPT_GENERIC: o->generic = true; break;
    case OPT_DEBUGINFO: o->debugInfo = true; break;
    case OPT_DISABLE_THREADING: break; /* contexts are single-threaded already */
    case OPT_VERIFY_EACH:
      if (!wspToolParseBool("wsp-opt", "verify-each", optarg, &o->verifyEach))
        result = PARSE_ERROR;
      break;
    case OPT_REPRODUCER: o->reproducer = optarg; break;
    default:
      if (c >= OPT_WSP_PASS && c < OPT_WSP_PASS + (int)numPasses)
        addShorthand(o, (size_t)(c - OPT_WSP_PASS), optarg, storage);
      else
        result = PARSE_ERROR; /* reported by wspToolGetopt */
      break;
    }
  }
  free(options);
  if (result != PARSE_OK)
    return result;
  if (optind < argc)
    o->input = argv[optind++];
  if (optind < argc) {
    fprintf(stderr, "wsp-opt: error: more than one input file ('%s' and '%s')\n", o->input,
            argv[optind]);
    return PARSE_ERROR;
  }
  if (!o->input)
    o->input = "-";
  if (o->emitBytecode && o->splitMarker) {
    fputs("wsp-opt: error: '--emit-bytecode' writes one module; it cannot be combined with "
          "'--split-input-file'\n", stderr);
    return PARSE_ERROR;
  }
  return PARSE_OK;
}

/*===--- processing -------------------------------------------------------===*/

/* Written only when a chunk fails (the run exits 1 anyway); a reproducer
   that cannot be written or is cut short says so, naming the path and why
   (the path is never removed: it may be a device such as /dev/full). */
static void writeReproducer(const Options *o, const WspToolChunk *chunk) {
  FILE *f = fopen(o->reproducer, "w");
  if (!f) {
    fprintf(stderr, "wsp-opt: error: --mlir-generate-reproducer: cannot write '%s': %s; name "
                    "a file in a writable directory\n",
            o->reproducer, strerror(errno));
    return;
  }
  errno = 0;
  fprintf(f, "// wsp-opt reproducer (%s); rerun with:\n//   wsp-opt", wspGetVersionString());
  for (size_t i = 0; i < o->numPipelines; ++i)
    fprintf(f, " --pass-pipeline='%s'", o->pipelines[i]);
  fprintf(f, " %s\n", o->reproducer);
  /* Skip the padding lines so the file is just the failing input. */
  const char *text = chunk->text + (chunk->firstLine - 1);
  size_t length = chunk->length - (chunk->firstLine - 1);
  bool ok = fwrite(text, 1, length, f) == length && !ferror(f);
  ok = fclose(f) == 0 && ok;
  if (!ok) {
    fprintf(stderr, "wsp-opt: error: --mlir-generate-reproducer: cannot write '%s': %s; the "
                    "reproducer is incomplete\n",
            o->reproducer, strerror(errno ? errno : EIO));
    return;
  }
  fprintf(stderr, "wsp-opt: wrote reproducer to '%s'\n", o->reproducer);
}

/* --mlir-print-ir-tree-dir: MLIR creates the directory tree itself while the
   passes run, and only prints a line when it cannot (the run still
   succeeds, the dumps are lost). Create it up front, like MLIR (parents
   too), and refuse to run when it is not a directory wsp-opt can write. */
static bool prepareTreeDir(const char *dir) {
  WspStringBuffer path;
  wspStringBufferInit(&path);
  const char *why = NULL;
  int error = 0;
  for (const char *p = dir;; ++p) {
    if ((*p == '/' || !*p) && p != dir) {
      wspStringBufferClear(&path);
      wspStringBufferAppend(&path, dir, (size_t)(p - dir));
      if (mkdir(path.data, 0777) != 0 && errno != EEXIST) {
        error = errno;
        break;
      }
    }
    if (!*p)
      break;
  }
  struct stat st;
  if (!error && stat(dir, &st) != 0)
    error = errno;
  else if (!error && !S_ISDIR(st.st_mode))
    error = ENOTDIR;
  else if (!error && access(dir, W_OK | X_OK) != 0)
    error = errno;
  why = error ? strerror(error) : NULL;
  if (why)
    fprintf(stderr, "wsp-opt: error: --mlir-print-ir-tree-dir: cannot write IR dumps under "
                    "'%s': %s; name a directory wsp-opt can create or write\n",
            dir, why);
  wspStringBufferFree(&path);
  return why == NULL;
}

/*===--- --mlir-print-ir-before/after=<pass> ------------------------------===*/

/* The MLIR C API prints the IR around every pass or none. For a per-pass
   choice, every dump goes to files in a directory (MLIR's tree printing,
   one file per dump, `<n>_<pass>.mlir`) and the chosen ones are printed to
   stderr in order afterwards. */
typedef struct Dump {
  unsigned long index;
  char *path;
} Dump;

static void collectDumps(const char *dir, Dump **dumps, size_t *count) {
  DIR *d = opendir(dir);
  if (!d)
    return;
  struct dirent *entry;
  while ((entry = readdir(d))) {
    if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
      continue;
    WspStringBuffer path;
    wspStringBufferInit(&path);
    wspStringBufferAppendf(&path, "%s/%s", dir, entry->d_name);
    struct stat st;
    if (stat(path.data, &st) == 0 && S_ISDIR(st.st_mode)) {
      collectDumps(path.data, dumps, count);
      wspStringBufferFree(&path);
      continue;
    }
    *dumps = wspRealloc(*dumps, (*count + 1) * sizeof(Dump));
    (*dumps)[*count].index = strtoul(entry->d_name, NULL, 10);
    (*dumps)[(*count)++].path = wspStringBufferTake(&path);
  }
  closedir(d);
}

static int compareDumps(const void *a, const void *b) {
  unsigned long x = ((const Dump *)a)->index, y = ((const Dump *)b)->index;
  return x < y ? -1 : x > y;
}

/* Whether a dump's header names one of the passes ("... Before CSE (cse) ..."). */
static bool dumpNames(const char *header, const char *const *passes, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    char needle[256];
    snprintf(needle, sizeof needle, "(%s)", passes[i]);
    if (strstr(header, needle))
      return true;
  }
  return false;
}

/* Prints the chosen dumps under `dir` to stderr; removes every dump file
   when `removeAll`, else only those not chosen. */
static void filterDumps(const Options *o, const char *dir, bool removeAll) {
  Dump *dumps = NULL;
  size_t count = 0;
  collectDumps(dir, &dumps, &count);
  qsort(dumps, count, sizeof(Dump), compareDumps);
  for (size_t i = 0; i < count; ++i) {
    WspStringBuffer text;
    wspStringBufferInit(&text);
    bool read = wspToolReadInput(dumps[i].path, &text);
    const char *header = text.data ? text.data : "";
    const char *eol = strchr(header, '\n');
    char *first = wspStrndup(header, eol ? (size_t)(eol - header) : strlen(header));
    bool before = strstr(first, "IR Dump Before ") != NULL;
    bool chosen = before ? o->printBefore || dumpNames(first, o->printBeforePasses,
                                                       o->numPrintBefore)
                         : o->printAfter || o->printAfterChange || o->printAfterFailure ||
                               dumpNames(first, o->printAfterPasses, o->numPrintAfter);
    if (read && chosen && removeAll)
      fwrite(text.data, 1, text.length, stderr);
    if (removeAll || !chosen)
      remove(dumps[i].path);
    free(first);
    wspStringBufferFree(&text);
    free(dumps[i].path);
  }
  free(dumps);
}

static void removeTree(const char *dir) {
  DIR *d = opendir(dir);
  if (d) {
    struct dirent *entry;
    while ((entry = readdir(d))) {
      if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
        continue;
      WspStringBuffer path;
      wspStringBufferInit(&path);
      wspStringBufferAppendf(&path, "%s/%s", dir, entry->d_name);
      removeTree(path.data);
      wspStringBufferFree(&path);
    }
    closedir(d);
  }
  remove(dir);
}

/*===--- --mlir-timing-display=list ---------------------------------------===*/

/* MLIR's C API prints timing as a tree. The list form (mlir-opt's default)
   merges rows of the same name and sorts them by time, Rest and Total last. */
typedef struct TimingRow {
  double seconds, percent;
  char *name;
} TimingRow;

static int compareRows(const void *a, const void *b) {
  double x = ((const TimingRow *)a)->seconds, y = ((const TimingRow *)b)->seconds;
  return x > y ? -1 : x < y;
}

static void printTimingAsList(const char *report, FILE *out) {
  const char *rows = strstr(report, "----Name----");
  if (!rows) {
    fputs(report, out);
    return;
  }
  const char *eol = strchr(rows, '\n');
  rows = eol ? eol + 1 : rows + strlen(rows);
  fwrite(report, 1, (size_t)(rows - report), out);
  TimingRow *list = NULL, rest = {0, 0, NULL}, total = {0, 0, NULL};
  size_t count = 0;
  for (const char *line = rows; *line;) {
    eol = strchr(line, '\n');
    size_t length = eol ? (size_t)(eol - line) : strlen(line);
    char *text = wspStrndup(line, length);
    double seconds = 0, percent = 0;
    int consumed = 0;
    if (sscanf(text, " %lf ( %lf%%) %n", &seconds, &percent, &consumed) == 2 && consumed) {
      const char *name = text + consumed;
      size_t n = strlen(name);
      TimingRow *row = NULL;
      if (!strcmp(name, "Rest"))
        row = &rest;
      else if (!strcmp(name, "Total"))
        row = &total;
      else if (n < 9 || strcmp(name + n - 9, " Pipeline") != 0) {
        for (size_t i = 0; i < count && !row; ++i)
          if (!strcmp(list[i].name, name))
            row = &list[i];
        if (!row) {
          list = wspRealloc(list, (count + 1) * sizeof(TimingRow));
          row = &list[count++];
          row->seconds = row->percent = 0;
          row->name = wspStrdup(name);
        }
      }
      if (row) {
        row->seconds += seconds;
        row->percent += percent;
      }
    } else if (length) {
      fprintf(out, "%s\n", text);
    }
    free(text);
    line = eol ? eol + 1 : line + length;
  }
  qsort(list, count, sizeof(TimingRow), compareRows);
  for (size_t i = 0; i < count; ++i) {
    fprintf(out, "%10.4f (%5.1f%%)  %s\n", list[i].seconds, list[i].percent, list[i].name);
    free(list[i].name);
  }
  fprintf(out, "%10.4f (%5.1f%%)  Rest\n%10.4f (%5.1f%%)  Total\n", rest.seconds, rest.percent,
          total.seconds, total.percent);
  free(list);
}

/* Destroys the pass manager (which prints the timing report to stderr),
   capturing the report to print it as a list. */
static void destroyWithTimingList(WspPassManager pm) {
  fflush(stderr);
  FILE *capture = tmpfile();
  int saved = capture ? dup(STDERR_FILENO) : -1;
  if (saved < 0 || dup2(fileno(capture), STDERR_FILENO) < 0) {
    wspPassManagerDestroy(pm); /* cannot capture: the tree form, unchanged */
    if (saved >= 0)
      close(saved);
    if (capture)
      fclose(capture);
    return;
  }
  wspPassManagerDestroy(pm);
  fflush(stderr);
  dup2(saved, STDERR_FILENO);
  close(saved);
  rewind(capture);
  WspStringBuffer report;
  wspStringBufferInit(&report);
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, capture)) > 0)
    wspStringBufferAppend(&report, chunk, n);
  fclose(capture);
  printTimingAsList(report.data ? report.data : "", stderr);
  wspStringBufferFree(&report);
}

typedef enum { CHUNK_OK, CHUNK_FAILED, CHUNK_BAD_PIPELINE } ChunkResult;

static ChunkResult processChunk(const Options *o, const WspToolChunk *chunk, const char *fileName,
                                WspStringBuffer *output) {
  WspContext ctx = wspContextCreate();
  if (wspContextIsNull(ctx))
    return CHUNK_FAILED;
  if (o->allowUnregistered)
    mlirContextSetAllowUnregisteredDialects(wspContextGetMlirContext(ctx), true);
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
  bool perPass = o->numPrintBefore || o->numPrintAfter;
  char scratchDir[] = "/tmp/wsp-opt-ir-XXXXXX";
  const char *treeDir = o->treeDir;
  if (perPass && !treeDir && !(treeDir = mkdtemp(scratchDir))) {
    fprintf(stderr, "wsp-opt: error: --mlir-print-ir-before/after=<pass>: cannot create a "
                    "scratch directory under /tmp: %s\n", strerror(errno));
    wspPassManagerDestroy(pm);
    wspContextDestroy(ctx);
    return CHUNK_BAD_PIPELINE;
  }
  if (o->printBefore || o->printAfter || o->printAfterChange || o->printAfterFailure || perPass)
    wspPassManagerEnableIRPrinting(pm, o->printBefore || o->numPrintBefore,
                                   o->printAfter || o->numPrintAfter, o->printAfterChange,
                                   o->printAfterFailure, o->generic, treeDir);
  if (o->timing)
    wspPassManagerEnableTiming(pm);
  if (o->statistics)
    mlirPassManagerEnableStatistics(wspPassManagerGetMlirPassManager(pm),
                                    o->statisticsList ? MLIR_PASS_DISPLAY_MODE_LIST
                                                      : MLIR_PASS_DISPLAY_MODE_PIPELINE);
  MlirModule module = wspParseSourceString(ctx, chunk->text, chunk->length, fileName);
  bool ok = !mlirModuleIsNull(module) && wspPassManagerRun(pm, module);
  if (perPass && treeDir)
    filterDumps(o, treeDir, !o->treeDir);
  if (perPass && treeDir && !o->treeDir)
    removeTree(treeDir);
  if (ok && o->emitBytecode) {
    mlirOperationWriteBytecode(mlirModuleGetOperation(module), wspStringBufferCallback, output);
  } else if (ok) {
    char *text = wspOperationPrintToString(mlirModuleGetOperation(module), o->generic,
                                           o->debugInfo);
    wspStringBufferAppendStr(output, text);
    wspStringBufferAppendStr(output, "\n");
    wspStringDestroy(text);
  } else if (o->reproducer && !mlirModuleIsNull(module)) {
    writeReproducer(o, chunk);
  }
  if (o->verifyDiagnostics)
    ok = wspToolCheckExpectationsMode(ctx, chunk, fileName, o->onlyExpected);
  if (!mlirModuleIsNull(module))
    mlirModuleDestroy(module);
  if (o->timing && o->timingList)
    destroyWithTimingList(pm);
  else
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
  bool printing = o->printBefore || o->printAfter || o->printAfterChange ||
                  o->printAfterFailure || o->numPrintBefore || o->numPrintAfter;
  if (o->treeDir && printing && !prepareTreeDir(o->treeDir)) {
    wspStringBufferFree(&input);
    return 1;
  }
  const char *fileName = strcmp(o->input, "-") ? o->input : "<stdin>";
  WspToolChunk *chunks = NULL;
  size_t numChunks = wspToolSplitInputAt(input.data ? input.data : "", input.length,
                                         o->splitMarker, &chunks);
  bool failed = false;
  for (size_t i = 0; i < numChunks; ++i) {
    ChunkResult r = processChunk(o, &chunks[i], fileName, &output);
    failed |= r != CHUNK_OK;
    if (r == CHUNK_BAD_PIPELINE)
      break; /* the same pipeline would fail on every chunk */
    if (i + 1 < numChunks && o->splitMarker)
      wspStringBufferAppendf(&output, "%s\n",
                             o->outputSplitMarker ? o->outputSplitMarker : WSP_TOOL_SPLIT_MARKER);
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
  free(o.printBeforePasses);
  free(o.printAfterPasses);
  return status;
}
