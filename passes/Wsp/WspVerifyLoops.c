/* wsp-verify, loop rules L1 and L2, and the slot-read index rule R3: the
   values that bound a loop or index a tensor, bounded by the interval
   analysis (WspVerifyIntervals.c) in workloads and processes.

   L1. An scf.for's step is positive: a step of 0 never ends, a negative one
       runs until the induction variable wraps around.
   L2. The induction variable does not overflow its type: after its last
       value, adding the step stays within the type (else the loop wraps
       around instead of ending).
   R3. A wsp.slot_read index lies inside the tensor.
   K4. In a kernel body, a memref.load / memref.store index lies inside the
       memref (the kernel's tile parameter or a memref.alloca): the kernel
       would read or write memory outside its tile.

   Each is an error when the offending value is certainly taken (exact
   ranges: constants, induction variables of constant loops) and a
   "cannot prove" warning when the ranges do not rule it out. */
#include <inttypes.h>
#include <stdio.h>

#include "WspVerifyCommon.h"
#include "WspVerifyIntervals.h"
#include "WspVerifyRules.h"
#include "mlir-c/BuiltinTypes.h"

static bool inOrchestration(MlirOperation op) {
  MlirOperation func = wspVerifyEnclosingFunc(op);
  return !mlirOperationIsNull(func) &&
         (wspVerifyFuncHas(func, "wsp.workload") || wspVerifyFuncHas(func, "wsp.process"));
}

static bool isSingle(const WspInterval *r) { return r->exact && r->lo == r->hi; }

void wspVerifyLoop(WspVerifier *v, MlirOperation op) {
  if (!inOrchestration(op) || mlirOperationGetNumOperands(op) < 3)
    return;
  WspInterval lb = wspIntervalOf(&v->intervalSites, mlirOperationGetOperand(op, 0), op);
  WspInterval ub = wspIntervalOf(&v->intervalSites, mlirOperationGetOperand(op, 1), op);
  WspInterval step = wspIntervalOf(&v->intervalSites, mlirOperationGetOperand(op, 2), op);
  if (lb.never || ub.never || step.never)
    return; /* the loop itself is never reached */
  char range[256];
  if (step.lo <= 0) {
    if (isSingle(&step))
      wspVerifyError(v, op,
                     "'scf.for' op: the step is %" PRId64 "; a loop's step must be positive "
                     "(with 0 the loop never ends, with a negative step it runs until its "
                     "induction variable wraps around): use a step of at least 1",
                     step.lo);
    else {
      wspVerifyWarning(v, op,
                       "'scf.for' op: cannot prove the step positive: it ranges over %s (with 0 "
                       "the loop never ends, with a negative step it runs until its induction "
                       "variable wraps around): bound it (e.g. arith.maxsi with 1)",
                       wspIntervalText(range, sizeof range, &step));
      wspIntervalNoteWhy(v, &step);
    }
    return;
  }
  if (ub.hi <= lb.lo || mlirAttributeIsNull(wspVerifyOpAttr(op, "unsignedCmp")) == false)
    return; /* never runs; unsigned loops compare unsigned (not checked) */
  MlirType type = mlirValueGetType(mlirOperationGetOperand(op, 0));
  int64_t tlo, thi;
  if (!wspIntervalTypeRange(type, &tlo, &thi))
    return;
  if (isSingle(&lb) && isSingle(&ub) && isSingle(&step)) {
    /* last = lb + ((ub - lb - 1) / step) * step; ub - lb fits unsigned */
    uint64_t span = (uint64_t)ub.lo - (uint64_t)lb.lo;
    uint64_t last = (uint64_t)lb.lo + ((span - 1) / (uint64_t)step.lo) * (uint64_t)step.lo;
    int64_t lastValue = (int64_t)last, next;
    if (!__builtin_add_overflow(lastValue, step.lo, &next) && next <= thi)
      return;
    const char *typeText = wspVerifyTypeText(v, type); /* printed only for a report */
    wspVerifyError(v, op,
                   "'scf.for' op: the induction variable overflows its type '%s': its last "
                   "value %" PRId64 " plus the step %" PRId64 " is past the largest '%s', "
                   "%" PRId64 " (the loop would wrap around instead of ending): lower the upper "
                   "bound or the step, or use a wider type",
                   typeText, lastValue, step.lo, typeText, thi);
    return;
  }
  int64_t worst;
  if (!__builtin_add_overflow(ub.hi - 1, step.hi, &worst) && worst <= thi)
    return;
  const char *typeText = wspVerifyTypeText(v, type);
  const WspInterval *unknown = ub.why ? &ub : step.why ? &step : NULL;
  wspVerifyWarning(v, op,
                   "'scf.for' op: cannot prove that the induction variable does not overflow "
                   "its type '%s': the upper bound ranges over %s and the step up to %" PRId64
                   ", and the last value plus the step may pass %" PRId64
                   " (the loop would wrap around instead of ending): clamp the upper bound "
                   "(e.g. arith.minsi) or use a wider type",
                   typeText, wspIntervalText(range, sizeof range, &ub), step.hi, thi);
  if (unknown)
    wspIntervalNoteWhy(v, unknown);
}

