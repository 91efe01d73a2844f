/* wsp-verify, rule W2: tensors the runtime can hold. Every tensor that
   becomes a runtime tensor (a workload parameter, a process's tensor
   parameter, a memref.alloc in a workload or a process) has rank 1 to 5, a
   static shape with every extent at least 1, an element type the emitter
   and the runtime support, and a byte size below 2^63. Later stages reject
   anything else, but only at the function line and without the value's
   name (docs/verify.md; the whole matrix of element types and shapes is
   test/Dialect/Wsp/verify-tensor-matrix.mlir). */
#include <inttypes.h>

#include "WspVerifyCommon.h"
#include "WspVerifyRules.h"
#include "mlir-c/BuiltinTypes.h"

enum { kMaxTensorRank = 5 }; /* RUNTIME_MAX_TENSOR_DIMS at pto-runtime 41d5c94a */

#define WSP_TENSOR_ELEMENTS "f32, i8, i16, i32, i64 or ui8, ui64"

/* Element types with a runtime DataType and a C++ type in the emitter
   (codegen/EmitModule.c kDataTypes and wspCppScalarType): FLOAT32, INT8,
   INT16, INT32, INT64, UINT8, UINT64. The runtime's FLOAT16/BFLOAT16 have
   no C++ type in the emitter yet. */
static unsigned elementBytes(MlirType t) {
  if (mlirTypeIsAF32(t))
    return 4;
  if (!mlirTypeIsAInteger(t))
    return 0;
  unsigned w = mlirIntegerTypeGetWidth(t);
  if (mlirIntegerTypeIsUnsigned(t))
    return w == 8 || w == 64 ? w / 8 : 0;
  return w == 8 || w == 16 || w == 32 || w == 64 ? w / 8 : 0;
}

bool wspVerifyRuntimeTensor(WspVerifier *v, MlirOperation at, MlirType type, const char *what) {
  if (!mlirTypeIsAMemRef(type))
    return true;
  const char *text = wspVerifyTypeText(v, type);
  int64_t rank = mlirShapedTypeGetRank(type);
  if (rank < 1 || rank > kMaxTensorRank) {
    wspVerifyError(v, at,
                   "%s has type '%s' of rank %" PRId64 "; the runtime's tensors have rank 1 to "
                   "%d (RUNTIME_MAX_TENSOR_DIMS): %s",
                   what, text, rank, kMaxTensorRank,
                   rank < 1 ? "give it one dimension (memref<1x...> for a single value)"
                            : "collapse contiguous dimensions");
    return false;
  }
  for (intptr_t d = 0; d < rank; ++d) {
    int64_t extent = mlirShapedTypeGetDimSize(type, d);
    if (mlirShapedTypeIsDynamicSize(extent)) {
      wspVerifyError(v, at,
                     "%s has type '%s' with a dynamic dimension %ld; artifact tensors need "
                     "static shapes (the runtime allocates them before the program runs): give "
                     "dimension %ld a size",
                     what, text, (long)d, (long)d);
      return false;
    }
    if (extent < 1) {
      wspVerifyError(v, at,
                     "%s has type '%s' with dimension %ld of extent %" PRId64 "; an empty "
                     "tensor has no buffer on the runtime (its shapes are extents >= 1): drop "
                     "it, or give every dimension at least one element",
                     what, text, (long)d, extent);
      return false;
    }
  }
  MlirType element = mlirShapedTypeGetElementType(type);
  unsigned bytes = elementBytes(element);
  if (bytes == 0) {
    wspVerifyError(v, at,
                   "%s has element type '%s', which the emitter and the runtime do not support "
                   "for tensors (supported: " WSP_TENSOR_ELEMENTS "): store the data as one of "
                   "these (e.g. f16/bf16/f64 as f32, i1/index as i32 or i64)",
                   what, wspVerifyTypeText(v, element));
    return false;
  }
  int64_t total = bytes;
  for (intptr_t d = 0; d < rank; ++d)
    if (__builtin_mul_overflow(total, mlirShapedTypeGetDimSize(type, d), &total)) {
      wspVerifyError(v, at,
                     "%s has type '%s', whose byte size is 2^63 or more (the runtime's sizes "
                     "are int64): shrink it",
                     what, text);
      return false;
    }
  return true;
}

/* memref.alloc / alloca in a workload or a process: an intermediate tensor. */
void wspVerifyAlloc(WspVerifier *v, MlirOperation op) {
  MlirOperation func = wspVerifyEnclosingFunc(op);
  if (mlirOperationIsNull(func) ||
      !(wspVerifyFuncHas(func, "wsp.workload") || wspVerifyFuncHas(func, "wsp.process")) ||
      mlirOperationGetNumResults(op) != 1)
    return;
  wspVerifyRuntimeTensor(v, op, mlirValueGetType(mlirOperationGetResult(op, 0)),
                         "the intermediate tensor");
}
