/* Integer evaluation of arith and index ops, and the explanation of values
   that are not known. Invariants: integers are kept sign-extended from
   their type's width (i1 true is -1), so equal bit patterns compare equal;
   an op whose result is undefined (division by zero, overflow of a signed
   division, an out-of-range shift) yields an unknown value, an error only
   where the value is needed (tgRequireInt), and that error names where the
   unknown comes from. */
#include "TaskGraphInterp.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*===--- integers ---------------------------------------------------------===*/

/* Bit width of an integer-like type we evaluate (signless integers up to 64
   bits, and index); 0 for anything else. */
unsigned tgIntWidth(MlirType t) {
  if (mlirTypeIsAIndex(t))
    return 64;
  if (mlirTypeIsAInteger(t) && mlirIntegerTypeIsSignless(t) && mlirIntegerTypeGetWidth(t) <= 64)
    return mlirIntegerTypeGetWidth(t);
  return 0;
}

/* Values are kept sign-extended from their width (i1 true is -1), so equal
   bit patterns compare equal. */
int64_t tgNormalize(uint64_t v, unsigned w) {
  if (w == 0 || w >= 64)
    return (int64_t)v;
  uint64_t sign = 1ull << (w - 1);
  v &= (sign << 1) - 1;
  return (int64_t)((v ^ sign) - sign);
}

uint64_t tgAsUnsigned(int64_t v, unsigned w) {
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
  uint64_t ua = tgAsUnsigned(a, w), ub = tgAsUnsigned(b, w), r = 0;
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
  *out = tgNormalize(r, w);
  return ok;
}

/* arith.cmpi predicates, by their enum value. */
static bool evalCmp(int64_t predicate, int64_t a, int64_t b, unsigned w, bool *out) {
  uint64_t ua = tgAsUnsigned(a, w), ub = tgAsUnsigned(b, w);
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

unsigned tgValueWidth(MlirValue v) { return tgIntWidth(mlirValueGetType(v)); }

static bool operandInt(const Interp *in, MlirOperation op, intptr_t i, int64_t *out) {
  Slot s = valueSlot(in, mlirOperationGetOperand(op, i));
  *out = s.value;
  return s.kind == SLOT_INT;
}

static Slot evalConstant(MlirOperation op, unsigned w) {
  MlirAttribute value = attrNamed(op, "value");
  if (mlirAttributeIsNull(value) || !mlirAttributeIsAInteger(value))
    return (Slot){SLOT_UNKNOWN, 0};
  return (Slot){SLOT_INT, tgNormalize((uint64_t)mlirIntegerAttrGetValueInt(value), w)};
}

static Slot evalCast(const Interp *in, MlirOperation op, OpKind k, unsigned w) {
  int64_t a;
  unsigned from = tgValueWidth(mlirOperationGetOperand(op, 0));
  if (from == 0 || !operandInt(in, op, 0, &a))
    return (Slot){SLOT_UNKNOWN, 0};
  return (Slot){SLOT_INT, tgNormalize(k == K_CASTU ? tgAsUnsigned(a, from) : (uint64_t)a, w)};
}

static Slot evalCmpOp(const Interp *in, MlirOperation op) {
  int64_t a, b;
  bool r;
  unsigned w = tgValueWidth(mlirOperationGetOperand(op, 0));
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
void tgEvalScalarOp(Interp *in, MlirOperation op, OpKind k) {
  if (mlirOperationGetNumResults(op) != 1)
    return;
  MlirValue result = mlirOperationGetResult(op, 0);
  unsigned w = tgValueWidth(result);
  Slot s = {SLOT_UNKNOWN, 0};
  if (k == K_SELECT)
    s = evalSelect(in, op);
  else if (w != 0) /* floats, vectors, wide integers: not ours to fold */
    s = evalInteger(in, op, k, w);
  setValue(in, result, s);
}

/*===--- explaining what is not known -------------------------------------===*/

/* The wsp.name of workload argument `n`, or an empty string. */
MlirStringRef tgArgName(MlirOperation func, intptr_t n) {
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
    MlirStringRef name = tgArgName(func, n);
    wspStringBufferAppendf(out, "a function argument (#%" PRIdPTR "%s%.*s%s)", n,
                           name.length ? ", '" : "", (int)name.length, name.data,
                           name.length ? "'" : "");
  } else if (mlirOperationEqual(parent, func)) {
    MlirStringRef name = tgSymName(func);
    wspStringBufferAppendf(out,
                           "parameter #%" PRIdPTR " of process '%.*s', which its wsp.spawn "
                           "binds to a value that is not static",
                           n, (int)name.length, name.data);
  } else if (tgKindOf(in, parent) == K_FOR && n > 0) {
    /* Unknown from the start, or made unknown by the body's update. */
    MlirValue init = mlirOperationGetOperand(parent, 3 + (n - 1));
    bool fromInit = valueSlot(in, init).kind == SLOT_UNKNOWN;
    wspStringBufferAppendStr(out, fromInit ? "a value carried by 'scf.for', initially "
                                           : "a value carried by 'scf.for', updated to ");
    *next = fromInit ? init
                     : mlirOperationGetOperand(
                           mlirBlockGetTerminator(mlirBlockArgumentGetOwner(v)), n - 1);
  } else if (tgKindOf(in, parent) == K_WHILE) {
    MlirBlock before = mlirRegionGetFirstBlock(mlirOperationGetRegion(parent, 0));
    MlirBlock owner = mlirBlockArgumentGetOwner(v);
    if (mlirBlockEqual(owner, before)) { /* unknown from the start, or by the update */
      MlirValue init = mlirOperationGetOperand(parent, n);
      bool fromInit = valueSlot(in, init).kind == SLOT_UNKNOWN;
      wspStringBufferAppendStr(out, fromInit ? "a value carried by 'scf.while', initially "
                                             : "a value carried by 'scf.while', updated to ");
      MlirBlock after = mlirRegionGetFirstBlock(mlirOperationGetRegion(parent, 1));
      *next = fromInit ? init : mlirOperationGetOperand(mlirBlockGetTerminator(after), n);
    } else {
      wspStringBufferAppendStr(out, "a value that 'scf.condition' passes on, ");
      *next = mlirOperationGetOperand(mlirBlockGetTerminator(before), n + 1);
    }
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
  OpKind k = tgKindOf(in, op);
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
bool tgRequireInt(Interp *in, MlirOperation at, MlirValue v, const char *what, const char *need,
                  const char *remedy, int64_t *out) {
  Slot s = valueSlot(in, v);
  if (s.kind == SLOT_INT) {
    *out = s.value;
    return true;
  }
  WspStringBuffer origin;
  wspStringBufferInit(&origin);
  describeUnknown(in, v, &origin);
  tgFailAt(in, at, "%s needs %s; %s depends on %s; remedy: %s", in->options->client, need, what,
           origin.data ? origin.data : "an unknown value", remedy);
  wspStringBufferFree(&origin);
  return false;
}
