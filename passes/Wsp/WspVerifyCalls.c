/* wsp-verify, call rules: a wsp.task or wsp.spawn names an existing kernel
   or process and passes one boxed argument per parameter, with the declared
   mode and a matching type; the boxing ops hold what they may hold. */
#include "WspVerifyCommon.h"
#include "WspVerifyRules.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

/* What differs between a task (calls a kernel) and a spawn (a process). */
typedef struct CallKind {
  const char *opName;     /* "wsp.task" */
  const char *refAttr;    /* the attribute naming the callee: "kernel" */
  const char *calleeRole; /* "kernel" */
  const char *calleeAttr; /* the callee's marker: "wsp.kernel" */
  const char *what;       /* "tasks are submitted" */
  const char *markerHint; /* how to make a function a callee */
  bool allowChannels;     /* spawns pass channels, tasks never do */
} CallKind;

static const CallKind kTask = {
    .opName = "wsp.task",
    .refAttr = "kernel",
    .calleeRole = "kernel",
    .calleeAttr = "wsp.kernel",
    .what = "tasks are submitted",
    .markerHint = "wsp.kernel = \"aiv\" (or \"aic\") and wsp.access",
    .allowChannels = false,
};

static const CallKind kSpawn = {
    .opName = "wsp.spawn",
    .refAttr = "process",
    .calleeRole = "process",
    .calleeAttr = "wsp.process",
    .what = "processes are started",
    .markerHint = "wsp.process and wsp.access",
    .allowChannels = true,
};

/* Rule: tasks and spawns run in the orchestration, i.e. in the workload or
   in a process; a kernel or a plain helper function is never orchestrated. */
static void verifyPlacement(WspVerifier *v, MlirOperation op, const CallKind *kind) {
  MlirOperation func = wspVerifyEnclosingFunc(op);
  if (!mlirOperationIsNull(func) &&
      (wspVerifyFuncHas(func, "wsp.workload") || wspVerifyFuncHas(func, "wsp.process")))
    return;
  wspVerifyError(v, op,
                 "'%s' op: %s only from a workload or a process, not from %s; move it into "
                 "the workload or into a process",
                 kind->opName, kind->what, wspVerifyDescribeFunc(v, func));
}

/* Rule: the callee attribute names a kernel (task) or process (spawn) of
   the module. Returns the callee, or null after an error. */
static MlirOperation resolveCallee(WspVerifier *v, MlirOperation op, const CallKind *kind) {
  MlirAttribute ref = wspVerifyOpAttr(op, kind->refAttr);
  if (!mlirAttributeIsAFlatSymbolRef(ref)) {
    wspVerifyError(v, op,
                   "'%s' op: %s = %s is not a flat symbol reference; name a top-level %s, "
                   "e.g. %s = @name",
                   kind->opName, kind->refAttr, wspVerifyAttrText(v, ref), kind->calleeRole,
                   kind->refAttr);
    return (MlirOperation){NULL};
  }
  MlirStringRef name = mlirFlatSymbolRefAttrGetValue(ref);
  MlirOperation callee = mlirSymbolTableLookup(v->symbols, name);
  const char *text = NULL; /* copied only for a report: the verifier keeps each copy */
  if (mlirOperationIsNull(callee)) {
    text = wspVerifyStringText(v, name);
    wspVerifyError(v, op,
                   "'%s' op: %s @%s does not exist; define func.func @%s with %s, or fix the "
                   "name",
                   kind->opName, kind->calleeRole, text, text, kind->markerHint);
    return callee;
  }
  if (!wspVerifyOpIs(callee, "func.func") || !wspVerifyFuncHas(callee, kind->calleeAttr)) {
    text = wspVerifyStringText(v, name);
    wspVerifyError(v, op,
                   "'%s' op: @%s is not a %s (it has no '%s'); add %s to @%s, or name a %s",
                   kind->opName, text, kind->calleeRole, kind->calleeAttr, kind->markerHint,
                   text, kind->calleeRole);
    return (MlirOperation){NULL};
  }
  return callee;
}

