/* Helpers shared by the wsp-verify rules: the verifier's tables, message
   texts, and small questions about ops, attributes and types. */
#include "WspVerifyCommon.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "Support/StringBuffer.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "wsp-c/Diagnostics.h"

static MlirStringRef str(const char *s) { return wspStr(s); }

void wspVerifierInit(WspVerifier *v, WspContext context, MlirOperation module) {
  memset(v, 0, sizeof(*v));
  v->context = context;
  v->mlirContext = wspContextGetMlirContext(context);
  v->module = module;
  v->symbols = mlirSymbolTableCreate(module);
  v->ok = true;
  wspPointerMapInit(&v->dispatched);
}

void wspVerifierDestroy(WspVerifier *v) {
  if (!mlirSymbolTableIsNull(v->symbols))
    mlirSymbolTableDestroy(v->symbols);
  wspPointerMapFree(&v->dispatched);
  free(v->windows);
  free(v->symbolUses);
  for (size_t i = 0; i < v->numStrings; ++i)
    free(v->strings[i]);
  free(v->strings);
}

/*===--- names ------------------------------------------------------------===*/

long wspVerifyBadTextByte(MlirStringRef text, const char **why) {
  const unsigned char *s = (const unsigned char *)text.data;
  for (size_t i = 0; i < text.length;) {
    unsigned char c = s[i];
    if (c < 0x20 || c == 0x7f) {
      *why = "a control byte";
      return (long)i;
    }
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    bool ok = n > 0 && i + n <= text.length && !(n == 2 && c < 0xc2) && !(n == 4 && c > 0xf4);
    for (size_t k = 1; ok && k < n; ++k)
      ok = (s[i + k] & 0xc0) == 0x80;
    if (ok && n == 3) { /* no overlong forms, no surrogates */
      unsigned cp = ((c & 0x0fu) << 12) | ((s[i + 1] & 0x3fu) << 6) | (s[i + 2] & 0x3fu);
      ok = cp >= 0x800 && !(cp >= 0xd800 && cp <= 0xdfff);
    }
    if (ok && n == 4) {
      unsigned cp = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3fu) << 12);
      ok = cp >= 0x10000 && cp <= 0x10ffff;
    }
    if (!ok) {
      *why = "invalid UTF-8";
      return (long)i;
    }
    i += n;
  }
  return -1;
}

bool wspVerifyIsReservedName(MlirStringRef name) {
  return (name.length >= 4 && strncmp(name.data, "wsp_", 4) == 0) ||
         (name.length >= 5 && strncmp(name.data, "__wsp", 5) == 0);
}

/*===--- diagnostics and message texts -------------------------------------===*/

static void emit(WspVerifier *v, MlirOperation op, bool isError, const char *format,
                 va_list args) {
  WspStringBuffer text;
  wspStringBufferInit(&text);
  wspStringBufferAppendv(&text, format, args);
  MlirLocation loc = mlirOperationGetLocation(op);
  if (isError)
    wspEmitError(v->context, loc, text.data);
  else
    wspEmitNote(v->context, loc, text.data);
  wspStringBufferFree(&text);
}

void wspVerifyWarning(WspVerifier *v, MlirOperation op, const char *format, ...) {
  va_list args;
  va_start(args, format);
  WspStringBuffer text;
  wspStringBufferInit(&text);
  wspStringBufferAppendv(&text, format, args);
  va_end(args);
  wspEmitWarning(v->context, mlirOperationGetLocation(op), text.data);
  wspStringBufferFree(&text);
}

void wspVerifyError(WspVerifier *v, MlirOperation op, const char *format, ...) {
  va_list args;
  va_start(args, format);
  emit(v, op, true, format, args);
  va_end(args);
  v->ok = false;
}

void wspVerifyNote(WspVerifier *v, MlirOperation op, const char *format, ...) {
  va_list args;
  va_start(args, format);
  emit(v, op, false, format, args);
  va_end(args);
}

static const char *keep(WspVerifier *v, WspStringBuffer *text) {
  if (v->numStrings == v->capStrings) {
    v->capStrings = v->capStrings ? 2 * v->capStrings : 8;
    v->strings = wspRealloc(v->strings, v->capStrings * sizeof(char *));
  }
  char *owned = wspStringBufferTake(text);
  v->strings[v->numStrings++] = owned;
  return owned;
}

const char *wspVerifyTypeText(WspVerifier *v, MlirType type) {
  WspStringBuffer text;
  wspStringBufferInit(&text);
  mlirTypePrint(type, wspStringBufferCallback, &text);
  return keep(v, &text);
}

