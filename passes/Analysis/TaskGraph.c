/* Abstract execution of a wsp workload into its static task graph.

   The workload body is walked in program order with an environment that maps
   SSA values to what is statically known about them: an integer (arith over
   constants and loop induction variables), a root tensor (a workload memref
   argument, or the current execution of an alloc), a channel or a task
   handle. scf.for loops with static bounds are unrolled, scf.if takes the
   branch its constant condition picks, and each executed wsp.task becomes a
   node whose tensor arguments are traced through memref.subview /
   memref.cast to a region of a root. The hazard tracker (TaskGraphHazards.c)
   turns the regions into edges.

   Processes (docs/csp.md) run as cooperative coroutines: each instance has
   its own environment and an explicit stack of frames (one per block being
   executed), so a wsp.send on a full channel or a wsp.recv on an empty one
   simply leaves the frames where they are and the scheduler resumes another
   instance, round-robin in spawn order. The workload runs first, to its end.
   The channel order tracker (TaskGraphHazards.c) turns the token traffic into
   channel and credit edges. When no process can run but some have not
   returned, that is a deadlock: an error naming each blocked process.

   Everything is owned by one Interp on the caller's stack: no global state. */
#include "TaskGraph.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ContextImpl.h"
#include "Support/StringBuffer.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "wsp-c/Diagnostics.h"

static MlirStringRef str(const char *s) { return mlirStringRefCreateFromCString(s); }

/* Registered ops keep their attributes as inherent (properties); IRDL ops
   keep them in the discardable dictionary, and asking a dynamic op for an
   inherent attribute aborts. Operation::getAttr handles both, so this uses
   the (documented as deprecated, still supported) C entry point for it. */
static MlirAttribute attrNamed(MlirOperation op, const char *name) {
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

static size_t hashPointer(const void *p, size_t mask) {
  uint64_t x = (uint64_t)(uintptr_t)p;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return (size_t)x & mask;
}

static Slot envGet(const Env *env, const void *key) {
  if (env->capacity == 0)
    return (Slot){SLOT_UNKNOWN, 0};
  size_t mask = env->capacity - 1;
  for (size_t i = hashPointer(key, mask); env->entries[i].key; i = (i + 1) & mask)
    if (env->entries[i].key == key)
      return env->entries[i].slot;
  return (Slot){SLOT_UNKNOWN, 0};
}

static void envInsert(EnvEntry *entries, size_t capacity, const void *key, Slot slot, bool *added) {
  size_t mask = capacity - 1, i = hashPointer(key, mask);
  while (entries[i].key && entries[i].key != key)
    i = (i + 1) & mask;
  *added = entries[i].key == NULL;
  entries[i].key = key;
  entries[i].slot = slot;
}

static void envSet(Env *env, const void *key, Slot slot) {
  if (2 * (env->used + 1) > env->capacity) {
    size_t capacity = env->capacity ? 2 * env->capacity : 64;
    EnvEntry *entries = wspCalloc(capacity, sizeof(EnvEntry));
    bool added;
    for (size_t i = 0; i < env->capacity; ++i)
      if (env->entries[i].key)
        envInsert(entries, capacity, env->entries[i].key, env->entries[i].slot, &added);
    free(env->entries);
    env->entries = entries;
    env->capacity = capacity;
  }
  bool added;
  envInsert(env->entries, env->capacity, key, slot, &added);
  env->used += added;
}

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
  K_FOR, K_IF, K_ALLOC, K_TASK, K_IN, K_OUT, K_INOUT, K_SCALAR, K_SUBVIEW, K_MEMREF_CAST,
  K_CALL, K_SYMBOL, K_SLOT_READ, K_RECV, K_SEND, K_SPAWN, K_CREATE_CHANNEL, K_CLOSE,
} OpKind;

static const struct {
  const char *name;
  OpKind kind;
} kOpNames[] = {
    {"arith.constant", K_CONST},    {"index.constant", K_CONST},
    {"arith.addi", K_ADD},          {"index.add", K_ADD},
    {"arith.subi", K_SUB},          {"index.sub", K_SUB},
    {"arith.muli", K_MUL},          {"index.mul", K_MUL},
    {"arith.divsi", K_DIVS},        {"index.divs", K_DIVS},
    {"arith.divui", K_DIVU},        {"index.divu", K_DIVU},
    {"arith.ceildivsi", K_CEILDIVS}, {"index.ceildivs", K_CEILDIVS},
    {"arith.ceildivui", K_CEILDIVU}, {"index.ceildivu", K_CEILDIVU},
    {"arith.floordivsi", K_FLOORDIVS}, {"index.floordivs", K_FLOORDIVS},
    {"arith.remsi", K_REMS},        {"index.rems", K_REMS},
    {"arith.remui", K_REMU},        {"index.remu", K_REMU},
    {"arith.minsi", K_MINS},        {"index.mins", K_MINS},
    {"arith.maxsi", K_MAXS},        {"index.maxs", K_MAXS},
    {"arith.minui", K_MINU},        {"index.minu", K_MINU},
    {"arith.maxui", K_MAXU},        {"index.maxu", K_MAXU},
    {"arith.andi", K_AND},          {"index.and", K_AND},
    {"arith.ori", K_OR},            {"index.or", K_OR},
    {"arith.xori", K_XOR},          {"index.xor", K_XOR},
    {"arith.shli", K_SHL},          {"index.shl", K_SHL},
    {"arith.shrsi", K_SHRS},        {"index.shrs", K_SHRS},
    {"arith.shrui", K_SHRU},        {"index.shru", K_SHRU},
    {"arith.index_cast", K_CASTS},  {"arith.extsi", K_CASTS},
    {"arith.trunci", K_CASTS},      {"index.casts", K_CASTS},
    {"arith.index_castui", K_CASTU}, {"arith.extui", K_CASTU},
    {"index.castu", K_CASTU},       {"arith.cmpi", K_CMPI},
    {"arith.select", K_SELECT},     {"scf.for", K_FOR},
    {"scf.if", K_IF},               {"memref.alloc", K_ALLOC},
    {"memref.alloca", K_ALLOC},     {"wsp.task", K_TASK},
    {"wsp.in", K_IN},               {"wsp.out", K_OUT},
    {"wsp.inout", K_INOUT},         {"wsp.scalar", K_SCALAR},
    {"memref.subview", K_SUBVIEW},  {"memref.cast", K_MEMREF_CAST},
    {"func.call", K_CALL},          {"wsp.symbol", K_SYMBOL},
    {"wsp.slot_read", K_SLOT_READ}, {"wsp.recv", K_RECV},
    {"wsp.send", K_SEND},           {"wsp.spawn", K_SPAWN},
    {"wsp.create_channel", K_CREATE_CHANNEL}, {"wsp.close", K_CLOSE},
};

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
  Slot *carried; /* scf.for: the values the iterations carry */
  intptr_t numCarried;
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
  size_t *waiting; /* rendezvous: the senders blocked at wsp.send, FIFO */
  size_t waitHead, numWaiting, capWaiting;
} Chan;

typedef struct Interp {
  WspContext context;
  const WspTaskGraphOptions *options;
  WspTaskGraph *graph;
  MlirOperation module;
  Proc *procs;
  size_t numProcs, capProcs;
  size_t cur; /* the running process */
  Chan *chans;
  size_t numChans, capChans;
  View *views; /* what spawns bind memref parameters to */
  size_t numViews, capViews;
  WspChannelOrder *order;
  Env kinds; /* op name identifier -> OpKind, a cache */
  WspHazardTracker *hazards;
  size_t numAllocs;
  uint64_t steps, maxSteps; /* a guard against unrolling without end */
  size_t *scratch;          /* one send's after-tasks */
  size_t capScratch;
} Interp;

/* Op names are uniqued identifiers: one table scan per distinct name. */
static OpKind kindOf(Interp *in, MlirOperation op) {
  MlirIdentifier name = mlirOperationGetName(op);
  Slot cached = envGet(&in->kinds, name.ptr);
  if (cached.kind == SLOT_INT)
    return (OpKind)cached.value;
  OpKind kind = K_OTHER;
  MlirStringRef text = mlirIdentifierStr(name);
  for (size_t i = 0; i < sizeof kOpNames / sizeof kOpNames[0]; ++i)
    if (mlirStringRefEqual(text, str(kOpNames[i].name)))
      kind = kOpNames[i].kind;
  envSet(&in->kinds, name.ptr, (Slot){SLOT_INT, kind});
  return kind;
}

