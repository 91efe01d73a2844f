/* wsp-check-fanin: rejects task graphs the pinned runtime would silently
   mis-run because of its fixed per-task dependency limits.

   - tensormap_and_ringbuffer records at most 16 producers per task
     (PTO2_MAX_INPUTS at 41d5c94a); producers the TensorMap finds beyond
     that are dropped without an error, so the task may run before data it
     reads is written.
   - host_build_graph gives each task at most 512 successors
     (add_successor's fanout at 41d5c94a).

   The check needs the exact graph, so it runs the static task-graph analysis
   (docs/dependencies.md). For a program it cannot evaluate statically
   (dynamic loop bounds, symbols, an op it does not interpret, more task
   instances than max-tasks), the check cannot be made: the pass then says
   so once with a warning, naming the reason the analysis gave, instead of
   failing or staying silent. */
#include <stdlib.h>
#include <string.h>

#include "IRUtil.h"
#include "PassRegistry.h"
#include "Support/StringBuffer.h"
#include "TaskGraph.h"
#include "wsp-c/Diagnostics.h"

#define TMR_MAX_PRODUCERS 16
#define HBG_MAX_SUCCESSORS 512

static void reportProducers(WspPassRun *run, const WspTaskGraph *g, size_t task, size_t count) {
  const WspTaskNode *n = &g->nodes[task];
  wspEmitErrorf(run->context, mlirOperationGetLocation(n->op),
                "'wsp.task' op: instance #%zu of kernel '%.*s' depends on %zu earlier tasks, but "
                "tensormap_and_ringbuffer (pto-runtime 41d5c94a) records at most %d producers "
                "per task and silently drops the rest, so it could run before its inputs are "
                "written; read the data in pieces written by at most %d tasks each (e.g. one "
                "task per tile), or reduce the tiles first",
                task, (int)n->kernel.length, n->kernel.data, count, TMR_MAX_PRODUCERS,
                TMR_MAX_PRODUCERS);
}

static void reportSuccessors(WspPassRun *run, const WspTaskGraph *g, size_t task, size_t count) {
  const WspTaskNode *n = &g->nodes[task];
  wspEmitErrorf(run->context, mlirOperationGetLocation(n->op),
                "'wsp.task' op: instance #%zu of kernel '%.*s' has %zu dependent tasks, but "
                "host_build_graph (pto-runtime 41d5c94a) allows at most %d successors per task; "
                "split its output so fewer tasks read each piece, or use "
                "tensormap_and_ringbuffer",
                task, (int)n->kernel.length, n->kernel.data, count, HBG_MAX_SUCCESSORS);
}

/* Edges are sorted by (to, from), one per task pair: in-degrees are runs. */
static bool checkDegrees(WspPassRun *run, const WspTaskGraph *g, bool tensormap) {
  size_t *degree = wspCalloc(g->numNodes ? g->numNodes : 1, sizeof(size_t));
  for (size_t i = 0; i < g->edges.length; ++i)
    degree[tensormap ? g->edges.data[i].to : g->edges.data[i].from]++;
  bool ok = true;
  for (size_t t = 0; t < g->numNodes; ++t) {
    if (tensormap && degree[t] > TMR_MAX_PRODUCERS) {
      reportProducers(run, g, t, degree[t]);
      ok = false;
      break; /* one instance names the problem; thousands would bury it */
    }
    if (!tensormap && degree[t] > HBG_MAX_SUCCESSORS) {
      reportSuccessors(run, g, t, degree[t]);
      ok = false;
      break;
    }
  }
  free(degree);
  return ok;
}

/* The workload function's location (where a user looks), else the module's. */
static MlirLocation workloadLocation(MlirOperation module) {
  for (MlirOperation op = mlirBlockGetFirstOperation(wspModuleBody(module));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (wspOpIs(op, "func.func") && wspHasAttr(op, "wsp.workload"))
      return mlirOperationGetLocation(op);
  return mlirOperationGetLocation(module);
}

static bool runCheckFanIn(WspPassRun *run) {
  bool tensormap = strcmp(wspPassOptionGetString(run, "runtime"), "host_build_graph") != 0;
  /* tensormap_and_ringbuffer: the producers wsp needs, the reduced graph.
     host_build_graph: the emitted orchestration's own tracker adds an edge
     for every hazard pair it sees, unreduced, so its successors are counted
     on the unreduced graph (docs/dependencies.md, "Reduced edges"). */
  WspTaskGraphOptions options = {"wsp-check-fanin", "", wspPassOptionGetInt(run, "max-tasks"),
                                 !tensormap};
  WspTaskGraph graph;
  wspTaskGraphInit(&graph);
  bool ok = true;
  /* Errors of the program itself (a deadlock) are wsp-check-deadlock's to
     report; a program that is not static is said once here, with the
     reason the analysis stopped (a run-time value, an op it does not
     evaluate, the max-tasks limit), since the runtime would not say it
     either. */
  char *reason = NULL;
  switch (wspTaskGraphTryBuild(run->context, run->op, &options, &graph, false, &reason)) {
  case WSP_TG_BUILT:
    ok = checkDegrees(run, &graph, tensormap);
    break;
  case WSP_TG_NOT_STATIC:
    wspEmitWarningf(run->context, workloadLocation(run->op),
                    "wsp-check-fanin: the runtime's per-task limit of %d %s is not checked at "
                    "compile time: the program's task graph cannot be built statically (%s)",
                    tensormap ? TMR_MAX_PRODUCERS : HBG_MAX_SUCCESSORS,
                    tensormap ? "producers" : "successors", reason);
    break;
  case WSP_TG_PROGRAM_ERROR:
    break;
  }
  free(reason);
  wspTaskGraphFree(&graph);
  return ok;
}

static const WspPassOptionInfo kOptions[] = {
    {"runtime", WSP_OPTION_ENUM, "tensormap_and_ringbuffer",
     "tensormap_and_ringbuffer|host_build_graph", "the pto-runtime flavor whose limits apply"},
    {"max-tasks", WSP_OPTION_INT, "1000000", "1..100000000",
     "give up (with a warning) when the program submits more task instances than this"},
};

const WspPassInfo wspCheckFanInPassInfo = {
    .name = "wsp-check-fanin",
    .summary = "Reject tasks with more producers (or successors) than the runtime can record",
    .options = kOptions,
    .numOptions = sizeof(kOptions) / sizeof(kOptions[0]),
    .run = runCheckFanIn,
    .pipeline = NULL,
};
