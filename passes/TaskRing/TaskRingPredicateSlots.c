/* taskring-predicate-slots: turns control flow that depends on device data
   into predicated execution (docs/slots.md).

   The pinned runtime cannot read tensor data from the orchestration, so a
   taskring.slot_read value never exists on the host. An scf.if whose
   condition derives from slot reads (with constants, symbols, loop indices)
   therefore cannot branch there. Instead:
   - the condition's arith slice is cloned into a guard function
     (func.func with `taskring.guard`) whose arguments are the slot values
     and the host scalars the condition uses;
   - both branches are hoisted out of the scf.if, so every task of both is
     submitted; each submit gets the guard as a term (negated in the else
     branch; nested ifs add terms), and the guard's inputs as extra trailing
     params: the slot's element view as an input (which also orders the task
     after every writer of the element) and each host scalar;
   - each guarded submit runs a kernel variant (a new taskring.kernel whose
     `guards` attribute names the terms) whose generated entry evaluates the
     guard on device and returns early when it is false.
   A slot value passed directly as a task scalar becomes the element view as
   an input param, which the variant's entry loads into the scalar's
   position. A slot-dependent dispatch domain is recorded as -2 (known only
   on device). Any other use (a loop bound, a view offset, ...) cannot be
   expressed on the pinned runtime and is an error saying what to do.

   On target simpler-6ebaf771 with tensormap_and_ringbuffer (the
   taskring.runtime abi and flavor say so), a submit
   guarded by exactly one condition of the form `slot <cmpi> constant` (a
   signed or equality compare of an 8- to 64-bit integer element, or an i1
   non-zero test) keeps its base kernel instead: its guard input becomes a
   taskring.predicate param (simpler's CoreTaskArgs::set_predicate, evaluated
   by the scheduler, negated in the else branch). Every other condition keeps
   the kernel variant. */
#include <stdlib.h>
#include <string.h>

#include "IRUtil.h"
#include "PassRegistry.h"
#include "Support/PointerMap.h"
#include "Support/StringBuffer.h"
#include "wsp-c/Diagnostics.h"
#include "wsp-c/Emit.h"

typedef struct OpList {
  MlirOperation *ops;
  size_t count;
} OpList;

static void push(OpList *list, MlirOperation op) {
  if ((list->count & (list->count - 1)) == 0) /* capacity: the next power of two */
    list->ops = wspRealloc(list->ops, (list->count ? 2 * list->count : 1) * sizeof(MlirOperation));
  list->ops[list->count++] = op;
}

/* A guard that simpler's scheduler can evaluate itself: element <op> target. */
typedef struct DispatchGuard {
  MlirAttribute fn; /* the guard function's symbol */
  int op;           /* kPredicateOps index */
  int64_t target;
  bool kept;        /* some submit still calls the guard function */
} DispatchGuard;

typedef struct Predication {
  WspPassRun *run;
  MlirContext ctx;
  MlirOperation module;
  MlirOperation orch;
  size_t numGuards;
  bool failed;
  bool dispatchPredicates; /* the target has CoreTaskArgs::set_predicate */
  DispatchGuard *dispatch;
  size_t numDispatch;
} Predication;

static bool isSlotRead(MlirValue v) {
  return mlirValueIsAOpResult(v) && wspOpIs(mlirOpResultGetOwner(v), "taskring.slot_read");
}

static bool isArith(MlirOperation op) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  return name.length > 6 && strncmp(name.data, "arith.", 6) == 0;
}

/* Does `v` derive from a slot read through arith ops? */
static bool dependsOnSlot(MlirValue v, int depth) {
  if (isSlotRead(v))
    return true;
  if (depth > 256 || !mlirValueIsAOpResult(v))
    return false;
  MlirOperation def = mlirOpResultGetOwner(v);
  if (!isArith(def))
    return false;
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(def); ++i)
    if (dependsOnSlot(mlirOperationGetOperand(def, i), depth + 1))
      return true;
  return false;
}

/*===--- guard functions --------------------------------------------------===*/

typedef struct Slice {
  OpList ops;          /* arith ops computing the condition, program order */
  MlirValue *leaves;   /* guard arguments: slot values and host scalars */
  size_t numLeaves;
  WspPointerMap seen;
} Slice;

static void addLeaf(Slice *s, MlirValue v) {
  for (size_t i = 0; i < s->numLeaves; ++i)
    if (mlirValueEqual(s->leaves[i], v))
      return;
  s->leaves = wspRealloc(s->leaves, (s->numLeaves + 1) * sizeof(MlirValue));
  s->leaves[s->numLeaves++] = v;
}

static void collectSlice(Slice *s, MlirValue v) {
  if (mlirValueIsAOpResult(v) && isArith(mlirOpResultGetOwner(v))) {
    MlirOperation def = mlirOpResultGetOwner(v);
    void *unused;
    if (wspPointerMapGet(&s->seen, def.ptr, &unused))
      return;
    wspPointerMapSet(&s->seen, def.ptr, def.ptr);
    for (intptr_t i = 0; i < mlirOperationGetNumOperands(def); ++i)
      collectSlice(s, mlirOperationGetOperand(def, i));
    push(&s->ops, def); /* operands first: a valid order for cloning */
    return;
  }
  addLeaf(s, v);
}