static MlirStringRef symName(MlirOperation func) {
  MlirAttribute sym = attrNamed(func, "sym_name");
  return !mlirAttributeIsNull(sym) && mlirAttributeIsAString(sym) ? mlirStringAttrGetValue(sym)
                                                                   : str("?");
}

static Proc *current(const Interp *in) { return &in->procs[in->cur]; }

static Slot slotIn(const Proc *p, MlirValue v) { return envGet(&p->values, v.ptr); }
static Slot valueSlot(const Interp *in, MlirValue v) { return slotIn(current(in), v); }
static void setValue(Interp *in, MlirValue v, Slot s) { envSet(&current(in)->values, v.ptr, s); }

static void vfailAt(Interp *in, MlirOperation op, const char *format, va_list args) {
  WspStringBuffer text;
  wspStringBufferInit(&text);
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  wspStringBufferAppendf(&text, "'%.*s' op: ", (int)name.length, name.data);
  wspStringBufferAppendv(&text, format, args);
  wspEmitError(in->context, mlirOperationGetLocation(op), text.data);
  wspStringBufferFree(&text);
}

/* Raises "'<op>' op: <message>" at the op; always returns false. For what
   the analysis cannot evaluate. */
static bool failAt(Interp *in, MlirOperation op, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static bool failAt(Interp *in, MlirOperation op, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vfailAt(in, op, format, args);
  va_end(args);
  return false;
}

/* The same for an error of the program itself (a deadlock, a misused
   channel): every run would hit it, so passes report it rather than fall
   back to run-time checks. */
static bool failProgram(Interp *in, MlirOperation op, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static bool failProgram(Interp *in, MlirOperation op, const char *format, ...) {
  in->graph->programError = true;
  va_list args;
  va_start(args, format);
  vfailAt(in, op, format, args);
  va_end(args);
  return false;
}

/* "file:line:col" of an op, for messages that point at a second op. */
static void appendLoc(WspStringBuffer *out, MlirOperation op) {
  MlirStringRef file;
  unsigned line, column;
  if (wspLocationGetFileLineCol(mlirOperationGetLocation(op), &file, &line, &column))
    wspStringBufferAppendf(out, "%.*s:%u:%u", (int)file.length, file.data, line, column);
  else
    wspStringBufferAppendStr(out, "an unknown location");
}

/* Formats into a small reusable buffer owned by the caller. */
static const char *locText(WspStringBuffer *buf, MlirOperation op) {
  wspStringBufferClear(buf);
  appendLoc(buf, op);
  return buf->data;
}
/*===--- integers ---------------------------------------------------------===*/

/* Bit width of an integer-like type we evaluate (signless integers up to 64
   bits, and index); 0 for anything else. */
static unsigned intWidth(MlirType t) {
  if (mlirTypeIsAIndex(t))
    return 64;
  if (mlirTypeIsAInteger(t) && mlirIntegerTypeIsSignless(t) && mlirIntegerTypeGetWidth(t) <= 64)
    return mlirIntegerTypeGetWidth(t);
  return 0;
}

/* Values are kept sign-extended from their width (i1 true is -1), so equal
   bit patterns compare equal. */
static int64_t normalize(uint64_t v, unsigned w) {
  if (w == 0 || w >= 64)
    return (int64_t)v;
  uint64_t sign = 1ull << (w - 1);
  v &= (sign << 1) - 1;
  return (int64_t)((v ^ sign) - sign);
}

static uint64_t asUnsigned(int64_t v, unsigned w) {
  return w >= 64 ? (uint64_t)v : (uint64_t)v & ((1ull << w) - 1);
}

static int64_t minSigned(unsigned w) { return w >= 64 ? INT64_MIN : -(int64_t)(1ull << (w - 1)); }

/* Signed division family; false where arith says the result is undefined. */
static bool evalSignedDiv(OpKind k, int64_t a, int64_t b, unsigned w, uint64_t *r) {
  if (b == 0 || (a == minSigned(w) && b == -1 && k != K_REMS))
    return false;
  if (k == K_REMS) {
    *r = (uint64_t)(b == -1 ? 0 : a % b);
    return true;
  }
  int64_t q = a / b, rem = a % b;
  if (k == K_CEILDIVS && rem != 0 && ((a < 0) == (b < 0)))
    ++q;
  if (k == K_FLOORDIVS && rem != 0 && ((a < 0) != (b < 0)))
    --q;
  *r = (uint64_t)q;
  return true;
}

static bool evalUnsignedDiv(OpKind k, uint64_t ua, uint64_t ub, uint64_t *r) {
  if (ub == 0)
    return false;
  *r = k == K_REMU ? ua % ub : ua / ub + (k == K_CEILDIVU && ua % ub != 0);
  return true;
}

static bool evalShift(OpKind k, int64_t a, uint64_t ua, uint64_t amount, unsigned w,
                      uint64_t *r) {
  if (amount >= w)
    return false; /* poison in arith */
  if (k == K_SHL)
    *r = ua << amount;
  else if (k == K_SHRU)
    *r = ua >> amount;
  else /* arithmetic shift, written without implementation-defined >> */
    *r = a < 0 ? ~(~(uint64_t)a >> amount) : (uint64_t)a >> amount;
  return true;
}

static bool evalBinary(OpKind k, int64_t a, int64_t b, unsigned w, int64_t *out) {
  uint64_t ua = asUnsigned(a, w), ub = asUnsigned(b, w), r = 0;
  bool ok = true;
  switch (k) {
  case K_ADD: r = (uint64_t)a + (uint64_t)b; break;
  case K_SUB: r = (uint64_t)a - (uint64_t)b; break;
  case K_MUL: r = (uint64_t)a * (uint64_t)b; break;
  case K_DIVS: case K_CEILDIVS: case K_FLOORDIVS: case K_REMS:
    ok = evalSignedDiv(k, a, b, w, &r);
    break;
  case K_DIVU: case K_CEILDIVU: case K_REMU: ok = evalUnsignedDiv(k, ua, ub, &r); break;
  case K_MINS: r = (uint64_t)(a < b ? a : b); break;
  case K_MAXS: r = (uint64_t)(a > b ? a : b); break;
  case K_MINU: r = ua < ub ? ua : ub; break;
  case K_MAXU: r = ua > ub ? ua : ub; break;
  case K_AND: r = ua & ub; break;
  case K_OR: r = ua | ub; break;
  case K_XOR: r = ua ^ ub; break;
  case K_SHL: case K_SHRS: case K_SHRU: ok = evalShift(k, a, ua, ub, w, &r); break;
  default: ok = false;
  }
  *out = normalize(r, w);
  return ok;
}

/* arith.cmpi predicates, by their enum value. */
static bool evalCmp(int64_t predicate, int64_t a, int64_t b, unsigned w, bool *out) {
  uint64_t ua = asUnsigned(a, w), ub = asUnsigned(b, w);
  switch (predicate) {
  case 0: *out = a == b; return true;
  case 1: *out = a != b; return true;
  case 2: *out = a < b; return true;
  case 3: *out = a <= b; return true;
  case 4: *out = a > b; return true;
  case 5: *out = a >= b; return true;
  case 6: *out = ua < ub; return true;
  case 7: *out = ua <= ub; return true;
  case 8: *out = ua > ub; return true;
  case 9: *out = ua >= ub; return true;
  default: return false;
  }
}

static unsigned valueWidth(MlirValue v) { return intWidth(mlirValueGetType(v)); }

static bool operandInt(const Interp *in, MlirOperation op, intptr_t i, int64_t *out) {
  Slot s = valueSlot(in, mlirOperationGetOperand(op, i));
  *out = s.value;
  return s.kind == SLOT_INT;
}

static Slot evalConstant(MlirOperation op, unsigned w) {
  MlirAttribute value = attrNamed(op, "value");
  if (mlirAttributeIsNull(value) || !mlirAttributeIsAInteger(value))
    return (Slot){SLOT_UNKNOWN, 0};
  return (Slot){SLOT_INT, normalize((uint64_t)mlirIntegerAttrGetValueInt(value), w)};
}

static Slot evalCast(const Interp *in, MlirOperation op, OpKind k, unsigned w) {
  int64_t a;
  unsigned from = valueWidth(mlirOperationGetOperand(op, 0));
  if (from == 0 || !operandInt(in, op, 0, &a))
    return (Slot){SLOT_UNKNOWN, 0};
  return (Slot){SLOT_INT, normalize(k == K_CASTU ? asUnsigned(a, from) : (uint64_t)a, w)};
}

static Slot evalCmpOp(const Interp *in, MlirOperation op) {
  int64_t a, b;
  bool r;
  unsigned w = valueWidth(mlirOperationGetOperand(op, 0));
  MlirAttribute pred = attrNamed(op, "predicate");
  if (w == 0 || mlirAttributeIsNull(pred) || !mlirAttributeIsAInteger(pred) ||
      !operandInt(in, op, 0, &a) || !operandInt(in, op, 1, &b) ||
      !evalCmp(mlirIntegerAttrGetValueInt(pred), a, b, w, &r))
    return (Slot){SLOT_UNKNOWN, 0};
  return (Slot){SLOT_INT, r ? -1 : 0};
}

/* A select forwards whatever is known of the chosen operand (also a root). */
static Slot evalSelect(const Interp *in, MlirOperation op) {
  int64_t c;
  if (!operandInt(in, op, 0, &c))
    return (Slot){SLOT_UNKNOWN, 0};
  return valueSlot(in, mlirOperationGetOperand(op, c ? 1 : 2));
}

static Slot evalInteger(const Interp *in, MlirOperation op, OpKind k, unsigned w) {
  int64_t a, b, r;
  if (k == K_CONST)
    return evalConstant(op, w);
  if (k == K_CASTS || k == K_CASTU)
    return evalCast(in, op, k, w);
  if (k == K_CMPI)
    return evalCmpOp(in, op);
  if (operandInt(in, op, 0, &a) && operandInt(in, op, 1, &b) && evalBinary(k, a, b, w, &r))
    return (Slot){SLOT_INT, r};
  return (Slot){SLOT_UNKNOWN, 0};
}

/* Every evaluated op sets its result, known or not: a value from an earlier
   iteration must never survive as "known". */
static void evalScalarOp(Interp *in, MlirOperation op, OpKind k) {
  if (mlirOperationGetNumResults(op) != 1)
    return;
  MlirValue result = mlirOperationGetResult(op, 0);
  unsigned w = valueWidth(result);
  Slot s = {SLOT_UNKNOWN, 0};
  if (k == K_SELECT)
    s = evalSelect(in, op);
  else if (w != 0) /* floats, vectors, wide integers: not ours to fold */
    s = evalInteger(in, op, k, w);
  setValue(in, result, s);
}

/*===--- explaining what is not known -------------------------------------===*/

/* The wsp.name of workload argument `n`, or an empty string. */
static MlirStringRef argName(MlirOperation func, intptr_t n) {
  MlirAttribute attrs = attrNamed(func, "arg_attrs");
  if (mlirAttributeIsNull(attrs) || !mlirAttributeIsAArray(attrs) ||
      n >= mlirArrayAttrGetNumElements(attrs))
    return str("");
  MlirAttribute dict = mlirArrayAttrGetElement(attrs, n);
  if (!mlirAttributeIsADictionary(dict))
    return str("");
  MlirAttribute name = mlirDictionaryAttrGetElementByName(dict, str("wsp.name"));
  return !mlirAttributeIsNull(name) && mlirAttributeIsAString(name) ? mlirStringAttrGetValue(name)
                                                                     : str("");
}

static void describeBlockArgument(Interp *in, MlirValue v, WspStringBuffer *out, MlirValue *next) {
  MlirOperation parent = mlirBlockGetParentOperation(mlirBlockArgumentGetOwner(v));
  intptr_t n = mlirBlockArgumentGetArgNumber(v);
  MlirOperation func = current(in)->func;
  if (mlirOperationEqual(parent, func) && in->cur == 0) {
    MlirStringRef name = argName(func, n);
    wspStringBufferAppendf(out, "a function argument (#%" PRIdPTR "%s%.*s%s)", n,
                           name.length ? ", '" : "", (int)name.length, name.data,
                           name.length ? "'" : "");
  } else if (mlirOperationEqual(parent, func)) {
    MlirStringRef name = symName(func);
    wspStringBufferAppendf(out,
                           "parameter #%" PRIdPTR " of process '%.*s', which its wsp.spawn "
                           "binds to a value that is not static",
                           n, (int)name.length, name.data);
  } else if (kindOf(in, parent) == K_FOR && n > 0) {
    /* Unknown from the start, or made unknown by the body's update. */
    MlirValue init = mlirOperationGetOperand(parent, 3 + (n - 1));
    bool fromInit = valueSlot(in, init).kind == SLOT_UNKNOWN;
    wspStringBufferAppendStr(out, fromInit ? "a value carried by 'scf.for', initially "
                                           : "a value carried by 'scf.for', updated to ");
    *next = fromInit ? init
                     : mlirOperationGetOperand(
                           mlirBlockGetTerminator(mlirBlockArgumentGetOwner(v)), n - 1);
  } else {
    MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(parent));
    wspStringBufferAppendf(out, "a block argument of '%.*s'", (int)name.length, name.data);
  }
}

/* The values already explained, so that a loop-carried value updated from
   itself (x = x + unknown) leads to the other input instead of cycling. */
typedef struct Trail {
  MlirValue seen[64];
  int length;
} Trail;

static bool trailHas(const Trail *trail, MlirValue v) {
  for (int i = 0; i < trail->length; ++i)
    if (mlirValueEqual(trail->seen[i], v))
      return true;
  return false;
}

/* For an evaluated op whose result is unknown: the first unknown operand not
   explained yet, or a null value when there is none (then the op itself is
   undefined for these inputs). */
static MlirValue unknownOperand(const Interp *in, MlirOperation op, const Trail *trail) {
  intptr_t n = mlirOperationGetNumOperands(op);
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue v = mlirOperationGetOperand(op, i);
    if (valueSlot(in, v).kind == SLOT_UNKNOWN && !trailHas(trail, v))
      return v;
  }
  return (MlirValue){NULL};
}