void wspVerifySlotReadIndices(WspVerifier *v, MlirOperation op) {
  if (!inOrchestration(op) || mlirOperationGetNumOperands(op) < 1)
    return;
  MlirType view = mlirValueGetType(mlirOperationGetOperand(op, 0));
  if (!mlirTypeIsAMemRef(view) || !mlirShapedTypeHasRank(view))
    return;
  intptr_t rank = (intptr_t)mlirShapedTypeGetRank(view);
  if (mlirOperationGetNumOperands(op) - 1 != rank)
    return; /* R1 reports it */
  char range[256];
  for (intptr_t d = 0; d < rank; ++d) {
    int64_t extent = mlirShapedTypeGetDimSize(view, d);
    WspInterval index = wspIntervalOf(&v->intervalSites, mlirOperationGetOperand(op, d + 1), op);
    if (index.never)
      return;
    bool dynamic = mlirShapedTypeIsDynamicSize(extent);
    if (index.lo >= 0 && (dynamic || index.hi < extent))
      continue;
    const char *viewText = wspVerifyTypeText(v, view);
    if (index.exact) {
      int64_t bad = index.lo < 0 ? index.lo : index.hi;
      wspVerifyError(v, op,
                     "'wsp.slot_read' op: index %" PRId64 " in dimension %ld is outside '%s' "
                     "(extent %" PRId64 "); the read would access memory outside the tensor: "
                     "use an index in [0, %" PRId64 ")",
                     bad, (long)d, viewText, extent, extent);
    } else {
      wspVerifyWarning(v, op,
                       "'wsp.slot_read' op: cannot prove the index in dimension %ld inside "
                       "'%s' (extent %" PRId64 "): it ranges over %s; an index outside the "
                       "tensor reads memory outside it: bound it (clamp it with "
                       "arith.minsi/arith.maxsi, or guard the read with scf.if)",
                       (long)d, viewText, extent, wspIntervalText(range, sizeof range, &index));
      wspIntervalNoteWhy(v, &index);
    }
    return; /* one diagnostic per read */
  }
}

/* The memref a kernel accesses, for messages: "parameter #0 ('x') of
   kernel @k" (with its wsp.name when it has one), "a memref.alloca". */
