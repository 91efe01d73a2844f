/* wsp-verify, rule P2: no process spawns its own function, directly or
   through other processes.

   The spawn graph has an edge P -> Q for every wsp.spawn of process @Q
   anywhere in the body of process @P (in scf.for, scf.if, scf.while, ...:
   structure, not the values that decide whether the spawn runs). A cycle in
   it starts processes without end at run time, each with its own
   coroutine, channels and task ring entries: the orchestration hangs or runs
   out of memory. The task-graph analysis reports a recursion it executes,
   but only when it can run the program (a static one); a spawn under a
   condition on a host symbol or a received token, or in a loop with a bound
   known only at run time, was accepted. wsp has no bounded recursion, so
   every cycle is an error, whatever could stop it, at the wsp.spawn that
   closes it, with the cycle's functions in order and a note at each other
   spawn of the cycle. */
#include <stdlib.h>

#include "Support/PointerMap.h"
#include "Support/StringBuffer.h"
#include "WspVerifyCommon.h"
#include "WspVerifyRules.h"
#include "mlir-c/BuiltinAttributes.h"

typedef struct SpawnEdge {
  MlirOperation spawn;
  size_t to; /* index of the spawned process */
} SpawnEdge;

typedef struct ProcessNode {
  MlirOperation func;
  SpawnEdge *edges;
  size_t numEdges, capEdges;
  int color; /* 0 unvisited, 1 on the DFS path, 2 done */
  size_t pathEdge; /* while on the path: the edge taken out of it */
} ProcessNode;

typedef struct SpawnGraph {
  WspVerifier *v;
  ProcessNode *nodes;
  size_t numNodes;
  WspPointerMap indexOf; /* process func.func -> index + 1 */
  size_t current;        /* the process whose body is walked */
} SpawnGraph;

static bool isProcessFunc(MlirOperation op) {
  return wspVerifyOpIs(op, "func.func") && wspVerifyFuncHas(op, "wsp.process");
}

/* The process a wsp.spawn names, as a node index; false when it names none
   (T2 reports that). */
static bool spawnedProcess(SpawnGraph *g, MlirOperation spawn, size_t *index) {
  MlirAttribute ref = wspVerifyOpAttr(spawn, "process");
  if (mlirAttributeIsNull(ref) || !mlirAttributeIsAFlatSymbolRef(ref))
    return false;
  MlirOperation callee =
      mlirSymbolTableLookup(g->v->symbols, mlirFlatSymbolRefAttrGetValue(ref));
  void *found = NULL;
  if (mlirOperationIsNull(callee) || !wspPointerMapGet(&g->indexOf, callee.ptr, &found))
    return false;
  *index = (size_t)(uintptr_t)found - 1;
  return true;
}

static MlirWalkResult collectSpawn(MlirOperation op, void *userData) {
  SpawnGraph *g = userData;
  size_t to;
  if (!wspVerifyOpIs(op, "wsp.spawn") || !spawnedProcess(g, op, &to))
    return MlirWalkResultAdvance;
  ProcessNode *n = &g->nodes[g->current];
  if (n->numEdges == n->capEdges) {
    n->capEdges = n->capEdges ? 2 * n->capEdges : 4;
    n->edges = wspRealloc(n->edges, n->capEdges * sizeof(SpawnEdge));
  }
  n->edges[n->numEdges++] = (SpawnEdge){op, to};
  return MlirWalkResultAdvance;
}

static const char *nameOf(SpawnGraph *g, size_t node) {
  return wspVerifyStringText(g->v, wspVerifyFuncName(g->nodes[node].func));
}

/* `closing` (an edge of `from`) leads back to `to`, which is on the DFS
   path: the cycle is the path from `to` to `from`, then `closing`. */
static void reportCycle(SpawnGraph *g, size_t from, const SpawnEdge *closing) {
  WspStringBuffer chain;
  wspStringBufferInit(&chain);
  for (size_t at = closing->to;;) {
    wspStringBufferAppendf(&chain, "@%s -> ", nameOf(g, at));
    if (at == from)
      break;
    at = g->nodes[at].edges[g->nodes[at].pathEdge].to;
  }
  wspStringBufferAppendf(&chain, "@%s", nameOf(g, closing->to));
  const char *how = from == closing->to ? "spawns itself" : "spawns itself through other processes";
  wspVerifyError(g->v, closing->spawn,
                 "'wsp.spawn' op: process @%s %s (%s): a spawn cycle starts processes without "
                 "end at run time (the orchestration hangs or runs out of memory), and wsp "
                 "cannot prove a recursion bounded, whatever condition or loop surrounds the "
                 "spawn; remedy: spawn a fixed set of processes, e.g. all from the workload, "
                 "and let them exchange work over channels",
                 nameOf(g, closing->to), how, chain.data);
  for (size_t at = closing->to; at != from;) {
    const SpawnEdge *e = &g->nodes[at].edges[g->nodes[at].pathEdge];
    wspVerifyNote(g->v, e->spawn, "@%s spawns @%s here", nameOf(g, at), nameOf(g, e->to));
    at = e->to;
  }
  wspStringBufferFree(&chain);
}

/* Depth-first search without recursion (a chain of processes can be as
   long as the module): `stack` holds the nodes on the path. */
static void findCycles(SpawnGraph *g, size_t root, size_t *stack) {
  size_t depth = 0;
  stack[depth++] = root;
  g->nodes[root].color = 1;
  g->nodes[root].pathEdge = 0;
  while (depth > 0) {
    size_t at = stack[depth - 1];
    ProcessNode *n = &g->nodes[at];
    if (n->pathEdge == n->numEdges) {
      n->color = 2;
      --depth;
      if (depth > 0)
        ++g->nodes[stack[depth - 1]].pathEdge;
      continue;
    }
    const SpawnEdge *e = &n->edges[n->pathEdge];
    ProcessNode *next = &g->nodes[e->to];
    if (next->color == 0) {
      next->color = 1;
      next->pathEdge = 0;
      stack[depth++] = e->to;
      continue;
    }
    if (next->color == 1)
      reportCycle(g, at, e);
    ++n->pathEdge;
  }
}

void wspVerifySpawnCycles(WspVerifier *v) {
  SpawnGraph g = {.v = v, .nodes = NULL, .numNodes = 0, .current = 0};
  wspPointerMapInit(&g.indexOf);
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(v->module, 0));
  size_t count = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    count += isProcessFunc(op);
  if (count > 0) {
    g.nodes = wspCalloc(count, sizeof(ProcessNode));
    for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
         op = mlirOperationGetNextInBlock(op))
      if (isProcessFunc(op)) {
        g.nodes[g.numNodes].func = op;
        wspPointerMapSet(&g.indexOf, op.ptr, (void *)(uintptr_t)(g.numNodes + 1));
        ++g.numNodes;
      }
    for (g.current = 0; g.current < g.numNodes; ++g.current)
      mlirOperationWalk(g.nodes[g.current].func, collectSpawn, &g, MlirWalkPreOrder);
    size_t *stack = wspCalloc(g.numNodes, sizeof(size_t));
    for (size_t i = 0; i < g.numNodes; ++i)
      if (g.nodes[i].color == 0)
        findCycles(&g, i, stack);
    free(stack);
    for (size_t i = 0; i < g.numNodes; ++i)
      free(g.nodes[i].edges);
    free(g.nodes);
  }
  wspPointerMapFree(&g.indexOf);
}
