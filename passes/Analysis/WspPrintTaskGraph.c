/* wsp-print-task-graph: prints the task instances a statically bounded
   workload (and the processes it spawns) submits and the dependency edges
   between them (RAW, WAW, WAR on overlapping tile regions; channel and credit
   edges from CSP tokens), as JSON or Graphviz DOT. An analysis: the IR is
   left untouched. Semantics and the JSON schema: docs/dependencies.md and
   docs/csp.md. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "PassRegistry.h"
#include "Support/StringBuffer.h"
#include "TaskGraph.h"
#include "jansson.h"
#include "mlir-c/BuiltinAttributes.h"
#include "wsp-c/Diagnostics.h"

static const char kPassName[] = "wsp-print-task-graph";

/*===--- JSON (jansson) --------------------------------------------------===*/

/* The JSON is built with jansson, which escapes strings and refuses bytes
   that are not UTF-8. The layout stays one node and one edge per line, so
   tests can match them line by line: each element is dumped on its own
   (jansson's default separators, keys in insertion order). */
typedef struct JsonState {
  WspPassRun *run;
  bool ok;
} JsonState;

/* A JSON string; text that is not UTF-8 is a located error naming it. */
static json_t *jsonString(JsonState *st, MlirOperation at, const char *what, const char *text,
                          size_t length) {
  json_t *s = json_stringn(text, length);
  if (s)
    return s;
  if (st->ok) { /* the name as MLIR writes it: bytes beyond ASCII as \XX */
    WspStringBuffer shown;
    wspStringBufferInit(&shown);
    for (size_t i = 0; i < length; ++i) {
      unsigned char c = (unsigned char)text[i];
      if (c >= 0x20 && c < 0x7f)
        wspStringBufferAppend(&shown, &text[i], 1);
      else
        wspStringBufferAppendf(&shown, "\\%02X", c);
    }
    wspEmitErrorf(st->run->context, mlirOperationGetLocation(at),
                  "%s: the %s \"%s\" is not valid UTF-8, which JSON cannot carry; rename it, "
                  "or print the graph with format=dot",
                  kPassName, what, shown.data ? shown.data : "");
    wspStringBufferFree(&shown);
  }
  st->ok = false;
  return json_null();
}

/* "file:line:col", or null when the task has no file location. */
static json_t *jsonLoc(JsonState *st, MlirOperation op) {
  MlirStringRef file;
  unsigned line, column;
  if (!wspLocationGetFileLineCol(mlirOperationGetLocation(op), &file, &line, &column))
    return json_null();
  WspStringBuffer text;
  wspStringBufferInit(&text);
  wspStringBufferAppendf(&text, "%.*s:%u:%u", (int)file.length, file.data, line, column);
  json_t *loc = jsonString(st, op, "file name", text.data, text.length);
  wspStringBufferFree(&text);
  return loc;
}

/* Unbounded sizes (dynamic dimensions of a whole-tensor argument) are null. */
static json_t *jsonInts(const int64_t *values, unsigned n) {
  json_t *array = json_array();
  for (unsigned i = 0; i < n; ++i)
    json_array_append_new(array, values[i] == WSP_TG_UNBOUNDED ? json_null()
                                                                : json_integer(values[i]));
  return array;
}

static json_t *jsonArg(JsonState *st, const WspTaskGraph *g, MlirOperation op,
                       const WspTaskArg *arg) {
  json_t *object = json_object();
  json_object_set_new(object, "mode", json_string(wspAccessModeName(arg->mode)));
  if (arg->mode != WSP_ACCESS_SCALAR) {
    const WspTileRegion *r = &arg->region;
    const char *root = g->roots[r->root].name;
    json_object_set_new(object, "root", jsonString(st, op, "tensor name", root, strlen(root)));
    json_object_set_new(object, "offsets", jsonInts(r->offsets, r->rank));
    json_object_set_new(object, "sizes", jsonInts(r->sizes, r->rank));
    bool unit = true;
    for (unsigned d = 0; d < r->rank; ++d)
      unit &= r->strides[d] == 1;
    if (!unit) /* only when it carries information: keeps tile lines short */
      json_object_set_new(object, "strides", jsonInts(r->strides, r->rank));
  }
  return object;
}

