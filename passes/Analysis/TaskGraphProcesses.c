/* Processes and channels (docs/csp.md): spawning instances, their frames
   and channel ends, and wsp.create_channel, wsp.send, wsp.recv, wsp.close.
   Invariants: a send or recv that cannot complete leaves the process
   blocked at that op (Proc.waitOp) with nothing recorded, and is retried
   when resumed; a rendezvous (capacity 0) completes for the blocked partner
   too (Proc.handed); send #k is counted in completion order over all
   senders of a channel, and Chan.tokens[k] is its token; a channel is
   closed once all its sending ends are, and closing is final. */
#include "TaskGraphInterp.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wsp-c/Diagnostics.h"

/*===--- processes --------------------------------------------------------===*/

size_t tgAddProc(Interp *in, MlirOperation func, MlirOperation spawn, size_t parent) {
  if (in->numProcs == in->capProcs) {
    in->capProcs = in->capProcs ? 2 * in->capProcs : 8;
    in->procs = wspRealloc(in->procs, in->capProcs * sizeof(Proc));
  }
  Proc *p = &in->procs[in->numProcs];
  memset(p, 0, sizeof *p);
  p->func = func;
  p->parent = parent;
  p->state = PROC_READY;
  p->segment = SIZE_MAX;
  WspTaskGraph *g = in->graph;
  if (g->numProcesses == g->capProcesses) {
    g->capProcesses = g->capProcesses ? 2 * g->capProcesses : 8;
    g->processes = wspRealloc(g->processes, g->capProcesses * sizeof(WspTaskProcess));
  }
  g->processes[g->numProcesses++] = (WspTaskProcess){tgSymName(func), func, spawn};
  tgReadyAdd(in, in->numProcs);
  return in->numProcs++;
}

Frame *tgPushFrame(Proc *p, MlirOperation owner, MlirBlock block) {
  if (p->numFrames == p->capFrames) {
    p->capFrames = p->capFrames ? 2 * p->capFrames : 8;
    p->frames = wspRealloc(p->frames, p->capFrames * sizeof(Frame));
  }
  Frame *f = &p->frames[p->numFrames++];
  memset(f, 0, sizeof *f);
  f->owner = owner;
  f->next = mlirBlockGetFirstOperation(block);
  return f;
}

void tgPopFrame(Proc *p) { free(p->frames[--p->numFrames].carried); }

/* What a process needs only while it runs; its places stay for messages. */
void tgReleaseProc(Proc *p) {
  while (p->numFrames)
    tgPopFrame(p);
  free(p->frames);
  p->frames = NULL;
  p->capFrames = 0;
  free(p->values.entries);
  memset(&p->values, 0, sizeof p->values);
}

/* "'name'", plus " #i" (its rank among the instances of that function, in
   spawn order) when the function runs more than once. */
void tgAppendProcName(const Interp *in, size_t id, WspStringBuffer *out) {
  MlirStringRef name = tgSymName(in->procs[id].func);
  size_t rank = 0, count = 0;
  for (size_t i = 0; i < in->numProcs; ++i) {
    if (!mlirOperationEqual(in->procs[i].func, in->procs[id].func))
      continue;
    rank += i < id;
    ++count;
  }
  wspStringBufferAppendf(out, "'%.*s'", (int)name.length, name.data);
  if (count > 1)
    wspStringBufferAppendf(out, " #%zu", rank);
}

/* "process 'p'" or "the workload 'main'". */
void tgAppendWho(const Interp *in, size_t id, WspStringBuffer *out) {
  wspStringBufferAppendStr(out, id == 0 ? "the workload " : "process ");
  tgAppendProcName(in, id, out);
}

bool tgIsProcessFunc(MlirOperation op, MlirStringRef name) {
  return mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)), str("func.func")) &&
         !mlirAttributeIsNull(
             mlirOperationGetDiscardableAttributeByName(op, str("wsp.process"))) &&
         mlirStringRefEqual(tgSymName(op), name);
}