static const char *typeRemedy(MlirType type) {
  if (mlirTypeIsAMemRef(type))
    return "tensors agree in element type, rank and static sizes (layouts may differ): "
           "pass a view of that shape";
  if (wspVerifyIsChannelType(type))
    return "pass a channel of that token type";
  return "convert the value (e.g. with arith.extsi, arith.sitofp or arith.index_cast) "
         "before boxing it";
}

/* Rule: argument #i matches parameter #i: made by a boxing op, channels only
   for spawns, the box's mode equals wsp.access[i], the boxed type fits. */
static void verifyArgument(WspVerifier *v, MlirOperation op, const CallKind *kind,
                           MlirOperation callee, intptr_t i) {
  MlirOperation box = wspVerifyDefiningOp(mlirOperationGetOperand(op, i));
  WspAccessMode boxMode = mlirOperationIsNull(box) ? WSP_ACCESS_INVALID : wspVerifyBoxMode(box);
  if (boxMode == WSP_ACCESS_INVALID) {
    wspVerifyError(v, op,
                   "'%s' op: argument #%ld is not made by wsp.in, wsp.out, wsp.inout or "
                   "wsp.scalar, so its access mode is unknown; box each argument with the "
                   "op of its mode",
                   kind->opName, (long)i);
    return;
  }
  MlirType boxed = mlirValueGetType(mlirOperationGetOperand(box, 0));
  if (!kind->allowChannels && wspVerifyIsChannelType(boxed)) {
    wspVerifyError(v, op,
                   "'%s' op: argument #%ld is a channel ('%s'); channels are passed only to "
                   "wsp.spawn, a task takes tiles and scalars: pass the channel to a process",
                   kind->opName, (long)i, wspVerifyTypeText(v, boxed));
    return;
  }
  WspAccessMode declared = wspVerifyFuncAccess(callee, i);
  if (declared == WSP_ACCESS_INVALID)
    return; /* the callee's malformed wsp.access is reported at the callee */
  /* Copied only for a report: the verifier keeps every text it makes. */
  const char *calleeName = NULL;
  if (boxMode != declared) {
    calleeName = wspVerifyStringText(v, wspVerifyFuncName(callee));
    wspVerifyError(v, op,
                   "'%s' op: argument #%ld is passed as 'wsp.%s' but %s @%s declares parameter "
                   "#%ld \"%s\"; box it with 'wsp.%s' (or change wsp.access of @%s)",
                   kind->opName, (long)i, wspVerifyAccessModeName(boxMode), kind->calleeRole,
                   calleeName, (long)i, wspVerifyAccessModeName(declared), wspVerifyAccessModeName(declared),
                   calleeName);
    return;
  }
  MlirType param = wspVerifyFuncInput(callee, i);
  bool agree = mlirTypeIsAMemRef(param) ? wspVerifyMemRefsAgree(boxed, param)
                                        : mlirTypeEqual(boxed, param);
  if (!agree) {
    calleeName = wspVerifyStringText(v, wspVerifyFuncName(callee));
    wspVerifyError(v, op,
                   "'%s' op: argument #%ld has type '%s' but %s @%s expects '%s' (parameter "
                   "#%ld); %s",
                   kind->opName, (long)i, wspVerifyTypeText(v, boxed), kind->calleeRole,
                   calleeName, wspVerifyTypeText(v, param), (long)i, typeRemedy(param));
  }
}

static void verifyCall(WspVerifier *v, MlirOperation op, const CallKind *kind) {
  verifyPlacement(v, op, kind);
  MlirOperation callee = resolveCallee(v, op, kind);
  if (mlirOperationIsNull(callee))
    return;
  intptr_t numParams = 0;
  wspVerifyFuncInputs(callee, &numParams);
  intptr_t numArgs = mlirOperationGetNumOperands(op);
  if (numArgs != numParams) {
    wspVerifyError(v, op,
                   "'%s' op: %ld arguments for %s @%s, which has %ld parameters; pass exactly "
                   "one argument per parameter",
                   kind->opName, (long)numArgs, kind->calleeRole,
                   wspVerifyStringText(v, wspVerifyFuncName(callee)), (long)numParams);
    return;
  }
  for (intptr_t i = 0; i < numArgs; ++i)
    verifyArgument(v, op, kind, callee, i);
}

