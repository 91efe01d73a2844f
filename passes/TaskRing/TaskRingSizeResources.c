/* taskring-size-resources: sizes the runtime's heap ring and dependency pool.

   Intermediates (taskring.tensor_alloc) live on the heap ring until the scope
   that allocated them ends, so the heap must hold, at once, the allocations
   of the deepest chain of nested scopes: the function's own plus, at each
   loop level, the largest per-iteration total below it. With static shapes
   that sum is exact. When the runtime default (1 GiB at 41d5c94a) covers it,
   the default is kept (heap_bytes = 0); otherwise the next power of two is
   requested. An explicit `heap-bytes` below the requirement, or not a power
   of two >= 1024 (PTO2_RING_HEAP's rule), is an error. The dependency pool
   holds the producer lists of tasks in flight; one task records up to 16
   producers, so an explicit `dep-pool` below 16 can never work. */
#include <stdlib.h>
#include <string.h>

#include "IRUtil.h"
#include "PassRegistry.h"
#include "wsp-c/Diagnostics.h"

#define DEFAULT_HEAP (INT64_C(1) << 30)
#define MAX_PRODUCERS_PER_TASK 16

static int64_t dtypeBytes(const char *dtype) {
  if (strstr(dtype, "64")) return 8;
  if (strstr(dtype, "32")) return 4;
  if (strstr(dtype, "16")) return 2;
  return 1;
}

/* Bytes of one allocation; false when the count does not fit in int64 (no
   device has that much memory, and the sum must never wrap silently). */
static bool allocBytes(MlirOperation op, int64_t *bytes) {
  MlirAttribute shape = wspAttr(op, "shape");
  int64_t total = dtypeBytes(wspAttrStringOr(op, "dtype", "int8", NULL));
  for (intptr_t i = 0; i < mlirDenseArrayGetNumElements(shape); ++i) {
    int64_t extent = mlirDenseI64ArrayGetElement(shape, i);
    if (extent < 0 || (extent > 0 && total > INT64_MAX / extent))
      return false;
    total *= extent;
  }
  *bytes = total;
  return true;
}

static int64_t addSaturating(int64_t a, int64_t b) { return a > INT64_MAX - b ? INT64_MAX : a + b; }

/* Heap bytes live at once below `block` (see the header comment); INT64_MAX
   when they do not fit, after reporting the allocation that overflows. */
static int64_t heapNeed(WspPassRun *run, MlirBlock block, bool *ok) {
  int64_t own = 0, deepest = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(block); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    int64_t bytes = 0;
    if (wspOpIs(op, "taskring.tensor_alloc")) {
      if (!allocBytes(op, &bytes)) {
        wspEmitError(run->context, mlirOperationGetLocation(op),
                     "'taskring.tensor_alloc' op: its size in bytes does not fit in 64 bits; "
                     "no runtime heap can hold it — tile the computation so intermediates are "
                     "smaller");
        *ok = false;
        bytes = INT64_MAX;
      }
      own = addSaturating(own, bytes);
    }
    for (intptr_t r = 0; r < mlirOperationGetNumRegions(op); ++r)
      for (MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, r));
           !mlirBlockIsNull(b); b = mlirBlockGetNextInRegion(b)) {
        int64_t need = heapNeed(run, b, ok);
        deepest = need > deepest ? need : deepest;
      }
  }
  return addSaturating(own, deepest);
}

static bool isPowerOfTwo(int64_t v) { return v > 0 && (v & (v - 1)) == 0; }