const char *wspVerifyAttrText(WspVerifier *v, MlirAttribute attr) {
  WspStringBuffer text;
  wspStringBufferInit(&text);
  mlirAttributePrint(attr, wspStringBufferCallback, &text);
  return keep(v, &text);
}

const char *wspVerifyStringText(WspVerifier *v, MlirStringRef value) {
  WspStringBuffer text;
  wspStringBufferInit(&text);
  wspStringBufferAppend(&text, value.data, value.length);
  return keep(v, &text);
}

static const char *funcRole(MlirOperation func) {
  if (wspVerifyFuncHas(func, "wsp.workload"))
    return "a workload";
  if (wspVerifyFuncHas(func, "wsp.process"))
    return "a process";
  if (wspVerifyFuncHas(func, "wsp.kernel"))
    return "a kernel";
  return "a plain function";
}

const char *wspVerifyDescribeFunc(WspVerifier *v, MlirOperation func) {
  if (mlirOperationIsNull(func))
    return "the module body (outside any function)";
  WspStringBuffer text;
  wspStringBufferInit(&text);
  MlirStringRef name = wspVerifyFuncName(func);
  wspStringBufferAppendf(&text, "@%.*s (%s)", (int)name.length, name.data, funcRole(func));
  return keep(v, &text);
}

MlirOperation wspVerifyRememberFirst(WspVerifyFirst **table, size_t *count, size_t *capacity,
                                     const void *key, MlirOperation op) {
  for (size_t i = 0; i < *count; ++i)
    if ((*table)[i].key == key)
      return (*table)[i].op;
  if (*count == *capacity) {
    *capacity = *capacity ? 2 * *capacity : 8;
    *table = wspRealloc(*table, *capacity * sizeof(WspVerifyFirst));
  }
  (*table)[(*count)++] = (WspVerifyFirst){key, op};
  return (MlirOperation){NULL};
}

/*===--- ops and attributes -----------------------------------------------===*/

MlirAttribute wspVerifyOpAttr(MlirOperation op, const char *name) {
  return mlirOperationGetAttributeByName(op, str(name));
}

bool wspVerifyFuncHas(MlirOperation func, const char *name) {
  return !mlirAttributeIsNull(mlirOperationGetDiscardableAttributeByName(func, str(name)));
}

MlirStringRef wspVerifyFuncName(MlirOperation func) {
  MlirAttribute name = wspVerifyOpAttr(func, "sym_name");
  return mlirAttributeIsAString(name) ? mlirStringAttrGetValue(name) : str("");
}

MlirBlock wspVerifyFuncEntryBlock(MlirOperation func) {
  if (mlirOperationGetNumRegions(func) == 0)
    return (MlirBlock){NULL};
  return mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
}

bool wspVerifyFuncHasBody(MlirOperation func) { return !mlirBlockIsNull(wspVerifyFuncEntryBlock(func)); }

static MlirType funcType(MlirOperation func) {
  MlirAttribute type = wspVerifyOpAttr(func, "function_type");
  if (mlirAttributeIsNull(type) || !mlirAttributeIsAType(type))
    return (MlirType){NULL};
  MlirType value = mlirTypeAttrGetValue(type);
  return mlirTypeIsAFunction(value) ? value : (MlirType){NULL};
}

bool wspVerifyFuncInputs(MlirOperation func, intptr_t *count) {
  MlirType type = funcType(func);
  *count = mlirTypeIsNull(type) ? 0 : mlirFunctionTypeGetNumInputs(type);
  return !mlirTypeIsNull(type);
}

MlirType wspVerifyFuncInput(MlirOperation func, intptr_t index) {
  return mlirFunctionTypeGetInput(funcType(func), index);
}

MlirOperation wspVerifyEnclosingFunc(MlirOperation op) {
  for (MlirOperation p = mlirOperationGetParentOperation(op); !mlirOperationIsNull(p);
       p = mlirOperationGetParentOperation(p))
    if (wspVerifyOpIs(p, "func.func"))
      return p;
  return (MlirOperation){NULL};
}

bool wspVerifyStringAttrIs(MlirAttribute attr, const char *value) {
  return mlirAttributeIsAString(attr) &&
         mlirStringRefEqual(mlirStringAttrGetValue(attr), str(value));
}

bool wspVerifyIsI64Attr(MlirAttribute attr) {
  if (!mlirAttributeIsAInteger(attr))
    return false;
  MlirType type = mlirAttributeGetType(attr);
  return mlirTypeIsAInteger(type) && mlirIntegerTypeGetWidth(type) == 64 &&
         mlirIntegerTypeIsSignless(type);
}