void wspVerifyTask(WspVerifier *v, MlirOperation op) { verifyCall(v, op, &kTask); }

void wspVerifySpawn(WspVerifier *v, MlirOperation op) { verifyCall(v, op, &kSpawn); }

/*===--- boxing ops -------------------------------------------------------===*/

static bool isViewOp(MlirOperation op) {
  return wspVerifyOpIs(op, "memref.subview") || wspVerifyOpIs(op, "memref.cast");
}

/* Follows the views the lowering follows (memref.subview, memref.cast) back
   to the value the tile is a view of. */
static MlirValue viewRoot(MlirValue value) {
  for (MlirOperation def = wspVerifyDefiningOp(value); !mlirOperationIsNull(def) && isViewOp(def);
       def = wspVerifyDefiningOp(value))
    value = mlirOperationGetOperand(def, 0);
  return value;
}

/* Describes where a tile comes from when that is not allowed. Returns NULL
   when it is a parameter of `func` (a workload tensor, or a tensor a spawn
   passed to a process) or an allocation, and also when it is made by an op
   without regions, which V2 (WspVerifyViews.c) reports at that op. */
static const char *badTileOrigin(WspVerifier *v, MlirValue root, MlirOperation func) {
  MlirOperation def = wspVerifyDefiningOp(root);
  if (!mlirOperationIsNull(def)) {
    if (wspVerifyOpIs(def, "memref.alloc") || wspVerifyOpIs(def, "memref.alloca") ||
        mlirOperationGetNumRegions(def) == 0)
      return NULL;
    return wspVerifyStringText(v, mlirIdentifierStr(mlirOperationGetName(def)));
  }
  MlirBlock owner = mlirBlockArgumentGetOwner(root);
  if (!mlirOperationIsNull(func) && mlirBlockEqual(owner, wspVerifyFuncEntryBlock(func)))
    return NULL;
  MlirOperation parent = mlirBlockGetParentOperation(owner);
  return wspVerifyStringText(v, mlirIdentifierStr(mlirOperationGetName(parent)));
}

/* Rule B2: a tile a task or spawn takes (in, out or inout) is a view of a
   workload tensor or of an allocation, so that lowering knows which runtime
   tensor it addresses and can derive dependencies from the overlap of
   views. */
static void verifyTileOrigin(WspVerifier *v, MlirOperation box) {
  MlirValue value = mlirOperationGetOperand(box, 0);
  if (!mlirTypeIsAMemRef(mlirValueGetType(value)))
    return;
  MlirValue root = viewRoot(value);
  const char *origin = badTileOrigin(v, root, wspVerifyEnclosingFunc(box));
  if (!origin)
    return;
  bool read = wspVerifyBoxMode(box) == WSP_ACCESS_IN;
  wspVerifyError(v, box,
                 "'%s' op: the tile %s is not a view of a workload tensor or of an "
                 "allocation (it comes from %s'%s'); pass a memref.subview / memref.cast of a "
                 "function parameter or of memref.alloc / memref.alloca",
                 wspVerifyStringText(v, mlirIdentifierStr(mlirOperationGetName(box))),
                 read ? "read" : "written",
                 mlirValueIsABlockArgument(root) ? "a block argument of " : "", origin);
}

/* Rule: a scalar argument is one 64-bit runtime word (IRDL admits any
   integer width). */
static void verifyScalarBox(WspVerifier *v, MlirOperation box) {
  MlirType type = mlirValueGetType(mlirOperationGetOperand(box, 0));
  if (wspVerifyIsWordScalar(type))
    return;
  wspVerifyError(v, box,
                 "'wsp.scalar' op: boxes a '%s'; a scalar argument travels as one 64-bit word: "
                 "use " WSP_WORD_SCALARS,
                 wspVerifyTypeText(v, type));
}

void wspVerifyBox(WspVerifier *v, MlirOperation op) {
  switch (wspVerifyBoxMode(op)) {
  case WSP_ACCESS_SCALAR:
    verifyScalarBox(v, op);
    break;
  case WSP_ACCESS_IN:
  case WSP_ACCESS_OUT:
  case WSP_ACCESS_INOUT:
    verifyTileOrigin(v, op);
    break;
  default:
    break;
  }
}