static const char *accessedText(WspVerifier *v, MlirValue memref, MlirOperation kernel) {
  char buffer[256];
  MlirStringRef kernelName = wspVerifyFuncName(kernel);
  if (mlirValueIsABlockArgument(memref) &&
      mlirBlockEqual(mlirBlockArgumentGetOwner(memref), wspVerifyFuncEntryBlock(kernel))) {
    snprintf(buffer, sizeof buffer, "the tile of parameter #%ld of kernel @%.*s",
             (long)mlirBlockArgumentGetArgNumber(memref), (int)kernelName.length,
             kernelName.data);
  } else {
    MlirOperation def = wspVerifyDefiningOp(memref);
    MlirStringRef opName = mlirOperationIsNull(def)
                               ? mlirStringRefCreateFromCString("a block argument")
                               : mlirIdentifierStr(mlirOperationGetName(def));
    snprintf(buffer, sizeof buffer, "the %s%.*s of kernel @%.*s",
             mlirOperationIsNull(def) ? "" : "result of ", (int)opName.length, opName.data,
             (int)kernelName.length, kernelName.data);
  }
  return wspVerifyStringText(v, mlirStringRefCreateFromCString(buffer));
}

void wspVerifyKernelAccess(WspVerifier *v, MlirOperation op) {
  MlirOperation func = wspVerifyEnclosingFunc(op);
  if (mlirOperationIsNull(func) || !wspVerifyFuncHas(func, "wsp.kernel"))
    return; /* a workload or process access is the lowering's error */
  bool store = wspVerifyOpIs(op, "memref.store");
  intptr_t memrefOperand = store ? 1 : 0;
  if (mlirOperationGetNumOperands(op) <= memrefOperand)
    return;
  MlirValue memref = mlirOperationGetOperand(op, memrefOperand);
  MlirType type = mlirValueGetType(memref);
  if (!mlirTypeIsAMemRef(type) || !mlirShapedTypeHasRank(type))
    return;
  intptr_t rank = (intptr_t)mlirShapedTypeGetRank(type);
  if (mlirOperationGetNumOperands(op) != memrefOperand + 1 + rank)
    return; /* MLIR's verifier reports it */
  const char *opName = store ? "memref.store" : "memref.load";
  char range[256];
  for (intptr_t d = 0; d < rank; ++d) {
    int64_t extent = mlirShapedTypeGetDimSize(type, d);
    WspInterval index =
        wspIntervalOf(&v->intervalSites, mlirOperationGetOperand(op, memrefOperand + 1 + d), op);
    if (index.never)
      return;
    bool dynamic = mlirShapedTypeIsDynamicSize(extent);
    if (index.lo >= 0 && (dynamic || index.hi < extent))
      continue;
    const char *what = accessedText(v, memref, func);
    const char *typeText = wspVerifyTypeText(v, type);
    char extentText[64];
    if (dynamic)
      snprintf(extentText, sizeof extentText, "dynamic");
    else
      snprintf(extentText, sizeof extentText, "%" PRId64, extent);
    if (index.exact) {
      int64_t bad = index.lo < 0 ? index.lo : index.hi;
      char remedy[96];
      if (dynamic)
        snprintf(remedy, sizeof remedy, "use an index of at least 0");
      else
        snprintf(remedy, sizeof remedy, "use an index in [0, %" PRId64 ")", extent);
      wspVerifyError(v, op,
                     "'%s' op: index %" PRId64 " in dimension %ld is outside %s, '%s' (extent "
                     "%s); the kernel would %s memory outside it: %s%s",
                     opName, bad, (long)d, what, typeText, extentText,
                     store ? "write" : "read", remedy,
                     index.lo < index.hi ? " (bound the loop or the index expression)" : "");
      if (index.lo < index.hi && !mlirOperationIsNull(index.loop))
        wspVerifyNote(v, index.loop,
                      "the index depends on the induction variable of this loop, which runs "
                      "from %" PRId64 " to %" PRId64,
                      index.ivLo, index.ivHi);
    } else {
      wspVerifyWarning(v, op,
                       "'%s' op: cannot prove the index in dimension %ld inside %s, '%s' "
                       "(extent %s): it ranges over %s; an index outside the tile makes the "
                       "kernel %s memory outside it: bound it (clamp it with "
                       "arith.minsi/arith.maxsi, or guard the access with scf.if)",
                       opName, (long)d, what, typeText, extentText,
                       wspIntervalText(range, sizeof range, &index), store ? "write" : "read");
      wspIntervalNoteWhy(v, &index);
    }
    return; /* one diagnostic per access */
  }
}
