/* Scheduling (docs/csp.md, Execution model): the workload runs first, then
   the processes round-robin in spawn order, each until it blocks or
   returns; a state where no process can proceed but some have not returned
   is a deadlock, reported at the workload with a note at each wait.
   Invariant: the ready set (TaskGraphReady.c) holds exactly the processes
   whose next op completes when resumed. */
#include "TaskGraphInterp.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wsp-c/Diagnostics.h"

/*===--- scheduling -------------------------------------------------------===*/

/* Round-robin in spawn order: the first process after the current one
   (wrapping around, the current one last) that can proceed, found in
   O(log P) by the ready set (TaskGraphReady.c). */
static bool pickNext(const Interp *in, size_t *next) { return tgReadyNext(in, in->cur, next); }

/* A recv on a channel that nobody can ever send on is reported as such: it
   is clearer than the deadlock it causes. */
static bool reportNoSender(Interp *in, size_t id) {
  const Proc *p = &in->procs[id];
  const Chan *c = &in->chans[p->waitChannel];
  WspStringBuffer who;
  wspStringBufferInit(&who);
  tgAppendWho(in, id, &who);
  tgFailProgram(in, p->waitOp,
                "%s waits forever at this wsp.recv: no process sends on channel '%.*s' (no "
                "wsp.spawn passes it as wsp.out), so it never receives a token nor sees it "
                "closed; remedy: spawn a process that sends on it, or remove the recv",
                who.data, (int)c->name.length, c->name.data);
  wspStringBufferFree(&who);
  return false;
}

/* "'p' waits at wsp.send (f:12:5) on channel 'c' (capacity 2, holding 2
   tokens[, why nobody will take one])". */
static void describeWait(const Interp *in, size_t id, WspStringBuffer *out) {
  const Proc *p = &in->procs[id];
  const Chan *c = &in->chans[p->waitChannel];
  size_t held = tgChannelFill(in, p->waitChannel);
  tgAppendProcName(in, id, out);
  wspStringBufferAppendf(out, " waits at %s (", p->waitIsRecv ? "wsp.recv" : "wsp.send");
  tgAppendLoc(out, p->waitOp);
  wspStringBufferAppendf(out, ") on channel '%.*s' (capacity %" PRId64 ", holding %zu token%s",
                         (int)c->name.length, c->name.data, c->capacity, held,
                         held == 1 ? "" : "s");
  if (!p->waitIsRecv && c->receiver < 0)
    wspStringBufferAppendStr(out, ", which no process receives from");
  else if (!p->waitIsRecv && in->procs[c->receiver].state == PROC_DONE) {
    wspStringBufferAppendStr(out, ", whose receiver ");
    tgAppendProcName(in, (size_t)c->receiver, out);
    wspStringBufferAppendStr(out, " has returned");
  }
  wspStringBufferAppendStr(out, ")");
}

/* A deadlock among many processes is summarised: the first few blocked
   processes in full (with a note each), the others counted by where they
   wait, so the report stays a few lines whatever the number of processes. */
enum { kShownInFull = 8 };

typedef struct WaitGroup {
  MlirOperation op;
  size_t channel, count;
} WaitGroup;

static bool addToGroup(const Interp *in, size_t id, WaitGroup *groups, size_t *numGroups) {
  const Proc *p = &in->procs[id];
  for (size_t g = 0; g < *numGroups; ++g)
    if (mlirOperationEqual(groups[g].op, p->waitOp) && groups[g].channel == p->waitChannel) {
      ++groups[g].count;
      return true;
    }
  if (*numGroups == kShownInFull)
    return false;
  groups[(*numGroups)++] = (WaitGroup){p->waitOp, p->waitChannel, 1};
  return true;
}

/* "; and 19992 more: 19990 wait at wsp.send (f:12:5) on channel 'c', ..." */
static void appendGroups(const Interp *in, size_t more, const WaitGroup *groups, size_t numGroups,
                         size_t elsewhere, WspStringBuffer *out) {
  wspStringBufferAppendf(out, "; and %zu more: ", more);
  for (size_t g = 0; g < numGroups; ++g) {
    const Chan *c = &in->chans[groups[g].channel];
    bool recv = tgKindOf((Interp *)in, groups[g].op) == K_RECV;
    wspStringBufferAppendf(out, "%s%zu wait%s at %s (", g ? ", " : "", groups[g].count,
                           groups[g].count == 1 ? "s" : "", recv ? "wsp.recv" : "wsp.send");
    tgAppendLoc(out, groups[g].op);
    wspStringBufferAppendf(out, ") on channel '%.*s'", (int)c->name.length, c->name.data);
  }
  if (elsewhere)
    wspStringBufferAppendf(out, ", %zu elsewhere", elsewhere);
}

/* No process can proceed but some have not returned: an error at the
   workload naming every blocked process, plus a note at each wait. */
static bool reportDeadlock(Interp *in) {
  for (size_t i = 0; i < in->numProcs; ++i) {
    const Proc *p = &in->procs[i];
    if (p->state == PROC_BLOCKED && p->waitIsRecv && in->chans[p->waitChannel].numEnds == 0)
      return reportNoSender(in, i);
  }
  WspStringBuffer text;
  wspStringBufferInit(&text);
  wspStringBufferAppendStr(&text, "deadlock: every process that has not returned is blocked: ");
  size_t count = 0;
  WaitGroup groups[kShownInFull];
  size_t numGroups = 0, elsewhere = 0;
  for (size_t i = 0; i < in->numProcs; ++i) {
    if (in->procs[i].state != PROC_BLOCKED)
      continue;
    if (count++ < kShownInFull) {
      if (count > 1)
        wspStringBufferAppendStr(&text, "; ");
      describeWait(in, i, &text);
    } else if (!addToGroup(in, i, groups, &numGroups)) {
      ++elsewhere;
    }
  }
  if (count > kShownInFull)
    appendGroups(in, count - kShownInFull, groups, numGroups, elsewhere, &text);
  tgFailProgram(in, in->graph->workload,
                "%s; no process can make progress; remedy: reorder the sends and recvs, or "
                "raise a capacity",
                text.data);
  size_t noted = 0;
  for (size_t i = 0; i < in->numProcs && noted < kShownInFull; ++i) {
    if (in->procs[i].state != PROC_BLOCKED)
      continue;
    ++noted;
    wspStringBufferClear(&text);
    tgAppendProcName(in, i, &text);
    wspEmitNotef(in->context, mlirOperationGetLocation(in->procs[i].waitOp), "%s is blocked here",
                 text.data);
  }
  wspStringBufferFree(&text);
  return false;
}

/* The workload runs first, to its end (it only spawns); then the processes,
   each until it blocks or returns, in round-robin order. */
bool tgSchedule(Interp *in) {
  for (;;) {
    if (tgRunProcess(in) == STEP_FAIL)
      return false;
    size_t next;
    if (!pickNext(in, &next))
      break;
    in->cur = next;
  }
  for (size_t i = 0; i < in->numProcs; ++i)
    if (in->procs[i].state != PROC_DONE)
      return reportDeadlock(in);
  return true;
}
