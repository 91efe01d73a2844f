/* Kernel variants and the slot table (docs/slots.md). taskring-predicate-slots
   gives every task that depends on a slot read (a value of device data) a
   kernel variant: a taskring.kernel with `base`, `base_params`, `guards` and
   `slot_scalars`, whose params are the base kernel's followed by the guard
   inputs. This file reads those attributes and learns from the submits what
   each param holds (its type, the view's rank and element type), because the
   variant's entry must read element views and scalars itself: a user kernel
   has no signature in the IR, and a guard input's element type is the
   tensor's, not the guard's (an i1 guard input tests an integer for
   non-zero). Everything the kernel printer relies on is checked here, so a
   malformed variant is a located error, never broken C++. */
#include <stdlib.h>
#include <string.h>

#include "EmitInternal.h"
#include "IRUtil.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "wsp-c/Diagnostics.h"

static MlirLocation opLoc(MlirOperation op) { return mlirOperationGetLocation(op); }

bool wspEmitIsSlotScalar(const WspEmitKernel *k, size_t i) {
  return k->variant && i < k->numModes && k->variant->slotScalar[i];
}

size_t wspEmitBodyParams(const WspEmitKernel *k) {
  return k->variant ? k->variant->baseParams : k->numModes;
}

WspParamMode wspEmitBodyMode(const WspEmitKernel *k, size_t i) {
  return wspEmitIsSlotScalar(k, i) ? WSP_MODE_SCALAR : k->modes[i];
}

void wspEmitVariantFree(WspEmitVariant *v) {
  if (!v)
    return;
  free(v->baseSymbol);
  free(v->terms);
  free(v->slotScalar);
  free(v->params);
  free(v);
}

/*===--- attributes -------------------------------------------------------===*/

static bool variantError(WspEmitState *st, const WspEmitKernel *k, const char *why) {
  wspEmitErrorf(st->context, opLoc(k->op), "kernel variant '%s': %s", k->symName, why);
  return false;
}

static MlirOperation lookupGuard(WspEmitState *st, MlirAttribute fn) {
  MlirOperation none = {NULL};
  if (mlirAttributeIsNull(fn) || !mlirAttributeIsAFlatSymbolRef(fn))
    return none;
  MlirStringRef name = mlirFlatSymbolRefAttrGetValue(fn);
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(st->module));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirStringRef sym = wspSymName(op);
    if (wspEmitOpIs(op, "func.func") && sym.length == name.length &&
        (!name.length || memcmp(sym.data, name.data, name.length) == 0))
      return op;
  }
  return none;
}

/* A guard is a func.func with `taskring.guard`, a body, and one i1 result. */
static bool readTerm(WspEmitState *st, WspEmitKernel *k, MlirAttribute term, size_t first,
                     WspEmitGuardTerm *out) {
  if (!mlirAttributeIsADictionary(term))
    return variantError(st, k, "each 'guards' entry must be {fn, negate, params}");
  MlirAttribute fn = mlirDictionaryAttrGetElementByName(term, wspStr("fn"));
  MlirAttribute negate = mlirDictionaryAttrGetElementByName(term, wspStr("negate"));
  MlirAttribute params = mlirDictionaryAttrGetElementByName(term, wspStr("params"));
  if (mlirAttributeIsNull(negate) || !mlirAttributeIsABool(negate) || mlirAttributeIsNull(params) ||
      !mlirAttributeIsAInteger(params) || mlirIntegerAttrGetValueInt(params) < 0)
    return variantError(st, k, "each 'guards' entry needs a bool 'negate' and a count 'params'");
  out->fn = lookupGuard(st, fn);
  out->negate = mlirBoolAttrGetValue(negate);
  out->first = first;
  out->count = (size_t)mlirIntegerAttrGetValueInt(params);
  MlirType type = mlirOperationIsNull(out->fn) ? (MlirType){NULL} : wspFuncType(out->fn);
  bool ok = !mlirOperationIsNull(out->fn) && wspHasAttr(out->fn, "taskring.guard") &&
            !wspFuncIsDeclaration(out->fn) && mlirFunctionTypeGetNumResults(type) == 1 &&
            mlirTypeIsAInteger(mlirFunctionTypeGetResult(type, 0)) &&
            mlirIntegerTypeGetWidth(mlirFunctionTypeGetResult(type, 0)) == 1 &&
            (size_t)mlirFunctionTypeGetNumInputs(type) == out->count;
  if (!ok)
    return variantError(st, k, "a guard term's 'fn' must name a func.func with "
                               "'taskring.guard', a body, 'params' arguments and one i1 result");
  return true;
}

