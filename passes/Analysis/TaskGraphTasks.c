/* Graph building: each executed wsp.task becomes a node (ids in submission
   order) with the region of each tensor argument, and its edges come from
   the hazard tracker and, for tasks of processes, the channel order tracker
   (TaskGraphHazards.c). Each execution of a memref.alloc is a new root. */
#include "TaskGraphInterp.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*===--- tasks ------------------------------------------------------------===*/

static WspAccessMode modeOf(OpKind k) {
  return k == K_IN ? WSP_ACCESS_IN : k == K_OUT ? WSP_ACCESS_OUT
                                  : k == K_INOUT ? WSP_ACCESS_INOUT : WSP_ACCESS_SCALAR;
}

static bool taskArgument(Interp *in, MlirOperation task, intptr_t i, WspTaskArg *arg) {
  MlirValue boxed = mlirOperationGetOperand(task, i);
  OpKind k = mlirValueIsAOpResult(boxed) ? tgKindOf(in, mlirOpResultGetOwner(boxed)) : K_OTHER;
  if (k != K_IN && k != K_OUT && k != K_INOUT && k != K_SCALAR)
    return tgFailAt(in, task,
                    "%s: argument #%" PRIdPTR
                    " is not made by wsp.in, wsp.out, wsp.inout or wsp.scalar",
                    in->options->client, i);
  MlirOperation box = mlirOpResultGetOwner(boxed);
  memset(arg, 0, sizeof *arg);
  arg->mode = modeOf(k);
  if (arg->mode == WSP_ACCESS_SCALAR)
    return true;
  MlirValue tensor = mlirOperationGetOperand(box, 0);
  if (!mlirTypeIsAMemRef(mlirValueGetType(tensor)))
    return tgFailAt(in, box, "%s: a task argument must be a memref (channels go to wsp.spawn)",
                    in->options->client);
  View view;
  if (!tgTraceView(in, tensor, box, &view, 0))
    return false;
  arg->region = view.region;
  return true;
}

static void reserveArgs(WspTaskGraph *g, size_t more) {
  if (g->numArgs + more <= g->capArgs)
    return;
  while (g->numArgs + more > g->capArgs)
    g->capArgs = g->capArgs ? 2 * g->capArgs : 64;
  g->args = wspRealloc(g->args, g->capArgs * sizeof(WspTaskArg));
}

/* The iteration of each loop around the task, outermost first. */
static void recordIterations(Interp *in, WspTaskNode *node) {
  WspTaskGraph *g = in->graph;
  const Proc *p = current(in);
  node->firstIter = g->numIters;
  node->numIters = 0;
  for (size_t i = 0; i < p->numFrames; ++i) {
    OpKind k = tgKindOf(in, p->frames[i].owner);
    if (k != K_FOR && k != K_WHILE)
      continue;
    if (g->numIters == g->capIters) {
      g->capIters = g->capIters ? 2 * g->capIters : 64;
      g->iters = wspRealloc(g->iters, g->capIters * sizeof(int64_t));
    }
    g->iters[g->numIters++] = p->frames[i].iv;
    ++node->numIters;
  }
}

/* The analysis's state against max-memory: the hazard tracker's and the
   processes' (both kept up to date, so this is O(1)). */
bool tgOverMemoryBudget(const Interp *in) {
  int64_t budget = in->options->maxMemoryMB;
  if (budget <= 0 || budget > (INT64_MAX >> 20))
    return false;
  return wspHazardTrackerBytes(in->hazards) + in->procBytes > (uint64_t)budget << 20;
}

