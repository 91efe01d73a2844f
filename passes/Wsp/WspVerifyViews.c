/* wsp-verify, view rule: a memref.subview in a workload or a process must lie
   inside its source memref wherever both are known at compile time.

   MLIR's own verifier already rejects a subview whose offsets, sizes and
   strides are all attributes and run past a static source shape. What it
   does not see are offsets (sizes, strides) passed as SSA values that are
   known nonetheless: constants, and the induction variables of scf.for loops
   with constant bounds, through arith.addi / subi / muli with a constant and
   arith.index_cast. This rule evaluates those to their exact smallest and
   largest value and reports the first dimension of the view that leaves its
   source. A tile outside its tensor makes the device read or write memory
   past the tensor (docs/reliability.md, G3).

   The ranges are exact, never widened, so the rule cannot reject a program
   whose tiles stay inside:
   - a binary op is evaluated only when one operand is a single value;
   - an induction variable counts only when every op between the subview and
     its loop is an scf.for (an scf.if could keep the last iterations from
     reaching the subview);
   - a loop that never runs (lower bound >= upper bound) makes its body's
     subviews unchecked;
   - anything else (block arguments, loads, symbols, loop-carried values,
     overflow) is "not known" and the dimension is not checked. */
#include <inttypes.h>
#include <stdio.h>

#include "WspVerifyCommon.h"
#include "WspVerifyRules.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

/* Deeper chains of index arithmetic are left unchecked, and so is an entry
   whose evaluation visits more values than the budget (a chain that reuses
   each value twice, x1 = x0 + x0, x2 = x1 + x1, ..., would otherwise take
   2^depth steps): the recursion and the work stay bounded on any input. */
#define VIEW_MAX_DEPTH 64
#define VIEW_MAX_STEPS 1024

typedef enum RangeKind {
  RANGE_UNKNOWN, /* not known at compile time */
  RANGE_KNOWN,   /* [lo, hi], both reached */
  RANGE_NEVER,   /* the value is never computed: a loop with no iteration */
} RangeKind;

typedef struct ViewRange {
  int64_t lo, hi;
  /* When lo < hi: the scf.for whose induction variable makes it vary (there
     is exactly one, since binary ops need one operand to be a single value),
     and the values that variable takes. */
  MlirOperation loop;
  int64_t ivLo, ivHi;
} ViewRange;

static ViewRange single(int64_t value) { return (ViewRange){value, value, {NULL}, 0, 0}; }

static bool isSingle(const ViewRange *r) { return r->lo == r->hi; }

static RangeKind valueRange(MlirValue value, MlirOperation user, ViewRange *out, int depth,
                            int *budget);

/* Whether every op from `user`'s parent up to `loop` is an scf.for: then
   every iteration of `loop` reaches `user`. */
static bool reachedEveryIteration(MlirOperation user, MlirOperation loop) {
  for (MlirOperation op = mlirOperationGetParentOperation(user); !mlirOperationIsNull(op);
       op = mlirOperationGetParentOperation(op)) {
    if (!wspVerifyOpIs(op, "scf.for"))
      return false;
    if (mlirOperationEqual(op, loop))
      return true;
  }
  return false;
}

/* The induction variable of an scf.for with single-valued bounds. */
static RangeKind inductionRange(MlirValue value, MlirOperation user, ViewRange *out, int depth,
                                int *budget) {
  MlirBlock block = mlirBlockArgumentGetOwner(value);
  MlirOperation loop = mlirBlockGetParentOperation(block);
  if (mlirOperationIsNull(loop) || !wspVerifyOpIs(loop, "scf.for") ||
      mlirBlockArgumentGetArgNumber(value) != 0 || mlirOperationGetNumOperands(loop) < 3 ||
      !reachedEveryIteration(user, loop))
    return RANGE_UNKNOWN;
  ViewRange bounds[3];
  for (intptr_t i = 0; i < 3; ++i) {
    RangeKind kind =
        valueRange(mlirOperationGetOperand(loop, i), loop, &bounds[i], depth + 1, budget);
    if (kind != RANGE_KNOWN)
      return kind;
    if (!isSingle(&bounds[i]))
      return RANGE_UNKNOWN;
  }
  int64_t lb = bounds[0].lo, ub = bounds[1].lo, step = bounds[2].lo;
  if (step <= 0)
    return RANGE_UNKNOWN; /* MLIR's scf.for requires a positive step */
  if (lb >= ub)
    return RANGE_NEVER;
  int64_t span, last;
  if (__builtin_sub_overflow(ub, lb, &span) ||
      __builtin_mul_overflow((span - 1) / step, step, &last) ||
      __builtin_add_overflow(lb, last, &last))
    return RANGE_UNKNOWN;
  *out = (ViewRange){lb, last, loop, lb, last};
  return RANGE_KNOWN;
}

