/* Small helpers over the MLIR C API that every wsp pass needs: reading op
   names and attributes, building ops with attributes, walking. They keep the
   passes short and their intent visible. */
#ifndef WSP_LIB_IRUTIL_H
#define WSP_LIB_IRUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/IR.h"

/* RUNTIME_MAX_FUNC_ID of pto-runtime 41d5c94a (runtime.h, both flavors): the
   size of the kernel table func_id indexes. simpler 6ebaf771 has 1024; wsp
   applies the smaller bound to every target, since taskring IR is the same
   for both. wsp-verify (user kernels), the lowering (its alloc kernel),
   taskring-predicate-slots (variants) and taskring-verify check it. */
#define WSP_RUNTIME_MAX_FUNC_ID 32

/* Inline, so that strlen of a literal folds to a constant: every pass asks
   for op names and attributes by literal, once per op per walk, and the
   out-of-line strlen + memcmp were about 8 % of a compile
   (docs/performance.md). */
static inline MlirStringRef wspStr(const char *s) {
  MlirStringRef ref = {s, strlen(s)};
  return ref;
}

/* Whether `ref` holds exactly `text` (an empty ref may carry a NULL pointer,
   which memcmp must not see). */
static inline bool wspStrIs(MlirStringRef ref, const char *text) {
  size_t n = strlen(text);
  return ref.length == n && (n == 0 || memcmp(ref.data, text, n) == 0);
}

static inline MlirStringRef wspOpName(MlirOperation op) {
  return mlirIdentifierStr(mlirOperationGetName(op));
}

/* A chain of tests on one op should fetch wspOpName once and use wspStrIs. */
static inline bool wspOpIs(MlirOperation op, const char *name) {
  return wspStrIs(wspOpName(op), name);
}
/* The op's discardable attribute `name`, or a null attribute. */
MlirAttribute wspAttr(MlirOperation op, const char *name);
bool wspHasAttr(MlirOperation op, const char *name);
/* String value of a string attribute, or `fallback` (which may be NULL). */
const char *wspAttrStringOr(MlirOperation op, const char *name, const char *fallback,
                            size_t *length);
bool wspAttrInt(MlirOperation op, const char *name, int64_t *value);

/* Attribute constructors. */
MlirAttribute wspI64Attr(MlirContext ctx, int64_t value);
MlirAttribute wspStringAttr(MlirContext ctx, const char *value);
MlirAttribute wspSymbolRefAttr(MlirContext ctx, const char *name);
MlirNamedAttribute wspNamed(MlirContext ctx, const char *name, MlirAttribute value);
void wspSetAttr(MlirOperation op, const char *name, MlirAttribute value);

/* Builds op `name` before `before` (or at the end of `block` when `before` is
   null) with the given operands, result types and attributes. */
MlirOperation wspBuildOp(const char *name, MlirLocation loc, MlirBlock block,
                         MlirOperation before, intptr_t numOperands, const MlirValue *operands,
                         intptr_t numResults, const MlirType *results, intptr_t numAttrs,
                         const MlirNamedAttribute *attrs);

/* The i-th function of a module body in order; func.func helpers. */
MlirBlock wspModuleBody(MlirOperation module);
MlirBlock wspFuncEntryBlock(MlirOperation func);
bool wspFuncIsDeclaration(MlirOperation func);
MlirType wspFuncType(MlirOperation func);
/* The func's sym_name (owned by the context). */
MlirStringRef wspSymName(MlirOperation op);

/* The first op named `name` directly in the module body that carries the
   discardable attribute `attr` (any op when `attr` is NULL), or null. */
MlirOperation wspModuleFindOp(MlirOperation module, const char *name, const char *attr);

/* Pre-order walk with a callback; return false from the callback to stop. */
typedef bool (*WspWalkFn)(MlirOperation op, void *userData);
void wspWalk(MlirOperation root, WspWalkFn fn, void *userData);

/* Prints a type or attribute to a malloc'd string (free with free()). */
char *wspTypeToString(MlirType type);
char *wspAttrToString(MlirAttribute attr);

/* The memref dtype name used by the runtime and the manifest
   ("float32", "int32", ...), or NULL when the element type has none. */
const char *wspDtypeName(MlirType elementType);

#endif
