/* Running one process, one op at a time: the frame of each block being
   executed (scf.for iterations with their carried values, scf.while's two
   regions, scf.if branches, the function body) and the dispatch of ops to their evaluators.
   Invariants: a frame's `next` is the op to execute; a terminator is not
   executed, it ends its frame; every iteration and every op counts against
   the evaluation budget (Interp.maxSteps). */
#include "TaskGraphInterp.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*===--- control flow -----------------------------------------------------===*/

static bool countStep(Interp *in, MlirOperation op) {
  if (++in->steps <= in->maxSteps)
    return true;
  return tgFailAt(in, op,
                  "%s stopped after %" PRIu64
                  " evaluation steps (16 per allowed task, plus 1000 per allowed task up to "
                  "10^7); remedy: raise max-tasks or analyse a smaller problem size",
                  in->options->client, in->maxSteps);
}

static Frame *top(const Interp *in) {
  Proc *p = current(in);
  return &p->frames[p->numFrames - 1];
}

static const char kBoundRemedy[] =
    "compute loop bounds from constants (bind host symbols and arguments to constants "
    "first), or use the runtime's own dependency tracking for dynamic programs";

static bool loopBounds(Interp *in, MlirOperation op, int64_t *lb, int64_t *ub, int64_t *step) {
  const char *need = "static loop bounds";
  if (!tgRequireInt(in, op, mlirOperationGetOperand(op, 0), "the lower bound", need, kBoundRemedy,
                    lb) ||
      !tgRequireInt(in, op, mlirOperationGetOperand(op, 1), "the upper bound", need, kBoundRemedy,
                    ub) ||
      !tgRequireInt(in, op, mlirOperationGetOperand(op, 2), "the step", need, kBoundRemedy, step))
    return false;
  if (*step <= 0)
    return tgFailAt(in, op, "%s: the step is %" PRId64 "; it must be positive", in->options->client,
                    *step);
  return true;
}

static bool loopContinues(int64_t iv, int64_t ub, bool isUnsigned, unsigned w) {
  return isUnsigned ? tgAsUnsigned(iv, w) < tgAsUnsigned(ub, w) : iv < ub;
}

/* Starts iteration f->iv of an scf.for frame: binds the induction variable
   and the carried values, and points at the body's first op. */
static void beginIteration(Interp *in, Frame *f) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(f->owner, 0));
  setValue(in, mlirBlockGetArgument(body, 0), (Slot){SLOT_INT, f->iv});
  for (intptr_t j = 0; j < f->numCarried; ++j)
    setValue(in, mlirBlockGetArgument(body, j + 1), f->carried[j]);
  f->next = mlirBlockGetFirstOperation(body);
}

static bool enterFor(Interp *in, MlirOperation op) {
  int64_t lb, ub, step;
  if (!loopBounds(in, op, &lb, &ub, &step))
    return false;
  bool isUnsigned = !mlirAttributeIsNull(attrNamed(op, "unsignedCmp"));
  unsigned w = tgValueWidth(mlirOperationGetOperand(op, 0));
  intptr_t n = mlirOperationGetNumResults(op);
  if (!loopContinues(lb, ub, isUnsigned, w)) { /* no iteration: results = inits */
    for (intptr_t j = 0; j < n; ++j)
      setValue(in, mlirOperationGetResult(op, j), valueSlot(in, mlirOperationGetOperand(op, 3 + j)));
    return true;
  }
  if (!countStep(in, op))
    return false;
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
  Frame *f = tgPushFrame(current(in), op, body);
  f->iv = lb;
  f->ub = ub;
  f->step = step;
  f->width = w;
  f->isUnsigned = isUnsigned;
  f->numCarried = n;
  f->carried = n ? wspCalloc((size_t)n, sizeof(Slot)) : NULL;
  for (intptr_t j = 0; j < n; ++j)
    f->carried[j] = valueSlot(in, mlirOperationGetOperand(op, 3 + j));
  beginIteration(in, f);
  return true;
}

/* At the body's scf.yield: the next iteration, or the loop's results. */
static bool endOfIteration(Interp *in, MlirOperation yield) {
  Frame *f = top(in);
  intptr_t m = mlirOperationGetNumOperands(yield);
  for (intptr_t j = 0; j < f->numCarried && j < m; ++j)
    f->carried[j] = valueSlot(in, mlirOperationGetOperand(yield, j));
  int64_t iv;
  if (!__builtin_add_overflow(f->iv, f->step, &iv) &&
      loopContinues(iv, f->ub, f->isUnsigned, f->width)) {
    if (!countStep(in, f->owner))
      return false;
    f->iv = iv;
    beginIteration(in, f);
    return true;
  }
  for (intptr_t j = 0; j < f->numCarried; ++j)
    setValue(in, mlirOperationGetResult(f->owner, j), f->carried[j]);
  tgPopFrame(current(in));
  return true;
}

static bool enterIf(Interp *in, MlirOperation op) {
  int64_t cond;
  if (!tgRequireInt(in, op, mlirOperationGetOperand(op, 0), "the condition",
                    "conditions that fold to constants",
                    "make the condition a function of constants and loop induction variables",
                    &cond))
    return false;
  MlirBlock block = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, cond ? 0 : 1));
  if (!mlirBlockIsNull(block)) /* else: no else branch, and then no results */
    tgPushFrame(current(in), op, block);
  return true;
}