static bool readTerms(WspEmitState *st, WspEmitKernel *k) {
  WspEmitVariant *v = k->variant;
  MlirAttribute guards = wspAttr(k->op, "guards");
  if (mlirAttributeIsNull(guards) || !mlirAttributeIsAArray(guards))
    return variantError(st, k, "needs a 'guards' array (empty when it only loads slot scalars)");
  v->numTerms = (size_t)mlirArrayAttrGetNumElements(guards);
  v->terms = wspCalloc(v->numTerms ? v->numTerms : 1, sizeof(WspEmitGuardTerm));
  size_t next = v->baseParams;
  for (size_t t = 0; t < v->numTerms; ++t) {
    if (!readTerm(st, k, mlirArrayAttrGetElement(guards, (intptr_t)t), next, &v->terms[t]))
      return false;
    next += v->terms[t].count;
  }
  if (next != k->numModes)
    return variantError(st, k, "its params must be the base kernel's ('base_params') followed "
                               "by each guard term's inputs ('params'), one mode each");
  return true;
}

static bool readSlotScalars(WspEmitState *st, WspEmitKernel *k) {
  WspEmitVariant *v = k->variant;
  MlirAttribute slots = wspAttr(k->op, "slot_scalars");
  if (mlirAttributeIsNull(slots) || !mlirAttributeIsADenseI64Array(slots))
    return variantError(st, k, "needs a 'slot_scalars' array<i64> (empty when none)");
  for (intptr_t i = 0; i < mlirDenseArrayGetNumElements(slots); ++i) {
    int64_t p = mlirDenseI64ArrayGetElement(slots, i);
    if (p < 0 || (size_t)p >= v->baseParams || k->modes[p] != WSP_MODE_IN)
      return variantError(st, k, "each 'slot_scalars' position must be one of the base "
                                 "kernel's params, of mode \"in\" (the element view)");
    v->slotScalar[p] = true;
  }
  for (size_t p = v->baseParams; p < k->numModes; ++p)
    if (k->modes[p] != WSP_MODE_IN && k->modes[p] != WSP_MODE_SCALAR)
      return variantError(st, k, "guard inputs are read: their modes must be \"in\" (an "
                                 "element view) or \"scalar\"");
  return true;
}

bool wspEmitReadVariantAttrs(WspEmitState *st, WspEmitKernel *k) {
  MlirAttribute base = wspAttr(k->op, "base");
  if (mlirAttributeIsNull(base))
    return true;
  int64_t baseParams = -1;
  if (!mlirAttributeIsAFlatSymbolRef(base) || !wspAttrInt(k->op, "base_params", &baseParams) ||
      baseParams < 0 || (size_t)baseParams > k->numModes)
    return variantError(st, k, "'base' must name a kernel and 'base_params' count at most its "
                               "modes");
  WspEmitVariant *v = wspCalloc(1, sizeof(WspEmitVariant));
  k->variant = v;
  MlirStringRef sym = mlirFlatSymbolRefAttrGetValue(base);
  v->baseSymbol = sym.length ? wspStrndup(sym.data, sym.length) : wspStrdup("");
  v->baseParams = (size_t)baseParams;
  v->slotScalar = wspCalloc(k->numModes + 1, sizeof(bool));
  v->params = wspCalloc(k->numModes + 1, sizeof(WspEmitVariantParam));
  return readSlotScalars(st, k) && readTerms(st, k);
}

/* The base must be an ordinary kernel with the variant's base params: a
   variant's entry runs exactly its body. */