/* An integer constant of at most 64 bits, or index. */
static RangeKind constantRange(MlirOperation def, ViewRange *out) {
  MlirAttribute attr = wspVerifyOpAttr(def, "value");
  if (mlirAttributeIsNull(attr) || !mlirAttributeIsAInteger(attr))
    return RANGE_UNKNOWN;
  MlirType type = mlirAttributeGetType(attr);
  if (!mlirTypeIsAIndex(type) && !(mlirTypeIsAInteger(type) && mlirIntegerTypeGetWidth(type) <= 64))
    return RANGE_UNKNOWN;
  /* An i1 or unsigned-looking constant is read as signed, like arith does. */
  *out = single(mlirIntegerAttrGetValueInt(attr));
  return RANGE_KNOWN;
}

/* `value` fits the signed range of its type (index: 64 bits). */
static bool fitsType(MlirValue value, const ViewRange *r) {
  MlirType type = mlirValueGetType(value);
  if (mlirTypeIsAIndex(type))
    return true;
  if (!mlirTypeIsAInteger(type))
    return false;
  unsigned width = mlirIntegerTypeGetWidth(type);
  if (width >= 64)
    return width == 64;
  if (width < 2)
    return false;
  int64_t max = ((int64_t)1 << (width - 1)) - 1;
  return r->lo >= -max - 1 && r->hi <= max;
}

/* a op b, where at least one of the two is a single value; exact. */
static RangeKind binaryRange(MlirOperation def, char op, MlirOperation user, ViewRange *out,
                             int depth, int *budget) {
  ViewRange a, b;
  RangeKind ka = valueRange(mlirOperationGetOperand(def, 0), user, &a, depth + 1, budget);
  if (ka != RANGE_KNOWN)
    return ka;
  RangeKind kb = valueRange(mlirOperationGetOperand(def, 1), user, &b, depth + 1, budget);
  if (kb != RANGE_KNOWN)
    return kb;
  if (!isSingle(&a) && !isSingle(&b))
    return RANGE_UNKNOWN;
  const ViewRange *var = isSingle(&a) ? &b : &a;
  int64_t x, y;
  bool overflow;
  switch (op) {
  case '+':
    overflow = __builtin_add_overflow(a.lo, b.lo, &x) || __builtin_add_overflow(a.hi, b.hi, &y);
    break;
  case '-': /* a - b is smallest at a.lo - b.hi */
    overflow = __builtin_sub_overflow(a.lo, b.hi, &x) || __builtin_sub_overflow(a.hi, b.lo, &y);
    break;
  default: { /* '*': one factor is a single value c; c < 0 swaps the ends */
    int64_t c = isSingle(&a) ? a.lo : b.lo;
    overflow = __builtin_mul_overflow(var->lo, c, &x) || __builtin_mul_overflow(var->hi, c, &y);
    if (!overflow && x > y) {
      int64_t t = x;
      x = y;
      y = t;
    }
  } break;
  }
  if (overflow)
    return RANGE_UNKNOWN;
  *out = (ViewRange){x, y, var->loop, var->ivLo, var->ivHi};
  if (x == y)
    *out = single(x);
  return fitsType(mlirOperationGetResult(def, 0), out) ? RANGE_KNOWN : RANGE_UNKNOWN;
}

