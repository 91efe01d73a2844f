/* The C++ statement writer shared by the orchestration and kernel printers:
   one local per SSA value (v<N>, numbered in walk order so output is
   deterministic), arith/math ops as C++ expressions, scf.for/scf.if as C++
   loops and conditionals. Ops it does not know go to the caller's hook
   (taskring ops, memref accesses); anything else is a located error naming
   the op and the runtime. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "EmitInternal.h"
#include "IRUtil.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "wsp-c/Diagnostics.h"

const char wspCppPrelude[] =
    "// Helpers emitted by wsp: exact bit casts for u64 argument slots, and the\n"
    "// rounding/NaN semantics of MLIR's arith ops that C++ operators lack.\n"
    "static inline uint64_t wsp_bits_f32(float v) { uint32_t b; std::memcpy(&b, &v, 4); "
    "return b; }\n"
    "static inline uint64_t wsp_bits_f64(double v) { uint64_t b; std::memcpy(&b, &v, 8); "
    "return b; }\n"
    "static inline float wsp_f32_of_bits(uint64_t bits) { uint32_t b = (uint32_t)bits; float v; "
    "std::memcpy(&v, &b, 4); return v; }\n"
    "static inline double wsp_f64_of_bits(uint64_t bits) { double v; std::memcpy(&v, &bits, 8); "
    "return v; }\n"
    "template <typename T> static inline T wsp_max(T a, T b) { return a > b ? a : b; }\n"
    "template <typename T> static inline T wsp_min(T a, T b) { return a < b ? a : b; }\n"
    "template <typename T> static inline T wsp_floordiv(T a, T b) {\n"
    "  T q = a / b;\n"
    "  return (q * b != a && ((a < 0) != (b < 0))) ? q - 1 : q;\n"
    "}\n"
    "template <typename T> static inline T wsp_ceildiv(T a, T b) {\n"
    "  T q = a / b;\n"
    "  return (q * b != a && ((a < 0) == (b < 0))) ? q + 1 : q;\n"
    "}\n"
    "template <typename T> static inline T wsp_ceildivu(T a, T b) { return a / b + (a % b != 0); "
    "}\n"
    "template <typename T> static inline T wsp_maximumf(T a, T b) {\n"
    "  return (a != a || b != b) ? a + b : (a > b ? a : b);  // NaN propagates\n"
    "}\n"
    "template <typename T> static inline T wsp_minimumf(T a, T b) {\n"
    "  return (a != a || b != b) ? a + b : (a < b ? a : b);  // NaN propagates\n"
    "}\n";

const char wspCppGuardPrelude[] =
    "// Guards evaluate data no one validated, on device: their arithmetic is total.\n"
    "// Integer division and remainder by zero yield 0, MIN / -1 wraps, shifts by the\n"
    "// bit width or more yield 0 (an arithmetic right shift: the sign), and float to\n"
    "// integer casts saturate (NaN gives 0). MLIR leaves all of these undefined.\n"
    "template <typename T> static inline T wsp_neg0(T a) { return (T)((uint64_t)0 - (uint64_t)a); }\n"
    "template <typename T> static inline T wsp_divs0(T a, T b) {\n"
    "  return b == 0 ? (T)0 : b == (T)-1 ? wsp_neg0(a) : (T)(a / b);\n"
    "}\n"
    "template <typename T> static inline T wsp_rems0(T a, T b) {\n"
    "  return (b == 0 || b == (T)-1) ? (T)0 : (T)(a % b);\n"
    "}\n"
    "template <typename T> static inline T wsp_divu0(T a, T b) { return b == 0 ? (T)0 : (T)(a / b); }\n"
    "template <typename T> static inline T wsp_remu0(T a, T b) { return b == 0 ? (T)0 : (T)(a % b); }\n"
    "template <typename T> static inline T wsp_floordiv0(T a, T b) {\n"
    "  return b == 0 ? (T)0 : b == (T)-1 ? wsp_neg0(a) : wsp_floordiv(a, b);\n"
    "}\n"
    "template <typename T> static inline T wsp_ceildiv0(T a, T b) {\n"
    "  return b == 0 ? (T)0 : b == (T)-1 ? wsp_neg0(a) : wsp_ceildiv(a, b);\n"
    "}\n"
    "template <typename T> static inline T wsp_ceildivu0(T a, T b) {\n"
    "  return b == 0 ? (T)0 : wsp_ceildivu(a, b);\n"
    "}\n"
    "template <typename T> static inline T wsp_shl0(T a, T b) {  // T unsigned\n"
    "  return (uint64_t)b >= sizeof(T) * 8 ? (T)0 : (T)(a << b);\n"
    "}\n"
    "template <typename T> static inline T wsp_shru0(T a, T b) {  // T unsigned\n"
    "  return (uint64_t)b >= sizeof(T) * 8 ? (T)0 : (T)(a >> b);\n"
    "}\n"
    "template <typename T, typename U> static inline T wsp_shrs0(T a, U b) {  // U: T's unsigned type\n"
    "  return (uint64_t)b >= sizeof(T) * 8 ? (a < 0 ? (T)-1 : (T)0) : (T)(a >> b);\n"
    "}\n"
    "template <typename T, typename F> static inline T wsp_fptoi(F x) {\n"
    "  if (x != x) return 0;\n"
    "  if (x <= (F)std::numeric_limits<T>::min()) return std::numeric_limits<T>::min();\n"
    "  if (x >= (F)std::numeric_limits<T>::max()) return std::numeric_limits<T>::max();\n"
    "  return (T)x;\n"
    "}\n";

/*===--- names ------------------------------------------------------------===*/