MlirOperation wspVerifyDefiningOp(MlirValue value) {
  return mlirValueIsAOpResult(value) ? mlirOpResultGetOwner(value) : (MlirOperation){NULL};
}

/*===--- types ------------------------------------------------------------===*/

bool wspVerifyIsWordScalar(MlirType type) {
  if (mlirTypeIsAInteger(type))
    return mlirIntegerTypeGetWidth(type) <= 64;
  return mlirTypeIsAIndex(type) || mlirTypeIsABF16(type) || mlirTypeIsAF16(type) ||
         mlirTypeIsAF32(type) || mlirTypeIsAF64(type);
}

static const char kChannelPrefix[] = "!wsp.channel<";

/* The printed form of a wsp type, or an empty buffer for any other type (a
   cheap dialect test first: most types asked about are builtin). */
static void printWspType(MlirType type, WspStringBuffer *text) {
  wspStringBufferInit(text);
  MlirStringRef dialect = mlirDialectGetNamespace(mlirTypeGetDialect(type));
  if (mlirStringRefEqual(dialect, str("wsp")))
    mlirTypePrint(type, wspStringBufferCallback, text);
}

bool wspVerifyIsChannelType(MlirType type) {
  WspStringBuffer text;
  printWspType(type, &text);
  bool isChannel =
      text.data && strncmp(text.data, kChannelPrefix, sizeof(kChannelPrefix) - 1) == 0;
  wspStringBufferFree(&text);
  return isChannel;
}

MlirType wspVerifyChannelElementType(MlirContext context, MlirType type) {
  MlirType element = {NULL};
  WspStringBuffer text;
  printWspType(type, &text);
  size_t prefix = sizeof(kChannelPrefix) - 1;
  if (text.data && text.length > prefix + 1 &&
      strncmp(text.data, kChannelPrefix, prefix) == 0 && text.data[text.length - 1] == '>') {
    /* IRDL guarantees T is an integer type or index, which always parses. */
    MlirStringRef inner = {text.data + prefix, text.length - prefix - 1};
    element = mlirTypeParseGet(context, inner);
  }
  wspStringBufferFree(&text);
  return element;
}

bool wspVerifyMemRefsAgree(MlirType a, MlirType b) {
  if (!mlirTypeIsAMemRef(a) || !mlirTypeIsAMemRef(b))
    return false;
  if (!mlirTypeEqual(mlirShapedTypeGetElementType(a), mlirShapedTypeGetElementType(b)))
    return false;
  int64_t rank = mlirShapedTypeGetRank(a);
  if (rank != mlirShapedTypeGetRank(b))
    return false;
  for (intptr_t d = 0; d < rank; ++d) {
    if (mlirShapedTypeIsDynamicDim(a, d) || mlirShapedTypeIsDynamicDim(b, d))
      continue;
    if (mlirShapedTypeGetDimSize(a, d) != mlirShapedTypeGetDimSize(b, d))
      return false;
  }
  return true;
}

/*===--- access modes -----------------------------------------------------===*/

static const char *const kModeNames[] = {"", "in", "out", "inout", "scalar"};

const char *wspVerifyAccessModeName(WspAccessMode mode) { return kModeNames[mode]; }

static WspAccessMode modeFromString(MlirStringRef text) {
  for (int m = WSP_ACCESS_IN; m <= WSP_ACCESS_SCALAR; ++m)
    if (mlirStringRefEqual(text, str(kModeNames[m])))
      return (WspAccessMode)m;
  return WSP_ACCESS_INVALID;
}

WspAccessMode wspVerifyBoxMode(MlirOperation op) {
  if (wspVerifyOpIs(op, "wsp.in"))
    return WSP_ACCESS_IN;
  if (wspVerifyOpIs(op, "wsp.out"))
    return WSP_ACCESS_OUT;
  if (wspVerifyOpIs(op, "wsp.inout"))
    return WSP_ACCESS_INOUT;
  if (wspVerifyOpIs(op, "wsp.scalar"))
    return WSP_ACCESS_SCALAR;
  return WSP_ACCESS_INVALID;
}

WspAccessMode wspVerifyFuncAccess(MlirOperation func, intptr_t index) {
  MlirAttribute access = mlirOperationGetDiscardableAttributeByName(func, str("wsp.access"));
  if (mlirAttributeIsNull(access) || !mlirAttributeIsAArray(access) || index < 0 ||
      index >= mlirArrayAttrGetNumElements(access))
    return WSP_ACCESS_INVALID;
  MlirAttribute entry = mlirArrayAttrGetElement(access, index);
  return mlirAttributeIsAString(entry) ? modeFromString(mlirStringAttrGetValue(entry))
                                       : WSP_ACCESS_INVALID;
}