static bool checkBase(WspEmitState *st, const WspEmitKernel *k) {
  const WspEmitKernel *base = NULL;
  for (size_t i = 0; i < st->numKernels; ++i)
    if (strcmp(st->kernels[i].symName, k->variant->baseSymbol) == 0)
      base = &st->kernels[i];
  if (!base || base->variant || base->numModes != k->variant->baseParams ||
      strcmp(base->impl, k->impl) != 0)
    return variantError(st, k, "'base' must name an ordinary kernel with 'base_params' "
                               "parameters and the same impl");
  for (size_t i = 0; i < base->numModes; ++i)
    if (!k->variant->slotScalar[i] && base->modes[i] != k->modes[i])
      return variantError(st, k, "its first 'base_params' modes must repeat the base kernel's "
                                 "(a slot scalar's is \"in\")");
  return true;
}

/*===--- what the submits pass --------------------------------------------===*/

static MlirType dtypeType(MlirContext ctx, const char *dtype) {
  static const char *const kTypes[][2] = {
      {"float32", "f32"}, {"float16", "f16"}, {"bfloat16", "bf16"}, {"int32", "i32"},
      {"int16", "i16"},   {"int8", "i8"},     {"uint8", "ui8"},     {"int64", "i64"},
      {"uint64", "ui64"}, {"float64", "f64"},
  };
  for (size_t i = 0; dtype && i < sizeof kTypes / sizeof kTypes[0]; ++i)
    if (strcmp(kTypes[i][0], dtype) == 0)
      return mlirTypeParseGet(ctx, wspStr(kTypes[i][1]));
  return (MlirType){NULL};
}

/* The root a tensor value views (tensor_external or tensor_alloc), or null. */
static MlirOperation rootOf(MlirValue v) {
  for (int depth = 0; depth < 64 && mlirValueIsAOpResult(v); ++depth) {
    MlirOperation def = mlirOpResultGetOwner(v);
    if (!wspEmitOpIs(def, "taskring.view"))
      return def;
    v = mlirOperationGetOperand(def, 0);
  }
  return (MlirOperation){NULL};
}

/* The element type, rank and element count of a tensor value. */
static bool describeTensor(WspEmitState *st, MlirValue v, WspEmitVariantParam *out) {
  MlirOperation root = rootOf(v);
  if (mlirOperationIsNull(root))
    return false;
  MlirType memref = {NULL};
  if (wspEmitOpIs(root, "taskring.tensor_external")) {
    int64_t index = -1;
    if (!wspAttrInt(root, "index", &index) || index < 0 || (size_t)index >= st->numArgs ||
        !st->args[index].isTensor)
      return false;
    memref = st->args[index].type;
    out->type = mlirShapedTypeGetElementType(memref);
  } else if (wspEmitOpIs(root, "taskring.tensor_alloc")) {
    char *dtype = wspEmitStringAttr(root, "dtype");
    out->type = dtypeType(st->mlir, dtype);
    free(dtype);
  }
  MlirOperation def = mlirOpResultGetOwner(v);
  MlirAttribute sizes = wspEmitOpIs(def, "taskring.view") ? wspAttr(def, "sizes")
                                                            : wspAttr(def, "shape");
  out->isTensor = true;
  out->elements = 1;
  if (!mlirAttributeIsNull(sizes) && mlirAttributeIsADenseI64Array(sizes)) {
    out->rank = mlirDenseArrayGetNumElements(sizes);
    for (intptr_t d = 0; d < out->rank; ++d)
      out->elements *= mlirDenseI64ArrayGetElement(sizes, d);
  } else if (!mlirTypeIsNull(memref)) {
    out->rank = (intptr_t)mlirShapedTypeGetRank(memref);
    for (intptr_t d = 0; d < out->rank; ++d)
      out->elements *= mlirShapedTypeGetDimSize(memref, d);
  }
  return !mlirTypeIsNull(out->type) && out->rank > 0;
}