void wspCppWriterInit(WspCppWriter *w, WspEmitState *st, WspStringBuffer *out,
                      const char *where, WspCppOpHook hook, void *hookData) {
  memset(w, 0, sizeof *w);
  w->st = st;
  w->out = out;
  w->indent = 1;
  w->where = where;
  w->hook = hook;
  w->hookData = hookData;
  wspPointerMapInit(&w->names);
}

void wspCppWriterFree(WspCppWriter *w) {
  for (size_t i = 0; i < w->numOwned; ++i)
    free(w->owned[i]);
  free(w->owned);
  free(w->lastLoc);
  wspPointerMapFree(&w->names);
}

const char *wspCppDefineAs(WspCppWriter *w, MlirValue value, const char *name) {
  if (w->numOwned == w->capacityOwned) {
    w->capacityOwned = w->capacityOwned ? w->capacityOwned * 2 : 64;
    w->owned = wspRealloc(w->owned, w->capacityOwned * sizeof(char *));
  }
  char *copy = wspStrdup(name);
  w->owned[w->numOwned++] = copy;
  wspPointerMapSet(&w->names, value.ptr, copy);
  return copy;
}

const char *wspCppDefine(WspCppWriter *w, MlirValue value) {
  char name[32];
  snprintf(name, sizeof name, "v%zu", w->nextValue++);
  return wspCppDefineAs(w, value, name);
}

const char *wspCppUse(WspCppWriter *w, MlirValue value, MlirOperation user) {
  void *name = NULL;
  if (wspPointerMapGet(&w->names, value.ptr, &name))
    return name;
  wspEmitErrorf(w->st->context, mlirOperationGetLocation(user),
                "the emitter cannot use this operand in the %s: its value is not available "
                "as a C++ local here",
                w->where);
  return NULL;
}

const char *wspCppUnusedPrefix(MlirValue value) {
  return mlirOpOperandIsNull(mlirValueGetFirstUse(value)) ? "[[maybe_unused]] " : "";
}

/*===--- output -----------------------------------------------------------===*/

void wspCppLine(WspCppWriter *w, const char *format, ...) {
  for (int i = 0; i < w->indent; ++i)
    wspStringBufferAppendStr(w->out, "  ");
  va_list args;
  va_start(args, format);
  wspStringBufferAppendv(w->out, format, args);
  va_end(args);
  wspStringBufferAppendStr(w->out, "\n");
}

void wspCppLocation(WspCppWriter *w, MlirOperation op) {
  MlirLocation location = mlirOperationGetLocation(op);
  /* Locations are uniqued: the same one prints the same text, unformatted. */
  if (w->lastLoc && mlirLocationEqual(location, w->lastLocation))
    return;
  char *loc = wspEmitLocationString(location);
  w->lastLocation = location;
  if (w->lastLoc && strcmp(w->lastLoc, loc) == 0) {
    free(loc);
    return;
  }
  wspCppLine(w, "// wsp: %s", loc);
  free(w->lastLoc);
  w->lastLoc = loc;
}

/*===--- types and constants ----------------------------------------------===*/

/* The unsigned type of the same width (for MLIR's unsigned ops). */
static const char *unsignedType(MlirType t) {
  if (mlirTypeIsAIndex(t))
    return "uint64_t";
  if (!mlirTypeIsAInteger(t))
    return NULL;
  switch (mlirIntegerTypeGetWidth(t)) {
  case 1: return "bool";
  case 8: return "uint8_t";
  case 16: return "uint16_t";
  case 32: return "uint32_t";
  case 64: return "uint64_t";
  default: return NULL;
  }
}

static bool isBool(MlirType t) { return mlirTypeIsAInteger(t) && mlirIntegerTypeGetWidth(t) == 1; }

/* A float literal that reads back to exactly the same value. */
static void appendFloat(WspStringBuffer *b, double v, bool f32) {
  if (isnan(v)) {
    wspStringBufferAppendStr(b, f32 ? "__builtin_nanf(\"\")" : "__builtin_nan(\"\")");
    return;
  }
  if (isinf(v)) {
    wspStringBufferAppendStr(b, v < 0 ? "-" : "");
    wspStringBufferAppendStr(b, f32 ? "__builtin_inff()" : "__builtin_inf()");
    return;
  }
  char text[64];
  snprintf(text, sizeof text, f32 ? "%.9g" : "%.17g", v);
  wspStringBufferAppendStr(b, text);
  if (!strpbrk(text, ".e"))
    wspStringBufferAppendStr(b, ".0");
  if (f32)
    wspStringBufferAppendStr(b, "f");
}

static void appendInt(WspStringBuffer *b, int64_t v) {
  if (v == INT64_MIN)
    wspStringBufferAppendStr(b, "(-9223372036854775807LL - 1)");
  else if (v > 2147483647LL || v < -2147483647LL)
    wspStringBufferAppendf(b, "%lldLL", (long long)v);
  else
    wspStringBufferAppendf(b, "%lld", (long long)v);
}

