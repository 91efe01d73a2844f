/* wsp-check-fanin: rejects task graphs the runtime would mis-run, or stop,
   because of its fixed per-task dependency limits (docs/dependencies.md,
   "Runtime limits").

   pto-runtime 41d5c94a:
   - tensormap_and_ringbuffer records at most 16 producers per task
     (PTO2_MAX_INPUTS); producers the TensorMap finds beyond that are
     dropped without an error, so the task may run before data it reads is
     written. Counted on the reduced graph.
   - host_build_graph gives each task at most 512 successors
     (add_successor's fanout). Counted on the unreduced graph: the emitted
     tracker adds a subset of its edges (their reduction, as far as its walk
     budget proves it), so the count is an upper bound.
   simpler 6ebaf771 drops nothing; a task over its limit stops the run with
   PTO2_ERROR_DEP_POOL_OVERFLOW, which the check reports at compile time:
   - host_build_graph records at most 128 producers per task (PTO2_MAX_FANIN,
     host_build_graph/runtime/pto_runtime2_types.h:118, checked in
     orchestrator_core/pto_orchestrator.cpp:1003);
   - tensormap_and_ringbuffer keeps 64 producers inline
     (PTO2_FANIN_INLINE_CAP, pto_runtime2_types.h:97) and spills the rest to
     the ring's fanin pool (ring_dep_pool entries, default
     PTO2_DEP_LIST_POOL_SIZE = 16384, :73), which cannot free a task's own
     entries before it runs: more than 64 + 16384 producers always fail.
   The producers there are the TensorMap's finds plus the explicit
   dependencies (write-after-read, channel, credit), none reduced: counted
   on the unreduced graph.

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
#include "wsp-c/Emit.h"

#define TMR_MAX_PRODUCERS 16
#define HBG_MAX_SUCCESSORS 512
#define SIMPLER_HBG_MAX_PRODUCERS 128
#define SIMPLER_FANIN_INLINE 64
#define SIMPLER_DEP_POOL 16384

/* The limit that applies: a producer count per task, or (41d5c94a's
   host_build_graph) a successor count. */
typedef struct Limit {
  bool successors;
  bool reduced; /* counted on the reduced graph */
  size_t max;
  const char *runtime; /* for messages */
  const char *source;  /* the runtime's constant */
  const char *effect;  /* what the runtime does past it */
} Limit;

static Limit limitFor(const char *target, bool tensormap) {
  bool simpler = strcmp(target, WSP_EMIT_TARGET_PTO_RUNTIME) != 0;
  if (!simpler && tensormap)
    return (Limit){false, true, TMR_MAX_PRODUCERS,
                   "tensormap_and_ringbuffer (pto-runtime 41d5c94a)", "PTO2_MAX_INPUTS",
                   "silently drops the rest, so it could run before its inputs are written"};
  if (!simpler)
    return (Limit){true, false, HBG_MAX_SUCCESSORS, "host_build_graph (pto-runtime 41d5c94a)",
                   "RUNTIME_MAX_FANOUT", ""};
  if (!tensormap)
    return (Limit){false, false, SIMPLER_HBG_MAX_PRODUCERS, "host_build_graph (simpler 6ebaf771)",
                   "PTO2_MAX_FANIN",
                   "stops the run (PTO2_ERROR_DEP_POOL_OVERFLOW) when a task has more"};
  return (Limit){false, false, SIMPLER_FANIN_INLINE + SIMPLER_DEP_POOL,
                 "tensormap_and_ringbuffer (simpler 6ebaf771)",
                 "PTO2_FANIN_INLINE_CAP 64 + the default ring_dep_pool 16384",
                 "stops the run (PTO2_ERROR_DEP_POOL_OVERFLOW) when a task has more"};
}

static MlirStringRef kernelOf(MlirOperation task) {
  MlirAttribute kernel = mlirOperationGetAttributeByName(task, mlirStringRefCreateFromCString("kernel"));
  return !mlirAttributeIsNull(kernel) && mlirAttributeIsAFlatSymbolRef(kernel)
             ? mlirFlatSymbolRefAttrGetValue(kernel)
             : mlirStringRefCreateFromCString("?");
}

static void reportProducers(WspPassRun *run, const Limit *limit, MlirOperation op, size_t task,
                            size_t count) {
  MlirStringRef kernel = kernelOf(op);
  wspEmitErrorf(run->context, mlirOperationGetLocation(op),
                "'wsp.task' op: instance #%zu of kernel '%.*s' depends on %zu earlier tasks, but "
                "%s records at most %zu producers per task and %s (%s); read the data in pieces "
                "written by at most %zu tasks each (e.g. one task per tile), or reduce the tiles "
                "first",
                task, (int)kernel.length, kernel.data, count, limit->runtime, limit->max,
                limit->effect, limit->source, limit->max);
}