static void describeResult(Interp *in, MlirValue v, const Trail *trail, WspStringBuffer *out,
                           MlirValue *next) {
  MlirOperation op = mlirOpResultGetOwner(v);
  OpKind k = kindOf(in, op);
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  if (k == K_SYMBOL) {
    MlirAttribute sym = attrNamed(op, "name");
    MlirStringRef s = mlirAttributeIsAString(sym) ? mlirStringAttrGetValue(sym) : str("?");
    wspStringBufferAppendf(out, "the host symbol '%.*s' (wsp.symbol), bound only at run time",
                           (int)s.length, s.data);
  } else if (k == K_SLOT_READ) {
    wspStringBufferAppendStr(out, "a slot read (wsp.slot_read), known only at run time");
  } else if (k == K_RECV) {
    wspStringBufferAppendStr(out, "a channel token (wsp.recv) whose wsp.send passed a value "
                                  "that is not static");
  } else if (k > K_CONST && k <= K_SELECT) {
    *next = unknownOperand(in, op, trail);
    if (mlirValueIsNull(*next))
      wspStringBufferAppendf(out,
                             "the result of '%.*s', which is undefined here (division by "
                             "zero, overflow or an out-of-range shift)",
                             (int)name.length, name.data);
  } else {
    wspStringBufferAppendf(out, "the result of '%.*s', which %s does not evaluate",
                           (int)name.length, name.data, in->options->client);
  }
}

/* Follows the first unknown input back to where the unknown comes from. */
static void describeUnknown(Interp *in, MlirValue v, WspStringBuffer *out) {
  Trail trail = {.length = 0};
  while (!mlirValueIsNull(v) && trail.length < 64) {
    trail.seen[trail.length++] = v;
    MlirValue next = {NULL};
    if (mlirValueIsABlockArgument(v))
      describeBlockArgument(in, v, out, &next);
    else
      describeResult(in, v, &trail, out, &next);
    v = next;
  }
  if (!mlirValueIsNull(v))
    wspStringBufferAppendStr(out, "a value computed too indirectly to trace");
}