static RangeKind valueRange(MlirValue value, MlirOperation user, ViewRange *out, int depth,
                            int *budget) {
  if (depth > VIEW_MAX_DEPTH || --*budget < 0)
    return RANGE_UNKNOWN;
  if (mlirValueIsABlockArgument(value))
    return inductionRange(value, user, out, depth, budget);
  MlirOperation def = wspVerifyDefiningOp(value);
  if (mlirOperationIsNull(def))
    return RANGE_UNKNOWN;
  if (wspVerifyOpIs(def, "arith.constant"))
    return constantRange(def, out);
  if (wspVerifyOpIs(def, "arith.addi"))
    return binaryRange(def, '+', user, out, depth, budget);
  if (wspVerifyOpIs(def, "arith.subi"))
    return binaryRange(def, '-', user, out, depth, budget);
  if (wspVerifyOpIs(def, "arith.muli"))
    return binaryRange(def, '*', user, out, depth, budget);
  if (wspVerifyOpIs(def, "arith.index_cast")) {
    RangeKind kind = valueRange(mlirOperationGetOperand(def, 0), user, out, depth + 1, budget);
    return kind != RANGE_KNOWN || fitsType(mlirOperationGetResult(def, 0), out) ? kind
                                                                                : RANGE_UNKNOWN;
  }
  return RANGE_UNKNOWN;
}

/* Entry `index` of a subview's offsets, sizes or strides (`attrName`): the
   static value, or the range of its operand (`*cursor` walks the dynamic
   operands in order: offsets, then sizes, then strides). */
static RangeKind entryRange(MlirOperation op, MlirAttribute list, intptr_t index, intptr_t *cursor,
                            ViewRange *out) {
  int64_t value = mlirDenseI64ArrayGetElement(list, index);
  if (!mlirShapedTypeIsDynamicSize(value)) {
    *out = single(value);
    return RANGE_KNOWN;
  }
  intptr_t operand = (*cursor)++;
  if (operand >= mlirOperationGetNumOperands(op))
    return RANGE_UNKNOWN;
  int budget = VIEW_MAX_STEPS;
  return valueRange(mlirOperationGetOperand(op, operand), op, out, 0, &budget);
}

/* The three lists, each with one entry per source dimension, or false. */
static bool readLists(MlirOperation op, intptr_t rank, MlirAttribute lists[3]) {
  static const char *const kNames[3] = {"static_offsets", "static_sizes", "static_strides"};
  for (int i = 0; i < 3; ++i) {
    lists[i] = wspVerifyOpAttr(op, kNames[i]);
    if (mlirAttributeIsNull(lists[i]) || !mlirAttributeIsADenseI64Array(lists[i]) ||
        mlirDenseArrayGetNumElements(lists[i]) != rank)
      return false;
  }
  return true;
}

/* "3", or "up to 7" / "down to -1" for an offset that varies. */
static const char *offsetText(char *buffer, size_t size, const ViewRange *offset, bool upper) {
  if (isSingle(offset))
    snprintf(buffer, size, "%" PRId64, offset->lo);
  else
    snprintf(buffer, size, "%s %" PRId64, upper ? "up to" : "down to",
             upper ? offset->hi : offset->lo);
  return buffer;
}

static void noteLoop(WspVerifier *v, const ViewRange *offset) {
  if (!isSingle(offset))
    wspVerifyNote(v, offset->loop,
                  "the offset depends on the induction variable of this loop, which runs from "
                  "%" PRId64 " to %" PRId64,
                  offset->ivLo, offset->ivHi);
}

/* Checks dimension `d`; returns false after reporting it. */
static bool checkDimension(WspVerifier *v, MlirOperation op, MlirType source, intptr_t d,
                           const ViewRange *offset, const ViewRange *size, const ViewRange *stride,
                           bool strideKnown) {
  char text[48];
  const char *sourceText = wspVerifyTypeText(v, source);
  if (offset->lo < 0) {
    wspVerifyError(v, op,
                   "'memref.subview' op: the tile leaves its tensor in dimension %ld: offset %s "
                   "is negative, before the start of '%s'; a tile must lie inside its tensor "
                   "(the device would access memory outside it): make the offset at least 0",
                   (long)d, offsetText(text, sizeof text, offset, false), sourceText);
    noteLoop(v, offset);
    return false;
  }
  int64_t extent = mlirShapedTypeGetDimSize(source, d);
  /* The last index the tile touches is offset + (size - 1) * stride; with a
     stride not known, at least the offset itself. */
  int64_t last, span;
  bool unitStride = strideKnown && stride->lo == 1;
  if (!strideKnown)
    last = offset->hi;
  else if (__builtin_mul_overflow(size->lo - 1, stride->lo, &span) ||
           __builtin_add_overflow(offset->hi, span, &last))
    last = INT64_MAX;
  if (last < extent)
    return true;
  const char *remedy = isSingle(offset)
                           ? "make the tile end at or before the extent"
                           : "bound the loop so that the last tile ends at or before the "
                             "extent, or make the tile or the tensor fit";
  offsetText(text, sizeof text, offset, true);
  if (!strideKnown)
    wspVerifyError(v, op,
                   "'memref.subview' op: the tile leaves its tensor in dimension %ld: offset %s "
                   "is at or past the extent %" PRId64 " of '%s'; a tile must lie inside its "
                   "tensor (the device would access memory past it): %s",
                   (long)d, text, extent, sourceText, remedy);
  else if (unitStride)
    wspVerifyError(v, op,
                   "'memref.subview' op: the tile leaves its tensor in dimension %ld: offset %s "
                   "+ size %" PRId64 " = %" PRId64 " exceeds the extent %" PRId64
                   " of '%s'; a tile must lie inside its tensor (the device would access "
                   "memory past it): %s",
                   (long)d, text, size->lo, last + 1, extent, sourceText, remedy);
  else
    wspVerifyError(v, op,
                   "'memref.subview' op: the tile leaves its tensor in dimension %ld: offset %s "
                   "+ (size %" PRId64 " - 1) * stride %" PRId64 " = %" PRId64
                   ", its last index, is not below the extent %" PRId64
                   " of '%s'; a tile must lie inside its tensor (the device would access "
                   "memory past it): %s",
                   (long)d, text, size->lo, stride->lo, last, extent, sourceText, remedy);
  noteLoop(v, offset);
  return false;
}