static bool lookupProcess(Interp *in, MlirOperation spawn, MlirOperation *callee) {
  MlirAttribute ref = attrNamed(spawn, "process");
  if (mlirAttributeIsNull(ref) || !mlirAttributeIsAFlatSymbolRef(ref))
    return tgFailAt(in, spawn, "%s cannot tell which process this spawns", in->options->client);
  MlirStringRef name = mlirFlatSymbolRefAttrGetValue(ref);
  /* MLIR's symbol table, built at the first spawn: a scan of the module per
     spawn was quadratic with thousands of processes (docs/performance.md). */
  if (mlirSymbolTableIsNull(in->symbols))
    in->symbols = mlirSymbolTableCreate(in->module);
  MlirOperation op = mlirSymbolTableLookup(in->symbols, name);
  if (!mlirOperationIsNull(op) && tgIsProcessFunc(op, name)) {
    MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
    if (!mlirBlockIsNull(entry) && mlirBlockIsNull(mlirBlockGetNextInRegion(entry))) {
      *callee = op;
      return true;
    }
  }
  return tgFailAt(in, spawn,
                  "%s: @%.*s is not a process function with a body of one block (see "
                  "wsp-verify); remedy: spawn a func.func with 'wsp.process' and a body",
                  in->options->client, (int)name.length, name.data);
}

/* A process that (transitively) spawns its own function would start new
   instances without end; the chain in the message shows how. */
static bool checkNotRecursive(Interp *in, MlirOperation spawn, MlirOperation callee) {
  size_t depth = 0;
  bool recursive = false;
  for (size_t q = in->cur;; q = in->procs[q].parent, ++depth) {
    recursive |= q != 0 && mlirOperationEqual(in->procs[q].func, callee);
    if (q == 0)
      break;
  }
  if (!recursive)
    return true;
  size_t *chain = wspCalloc(depth + 1, sizeof(size_t));
  size_t n = 0;
  for (size_t q = in->cur;; q = in->procs[q].parent) {
    chain[n++] = q;
    if (q == 0)
      break;
  }
  WspStringBuffer text;
  wspStringBufferInit(&text);
  for (size_t i = n; i-- > 0;) {
    tgAppendProcName(in, chain[i], &text);
    wspStringBufferAppendStr(&text, " -> ");
  }
  MlirStringRef name = tgSymName(callee);
  tgFailProgram(in, spawn,
                "process '%.*s' spawns itself (%s'%.*s'); recursive spawns would start "
                "processes without end; remedy: spawn a fixed set of processes, e.g. all "
                "from the workload",
                (int)name.length, name.data, text.data, (int)name.length, name.data);
  wspStringBufferFree(&text);
  free(chain);
  return false;
}

/* The place of `proc` on (channel, role), or -1. */
static int64_t findPlace(const Proc *p, size_t channel, bool receives) {
  for (size_t i = 0; i < p->numPlaces; ++i)
    if (p->places[i].channel == channel && p->places[i].receives == receives)
      return (int64_t)i;
  return -1;
}

static size_t addPlace(Proc *p, size_t channel, bool receives) {
  if (p->numPlaces == p->capPlaces) {
    p->capPlaces = p->capPlaces ? 2 * p->capPlaces : 4;
    p->places = wspRealloc(p->places, p->capPlaces * sizeof(WspChannelPlace));
    p->closedAt = wspRealloc(p->closedAt, p->capPlaces * sizeof(MlirOperation));
  }
  p->places[p->numPlaces] = (WspChannelPlace){channel, receives, -1};
  p->closedAt[p->numPlaces] = (MlirOperation){NULL};
  return p->numPlaces++;
}

bool tgIsClosed(const Chan *c) { return c->numEnds > 0 && c->openEnds == 0; }

/* Gives `child` an end of channel `ch`: the receiving end (wsp.in; one per
   channel) or one more sending end (wsp.out). */