/* The integer value of `v`, or a located error at `at`: "<client> needs
   <need>; <what> depends on <origin>; remedy: <remedy>". */
static bool requireInt(Interp *in, MlirOperation at, MlirValue v, const char *what,
                       const char *need, const char *remedy, int64_t *out) {
  Slot s = valueSlot(in, v);
  if (s.kind == SLOT_INT) {
    *out = s.value;
    return true;
  }
  WspStringBuffer origin;
  wspStringBufferInit(&origin);
  describeUnknown(in, v, &origin);
  failAt(in, at, "%s needs %s; %s depends on %s; remedy: %s", in->options->client, need, what,
         origin.data ? origin.data : "an unknown value", remedy);
  wspStringBufferFree(&origin);
  return false;
}

/*===--- roots and regions ------------------------------------------------===*/

static size_t addRoot(Interp *in, char *name, MlirValue value, int argNumber) {
  WspTaskGraph *g = in->graph;
  if (g->numRoots == g->capRoots) {
    g->capRoots = g->capRoots ? 2 * g->capRoots : 8;
    g->roots = wspRealloc(g->roots, g->capRoots * sizeof(WspTaskRoot));
  }
  WspTaskRoot *root = &g->roots[g->numRoots];
  memset(root, 0, sizeof *root);
  root->name = name;
  root->value = value;
  root->argNumber = argNumber;
  MlirType type = mlirValueGetType(value);
  int64_t rank = mlirShapedTypeGetRank(type);
  root->rank = (unsigned)rank; /* may exceed WSP_TG_MAX_RANK: rejected when used */
  for (int64_t d = 0; d < rank && d < WSP_TG_MAX_RANK; ++d) {
    int64_t size = mlirShapedTypeGetDimSize(type, d);
    root->shape[d] = mlirShapedTypeIsDynamicSize(size) ? WSP_TG_UNBOUNDED : size;
  }
  setValue(in, value, (Slot){SLOT_ROOT, (int64_t)g->numRoots});
  return g->numRoots++;
}

static bool wholeRoot(Interp *in, size_t id, MlirOperation user, View *view) {
  const WspTaskRoot *root = &in->graph->roots[id];
  if (root->rank > WSP_TG_MAX_RANK)
    return failAt(in, user, "%s supports tensors of rank up to %d; '%s' has rank %u",
                  in->options->client, WSP_TG_MAX_RANK, root->name, root->rank);
  memset(view, 0, sizeof *view);
  view->region.root = id;
  view->region.rank = view->rank = root->rank;
  for (unsigned d = 0; d < root->rank; ++d) {
    view->region.sizes[d] = root->shape[d];
    view->region.strides[d] = 1;
    view->dims[d] = d;
  }
  return true;
}

/* Reads one of a subview's offset/size/stride lists, taking dynamic entries
   from the operands at *cursor. */
static bool subviewList(Interp *in, MlirOperation op, const char *attr, const char *what,
                        intptr_t *cursor, int64_t *out, intptr_t n) {
  MlirAttribute list = attrNamed(op, attr);
  if (mlirAttributeIsNull(list) || !mlirAttributeIsADenseI64Array(list) ||
      mlirDenseArrayGetNumElements(list) != n)
    return failAt(in, op, "%s cannot read '%s'", in->options->client, attr);
  for (intptr_t i = 0; i < n; ++i) {
    out[i] = mlirDenseI64ArrayGetElement(list, i);
    if (!mlirShapedTypeIsDynamicSize(out[i]))
      continue;
    char label[64];
    snprintf(label, sizeof label, "%s #%" PRIdPTR, what, i);
    if (!requireInt(in, op, mlirOperationGetOperand(op, (*cursor)++), label,
                    "static view offsets, sizes and strides",
                    "compute view offsets and sizes from constants and the induction "
                    "variables of statically bounded loops",
                    &out[i]))
      return false;
  }
  return true;
}

/* Which source dimensions a rank-reducing subview keeps: MLIR drops unit
   dimensions, matched greedily against the result shape. */
static bool keptDims(Interp *in, MlirOperation op, const int64_t *staticSizes, intptr_t n,
                     bool *kept) {
  MlirType result = mlirValueGetType(mlirOperationGetResult(op, 0));
  intptr_t m = (intptr_t)mlirShapedTypeGetRank(result), j = 0;
  for (intptr_t i = 0; i < n; ++i) {
    kept[i] = j < m && staticSizes[i] == mlirShapedTypeGetDimSize(result, j);
    if (kept[i])
      ++j;
    else if (staticSizes[i] != 1)
      return failAt(in, op, "%s cannot tell which dimensions this rank-reducing subview drops",
                    in->options->client);
  }
  if (j != m)
    return failAt(in, op, "%s cannot tell which dimensions this rank-reducing subview drops",
                  in->options->client);
  return true;
}

static bool composeDim(Interp *in, MlirOperation op, WspTileRegion *r, unsigned d,
                       int64_t offset, int64_t size, int64_t stride) {
  int64_t scaled, moved, strided;
  if (__builtin_mul_overflow(offset, r->strides[d], &scaled) ||
      __builtin_add_overflow(r->offsets[d], scaled, &moved) ||
      __builtin_mul_overflow(r->strides[d], stride, &strided))
    return failAt(in, op, "%s: view offsets overflow 64 bits", in->options->client);
  r->offsets[d] = moved;
  r->sizes[d] = size;
  r->strides[d] = strided;
  return true;
}

static bool applySubview(Interp *in, MlirOperation op, View *view) {
  int64_t offsets[WSP_TG_MAX_RANK], sizes[WSP_TG_MAX_RANK], strides[WSP_TG_MAX_RANK];
  int64_t staticSizes[WSP_TG_MAX_RANK];
  bool kept[WSP_TG_MAX_RANK];
  intptr_t n = view->rank, cursor = 1; /* operand 0 is the source */
  MlirAttribute ss = attrNamed(op, "static_sizes");
  if (mlirAttributeIsNull(ss) || !mlirAttributeIsADenseI64Array(ss) ||
      mlirDenseArrayGetNumElements(ss) != n)
    return failAt(in, op, "%s cannot read 'static_sizes'", in->options->client);
  for (intptr_t i = 0; i < n; ++i)
    staticSizes[i] = mlirDenseI64ArrayGetElement(ss, i);
  if (!subviewList(in, op, "static_offsets", "offset", &cursor, offsets, n) ||
      !subviewList(in, op, "static_sizes", "size", &cursor, sizes, n) ||
      !subviewList(in, op, "static_strides", "stride", &cursor, strides, n) ||
      !keptDims(in, op, staticSizes, n, kept))
    return false;
  unsigned rank = 0, dims[WSP_TG_MAX_RANK];
  for (intptr_t i = 0; i < n; ++i) {
    if (!composeDim(in, op, &view->region, view->dims[i], offsets[i], sizes[i], strides[i]))
      return false;
    if (kept[i])
      dims[rank++] = view->dims[i];
  }
  memcpy(view->dims, dims, sizeof dims);
  view->rank = rank;
  return true;
}

/* Traces `v` (a memref used by `user`) to its root and region. */
static bool traceView(Interp *in, MlirValue v, MlirOperation user, View *view, int depth) {
  Slot s = valueSlot(in, v);
  if (s.kind == SLOT_ROOT)
    return wholeRoot(in, (size_t)s.value, user, view);
  if (s.kind == SLOT_VIEW) { /* a process parameter: the view its spawn passed */
    *view = in->views[s.value];
    return true;
  }
  if (depth > 64)
    return failAt(in, user, "%s: the chain of views is too deep to trace", in->options->client);
  if (!mlirValueIsAOpResult(v))
    return failAt(in, user,
                  "%s cannot trace this tensor to a workload argument or a memref.alloc (it "
                  "is a block argument); remedy: take the view inside the loop from the "
                  "tensor itself",
                  in->options->client);
  MlirOperation def = mlirOpResultGetOwner(v);
  OpKind k = kindOf(in, def);
  if (k != K_SUBVIEW && k != K_MEMREF_CAST)
    return failAt(in, def,
                  "%s follows tensor views only through memref.subview and memref.cast to a "
                  "workload argument or a memref.alloc; remedy: express the view as a "
                  "memref.subview",
                  in->options->client);
  if (!traceView(in, mlirOperationGetOperand(def, 0), def, view, depth + 1))
    return false;
  if (k == K_SUBVIEW)
    return applySubview(in, def, view);
  MlirType to = mlirValueGetType(v);
  if (!mlirShapedTypeHasRank(to) || mlirShapedTypeGetRank(to) != (int64_t)view->rank)
    return failAt(in, def, "%s cannot follow a cast that changes the rank",
                  in->options->client);
  return true;
}