void wspVerifySubview(WspVerifier *v, MlirOperation op) {
  MlirOperation func = wspVerifyEnclosingFunc(op);
  if (mlirOperationIsNull(func) ||
      !(wspVerifyFuncHas(func, "wsp.workload") || wspVerifyFuncHas(func, "wsp.process")))
    return;
  if (mlirOperationGetNumOperands(op) < 1)
    return;
  MlirType source = mlirValueGetType(mlirOperationGetOperand(op, 0));
  if (!mlirTypeIsAMemRef(source) || !mlirShapedTypeHasRank(source))
    return;
  intptr_t rank = (intptr_t)mlirShapedTypeGetRank(source);
  MlirAttribute lists[3];
  if (!readLists(op, rank, lists))
    return;
  /* Operand positions: 1 + (dynamic offsets before d), then the sizes after
     all dynamic offsets, then the strides. */
  intptr_t numDynamic[3] = {0, 0, 0};
  for (int l = 0; l < 3; ++l)
    for (intptr_t d = 0; d < rank; ++d)
      numDynamic[l] += mlirShapedTypeIsDynamicSize(mlirDenseI64ArrayGetElement(lists[l], d));
  intptr_t cursors[3] = {1, 1 + numDynamic[0], 1 + numDynamic[0] + numDynamic[1]};
  /* A subview in a loop that never runs is never computed: check nothing.
     (Evaluated first for every entry, so no error precedes that finding.) */
  for (int l = 0; l < 3; ++l) {
    intptr_t cursor = cursors[l];
    for (intptr_t d = 0; d < rank; ++d) {
      ViewRange ignored;
      if (entryRange(op, lists[l], d, &cursor, &ignored) == RANGE_NEVER)
        return;
    }
  }
  for (intptr_t d = 0; d < rank; ++d) {
    ViewRange entries[3];
    RangeKind kinds[3];
    for (int l = 0; l < 3; ++l)
      kinds[l] = entryRange(op, lists[l], d, &cursors[l], &entries[l]);
    if (kinds[0] != RANGE_KNOWN)
      continue;
    bool sizeKnown = kinds[1] == RANGE_KNOWN && isSingle(&entries[1]);
    bool strideKnown = kinds[2] == RANGE_KNOWN && isSingle(&entries[2]) && entries[2].lo >= 0;
    if (sizeKnown && entries[1].lo <= 0)
      continue; /* an empty tile touches nothing */
    if (mlirShapedTypeIsDynamicSize(mlirShapedTypeGetDimSize(source, d)) || !sizeKnown) {
      /* No extent or no size: only a negative offset is known to be wrong. */
      if (entries[0].lo >= 0)
        continue;
      ViewRange none = single(1);
      checkDimension(v, op, source, d, &entries[0], &none, &none, false);
      return;
    }
    if (!checkDimension(v, op, source, d, &entries[0], &entries[1], &entries[2], strideKnown))
      return; /* one error per subview: one mistake, one message */
  }
}
