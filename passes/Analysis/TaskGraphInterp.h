/* The static interpreter behind wspTaskGraphBuild: its state, shared by the
   files that implement it (internal to passes/Analysis; see TaskGraph.h for
   the public interface, docs/dependencies.md and docs/csp.md for what it
   computes).

   The interpreter is split by concern, each file depending only on those
   above it in this list (no cycles):
     TaskGraphInterp.c       the environment, op kinds, diagnostics
     TaskGraphScalar.c       integer arith/index evaluation; explaining unknowns
     TaskGraphViews.c        roots, views and regions (memref.subview/cast)
     TaskGraphSegments.c     happens-before: the segments between channel ops
     TaskGraphReady.c        which processes can proceed, kept up to date
     TaskGraphTasks.c        wsp.task nodes and memref.alloc roots
     TaskGraphProcesses.c    process instances, frames, channels: spawn, send,
                             recv, close
     TaskGraphControlFlow.c  one op at a time: scf.for/scf.if frames, dispatch
     TaskGraphSchedule.c     round-robin scheduling and deadlock reports
     TaskGraph.c             setup and the public entry points

   Invariants: everything is owned by one Interp on the caller's stack (no
   global state); every SSA value an executed op defines is (re)bound in the
   running process's environment, known or not, so a value from an earlier
   iteration never survives as "known"; a process's frames are its
   continuation: a blocked process resumes at the op it blocked at. */
#ifndef WSP_PASSES_ANALYSIS_TASKGRAPHINTERP_H
#define WSP_PASSES_ANALYSIS_TASKGRAPHINTERP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "IRUtil.h"
#include "Support/StringBuffer.h"
#include "TaskGraph.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

static inline MlirStringRef str(const char *s) { return wspStr(s); }

/* Registered ops keep their attributes as inherent (properties); IRDL ops
   keep them in the discardable dictionary, and asking a dynamic op for an
   inherent attribute aborts. Operation::getAttr handles both, so this uses
   the (documented as deprecated, still supported) C entry point for it. */
static inline MlirAttribute attrNamed(MlirOperation op, const char *name) {
  return mlirOperationGetAttributeByName(op, str(name));
}

/*===--- the environment: pointer-keyed map, never iterated -----------------===*/

/* What is known of an SSA value: an integer, a whole root tensor, a view a
   spawn passed to a process (Interp.views), a channel, or a task handle. */
typedef enum SlotKind {
  SLOT_UNKNOWN = 0,
  SLOT_INT,
  SLOT_ROOT,
  SLOT_VIEW,
  SLOT_CHANNEL,
  SLOT_TASK,
} SlotKind;

typedef struct Slot {
  SlotKind kind;
  int64_t value; /* the integer, or the root, view, channel or task id */
} Slot;

typedef struct EnvEntry {
  const void *key;
  Slot slot;
} EnvEntry;

/* Open addressing with linear probing. Only looked up by key, so the
   pointer-derived layout never leaks into the output's order. */
typedef struct Env {
  EnvEntry *entries;
  size_t capacity, used;
} Env;

/*===--- op kinds ---------------------------------------------------------===*/

typedef enum OpKind {
  K_OTHER = 0,
  /* evaluated scalar ops: K_CONST .. K_SELECT */
  K_CONST,
  K_ADD, K_SUB, K_MUL, K_DIVS, K_DIVU, K_CEILDIVS, K_CEILDIVU, K_FLOORDIVS, K_REMS, K_REMU,
  K_MINS, K_MAXS, K_MINU, K_MAXU, K_AND, K_OR, K_XOR, K_SHL, K_SHRS, K_SHRU,
  K_CASTS, /* sign-extending or truncating integer casts */
  K_CASTU, /* zero-extending integer casts */
  K_CMPI,
  K_SELECT,
  /* structure and wsp */
  K_FOR, K_IF, K_WHILE, K_ALLOC, K_TASK, K_IN, K_OUT, K_INOUT, K_SCALAR, K_SUBVIEW, K_MEMREF_CAST,
  K_CALL, K_SYMBOL, K_SLOT_READ, K_RECV, K_SEND, K_SPAWN, K_CREATE_CHANNEL, K_CLOSE,
} OpKind;