static char *constantExpr(MlirAttribute value, MlirType type) {
  WspStringBuffer b;
  wspStringBufferInit(&b);
  if (mlirAttributeIsAFloat(value) && (mlirTypeIsAF32(type) || mlirTypeIsAF64(type))) {
    appendFloat(&b, mlirFloatAttrGetValueDouble(value), mlirTypeIsAF32(type));
  } else if (mlirAttributeIsAInteger(value) && isBool(type)) {
    wspStringBufferAppendStr(&b, mlirIntegerAttrGetValueInt(value) & 1 ? "true" : "false");
  } else if (mlirAttributeIsAInteger(value)) {
    appendInt(&b, mlirIntegerAttrGetValueInt(value));
  } else if (mlirAttributeIsABool(value)) {
    wspStringBufferAppendStr(&b, mlirBoolAttrGetValue(value) ? "true" : "false");
  } else {
    wspStringBufferFree(&b);
    return NULL;
  }
  return wspStringBufferTake(&b);
}

char *wspCppBitsOf(WspCppWriter *w, MlirValue value, MlirOperation user) {
  const char *name = wspCppUse(w, value, user);
  if (!name)
    return NULL;
  MlirType t = mlirValueGetType(value);
  WspStringBuffer b;
  wspStringBufferInit(&b);
  if (mlirTypeIsAF32(t))
    wspStringBufferAppendf(&b, "wsp_bits_f32(%s)", name);
  else if (mlirTypeIsAF64(t))
    wspStringBufferAppendf(&b, "wsp_bits_f64(%s)", name);
  else if (wspCppScalarType(t))
    wspStringBufferAppendf(&b, "(uint64_t)%s", name);
  else {
    wspStringBufferFree(&b);
    wspEmitErrorf(w->st->context, mlirOperationGetLocation(user),
                  "a scalar of this type cannot travel in a u64 argument slot (use an integer, "
                  "index, f32 or f64)");
    return NULL;
  }
  return wspStringBufferTake(&b);
}

char *wspCppFromBits(MlirType t, const char *bits) {
  WspStringBuffer b;
  wspStringBufferInit(&b);
  if (mlirTypeIsAF32(t))
    wspStringBufferAppendf(&b, "wsp_f32_of_bits(%s)", bits);
  else if (mlirTypeIsAF64(t))
    wspStringBufferAppendf(&b, "wsp_f64_of_bits(%s)", bits);
  else if (isBool(t))
    wspStringBufferAppendf(&b, "((%s) & 1) != 0", bits);
  else if (wspCppScalarType(t))
    wspStringBufferAppendf(&b, "(%s)(%s)", wspCppScalarType(t), bits);
  else {
    wspStringBufferFree(&b);
    return NULL;
  }
  return wspStringBufferTake(&b);
}

/*===--- errors -----------------------------------------------------------===*/

static bool unsupported(WspCppWriter *w, MlirOperation op, const char *why) {
  char name[128];
  wspEmitErrorf(w->st->context, mlirOperationGetLocation(op),
                "op '%s' is not supported in the %s for runtime %s%s%s",
                wspEmitOpName(op, name, sizeof name), w->where, w->st->flavorName,
                why ? ": " : "", why ? why : "");
  return false;
}

/* The C++ type of result `i`, or NULL after an error. */
static const char *resultType(WspCppWriter *w, MlirOperation op, intptr_t i) {
  MlirType t = mlirValueGetType(mlirOperationGetResult(op, i));
  const char *c = wspCppScalarType(t);
  if (!c) {
    char *s = wspTypeToString(t);
    char why[256];
    snprintf(why, sizeof why, "values of type %s have no C++ form here", s);
    free(s);
    unsupported(w, op, why);
  }
  return c;
}

/* Defines result 0 as `const T vN = <expr>;`. */
static bool defineResult(WspCppWriter *w, MlirOperation op, const char *expr) {
  const char *type = resultType(w, op, 0);
  if (!type)
    return false;
  MlirValue result = mlirOperationGetResult(op, 0);
  const char *name = wspCppDefine(w, result);
  wspCppLine(w, "%sconst %s %s = %s;", wspCppUnusedPrefix(result), type, name, expr);
  return true;
}

/*===--- arith and math ---------------------------------------------------===*/

typedef enum ExprKind {
  INFIX,   /* a OP b */
  WRAP,    /* a OP b on narrow types; wrapping (T)((U)a OP (U)b) from 32 bits up */
  UINFIX,  /* (T)((U)a OP (U)b) */
  CALL2,   /* f(a, b) */
  UCALL2,  /* (T)f((U)a, (U)b) */
  CALL1,   /* f(a) */
  PREFIX1, /* OPa */
  SHIFT_SIGNED, /* f(a, (U)b) */
} ExprKind;

typedef struct ExprOp {
  const char *name;
  ExprKind kind;
  const char *text;
} ExprOp;