static void freeSlice(Slice *s) {
  free(s->ops.ops);
  free(s->leaves);
  wspPointerMapFree(&s->seen);
}

/* func.func private @name(leaves...) -> i1 {taskring.guard} computing `cond`. */
static MlirAttribute buildGuard(Predication *p, Slice *s, MlirValue cond, MlirLocation loc) {
  WspStringBuffer name;
  wspStringBufferInit(&name);
  wspStringBufferAppendf(&name, "__wsp_guard%zu", p->numGuards++);
  size_t n = s->numLeaves;
  MlirType *types = wspMalloc(sizeof(MlirType) * (n ? n : 1));
  MlirLocation *locs = wspMalloc(sizeof(MlirLocation) * (n ? n : 1));
  for (size_t i = 0; i < n; ++i) {
    types[i] = mlirValueGetType(s->leaves[i]);
    locs[i] = loc;
  }
  MlirType i1 = mlirIntegerTypeGet(p->ctx, 1);
  MlirBlock body = mlirBlockCreate((intptr_t)n, types, locs);
  WspPointerMap mapping;
  wspPointerMapInit(&mapping);
  for (size_t i = 0; i < n; ++i)
    wspPointerMapSet(&mapping, s->leaves[i].ptr, (void *)mlirBlockGetArgument(body, (intptr_t)i).ptr);
  for (size_t i = 0; i < s->ops.count; ++i) {
    MlirOperation clone = mlirOperationClone(s->ops.ops[i]);
    for (intptr_t k = 0; k < mlirOperationGetNumOperands(clone); ++k) {
      void *mapped = NULL;
      if (wspPointerMapGet(&mapping, mlirOperationGetOperand(clone, k).ptr, &mapped)) {
        MlirValue v = {mapped};
        mlirOperationSetOperand(clone, k, v);
      }
    }
    mlirBlockAppendOwnedOperation(body, clone);
    for (intptr_t r = 0; r < mlirOperationGetNumResults(clone); ++r)
      wspPointerMapSet(&mapping, mlirOperationGetResult(s->ops.ops[i], r).ptr,
                       (void *)mlirOperationGetResult(clone, r).ptr);
  }
  void *result = NULL;
  wspPointerMapGet(&mapping, cond.ptr, &result);
  MlirValue ret = {result};
  if (!result)
    ret = mlirBlockGetArgument(body, 0); /* the condition is itself a leaf */
  wspBuildOp("func.return", loc, body, (MlirOperation){NULL}, 1, &ret, 0, NULL, 0, NULL);
  MlirRegion region = mlirRegionCreate();
  mlirRegionAppendOwnedBlock(region, body);
  MlirNamedAttribute attrs[] = {
      wspNamed(p->ctx, "sym_name", wspStringAttr(p->ctx, name.data)),
      wspNamed(p->ctx, "sym_visibility", wspStringAttr(p->ctx, "private")),
      wspNamed(p->ctx, "function_type",
               mlirTypeAttrGet(mlirFunctionTypeGet(p->ctx, (intptr_t)n, types, 1, &i1))),
      wspNamed(p->ctx, "taskring.guard", mlirUnitAttrGet(p->ctx))};
  MlirOperationState state = mlirOperationStateGet(wspStr("func.func"), loc);
  mlirOperationStateAddAttributes(&state, 4, attrs);
  mlirOperationStateAddOwnedRegions(&state, 1, &region);
  MlirOperation func = mlirOperationCreate(&state);
  mlirBlockInsertOwnedOperationBefore(wspModuleBody(p->module), p->orch, func);
  MlirAttribute symbol = wspSymbolRefAttr(p->ctx, name.data);
  wspPointerMapFree(&mapping);
  free(types);
  free(locs);
  wspStringBufferFree(&name);
  return symbol;
}

/*===--- dispatch predicates (simpler 6ebaf771) ----------------------------===*/

static MlirValue slotElement(MlirValue slotValue);

/* simpler's PredicateOp, in the order negatePredicate pairs them. */
static const char *const kPredicateOps[] = {"eq", "ne", "gt", "le", "lt", "ge"};
enum { PRED_EQ, PRED_NE, PRED_GT, PRED_LE, PRED_LT, PRED_GE, PRED_NONE = -1 };

static int negatePredicate(int op) { return op ^ 1; }

/* arith.cmpi's predicate (0 eq, 1 ne, 2 slt, 3 sle, 4 sgt, 5 sge, 6.. the
   unsigned ones) as `slot <op> constant`; swapped when the slot is on the
   right. Unsigned compares have no PredicateOp: the runtime sign-extends. */