bool tgExecTask(Interp *in, MlirOperation op) {
  WspTaskGraph *g = in->graph;
  if ((int64_t)g->numNodes >= in->options->maxTasks)
    return tgFailAt(in, op,
                    "%s: the program submits more than %" PRId64
                    " tasks (the max-tasks limit); remedy: raise max-tasks or analyse a "
                    "smaller problem size",
                    in->options->client, in->options->maxTasks);
  intptr_t n = mlirOperationGetNumOperands(op);
  bool stream = in->options->stream;
  if (stream) /* one task's args at a time, reused */
    g->numArgs = 0;
  reserveArgs(g, (size_t)n);
  for (intptr_t i = 0; i < n; ++i)
    if (!taskArgument(in, op, i, &g->args[g->numArgs + (size_t)i]))
      return false;
  WspTaskNode streamed, *node = &streamed;
  if (!stream) {
    if (g->numNodes == g->capNodes) {
      g->capNodes = g->capNodes ? 2 * g->capNodes : 64;
      g->nodes = wspRealloc(g->nodes, g->capNodes * sizeof(WspTaskNode));
    }
    node = &g->nodes[g->numNodes];
  }
  MlirAttribute kernel = attrNamed(op, "kernel");
  node->op = op;
  node->kernel = !mlirAttributeIsNull(kernel) && mlirAttributeIsAFlatSymbolRef(kernel)
                     ? mlirFlatSymbolRefAttrGetValue(kernel)
                     : str("?");
  node->firstArg = g->numArgs;
  node->numArgs = (size_t)n;
  node->process = in->cur;
  node->segment = current(in)->segment;
  if (stream) {
    node->firstIter = 0;
    node->numIters = 0;
  } else {
    recordIterations(in, node);
  }
  g->numArgs += (size_t)n;
  const Proc *p = current(in);
  if (p->numPlaces) /* channel and credit edges join the hazards */
    wspChannelOrderAddTask(in->order, g->numNodes, p->places, p->numPlaces, in->hazards);
  size_t firstEdge = g->edges.length;
  wspHazardTrackerAddTask(in->hazards, g->numNodes, n ? &g->args[node->firstArg] : NULL,
                          node->numArgs, &g->edges);
  if (stream) {
    bool more = !in->options->onTask ||
                in->options->onTask(in->options->onTaskContext, g->numNodes, node,
                                    g->edges.data ? g->edges.data + firstEdge : NULL,
                                    g->edges.length - firstEdge);
    g->edges.length = firstEdge; /* handed over: nothing per instance stays */
    if (!more) {
      g->stopped = true; /* the client has its answer; no error */
      return false;
    }
  }
  if ((g->numNodes & 1023) == 0 && tgOverMemoryBudget(in))
    return tgFailAt(in, op,
                    "%s: the analysis needs more than %" PRId64
                    " MB (the max-memory limit) after %zu task instances; remedy: raise "
                    "max-memory or analyse a smaller problem size",
                    in->options->client, in->options->maxMemoryMB, g->numNodes + 1);
  if (mlirOperationGetNumResults(op) == 1) /* the handle, for wsp.send's after list */
    setValue(in, mlirOperationGetResult(op, 0), (Slot){SLOT_TASK, (int64_t)g->numNodes});
  ++g->numNodes;
  return true;
}

/*===--- allocs -----------------------------------------------------------===*/

/* Each execution is a new tensor: the same alloc in two iterations gives two
   independent roots. */
bool tgExecAlloc(Interp *in, MlirOperation op) {
  MlirValue result = mlirOperationGetResult(op, 0);
  MlirType type = mlirValueGetType(result);
  if (!mlirShapedTypeHasRank(type))
    return true;
  char name[32];
  snprintf(name, sizeof name, "alloc%zu", in->numAllocs++);
  size_t id = tgAddRoot(in, wspStrdup(name), result, -1);
  WspTaskRoot *root = &in->graph->roots[id];
  intptr_t next = 0; /* dynamic sizes are the leading operands, in order */
  for (unsigned d = 0; d < root->rank && d < WSP_TG_MAX_RANK; ++d) {
    if (root->shape[d] != WSP_TG_UNBOUNDED || next >= mlirOperationGetNumOperands(op))
      continue;
    Slot s = valueSlot(in, mlirOperationGetOperand(op, next++));
    if (s.kind == SLOT_INT)
      root->shape[d] = s.value;
  }
  return true;
}