static const ExprOp kExprOps[] = {
    {"arith.addi", WRAP, "+"},            {"arith.subi", WRAP, "-"},
    {"arith.muli", WRAP, "*"},            {"arith.divsi", INFIX, "/"},
    {"arith.remsi", INFIX, "%"},          {"arith.andi", INFIX, "&"},
    {"arith.ori", INFIX, "|"},            {"arith.xori", INFIX, "^"},
    {"arith.shli", WRAP, "<<"},           {"arith.shrsi", INFIX, ">>"},
    {"arith.divui", UINFIX, "/"},         {"arith.remui", UINFIX, "%"},
    {"arith.shrui", UINFIX, ">>"},        {"arith.maxsi", CALL2, "wsp_max"},
    {"arith.minsi", CALL2, "wsp_min"},    {"arith.maxui", UCALL2, "wsp_max"},
    {"arith.minui", UCALL2, "wsp_min"},   {"arith.ceildivsi", CALL2, "wsp_ceildiv"},
    {"arith.floordivsi", CALL2, "wsp_floordiv"}, {"arith.ceildivui", UCALL2, "wsp_ceildivu"},
    {"arith.addf", INFIX, "+"},           {"arith.subf", INFIX, "-"},
    {"arith.mulf", INFIX, "*"},           {"arith.divf", INFIX, "/"},
    {"arith.remf", CALL2, "std::fmod"},   {"arith.maximumf", CALL2, "wsp_maximumf"},
    {"arith.minimumf", CALL2, "wsp_minimumf"}, {"arith.maxnumf", CALL2, "std::fmax"},
    {"arith.minnumf", CALL2, "std::fmin"}, {"arith.negf", PREFIX1, "-"},
    {"math.powf", CALL2, "std::pow"},     {"math.atan2", CALL2, "std::atan2"},
    {"math.copysign", CALL2, "std::copysign"}, {"math.exp", CALL1, "std::exp"},
    {"math.exp2", CALL1, "std::exp2"},    {"math.expm1", CALL1, "std::expm1"},
    {"math.log", CALL1, "std::log"},      {"math.log2", CALL1, "std::log2"},
    {"math.log10", CALL1, "std::log10"},  {"math.log1p", CALL1, "std::log1p"},
    {"math.sqrt", CALL1, "std::sqrt"},    {"math.cbrt", CALL1, "std::cbrt"},
    {"math.sin", CALL1, "std::sin"},      {"math.cos", CALL1, "std::cos"},
    {"math.tan", CALL1, "std::tan"},      {"math.asin", CALL1, "std::asin"},
    {"math.acos", CALL1, "std::acos"},    {"math.atan", CALL1, "std::atan"},
    {"math.sinh", CALL1, "std::sinh"},    {"math.cosh", CALL1, "std::cosh"},
    {"math.tanh", CALL1, "std::tanh"},    {"math.asinh", CALL1, "std::asinh"},
    {"math.acosh", CALL1, "std::acosh"},  {"math.atanh", CALL1, "std::atanh"},
    {"math.erf", CALL1, "std::erf"},      {"math.erfc", CALL1, "std::erfc"},
    {"math.floor", CALL1, "std::floor"},  {"math.ceil", CALL1, "std::ceil"},
    {"math.round", CALL1, "std::round"},  {"math.roundeven", CALL1, "std::nearbyint"},
    {"math.trunc", CALL1, "std::trunc"},  {"math.absf", CALL1, "std::fabs"},
};

/* Guards replace the ops C++ leaves undefined for some operands by the
   total helpers of wspCppGuardPrelude. */
static const ExprOp kGuardExprOps[] = {
    {"arith.divsi", CALL2, "wsp_divs0"},         {"arith.remsi", CALL2, "wsp_rems0"},
    {"arith.divui", UCALL2, "wsp_divu0"},        {"arith.remui", UCALL2, "wsp_remu0"},
    {"arith.floordivsi", CALL2, "wsp_floordiv0"}, {"arith.ceildivsi", CALL2, "wsp_ceildiv0"},
    {"arith.ceildivui", UCALL2, "wsp_ceildivu0"}, {"arith.shli", UCALL2, "wsp_shl0"},
    {"arith.shrui", UCALL2, "wsp_shru0"},        {"arith.shrsi", SHIFT_SIGNED, "wsp_shrs0"},
};

static const ExprOp *findExprOp(MlirStringRef name, bool guard) {
  for (size_t i = 0; guard && i < sizeof kGuardExprOps / sizeof kGuardExprOps[0]; ++i)
    if (wspStrIs(name, kGuardExprOps[i].name))
      return &kGuardExprOps[i];
  for (size_t i = 0; i < sizeof kExprOps / sizeof kExprOps[0]; ++i)
    if (wspStrIs(name, kExprOps[i].name))
      return &kExprOps[i];
  return NULL;
}

/* Operand names; false after an error. */
static bool operandNames(WspCppWriter *w, MlirOperation op, const char **names, intptr_t n) {
  if (mlirOperationGetNumOperands(op) != n || mlirOperationGetNumResults(op) != 1)
    return unsupported(w, op, "unexpected operand or result count");
  for (intptr_t i = 0; i < n; ++i)
    if (!(names[i] = wspCppUse(w, mlirOperationGetOperand(op, i), op)))
      return false;
  return true;
}

