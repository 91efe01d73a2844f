/* taskring-materialize-scopes: places PTO2 scopes so task slots and heap
   tensors are released as early as possible, and proves statically that no
   scope can deadlock the runtime.

   A ring slot is reclaimed only after its task completes AND the scope that
   owns it ends. A scope that holds task_window tasks therefore waits forever
   for a slot (pto-runtime's SCOPE_DEADLOCK / flow-control deadlock). The pass
   opens one scope per iteration of every loop body that submits tasks, so a
   scope holds one iteration's tasks, a number known at compile time whatever
   the trip count. The runtime frees ring slots in submission order, so a
   task left in the scope the runtime opens around the whole orchestration
   would hold every later slot until the end: each op outside loops that
   submits (a submit, an scf.if) gets a scope of its own too. Each scope's
   count (both branches of an scf.if counted, as either may run) must stay
   below task_window, or the program is rejected with both numbers and
   remedies.

   host_build_graph has no scopes (the whole graph is built before it runs),
   so the pass leaves it unchanged. */
#include <stdlib.h>
#include <string.h>

#include "IRUtil.h"
#include "PassRegistry.h"
#include "wsp-c/Diagnostics.h"

static bool isLoop(MlirOperation op) {
  return wspOpIs(op, "scf.for") || wspOpIs(op, "scf.parallel") || wspOpIs(op, "scf.forall") ||
         wspOpIs(op, "scf.while");
}

/* Submits one execution of `block` performs outside nested loops. */
static int64_t tasksPerInstance(MlirBlock block) {
  int64_t count = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(block); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (wspOpIs(op, "taskring.submit"))
      count++;
    if (isLoop(op))
      continue; /* nested loop bodies get scopes of their own */
    for (intptr_t r = 0; r < mlirOperationGetNumRegions(op); ++r)
      for (MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, r));
           !mlirBlockIsNull(b); b = mlirBlockGetNextInRegion(b))
        count += tasksPerInstance(b);
  }
  return count;
}

typedef struct Scoping {
  WspPassRun *run;
  int64_t window;
  bool ok;
} Scoping;

static void reportOverflow(Scoping *s, MlirOperation at, const char *what, int64_t tasks) {
  wspEmitErrorf(s->run->context, mlirOperationGetLocation(at),
                "%s submits %lld tasks inside one PTO2 scope, but task_window is %lld: a task's "
                "ring slot is freed only after its scope ends, so the runtime would deadlock "
                "(SCOPE_DEADLOCK); raise the wsp.task_window size above %lld (a power of two), "
                "or move tasks into a loop so each iteration gets its own scope",
                what, (long long)tasks, (long long)s->window, (long long)tasks);
  s->ok = false;
}

static void scopeBlock(Scoping *s, MlirOperation loop, MlirBlock body) {
  int64_t tasks = tasksPerInstance(body);
  if (tasks == 0)
    return;
  if (tasks >= s->window)
    reportOverflow(s, loop, "one iteration of this loop", tasks);
  MlirContext ctx = mlirOperationGetContext(loop);
  MlirLocation loc = mlirOperationGetLocation(loop);
  MlirOperation terminator = mlirBlockGetTerminator(body);
  wspBuildOp("taskring.scope_begin", loc, body, mlirBlockGetFirstOperation(body), 0, NULL, 0,
             NULL, 0, NULL);
  wspBuildOp("taskring.scope_end", loc, body, terminator, 0, NULL, 0, NULL, 0, NULL);
  (void)ctx;
}

/* Wraps each op of the entry block that submits outside loops. */
static void scopeTopLevel(Scoping *s, MlirOperation orch) {
  MlirBlock entry = wspFuncEntryBlock(orch);
  for (MlirOperation op = mlirBlockGetFirstOperation(entry); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (isLoop(op))
      continue;
    int64_t tasks = wspOpIs(op, "taskring.submit") ? 1 : 0;
    for (intptr_t r = 0; r < mlirOperationGetNumRegions(op); ++r)
      for (MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, r));
           !mlirBlockIsNull(b); b = mlirBlockGetNextInRegion(b))
        tasks += tasksPerInstance(b);
    if (tasks == 0)
      continue;
    if (tasks >= s->window)
      reportOverflow(s, op, "this op outside loops", tasks);
    MlirLocation loc = mlirOperationGetLocation(op);
    wspBuildOp("taskring.scope_begin", loc, entry, op, 0, NULL, 0, NULL, 0, NULL);
    MlirOperation next = mlirOperationGetNextInBlock(op);
    wspBuildOp("taskring.scope_end", loc, entry, next, 0, NULL, 0, NULL, 0, NULL);
    op = mlirOperationGetNextInBlock(op); /* the scope_end */
  }
}

static bool visitLoop(MlirOperation op, void *userData) {
  if (isLoop(op))
    for (intptr_t r = 0; r < mlirOperationGetNumRegions(op); ++r)
      for (MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, r));
           !mlirBlockIsNull(b); b = mlirBlockGetNextInRegion(b))
        scopeBlock(userData, op, b);
  return true;
}

static bool runMaterializeScopes(WspPassRun *run) {
  MlirOperation runtime = wspModuleFindOp(run->op, "taskring.runtime", NULL);
  MlirOperation orch = wspModuleFindOp(run->op, "func.func", "taskring.orchestration");
  if (mlirOperationIsNull(runtime) || mlirOperationIsNull(orch)) {
    wspEmitError(run->context, mlirOperationGetLocation(run->op),
                 "taskring-materialize-scopes: no taskring.runtime op or no function with "
                 "'taskring.orchestration'; run wsp-lower-to-taskring first");
    return false;
  }
  if (strcmp(wspAttrStringOr(runtime, "flavor", "", NULL), "tensormap_and_ringbuffer") != 0)
    return true;
  Scoping s = {run, 0, true};
  wspAttrInt(runtime, "task_window", &s.window);
  wspWalk(orch, visitLoop, &s);
  scopeTopLevel(&s, orch);
  return s.ok;
}

const WspPassInfo taskringMaterializeScopesPassInfo = {
    .name = "taskring-materialize-scopes",
    .summary = "Open a PTO2 scope per loop iteration and prove no scope can hold task_window tasks",
    .options = NULL,
    .numOptions = 0,
    .run = runMaterializeScopes,
    .pipeline = NULL,
};
