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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "IRUtil.h"
#include "PassRegistry.h"
#include "Support/StringBuffer.h"
#include "TaskGraph.h"
#include "wsp-c/Diagnostics.h"

#define TMR_MAX_PRODUCERS 16
#define HBG_MAX_SUCCESSORS 512

static MlirStringRef kernelOf(MlirOperation task) {
  MlirAttribute kernel = mlirOperationGetAttributeByName(task, mlirStringRefCreateFromCString("kernel"));
  return !mlirAttributeIsNull(kernel) && mlirAttributeIsAFlatSymbolRef(kernel)
             ? mlirFlatSymbolRefAttrGetValue(kernel)
             : mlirStringRefCreateFromCString("?");
}

static void reportProducers(WspPassRun *run, MlirOperation op, size_t task, size_t count) {
  MlirStringRef kernel = kernelOf(op);
  wspEmitErrorf(run->context, mlirOperationGetLocation(op),
                "'wsp.task' op: instance #%zu of kernel '%.*s' depends on %zu earlier tasks, but "
                "tensormap_and_ringbuffer (pto-runtime 41d5c94a) records at most %d producers "
                "per task and silently drops the rest, so it could run before its inputs are "
                "written; read the data in pieces written by at most %d tasks each (e.g. one "
                "task per tile), or reduce the tiles first",
                task, (int)kernel.length, kernel.data, count, TMR_MAX_PRODUCERS,
                TMR_MAX_PRODUCERS);
}

static void reportSuccessors(WspPassRun *run, MlirOperation op, size_t task, size_t count) {
  MlirStringRef kernel = kernelOf(op);
  wspEmitErrorf(run->context, mlirOperationGetLocation(op),
                "'wsp.task' op: instance #%zu of kernel '%.*s' has %zu dependent tasks, but "
                "host_build_graph (pto-runtime 41d5c94a) allows at most %d successors per task; "
                "split its output so fewer tasks read each piece, or use "
                "tensormap_and_ringbuffer",
                task, (int)kernel.length, kernel.data, count, HBG_MAX_SUCCESSORS);
}

/* The degrees, counted as the graph is streamed (no instance records kept,
   docs/performance.md "Instances"). tensormap_and_ringbuffer: a task's
   producers are its incoming edges, known when it is submitted, so only the
   first offender is kept. host_build_graph: successors arrive later, so each
   instance keeps its op and a saturating successor count (12 bytes). */
typedef struct FanIn {
  bool tensormap;
  bool found; /* tensormap: the first task over the limit */
  size_t task, count;
  MlirOperation op;
  MlirOperation *ops; /* host_build_graph: per instance */
  uint32_t *successors;
  size_t numTasks, capTasks;
} FanIn;

static void countTask(void *ctx, size_t task, const WspTaskNode *node, const WspTaskEdge *edges,
                      size_t numEdges) {
  FanIn *f = ctx;
  if (f->tensormap) {
    if (!f->found && numEdges > TMR_MAX_PRODUCERS) {
      f->found = true;
      f->task = task;
      f->count = numEdges;
      f->op = node->op;
    }
    return;
  }
  if (task >= f->capTasks) {
    size_t cap = f->capTasks ? 2 * f->capTasks : 1024;
    while (cap <= task)
      cap *= 2;
    f->ops = wspRealloc(f->ops, cap * sizeof *f->ops);
    f->successors = wspRealloc(f->successors, cap * sizeof *f->successors);
    f->capTasks = cap;
  }
  while (f->numTasks <= task)
    f->successors[f->numTasks++] = 0;
  f->ops[task] = node->op;
  for (size_t i = 0; i < numEdges; ++i)
    if (f->successors[edges[i].from] != UINT32_MAX)
      f->successors[edges[i].from]++;
}

/* One instance names the problem; thousands would bury it. */
static bool checkDegrees(WspPassRun *run, const FanIn *f) {
  if (f->tensormap) {
    if (f->found)
      reportProducers(run, f->op, f->task, f->count);
    return !f->found;
  }
  for (size_t t = 0; t < f->numTasks; ++t)
    if (f->successors[t] > HBG_MAX_SUCCESSORS) {
      reportSuccessors(run, f->ops[t], t, f->successors[t]);
      return false;
    }
  return true;
}

static bool runCheckFanIn(WspPassRun *run) {
  bool tensormap = strcmp(wspPassOptionGetString(run, "runtime"), "host_build_graph") != 0;
  /* tensormap_and_ringbuffer: the producers wsp needs, the reduced graph.
     host_build_graph: the emitted orchestration's own tracker adds an edge
     for every hazard pair it sees, unreduced, so its successors are counted
     on the unreduced graph (docs/dependencies.md, "Reduced edges"). */
  FanIn fanIn = {.tensormap = tensormap};
  WspTaskGraphOptions options = {.client = "wsp-check-fanin",
                                 .workload = "",
                                 .maxTasks = wspPassOptionGetInt(run, "max-tasks"),
                                 .maxMemoryMB = wspPassOptionGetInt(run, "max-memory"),
                                 .unreduced = !tensormap,
                                 .stream = true,
                                 .onTask = countTask,
                                 .onTaskContext = &fanIn};
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
    ok = checkDegrees(run, &fanIn);
    break;
  case WSP_TG_NOT_STATIC:
    wspEmitWarningf(run->context, wspTaskGraphWorkloadLocation(run->op, ""),
                    "wsp-check-fanin: the runtime's per-task limit of %d %s is not checked at "
                    "compile time: the program's task graph cannot be built statically (%s)",
                    tensormap ? TMR_MAX_PRODUCERS : HBG_MAX_SUCCESSORS,
                    tensormap ? "producers" : "successors", reason);
    break;
  case WSP_TG_PROGRAM_ERROR:
    break;
  }
  free(reason);
  free(fanIn.ops);
  free(fanIn.successors);
  wspTaskGraphFree(&graph);
  return ok;
}

static const WspPassOptionInfo kOptions[] = {
    {"runtime", WSP_OPTION_ENUM, "tensormap_and_ringbuffer",
     "tensormap_and_ringbuffer|host_build_graph", "the pto-runtime flavor whose limits apply"},
    {"max-tasks", WSP_OPTION_INT, "10000000", "1..100000000",
     "give up (with a warning) when the program submits more task instances than this"},
    {"max-memory", WSP_OPTION_INT, "700", "0..1048576",
     "give up (with a warning) when the analysis needs more than this many MB (0: no limit)"},
};

const WspPassInfo wspCheckFanInPassInfo = {
    .name = "wsp-check-fanin",
    .summary = "Reject tasks with more producers (or successors) than the runtime can record",
    .options = kOptions,
    .numOptions = sizeof(kOptions) / sizeof(kOptions[0]),
    .run = runCheckFanIn,
    .pipeline = NULL,
};
