/* Abstract execution of a wsp workload into its static task graph.

   The workload body is walked in program order with an environment that maps
   SSA values to what is statically known about them: an integer (arith over
   constants and loop induction variables) or a root tensor (a workload memref
   argument, or the current execution of an alloc). scf.for loops with static
   bounds are unrolled, scf.if takes the branch its constant condition picks,
   and each executed wsp.task becomes a node whose tensor arguments are traced
   through memref.subview / memref.cast to a region of a root. The hazard
   tracker (TaskGraphHazards.c) turns the regions into edges.

   Everything is owned by one Interp on the caller's stack: no global state. */
#include "TaskGraph.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

typedef enum SlotKind { SLOT_UNKNOWN = 0, SLOT_INT, SLOT_ROOT } SlotKind;

typedef struct Slot {
  SlotKind kind;
  int64_t value; /* the integer, or the root id */
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
    size_t capacity = env->capacity ? 2 * env->capacity : 256;
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
  K_CALL, K_SYMBOL, K_SLOT_READ, K_RECV, K_SEND, K_SPAWN,
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
};

/*===--- the interpreter state --------------------------------------------===*/

typedef struct Interp {
  WspContext context;
  const WspTaskGraphOptions *options;
  WspTaskGraph *graph;
  MlirOperation func; /* the workload */
  Env values;         /* MlirValue -> Slot */
  Env kinds;          /* op name identifier -> OpKind, a cache */
  WspHazardTracker *hazards;
  size_t numAllocs;
  uint64_t steps, maxSteps; /* a guard against unrolling without end */
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

static Slot valueSlot(const Interp *in, MlirValue v) { return envGet(&in->values, v.ptr); }
static void setValue(Interp *in, MlirValue v, Slot s) { envSet(&in->values, v.ptr, s); }

/* Raises "'<op>' op: <message>" at the op; always returns false. */
static bool failAt(Interp *in, MlirOperation op, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static bool failAt(Interp *in, MlirOperation op, const char *format, ...) {
  WspStringBuffer text;
  wspStringBufferInit(&text);
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  wspStringBufferAppendf(&text, "'%.*s' op: ", (int)name.length, name.data);
  va_list args;
  va_start(args, format);
  wspStringBufferAppendv(&text, format, args);
  va_end(args);
  wspEmitError(in->context, mlirOperationGetLocation(op), text.data);
  wspStringBufferFree(&text);
  return false;
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
  if (mlirOperationEqual(parent, in->func)) {
    MlirStringRef name = argName(in->func, n);
    wspStringBufferAppendf(out, "a function argument (#%" PRIdPTR "%s%.*s%s)", n,
                           name.length ? ", '" : "", (int)name.length, name.data,
                           name.length ? "'" : "");
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
    wspStringBufferAppendStr(out, "a channel token (wsp.recv), known only at run time");
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

/* A tile view being traced: its region in root coordinates, and which root
   dimension each of the view's own dimensions walks along. */
typedef struct View {
  WspTileRegion region;
  unsigned rank;
  unsigned dims[WSP_TG_MAX_RANK];
} View;

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
  g->numArgs += (size_t)n;
  wspHazardTrackerAddTask(in->hazards, g->numNodes, n ? &g->args[node->firstArg] : NULL,
                          node->numArgs, &g->edges);
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

/*===--- control flow -----------------------------------------------------===*/

static bool execOp(Interp *in, MlirOperation op);

static bool countStep(Interp *in, MlirOperation op) {
  if (++in->steps <= in->maxSteps)
    return true;
  return failAt(in, op,
                "%s stopped after %" PRIu64
                " evaluation steps (1000 per allowed task); remedy: raise max-tasks or "
                "analyse a smaller problem size",
                in->options->client, in->maxSteps);
}

/* Runs a block up to its terminator, which is returned unexecuted. */
static bool execBlock(Interp *in, MlirBlock block, MlirOperation *terminator) {
  *terminator = (MlirOperation){NULL};
  for (MlirOperation op = mlirBlockGetFirstOperation(block); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (mlirOperationIsNull(mlirOperationGetNextInBlock(op))) {
      *terminator = op;
      return true;
    }
    if (!countStep(in, op) || !execOp(in, op))
      return false;
  }
  return true;
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

/* One iteration: binds the induction variable and carried values, runs the
   body, and reads the next carried values from its scf.yield. */
static bool forIteration(Interp *in, MlirBlock body, int64_t iv, Slot *carried, intptr_t n) {
  setValue(in, mlirBlockGetArgument(body, 0), (Slot){SLOT_INT, iv});
  for (intptr_t j = 0; j < n; ++j)
    setValue(in, mlirBlockGetArgument(body, j + 1), carried[j]);
  MlirOperation yield;
  if (!execBlock(in, body, &yield))
    return false;
  for (intptr_t j = 0; j < n && !mlirOperationIsNull(yield); ++j)
    carried[j] = valueSlot(in, mlirOperationGetOperand(yield, j));
  return true;
}

static bool execFor(Interp *in, MlirOperation op) {
  int64_t lb, ub, step;
  if (!loopBounds(in, op, &lb, &ub, &step))
    return false;
  bool isUnsigned =
      !mlirAttributeIsNull(attrNamed(op, "unsignedCmp"));
  unsigned w = valueWidth(mlirOperationGetOperand(op, 0));
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
  intptr_t n = mlirOperationGetNumResults(op);
  Slot *carried = n ? wspCalloc((size_t)n, sizeof(Slot)) : NULL;
  for (intptr_t j = 0; j < n; ++j)
    carried[j] = valueSlot(in, mlirOperationGetOperand(op, 3 + j));
  bool ok = true;
  for (int64_t iv = lb; ok && loopContinues(iv, ub, isUnsigned, w);) {
    ok = countStep(in, op) && forIteration(in, body, iv, carried, n);
    if (__builtin_add_overflow(iv, step, &iv))
      break;
  }
  for (intptr_t j = 0; ok && j < n; ++j)
    setValue(in, mlirOperationGetResult(op, j), carried[j]);
  free(carried);
  return ok;
}

static bool execIf(Interp *in, MlirOperation op) {
  int64_t cond;
  if (!requireInt(in, op, mlirOperationGetOperand(op, 0), "the condition",
                  "conditions that fold to constants",
                  "make the condition a function of constants and loop induction variables",
                  &cond))
    return false;
  MlirBlock block = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, cond ? 0 : 1));
  if (mlirBlockIsNull(block))
    return true; /* no else branch */
  MlirOperation yield;
  if (!execBlock(in, block, &yield))
    return false;
  intptr_t n = mlirOperationGetNumResults(op);
  for (intptr_t j = 0; j < n && !mlirOperationIsNull(yield); ++j)
    setValue(in, mlirOperationGetResult(op, j),
             valueSlot(in, mlirOperationGetOperand(yield, j)));
  return true;
}

static bool execOp(Interp *in, MlirOperation op) {
  OpKind k = kindOf(in, op);
  if (k >= K_CONST && k <= K_SELECT) {
    evalScalarOp(in, op, k);
    return true;
  }
  switch (k) {
  case K_FOR: return execFor(in, op);
  case K_IF: return execIf(in, op);
  case K_ALLOC: return execAlloc(in, op);
  case K_TASK: return execTask(in, op);
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

static bool bindArguments(Interp *in, MlirBlock entry) {
  intptr_t n = mlirBlockGetNumArguments(entry);
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue arg = mlirBlockGetArgument(entry, i);
    MlirType type = mlirValueGetType(arg);
    if (!mlirTypeIsAMemRef(type))
      continue;
    MlirStringRef name = argName(in->func, i);
    char fallback[32];
    snprintf(fallback, sizeof fallback, "arg%" PRIdPTR, i);
    addRoot(in, name.length ? wspStrndup(name.data, name.length) : wspStrdup(fallback), arg,
            (int)i);
  }
  return true;
}

typedef struct WarnState {
  Interp *in;
  bool channels, slots;
} WarnState;

/* One warning per kind of unmodelled ordering, at its first op. */
static MlirWalkResult warnUnmodelled(MlirOperation op, void *userData) {
  WarnState *w = userData;
  OpKind k = kindOf(w->in, op);
  const char *client = w->in->options->client;
  MlirLocation loc = mlirOperationGetLocation(op);
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  if ((k == K_SPAWN || k == K_SEND || k == K_RECV) && !w->channels) {
    w->channels = true;
    wspEmitWarningf(w->in->context, loc,
                    "'%.*s' op: %s does not include channel edges yet (nor the tasks of "
                    "spawned processes); the graph lacks the ordering that channels imply",
                    (int)name.length, name.data, client);
  } else if (k == K_SLOT_READ && !w->slots) {
    w->slots = true;
    wspEmitWarningf(w->in->context, loc,
                    "'%.*s' op: %s does not include slot edges yet; the graph lacks the "
                    "ordering that slot reads imply",
                    (int)name.length, name.data, client);
  }
  return MlirWalkResultAdvance;
}

void wspTaskGraphInit(WspTaskGraph *graph) { memset(graph, 0, sizeof *graph); }

void wspTaskGraphFree(WspTaskGraph *graph) {
  for (size_t i = 0; i < graph->numRoots; ++i)
    free(graph->roots[i].name);
  free(graph->roots);
  free(graph->nodes);
  free(graph->args);
  wspTaskEdgeListFree(&graph->edges);
  memset(graph, 0, sizeof *graph);
}

static bool runWorkload(Interp *in, MlirOperation module) {
  if (!findWorkload(in, module, &in->func))
    return false;
  in->graph->workload = in->func;
  MlirRegion region = mlirOperationGetRegion(in->func, 0);
  MlirBlock entry = mlirRegionGetFirstBlock(region);
  if (mlirBlockIsNull(entry))
    return failAt(in, in->func, "%s: the workload has no body", in->options->client);
  if (!mlirBlockIsNull(mlirBlockGetNextInRegion(entry)))
    return failAt(in, in->func,
                  "%s supports structured control flow only (one block); remedy: use scf "
                  "instead of cf branches",
                  in->options->client);
  WarnState warn = {in, false, false};
  mlirOperationWalk(in->func, warnUnmodelled, &warn, MlirWalkPreOrder);
  MlirOperation terminator;
  return bindArguments(in, entry) && execBlock(in, entry, &terminator);
}

bool wspTaskGraphBuild(WspContext context, MlirOperation module,
                       const WspTaskGraphOptions *options, WspTaskGraph *graph) {
  Interp in;
  memset(&in, 0, sizeof in);
  in.context = context;
  in.options = options;
  in.graph = graph;
  in.hazards = wspHazardTrackerCreate();
  uint64_t allowed = options->maxTasks > 0 ? (uint64_t)options->maxTasks : 0;
  in.maxSteps = allowed > UINT64_MAX / 2000 ? UINT64_MAX : 1000 * allowed + 1000000;
  bool ok = runWorkload(&in, module);
  wspHazardTrackerDestroy(in.hazards);
  free(in.values.entries);
  free(in.kinds.entries);
  return ok;
}