/* What param `i` of `submit` holds; false when it is not a param op. */
static bool describeParam(WspEmitState *st, MlirOperation submit, size_t i,
                          WspEmitVariantParam *out) {
  memset(out, 0, sizeof *out);
  MlirValue p = mlirOperationGetOperand(submit, (intptr_t)i);
  if (!mlirValueIsAOpResult(p))
    return false;
  MlirOperation def = mlirOpResultGetOwner(p);
  MlirValue operand = mlirOperationGetOperand(def, 0);
  if (wspEmitOpIs(def, "taskring.scalar")) {
    out->type = mlirValueGetType(operand);
    return true;
  }
  MlirAttribute slot = wspAttr(def, "taskring.slot_scalar");
  if (!mlirAttributeIsNull(slot) && mlirAttributeIsAType(slot))
    out->slotType = mlirTypeAttrGetValue(slot);
  return wspEmitParamModeOf(def) != WSP_MODE_SCALAR && describeTensor(st, operand, out);
}

static bool sameParam(const WspEmitVariantParam *a, const WspEmitVariantParam *b) {
  bool slotSame = mlirTypeIsNull(a->slotType) ? mlirTypeIsNull(b->slotType)
                                              : !mlirTypeIsNull(b->slotType) &&
                                                    mlirTypeEqual(a->slotType, b->slotType);
  return a->isTensor == b->isTensor && mlirTypeEqual(a->type, b->type) && a->rank == b->rank &&
         a->elements == b->elements && slotSame;
}

/* One variant's entry is compiled once: every submit of it must pass the
   same kinds of params. */
static bool submitError(WspEmitState *st, const WspEmitKernel *k, MlirOperation submit,
                        size_t i, const char *why) {
  wspEmitErrorf(st->context, opLoc(submit),
                "'taskring.submit' of kernel variant '%s': param %zu %s", k->symName, i, why);
  return false;
}

static bool recordSubmit(WspEmitState *st, const WspEmitKernel *k, MlirOperation submit) {
  WspEmitVariant *v = k->variant;
  size_t n = (size_t)mlirOperationGetNumOperands(submit);
  if (n < k->numModes)
    return submitError(st, k, submit, n,
                       "is missing: a variant's submit passes every param of its modes");
  for (size_t i = 0; i < k->numModes; ++i) {
    WspEmitVariantParam p;
    if (!describeParam(st, submit, i, &p))
      return submitError(st, k, submit, i,
                         "must be a taskring.input/output/inout of a view of an orchestration "
                         "tensor or an allocation, or a taskring.scalar");
    if (v->submitted && !sameParam(&p, &v->params[i])) {
      return submitError(st, k, submit, i,
                         "differs in type, rank or slot type from an earlier submit of the same "
                         "variant (its entry is compiled once)");
    }
    v->params[i] = p;
  }
  v->submitted = true;
  return true;
}

/*===--- checks -----------------------------------------------------------===*/

/* Whether an element of type `element` can be read as a `want`: the same
   type, or an i1 that tests an integer element for non-zero. */
static bool readsAs(MlirType element, MlirType want) {
  if (mlirTypeEqual(element, want))
    return true;
  return mlirTypeIsAInteger(want) && mlirIntegerTypeGetWidth(want) == 1 &&
         mlirTypeIsAInteger(element);
}

static bool paramError(WspEmitState *st, const WspEmitKernel *k, size_t i, const char *why) {
  wspEmitErrorf(st->context, opLoc(k->op), "kernel variant '%s' param %zu: %s", k->symName, i,
                why);
  return false;
}

/* An element input: a one-element view whose element reads as `want`, of an
   element type a kernel can read. */
static bool checkElement(WspEmitState *st, const WspEmitKernel *k, size_t i, MlirType want) {
  const WspEmitVariantParam *p = &k->variant->params[i];
  if (!p->isTensor || p->elements != 1)
    return paramError(st, k, i, "a slot input must be a one-element view of a tensor");
  if (!wspCppScalarType(p->type) || !wspCppScalarType(want) || !readsAs(p->type, want))
    return paramError(st, k, i, "the element's type cannot be read as the value the variant "
                                "needs (the same type, or i1 for an integer element)");
  return true;
}

