/* Scheduling (docs/csp.md, Execution model): the workload runs first, then
   the processes round-robin in spawn order, each until it blocks or
   returns; a state where no process can proceed but some have not returned
   is a deadlock, reported at the workload with a note at each wait.
   Invariant: tgCanProceed is exactly the condition under which a blocked
   process's send or recv completes when resumed. */
#include "TaskGraphInterp.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wsp-c/Diagnostics.h"

/*===--- scheduling -------------------------------------------------------===*/

/* Whether a process would make progress if resumed now; for a blocked one,
   exactly the condition under which its send or recv completes. */
static bool canProceed(const Interp *in, size_t id) {
  const Proc *p = &in->procs[id];
  if (p->state != PROC_BLOCKED)
    return p->state == PROC_READY;
  if (p->handed)
    return true;
  const Chan *c = &in->chans[p->waitChannel];
  size_t held = tgChannelFill(in, p->waitChannel);
  if (p->waitIsRecv)
    return (c->capacity > 0 && held > 0) || (c->capacity == 0 && c->waitHead < c->numWaiting) ||
           tgIsClosed(c);
  return c->capacity > 0 && held < (size_t)c->capacity;
}

/* Round-robin in spawn order: the first process after the current one
   (wrapping around, the current one last) that can proceed. */
static bool pickNext(const Interp *in, size_t *next) {
  for (size_t i = 1; i <= in->numProcs; ++i) {
    size_t q = (in->cur + i) % in->numProcs;
    if (canProceed(in, q)) {
      *next = q;
      return true;
    }
  }
  return false;
}

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
  for (size_t i = 0; i < in->numProcs; ++i) {
    if (in->procs[i].state != PROC_BLOCKED)
      continue;
    if (count++)
      wspStringBufferAppendStr(&text, "; ");
    describeWait(in, i, &text);
  }
  tgFailProgram(in, in->graph->workload,
              "%s; no process can make progress; remedy: reorder the sends and recvs, or "
              "raise a capacity",
              text.data);
  for (size_t i = 0; i < in->numProcs; ++i) {
    if (in->procs[i].state != PROC_BLOCKED)
      continue;
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
