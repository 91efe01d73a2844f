/* Naming, escaping and small type facts every part of the emitter uses: op
   names and locations as text, C identifiers, string attributes, param modes,
   the runtime's DataType names and sizes, the C++ type of a scalar, kernels by
   symbol, and the stable id of a host symbol. Depends on nothing else in
   codegen/. */
#include <stdlib.h>
#include <string.h>

#include "EmitInternal.h"
#include "IRUtil.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "wsp-c/Diagnostics.h"

/*===--- small helpers ----------------------------------------------------===*/


const char *wspEmitOpName(MlirOperation op, char *buffer, size_t size) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  size_t n = name.length < size - 1 ? name.length : size - 1;
  memcpy(buffer, name.data, n);
  buffer[n] = '\0';
  return buffer;
}

char *wspEmitLocationString(MlirLocation loc) {
  MlirStringRef file;
  unsigned line, column;
  if (!wspLocationGetFileLineCol(loc, &file, &line, &column))
    return wspStrdup("<unknown>");
  WspStringBuffer b;
  wspStringBufferInit(&b);
  wspStringBufferAppendf(&b, "%.*s:%u:%u", (int)file.length, file.data, line, column);
  /* The text goes into C++ comments and JSON: a control byte or a backslash
     from a user's file name must not end a comment or escape a quote. */
  for (size_t i = 0; i < b.length; ++i)
    if ((unsigned char)b.data[i] < 0x20 || b.data[i] == 0x7f || b.data[i] == '\\' ||
        b.data[i] == '"')
      b.data[i] = '?';
  return wspStringBufferTake(&b);
}

char *wspEmitStringAttr(MlirOperation op, const char *name) {
  MlirAttribute a = wspAttr(op, name);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAString(a))
    return NULL;
  MlirStringRef v = mlirStringAttrGetValue(a);
  return v.length ? wspStrndup(v.data, v.length) : wspStrdup("");
}

char *wspEmitIdentifier(const char *name, size_t length) {
  WspStringBuffer b;
  wspStringBufferInit(&b);
  if (length == 0 || (name[0] >= '0' && name[0] <= '9'))
    wspStringBufferAppendStr(&b, "k_");
  for (size_t i = 0; i < length; ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    wspStringBufferAppend(&b, ok ? &c : "_", 1);
  }
  return wspStringBufferTake(&b);
}

WspParamMode wspEmitParamModeOf(MlirOperation op) {
  if (wspEmitOpIs(op, "taskring.input"))
    return WSP_MODE_IN;
  if (wspEmitOpIs(op, "taskring.output"))
    return WSP_MODE_OUT;
  if (wspEmitOpIs(op, "taskring.inout"))
    return WSP_MODE_INOUT;
  return WSP_MODE_SCALAR;
}

/* The runtime's DataType names (data_type.h at 41d5c94a) and sizes. */
static const struct {
  const char *dtype, *runtime;
  unsigned size;
} kDataTypes[] = {
    {"float32", "FLOAT32", 4}, {"float16", "FLOAT16", 2}, {"bfloat16", "BFLOAT16", 2},
    {"int32", "INT32", 4},     {"int16", "INT16", 2},     {"int8", "INT8", 1},
    {"uint8", "UINT8", 1},     {"int64", "INT64", 8},     {"uint64", "UINT64", 8},
};

const char *wspEmitRuntimeDataType(const char *dtype) {
  for (size_t i = 0; dtype && i < sizeof kDataTypes / sizeof kDataTypes[0]; ++i)
    if (strcmp(kDataTypes[i].dtype, dtype) == 0)
      return kDataTypes[i].runtime;
  return NULL;
}

unsigned wspEmitDataTypeSize(const char *dtype) {
  for (size_t i = 0; dtype && i < sizeof kDataTypes / sizeof kDataTypes[0]; ++i)
    if (strcmp(kDataTypes[i].dtype, dtype) == 0)
      return kDataTypes[i].size;
  return 0;
}

size_t wspEmitElementSize(MlirType t) {
  if (mlirTypeIsAF32(t))
    return 4;
  if (mlirTypeIsAF64(t) || mlirTypeIsAIndex(t))
    return 8;
  if (mlirTypeIsAF16(t) || mlirTypeIsABF16(t))
    return 2;
  if (mlirTypeIsAInteger(t)) {
    unsigned w = mlirIntegerTypeGetWidth(t);
    return w == 1 ? 1 : (w % 8 == 0 && w <= 64 ? w / 8 : 0);
  }
  return 0;
}

const char *wspCppScalarType(MlirType t) {
  if (mlirTypeIsAIndex(t))
    return "int64_t";
  if (mlirTypeIsAF32(t))
    return "float";
  if (mlirTypeIsAF64(t))
    return "double";
  if (!mlirTypeIsAInteger(t))
    return NULL;
  bool u = mlirIntegerTypeIsUnsigned(t);
  switch (mlirIntegerTypeGetWidth(t)) {
  case 1: return "bool";
  case 8: return u ? "uint8_t" : "int8_t";
  case 16: return u ? "uint16_t" : "int16_t";
  case 32: return u ? "uint32_t" : "int32_t";
  case 64: return u ? "uint64_t" : "int64_t";
  default: return NULL;
  }
}

const WspEmitKernel *wspEmitFindKernel(const WspEmitState *st, MlirAttribute ref) {
  if (mlirAttributeIsNull(ref) || !mlirAttributeIsAFlatSymbolRef(ref))
    return NULL;
  MlirStringRef name = mlirFlatSymbolRefAttrGetValue(ref);
  for (size_t i = 0; i < st->numKernels; ++i)
    if (wspStrIs(name, st->kernels[i].symName))
      return &st->kernels[i];
  return NULL;
}

/*===--- orchestration function and its arguments -------------------------===*/

unsigned long long wspSymbolId(const char *name, size_t length) {
  unsigned long long h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < length; ++i) {
    h ^= (unsigned char)name[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}
