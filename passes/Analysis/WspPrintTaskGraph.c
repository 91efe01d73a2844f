/* wsp-print-task-graph: prints the task instances a statically bounded
   workload (and the processes it spawns) submits and the dependency edges
   between them (RAW, WAW, WAR on overlapping tile regions; channel and credit
   edges from CSP tokens), as JSON or Graphviz DOT. An analysis: the IR is
   left untouched. Semantics and the JSON schema: docs/dependencies.md and
   docs/csp.md. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "PassRegistry.h"
#include "Support/StringBuffer.h"
#include "TaskGraph.h"
#include "mlir-c/BuiltinAttributes.h"
#include "wsp-c/Diagnostics.h"

static const char kPassName[] = "wsp-print-task-graph";

/*===--- JSON -------------------------------------------------------------===*/

static void appendJsonString(WspStringBuffer *out, const char *text, size_t length) {
  wspStringBufferAppendStr(out, "\"");
  for (size_t i = 0; i < length; ++i) {
    unsigned char c = (unsigned char)text[i];
    if (c == '"' || c == '\\')
      wspStringBufferAppendf(out, "\\%c", c);
    else if (c < 0x20)
      wspStringBufferAppendf(out, "\\u%04x", c);
    else
      wspStringBufferAppend(out, (const char *)&text[i], 1);
  }
  wspStringBufferAppendStr(out, "\"");
}

/* "file:line:col", or null when the task has no file location. */
static void appendJsonLoc(WspStringBuffer *out, MlirOperation op) {
  MlirStringRef file;
  unsigned line, column;
  if (!wspLocationGetFileLineCol(mlirOperationGetLocation(op), &file, &line, &column)) {
    wspStringBufferAppendStr(out, "null");
    return;
  }
  WspStringBuffer text;
  wspStringBufferInit(&text);
  wspStringBufferAppendf(&text, "%.*s:%u:%u", (int)file.length, file.data, line, column);
  appendJsonString(out, text.data, text.length);
  wspStringBufferFree(&text);
}

/* Unbounded sizes (dynamic dimensions of a whole-tensor argument) print as
   null. */
static void appendJsonInts(WspStringBuffer *out, const char *key, const int64_t *values,
                           unsigned n) {
  wspStringBufferAppendf(out, ", \"%s\": [", key);
  for (unsigned i = 0; i < n; ++i) {
    if (values[i] == WSP_TG_UNBOUNDED)
      wspStringBufferAppendf(out, "%snull", i ? ", " : "");
    else
      wspStringBufferAppendf(out, "%s%" PRId64, i ? ", " : "", values[i]);
  }
  wspStringBufferAppendStr(out, "]");
}

static void appendJsonArg(WspStringBuffer *out, const WspTaskGraph *g, const WspTaskArg *arg) {
  wspStringBufferAppendf(out, "{\"mode\": \"%s\"", wspAccessModeName(arg->mode));
  if (arg->mode != WSP_ACCESS_SCALAR) {
    const WspTileRegion *r = &arg->region;
    const char *root = g->roots[r->root].name;
    wspStringBufferAppendStr(out, ", \"root\": ");
    appendJsonString(out, root, strlen(root));
    appendJsonInts(out, "offsets", r->offsets, r->rank);
    appendJsonInts(out, "sizes", r->sizes, r->rank);
    bool unit = true;
    for (unsigned d = 0; d < r->rank; ++d)
      unit &= r->strides[d] == 1;
    if (!unit) /* only when it carries information: keeps tile lines short */
      appendJsonInts(out, "strides", r->strides, r->rank);
  }
  wspStringBufferAppendStr(out, "}");
}

static void appendJsonNode(WspStringBuffer *out, const WspTaskGraph *g, size_t id) {
  const WspTaskNode *node = &g->nodes[id];
  MlirStringRef process = g->processes[node->process].name;
  wspStringBufferAppendf(out, "    {\"id\": %zu, \"kernel\": ", id);
  appendJsonString(out, node->kernel.data, node->kernel.length);
  wspStringBufferAppendStr(out, ", \"process\": ");
  appendJsonString(out, process.data, process.length);
  wspStringBufferAppendStr(out, ", \"loc\": ");
  appendJsonLoc(out, node->op);
  wspStringBufferAppendStr(out, ", \"args\": [");
  for (size_t i = 0; i < node->numArgs; ++i) {
    if (i)
      wspStringBufferAppendStr(out, ", ");
    appendJsonArg(out, g, &g->args[node->firstArg + i]);
  }
  wspStringBufferAppendStr(out, "]}");
}

