/* Reading taskring ops the way every target's orchestration printer needs:
   tensor shapes, view offsets as C++ expressions (checked against their
   base), and a submit checked against its kernel with its params named. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "EmitInternal.h"
#include "IRUtil.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "wsp-c/Diagnostics.h"

static MlirLocation loc(MlirOperation op) { return mlirOperationGetLocation(op); }

/* The sizes of a tensor value (rank <= WSP_EMIT_MAX_TENSOR_RANK), from the op
   that defines it; false when it is not a taskring tensor. */
/* The shape of a static memref type of rank 1 to WSP_EMIT_MAX_TENSOR_RANK. */
bool wspEmitMemrefSizes(MlirType t, int64_t *sizes, intptr_t *rank) {
  if (!mlirTypeIsAMemRef(t) || !mlirShapedTypeHasStaticShape(t))
    return false;
  *rank = (intptr_t)mlirShapedTypeGetRank(t);
  if (*rank < 1 || *rank > WSP_EMIT_MAX_TENSOR_RANK)
    return false;
  for (intptr_t d = 0; d < *rank; ++d)
    sizes[d] = mlirShapedTypeGetDimSize(t, d);
  return true;
}

bool wspEmitTensorSizes(WspEmitState *st, MlirValue v, int64_t *sizes, intptr_t *rank) {
  if (!mlirValueIsAOpResult(v))
    return false;
  MlirOperation def = mlirOpResultGetOwner(v);
  MlirAttribute a;
  if (wspEmitOpIs(def, "taskring.tensor_external")) {
    int64_t index;
    if (!wspAttrInt(def, "index", &index) || index < 0 || (size_t)index >= st->numArgs ||
        !st->args[index].isTensor)
      return false;
    return wspEmitMemrefSizes(st->args[index].type, sizes, rank);
  }
  if (wspEmitOpIs(def, "taskring.tensor_param"))
    return wspEmitMemrefSizes(mlirValueGetType(mlirOperationGetOperand(def, 0)), sizes, rank);
  if (wspEmitOpIs(def, "taskring.tensor_alloc"))
    a = wspAttr(def, "shape");
  else if (wspEmitOpIs(def, "taskring.view"))
    a = wspAttr(def, "sizes");
  else
    return false;
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseI64Array(a))
    return false;
  *rank = mlirDenseArrayGetNumElements(a);
  if (*rank < 1 || *rank > WSP_EMIT_MAX_TENSOR_RANK)
    return false;
  for (intptr_t d = 0; d < *rank; ++d)
    sizes[d] = mlirDenseI64ArrayGetElement(a, d);
  return true;
}

void wspEmitAppendI64List(WspStringBuffer *b, const int64_t *values, intptr_t n) {
  for (intptr_t i = 0; i < n; ++i)
    wspStringBufferAppendf(b, "%s%lld", i ? ", " : "", (long long)values[i]);
}

bool wspEmitViewError(WspCppWriter *w, MlirOperation op, const char *why) {
  wspEmitErrorf(w->st->context, loc(op), "'taskring.view' %s", why);
  return false;
}

/* The offsets of a view as C++ expressions, checked against its base. */
bool wspEmitViewOffsets(WspCppWriter *w, MlirOperation op, const int64_t *baseSizes,
                        intptr_t rank, WspStringBuffer *offsets) {
  MlirAttribute statics = wspAttr(op, "static_offsets");
  MlirAttribute sizes = wspAttr(op, "sizes");
  if (mlirAttributeIsNull(statics) || !mlirAttributeIsADenseI64Array(statics) ||
      mlirDenseArrayGetNumElements(statics) != rank)
    return wspEmitViewError(w, op, "needs one static_offsets entry per dimension of its base");
  intptr_t nextOperand = 1;
  for (intptr_t d = 0; d < rank; ++d) {
    int64_t off = mlirDenseI64ArrayGetElement(statics, d);
    int64_t size = mlirDenseI64ArrayGetElement(sizes, d);
    if (size <= 0 || size > baseSizes[d])
      return wspEmitViewError(w, op, "sizes must be positive and fit in the base tensor");
    if (off == INT64_MIN) {
      if (nextOperand >= mlirOperationGetNumOperands(op))
        return wspEmitViewError(w, op, "has fewer offset operands than dynamic offsets");
      const char *v = wspCppUse(w, mlirOperationGetOperand(op, nextOperand++), op);
      if (!v)
        return false;
      wspStringBufferAppendf(offsets, "%s(uint64_t)%s", d ? ", " : "", v);
    } else if (off < 0 || off > baseSizes[d] - size) { /* no overflow: size <= base */
      return wspEmitViewError(w, op, "is out of bounds of its base tensor");
    } else {
      wspStringBufferAppendf(offsets, "%s%lld", d ? ", " : "", (long long)off);
    }
  }
  if (nextOperand != mlirOperationGetNumOperands(op))
    return wspEmitViewError(w, op, "has more offset operands than dynamic offsets");
  return true;
}