/*===--- tasks ------------------------------------------------------------===*/

static WspAccessMode modeOf(OpKind k) {
  return k == K_IN ? WSP_ACCESS_IN : k == K_OUT ? WSP_ACCESS_OUT
                                  : k == K_INOUT ? WSP_ACCESS_INOUT : WSP_ACCESS_SCALAR;
}

static bool taskArgument(Interp *in, MlirOperation task, intptr_t i, WspTaskArg *arg) {
  MlirValue boxed = mlirOperationGetOperand(task, i);
  OpKind k = mlirValueIsAOpResult(boxed) ? kindOf(in, mlirOpResultGetOwner(boxed)) : K_OTHER;
  if (k != K_IN && k != K_OUT && k != K_INOUT && k != K_SCALAR)
    return failAt(in, task, "%s: argument #%" PRIdPTR
                            " is not made by wsp.in, wsp.out, wsp.inout or wsp.scalar",
                  in->options->client, i);
  MlirOperation box = mlirOpResultGetOwner(boxed);
  memset(arg, 0, sizeof *arg);
  arg->mode = modeOf(k);
  if (arg->mode == WSP_ACCESS_SCALAR)
    return true;
  MlirValue tensor = mlirOperationGetOperand(box, 0);
  if (!mlirTypeIsAMemRef(mlirValueGetType(tensor)))
    return failAt(in, box, "%s: a task argument must be a memref (channels go to wsp.spawn)",
                  in->options->client);
  View view;
  if (!traceView(in, tensor, box, &view, 0))
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

static bool execTask(Interp *in, MlirOperation op) {
  WspTaskGraph *g = in->graph;
  if ((int64_t)g->numNodes >= in->options->maxTasks)
    return failAt(in, op,
                  "%s: the program submits more than %" PRId64
                  " tasks (the max-tasks limit); remedy: raise max-tasks or analyse a "
                  "smaller problem size",
                  in->options->client, in->options->maxTasks);
  intptr_t n = mlirOperationGetNumOperands(op);
  reserveArgs(g, (size_t)n);
  for (intptr_t i = 0; i < n; ++i)
    if (!taskArgument(in, op, i, &g->args[g->numArgs + (size_t)i]))
      return false;
  if (g->numNodes == g->capNodes) {
    g->capNodes = g->capNodes ? 2 * g->capNodes : 64;
    g->nodes = wspRealloc(g->nodes, g->capNodes * sizeof(WspTaskNode));
  }
  MlirAttribute kernel = attrNamed(op, "kernel");
  WspTaskNode *node = &g->nodes[g->numNodes];
  node->op = op;
  node->kernel = !mlirAttributeIsNull(kernel) && mlirAttributeIsAFlatSymbolRef(kernel)
                     ? mlirFlatSymbolRefAttrGetValue(kernel)
                     : str("?");
  node->firstArg = g->numArgs;
  node->numArgs = (size_t)n;
  node->process = in->cur;
  g->numArgs += (size_t)n;
  const Proc *p = current(in);
  if (p->numPlaces) /* channel and credit edges join the hazards */
    wspChannelOrderAddTask(in->order, g->numNodes, p->places, p->numPlaces, in->hazards);
  wspHazardTrackerAddTask(in->hazards, g->numNodes, n ? &g->args[node->firstArg] : NULL,
                          node->numArgs, &g->edges);
  if (mlirOperationGetNumResults(op) == 1) /* the handle, for wsp.send's after list */
    setValue(in, mlirOperationGetResult(op, 0), (Slot){SLOT_TASK, (int64_t)g->numNodes});
  ++g->numNodes;
  return true;
}

/*===--- allocs -----------------------------------------------------------===*/

/* Each execution is a new tensor: the same alloc in two iterations gives two
   independent roots. */
static bool execAlloc(Interp *in, MlirOperation op) {
  MlirValue result = mlirOperationGetResult(op, 0);
  MlirType type = mlirValueGetType(result);
  if (!mlirShapedTypeHasRank(type))
    return true;
  char name[32];
  snprintf(name, sizeof name, "alloc%zu", in->numAllocs++);
  size_t id = addRoot(in, wspStrdup(name), result, -1);
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

/*===--- processes --------------------------------------------------------===*/

static size_t addProc(Interp *in, MlirOperation func, MlirOperation spawn, size_t parent) {
  if (in->numProcs == in->capProcs) {
    in->capProcs = in->capProcs ? 2 * in->capProcs : 8;
    in->procs = wspRealloc(in->procs, in->capProcs * sizeof(Proc));
  }
  Proc *p = &in->procs[in->numProcs];
  memset(p, 0, sizeof *p);
  p->func = func;
  p->parent = parent;
  p->state = PROC_READY;
  WspTaskGraph *g = in->graph;
  if (g->numProcesses == g->capProcesses) {
    g->capProcesses = g->capProcesses ? 2 * g->capProcesses : 8;
    g->processes = wspRealloc(g->processes, g->capProcesses * sizeof(WspTaskProcess));
  }
  g->processes[g->numProcesses++] = (WspTaskProcess){symName(func), func, spawn};
  return in->numProcs++;
}

static Frame *pushFrame(Proc *p, MlirOperation owner, MlirBlock block) {
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

static void popFrame(Proc *p) { free(p->frames[--p->numFrames].carried); }

/* What a process needs only while it runs; its places stay for messages. */
static void releaseProc(Proc *p) {
  while (p->numFrames)
    popFrame(p);
  free(p->frames);
  p->frames = NULL;
  p->capFrames = 0;
  free(p->values.entries);
  memset(&p->values, 0, sizeof p->values);
}

/* "'name'", plus " #i" (its rank among the instances of that function, in
   spawn order) when the function runs more than once. */
static void appendProcName(const Interp *in, size_t id, WspStringBuffer *out) {
  MlirStringRef name = symName(in->procs[id].func);
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
static void appendWho(const Interp *in, size_t id, WspStringBuffer *out) {
  wspStringBufferAppendStr(out, id == 0 ? "the workload " : "process ");
  appendProcName(in, id, out);
}

static bool isProcessFunc(MlirOperation op, MlirStringRef name) {
  return mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)), str("func.func")) &&
         !mlirAttributeIsNull(
             mlirOperationGetDiscardableAttributeByName(op, str("wsp.process"))) &&
         mlirStringRefEqual(symName(op), name);
}

static bool lookupProcess(Interp *in, MlirOperation spawn, MlirOperation *callee) {
  MlirAttribute ref = attrNamed(spawn, "process");
  if (mlirAttributeIsNull(ref) || !mlirAttributeIsAFlatSymbolRef(ref))
    return failAt(in, spawn, "%s cannot tell which process this spawns", in->options->client);
  MlirStringRef name = mlirFlatSymbolRefAttrGetValue(ref);
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(in->module, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (!isProcessFunc(op, name))
      continue;
    MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
    if (mlirBlockIsNull(entry) || !mlirBlockIsNull(mlirBlockGetNextInRegion(entry)))
      break;
    *callee = op;
    return true;
  }
  return failAt(in, spawn,
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
    appendProcName(in, chain[i], &text);
    wspStringBufferAppendStr(&text, " -> ");
  }
  MlirStringRef name = symName(callee);
  failProgram(in, spawn,
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

static bool isClosed(const Chan *c) { return c->numEnds > 0 && c->openEnds == 0; }

/* Gives `child` an end of channel `ch`: the receiving end (wsp.in; one per
   channel) or one more sending end (wsp.out). */
static bool bindChannel(Interp *in, MlirOperation spawn, size_t child, OpKind box, size_t ch) {
  Chan *c = &in->chans[ch];
  Proc *p = &in->procs[child];
  if (box == K_IN && c->receiver >= 0 && (size_t)c->receiver != child) {
    WspStringBuffer who, loc;
    wspStringBufferInit(&who);
    wspStringBufferInit(&loc);
    appendProcName(in, (size_t)c->receiver, &who);
    failProgram(in, spawn,
                "channel '%.*s' already has a receiver, process %s (spawned at %s); a channel "
                "has exactly one receiving process; remedy: give each receiving process its "
                "own channel",
                (int)c->name.length, c->name.data, who.data,
                locText(&loc, in->graph->processes[c->receiver].spawn));
    wspStringBufferFree(&who);
    wspStringBufferFree(&loc);
    return false;
  }
  if (box != K_IN && box != K_OUT)
    return failAt(in, spawn, "%s: a channel is passed to a process with wsp.in or wsp.out",
                  in->options->client);
  if (findPlace(p, ch, box == K_IN) >= 0)
    return true; /* the same end twice: one place */
  size_t place = addPlace(p, ch, box == K_IN);
  if (box == K_IN) {
    c->receiver = (int64_t)child;
    return true;
  }
  bool wasClosed = isClosed(c);
  ++c->numEnds;
  if (wasClosed) /* closing is final: a late sender's end is born closed */
    p->closedAt[place] = c->closedAt;
  else
    ++c->openEnds;
  return true;
}

static size_t addView(Interp *in, const View *view) {
  if (in->numViews == in->capViews) {
    in->capViews = in->capViews ? 2 * in->capViews : 8;
    in->views = wspRealloc(in->views, in->capViews * sizeof(View));
  }
  in->views[in->numViews] = *view;
  return in->numViews++;
}

/* Binds parameter `param` of `child` to spawn argument #i, evaluated in the
   spawner: a scalar's value, a memref's view, a channel end. */
static bool bindSpawnArg(Interp *in, MlirOperation spawn, intptr_t i, size_t child,
                         MlirValue param) {
  MlirValue boxed = mlirOperationGetOperand(spawn, i);
  OpKind k = mlirValueIsAOpResult(boxed) ? kindOf(in, mlirOpResultGetOwner(boxed)) : K_OTHER;
  if (k != K_IN && k != K_OUT && k != K_INOUT && k != K_SCALAR)
    return failAt(in, spawn,
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
    if (!traceView(in, v, box, &view, 0))
      return false;
    s = (Slot){SLOT_VIEW, (int64_t)addView(in, &view)};
  } else if (k != K_SCALAR) {
    return failAt(in, box,
                  "%s cannot tell which channel this is (it is not the result of an executed "
                  "wsp.create_channel)",
                  in->options->client);
  }
  envSet(&in->procs[child].values, param.ptr, s);
  return true;
}

/* Starts an instance: it only joins the round-robin; it runs when the
   scheduler reaches it (after the workload has returned). */
static bool execSpawn(Interp *in, MlirOperation op) {
  MlirOperation callee = {NULL};
  if (!lookupProcess(in, op, &callee) || !checkNotRecursive(in, op, callee))
    return false;
  MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(callee, 0));
  intptr_t n = mlirOperationGetNumOperands(op);
  if (n != mlirBlockGetNumArguments(entry))
    return failAt(in, op, "%s: %" PRIdPTR " arguments for a process with %" PRIdPTR
                          " parameters (see wsp-verify)",
                  in->options->client, n, mlirBlockGetNumArguments(entry));
  size_t child = addProc(in, callee, op, in->cur);
  for (intptr_t i = 0; i < n; ++i)
    if (!bindSpawnArg(in, op, i, child, mlirBlockGetArgument(entry, i)))
      return false;
  pushFrame(&in->procs[child], callee, entry);
  return true;
}

/*===--- channels ---------------------------------------------------------===*/

static bool execCreateChannel(Interp *in, MlirOperation op) {
  MlirAttribute cap = attrNamed(op, "capacity"), name = attrNamed(op, "name");
  if (mlirAttributeIsNull(cap) || !mlirAttributeIsAInteger(cap))
    return failAt(in, op, "%s cannot read 'capacity'", in->options->client);
  int64_t capacity = mlirIntegerAttrGetValueInt(cap);
  if (capacity < 0)
    return failAt(in, op,
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
  wspChannelOrderAddChannel(in->order, capacity); /* the same index */
  if (mlirOperationGetNumResults(op) == 1)
    setValue(in, mlirOperationGetResult(op, 0), (Slot){SLOT_CHANNEL, (int64_t)in->numChans});
  ++in->numChans;
  return true;
}

static size_t fill(const Interp *in, size_t ch) {
  return wspChannelOrderNumSends(in->order, ch) - wspChannelOrderNumRecvs(in->order, ch);
}

static bool channelOf(Interp *in, MlirOperation op, size_t *ch) {
  Slot s = mlirOperationGetNumOperands(op) ? valueSlot(in, mlirOperationGetOperand(op, 0))
                                           : (Slot){SLOT_UNKNOWN, 0};
  *ch = 0; /* defined on failure too (GCC -O3 -Wmaybe-uninitialized) */
  if (s.kind != SLOT_CHANNEL)
    return failAt(in, op,
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
  appendWho(in, in->cur, &who);
  failProgram(in, op,
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
      return failAt(in, op,
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
  }
  c->tokens[*index] = token;
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

/* A send completes when the channel has room (capacity >= 1) or, for a
   rendezvous, when the receiver is waiting at its recv: the token passes
   directly. Otherwise the process blocks here and retries when resumed. */
static Step execSend(Interp *in, MlirOperation op) {
  size_t ch, place, k;
  if (!channelOf(in, op, &ch) || !holdsEnd(in, op, ch, false, &place))
    return STEP_FAIL;
  Proc *p = current(in);
  Chan *c = &in->chans[ch];
  if (!mlirOperationIsNull(p->closedAt[place])) {
    WspStringBuffer loc;
    wspStringBufferInit(&loc);
    failProgram(in, op,
                "send on channel '%.*s' after it was closed at %s; remedy: send every token "
                "before closing the channel",
                (int)c->name.length, c->name.data, locText(&loc, p->closedAt[place]));
    wspStringBufferFree(&loc);
    return STEP_FAIL;
  }
  if (p->handed) { /* a rendezvous partner took the token while it waited */
    p->handed = false;
    p->places[place].index = (int64_t)p->handedIndex;
    return STEP_NEXT;
  }
  if (c->capacity > 0 && fill(in, ch) >= (size_t)c->capacity)
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
  }
  current(in)->places[place].index = (int64_t)k;
  return STEP_NEXT;
}

/* Binds the recv's results: ok (i1 true is -1 here, as arith.cmpi's) and
   the token; on ok = false the token is 0 and the receiver's epoch ends. */
static Step completeRecv(Interp *in, MlirOperation op, size_t ch, size_t place, bool ok) {
  Slot token = {SLOT_INT, 0};
  if (ok) {
    size_t k = wspChannelOrderRecv(in->order, ch);
    token = in->chans[ch].tokens[k];
    current(in)->places[place].index = (int64_t)k;
  } else {
    current(in)->places[place].index = -1;
  }
  if (mlirOperationGetNumResults(op) == 2) {
    MlirValue okValue = mlirOperationGetResult(op, 0), tokValue = mlirOperationGetResult(op, 1);
    unsigned w = valueWidth(tokValue);
    setValue(in, okValue, (Slot){SLOT_INT, normalize(ok ? 1 : 0, valueWidth(okValue))});
    if (token.kind == SLOT_INT && w)
      token.value = normalize((uint64_t)token.value, w);
    setValue(in, tokValue, w ? token : (Slot){SLOT_UNKNOWN, 0});
  }
  return STEP_NEXT;
}

/* A recv takes the oldest token (or, for a rendezvous, the first waiting
   sender's); on a closed, drained channel it yields ok = false. */
static Step execRecv(Interp *in, MlirOperation op) {
  size_t ch, place, k;
  if (!channelOf(in, op, &ch) || !holdsEnd(in, op, ch, true, &place))
    return STEP_FAIL;
  Proc *p = current(in);
  Chan *c = &in->chans[ch];
  if (p->handed) {
    p->handed = false;
    return completeRecv(in, op, ch, place, true);
  }
  if (c->capacity > 0 && fill(in, ch) > 0)
    return completeRecv(in, op, ch, place, true);
  if (c->capacity == 0 && c->waitHead < c->numWaiting) {
    size_t sender = c->waiting[c->waitHead++];
    if (!recordSend(in, sender, in->procs[sender].waitOp, ch, &k))
      return STEP_FAIL;
    in->procs[sender].handed = true;
    in->procs[sender].handedIndex = k;
    return completeRecv(in, op, ch, place, true);
  }
  if (isClosed(c))
    return completeRecv(in, op, ch, place, false);
  return blockAt(in, op, ch, true);
}

static void closeEnd(Interp *in, size_t proc, size_t place, MlirOperation at) {
  Proc *p = &in->procs[proc];
  p->closedAt[place] = at;
  Chan *c = &in->chans[p->places[place].channel];
  if (--c->openEnds == 0)
    c->closedAt = at;
}

static bool execClose(Interp *in, MlirOperation op) {
  size_t ch, place;
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
  failProgram(in, op,
              "channel '%.*s' is closed twice (first at %s); remedy: close it once, after its "
              "last send",
              (int)c->name.length, c->name.data, locText(&loc, p->closedAt[place]));
  wspStringBufferFree(&loc);
  return false;
}

/* A returning process closes the sending ends it still holds. */
static void finishProc(Interp *in, MlirOperation terminator) {
  Proc *p = current(in);
  for (size_t i = 0; i < p->numPlaces; ++i)
    if (!p->places[i].receives && mlirOperationIsNull(p->closedAt[i]))
      closeEnd(in, in->cur, i, terminator);
  p = current(in);
  p->state = PROC_DONE;
  releaseProc(p);
}
/*===--- control flow -----------------------------------------------------===*/

static bool countStep(Interp *in, MlirOperation op) {
  if (++in->steps <= in->maxSteps)
    return true;
  return failAt(in, op,
                "%s stopped after %" PRIu64
                " evaluation steps (1000 per allowed task); remedy: raise max-tasks or "
                "analyse a smaller problem size",
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
  if (!requireInt(in, op, mlirOperationGetOperand(op, 0), "the lower bound", need, kBoundRemedy,
                  lb) ||
      !requireInt(in, op, mlirOperationGetOperand(op, 1), "the upper bound", need, kBoundRemedy,
                  ub) ||
      !requireInt(in, op, mlirOperationGetOperand(op, 2), "the step", need, kBoundRemedy, step))
    return false;
  if (*step <= 0)
    return failAt(in, op, "%s: the step is %" PRId64 "; it must be positive",
                  in->options->client, *step);
  return true;
}

static bool loopContinues(int64_t iv, int64_t ub, bool isUnsigned, unsigned w) {
  return isUnsigned ? asUnsigned(iv, w) < asUnsigned(ub, w) : iv < ub;
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
  unsigned w = valueWidth(mlirOperationGetOperand(op, 0));
  intptr_t n = mlirOperationGetNumResults(op);
  if (!loopContinues(lb, ub, isUnsigned, w)) { /* no iteration: results = inits */
    for (intptr_t j = 0; j < n; ++j)
      setValue(in, mlirOperationGetResult(op, j), valueSlot(in, mlirOperationGetOperand(op, 3 + j)));
    return true;
  }
  if (!countStep(in, op))
    return false;
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
  Frame *f = pushFrame(current(in), op, body);
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
  popFrame(current(in));
  return true;
}

static bool enterIf(Interp *in, MlirOperation op) {
  int64_t cond;
  if (!requireInt(in, op, mlirOperationGetOperand(op, 0), "the condition",
                  "conditions that fold to constants",
                  "make the condition a function of constants and loop induction variables",
                  &cond))
    return false;
  MlirBlock block = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, cond ? 0 : 1));
  if (!mlirBlockIsNull(block)) /* else: no else branch, and then no results */
    pushFrame(current(in), op, block);
  return true;
}

static void endOfBranch(Interp *in, MlirOperation yield) {
  MlirOperation owner = top(in)->owner;
  intptr_t n = mlirOperationGetNumResults(owner), m = mlirOperationGetNumOperands(yield);
  for (intptr_t j = 0; j < n && j < m; ++j)
    setValue(in, mlirOperationGetResult(owner, j),
             valueSlot(in, mlirOperationGetOperand(yield, j)));
  popFrame(current(in));
}

/* The terminator of the innermost block: it is not executed, it ends the
   frame (and, for the function's own block, the process). */
static Step endOfBlock(Interp *in, MlirOperation terminator) {
  if (current(in)->numFrames == 1) {
    finishProc(in, terminator);
    return STEP_RETURN;
  }
  if (kindOf(in, top(in)->owner) == K_FOR)
    return endOfIteration(in, terminator) ? STEP_NEXT : STEP_FAIL;
  endOfBranch(in, terminator);
  return STEP_NEXT;
}

/* Ops that complete at once. Region ops push a frame, so the caller has
   already moved the current frame past them. */
static bool execOp(Interp *in, MlirOperation op, OpKind k) {
  if (k >= K_CONST && k <= K_SELECT) {
    evalScalarOp(in, op, k);
    return true;
  }
  switch (k) {
  case K_FOR: return enterFor(in, op);
  case K_IF: return enterIf(in, op);
  case K_ALLOC: return execAlloc(in, op);
  case K_TASK: return execTask(in, op);
  case K_SPAWN: return execSpawn(in, op);
  case K_CREATE_CHANNEL: return execCreateChannel(in, op);
  case K_CLOSE: return execClose(in, op);
  case K_CALL:
    return failAt(in, op,
                  "%s does not follow calls (the callee could submit tasks); remedy: inline "
                  "the callee first (e.g. with the 'inline' pass)",
                  in->options->client);
  default:
    break;
  }
  if (mlirOperationGetNumRegions(op) > 0)
    return failAt(in, op,
                  "%s cannot evaluate this op; it unrolls only scf.for with static bounds "
                  "and scf.if with static conditions; remedy: express the loop as scf.for "
                  "with constant bounds",
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
  OpKind k = kindOf(in, op);
  if (k == K_SEND || k == K_RECV) {
    Step s = k == K_SEND ? execSend(in, op) : execRecv(in, op);
    if (s == STEP_NEXT)
      top(in)->next = after;
    return s;
  }
  top(in)->next = after;
  return execOp(in, op, k) ? STEP_NEXT : STEP_FAIL;
}

/* Runs the current process until it blocks, returns or fails. */
static Step runProcess(Interp *in) {
  current(in)->state = PROC_READY;
  Step s;
  do
    s = stepOp(in);
  while (s == STEP_NEXT);
  return s;
}

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
  size_t held = fill(in, p->waitChannel);
  if (p->waitIsRecv)
    return (c->capacity > 0 && held > 0) || (c->capacity == 0 && c->waitHead < c->numWaiting) ||
           isClosed(c);
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
  appendWho(in, id, &who);
  failProgram(in, p->waitOp,
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
  size_t held = fill(in, p->waitChannel);
  appendProcName(in, id, out);
  wspStringBufferAppendf(out, " waits at %s (", p->waitIsRecv ? "wsp.recv" : "wsp.send");
  appendLoc(out, p->waitOp);
  wspStringBufferAppendf(out, ") on channel '%.*s' (capacity %" PRId64 ", holding %zu token%s",
                         (int)c->name.length, c->name.data, c->capacity, held,
                         held == 1 ? "" : "s");
  if (!p->waitIsRecv && c->receiver < 0)
    wspStringBufferAppendStr(out, ", which no process receives from");
  else if (!p->waitIsRecv && in->procs[c->receiver].state == PROC_DONE) {
    wspStringBufferAppendStr(out, ", whose receiver ");
    appendProcName(in, (size_t)c->receiver, out);
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
  failProgram(in, in->graph->workload,
              "%s; no process can make progress; remedy: reorder the sends and recvs, or "
              "raise a capacity",
              text.data);
  for (size_t i = 0; i < in->numProcs; ++i) {
    if (in->procs[i].state != PROC_BLOCKED)
      continue;
    wspStringBufferClear(&text);
    appendProcName(in, i, &text);
    wspEmitNotef(in->context, mlirOperationGetLocation(in->procs[i].waitOp), "%s is blocked here",
                 text.data);
  }
  wspStringBufferFree(&text);
  return false;
}

/* The workload runs first, to its end (it only spawns); then the processes,
   each until it blocks or returns, in round-robin order. */
static bool schedule(Interp *in) {
  for (;;) {
    if (runProcess(in) == STEP_FAIL)
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
/*===--- setup ------------------------------------------------------------===*/

static bool isWorkload(MlirOperation op) {
  return mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)), str("func.func")) &&
         !mlirAttributeIsNull(
             mlirOperationGetDiscardableAttributeByName(op, str("wsp.workload")));
}

static bool hasName(MlirOperation func, const char *name) {
  MlirAttribute sym = attrNamed(func, "sym_name");
  return !mlirAttributeIsNull(sym) && mlirAttributeIsAString(sym) &&
         mlirStringRefEqual(mlirStringAttrGetValue(sym), str(name));
}

static bool findWorkload(Interp *in, MlirOperation module, MlirOperation *out) {
  const char *wanted = in->options->workload ? in->options->workload : "";
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  size_t count = 0;
  *out = (MlirOperation){NULL};
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (!isWorkload(op) || (*wanted && !hasName(op, wanted)))
      continue;
    if (++count == 2)
      return failAt(in, op,
                    "%s: several functions have 'wsp.workload'; remedy: choose one with the "
                    "option workload=<name>",
                    in->options->client);
    *out = op;
  }
  if (count == 0 && *wanted)
    return failAt(in, module, "%s: no function named '%s' has 'wsp.workload'",
                  in->options->client, wanted);
  if (count == 0)
    return failAt(in, module,
                  "%s: no function has 'wsp.workload'; remedy: mark the entry function "
                  "with it",
                  in->options->client);
  return true;
}

static void bindArguments(Interp *in, MlirOperation func, MlirBlock entry) {
  intptr_t n = mlirBlockGetNumArguments(entry);
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue arg = mlirBlockGetArgument(entry, i);
    MlirType type = mlirValueGetType(arg);
    if (!mlirTypeIsAMemRef(type))
      continue;
    MlirStringRef name = argName(func, i);
    char fallback[32];
    snprintf(fallback, sizeof fallback, "arg%" PRIdPTR, i);
    addRoot(in, name.length ? wspStrndup(name.data, name.length) : wspStrdup(fallback), arg,
            (int)i);
  }
}

typedef struct WarnState {
  Interp *in;
  bool slots;
} WarnState;

/* One warning for the unmodelled ordering of slot reads, at the first. */
static MlirWalkResult warnUnmodelled(MlirOperation op, void *userData) {
  WarnState *w = userData;
  if (w->slots || kindOf(w->in, op) != K_SLOT_READ)
    return MlirWalkResultAdvance;
  w->slots = true;
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  wspEmitWarningf(w->in->context, mlirOperationGetLocation(op),
                  "'%.*s' op: %s does not include slot edges yet; the graph lacks the "
                  "ordering that slot reads imply",
                  (int)name.length, name.data, w->in->options->client);
  return MlirWalkResultInterrupt;
}

/* The workload first, then every process function, in module order. */
static void warnAboutSlots(Interp *in, MlirOperation workload) {
  WarnState warn = {in, false};
  mlirOperationWalk(workload, warnUnmodelled, &warn, MlirWalkPreOrder);
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(in->module, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op) && !warn.slots;
       op = mlirOperationGetNextInBlock(op))
    if (isProcessFunc(op, symName(op)))
      mlirOperationWalk(op, warnUnmodelled, &warn, MlirWalkPreOrder);
}

void wspTaskGraphInit(WspTaskGraph *graph) { memset(graph, 0, sizeof *graph); }

void wspTaskGraphFree(WspTaskGraph *graph) {
  for (size_t i = 0; i < graph->numRoots; ++i)
    free(graph->roots[i].name);
  free(graph->roots);
  free(graph->nodes);
  free(graph->args);
  free(graph->processes);
  wspTaskEdgeListFree(&graph->edges);
  memset(graph, 0, sizeof *graph);
}

static bool runWorkload(Interp *in) {
  MlirOperation func;
  if (!findWorkload(in, in->module, &func))
    return false;
  in->graph->workload = func;
  MlirRegion region = mlirOperationGetRegion(func, 0);
  MlirBlock entry = mlirRegionGetFirstBlock(region);
  if (mlirBlockIsNull(entry))
    return failAt(in, func, "%s: the workload has no body", in->options->client);
  if (!mlirBlockIsNull(mlirBlockGetNextInRegion(entry)))
    return failAt(in, func,
                  "%s supports structured control flow only (one block); remedy: use scf "
                  "instead of cf branches",
                  in->options->client);
  warnAboutSlots(in, func);
  in->cur = addProc(in, func, (MlirOperation){NULL}, 0);
  bindArguments(in, func, entry);
  pushFrame(current(in), func, entry);
  return schedule(in);
}

static void freeInterp(Interp *in) {
  for (size_t i = 0; i < in->numProcs; ++i) {
    releaseProc(&in->procs[i]);
    free(in->procs[i].places);
    free(in->procs[i].closedAt);
  }
  free(in->procs);
  for (size_t i = 0; i < in->numChans; ++i) {
    free(in->chans[i].tokens);
    free(in->chans[i].waiting);
  }
  free(in->chans);
  free(in->views);
  free(in->scratch);
  wspChannelOrderDestroy(in->order);
  wspHazardTrackerDestroy(in->hazards);
  free(in->kinds.entries);
}

bool wspTaskGraphBuild(WspContext context, MlirOperation module,
                       const WspTaskGraphOptions *options, WspTaskGraph *graph) {
  Interp in;
  memset(&in, 0, sizeof in);
  in.context = context;
  in.options = options;
  in.graph = graph;
  in.module = module;
  in.hazards = wspHazardTrackerCreate();
  in.order = wspChannelOrderCreate();
  uint64_t allowed = options->maxTasks > 0 ? (uint64_t)options->maxTasks : 0;
  in.maxSteps = allowed > UINT64_MAX / 2000 ? UINT64_MAX : 1000 * allowed + 1000000;
  bool ok = runWorkload(&in);
  freeInterp(&in);
  return ok;
}

/* The first error at or after `mark`, as "file:line:col: message". */
static char *firstError(WspContext context, size_t mark) {
  for (size_t i = mark; i < wspContextGetNumDiagnostics(context); ++i) {
    WspDiagnostic d = wspContextGetDiagnostic(context, i);
    if (d.severity != WSP_DIAGNOSTIC_ERROR)
      continue;
    WspStringBuffer text;
    wspStringBufferInit(&text);
    if (d.line)
      wspStringBufferAppendf(&text, "%s:%u:%u: ", d.file, d.line, d.column);
    wspStringBufferAppendStr(&text, d.message);
    return wspStringBufferTake(&text);
  }
  return wspStrdup("an unknown reason");
}

WspTaskGraphOutcome wspTaskGraphTryBuild(WspContext context, MlirOperation module,
                                         const WspTaskGraphOptions *options,
                                         WspTaskGraph *graph, bool reportProgramErrors,
                                         char **reason) {
  WspContextImpl *impl = wspUnwrapContext(context);
  size_t mark = impl->numDiagnostics;
  FILE *stream = impl->stream; /* held back: a dropped error must never show */
  impl->stream = NULL;
  bool built = wspTaskGraphBuild(context, module, options, graph);
  WspTaskGraphOutcome outcome = built                 ? WSP_TG_BUILT
                                : graph->programError ? WSP_TG_PROGRAM_ERROR
                                                      : WSP_TG_NOT_STATIC;
  bool drop = outcome == WSP_TG_NOT_STATIC ||
              (outcome == WSP_TG_PROGRAM_ERROR && !reportProgramErrors);
  if (reason)
    *reason = drop ? firstError(context, mark) : NULL;
  if (drop)
    wspContextTruncateDiagnostics(impl, mark);
  impl->stream = stream;
  for (size_t i = mark; stream && i < wspContextGetNumDiagnostics(context); ++i)
    wspDiagnosticPrint(wspContextGetDiagnostic(context, i), stream);
  return outcome;
}