/*===--- the interpreter state --------------------------------------------===*/

/* A tile view being traced: its region in root coordinates, and which root
   dimension each of the view's own dimensions walks along. */
typedef struct View {
  WspTileRegion region;
  unsigned rank;
  unsigned dims[WSP_TG_MAX_RANK];
} View;

/* One block being executed: the op that owns it and where execution stands.
   A process keeps its frames while it is blocked, so it resumes exactly
   where it stopped, inside any nest of loops and branches. */
typedef struct Frame {
  MlirOperation owner; /* the func.func, scf.for or scf.if whose block runs */
  MlirOperation next;  /* the next op of the block; its terminator ends it */
  int64_t iv, ub, step; /* scf.for */
  unsigned width;
  bool isUnsigned;
  Slot *carried; /* scf.for: the values the iterations carry; scf.while:
                    2 * numCarried, the second half the values a remembered
                    iteration started with (cycle detection) */
  intptr_t numCarried;
  uint64_t effects; /* scf.while: effectCount() as that iteration started */
} Frame;

typedef enum ProcState { PROC_READY, PROC_BLOCKED, PROC_DONE } ProcState;

/* What executing one op did to the running process. */
typedef enum Step { STEP_FAIL, STEP_NEXT, STEP_BLOCK, STEP_RETURN } Step;

/* One running instance of a process function; procs[0] is the workload. The
   index is also the instance's index in WspTaskGraph.processes. */
typedef struct Proc {
  MlirOperation func;
  size_t parent; /* the process that spawned it (the workload: itself) */
  Env values;    /* MlirValue -> Slot: instances of one function differ */
  Frame *frames;
  size_t numFrames, capFrames;
  ProcState state;
  MlirOperation waitOp; /* when blocked: the wsp.send or wsp.recv */
  size_t waitChannel;
  bool waitIsRecv;
  bool handed;          /* rendezvous: the partner completed waitOp for it */
  size_t handedIndex;   /* ... as send #handedIndex */
  WspChannelPlace *places; /* the channel ends it holds */
  MlirOperation *closedAt; /* per place: the op that closed a sending end */
  size_t segment;          /* its current segment (WspTaskGraph.segments) */
  size_t numPlaces, capPlaces;
} Proc;

/* One execution of a wsp.create_channel. Its event log (what edges it
   implies) is in Interp.order under the same index. */
typedef struct Chan {
  MlirOperation op;
  MlirStringRef name;
  int64_t capacity;
  int64_t receiver;         /* the process holding its receiving end, or -1 */
  size_t numEnds, openEnds; /* sending ends: all closed = the channel is closed */
  MlirOperation closedAt;   /* what closed the last sending end */
  Slot *tokens;             /* tokens[k]: the token of send #k */
  size_t capTokens;
  /* Per message k (sized like tokens): the sender's segment when it reached
     send #k and the one that send started; the receiver's segment when it
     reached recv #k (recorded for rendezvous only) and the one it started. */
  size_t *sendBefore, *sendAfter, *recvBefore, *recvAfter;
  size_t *closers; /* the segments in which sending ends were closed */
  size_t numClosers, capClosers;
  /* Scheduling (TaskGraphReady.c), capacity >= 1 only: the senders blocked
     for room, a treap keyed by process id; with one of them its ready bit
     stands for it (`flagged`), with several the channel is on the hot list
     while it has room. */
  size_t senders, numBlockedSenders, flagged, hotIndex;
  size_t *waiting; /* rendezvous: the senders blocked at wsp.send, FIFO */
  size_t waitHead, numWaiting, capWaiting;
} Chan;