static bool checkTerms(WspEmitState *st, const WspEmitKernel *k) {
  const WspEmitVariant *v = k->variant;
  for (size_t t = 0; t < v->numTerms; ++t) {
    MlirType fnType = wspFuncType(v->terms[t].fn);
    for (size_t j = 0; j < v->terms[t].count; ++j) {
      size_t i = v->terms[t].first + j;
      MlirType want = mlirFunctionTypeGetInput(fnType, (intptr_t)j);
      if (!wspCppScalarType(want))
        return paramError(st, k, i, "the guard argument's type has no C++ form (use an "
                                    "integer, index, f32 or f64)");
      if (k->modes[i] == WSP_MODE_IN && !checkElement(st, k, i, want))
        return false;
      if (k->modes[i] == WSP_MODE_SCALAR &&
          (v->params[i].isTensor || !mlirTypeEqual(v->params[i].type, want)))
        return paramError(st, k, i, "a guard's scalar input must have the guard argument's type");
    }
  }
  return true;
}

static bool checkSlotScalars(WspEmitState *st, const WspEmitKernel *k) {
  const WspEmitVariant *v = k->variant;
  for (size_t i = 0; i < v->baseParams; ++i) {
    if (!v->slotScalar[i])
      continue;
    MlirType slot = v->params[i].slotType;
    if (mlirTypeIsNull(slot))
      return paramError(st, k, i, "a slot scalar's input needs 'taskring.slot_scalar = <type>'");
    if (!checkElement(st, k, i, slot))
      return false;
    if (!mlirOperationIsNull(k->body)) {
      MlirType bodyType = mlirValueGetType(
          mlirBlockGetArgument(wspFuncEntryBlock(k->body), (intptr_t)i));
      if (!mlirTypeEqual(bodyType, slot))
        return paramError(st, k, i, "the slot scalar's type differs from the body's parameter");
    }
  }
  return true;
}

static bool checkVariant(WspEmitState *st, const WspEmitKernel *k) {
  if (!checkBase(st, k))
    return false;
  if (!k->variant->submitted)
    return variantError(st, k, "no 'taskring.submit' runs it, so the types of its slot and "
                               "guard inputs are unknown");
  return checkTerms(st, k) && checkSlotScalars(st, k);
}

/*===--- the slot table ---------------------------------------------------===*/

/* Adds one view's offsets to `index`; an offset that is not a constant
   clears `known` for its dimension. */
static void addViewOffsets(MlirOperation view, MlirAttribute statics, intptr_t rank,
                           int64_t *index, bool *known) {
  intptr_t operand = 1;
  for (intptr_t d = 0; d < rank && d < mlirDenseArrayGetNumElements(statics); ++d) {
    int64_t off = mlirDenseI64ArrayGetElement(statics, d);
    if (off == INT64_MIN && operand < mlirOperationGetNumOperands(view)) {
      MlirValue dyn = mlirOperationGetOperand(view, operand++);
      MlirOperation def = mlirValueIsAOpResult(dyn) ? mlirOpResultGetOwner(dyn)
                                                    : (MlirOperation){NULL};
      MlirAttribute value = def.ptr && wspEmitOpIs(def, "arith.constant") ? wspAttr(def, "value")
                                                                           : (MlirAttribute){NULL};
      known[d] = known[d] && !mlirAttributeIsNull(value) && mlirAttributeIsAInteger(value);
      off = known[d] ? mlirIntegerAttrGetValueInt(value) : 0;
    }
    index[d] += off;
  }
}

/* `[i0, i1, ...]`: the element's indices in its root, summed over the view
   chain; null where an offset is only known at run time. */
static char *elementIndex(MlirValue element) {
  int64_t index[WSP_EMIT_MAX_TENSOR_RANK] = {0};
  bool known[WSP_EMIT_MAX_TENSOR_RANK];
  intptr_t rank = -1;
  for (int depth = 0; depth < 64 && mlirValueIsAOpResult(element); ++depth) {
    MlirOperation view = mlirOpResultGetOwner(element);
    MlirAttribute statics = wspAttr(view, "static_offsets");
    if (!wspEmitOpIs(view, "taskring.view") || mlirAttributeIsNull(statics) ||
        !mlirAttributeIsADenseI64Array(statics))
      break;
    if (rank < 0) {
      intptr_t n = mlirDenseArrayGetNumElements(statics);
      rank = n < WSP_EMIT_MAX_TENSOR_RANK ? n : WSP_EMIT_MAX_TENSOR_RANK;
      for (intptr_t d = 0; d < rank; ++d)
        known[d] = true;
    }
    addViewOffsets(view, statics, rank, index, known);
    element = mlirOperationGetOperand(view, 0);
  }
  WspStringBuffer b;
  wspStringBufferInit(&b);
  wspStringBufferAppendStr(&b, "[");
  for (intptr_t d = 0; d < rank; ++d) {
    if (known[d])
      wspStringBufferAppendf(&b, "%s%lld", d ? ", " : "", (long long)index[d]);
    else
      wspStringBufferAppendf(&b, "%snull", d ? ", " : "");
  }
  wspStringBufferAppendStr(&b, "]");
  return wspStringBufferTake(&b);
}