static int predicateOfCmpi(int64_t cmpi, bool swapped) {
  static const int kDirect[] = {PRED_EQ, PRED_NE, PRED_LT, PRED_LE, PRED_GT, PRED_GE};
  static const int kSwapped[] = {PRED_EQ, PRED_NE, PRED_GT, PRED_GE, PRED_LT, PRED_LE};
  if (cmpi < 0 || cmpi > 5)
    return PRED_NONE;
  return swapped ? kSwapped[cmpi] : kDirect[cmpi];
}

/* The element type of the tensor a view chain starts from, or null. */
static MlirType rootElementType(Predication *p, MlirValue v) {
  for (int depth = 0; depth < 64 && mlirValueIsAOpResult(v); ++depth) {
    MlirOperation def = mlirOpResultGetOwner(v);
    if (wspOpIs(def, "taskring.view")) {
      v = mlirOperationGetOperand(def, 0);
      continue;
    }
    if (wspOpIs(def, "taskring.tensor_external")) {
      MlirType t = mlirValueGetType(mlirOperationGetOperand(def, 0));
      return mlirTypeIsAMemRef(t) ? mlirShapedTypeGetElementType(t) : (MlirType){NULL};
    }
    if (wspOpIs(def, "taskring.tensor_alloc")) {
      static const char *const kInts[] = {"int8", "int16", "int32", "int64"};
      size_t length = 0;
      const char *dtype = wspAttrStringOr(def, "dtype", "", &length);
      for (unsigned i = 0; i < 4; ++i)
        if (length == strlen(kInts[i]) && strncmp(dtype, kInts[i], length) == 0)
          return mlirIntegerTypeGet(p->ctx, 8u << i);
    }
    break;
  }
  return (MlirType){NULL};
}

/* The runtime reads 1, 2, 4 or 8 bytes and sign-extends them. */
static bool isPredicateElement(Predication *p, MlirValue slotValue) {
  MlirType t = rootElementType(p, slotElement(slotValue));
  if (mlirTypeIsNull(t) || !mlirTypeIsAInteger(t) || !mlirIntegerTypeIsSignless(t))
    return false;
  unsigned width = mlirIntegerTypeGetWidth(t);
  return width == 8 || width == 16 || width == 32 || width == 64;
}

static bool constantInt(MlirValue v, int64_t *value) {
  if (!mlirValueIsAOpResult(v) || !wspOpIs(mlirOpResultGetOwner(v), "arith.constant"))
    return false;
  MlirAttribute a = wspAttr(mlirOpResultGetOwner(v), "value");
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAInteger(a))
    return false;
  *value = mlirIntegerAttrGetValueInt(a); /* sign-extended, as the element is */
  return true;
}

/* Records `fn` as a dispatch guard when `cond` is `slot <cmp> constant` (or
   an i1 slot read: element != 0) on an element the runtime can compare. */
static void noteDispatchGuard(Predication *p, MlirValue cond, MlirAttribute fn) {
  int op = PRED_NONE;
  int64_t target = 0;
  MlirValue slot = {NULL};
  if (isSlotRead(cond)) {
    slot = cond;
    op = PRED_NE;
  } else if (mlirValueIsAOpResult(cond) && wspOpIs(mlirOpResultGetOwner(cond), "arith.cmpi")) {
    MlirOperation cmp = mlirOpResultGetOwner(cond);
    MlirValue lhs = mlirOperationGetOperand(cmp, 0), rhs = mlirOperationGetOperand(cmp, 1);
    int64_t predicate = -1;
    bool swapped = !isSlotRead(lhs);
    slot = swapped ? rhs : lhs;
    if (isSlotRead(slot) && constantInt(swapped ? lhs : rhs, &target) &&
        wspAttrInt(cmp, "predicate", &predicate) &&
        mlirTypeIsAInteger(mlirValueGetType(slot)) &&
        mlirIntegerTypeGetWidth(mlirValueGetType(slot)) > 1)
      op = predicateOfCmpi(predicate, swapped);
  }
  if (op == PRED_NONE || !isPredicateElement(p, slot))
    return;
  p->dispatch = wspRealloc(p->dispatch, (p->numDispatch + 1) * sizeof(DispatchGuard));
  p->dispatch[p->numDispatch++] = (DispatchGuard){fn, op, target, false};
}

static DispatchGuard *findDispatchGuard(Predication *p, MlirAttribute fn) {
  for (size_t i = 0; i < p->numDispatch; ++i)
    if (mlirAttributeEqual(p->dispatch[i].fn, fn))
      return &p->dispatch[i];
  return NULL;
}

static bool hasSlotScalar(MlirOperation submit) {
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(submit); ++i) {
    MlirValue v = mlirOperationGetOperand(submit, i);
    if (mlirValueIsAOpResult(v) && wspHasAttr(mlirOpResultGetOwner(v), "taskring.slot_scalar"))
      return true;
  }
  return false;
}

/* A submit guarded by exactly one dispatch guard (and nothing else a
   variant would do) keeps its kernel: its guard input, the element view,
   becomes a trailing taskring.predicate param. */