static bool emitExprOp(WspCppWriter *w, MlirOperation op, const ExprOp *e) {
  bool unary = e->kind == CALL1 || e->kind == PREFIX1;
  const char *a[2] = {NULL, NULL};
  if (!operandNames(w, op, a, unary ? 1 : 2))
    return false;
  MlirType t = mlirValueGetType(mlirOperationGetOperand(op, 0));
  const char *u = unsignedType(t);
  const char *type = resultType(w, op, 0);
  bool needsUnsigned = e->kind == UINFIX || e->kind == UCALL2 || e->kind == WRAP ||
                       e->kind == SHIFT_SIGNED;
  if (!type || (needsUnsigned && !u))
    return type ? unsupported(w, op, "unsigned ops need integer operands") : false;
  /* MLIR integers wrap; C++ signed overflow is undefined. Types narrower
     than int are promoted and cannot overflow, so they stay readable. */
  ExprKind kind = e->kind;
  if (kind == WRAP)
    kind = (mlirTypeIsAIndex(t) || mlirIntegerTypeGetWidth(t) >= 32) ? UINFIX : INFIX;
  WspStringBuffer b;
  wspStringBufferInit(&b);
  switch (kind) {
  case WRAP:
  case INFIX: wspStringBufferAppendf(&b, "%s %s %s", a[0], e->text, a[1]); break;
  case UINFIX:
    wspStringBufferAppendf(&b, "(%s)((%s)%s %s (%s)%s)", type, u, a[0], e->text, u, a[1]);
    break;
  case CALL2: wspStringBufferAppendf(&b, "%s(%s, %s)", e->text, a[0], a[1]); break;
  case UCALL2:
    wspStringBufferAppendf(&b, "(%s)%s<%s>((%s)%s, (%s)%s)", type, e->text, u, u, a[0], u, a[1]);
    break;
  case SHIFT_SIGNED: wspStringBufferAppendf(&b, "%s(%s, (%s)%s)", e->text, a[0], u, a[1]); break;
  case CALL1: wspStringBufferAppendf(&b, "%s(%s)", e->text, a[0]); break;
  case PREFIX1: wspStringBufferAppendf(&b, "%s%s", e->text, a[0]); break;
  }
  bool ok = defineResult(w, op, b.data);
  wspStringBufferFree(&b);
  return ok;
}

static const char *const kCmpI[] = {"==", "!=", "<", "<=", ">", ">=", "<", "<=", ">", ">="};

static bool emitCmpI(WspCppWriter *w, MlirOperation op) {
  const char *a[2] = {NULL, NULL};
  int64_t p;
  if (!operandNames(w, op, a, 2))
    return false;
  if (!wspAttrInt(op, "predicate", &p) || p < 0 || p > 9)
    return unsupported(w, op, "unknown predicate");
  WspStringBuffer b;
  wspStringBufferInit(&b);
  const char *u = unsignedType(mlirValueGetType(mlirOperationGetOperand(op, 0)));
  if (p >= 6 && !u)
    return unsupported(w, op, "unsigned predicates need integer operands");
  if (p >= 6) {
    wspStringBufferAppendf(&b, "(%s)%s %s (%s)%s", u, a[0], kCmpI[p], u, a[1]);
  } else {
    wspStringBufferAppendf(&b, "%s %s %s", a[0], kCmpI[p], a[1]);
  }
  bool ok = defineResult(w, op, b.data);
  wspStringBufferFree(&b);
  return ok;
}

/* arith.cmpf predicates in enum order; %1$s / %2$s are the operands. */
static const char *const kCmpF[] = {
    "false",                      "%1$s == %2$s",   "%1$s > %2$s",    "%1$s >= %2$s",
    "%1$s < %2$s",                "%1$s <= %2$s",   "(%1$s < %2$s || %1$s > %2$s)",
    "(%1$s == %1$s && %2$s == %2$s)", "!(%1$s < %2$s || %1$s > %2$s)", "!(%1$s <= %2$s)",
    "!(%1$s < %2$s)",             "!(%1$s >= %2$s)", "!(%1$s > %2$s)", "%1$s != %2$s",
    "(%1$s != %1$s || %2$s != %2$s)", "true",
};

static bool emitCmpF(WspCppWriter *w, MlirOperation op) {
  const char *a[2] = {NULL, NULL};
  int64_t p;
  if (!operandNames(w, op, a, 2))
    return false;
  if (!wspAttrInt(op, "predicate", &p) || p < 0 || p > 15)
    return unsupported(w, op, "unknown predicate");
  /* Positional operands keep each predicate one readable template. */
  const char *tmpl = kCmpF[p];
  WspStringBuffer b;
  wspStringBufferInit(&b);
  for (const char *c = tmpl; *c; ++c) {
    if (c[0] == '%' && c[1] && c[2] == '$' && c[3] == 's') {
      wspStringBufferAppendStr(&b, c[1] == '1' ? a[0] : a[1]);
      c += 3;
    } else {
      wspStringBufferAppend(&b, c, 1);
    }
  }
  bool ok = defineResult(w, op, b.data);
  wspStringBufferFree(&b);
  return ok;
}

static bool emitSelect(WspCppWriter *w, MlirOperation op) {
  const char *a[3] = {NULL, NULL, NULL};
  if (!operandNames(w, op, a, 3))
    return false;
  WspStringBuffer b;
  wspStringBufferInit(&b);
  wspStringBufferAppendf(&b, "%s ? %s : %s", a[0], a[1], a[2]);
  bool ok = defineResult(w, op, b.data);
  wspStringBufferFree(&b);
  return ok;
}

