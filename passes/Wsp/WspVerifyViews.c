/* wsp-verify, view rule V1: a memref.subview in a workload or a process must
   lie inside its source memref.

   MLIR's own verifier already rejects a subview whose offsets, sizes and
   strides are all attributes and run past a static source shape. Entries
   given as SSA values are bounded by wsp-verify's interval analysis
   (WspVerifyIntervals.c) over arith, index and scf:
   - a tile proven inside its tensor passes silently;
   - a tile whose offset range is exact (both ends taken: constants, the
     induction variables of constant-bound loops, monotone arithmetic of
     them) and leaves the tensor is an error (G3 in docs/reliability.md);
   - any other tile that the ranges cannot prove inside (an offset from a
     function argument, a host symbol, a slot read, a loop-carried value,
     arithmetic that may wrap, an scf.if in between, ...) gets a warning
     "cannot prove the tile in bounds", naming the dimension, the range and
     what could not be bounded: never silence.
   A subview in a loop that never runs is not checked. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "Support/StringBuffer.h"
#include "WspVerifyCommon.h"
#include "WspVerifyIntervals.h"
#include "WspVerifyRules.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

typedef WspInterval ViewRange;

static bool isSingle(const ViewRange *r) { return r->exact && r->lo == r->hi; }

/* Entry `index` of a subview's offsets, sizes or strides (`attrName`): the
   static value, or the range of its operand (`*cursor` walks the dynamic
   operands in order: offsets, then sizes, then strides). */