static WspEmitSlot *findOrAddSlot(WspEmitState *st, MlirValue element, MlirType type) {
  for (size_t i = 0; i < st->numSlots; ++i)
    if (mlirValueEqual(st->slots[i].element, element))
      return &st->slots[i];
  st->slots = wspRealloc(st->slots, (st->numSlots + 1) * sizeof(WspEmitSlot));
  WspEmitSlot *s = &st->slots[st->numSlots++];
  memset(s, 0, sizeof *s);
  s->element = element;
  MlirOperation root = rootOf(element);
  int64_t index = -1;
  if (wspEmitOpIs(root, "taskring.tensor_external") && wspAttrInt(root, "index", &index) &&
      index >= 0 && (size_t)index < st->numArgs)
    s->tensor = wspStrdup(st->args[index].name);
  WspEmitVariantParam p;
  memset(&p, 0, sizeof p);
  s->dtype = describeTensor(st, element, &p) ? wspDtypeName(p.type) : NULL;
  s->index = elementIndex(element);
  s->type = wspTypeToString(type);
  s->location = wspEmitLocationString(opLoc(mlirOpResultGetOwner(element)));
  return s;
}

static void addReader(WspEmitSlot *s, const char *name) {
  for (size_t i = 0; i < s->numReaders; ++i)
    if (strcmp(s->readers[i], name) == 0)
      return;
  s->readers = wspRealloc(s->readers, (s->numReaders + 1) * sizeof(char *));
  s->readers[s->numReaders++] = wspStrdup(name);
}

/* The value type param i is read as: the slot scalar's, or the guard's. */
static MlirType slotValueType(const WspEmitKernel *k, size_t i) {
  const WspEmitVariant *v = k->variant;
  if (v->slotScalar[i])
    return v->params[i].slotType;
  for (size_t t = 0; t < v->numTerms; ++t)
    if (i >= v->terms[t].first && i < v->terms[t].first + v->terms[t].count)
      return mlirFunctionTypeGetInput(wspFuncType(v->terms[t].fn),
                                      (intptr_t)(i - v->terms[t].first));
  return (MlirType){NULL};
}

/* Slots are numbered in the order the tasks reading them are submitted. */
static void recordSlots(WspEmitState *st, const WspEmitKernel *k, MlirOperation submit) {
  for (size_t i = 0; i < k->numModes && i < (size_t)mlirOperationGetNumOperands(submit); ++i) {
    bool slot = k->variant->slotScalar[i] || (i >= k->variant->baseParams &&
                                              k->modes[i] == WSP_MODE_IN);
    MlirValue p = mlirOperationGetOperand(submit, (intptr_t)i);
    if (!slot || !mlirValueIsAOpResult(p))
      continue;
    MlirValue element = mlirOperationGetOperand(mlirOpResultGetOwner(p), 0);
    addReader(findOrAddSlot(st, element, slotValueType(k, i)), k->name);
  }
}

void wspEmitSlotsFree(WspEmitState *st) {
  for (size_t i = 0; i < st->numSlots; ++i) {
    WspEmitSlot *s = &st->slots[i];
    free(s->tensor);
    free(s->index);
    free(s->type);
    free(s->location);
    for (size_t r = 0; r < s->numReaders; ++r)
      free(s->readers[r]);
    free(s->readers);
  }
  free(st->slots);
}

/*===--- dispatch predicates (simpler 6ebaf771) ----------------------------===*/