/* The processes that can proceed, as a 64-ary tree of bit words: level 0 has
   one bit per process, a bit of level l+1 says whether word of level l is
   non-zero. Finding the next set bit after a position costs O(log P). */
typedef struct ReadySet {
  uint64_t *words[6];
  size_t numWords[6];
  unsigned levels;
  size_t capacity; /* 64^levels */
} ReadySet;

typedef struct Interp {
  WspContext context;
  const WspTaskGraphOptions *options;
  WspTaskGraph *graph;
  MlirOperation module;
  Proc *procs;
  size_t numProcs, capProcs;
  uint64_t procBytes; /* the processes' state, counted against max-memory */
  size_t cur; /* the running process */
  Chan *chans;
  size_t numChans, capChans;
  View *views; /* what spawns bind memref parameters to */
  size_t numViews, capViews;
  WspChannelOrder *order;
  Env kinds; /* op name identifier -> OpKind, a cache */
  MlirSymbolTable symbols; /* the module's, for spawns; null until the first */
  WspHazardTracker *hazards;
  size_t numAllocs;
  size_t numCloses; /* sending ends closed so far */
  uint64_t steps, maxSteps; /* a guard against unrolling without end */
  size_t *scratch;          /* one send's after-tasks */
  size_t capScratch;
  ReadySet ready;       /* TaskGraphReady.c */
  size_t *treapLeft, *treapRight; /* per process: its node in a sender treap */
  size_t capTreap;
  size_t *hot;          /* channels with room and several blocked senders */
  size_t numHot, capHot;
} Interp;

/*===--- TaskGraphInterp.c: the environment, op kinds, diagnostics -------===*/

Slot tgEnvGet(const Env *env, const void *key);
void tgEnvSet(Env *env, const void *key, Slot slot);
OpKind tgKindOf(Interp *in, MlirOperation op);
MlirStringRef tgSymName(MlirOperation func);

static inline Proc *current(const Interp *in) { return &in->procs[in->cur]; }
static inline Slot slotIn(const Proc *p, MlirValue v) { return tgEnvGet(&p->values, v.ptr); }
static inline Slot valueSlot(const Interp *in, MlirValue v) { return slotIn(current(in), v); }
static inline void setValue(Interp *in, MlirValue v, Slot s) {
  tgEnvSet(&current(in)->values, v.ptr, s);
}

/* Raises "'<op>' op: <message>" at the op; always returns false. For what
   the analysis cannot evaluate. */