static bool bindChannel(Interp *in, MlirOperation spawn, size_t child, OpKind box, size_t ch) {
  Chan *c = &in->chans[ch];
  Proc *p = &in->procs[child];
  if (box == K_IN && c->receiver >= 0 && (size_t)c->receiver != child) {
    WspStringBuffer who, loc;
    wspStringBufferInit(&who);
    wspStringBufferInit(&loc);
    tgAppendProcName(in, (size_t)c->receiver, &who);
    tgFailProgram(in, spawn,
                  "channel '%.*s' already has a receiver, process %s (spawned at %s); a channel "
                  "has exactly one receiving process; remedy: give each receiving process its "
                  "own channel",
                  (int)c->name.length, c->name.data, who.data,
                  tgLocText(&loc, in->graph->processes[c->receiver].spawn));
    wspStringBufferFree(&who);
    wspStringBufferFree(&loc);
    return false;
  }
  if (box != K_IN && box != K_OUT)
    return tgFailAt(in, spawn, "%s: a channel is passed to a process with wsp.in or wsp.out",
                    in->options->client);
  if (findPlace(p, ch, box == K_IN) >= 0)
    return true; /* the same end twice: one place */
  size_t place = addPlace(p, ch, box == K_IN);
  if (box == K_IN) {
    c->receiver = (int64_t)child;
    in->graph->channels[ch].receiver = child;
    return true;
  }
  bool wasClosed = tgIsClosed(c);
  ++c->numEnds;
  if (wasClosed) /* closing is final: a late sender's end is born closed */
    p->closedAt[place] = c->closedAt;
  else
    ++c->openEnds;
  return true;
}

/* Binds parameter `param` of `child` to spawn argument #i, evaluated in the
   spawner: a scalar's value, a memref's view, a channel end. */
static bool bindSpawnArg(Interp *in, MlirOperation spawn, intptr_t i, size_t child,
                         MlirValue param) {
  MlirValue boxed = mlirOperationGetOperand(spawn, i);
  OpKind k = mlirValueIsAOpResult(boxed) ? tgKindOf(in, mlirOpResultGetOwner(boxed)) : K_OTHER;
  if (k != K_IN && k != K_OUT && k != K_INOUT && k != K_SCALAR)
    return tgFailAt(in, spawn,
                    "%s: argument #%" PRIdPTR
                    " is not made by wsp.in, wsp.out, wsp.inout or wsp.scalar",
                    in->options->client, i);
  MlirOperation box = mlirOpResultGetOwner(boxed);
  MlirValue v = mlirOperationGetOperand(box, 0);
  Slot s = valueSlot(in, v);
  if (k != K_SCALAR && s.kind == SLOT_CHANNEL) {
    if (!bindChannel(in, spawn, child, k, (size_t)s.value))
      return false;
  } else if (k != K_SCALAR && mlirTypeIsAMemRef(mlirValueGetType(v))) {
    View view;
    if (!tgTraceView(in, v, box, &view, 0))
      return false;
    s = (Slot){SLOT_VIEW, (int64_t)tgAddView(in, &view)};
  } else if (k != K_SCALAR) {
    return tgFailAt(in, box,
                    "%s cannot tell which channel this is (it is not the result of an executed "
                    "wsp.create_channel)",
                    in->options->client);
  }
  tgEnvSet(&in->procs[child].values, param.ptr, s);
  return true;
}

/* Each process costs its record, its environment and its frames (about
   2 KB): a loop that spawns millions of them must stop at max-memory, which
   counts them with the hazard tracker's state, not exhaust the machine. */
static bool withinProcessBudget(Interp *in, MlirOperation spawn, const Proc *p) {
  in->procBytes += sizeof(Proc) + sizeof(WspTaskProcess) + p->values.capacity * sizeof(EnvEntry) +
                   p->capFrames * sizeof(Frame);
  if (!tgOverMemoryBudget(in))
    return true;
  return tgFailAt(in, spawn,
                  "%s: the analysis needs more than %" PRId64
                  " MB (the max-memory limit) for the state of %zu processes; remedy: raise "
                  "max-memory or analyse a smaller problem size",
                  in->options->client, in->options->maxMemoryMB, in->numProcs);
}