static bool emitFma(WspCppWriter *w, MlirOperation op) {
  const char *a[3] = {NULL, NULL, NULL};
  if (!operandNames(w, op, a, 3))
    return false;
  WspStringBuffer b;
  wspStringBufferInit(&b);
  wspStringBufferAppendf(&b, "std::fma(%s, %s, %s)", a[0], a[1], a[2]);
  bool ok = defineResult(w, op, b.data);
  wspStringBufferFree(&b);
  return ok;
}

typedef enum CastKind { CAST_PLAIN, CAST_FROM_UNSIGNED, CAST_TO_UNSIGNED, CAST_SIGN_EXTEND } CastKind;

static const struct {
  const char *name;
  CastKind kind;
} kCasts[] = {
    {"arith.index_cast", CAST_SIGN_EXTEND}, {"arith.index_castui", CAST_FROM_UNSIGNED},
    {"arith.extsi", CAST_SIGN_EXTEND},      {"arith.extui", CAST_FROM_UNSIGNED},
    {"arith.trunci", CAST_PLAIN},           {"arith.sitofp", CAST_SIGN_EXTEND},
    {"arith.uitofp", CAST_FROM_UNSIGNED},   {"arith.fptosi", CAST_PLAIN},
    {"arith.fptoui", CAST_TO_UNSIGNED},     {"arith.extf", CAST_PLAIN},
    {"arith.truncf", CAST_PLAIN},
};

static bool emitCast(WspCppWriter *w, MlirOperation op, CastKind kind) {
  const char *a[1] = {NULL};
  if (!operandNames(w, op, a, 1))
    return false;
  MlirType from = mlirValueGetType(mlirOperationGetOperand(op, 0));
  MlirType to = mlirValueGetType(mlirOperationGetResult(op, 0));
  const char *type = resultType(w, op, 0);
  if (!type)
    return false;
  WspStringBuffer b;
  wspStringBufferInit(&b);
  if (isBool(to))
    wspStringBufferAppendf(&b, "((%s) & 1) != 0", a[0]); /* trunci to i1 keeps bit 0 */
  else if (kind == CAST_SIGN_EXTEND && isBool(from))
    wspStringBufferAppendf(&b, "%s ? (%s)-1 : (%s)0", a[0], type, type); /* i1 true is -1 */
  else if (kind == CAST_FROM_UNSIGNED && unsignedType(from))
    wspStringBufferAppendf(&b, "(%s)(%s)%s", type, unsignedType(from), a[0]);
  else if (w->guardMode && (kind == CAST_TO_UNSIGNED || kind == CAST_PLAIN) &&
           mlirTypeIsAFloat(from) && unsignedType(to))
    /* fptosi / fptoui: C++ leaves out-of-range conversions undefined. */
    wspStringBufferAppendf(&b, "(%s)wsp_fptoi<%s>(%s)", type,
                           kind == CAST_TO_UNSIGNED ? unsignedType(to) : type, a[0]);
  else if (kind == CAST_TO_UNSIGNED && unsignedType(to))
    wspStringBufferAppendf(&b, "(%s)(%s)%s", type, unsignedType(to), a[0]);
  else
    wspStringBufferAppendf(&b, "(%s)%s", type, a[0]);
  bool ok = defineResult(w, op, b.data);
  wspStringBufferFree(&b);
  return ok;
}

static bool emitConstant(WspCppWriter *w, MlirOperation op) {
  if (mlirOperationGetNumResults(op) != 1)
    return unsupported(w, op, NULL);
  MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
  if (!resultType(w, op, 0))
    return false;
  char *expr = constantExpr(wspAttr(op, "value"), t);
  if (!expr)
    return unsupported(w, op, "only scalar integer, index and float constants have a C++ form");
  bool ok = defineResult(w, op, expr);
  free(expr);
  return ok;
}

static bool emitAbsI(WspCppWriter *w, MlirOperation op) {
  const char *a[1] = {NULL};
  if (!operandNames(w, op, a, 1))
    return false;
  WspStringBuffer b;
  wspStringBufferInit(&b);
  wspStringBufferAppendf(&b, "%s < 0 ? -%s : %s", a[0], a[0], a[0]);
  bool ok = defineResult(w, op, b.data);
  wspStringBufferFree(&b);
  return ok;
}

static bool emitRsqrt(WspCppWriter *w, MlirOperation op) {
  const char *a[1] = {NULL};
  if (!operandNames(w, op, a, 1))
    return false;
  const char *type = resultType(w, op, 0);
  if (!type)
    return false;
  WspStringBuffer b;
  wspStringBufferInit(&b);
  wspStringBufferAppendf(&b, "(%s)1 / std::sqrt(%s)", type, a[0]);
  bool ok = defineResult(w, op, b.data);
  wspStringBufferFree(&b);
  return ok;
}

/*===--- scf --------------------------------------------------------------===*/

static bool emitBlock(WspCppWriter *w, MlirBlock block, const char *const *targets,
                      intptr_t numTargets, bool viaTemps);
static bool emitOp(WspCppWriter *w, MlirOperation op);

/* scf.yield: assigns the yielded values to the region's result locals.
   Loop-carried values go through temporaries, since a yield may read the
   very locals it overwrites (a swap). */