/* One node and one edge per line, so tests can match them line by line. */
static void printJson(const WspTaskGraph *g, WspStringBuffer *out) {
  MlirAttribute sym = mlirOperationGetAttributeByName(g->workload,
                                                      mlirStringRefCreateFromCString("sym_name"));
  MlirStringRef name = mlirAttributeIsAString(sym) ? mlirStringAttrGetValue(sym)
                                                   : mlirStringRefCreateFromCString("");
  wspStringBufferAppendStr(out, "{\n  \"workload\": ");
  appendJsonString(out, name.data, name.length);
  wspStringBufferAppendStr(out, ",\n  \"nodes\": [");
  for (size_t i = 0; i < g->numNodes; ++i) {
    wspStringBufferAppendStr(out, i ? ",\n" : "\n");
    appendJsonNode(out, g, i);
  }
  wspStringBufferAppendStr(out, g->numNodes ? "\n  ],\n  \"edges\": [" : "],\n  \"edges\": [");
  for (size_t i = 0; i < g->edges.length; ++i) {
    const WspTaskEdge *e = &g->edges.data[i];
    wspStringBufferAppendf(out, "%s    {\"from\": %zu, \"to\": %zu, \"kind\": \"%s\"}",
                           i ? ",\n" : "\n", e->from, e->to, wspHazardKindName(e->kind));
  }
  wspStringBufferAppendStr(out, g->edges.length ? "\n  ]\n}\n" : "]\n}\n");
}

/*===--- DOT --------------------------------------------------------------===*/

static void appendDotText(WspStringBuffer *out, MlirStringRef text) {
  for (size_t c = 0; c < text.length; ++c) {
    if (text.data[c] == '"' || text.data[c] == '\\')
      wspStringBufferAppendStr(out, "\\");
    wspStringBufferAppend(out, &text.data[c], 1);
  }
}

/* Tasks of spawned processes name their process: "t3: compute (consumer)". */
static void printDot(const WspTaskGraph *g, WspStringBuffer *out) {
  wspStringBufferAppendStr(out, "digraph tasks {\n");
  for (size_t i = 0; i < g->numNodes; ++i) {
    wspStringBufferAppendf(out, "  t%zu [label=\"t%zu: ", i, i);
    appendDotText(out, g->nodes[i].kernel);
    if (g->nodes[i].process != 0) {
      wspStringBufferAppendStr(out, " (");
      appendDotText(out, g->processes[g->nodes[i].process].name);
      wspStringBufferAppendStr(out, ")");
    }
    wspStringBufferAppendStr(out, "\"]\n");
  }
  for (size_t i = 0; i < g->edges.length; ++i) {
    const WspTaskEdge *e = &g->edges.data[i];
    wspStringBufferAppendf(out, "  t%zu -> t%zu [label=\"%s\"]\n", e->from, e->to,
                           wspHazardKindName(e->kind));
  }
  wspStringBufferAppendStr(out, "}\n");
}

/*===--- the pass ---------------------------------------------------------===*/

static bool writeText(WspPassRun *run, const char *path, const WspStringBuffer *text) {
  const char *data = text->data ? text->data : "";
  if (strcmp(path, "-") == 0) {
    fwrite(data, 1, text->length, stdout);
    fflush(stdout); /* keep the graph ordered with diagnostics on stderr */
    return true;
  }
  FILE *f = fopen(path, "w");
  if (!f) {
    wspEmitErrorf(run->context, mlirOperationGetLocation(run->op),
                  "%s: cannot open output file '%s': %s", kPassName, path, strerror(errno));
    return false;
  }
  bool ok = fwrite(data, 1, text->length, f) == text->length;
  ok &= fclose(f) == 0;
  if (!ok)
    wspEmitErrorf(run->context, mlirOperationGetLocation(run->op),
                  "%s: cannot write output file '%s'", kPassName, path);
  return ok;
}

static bool runPrintTaskGraph(WspPassRun *run) {
  WspTaskGraphOptions options = {
      .client = kPassName,
      .workload = wspPassOptionGetString(run, "workload"),
      .maxTasks = wspPassOptionGetInt(run, "max-tasks"),
  };
  WspTaskGraph graph;
  wspTaskGraphInit(&graph);
  bool ok = wspTaskGraphBuild(run->context, run->op, &options, &graph);
  if (ok) {
    WspStringBuffer text;
    wspStringBufferInit(&text);
    if (strcmp(wspPassOptionGetString(run, "format"), "dot") == 0)
      printDot(&graph, &text);
    else
      printJson(&graph, &text);
    ok = writeText(run, wspPassOptionGetString(run, "output"), &text);
    wspStringBufferFree(&text);
  }
  wspTaskGraphFree(&graph);
  return ok;
}

static const WspPassOptionInfo kOptions[] = {
    {"format", WSP_OPTION_ENUM, "json", "json|dot", "output format: JSON or Graphviz DOT"},
    {"output", WSP_OPTION_STRING, "-", NULL, "file to write the graph to ('-' = stdout)"},
    {"workload", WSP_OPTION_STRING, "", NULL,
     "the workload function to analyse when several have wsp.workload"},
    {"max-tasks", WSP_OPTION_INT, "100000", "1..100000000",
     "error when the program submits more task instances than this"},
};

const WspPassInfo wspPrintTaskGraphPassInfo = {
    .name = kPassName,
    .summary = "Print the static task graph (task instances; RAW/WAW/WAR, channel and credit "
               "edges) of a workload with static loop bounds",
    .options = kOptions,
    .numOptions = sizeof kOptions / sizeof kOptions[0],
    .run = runPrintTaskGraph,
    .pipeline = NULL,
};