/* (Here, not in EmitTaskring.c: the submit checks there already use this file.) */
MlirOperation wspEmitSubmitPredicate(MlirOperation submit) {
  intptr_t n = mlirOperationGetNumOperands(submit);
  MlirValue last = n > 0 ? mlirOperationGetOperand(submit, n - 1) : (MlirValue){NULL};
  if (last.ptr && mlirValueIsAOpResult(last) &&
      wspEmitOpIs(mlirOpResultGetOwner(last), "taskring.predicate"))
    return mlirOpResultGetOwner(last);
  return (MlirOperation){NULL};
}

size_t wspEmitSubmitNumParams(MlirOperation submit) {
  size_t n = (size_t)mlirOperationGetNumOperands(submit);
  return mlirOperationIsNull(wspEmitSubmitPredicate(submit)) ? n : n - 1;
}


/* simpler's scheduler reads the predicate element's 1, 2, 4 or 8 bytes
   (its tensor's dtype size) and sign-extends them: a one-element view of a
   signless 8- to 64-bit integer tensor reads exactly the value compared. */
static bool checkPredicate(WspEmitState *st, MlirOperation pred) {
  WspEmitVariantParam p;
  memset(&p, 0, sizeof p);
  MlirValue element = mlirOperationGetOperand(pred, 0);
  bool described = describeTensor(st, element, &p);
  unsigned width = described && mlirTypeIsAInteger(p.type) && mlirIntegerTypeIsSignless(p.type)
                       ? mlirIntegerTypeGetWidth(p.type)
                       : 0;
  if (described && p.elements == 1 && (width == 8 || width == 16 || width == 32 || width == 64))
    return true;
  wspEmitErrorf(st->context, opLoc(pred),
                "'taskring.predicate' needs a one-element view of an i8, i16, i32 or i64 "
                "tensor (simpler's scheduler reads the element's 1, 2, 4 or 8 bytes and "
                "sign-extends them), got %s; guard the task with a kernel variant instead "
                "(taskring-predicate-slots does for other elements)",
                !described ? "a tensor of unknown type"
                : p.elements != 1 ? "a view of more than one element"
                                  : "an element of another type");
  return false;
}

static void recordPredicateSlot(WspEmitState *st, const WspEmitKernel *k, MlirOperation pred) {
  MlirValue element = mlirOperationGetOperand(pred, 0);
  WspEmitVariantParam p;
  memset(&p, 0, sizeof p);
  if (describeTensor(st, element, &p))
    addReader(findOrAddSlot(st, element, p.type), k->name);
}

/*===--- entry point ------------------------------------------------------===*/

typedef struct SubmitWalk {
  WspEmitState *st;
  bool ok;
  bool slots; /* second pass: build the slot table */
} SubmitWalk;

static MlirWalkResult walkSubmits(MlirOperation op, void *userData) {
  SubmitWalk *w = userData;
  if (!wspEmitOpIs(op, "taskring.submit"))
    return MlirWalkResultAdvance;
  const WspEmitKernel *k = wspEmitFindKernel(w->st, wspAttr(op, "kernel"));
  MlirOperation pred = wspEmitSubmitPredicate(op);
  if (k && !mlirOperationIsNull(pred)) {
    if (w->slots)
      recordPredicateSlot(w->st, k, pred);
    else
      w->ok = checkPredicate(w->st, pred);
    if (!w->ok)
      return MlirWalkResultInterrupt;
  }
  if (!k || !k->variant)
    return MlirWalkResultAdvance;
  if (w->slots)
    recordSlots(w->st, k, op);
  else
    w->ok = recordSubmit(w->st, k, op);
  return w->ok ? MlirWalkResultAdvance : MlirWalkResultInterrupt;
}

bool wspEmitAnalyzeVariants(WspEmitState *st) {
  SubmitWalk w = {st, true, false};
  mlirOperationWalk(st->orchFunc, walkSubmits, &w, MlirWalkPreOrder);
  for (size_t i = 0; i < st->numKernels && w.ok; ++i)
    if (st->kernels[i].variant)
      w.ok = checkVariant(st, &st->kernels[i]);
  if (!w.ok)
    return false;
  w.slots = true;
  mlirOperationWalk(st->orchFunc, walkSubmits, &w, MlirWalkPreOrder);
  return true;
}