static json_t *jsonNode(JsonState *st, const WspTaskGraph *g, size_t id) {
  const WspTaskNode *node = &g->nodes[id];
  MlirStringRef process = g->processes[node->process].name;
  json_t *object = json_object();
  json_object_set_new(object, "id", json_integer((json_int_t)id));
  json_object_set_new(object, "kernel", jsonString(st, node->op, "kernel name",
                                                   node->kernel.data, node->kernel.length));
  json_object_set_new(object, "process", jsonString(st, node->op, "process name",
                                                    process.data, process.length));
  json_object_set_new(object, "loc", jsonLoc(st, node->op));
  json_t *args = json_array();
  for (size_t i = 0; i < node->numArgs; ++i)
    json_array_append_new(args, jsonArg(st, g, node->op, &g->args[node->firstArg + i]));
  json_object_set_new(object, "args", args);
  return object;
}

/* Appends `value` (released) as compact one-line JSON. */
static void appendJson(WspStringBuffer *out, json_t *value) {
  char *text = json_dumps(value, JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
  wspStringBufferAppendStr(out, text ? text : "null");
  free(text);
  json_decref(value);
}

static bool printJson(WspPassRun *run, const WspTaskGraph *g, WspStringBuffer *out) {
  JsonState st = {run, true};
  MlirAttribute sym = mlirOperationGetAttributeByName(g->workload,
                                                      mlirStringRefCreateFromCString("sym_name"));
  MlirStringRef name = mlirAttributeIsAString(sym) ? mlirStringAttrGetValue(sym)
                                                   : mlirStringRefCreateFromCString("");
  wspStringBufferAppendStr(out, "{\n  \"workload\": ");
  appendJson(out, jsonString(&st, g->workload, "workload name", name.data, name.length));
  wspStringBufferAppendStr(out, ",\n  \"nodes\": [");
  for (size_t i = 0; i < g->numNodes; ++i) {
    wspStringBufferAppendStr(out, i ? ",\n    " : "\n    ");
    appendJson(out, jsonNode(&st, g, i));
  }
  wspStringBufferAppendStr(out, g->numNodes ? "\n  ],\n  \"edges\": [" : "],\n  \"edges\": [");
  for (size_t i = 0; i < g->edges.length; ++i) {
    const WspTaskEdge *e = &g->edges.data[i];
    json_t *edge = json_object();
    json_object_set_new(edge, "from", json_integer((json_int_t)e->from));
    json_object_set_new(edge, "to", json_integer((json_int_t)e->to));
    json_object_set_new(edge, "kind", json_string(wspHazardKindName(e->kind)));
    wspStringBufferAppendStr(out, i ? ",\n    " : "\n    ");
    appendJson(out, edge);
  }
  wspStringBufferAppendStr(out, g->edges.length ? "\n  ]\n}\n" : "]\n}\n");
  return st.ok;
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
  WspTaskGraphOptions options = wspTaskGraphOptionsOf(run, kPassName);
  WspTaskGraph graph;
  wspTaskGraphInit(&graph);
  bool ok = wspTaskGraphBuild(run->context, run->op, &options, &graph);
  if (ok) {
    WspStringBuffer text;
    wspStringBufferInit(&text);
    if (strcmp(wspPassOptionGetString(run, "format"), "dot") == 0)
      printDot(&graph, &text);
    else
      ok = printJson(run, &graph, &text);
    ok = ok && writeText(run, wspPassOptionGetString(run, "output"), &text);
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
    WSP_TASK_GRAPH_MAX_TASKS_OPTION("100000",
                                    "error when the program submits more task instances than this"),
    WSP_TASK_GRAPH_MAX_MEMORY_OPTION(
        "error when the analysis needs more than this many MB (0: no limit)"),
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