/* Starts an instance: it only joins the round-robin; it runs when the
   scheduler reaches it (after the workload has returned). */
bool tgExecSpawn(Interp *in, MlirOperation op) {
  MlirOperation callee = {NULL};
  if (!lookupProcess(in, op, &callee) || !checkNotRecursive(in, op, callee))
    return false;
  MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(callee, 0));
  intptr_t n = mlirOperationGetNumOperands(op);
  if (n != mlirBlockGetNumArguments(entry))
    return tgFailAt(in, op,
                    "%s: %" PRIdPTR " arguments for a process with %" PRIdPTR
                    " parameters (see wsp-verify)",
                    in->options->client, n, mlirBlockGetNumArguments(entry));
  size_t child = tgAddProc(in, callee, op, in->cur);
  size_t spawner = current(in)->segment;
  tgNewSegment(in, child, WSP_SEGMENT_SPAWN, 0, 0, (Slot){SLOT_UNKNOWN, 0}, &spawner, 1);
  for (intptr_t i = 0; i < n; ++i)
    if (!bindSpawnArg(in, op, i, child, mlirBlockGetArgument(entry, i)))
      return false;
  tgPushFrame(&in->procs[child], callee, entry);
  return withinProcessBudget(in, op, &in->procs[child]);
}

/*===--- channels ---------------------------------------------------------===*/

bool tgExecCreateChannel(Interp *in, MlirOperation op) {
  MlirAttribute cap = attrNamed(op, "capacity"), name = attrNamed(op, "name");
  if (mlirAttributeIsNull(cap) || !mlirAttributeIsAInteger(cap))
    return tgFailAt(in, op, "%s cannot read 'capacity'", in->options->client);
  int64_t capacity = mlirIntegerAttrGetValueInt(cap);
  if (capacity < 0)
    return tgFailAt(in, op,
                    "%s: capacity %" PRId64 " is negative; a channel holds capacity >= 0 "
                    "tokens (0 = rendezvous)",
                    in->options->client, capacity);
  if (in->numChans == in->capChans) {
    in->capChans = in->capChans ? 2 * in->capChans : 8;
    in->chans = wspRealloc(in->chans, in->capChans * sizeof(Chan));
  }
  Chan *c = &in->chans[in->numChans];
  memset(c, 0, sizeof *c);
  c->op = op;
  c->name = !mlirAttributeIsNull(name) && mlirAttributeIsAString(name)
                ? mlirStringAttrGetValue(name)
                : str("?");
  c->capacity = capacity;
  c->receiver = -1;
  c->senders = c->flagged = c->hotIndex = SIZE_MAX;
  wspChannelOrderAddChannel(in->order, capacity); /* the same index */
  tgAddGraphChannel(in, op, c->name, capacity);
  if (mlirOperationGetNumResults(op) == 1)
    setValue(in, mlirOperationGetResult(op, 0), (Slot){SLOT_CHANNEL, (int64_t)in->numChans});
  ++in->numChans;
  return true;
}

size_t tgChannelFill(const Interp *in, size_t ch) {
  return wspChannelOrderNumSends(in->order, ch) - wspChannelOrderNumRecvs(in->order, ch);
}

static bool channelOf(Interp *in, MlirOperation op, size_t *ch) {
  Slot s = mlirOperationGetNumOperands(op) ? valueSlot(in, mlirOperationGetOperand(op, 0))
                                           : (Slot){SLOT_UNKNOWN, 0};
  if (s.kind != SLOT_CHANNEL)
    return tgFailAt(in, op,
                    "%s cannot tell which channel this is (it is not the result of an executed "
                    "wsp.create_channel)",
                    in->options->client);
  *ch = (size_t)s.value;
  return true;
}

/* The running process's end of `ch` in the role the op needs; wsp-verify
   guarantees it, but unverified input must get an error, not a crash. */