static void endOfBranch(Interp *in, MlirOperation yield) {
  MlirOperation owner = top(in)->owner;
  intptr_t n = mlirOperationGetNumResults(owner), m = mlirOperationGetNumOperands(yield);
  for (intptr_t j = 0; j < n && j < m; ++j)
    setValue(in, mlirOperationGetResult(owner, j),
             valueSlot(in, mlirOperationGetOperand(yield, j)));
  tgPopFrame(current(in));
}

/*===--- scf.while ---------------------------------------------------------===*/

/* An scf.while frame runs its `before` region, whose scf.condition decides
   (statically, in every iteration) between the `do` region and the loop's
   results; the `do` region's scf.yield starts the next iteration. The
   values passed along are copied through Frame.carried first, so a
   permutation of block arguments reads the old values. Each iteration
   counts against the evaluation budget, like scf.for's. */
static MlirBlock whileBlock(MlirOperation op, intptr_t region) {
  return mlirRegionGetFirstBlock(mlirOperationGetRegion(op, region));
}

/* Binds the arguments of `block` to operands [first, first + count) of
   `from` (evaluated before any is bound), and points the frame at it. */
static void passValues(Interp *in, Frame *f, MlirOperation from, intptr_t first,
                       MlirBlock block) {
  intptr_t n = mlirBlockGetNumArguments(block), m = mlirOperationGetNumOperands(from) - first;
  intptr_t count = n < m ? n : m;
  for (intptr_t j = 0; j < count && j < f->numCarried; ++j)
    f->carried[j] = valueSlot(in, mlirOperationGetOperand(from, first + j));
  for (intptr_t j = 0; j < n; ++j)
    setValue(in, mlirBlockGetArgument(block, j),
             j < count && j < f->numCarried ? f->carried[j] : (Slot){SLOT_UNKNOWN, 0});
  f->next = mlirBlockGetFirstOperation(block);
}

/* Grows with every task, process, channel, alloc, close and segment (a
   segment starts at every spawn and every completed send and recv):
   unchanged across an iteration, the iteration did scalar work only. */
static uint64_t effectCount(const Interp *in) {
  const WspTaskGraph *g = in->graph;
  return (uint64_t)g->numNodes + g->numSegments + in->numProcs + in->numChans + in->numAllocs +
         in->numCloses;
}

/* Remembers the values iteration f->iv starts with, and what had happened. */
static void markIteration(const Interp *in, Frame *f) {
  if (f->numCarried)
    memcpy(f->carried + f->numCarried, f->carried, (size_t)f->numCarried * sizeof(Slot));
  f->effects = effectCount(in);
}

/* An iteration that starts from the same values as an earlier one, with
   scalar work only in between, repeats the iterations in between forever:
   the known values evolve from the known values alone (an op with an
   unknown operand yields an unknown value, or one that does not depend on
   it), and only a completed recv (a segment) brings a value in from outside
   the loop. Iteration i is compared with the last one remembered, and
   iterations 0, 1, 2, 4, 8, ... are remembered (Brent's cycle detection), so
   a loop that comes back to a state after p iterations is caught within
   about 2 (p + the iterations before the cycle), instead of running into the
   evaluation budget. */
static bool iterationProgresses(Interp *in, Frame *f) {
  bool same = f->effects == effectCount(in);
  for (intptr_t j = 0; same && j < f->numCarried; ++j)
    same = f->carried[j].kind == f->carried[f->numCarried + j].kind &&
           f->carried[j].value == f->carried[f->numCarried + j].value;
  uint64_t i = (uint64_t)f->iv;
  if (!same) {
    if ((i & (i - 1)) == 0)
      markIteration(in, f);
    return true;
  }
  uint64_t earlier = i == 1 ? 0 : (uint64_t)1 << (63 - __builtin_clzll(i - 1));
  return tgFailAt(in, f->owner,
                  "%s: this loop never ends: iteration #%" PRIu64 " starts with the same values "
                  "as iteration #%" PRIu64 ", and no iteration since then submitted a task or "
                  "completed a spawn, send, recv or close, so the loop repeats them forever; "
                  "remedy: make the loop update a value its condition depends on",
                  in->options->client, i, earlier);
}

static bool enterWhile(Interp *in, MlirOperation op) {
  MlirBlock before = whileBlock(op, 0), after = whileBlock(op, 1);
  if (mlirBlockIsNull(before) || mlirBlockIsNull(after))
    return tgFailAt(in, op, "%s: this scf.while has an empty region", in->options->client);
  if (!countStep(in, op))
    return false;
  intptr_t a = mlirBlockGetNumArguments(before), b = mlirBlockGetNumArguments(after);
  intptr_t r = mlirOperationGetNumResults(op), n = a > b ? a : b;
  n = n > r ? n : r;
  Frame *f = tgPushFrame(current(in), op, before);
  f->numCarried = n;
  f->carried = n ? wspCalloc(2 * (size_t)n, sizeof(Slot)) : NULL;
  passValues(in, f, op, 0, before);
  markIteration(in, f);
  return true;
}