static void reportSuccessors(WspPassRun *run, const Limit *limit, MlirOperation op, size_t task,
                             size_t count) {
  MlirStringRef kernel = kernelOf(op);
  wspEmitErrorf(run->context, mlirOperationGetLocation(op),
                "'wsp.task' op: instance #%zu of kernel '%.*s' has at least %zu dependent "
                "tasks, but %s allows at most %zu successors per task; split its output so fewer "
                "tasks read each piece, or use tensormap_and_ringbuffer",
                task, (int)kernel.length, kernel.data, count, limit->runtime, limit->max);
}

/* The degrees, counted as the graph is streamed (no instance records kept,
   docs/performance.md "Instances"). tensormap_and_ringbuffer: a task's
   producers are its incoming edges, known when it is submitted, so only the
   first offender is kept. host_build_graph: successors arrive later, so each
   instance keeps its op and a successor count (12 bytes), until one passes
   the limit. */
typedef struct FanIn {
  Limit limit;
  bool found; /* the first task over the limit (its successor count, or its producers) */
  size_t task, count;
  MlirOperation op;
  MlirOperation *ops; /* host_build_graph: per instance */
  uint32_t *successors;
  size_t numTasks, capTasks;
} FanIn;

/* Stops the analysis at the first violation: the check's answer is known,
   and an unreduced count (simpler, host_build_graph successors) past a
   limit only grows, each task costing as much as its producers. */
static bool countTask(void *ctx, size_t task, const WspTaskNode *node, const WspTaskEdge *edges,
                      size_t numEdges) {
  FanIn *f = ctx;
  if (!f->limit.successors) {
    if (numEdges > f->limit.max) {
      f->found = true;
      f->task = task;
      f->count = numEdges;
      f->op = node->op;
    }
    return !f->found;
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
    if (++f->successors[edges[i].from] > f->limit.max && !f->found) {
      f->found = true;
      f->task = edges[i].from;
    }
  return !f->found;
}

/* One instance names the problem; thousands would bury it. */
static bool checkDegrees(WspPassRun *run, const FanIn *f) {
  if (!f->found)
    return true;
  if (f->limit.successors)
    reportSuccessors(run, &f->limit, f->ops[f->task], f->task, f->successors[f->task]);
  else
    reportProducers(run, &f->limit, f->op, f->task, f->count);
  return false;
}

static bool runCheckFanIn(WspPassRun *run) {
  bool tensormap = strcmp(wspPassOptionGetString(run, "runtime"), "host_build_graph") != 0;
  const char *target =
      wspEmitGetTargetName((size_t)wspEmitLookupTarget(wspPassOptionGetString(run, "target")));
  FanIn fanIn = {.limit = limitFor(target, tensormap)};
  WspTaskGraphOptions options = wspTaskGraphOptionsOf(run, "wsp-check-fanin");
  options.unreduced = !fanIn.limit.reduced;
  options.stream = true;
  options.onTask = countTask;
  options.onTaskContext = &fanIn;
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
                    "wsp-check-fanin: the runtime's per-task limit of %zu %s is not checked at "
                    "compile time: the program's task graph cannot be built statically (%s)",
                    fanIn.limit.max, fanIn.limit.successors ? "successors" : "producers", reason);
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
     "tensormap_and_ringbuffer|host_build_graph", "the runtime flavor whose limits apply"},
    {"target", WSP_OPTION_ENUM, WSP_EMIT_DEFAULT_TARGET,
     "pto-runtime-41d5c94a|simpler-6ebaf771|simpler", "the runtime target whose limits apply"},
    WSP_TASK_GRAPH_MAX_TASKS_OPTION("10000000", WSP_TASK_GRAPH_MAX_TASKS_GIVE_UP),
    WSP_TASK_GRAPH_MAX_MEMORY_OPTION(WSP_TASK_GRAPH_MAX_MEMORY_GIVE_UP),
};

const WspPassInfo wspCheckFanInPassInfo = {
    .name = "wsp-check-fanin",
    .summary = "Reject tasks with more producers (or successors) than the target runtime can record",
    .options = kOptions,
    .numOptions = sizeof(kOptions) / sizeof(kOptions[0]),
    .run = runCheckFanIn,
    .pipeline = NULL,
};