static bool holdsEnd(Interp *in, MlirOperation op, size_t ch, bool receives, size_t *place) {
  int64_t i = findPlace(current(in), ch, receives);
  if (i >= 0) {
    *place = (size_t)i;
    return true;
  }
  const Chan *c = &in->chans[ch];
  WspStringBuffer who;
  wspStringBufferInit(&who);
  tgAppendWho(in, in->cur, &who);
  tgFailProgram(in, op,
                "%s uses channel '%.*s' but does not hold it as %s (a wsp.spawn passes a channel "
                "to the process that %s it with %s); remedy: pass the channel to this process "
                "with %s",
                who.data, (int)c->name.length, c->name.data, receives ? "wsp.in" : "wsp.out",
                receives ? "receives from" : "sends on", receives ? "wsp.in" : "wsp.out",
                receives ? "wsp.in" : "wsp.out");
  wspStringBufferFree(&who);
  return false;
}

static Step blockAt(Interp *in, MlirOperation op, size_t ch, bool isRecv) {
  Proc *p = current(in);
  p->state = PROC_BLOCKED;
  p->waitOp = op;
  p->waitChannel = ch;
  p->waitIsRecv = isRecv;
  tgReadyBlocked(in, in->cur);
  return STEP_BLOCK;
}

/* Records the send that process `sender` makes at `op` (its token and the
   tasks it waits on, evaluated in the sender) as send #*index. */
static bool recordSend(Interp *in, size_t sender, MlirOperation op, size_t ch, size_t *index) {
  const Proc *s = &in->procs[sender];
  intptr_t n = mlirOperationGetNumOperands(op);
  size_t numAfter = n > 2 ? (size_t)(n - 2) : 0;
  if (numAfter > in->capScratch) {
    in->capScratch = 2 * numAfter;
    in->scratch = wspRealloc(in->scratch, in->capScratch * sizeof(size_t));
  }
  for (size_t i = 0; i < numAfter; ++i) {
    Slot h = slotIn(s, mlirOperationGetOperand(op, (intptr_t)i + 2));
    if (h.kind != SLOT_TASK)
      return tgFailAt(in, op,
                      "%s cannot tell which task 'after' handle #%zu is (it is not the result of "
                      "an executed wsp.task of this process)",
                      in->options->client, i);
    in->scratch[i] = (size_t)h.value;
  }
  Slot token = n > 1 ? slotIn(s, mlirOperationGetOperand(op, 1)) : (Slot){SLOT_UNKNOWN, 0};
  *index = wspChannelOrderSend(in->order, ch, in->scratch, numAfter);
  Chan *c = &in->chans[ch];
  if (*index >= c->capTokens) {
    c->capTokens = c->capTokens ? 2 * c->capTokens : 16;
    c->tokens = wspRealloc(c->tokens, c->capTokens * sizeof(Slot));
    c->sendBefore = wspRealloc(c->sendBefore, c->capTokens * sizeof(size_t));
    c->sendAfter = wspRealloc(c->sendAfter, c->capTokens * sizeof(size_t));
    c->recvBefore = wspRealloc(c->recvBefore, c->capTokens * sizeof(size_t));
    c->recvAfter = wspRealloc(c->recvAfter, c->capTokens * sizeof(size_t));
  }
  c->tokens[*index] = token;
  c->sendBefore[*index] = s->segment;
  c->sendAfter[*index] = c->recvAfter[*index] = SIZE_MAX;
  /* A rendezvous completes with the receiver waiting at (or running) this
     recv: its segment then is what the sender's next one follows. */
  c->recvBefore[*index] = c->capacity == 0 && c->receiver >= 0
                              ? in->procs[c->receiver].segment
                              : SIZE_MAX;
  return true;
}

static bool receiverWaiting(const Interp *in, size_t ch) {
  const Chan *c = &in->chans[ch];
  if (c->receiver < 0)
    return false;
  const Proc *r = &in->procs[c->receiver];
  return r->state == PROC_BLOCKED && r->waitIsRecv && r->waitChannel == ch && !r->handed;
}