static bool collectGuarded(MlirOperation op, void *userData) {
  if (wspOpIs(op, "taskring.submit") && wspHasAttr(op, "guards"))
    push(userData, op);
  return true;
}

static void usePredicate(Predication *p, MlirOperation submit) {
  MlirAttribute guards = wspAttr(submit, "guards");
  DispatchGuard *g = NULL;
  intptr_t numTerms = mlirArrayAttrGetNumElements(guards);
  if (numTerms == 1 && !wspHasAttr(submit, "wsp.serialized") && !hasSlotScalar(submit))
    g = findDispatchGuard(p, mlirDictionaryAttrGetElementByName(mlirArrayAttrGetElement(guards, 0), wspStr("fn")));
  if (!g) {
    for (intptr_t t = 0; t < numTerms; ++t) {
      DispatchGuard *kept =
          findDispatchGuard(p, mlirDictionaryAttrGetElementByName(mlirArrayAttrGetElement(guards, t), wspStr("fn")));
      if (kept)
        kept->kept = true;
    }
    return;
  }
  MlirAttribute negate = mlirDictionaryAttrGetElementByName(mlirArrayAttrGetElement(guards, 0), wspStr("negate"));
  int op = !mlirAttributeIsNull(negate) && mlirBoolAttrGetValue(negate) ? negatePredicate(g->op)
                                                                         : g->op;
  intptr_t last = mlirOperationGetNumOperands(submit) - 1;
  MlirOperation input = mlirOpResultGetOwner(mlirOperationGetOperand(submit, last));
  MlirValue element = mlirOperationGetOperand(input, 0);
  MlirType pt = mlirTypeParseGet(p->ctx, wspStr("!taskring.param"));
  MlirNamedAttribute attrs[] = {wspNamed(p->ctx, "op", wspStringAttr(p->ctx, kPredicateOps[op])),
                                wspNamed(p->ctx, "target", wspI64Attr(p->ctx, g->target))};
  MlirOperation pred = wspBuildOp("taskring.predicate", mlirOperationGetLocation(input),
                                  mlirOperationGetBlock(submit), submit, 1, &element, 1, &pt, 2,
                                  attrs);
  mlirOperationSetOperand(submit, last, mlirOperationGetResult(pred, 0));
  mlirOperationDestroy(input);
  mlirOperationRemoveAttributeByName(submit, wspStr("guards"));
}

/* Guard functions no variant calls any more. MLIR's symbol table finds
   each by hash (a scan of the module per guard was quadratic). */
static void eraseUnusedGuards(Predication *p) {
  MlirSymbolTable symbols = {NULL};
  for (size_t i = 0; i < p->numDispatch; ++i) {
    if (p->dispatch[i].kept)
      continue;
    if (!symbols.ptr)
      symbols = mlirSymbolTableCreate(p->module);
    MlirOperation op =
        mlirSymbolTableLookup(symbols, mlirFlatSymbolRefAttrGetValue(p->dispatch[i].fn));
    if (!mlirOperationIsNull(op) && wspOpIs(op, "func.func"))
      mlirSymbolTableErase(symbols, op);
  }
  if (symbols.ptr)
    mlirSymbolTableDestroy(symbols);
}

static void useDispatchPredicates(Predication *p) {
  OpList submits = {NULL, 0};
  wspWalk(p->orch, collectGuarded, &submits);
  for (size_t i = 0; i < submits.count; ++i)
    usePredicate(p, submits.ops[i]);
  free(submits.ops);
  eraseUnusedGuards(p);
}

/*===--- guarding submits -------------------------------------------------===*/

static bool isBuiltinSubmit(MlirOperation submit) {
  MlirAttribute k = wspAttr(submit, "kernel");
  return !mlirAttributeIsNull(k) &&
         mlirStringRefEqual(mlirFlatSymbolRefAttrGetValue(k), wspStr("wsp_alloc.kernel"));
}

/* The element view a slot value reads (the slot_read's operand). */
static MlirValue slotElement(MlirValue slotValue) {
  return mlirOperationGetOperand(mlirOpResultGetOwner(slotValue), 0);
}

/* Param op for one guard input, built before `submit`. */
static MlirValue guardParam(Predication *p, MlirOperation submit, MlirValue leaf) {
  MlirType pt = mlirTypeParseGet(p->ctx, wspStr("!taskring.param"));
  bool slot = isSlotRead(leaf);
  MlirValue operand = slot ? slotElement(leaf) : leaf;
  MlirOperation param = wspBuildOp(slot ? "taskring.input" : "taskring.scalar",
                                   mlirOperationGetLocation(submit),
                                   mlirOperationGetBlock(submit), submit, 1, &operand, 1, &pt, 0,
                                   NULL);
  return mlirOperationGetResult(param, 0);
}

/* Adds one guard term: its inputs go after the kernel's params (and before a
   trailing serialization token), its description into `guards`. */