static const char kWhileRemedy[] =
    "make the condition a function of constants, statically bounded induction variables "
    "and wsp.recv's ok (a loop that receives until the channel is closed)";

/* At the end of either region: the condition decides at the end of
   `before`; the end of `do` starts the next iteration. */
static Step endOfWhileRegion(Interp *in, MlirOperation terminator) {
  Frame *f = top(in);
  MlirOperation op = f->owner;
  if (!mlirBlockEqual(mlirOperationGetBlock(terminator), whileBlock(op, 0))) {
    if (!countStep(in, op))
      return STEP_FAIL;
    ++f->iv; /* the iteration count, for messages */
    passValues(in, f, terminator, 0, whileBlock(op, 0));
    return iterationProgresses(in, f) ? STEP_NEXT : STEP_FAIL;
  }
  int64_t cond;
  if (mlirOperationGetNumOperands(terminator) < 1 ||
      !tgRequireInt(in, op, mlirOperationGetOperand(terminator, 0), "the condition",
                    "loop conditions that fold to constants in every iteration", kWhileRemedy,
                    &cond))
    return STEP_FAIL;
  if (cond) {
    passValues(in, f, terminator, 1, whileBlock(op, 1));
    return STEP_NEXT;
  }
  intptr_t r = mlirOperationGetNumResults(op), m = mlirOperationGetNumOperands(terminator) - 1;
  for (intptr_t j = 0; j < r && j < m && j < f->numCarried; ++j)
    f->carried[j] = valueSlot(in, mlirOperationGetOperand(terminator, 1 + j));
  for (intptr_t j = 0; j < r; ++j)
    setValue(in, mlirOperationGetResult(op, j),
             j < m && j < f->numCarried ? f->carried[j] : (Slot){SLOT_UNKNOWN, 0});
  tgPopFrame(current(in));
  return STEP_NEXT;
}

/* The terminator of the innermost block: it is not executed, it ends the
   frame (and, for the function's own block, the process). */
static Step endOfBlock(Interp *in, MlirOperation terminator) {
  if (current(in)->numFrames == 1) {
    tgFinishProc(in, terminator);
    return STEP_RETURN;
  }
  OpKind owner = tgKindOf(in, top(in)->owner);
  if (owner == K_FOR)
    return endOfIteration(in, terminator) ? STEP_NEXT : STEP_FAIL;
  if (owner == K_WHILE)
    return endOfWhileRegion(in, terminator);
  endOfBranch(in, terminator);
  return STEP_NEXT;
}

/* Ops that complete at once. Region ops push a frame, so the caller has
   already moved the current frame past them. */
static bool execOp(Interp *in, MlirOperation op, OpKind k) {
  if (k >= K_CONST && k <= K_SELECT) {
    tgEvalScalarOp(in, op, k);
    return true;
  }
  switch (k) {
  case K_FOR: return enterFor(in, op);
  case K_IF: return enterIf(in, op);
  case K_WHILE: return enterWhile(in, op);
  case K_ALLOC: return tgExecAlloc(in, op);
  case K_TASK: return tgExecTask(in, op);
  case K_SPAWN: return tgExecSpawn(in, op);
  case K_CREATE_CHANNEL: return tgExecCreateChannel(in, op);
  case K_CLOSE: return tgExecClose(in, op);
  case K_CALL:
    return tgFailAt(in, op,
                    "%s does not follow calls (the callee could submit tasks); remedy: inline "
                    "the callee first (e.g. with the 'inline' pass)",
                    in->options->client);
  default:
    break;
  }
  if (mlirOperationGetNumRegions(op) > 0)
    return tgFailAt(in, op,
                    "%s cannot evaluate this op; it runs only scf.for with static bounds, "
                    "and scf.while and scf.if with static conditions; remedy: express the "
                    "loop as scf.for with constant bounds",
                    in->options->client);
  return true; /* no effect on tasks or known integers */
}

/* Runs the current op of the running process. A send or recv that must
   wait leaves the frame pointing at itself, to be retried on resumption. */
static Step stepOp(Interp *in) {
  MlirOperation op = top(in)->next;
  MlirOperation after = mlirOperationGetNextInBlock(op);
  if (mlirOperationIsNull(after))
    return endOfBlock(in, op);
  if (!countStep(in, op))
    return STEP_FAIL;
  OpKind k = tgKindOf(in, op);
  if (k == K_SEND || k == K_RECV) {
    Step s = k == K_SEND ? tgExecSend(in, op) : tgExecRecv(in, op);
    if (s == STEP_NEXT)
      top(in)->next = after;
    return s;
  }
  top(in)->next = after;
  return execOp(in, op, k) ? STEP_NEXT : STEP_FAIL;
}

/* Runs the current process until it blocks, returns or fails. */
Step tgRunProcess(Interp *in) {
  tgReadyResume(in, in->cur);
  current(in)->state = PROC_READY;
  Step s;
  do
    s = stepOp(in);
  while (s == STEP_NEXT);
  return s;
}