static ViewRange entryRange(WspVerifier *v, MlirOperation op, MlirAttribute list,
                            intptr_t index, intptr_t *cursor) {
  int64_t value = mlirDenseI64ArrayGetElement(list, index);
  ViewRange r;
  if (!mlirShapedTypeIsDynamicSize(value)) {
    memset(&r, 0, sizeof r);
    r.lo = r.hi = value;
    r.exact = true;
    return r;
  }
  intptr_t operand = (*cursor)++;
  if (operand >= mlirOperationGetNumOperands(op)) {
    memset(&r, 0, sizeof r);
    r.lo = INT64_MIN;
    r.hi = INT64_MAX;
    r.why = "a malformed subview";
    return r;
  }
  return wspIntervalOf(&v->intervalSites, mlirOperationGetOperand(op, operand), op);
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

static const char kProveRemedy[] =
    "a tile outside its tensor makes the device access memory outside it: bound the offset "
    "(clamp it with arith.minsi/arith.maxsi, or guard the tile with scf.if on an arith.cmpi "
    "of the offset) or the values it depends on";

/* Checks dimension `d`; returns false after reporting it (an error when the
   offending values are certainly taken, else a warning). */
static bool checkDimension(WspVerifier *v, MlirOperation op, MlirType source, intptr_t d,
                           const ViewRange *offset, const ViewRange *size, const ViewRange *stride) {
  char text[48], range[256];
  /* Printed only for a report: printing a type per dimension of every
     subview was about 3 % of a compile (docs/performance.md). */
  const char *sourceText = NULL;
  if (offset->lo < 0) {
    sourceText = wspVerifyTypeText(v, source);
    if (offset->exact) {
      wspVerifyError(v, op,
                     "'memref.subview' op: the tile leaves its tensor in dimension %ld: offset %s "
                     "is negative, before the start of '%s'; a tile must lie inside its tensor "
                     "(the device would access memory outside it): make the offset at least 0",
                     (long)d, offsetText(text, sizeof text, offset, false), sourceText);
      noteLoop(v, offset);
    } else {
      wspVerifyWarning(v, op,
                       "'memref.subview' op: cannot prove the tile in bounds in dimension %ld of "
                       "'%s': the offset ranges over %s, which includes negative values; %s",
                       (long)d, sourceText, wspIntervalText(range, sizeof range, offset), kProveRemedy);
      wspIntervalNoteWhy(v, offset);
    }
    return false;
  }
  int64_t extent = mlirShapedTypeGetDimSize(source, d);
  if (mlirShapedTypeIsDynamicSize(extent))
    return true; /* no extent to check against (wsp-verify W1 rejects dynamic shapes) */
  /* The last index the tile can touch: offset + (size - 1) * stride, each
     at its largest; a size of at most 1 touches only the offset. */
  bool strideKnown = isSingle(stride) && stride->lo >= 0;
  int64_t last, span;
  if (size->hi <= 1)
    last = offset->hi;
  else if (stride->lo < 0 || stride->why ||
           __builtin_mul_overflow(size->hi - 1, stride->hi, &span) ||
           __builtin_add_overflow(offset->hi, span, &last))
    last = INT64_MAX;
  if (last < extent)
    return true;
  sourceText = wspVerifyTypeText(v, source);
  /* Certain: the offset's largest value is taken, with a known size. */
  bool certain = offset->exact && isSingle(size) &&
                 (strideKnown || offset->hi >= extent);
  if (!certain) {
    if (offset->why || size->why || stride->why)
      wspVerifyWarning(v, op,
                       "'memref.subview' op: cannot prove the tile in bounds in dimension %ld of "
                       "'%s' (extent %" PRId64 "): offset %s, size %s; %s",
                       (long)d, sourceText, extent, wspIntervalText(range, sizeof range, offset),
                       offset->why || !size->why ? (isSingle(size) ? "known" : "bounded")
                                                 : size->why,
                       kProveRemedy);
    else
      wspVerifyWarning(v, op,
                       "'memref.subview' op: cannot prove the tile in bounds in dimension %ld of "
                       "'%s': its last index may reach %" PRId64 " (offset in %s), at or past "
                       "the extent %" PRId64 "; %s",
                       (long)d, sourceText, last, wspIntervalText(range, sizeof range, offset), extent,
                       kProveRemedy);
    wspIntervalNoteWhy(v, offset->why ? offset : size->why ? size : stride);
    return false;
  }
  const char *remedy = isSingle(offset)
                           ? "make the tile end at or before the extent"
                           : "bound the loop so that the last tile ends at or before the "
                             "extent, or make the tile or the tensor fit";
  offsetText(text, sizeof text, offset, true);
  bool unitStride = strideKnown && stride->lo == 1;
  if (!strideKnown || size->lo == 1) {
    if (!strideKnown)
      wspVerifyError(v, op,
                     "'memref.subview' op: the tile leaves its tensor in dimension %ld: offset "
                     "%s is at or past the extent %" PRId64 " of '%s'; a tile must lie inside "
                     "its tensor (the device would access memory past it): %s",
                     (long)d, text, extent, sourceText, remedy);
    else
      unitStride = true;
  }
  if (strideKnown && unitStride)
    wspVerifyError(v, op,
                   "'memref.subview' op: the tile leaves its tensor in dimension %ld: offset %s "
                   "+ size %" PRId64 " = %" PRIu64 " exceeds the extent %" PRId64
                   " of '%s'; a tile must lie inside its tensor (the device would access "
                   "memory past it): %s",
                   (long)d, text, size->lo, (uint64_t)last + 1u, /* last >= extent >= 0 */
                   extent, sourceText, remedy);
  else if (strideKnown)
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
  if (rank == 0)
    return;
  ViewRange *entries = wspCalloc(3 * (size_t)rank, sizeof(ViewRange)); /* [list][dim] */
  /* A subview in a loop that never runs is never computed: check nothing. */
  bool never = false;
  for (int l = 0; l < 3 && !never; ++l)
    for (intptr_t d = 0; d < rank && !never; ++d) {
      entries[l * rank + d] = entryRange(v, op, lists[l], d, &cursors[l]);
      never = entries[l * rank + d].never;
    }
  for (intptr_t d = 0; d < rank && !never; ++d) {
    if (entries[rank + d].hi <= 0)
      continue; /* an empty tile touches nothing */
    if (!checkDimension(v, op, source, d, &entries[d], &entries[rank + d], &entries[2 * rank + d]))
      break; /* one diagnostic per subview: one mistake, one message */
  }
  free(entries);
}

/*===--- V2: views the later stages can address ----------------------------===*/

/* The lowering addresses a runtime tensor through a chain of memref.subview
   and memref.cast from a tensor parameter of the workload or process, or
   from memref.alloc / memref.alloca (WspLowerToTaskRing.c rootValue,
   lowerSubview; the task-graph analysis follows the same chain). Whatever
   else makes a memref there was accepted here and failed later ("not a view
   of a workload tensor"); it is rejected here, at the op. */

static bool inOrchestration(MlirOperation op) {
  MlirOperation func = wspVerifyEnclosingFunc(op);
  return !mlirOperationIsNull(func) &&
         (wspVerifyFuncHas(func, "wsp.workload") || wspVerifyFuncHas(func, "wsp.process"));
}

static bool isAddressable(MlirOperation op) {
  return wspVerifyOpIs(op, "memref.subview") || wspVerifyOpIs(op, "memref.cast") ||
         wspVerifyOpIs(op, "memref.alloc") || wspVerifyOpIs(op, "memref.alloca");
}

/* Control flow carries values, it does not make them: its memref results
   are reported where a task or spawn uses them (B2). */
static bool isControlFlow(MlirOperation op) {
  return mlirOperationGetNumRegions(op) > 0;
}

/* Subview shapes the runtime's Tensor::view can take (both targets): static
   sizes, unit strides, the source's rank. */
static void verifySubviewShape(WspVerifier *v, MlirOperation op) {
  MlirAttribute sizes = wspVerifyOpAttr(op, "static_sizes");
  MlirAttribute strides = wspVerifyOpAttr(op, "static_strides");
  if (mlirAttributeIsNull(sizes) || mlirAttributeIsNull(strides) ||
      !mlirAttributeIsADenseI64Array(sizes) || !mlirAttributeIsADenseI64Array(strides))
    return;
  intptr_t rank = mlirDenseArrayGetNumElements(sizes);
  for (intptr_t d = 0; d < rank && d < mlirDenseArrayGetNumElements(strides); ++d) {
    int64_t size = mlirDenseI64ArrayGetElement(sizes, d);
    int64_t stride = mlirDenseI64ArrayGetElement(strides, d);
    if (mlirShapedTypeIsDynamicSize(size)) {
      wspVerifyError(v, op,
                     "'memref.subview' op: dimension %ld of the tile has a dynamic size; the "
                     "runtime addresses a tile by offsets and a static shape (Tensor::view on "
                     "both targets): give every dimension a static size (one task per tile "
                     "size, or pad the tensor)",
                     (long)d);
      return;
    }
    if (stride != 1) {
      char text[32];
      if (mlirShapedTypeIsDynamicSize(stride))
        snprintf(text, sizeof text, "a dynamic stride");
      else
        snprintf(text, sizeof text, "stride %" PRId64, stride);
      wspVerifyError(v, op,
                     "'memref.subview' op: dimension %ld of the tile has %s; the runtime "
                     "addresses a tile by offsets and a shape, with unit strides (Tensor::view "
                     "on both targets): use stride 1 and pick the elements inside the kernel",
                     (long)d, text);
      return;
    }
  }
  MlirType result = mlirValueGetType(mlirOperationGetResult(op, 0));
  if (mlirShapedTypeHasRank(result) && mlirShapedTypeGetRank(result) != rank)
    wspVerifyError(v, op,
                   "'memref.subview' op: reduces rank %ld to %ld ('%s'); a runtime tile has "
                   "the rank of its tensor: keep the unit dimensions in the result type",
                   (long)rank, (long)mlirShapedTypeGetRank(result),
                   wspVerifyTypeText(v, result));
}

void wspVerifyMemRefResults(WspVerifier *v, MlirOperation op) {
  if (mlirOperationGetNumResults(op) == 0 || isControlFlow(op) || !inOrchestration(op))
    return;
  if (wspVerifyOpIs(op, "memref.subview")) {
    verifySubviewShape(v, op);
    return;
  }
  if (isAddressable(op))
    return;
  for (intptr_t i = 0; i < mlirOperationGetNumResults(op); ++i) {
    MlirType type = mlirValueGetType(mlirOperationGetResult(op, i));
    if (!mlirTypeIsAMemRef(type))
      continue;
    MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
    wspVerifyError(v, op,
                   "'%.*s' op: makes the memref '%s' (result #%ld) in %s; the runtime "
                   "addresses only tensor parameters, allocations (memref.alloc / "
                   "memref.alloca) and tiles of them made by memref.subview and memref.cast, "
                   "so no later stage can use this value as a tensor: take the tile with "
                   "memref.subview of the tensor itself (reshape or reinterpret it inside the "
                   "kernel)",
                   (int)name.length, name.data, wspVerifyTypeText(v, type), (long)i,
                   wspVerifyDescribeFunc(v, wspVerifyEnclosingFunc(op)));
    return;
  }
}