bool tgFailAt(Interp *in, MlirOperation op, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
/* The same for an error of the program itself (a deadlock, a misused
   channel): every run would hit it, so passes report it rather than fall
   back to run-time checks. */
bool tgFailProgram(Interp *in, MlirOperation op, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
/* "file:line:col" of an op, for messages that point at a second op. */
void tgAppendLoc(WspStringBuffer *out, MlirOperation op);
/* Formats into a small reusable buffer owned by the caller. */
const char *tgLocText(WspStringBuffer *buf, MlirOperation op);

/*===--- TaskGraphScalar.c: integers, and what is not known ---------------===*/

unsigned tgIntWidth(MlirType t);
int64_t tgNormalize(uint64_t v, unsigned w);
uint64_t tgAsUnsigned(int64_t v, unsigned w);
unsigned tgValueWidth(MlirValue v);
/* Sets the result of an evaluated scalar op (K_CONST..K_SELECT). */
void tgEvalScalarOp(Interp *in, MlirOperation op, OpKind k);
/* The wsp.name of workload argument `n`, or an empty string. */
MlirStringRef tgArgName(MlirOperation func, intptr_t n);
/* The integer value of `v`, or a located error at `at`: "<client> needs
   <need>; <what> depends on <origin>; remedy: <remedy>". */
bool tgRequireInt(Interp *in, MlirOperation at, MlirValue v, const char *what,
                  const char *need, const char *remedy, int64_t *out);

/*===--- TaskGraphViews.c: roots, views and regions -----------------------===*/

size_t tgAddRoot(Interp *in, char *name, MlirValue value, int argNumber);
/* Traces `v` (a memref used by `user`) to its root and region. */
bool tgTraceView(Interp *in, MlirValue v, MlirOperation user, View *view, int depth);
size_t tgAddView(Interp *in, const View *view);

/*===--- TaskGraphSegments.c: happens-before ------------------------------===*/

/* Starts a new segment of process `proc` (after its current one, if any)
   with the given synchronisation predecessors; returns its id. */
size_t tgNewSegment(Interp *in, size_t proc, WspSegmentStart start, size_t channel,
                    size_t message, Slot token, const size_t *preds, size_t numPreds);
/* Records a channel execution in the graph (same index as Interp.chans). */
void tgAddGraphChannel(Interp *in, MlirOperation op, MlirStringRef name, int64_t capacity);

/*===--- TaskGraphReady.c: which processes can proceed ---------------------===*/

/* A new process (it can run) / a process resumed by the scheduler (it no
   longer waits: leaves its channel's sender treap). */
void tgReadyAdd(Interp *in, size_t proc);
void tgReadyResume(Interp *in, size_t proc);
/* The running process blocked at a send or recv on `ch`, or returned. */
void tgReadyBlocked(Interp *in, size_t proc);
void tgReadyDone(Interp *in, size_t proc);
/* A rendezvous partner completed the op `proc` waits at. */
void tgReadyHanded(Interp *in, size_t proc);
/* Something changed on channel `ch` (a send, recv or close completed):
   re-evaluates its receiver and its blocked senders. */
void tgReadyRefresh(Interp *in, size_t ch);
/* The first process after `cur` in round-robin order (wrapping around,
   `cur` itself last) that can proceed; false if none. */
bool tgReadyNext(const Interp *in, size_t cur, size_t *next);
void tgReadyFree(Interp *in);

/*===--- TaskGraphTasks.c: task nodes and allocs --------------------------===*/

bool tgExecTask(Interp *in, MlirOperation op);
/* Whether the analysis's state (hazard tracker and processes) exceeds the
   max-memory option; false when it is 0 (no limit). */
bool tgOverMemoryBudget(const Interp *in);
bool tgExecAlloc(Interp *in, MlirOperation op);

/*===--- TaskGraphProcesses.c: processes, frames and channels -------------===*/

size_t tgAddProc(Interp *in, MlirOperation func, MlirOperation spawn, size_t parent);
Frame *tgPushFrame(Proc *p, MlirOperation owner, MlirBlock block);
void tgPopFrame(Proc *p);
/* What a process needs only while it runs; its places stay for messages. */
void tgReleaseProc(Proc *p);
/* "'name'", plus " #i" when the function runs more than once. */
void tgAppendProcName(const Interp *in, size_t id, WspStringBuffer *out);
/* "process 'p'" or "the workload 'main'". */
void tgAppendWho(const Interp *in, size_t id, WspStringBuffer *out);
bool tgIsProcessFunc(MlirOperation op, MlirStringRef name);
bool tgIsClosed(const Chan *c);
/* How many tokens channel `ch` holds (sent, not yet received). */
size_t tgChannelFill(const Interp *in, size_t ch);
bool tgExecSpawn(Interp *in, MlirOperation op);
bool tgExecCreateChannel(Interp *in, MlirOperation op);
Step tgExecSend(Interp *in, MlirOperation op);
Step tgExecRecv(Interp *in, MlirOperation op);
bool tgExecClose(Interp *in, MlirOperation op);
/* A returning process closes the sending ends it still holds. */
void tgFinishProc(Interp *in, MlirOperation terminator);

/*===--- TaskGraphControlFlow.c: running a process ------------------------===*/

/* Runs the current process until it blocks, returns or fails. */
Step tgRunProcess(Interp *in);

/*===--- TaskGraphSchedule.c ----------------------------------------------===*/

/* Runs the workload, then the processes round-robin; reports a deadlock. */
bool tgSchedule(Interp *in);

#endif