static bool emitYield(WspCppWriter *w, MlirOperation op, const char *const *targets,
                      intptr_t numTargets, bool viaTemps) {
  intptr_t n = mlirOperationGetNumOperands(op);
  if (n != numTargets)
    return unsupported(w, op, "a yield here must match its parent's results");
  const char **names = wspCalloc(n ? (size_t)n : 1, sizeof(char *));
  bool ok = true;
  for (intptr_t i = 0; i < n && ok; ++i)
    ok = (names[i] = wspCppUse(w, mlirOperationGetOperand(op, i), op)) != NULL;
  bool emitsSomething = viaTemps && n > 0;
  for (intptr_t i = 0; ok && !viaTemps && i < n; ++i)
    emitsSomething = emitsSomething || strcmp(targets[i], names[i]) != 0;
  if (ok && emitsSomething)
    wspCppLocation(w, op);
  for (intptr_t i = 0; ok && viaTemps && i < n; ++i)
    wspCppLine(w, "const auto %s_next = %s;", targets[i], names[i]);
  for (intptr_t i = 0; ok && i < n; ++i) {
    if (viaTemps)
      wspCppLine(w, "%s = %s_next;", targets[i], targets[i]);
    else if (strcmp(targets[i], names[i]) != 0)
      wspCppLine(w, "%s = %s;", targets[i], names[i]);
  }
  free(names);
  return ok;
}

/* Declares one mutable local per result of `op` (scf.for / scf.if). */
static bool declareResults(WspCppWriter *w, MlirOperation op, MlirBlock body, intptr_t firstArg,
                           const char **targets, const char *const *inits) {
  intptr_t n = mlirOperationGetNumResults(op);
  for (intptr_t i = 0; i < n; ++i) {
    const char *type = resultType(w, op, i);
    if (!type)
      return false;
    MlirValue result = mlirOperationGetResult(op, i);
    targets[i] = body.ptr ? wspCppDefine(w, mlirBlockGetArgument(body, firstArg + i))
                          : wspCppDefine(w, result);
    if (body.ptr)
      wspCppDefineAs(w, result, targets[i]);
    if (inits)
      wspCppLine(w, "%s %s = %s;", type, targets[i], inits[i]);
    else
      wspCppLine(w, "%s %s{};", type, targets[i]);
  }
  return true;
}

static bool emitFor(WspCppWriter *w, MlirOperation op) {
  intptr_t numIter = mlirOperationGetNumResults(op);
  if (mlirOperationGetNumOperands(op) != 3 + numIter)
    return unsupported(w, op, NULL);
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
  const char *bounds[3];
  const char **inits = wspCalloc((size_t)numIter + 1, sizeof(char *));
  const char **targets = wspCalloc((size_t)numIter + 1, sizeof(char *));
  bool ok = true;
  for (intptr_t i = 0; i < 3 && ok; ++i)
    ok = (bounds[i] = wspCppUse(w, mlirOperationGetOperand(op, i), op)) != NULL;
  for (intptr_t i = 0; i < numIter && ok; ++i)
    ok = (inits[i] = wspCppUse(w, mlirOperationGetOperand(op, 3 + i), op)) != NULL;
  MlirValue iv = mlirBlockGetArgument(body, 0);
  const char *ivType = wspCppScalarType(mlirValueGetType(iv));
  if (ok && !ivType)
    ok = unsupported(w, op, "the induction variable has no C++ type");
  ok = ok && declareResults(w, op, body, 1, targets, inits);
  if (ok) {
    const char *ivName = wspCppDefine(w, iv);
    bool unsignedCmp = wspHasAttr(op, "unsignedCmp");
    if (unsignedCmp)
      wspCppLine(w, "for (%s %s = %s; (uint64_t)%s < (uint64_t)%s; %s += %s) {", ivType, ivName,
                 bounds[0], ivName, bounds[1], ivName, bounds[2]);
    else
      wspCppLine(w, "for (%s %s = %s; %s < %s; %s += %s) {", ivType, ivName, bounds[0], ivName,
                 bounds[1], ivName, bounds[2]);
    w->indent++;
    ok = emitBlock(w, body, targets, numIter, true);
    w->indent--;
    wspCppLine(w, "}");
  }
  free(inits);
  free(targets);
  return ok;
}

static bool emitIf(WspCppWriter *w, MlirOperation op) {
  intptr_t n = mlirOperationGetNumResults(op);
  const char *cond = wspCppUse(w, mlirOperationGetOperand(op, 0), op);
  if (!cond)
    return false;
  const char **targets = wspCalloc((size_t)n + 1, sizeof(char *));
  MlirBlock none = {NULL};
  bool ok = declareResults(w, op, none, 0, targets, NULL);
  MlirBlock thenBlock = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
  MlirBlock elseBlock = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 1));
  if (ok) {
    wspCppLine(w, "if (%s) {", cond);
    w->indent++;
    ok = emitBlock(w, thenBlock, targets, n, false);
    w->indent--;
  }
  if (ok && !mlirBlockIsNull(elseBlock)) {
    wspCppLine(w, "} else {");
    w->indent++;
    ok = emitBlock(w, elseBlock, targets, n, false);
    w->indent--;
  }
  if (ok)
    wspCppLine(w, "}");
  free(targets);
  return ok;
}

/* scf.while without loop-carried values (a process draining a channel):
   the before block runs each turn, scf.condition decides, its forwarded
   values become the after block's arguments and, at exit, the results. */
