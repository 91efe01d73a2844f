#include "IRUtil.h"

#include <stdlib.h>
#include <string.h>

#include "Support/StringBuffer.h"

MlirAttribute wspAttr(MlirOperation op, const char *name) {
  return mlirOperationGetAttributeByName(op, wspStr(name));
}

bool wspHasAttr(MlirOperation op, const char *name) {
  return !mlirAttributeIsNull(wspAttr(op, name));
}

const char *wspAttrStringOr(MlirOperation op, const char *name, const char *fallback,
                            size_t *length) {
  MlirAttribute a = wspAttr(op, name);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAString(a)) {
    if (length)
      *length = fallback ? strlen(fallback) : 0;
    return fallback;
  }
  MlirStringRef v = mlirStringAttrGetValue(a);
  if (length)
    *length = v.length;
  return v.data;
}

bool wspAttrInt(MlirOperation op, const char *name, int64_t *value) {
  MlirAttribute a = wspAttr(op, name);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAInteger(a))
    return false;
  *value = mlirIntegerAttrGetValueInt(a);
  return true;
}

MlirAttribute wspI64Attr(MlirContext ctx, int64_t value) {
  return mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), value);
}

MlirAttribute wspStringAttr(MlirContext ctx, const char *value) {
  return mlirStringAttrGet(ctx, wspStr(value));
}

MlirAttribute wspSymbolRefAttr(MlirContext ctx, const char *name) {
  return mlirFlatSymbolRefAttrGet(ctx, wspStr(name));
}

MlirNamedAttribute wspNamed(MlirContext ctx, const char *name, MlirAttribute value) {
  return mlirNamedAttributeGet(mlirIdentifierGet(ctx, wspStr(name)), value);
}

void wspSetAttr(MlirOperation op, const char *name, MlirAttribute value) {
  mlirOperationSetDiscardableAttributeByName(op, wspStr(name), value);
}

MlirOperation wspBuildOp(const char *name, MlirLocation loc, MlirBlock block,
                         MlirOperation before, intptr_t numOperands, const MlirValue *operands,
                         intptr_t numResults, const MlirType *results, intptr_t numAttrs,
                         const MlirNamedAttribute *attrs) {
  MlirOperationState state = mlirOperationStateGet(wspStr(name), loc);
  if (numOperands)
    mlirOperationStateAddOperands(&state, numOperands, operands);
  if (numResults)
    mlirOperationStateAddResults(&state, numResults, results);
  if (numAttrs)
    mlirOperationStateAddAttributes(&state, numAttrs, attrs);
  MlirOperation op = mlirOperationCreate(&state);
  if (mlirOperationIsNull(before))
    mlirBlockAppendOwnedOperation(block, op);
  else
    mlirBlockInsertOwnedOperationBefore(block, before, op);
  return op;
}

MlirBlock wspModuleBody(MlirOperation module) {
  return mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
}

MlirBlock wspFuncEntryBlock(MlirOperation func) {
  return mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
}

bool wspFuncIsDeclaration(MlirOperation func) {
  return mlirBlockIsNull(wspFuncEntryBlock(func));
}

MlirType wspFuncType(MlirOperation func) {
  return mlirTypeAttrGetValue(wspAttr(func, "function_type"));
}

MlirStringRef wspSymName(MlirOperation op) {
  MlirAttribute a = wspAttr(op, "sym_name");
  if (mlirAttributeIsNull(a))
    return wspStr("");
  return mlirStringAttrGetValue(a);
}

MlirOperation wspModuleFindOp(MlirOperation module, const char *name, const char *attr) {
  for (MlirOperation op = mlirBlockGetFirstOperation(wspModuleBody(module));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (wspOpIs(op, name) && (!attr || wspHasAttr(op, attr)))
      return op;
  MlirOperation none = {NULL};
  return none;
}

typedef struct WalkState {
  WspWalkFn fn;
  void *userData;
} WalkState;

static MlirWalkResult walkThunk(MlirOperation op, void *userData) {
  WalkState *s = userData;
  return s->fn(op, s->userData) ? MlirWalkResultAdvance : MlirWalkResultInterrupt;
}

void wspWalk(MlirOperation root, WspWalkFn fn, void *userData) {
  WalkState s = {fn, userData};
  mlirOperationWalk(root, walkThunk, &s, MlirWalkPreOrder);
}

char *wspTypeToString(MlirType type) {
  WspStringBuffer b;
  wspStringBufferInit(&b);
  mlirTypePrint(type, wspStringBufferCallback, &b);
  return wspStringBufferTake(&b);
}

char *wspAttrToString(MlirAttribute attr) {
  WspStringBuffer b;
  wspStringBufferInit(&b);
  mlirAttributePrint(attr, wspStringBufferCallback, &b);
  return wspStringBufferTake(&b);
}

const char *wspDtypeName(MlirType t) {
  if (mlirTypeIsAF32(t)) return "float32";
  if (mlirTypeIsAF16(t)) return "float16";
  if (mlirTypeIsABF16(t)) return "bfloat16";
  if (mlirTypeIsAF64(t)) return "float64";
  if (mlirTypeIsAInteger(t)) {
    unsigned w = mlirIntegerTypeGetWidth(t);
    bool u = mlirIntegerTypeIsUnsigned(t);
    switch (w) {
    case 8: return u ? "uint8" : "int8";
    case 16: return u ? "uint16" : "int16";
    case 32: return u ? "uint32" : "int32";
    case 64: return u ? "uint64" : "int64";
    default: return NULL;
    }
  }
  return NULL;
}
