/* The static task graph of a wsp workload (see docs/dependencies.md).

   wspTaskGraphBuild abstractly executes the workload function — scf.for with
   static bounds, scf.if with foldable conditions, integer arith — and records
   every wsp.task it submits as a node (ids in submission order) with the
   region of each tensor argument, plus the dependency edges that last-writer
   semantics over those regions imply. It never modifies the IR. Used by
   wsp-print-task-graph, and meant for the lowering to reuse. */
#ifndef WSP_PASSES_TASKGRAPH_H
#define WSP_PASSES_TASKGRAPH_H

#include "TaskGraphHazards.h"
#include "mlir-c/IR.h"
#include "wsp-c/Context.h"

typedef struct WspTaskNode {
  MlirOperation op;     /* the wsp.task */
  MlirStringRef kernel; /* the callee's name; owned by the MLIR context */
  size_t firstArg;      /* into WspTaskGraph.args */
  size_t numArgs;       /* one per kernel parameter, scalars included */
} WspTaskNode;

/* A tensor that regions are relative to: a workload memref argument, or one
   execution of a memref.alloc/alloca (an alloc in a loop makes one root per
   iteration). */
typedef struct WspTaskRoot {
  char *name;        /* wsp.name of the argument, "arg<N>", or "alloc<K>" */
  MlirValue value;   /* the function argument or the alloc's result */
  int argNumber;     /* position among the workload's arguments, -1 for allocs */
  unsigned rank;
  int64_t shape[WSP_TG_MAX_RANK]; /* WSP_TG_UNBOUNDED where not known */
} WspTaskRoot;

typedef struct WspTaskGraph {
  WspTaskNode *nodes;
  size_t numNodes, capNodes;
  WspTaskArg *args;
  size_t numArgs, capArgs;
  WspTaskRoot *roots;
  size_t numRoots, capRoots;
  WspTaskEdgeList edges; /* sorted by (to, from); one per hazardous pair */
  MlirOperation workload;
} WspTaskGraph;

typedef struct WspTaskGraphOptions {
  const char *client;   /* who asks, for messages: "wsp-print-task-graph" */
  const char *workload; /* function name when several have wsp.workload; "" = the only one */
  int64_t maxTasks;     /* error once more tasks than this would be submitted */
} WspTaskGraphOptions;

void wspTaskGraphInit(WspTaskGraph *graph);
void wspTaskGraphFree(WspTaskGraph *graph);

/* Builds the graph of the workload in `module`. On failure a located error
   has been raised and the graph holds what was built so far (free it
   anyway). Warns (once per op kind) about channel and slot ops, whose
   ordering edges are not part of the graph yet. */
bool wspTaskGraphBuild(WspContext context, MlirOperation module,
                       const WspTaskGraphOptions *options, WspTaskGraph *graph);

#endif