static bool emitWhile(WspCppWriter *w, MlirOperation op) {
  intptr_t n = mlirOperationGetNumResults(op);
  MlirBlock before = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
  MlirBlock after = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 1));
  if (mlirOperationGetNumOperands(op) != 0 || mlirBlockGetNumArguments(before) != 0 ||
      mlirBlockGetNumArguments(after) != n)
    return unsupported(w, op, "scf.while with loop-carried values; remedy: carry the value in an "
                                  "scf.for, or recompute it in the before region");
  const char **targets = wspCalloc((size_t)n + 1, sizeof(char *));
  MlirBlock none = {NULL};
  bool ok = declareResults(w, op, none, 0, targets, NULL);
  if (ok) {
    wspCppLine(w, "for (;;) {");
    w->indent++;
  }
  for (MlirOperation c = mlirBlockGetFirstOperation(before); ok && !mlirOperationIsNull(c);
       c = mlirOperationGetNextInBlock(c)) {
    if (!wspEmitOpIs(c, "scf.condition")) {
      ok = emitOp(w, c);
      continue;
    }
    const char *cond = wspCppUse(w, mlirOperationGetOperand(c, 0), c);
    ok = cond != NULL && mlirOperationGetNumOperands(c) == n + 1;
    for (intptr_t i = 0; ok && i < n; ++i) {
      const char *v = wspCppUse(w, mlirOperationGetOperand(c, i + 1), c);
      ok = v != NULL;
      if (ok)
        wspCppLine(w, "%s = %s;", targets[i], v);
    }
    if (ok)
      wspCppLine(w, "if (!(%s)) break;", cond);
  }
  for (intptr_t i = 0; ok && i < n; ++i) {
    MlirValue arg = mlirBlockGetArgument(after, i);
    const char *type = wspCppScalarType(mlirValueGetType(arg));
    ok = type != NULL;
    if (ok)
      wspCppLine(w, "%sconst %s %s = %s;", wspCppUnusedPrefix(arg), type, wspCppDefine(w, arg),
                 targets[i]);
  }
  if (ok)
    ok = emitBlock(w, after, NULL, 0, false);
  if (ok) {
    w->indent--;
    wspCppLine(w, "}");
  }
  free(targets);
  return ok;
}

/*===--- dispatch ---------------------------------------------------------===*/

static bool emitGeneric(WspCppWriter *w, MlirOperation op) {
  /* The name once: every op is looked up in these tables (about 60 names). */
  MlirStringRef name = wspOpName(op);
  const ExprOp *e = findExprOp(name, w->guardMode);
  if (e)
    return emitExprOp(w, op, e);
  for (size_t i = 0; i < sizeof kCasts / sizeof kCasts[0]; ++i)
    if (wspStrIs(name, kCasts[i].name))
      return emitCast(w, op, kCasts[i].kind);
  if (wspStrIs(name, "arith.constant"))
    return emitConstant(w, op);
  if (wspStrIs(name, "arith.cmpi"))
    return emitCmpI(w, op);
  if (wspStrIs(name, "arith.cmpf"))
    return emitCmpF(w, op);
  if (wspStrIs(name, "arith.select"))
    return emitSelect(w, op);
  if (wspStrIs(name, "math.fma"))
    return emitFma(w, op);
  if (wspStrIs(name, "math.absi"))
    return emitAbsI(w, op);
  if (wspStrIs(name, "math.rsqrt"))
    return emitRsqrt(w, op);
  if (wspStrIs(name, "scf.for"))
    return emitFor(w, op);
  if (wspStrIs(name, "scf.if"))
    return emitIf(w, op);
  if (wspStrIs(name, "scf.while"))
    return emitWhile(w, op);
  return unsupported(w, op, NULL);
}

static bool emitOp(WspCppWriter *w, MlirOperation op) {
  if (w->hook) {
    WspHookResult r = w->hook(w, op);
    if (r != WSP_HOOK_NOT_MINE)
      return r == WSP_HOOK_DONE;
  }
  wspCppLocation(w, op);
  return emitGeneric(w, op);
}

/* Kernels and orchestrations return nothing; a guard returns its i1. */
static bool emitReturn(WspCppWriter *w, MlirOperation op) {
  intptr_t n = mlirOperationGetNumOperands(op);
  if (n == 0 && !w->guardMode)
    return true;
  if (n != 1 || !w->guardMode)
    return unsupported(w, op, w->guardMode ? "a guard returns exactly one i1"
                                           : "kernels and orchestrations return no values");
  const char *value = wspCppUse(w, mlirOperationGetOperand(op, 0), op);
  if (!value)
    return false;
  wspCppLocation(w, op);
  wspCppLine(w, "return %s;", value);
  return true;
}

static bool emitBlock(WspCppWriter *w, MlirBlock block, const char *const *targets,
                      intptr_t numTargets, bool viaTemps) {
  for (MlirOperation op = mlirBlockGetFirstOperation(block); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    bool ok;
    if (wspEmitOpIs(op, "scf.yield"))
      ok = emitYield(w, op, targets, numTargets, viaTemps);
    else if (wspEmitOpIs(op, "func.return"))
      ok = emitReturn(w, op);
    else
      ok = emitOp(w, op);
    if (!ok)
      return false;
  }
  return true;
}

bool wspCppEmitBlock(WspCppWriter *w, MlirBlock block) {
  return emitBlock(w, block, NULL, 0, false);
}