static void addTerm(Predication *p, MlirOperation submit, MlirAttribute fn, bool negate,
                    const Slice *s) {
  intptr_t n = mlirOperationGetNumOperands(submit);
  bool serialized = wspHasAttr(submit, "wsp.serialized");
  intptr_t insertAt = serialized ? n - 1 : n;
  MlirValue *operands = wspMalloc(sizeof(MlirValue) * (size_t)(n + (intptr_t)s->numLeaves));
  for (intptr_t i = 0; i < insertAt; ++i)
    operands[i] = mlirOperationGetOperand(submit, i);
  for (size_t i = 0; i < s->numLeaves; ++i)
    operands[insertAt + (intptr_t)i] = guardParam(p, submit, s->leaves[i]);
  if (serialized)
    operands[insertAt + (intptr_t)s->numLeaves] = mlirOperationGetOperand(submit, n - 1);
  mlirOperationSetOperands(submit, n + (intptr_t)s->numLeaves, operands);
  free(operands);
  MlirNamedAttribute term[] = {
      wspNamed(p->ctx, "fn", fn), wspNamed(p->ctx, "negate", mlirBoolAttrGet(p->ctx, negate)),
      wspNamed(p->ctx, "params", wspI64Attr(p->ctx, (int64_t)s->numLeaves))};
  MlirAttribute termAttr = mlirDictionaryAttrGet(p->ctx, 3, term);
  MlirAttribute old = wspAttr(submit, "guards");
  intptr_t count = mlirAttributeIsNull(old) ? 0 : mlirArrayAttrGetNumElements(old);
  MlirAttribute *terms = wspMalloc(sizeof(MlirAttribute) * (size_t)(count + 1));
  for (intptr_t i = 0; i < count; ++i)
    terms[i] = mlirArrayAttrGetElement(old, i);
  terms[count] = termAttr;
  wspSetAttr(submit, "guards", mlirArrayAttrGet(p->ctx, count + 1, terms));
  free(terms);
}

typedef struct GuardWalk {
  Predication *p;
  MlirAttribute fn;
  bool negate;
  const Slice *slice;
} GuardWalk;

static bool guardSubmit(MlirOperation op, void *userData) {
  GuardWalk *w = userData;
  if (wspOpIs(op, "taskring.submit") && !isBuiltinSubmit(op))
    addTerm(w->p, op, w->fn, w->negate, w->slice);
  return true;
}

static void guardRegion(Predication *p, MlirRegion region, MlirAttribute fn, bool negate,
                        const Slice *s) {
  GuardWalk w = {p, fn, negate, s};
  for (MlirBlock b = mlirRegionGetFirstBlock(region); !mlirBlockIsNull(b);
       b = mlirBlockGetNextInRegion(b))
    for (MlirOperation op = mlirBlockGetFirstOperation(b); !mlirOperationIsNull(op);
         op = mlirOperationGetNextInBlock(op))
      wspWalk(op, guardSubmit, &w);
}

/* Moves a branch's ops (not its terminator) before the scf.if. */
static void hoistRegion(MlirOperation ifOp, MlirRegion region) {
  MlirBlock b = mlirRegionGetFirstBlock(region);
  if (mlirBlockIsNull(b))
    return;
  MlirOperation terminator = mlirBlockGetTerminator(b);
  for (MlirOperation op = mlirBlockGetFirstOperation(b);
       !mlirOperationIsNull(op) && !mlirOperationEqual(op, terminator);) {
    MlirOperation next = mlirOperationGetNextInBlock(op);
    mlirOperationMoveBefore(op, ifOp);
    op = next;
  }
}

static void predicateIf(Predication *p, MlirOperation ifOp) {
  if (mlirOperationGetNumResults(ifOp) > 0) {
    wspEmitError(p->run->context, mlirOperationGetLocation(ifOp),
                 "'scf.if' op: its condition depends on a slot read (device data), so both "
                 "branches are submitted and guarded on device; such an scf.if cannot yield "
                 "values to the host — compute them in a task instead");
    p->failed = true;
    return;
  }
  MlirValue cond = mlirOperationGetOperand(ifOp, 0);
  Slice s;
  memset(&s, 0, sizeof s);
  wspPointerMapInit(&s.seen);
  collectSlice(&s, cond);
  MlirAttribute fn = buildGuard(p, &s, cond, mlirOperationGetLocation(ifOp));
  if (p->dispatchPredicates)
    noteDispatchGuard(p, cond, fn);
  guardRegion(p, mlirOperationGetRegion(ifOp, 0), fn, false, &s);
  guardRegion(p, mlirOperationGetRegion(ifOp, 1), fn, true, &s);
  hoistRegion(ifOp, mlirOperationGetRegion(ifOp, 0));
  hoistRegion(ifOp, mlirOperationGetRegion(ifOp, 1));
  mlirOperationDestroy(ifOp);
  freeSlice(&s);
}

/*===--- other slot uses ----------------------------------------------------===*/

static bool collectIf(MlirOperation op, void *userData) {
  if (wspOpIs(op, "scf.if") && dependsOnSlot(mlirOperationGetOperand(op, 0), 0))
    push(userData, op);
  return true;
}