bool wspEmitSubmitError(WspCppWriter *w, MlirOperation op, const char *kernel,
                        const char *format, ...) {
  WspStringBuffer message;
  wspStringBufferInit(&message);
  va_list args;
  va_start(args, format);
  wspStringBufferAppendv(&message, format, args);
  va_end(args);
  wspEmitErrorf(w->st->context, loc(op), "'taskring.submit' of kernel '%s': %s", kernel,
                message.data);
  wspStringBufferFree(&message);
  return false;
}

/* Whether a param of mode `given` may feed a kernel parameter declared
   `declared`: the lowering may widen in/out to inout to order hazards. */
static const char *const kModeNames[] = {"scalar", "in", "out", "inout"};

static bool modeFits(WspParamMode declared, WspParamMode given) {
  return given == declared || (declared != WSP_MODE_SCALAR && given == WSP_MODE_INOUT);
}

/* Checks a submit against its kernel; fills the kernel. */
bool wspEmitCheckSubmit(WspCppWriter *w, MlirOperation op, const WspEmitKernel **out) {
  const WspEmitKernel *k = wspEmitFindKernel(w->st, wspAttr(op, "kernel"));
  if (!k) {
    wspEmitErrorf(w->st->context, loc(op), "'taskring.submit' names no 'taskring.kernel'");
    return false;
  }
  int64_t funcId = -1;
  char *worker = wspEmitStringAttr(op, "worker");
  bool same = wspAttrInt(op, "func_id", &funcId) && funcId == k->funcId && worker &&
              strcmp(worker, k->cube ? "aic" : "aiv") == 0;
  free(worker);
  if (!same)
    return wspEmitSubmitError(w, op, k->symName, "func_id and worker must repeat the kernel's (%lld, %s)",
                       (long long)k->funcId, k->cube ? "aic" : "aiv");
  /* wsp-lower-to-taskring{serialize=true} appends one inout token the
     kernel never reads (docs/passes.md). */
  size_t extra = wspHasAttr(op, "wsp.serialized") ? 1 : 0;
  size_t n = wspEmitSubmitNumParams(op); /* a dispatch predicate is no kernel param */
  if (n != k->numModes + extra)
    return wspEmitSubmitError(w, op, k->symName, "%zu params for a kernel with %zu parameters", n,
                       k->numModes + extra);
  if (n > WSP_EMIT_MAX_TASK_PARAMS)
    return wspEmitSubmitError(w, op, k->symName, "%zu params: the runtime takes at most %d per task", n,
                       WSP_EMIT_MAX_TASK_PARAMS);
  for (size_t i = 0; i < n; ++i) {
    MlirValue p = mlirOperationGetOperand(op, (intptr_t)i);
    MlirOperation def = mlirValueIsAOpResult(p) ? mlirOpResultGetOwner(p) : (MlirOperation){0};
    bool isParam = def.ptr && (wspEmitOpIs(def, "taskring.scalar") ||
                               wspEmitParamModeOf(def) != WSP_MODE_SCALAR);
    WspParamMode declared = i < k->numModes ? k->modes[i] : WSP_MODE_INOUT;
    if (!isParam || !modeFits(declared, wspEmitParamModeOf(def)))
      return wspEmitSubmitError(w, op, k->symName, "param %zu does not match the kernel's mode \"%s\"",
                         i, kModeNames[declared]);
  }
  *out = k;
  return true;
}

/* Generated kernels index their tensors with the view's rank. */
static bool checkParamRank(WspCppWriter *w, MlirOperation op, const WspEmitKernel *k, size_t i,
                           intptr_t rank) {
  /* A variant's guard inputs and slot scalars are read by its entry, not
     by the body (docs/slots.md). */
  if (mlirOperationIsNull(k->body) || i >= wspEmitBodyParams(k) || wspEmitIsSlotScalar(k, i))
    return true;
  MlirValue param = mlirBlockGetArgument(wspFuncEntryBlock(k->body), (intptr_t)i);
  if (mlirShapedTypeGetRank(mlirValueGetType(param)) == rank)
    return true;
  return wspEmitSubmitError(w, op, k->symName,
                     "param %zu is a rank-%zd view but the kernel parameter has rank %lld "
                     "(rank-reducing views are not supported by the emitter)",
                     i, rank, (long long)mlirShapedTypeGetRank(mlirValueGetType(param)));
}


bool wspEmitCollectParams(WspCppWriter *w, MlirOperation op, const WspEmitKernel *k,
                          WspEmitParamInfo *params, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    MlirOperation def = mlirOpResultGetOwner(mlirOperationGetOperand(op, (intptr_t)i));
    WspEmitParamInfo *p = &params[i];
    p->mode = wspEmitParamModeOf(def);
    p->value = mlirOperationGetOperand(def, 0);
    if (!(p->name = wspCppUse(w, p->value, def)))
      return false;
    int64_t sizes[WSP_EMIT_MAX_TENSOR_RANK];
    if (p->mode != WSP_MODE_SCALAR &&
        (!wspEmitTensorSizes(w->st, p->value, sizes, &p->rank) || !checkParamRank(w, op, k, i, p->rank)))
      return false;
  }
  return true;
}