static void enqueueSender(Chan *c, size_t sender) {
  if (c->numWaiting == c->capWaiting) {
    c->capWaiting = c->capWaiting ? 2 * c->capWaiting : 4;
    c->waiting = wspRealloc(c->waiting, c->capWaiting * sizeof(size_t));
  }
  c->waiting[c->numWaiting++] = sender;
}

/* The sender's segment after send #k: a send that needed room follows the
   receiver's segment after recv #(k - capacity) (the recv that made room;
   the receiver yields no earlier than its next channel op); a rendezvous
   follows the receiver's segment up to its recv #k. */
static void startSendSegment(Interp *in, size_t ch, size_t k) {
  Chan *c = &in->chans[ch];
  size_t pred = SIZE_MAX;
  if (c->capacity == 0)
    pred = c->recvBefore[k];
  else if (k >= (size_t)c->capacity)
    pred = c->recvAfter[k - (size_t)c->capacity];
  c->sendAfter[k] = tgNewSegment(in, in->cur, WSP_SEGMENT_SEND, ch, k, c->tokens[k], &pred, 1);
}

/* A send completes when the channel has room (capacity >= 1) or, for a
   rendezvous, when the receiver is waiting at its recv: the token passes
   directly. Otherwise the process blocks here and retries when resumed. */
Step tgExecSend(Interp *in, MlirOperation op) {
  size_t ch = 0, place = 0, k = 0;
  if (!channelOf(in, op, &ch) || !holdsEnd(in, op, ch, false, &place))
    return STEP_FAIL;
  Proc *p = current(in);
  Chan *c = &in->chans[ch];
  if (!mlirOperationIsNull(p->closedAt[place])) {
    WspStringBuffer loc;
    wspStringBufferInit(&loc);
    tgFailProgram(in, op,
                  "send on channel '%.*s' after it was closed at %s; remedy: send every token "
                  "before closing the channel",
                  (int)c->name.length, c->name.data, tgLocText(&loc, p->closedAt[place]));
    wspStringBufferFree(&loc);
    return STEP_FAIL;
  }
  if (p->handed) { /* a rendezvous partner took the token while it waited */
    p->handed = false;
    p->places[place].index = (int64_t)p->handedIndex;
    startSendSegment(in, ch, p->handedIndex);
    return STEP_NEXT;
  }
  if (c->capacity > 0 && tgChannelFill(in, ch) >= (size_t)c->capacity)
    return blockAt(in, op, ch, false);
  if (c->capacity == 0 && !receiverWaiting(in, ch)) {
    enqueueSender(c, in->cur);
    return blockAt(in, op, ch, false);
  }
  if (!recordSend(in, in->cur, op, ch, &k))
    return STEP_FAIL;
  if (c->capacity == 0) {
    Proc *r = &in->procs[c->receiver];
    r->handed = true;
    r->handedIndex = k;
    tgReadyHanded(in, (size_t)c->receiver);
  }
  tgReadyRefresh(in, ch);
  current(in)->places[place].index = (int64_t)k;
  startSendSegment(in, ch, k);
  return STEP_NEXT;
}

/* Binds the recv's results: ok (i1 true is -1 here, as arith.cmpi's) and
   the token; on ok = false the token is 0 and the receiver's epoch ends. */
static Step completeRecv(Interp *in, MlirOperation op, size_t ch, size_t place, bool ok) {
  Slot token = {SLOT_INT, 0};
  Chan *c = &in->chans[ch];
  if (ok) { /* after the sender's segment up to send #k: what it announces */
    size_t k = wspChannelOrderRecv(in->order, ch);
    token = c->tokens[k];
    current(in)->places[place].index = (int64_t)k;
    size_t pred = c->sendBefore[k];
    c->recvAfter[k] = tgNewSegment(in, in->cur, WSP_SEGMENT_RECV, ch, k, token, &pred, 1);
    tgReadyRefresh(in, ch); /* room for a blocked sender */
  } else { /* after every segment that closed a sending end */
    current(in)->places[place].index = -1;
    tgNewSegment(in, in->cur, WSP_SEGMENT_CLOSED, ch, 0, token, c->closers, c->numClosers);
  }
  if (mlirOperationGetNumResults(op) == 2) {
    MlirValue okValue = mlirOperationGetResult(op, 0), tokValue = mlirOperationGetResult(op, 1);
    unsigned w = tgValueWidth(tokValue);
    setValue(in, okValue, (Slot){SLOT_INT, tgNormalize(ok ? 1 : 0, tgValueWidth(okValue))});
    if (token.kind == SLOT_INT && w)
      token.value = tgNormalize((uint64_t)token.value, w);
    setValue(in, tokValue, w ? token : (Slot){SLOT_UNKNOWN, 0});
  }
  return STEP_NEXT;
}