/* A slot value passed straight as a task scalar: the element view becomes an
   input at that position, loaded into the scalar by the variant's entry. */
static bool rewriteScalarUse(Predication *p, MlirOperation scalar) {
  MlirValue v = mlirOperationGetOperand(scalar, 0);
  if (!isSlotRead(v))
    return false;
  MlirValue param = mlirOperationGetResult(scalar, 0);
  MlirType pt = mlirTypeParseGet(p->ctx, wspStr("!taskring.param"));
  MlirValue element = slotElement(v);
  MlirOperation input = wspBuildOp("taskring.input", mlirOperationGetLocation(scalar),
                                   mlirOperationGetBlock(scalar), scalar, 1, &element, 1, &pt, 0,
                                   NULL);
  wspSetAttr(input, "taskring.slot_scalar", mlirTypeAttrGet(mlirValueGetType(v)));
  mlirValueReplaceAllUsesOfWith(param, mlirOperationGetResult(input, 0));
  mlirOperationDestroy(scalar);
  return true;
}

typedef struct UseScan {
  Predication *p;
  OpList scalars;
  OpList dispatches;
  OpList bad;
} UseScan;

static bool scanUse(MlirOperation op, void *userData) {
  UseScan *u = userData;
  if (wspOpIs(op, "taskring.scalar") && dependsOnSlot(mlirOperationGetOperand(op, 0), 0))
    push(isSlotRead(mlirOperationGetOperand(op, 0)) ? &u->scalars : &u->bad, op);
  else if (wspOpIs(op, "taskring.dispatch") && dependsOnSlot(mlirOperationGetOperand(op, 1), 0))
    push(&u->dispatches, op);
  else if (!isArith(op) && !wspOpIs(op, "taskring.slot_read"))
    for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i)
      if (dependsOnSlot(mlirOperationGetOperand(op, i), 0)) {
        push(&u->bad, op);
        break;
      }
  return true;
}

static void reportBadUse(Predication *p, MlirOperation op) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  wspEmitErrorf(p->run->context, mlirOperationGetLocation(op),
                "'%.*s' op: uses a value read from device data (wsp.slot_read), which "
                "pto-runtime 41d5c94a cannot deliver to the orchestration; slot values may "
                "only decide an scf.if (predicated on device), be passed unchanged as a task "
                "scalar, or key a dispatch — for a loop bound or an offset, give the host the "
                "value as a wsp.symbol instead",
                (int)name.length, name.data);
  p->failed = true;
}

static void handleOtherUses(Predication *p) {
  UseScan u;
  memset(&u, 0, sizeof u);
  u.p = p;
  wspWalk(p->orch, scanUse, &u);
  for (size_t i = 0; i < u.bad.count; ++i)
    reportBadUse(p, u.bad.ops[i]);
  for (size_t i = 0; i < u.scalars.count && !p->failed; ++i)
    rewriteScalarUse(p, u.scalars.ops[i]);
  for (size_t i = 0; i < u.dispatches.count && !p->failed; ++i) {
    MlirOperation d = u.dispatches.ops[i];
    MlirType i64 = mlirIntegerTypeGet(p->ctx, 64);
    MlirNamedAttribute value = wspNamed(p->ctx, "value", wspI64Attr(p->ctx, -2));
    MlirOperation unknown = wspBuildOp("arith.constant", mlirOperationGetLocation(d),
                                       mlirOperationGetBlock(d), d, 0, NULL, 1, &i64, 1, &value);
    mlirOperationSetOperand(d, 1, mlirOperationGetResult(unknown, 0));
    wspSetAttr(d, "slot_dependent", mlirUnitAttrGet(p->ctx));
  }
  free(u.scalars.ops);
  free(u.dispatches.ops);
  free(u.bad.ops);
}

/*===--- kernel variants --------------------------------------------------===*/

static int64_t nextFuncId(MlirOperation module) {
  int64_t next = 0, id = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(wspModuleBody(module));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (wspOpIs(op, "taskring.kernel") && wspAttrInt(op, "func_id", &id) && id >= next)
      next = id + 1;
  return next;
}