static bool sizeHeap(WspPassRun *run, MlirOperation runtime, int64_t need) {
  int64_t explicitHeap = wspPassOptionGetInt(run, "heap-bytes");
  MlirContext ctx = mlirOperationGetContext(runtime);
  MlirLocation loc = mlirOperationGetLocation(runtime);
  if (explicitHeap) {
    if (explicitHeap < 1024 || !isPowerOfTwo(explicitHeap)) {
      wspEmitErrorf(run->context, loc,
                    "taskring-size-resources: heap-bytes=%lld is not a power of two >= 1024, "
                    "which PTO2_RING_HEAP requires on pto-runtime 41d5c94a",
                    (long long)explicitHeap);
      return false;
    }
    if (explicitHeap < need) {
      wspEmitErrorf(run->context, loc,
                    "taskring-size-resources: heap-bytes=%lld is too small: the program keeps "
                    "%lld bytes of intermediates live at once; use heap-bytes >= %lld or leave "
                    "it unset", (long long)explicitHeap, (long long)need, (long long)need);
      return false;
    }
    wspSetAttr(runtime, "heap_bytes", wspI64Attr(ctx, explicitHeap));
    return true;
  }
  int64_t heap = 0;
  if (need > (INT64_C(1) << 62)) {
    wspEmitErrorf(run->context, loc,
                  "taskring-size-resources: the program keeps %lld bytes of intermediates live "
                  "at once, more than any PTO2 heap ring can be sized to (a power of two that "
                  "fits in 64 bits); tile the computation so intermediates are smaller",
                  (long long)need);
    return false;
  }
  if (need > DEFAULT_HEAP)
    for (heap = DEFAULT_HEAP; heap < need; heap *= 2)
      ;
  wspSetAttr(runtime, "heap_bytes", wspI64Attr(ctx, heap));
  return true;
}

static bool sizeDepPool(WspPassRun *run, MlirOperation runtime) {
  int64_t pool = wspPassOptionGetInt(run, "dep-pool");
  if (pool && pool < MAX_PRODUCERS_PER_TASK) {
    wspEmitErrorf(run->context, mlirOperationGetLocation(runtime),
                  "taskring-size-resources: dep-pool=%lld is too small: one task records up to "
                  "%d producers in the dependency pool; use dep-pool >= %d or leave it unset",
                  (long long)pool, MAX_PRODUCERS_PER_TASK, MAX_PRODUCERS_PER_TASK);
    return false;
  }
  wspSetAttr(runtime, "dep_pool", wspI64Attr(mlirOperationGetContext(runtime), pool));
  return true;
}

static bool runSizeResources(WspPassRun *run) {
  MlirOperation runtime = wspModuleFindOp(run->op, "taskring.runtime", NULL);
  MlirOperation orch = wspModuleFindOp(run->op, "func.func", "taskring.orchestration");
  if (mlirOperationIsNull(runtime) || mlirOperationIsNull(orch)) {
    wspEmitError(run->context, mlirOperationGetLocation(run->op),
                 "taskring-size-resources: no taskring.runtime op or no function with "
                 "'taskring.orchestration'; run wsp-lower-to-taskring first");
    return false;
  }
  bool fits = true;
  int64_t need = heapNeed(run, wspFuncEntryBlock(orch), &fits);
  if (!fits)
    return false;
  /* Recorded for the manifest and for readers of the IR. */
  wspSetAttr(runtime, "heap_need", wspI64Attr(mlirOperationGetContext(runtime), need));
  bool ok = sizeHeap(run, runtime, need);
  return sizeDepPool(run, runtime) && ok;
}

static const WspPassOptionInfo kOptions[] = {
    {"heap-bytes", WSP_OPTION_INT, "0", "0..68719476736",
     "heap ring bytes (power of two >= 1024, at most 2^36 = 64 GiB); 0 derives it from the "
     "program"},
    {"dep-pool", WSP_OPTION_INT, "0", "0..1073741824",
     "dependency pool entries (>= 16); 0 keeps the runtime default"},
};

const WspPassInfo taskringSizeResourcesPassInfo = {
    .name = "taskring-size-resources",
    .summary = "Derive heap ring and dependency pool sizes; reject explicit sizes that are too small",
    .options = kOptions,
    .numOptions = 2,
    .run = runSizeResources,
    .pipeline = NULL,
};