/* A recv takes the oldest token (or, for a rendezvous, the first waiting
   sender's); on a closed, drained channel it yields ok = false. */
Step tgExecRecv(Interp *in, MlirOperation op) {
  size_t ch = 0, place = 0, k = 0;
  if (!channelOf(in, op, &ch) || !holdsEnd(in, op, ch, true, &place))
    return STEP_FAIL;
  Proc *p = current(in);
  Chan *c = &in->chans[ch];
  if (p->handed) {
    p->handed = false;
    return completeRecv(in, op, ch, place, true);
  }
  if (c->capacity > 0 && tgChannelFill(in, ch) > 0)
    return completeRecv(in, op, ch, place, true);
  if (c->capacity == 0 && c->waitHead < c->numWaiting) {
    size_t sender = c->waiting[c->waitHead++];
    if (!recordSend(in, sender, in->procs[sender].waitOp, ch, &k))
      return STEP_FAIL;
    in->procs[sender].handed = true;
    in->procs[sender].handedIndex = k;
    tgReadyHanded(in, sender);
    tgReadyRefresh(in, ch);
    return completeRecv(in, op, ch, place, true);
  }
  if (tgIsClosed(c))
    return completeRecv(in, op, ch, place, false);
  return blockAt(in, op, ch, true);
}

static void closeEnd(Interp *in, size_t proc, size_t place, MlirOperation at) {
  Proc *p = &in->procs[proc];
  p->closedAt[place] = at;
  Chan *c = &in->chans[p->places[place].channel];
  if (c->numClosers == c->capClosers) {
    c->capClosers = c->capClosers ? 2 * c->capClosers : 4;
    c->closers = wspRealloc(c->closers, c->capClosers * sizeof(size_t));
  }
  c->closers[c->numClosers++] = p->segment;
  ++in->numCloses;
  if (--c->openEnds == 0) {
    c->closedAt = at;
    tgReadyRefresh(in, p->places[place].channel);
  }
}

bool tgExecClose(Interp *in, MlirOperation op) {
  size_t ch = 0, place = 0;
  if (!channelOf(in, op, &ch) || !holdsEnd(in, op, ch, false, &place))
    return false;
  Proc *p = current(in);
  if (mlirOperationIsNull(p->closedAt[place])) {
    closeEnd(in, in->cur, place, op);
    return true;
  }
  const Chan *c = &in->chans[ch];
  WspStringBuffer loc;
  wspStringBufferInit(&loc);
  tgFailProgram(in, op,
                "channel '%.*s' is closed twice (first at %s); remedy: close it once, after its "
                "last send",
                (int)c->name.length, c->name.data, tgLocText(&loc, p->closedAt[place]));
  wspStringBufferFree(&loc);
  return false;
}

/* A returning process closes the sending ends it still holds. */
void tgFinishProc(Interp *in, MlirOperation terminator) {
  Proc *p = current(in);
  for (size_t i = 0; i < p->numPlaces; ++i)
    if (!p->places[i].receives && mlirOperationIsNull(p->closedAt[i]))
      closeEnd(in, in->cur, i, terminator);
  p = current(in);
  p->state = PROC_DONE;
  tgReadyDone(in, in->cur);
  tgReleaseProc(p);
}