static MlirOperation findKernel(MlirOperation module, MlirStringRef sym) {
  for (MlirOperation op = mlirBlockGetFirstOperation(wspModuleBody(module));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (wspOpIs(op, "taskring.kernel") && mlirStringRefEqual(wspSymName(op), sym))
      return op;
  MlirOperation none = {NULL};
  return none;
}

/* Modes of a variant: the base kernel's, with slot scalars read as inputs,
   then one per guard input. */
static MlirAttribute variantModes(Predication *p, MlirOperation base, MlirOperation submit) {
  intptr_t n = mlirOperationGetNumOperands(submit) - (wspHasAttr(submit, "wsp.serialized") ? 1 : 0);
  MlirAttribute baseModes = wspAttr(base, "modes");
  intptr_t numBase = mlirArrayAttrGetNumElements(baseModes);
  MlirAttribute *modes = wspMalloc(sizeof(MlirAttribute) * (size_t)(n ? n : 1));
  for (intptr_t i = 0; i < n; ++i) {
    MlirOperation def = mlirOpResultGetOwner(mlirOperationGetOperand(submit, i));
    if (i < numBase && !wspHasAttr(def, "taskring.slot_scalar"))
      modes[i] = mlirArrayAttrGetElement(baseModes, i);
    else
      modes[i] = wspStringAttr(p->ctx, wspOpIs(def, "taskring.scalar") ? "scalar" : "in");
  }
  MlirAttribute result = mlirArrayAttrGet(p->ctx, n, modes);
  free(modes);
  return result;
}

static MlirAttribute slotScalarPositions(Predication *p, MlirOperation submit) {
  int64_t positions[64];
  intptr_t count = 0;
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(submit) && count < 64; ++i) {
    MlirOperation def = mlirOpResultGetOwner(mlirOperationGetOperand(submit, i));
    if (wspHasAttr(def, "taskring.slot_scalar"))
      positions[count++] = i;
  }
  return mlirDenseI64ArrayGet(p->ctx, count, positions);
}

static bool needsVariant(MlirOperation submit) {
  if (wspHasAttr(submit, "guards"))
    return true;
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(submit); ++i) {
    MlirValue v = mlirOperationGetOperand(submit, i);
    if (mlirValueIsAOpResult(v) && wspHasAttr(mlirOpResultGetOwner(v), "taskring.slot_scalar"))
      return true;
  }
  return false;
}

/* One variant per guarded submit keeps the IR simple to read and emit; the
   32-kernel limit (taskring-verify) bounds how many a program may have. */
static void createVariant(Predication *p, MlirOperation submit, size_t index) {
  MlirStringRef baseSym = mlirFlatSymbolRefAttrGetValue(wspAttr(submit, "kernel"));
  MlirOperation base = findKernel(p->module, baseSym);
  if (mlirOperationIsNull(base))
    return;
  size_t nameLength = 0;
  const char *baseName = wspAttrStringOr(base, "name", "kernel", &nameLength);
  WspStringBuffer name, sym;
  wspStringBufferInit(&name);
  wspStringBufferInit(&sym);
  /* <kernel>_v<N>, skipping names a user kernel already has (its symbol
     is <name>.kernel): the variant must not redefine it. */
  for (size_t n = index;; ++n) {
    wspStringBufferClear(&name);
    wspStringBufferClear(&sym);
    wspStringBufferAppendf(&name, "%.*s_v%zu", (int)nameLength, baseName, n);
    wspStringBufferAppendf(&sym, "%s.kernel", name.data);
    if (mlirOperationIsNull(findKernel(p->module, mlirStringRefCreate(sym.data, sym.length))))
      break;
  }
  int64_t funcId = nextFuncId(p->module);
  if (funcId >= WSP_RUNTIME_MAX_FUNC_ID) {
    /* Reported here, at the guarded task, rather than by taskring-verify at
       a kernel op the user never wrote. */
    wspEmitErrorf(p->run->context, mlirOperationGetLocation(submit),
                  "'wsp.task' op: this guarded task needs its own kernel variant (%s of "
                  "@%.*s), which would be kernel #%lld of the program; the runtime's kernel "
                  "table has RUNTIME_MAX_FUNC_ID = %d entries; remedy: guard fewer tasks with "
                  "device data (wsp.slot_read), or use fewer kernels",
                  name.data, (int)nameLength, baseName, (long long)funcId + 1,
                  WSP_RUNTIME_MAX_FUNC_ID);
    p->failed = true;
    wspStringBufferFree(&name);
    wspStringBufferFree(&sym);
    return;
  }
  MlirAttribute guards = wspAttr(submit, "guards");
  MlirNamedAttribute attrs[] = {
      wspNamed(p->ctx, "sym_name", wspStringAttr(p->ctx, sym.data)),
      wspNamed(p->ctx, "name", wspStringAttr(p->ctx, name.data)),
      wspNamed(p->ctx, "func_id", wspI64Attr(p->ctx, funcId)),
      wspNamed(p->ctx, "worker", wspAttr(base, "worker")),
      wspNamed(p->ctx, "modes", variantModes(p, base, submit)),
      wspNamed(p->ctx, "impl", wspAttr(base, "impl")),
      wspNamed(p->ctx, "source", wspAttr(base, "source")),
      wspNamed(p->ctx, "base", wspSymbolRefAttr(p->ctx, sym.data) /* replaced below */),
      wspNamed(p->ctx, "base_params",
               wspI64Attr(p->ctx, mlirArrayAttrGetNumElements(wspAttr(base, "modes")))),
      wspNamed(p->ctx, "guards", mlirAttributeIsNull(guards) ? mlirArrayAttrGet(p->ctx, 0, NULL)
                                                             : guards),
      wspNamed(p->ctx, "slot_scalars", slotScalarPositions(p, submit)),
  };
  char *baseCopy = wspStrndup(baseSym.data, baseSym.length);
  attrs[7] = wspNamed(p->ctx, "base", wspSymbolRefAttr(p->ctx, baseCopy));
  free(baseCopy);
  wspBuildOp("taskring.kernel", mlirOperationGetLocation(submit), wspModuleBody(p->module),
             mlirOperationGetNextInBlock(base), 0, NULL, 0, NULL,
             (intptr_t)(sizeof attrs / sizeof attrs[0]), attrs);
  wspSetAttr(submit, "kernel", wspSymbolRefAttr(p->ctx, sym.data));
  wspSetAttr(submit, "func_id", wspI64Attr(p->ctx, funcId));
  wspStringBufferFree(&name);
  wspStringBufferFree(&sym);
}

static bool collectVariantSubmit(MlirOperation op, void *userData) {
  if (wspOpIs(op, "taskring.submit") && needsVariant(op))
    push(userData, op);
  return true;
}

static bool unused(MlirOperation op) {
  for (intptr_t r = 0; r < mlirOperationGetNumResults(op); ++r)
    if (!mlirOpOperandIsNull(mlirValueGetFirstUse(mlirOperationGetResult(op, r))))
      return false;
  return true;
}

static bool collectDeadSlotOp(MlirOperation op, void *userData) {
  bool slotOp = wspOpIs(op, "taskring.slot_read");
  if (!slotOp && isArith(op))
    for (intptr_t i = 0; i < mlirOperationGetNumOperands(op) && !slotOp; ++i)
      slotOp = dependsOnSlot(mlirOperationGetOperand(op, i), 0);
  if (slotOp && unused(op))
    push(userData, op);
  return true;
}

/* The host-side slices are dead once cloned into guards. */
static void eraseDead(Predication *p) {
  bool erased = true;
  while (erased) {
    OpList dead = {NULL, 0};
    wspWalk(p->orch, collectDeadSlotOp, &dead);
    for (size_t i = 0; i < dead.count; ++i)
      mlirOperationDestroy(dead.ops[i]);
    erased = dead.count > 0;
    free(dead.ops);
  }
}

static bool runPredicateSlots(WspPassRun *run) {
  Predication p;
  memset(&p, 0, sizeof p);
  p.run = run;
  p.module = run->op;
  p.ctx = mlirOperationGetContext(run->op);
  p.orch = wspModuleFindOp(run->op, "func.func", "taskring.orchestration");
  if (mlirOperationIsNull(p.orch))
    return true; /* nothing lowered yet: nothing to predicate */
  MlirOperation runtime = wspModuleFindOp(run->op, "taskring.runtime", NULL);
  size_t abiLength = 0;
  const char *abi = mlirOperationIsNull(runtime) ? ""
                                                 : wspAttrStringOr(runtime, "abi", "", &abiLength);
  size_t flavorLength = 0;
  const char *flavor = mlirOperationIsNull(runtime)
                           ? ""
                           : wspAttrStringOr(runtime, "flavor", "", &flavorLength);
  /* host_build_graph has set_predicate at 6ebaf771 too, but its scheduler
     fails intermittently (sched_error_code 101, ASYNC_COMPLETION_INVALID)
     when several predicated tasks are skipped in one run (docs/slots.md):
     that flavor keeps kernel variants. */
  p.dispatchPredicates = abiLength == strlen(WSP_EMIT_SIMPLER_ABI_VERSION) &&
                         strncmp(abi, WSP_EMIT_SIMPLER_ABI_VERSION, abiLength) == 0 &&
                         flavorLength == strlen("tensormap_and_ringbuffer") &&
                         strncmp(flavor, "tensormap_and_ringbuffer", flavorLength) == 0;
  OpList ifs = {NULL, 0};
  wspWalk(p.orch, collectIf, &ifs);
  /* Pre-order lists an scf.if before the ifs nested in it; innermost first
     lets each outer if guard (again) what its inner ones hoisted. */
  for (size_t i = ifs.count; i-- > 0 && !p.failed;)
    predicateIf(&p, ifs.ops[i]);
  free(ifs.ops);
  if (!p.failed)
    handleOtherUses(&p);
  if (!p.failed && p.numDispatch)
    useDispatchPredicates(&p);
  free(p.dispatch);
  if (!p.failed)
    eraseDead(&p);
  OpList submits = {NULL, 0};
  if (!p.failed)
    wspWalk(p.orch, collectVariantSubmit, &submits);
  for (size_t i = 0; i < submits.count && !p.failed; ++i)
    createVariant(&p, submits.ops[i], i);
  free(submits.ops);
  return !p.failed;
}

const WspPassInfo taskringPredicateSlotsPassInfo = {
    .name = "taskring-predicate-slots",
    .summary = "Turn control flow on slot reads (device data) into device-side guarded tasks",
    .options = NULL,
    .numOptions = 0,
    .run = runPredicateSlots,
    .pipeline = NULL,
};
