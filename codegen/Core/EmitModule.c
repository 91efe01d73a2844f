/* Reads a lowered taskring module (docs/lowering.md) into a WspEmitState:
   the runtime configuration, the kernels, the orchestration function and its
   arguments, and how each tensor argument is accessed. Everything the printers
   rely on is checked here, so that malformed (but structurally valid) IR ends
   in a located error, never in broken C++. */
#include <stdlib.h>
#include <string.h>

#include "EmitInternal.h"
#include "IRUtil.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "wsp-c/Diagnostics.h"

/* Scalar dtype names for orchestration scalars (manifest only). */
static const char *scalarDtype(MlirType t) {
  if (mlirTypeIsAIndex(t))
    return "index";
  if (mlirTypeIsAInteger(t) && mlirIntegerTypeGetWidth(t) == 1)
    return "bool";
  return wspDtypeName(t);
}

static MlirLocation opLoc(MlirOperation op) { return mlirOperationGetLocation(op); }

/*===--- runtime config ---------------------------------------------------===*/

static bool readInt(WspEmitState *st, MlirOperation op, const char *name, int64_t *value) {
  if (wspAttrInt(op, name, value))
    return true;
  wspEmitErrorf(st->context, opLoc(op), "'taskring.runtime' needs an integer attribute '%s'", name);
  return false;
}

/* The optional per-ring sizes taskring-size-resources records. */
static void readRing(MlirOperation op, const char *name, int64_t out[4]) {
  MlirAttribute a = mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString(name));
  for (int k = 0; k < 4; ++k)
    out[k] = 0;
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseI64Array(a) ||
      mlirDenseArrayGetNumElements(a) != 4)
    return;
  for (int k = 0; k < 4; ++k)
    out[k] = mlirDenseI64ArrayGetElement(a, k);
}

static void readRings(WspEmitState *st, MlirOperation op) {
  int64_t need[4];
  readRing(op, "ring_windows", st->ringWindows);
  readRing(op, "ring_heaps", st->ringHeaps);
  readRing(op, "ring_dep_pools", st->ringDepPools);
  readRing(op, "ring_task_need", need);
  st->numRingsUsed = 0;
  for (int k = 0; k < 4; ++k)
    st->numRingsUsed += need[k] > 0;
  st->minTaskWindow = 0;
  wspAttrInt(op, "min_task_window", &st->minTaskWindow);
}

static bool checkTaskWindow(WspEmitState *st) {
  int64_t w = st->taskWindow;
  if (w == 0 || st->flavor != WSP_FLAVOR_TMR)
    return true;
  if (w < 4 || (w & (w - 1)) != 0) {
    wspEmitErrorf(st->context, opLoc(st->runtimeOp),
                  "task_window %lld cannot be honoured by tensormap_and_ringbuffer: "
                  "PTO2_RING_TASK_WINDOW must be a power of two >= 4",
                  (long long)w);
    return false;
  }
  return true;
}

static bool readRuntimeAttrs(WspEmitState *st, MlirOperation op) {
  char *flavor = wspEmitStringAttr(op, "flavor");
  bool ok = true;
  if (flavor && strcmp(flavor, "tensormap_and_ringbuffer") == 0) {
    st->flavor = WSP_FLAVOR_TMR;
    st->flavorName = "tensormap_and_ringbuffer";
  } else if (flavor && strcmp(flavor, "host_build_graph") == 0) {
    st->flavor = WSP_FLAVOR_HBG;
    st->flavorName = "host_build_graph";
  } else {
    wspEmitErrorf(st->context, opLoc(op),
                  "unknown runtime flavor '%s': expected 'tensormap_and_ringbuffer' or "
                  "'host_build_graph'",
                  flavor ? flavor : "");
    ok = false;
  }
  free(flavor);
  ok = ok && readInt(st, op, "task_window", &st->taskWindow) &&
       readInt(st, op, "heap_bytes", &st->heapBytes) && readInt(st, op, "dep_pool", &st->depPool) &&
       readInt(st, op, "aicpu_threads", &st->aicpuThreads) &&
       readInt(st, op, "block_dim", &st->blockDim);
  if (!ok)
    return false;
  st->abi = wspEmitStringAttr(op, "abi");
  if (!st->target) /* no target named: the module's abi says which */
    for (size_t i = 0; st->abi && i < st->numTargets; ++i)
      if (strcmp(st->abi, st->targets[i]->abi) == 0)
        st->target = st->targets[i];
  if (!st->target) {
    wspEmitErrorf(st->context, opLoc(op),
                  "artifact ABI '%s' is not one this emitter produces ('%s' or '%s'); lower the "
                  "program again with this compiler",
                  st->abi ? st->abi : "", WSP_EMIT_ABI_VERSION, WSP_EMIT_SIMPLER_ABI_VERSION);
    return false;
  }
  if (!st->abi || strcmp(st->abi, st->target->abi) != 0) {
    wspEmitErrorf(st->context, opLoc(op),
                  "artifact ABI '%s' is not the one target '%s' produces ('%s'); lower the "
                  "program again for that target (wsp-to-taskring{target=%s})",
                  st->abi ? st->abi : "", st->target->name, st->target->abi, st->target->name);
    return false;
  }
  st->windowMode = wspEmitStringAttr(op, "window_mode");
  readRings(st, op);
  if (st->taskWindow < 0 || st->heapBytes < 0 || st->depPool < 0 || st->blockDim <= 0 ||
      st->aicpuThreads <= 0) {
    wspEmitErrorf(st->context, opLoc(op),
                  "'taskring.runtime' sizes must be non-negative and block_dim, aicpu_threads "
                  "positive");
    return false;
  }
  if (st->flavor == WSP_FLAVOR_TMR && st->target->tmrNeedsFourThreads && st->aicpuThreads != 4) {
    /* At 41d5c94a the orchestrator runs on AICPU thread 3: any other count
       never starts it and the run hangs. */
    wspEmitErrorf(st->context, opLoc(op),
                  "tensormap_and_ringbuffer at 41d5c94a needs aicpu_threads = 4 (3 schedulers + "
                  "the orchestrator on thread 3), got %lld",
                  (long long)st->aicpuThreads);
    return false;
  }
  return checkTaskWindow(st);
}

static bool findRuntime(WspEmitState *st, MlirBlock body) {
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (!wspEmitOpIs(op, "taskring.runtime"))
      continue;
    if (!mlirOperationIsNull(st->runtimeOp)) {
      wspEmitErrorf(st->context, opLoc(op),
                    "a module holds one artifact: a second 'taskring.runtime' op");
      return false;
    }
    st->runtimeOp = op;
  }
  if (mlirOperationIsNull(st->runtimeOp)) {
    wspEmitErrorf(st->context, mlirOperationGetLocation(mlirModuleGetOperation(st->module)),
                  "no 'taskring.runtime' op: the module is not in the lowered taskring form "
                  "(run the wsp-to-taskring pipeline first)");
    return false;
  }
  return readRuntimeAttrs(st, st->runtimeOp);
}

/*===--- kernels ----------------------------------------------------------===*/

static MlirOperation lookupFunc(MlirBlock body, MlirStringRef name) {
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (!wspEmitOpIs(op, "func.func"))
      continue;
    MlirStringRef sym = wspSymName(op);
    bool same = sym.length == name.length &&
                (!name.length || memcmp(sym.data, name.data, name.length) == 0);
    if (same)
      return op;
  }
  MlirOperation none = {NULL};
  return none;
}

static bool readModes(WspEmitState *st, WspEmitKernel *k) {
  MlirAttribute modes = wspAttr(k->op, "modes");
  if (mlirAttributeIsNull(modes) || !mlirAttributeIsAArray(modes)) {
    wspEmitErrorf(st->context, opLoc(k->op), "kernel '%s' needs a 'modes' array", k->symName);
    return false;
  }
  k->numModes = (size_t)mlirArrayAttrGetNumElements(modes);
  k->modes = wspCalloc(k->numModes ? k->numModes : 1, sizeof(WspParamMode));
  static const char *const kNames[] = {"scalar", "in", "out", "inout"};
  for (size_t i = 0; i < k->numModes; ++i) {
    MlirAttribute m = mlirArrayAttrGetElement(modes, (intptr_t)i);
    bool found = false;
    for (int j = 0; j < 4 && mlirAttributeIsAString(m); ++j) {
      MlirStringRef v = mlirStringAttrGetValue(m);
      if (v.length == strlen(kNames[j]) && memcmp(v.data, kNames[j], v.length) == 0) {
        k->modes[i] = (WspParamMode)j;
        found = true;
      }
    }
    if (!found) {
      wspEmitErrorf(st->context, opLoc(k->op),
                    "kernel '%s' mode %zu must be one of \"in\", \"out\", \"inout\", \"scalar\"",
                    k->symName, i);
      return false;
    }
  }
  return true;
}

/* A generated kernel's body: a func.func whose parameters match `modes`. */
static bool checkGeneratedBody(WspEmitState *st, WspEmitKernel *k, MlirAttribute source) {
  if (!mlirAttributeIsAFlatSymbolRef(source)) {
    wspEmitErrorf(st->context, opLoc(k->op),
                  "kernel '%s' has impl = \"generated\": 'source' must be a symbol reference to "
                  "its func.func",
                  k->symName);
    return false;
  }
  MlirStringRef target = mlirFlatSymbolRefAttrGetValue(source);
  k->body = lookupFunc(mlirModuleGetBody(st->module), target);
  if (mlirOperationIsNull(k->body) || wspFuncIsDeclaration(k->body)) {
    wspEmitErrorf(st->context, opLoc(k->op), "kernel '%s': no func.func @%.*s with a body",
                  k->symName, (int)target.length, target.data);
    return false;
  }
  /* A variant's body is its base kernel's: base_params parameters, with
     slot scalars as scalars (docs/slots.md). */
  MlirBlock entry = wspFuncEntryBlock(k->body);
  size_t numParams = wspEmitBodyParams(k);
  if ((size_t)mlirBlockGetNumArguments(entry) != numParams) {
    wspEmitErrorf(st->context, opLoc(k->body),
                  "kernel body @%.*s has %zd parameters but kernel '%s' declares %zu %s",
                  (int)target.length, target.data, mlirBlockGetNumArguments(entry), k->symName,
                  numParams, k->variant ? "base params" : "modes");
    return false;
  }
  for (size_t i = 0; i < numParams; ++i) {
    MlirType t = mlirValueGetType(mlirBlockGetArgument(entry, (intptr_t)i));
    bool isTensor = mlirTypeIsAMemRef(t);
    WspParamMode mode = wspEmitBodyMode(k, i);
    if (isTensor != (mode != WSP_MODE_SCALAR)) {
      wspEmitErrorf(st->context, opLoc(k->body),
                    "kernel body @%.*s parameter %zu: mode \"%s\" needs a %s parameter",
                    (int)target.length, target.data, i,
                    mode == WSP_MODE_SCALAR ? "scalar" : "tensor",
                    mode == WSP_MODE_SCALAR ? "scalar" : "memref");
      return false;
    }
  }
  return true;
}

static bool readKernelSource(WspEmitState *st, WspEmitKernel *k) {
  MlirAttribute source = wspAttr(k->op, "source");
  char *impl = wspEmitStringAttr(k->op, "impl");
  bool ok = true;
  if (impl && strcmp(impl, "generated") == 0) {
    k->impl = "generated";
    ok = !mlirAttributeIsNull(source) && checkGeneratedBody(st, k, source);
  } else if (impl && (strcmp(impl, "source") == 0 || strcmp(impl, "builtin") == 0)) {
    k->impl = strcmp(impl, "source") == 0 ? "source" : "builtin";
    k->userSource = wspEmitStringAttr(k->op, "source");
    if (!k->userSource) {
      wspEmitErrorf(st->context, opLoc(k->op),
                    "kernel '%s' has impl = \"%s\": 'source' must be a string", k->symName,
                    k->impl);
      ok = false;
    } else if (k->impl[0] == 'b' && strcmp(k->userSource, "alloc") != 0) {
      wspEmitErrorf(st->context, opLoc(k->op),
                    "kernel '%s': unknown builtin kernel '%s' (the emitter knows 'alloc')",
                    k->symName, k->userSource);
      ok = false;
    }
  } else {
    wspEmitErrorf(st->context, opLoc(k->op),
                  "kernel '%s': impl must be \"generated\", \"source\" or \"builtin\", got '%s'",
                  k->symName, impl ? impl : "");
    ok = false;
  }
  free(impl);
  return ok;
}

static bool readKernelIdentity(WspEmitState *st, WspEmitKernel *k) {
  k->symName = wspEmitStringAttr(k->op, "sym_name");
  if (!k->symName)
    k->symName = wspStrdup("");
  char *name = wspEmitStringAttr(k->op, "name");
  k->name = name ? wspEmitIdentifier(name, strlen(name))
                 : wspEmitIdentifier(k->symName, strlen(k->symName));
  free(name);
  char *worker = wspEmitStringAttr(k->op, "worker");
  bool workerOk = worker && (strcmp(worker, "aiv") == 0 || strcmp(worker, "aic") == 0);
  k->cube = workerOk && strcmp(worker, "aic") == 0;
  free(worker);
  if (!workerOk) {
    wspEmitErrorf(st->context, opLoc(k->op), "kernel '%s': worker must be \"aiv\" or \"aic\"",
                  k->symName);
    return false;
  }
  if (!wspAttrInt(k->op, "func_id", &k->funcId) || k->funcId < 0 ||
      k->funcId >= WSP_EMIT_MAX_FUNC_ID) {
    wspEmitErrorf(st->context, opLoc(k->op),
                  "kernel '%s': func_id must be an integer in [0, %d) (RUNTIME_MAX_FUNC_ID at "
                  "41d5c94a)",
                  k->symName, WSP_EMIT_MAX_FUNC_ID);
    return false;
  }
  WspStringBuffer path;
  wspStringBufferInit(&path);
  wspStringBufferAppendf(&path, "kernels/%s/%s.cpp", k->cube ? "aic" : "aiv", k->name);
  k->path = wspStringBufferTake(&path);
  return true;
}

static bool checkKernelUnique(WspEmitState *st, const WspEmitKernel *k) {
  for (size_t i = 0; i + 1 < st->numKernels; ++i) {
    const WspEmitKernel *o = &st->kernels[i];
    if (o->funcId == k->funcId) {
      wspEmitErrorf(st->context, opLoc(k->op), "kernel '%s' reuses func_id %lld of kernel '%s'",
                    k->symName, (long long)k->funcId, o->symName);
      return false;
    }
    if (strcmp(o->path, k->path) == 0) {
      wspEmitErrorf(st->context, opLoc(k->op),
                    "kernels '%s' and '%s' would both be written to %s; give them distinct names",
                    o->symName, k->symName, k->path);
      return false;
    }
  }
  return true;
}

static bool readKernels(WspEmitState *st, MlirBlock body) {
  size_t capacity = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (!wspEmitOpIs(op, "taskring.kernel"))
      continue;
    if (st->numKernels == capacity) {
      capacity = capacity ? capacity * 2 : 8;
      st->kernels = wspRealloc(st->kernels, capacity * sizeof(WspEmitKernel));
    }
    WspEmitKernel *k = &st->kernels[st->numKernels++];
    memset(k, 0, sizeof *k);
    k->op = op;
    if (!readKernelIdentity(st, k) || !readModes(st, k) || !wspEmitReadVariantAttrs(st, k) ||
        !readKernelSource(st, k) || !checkKernelUnique(st, k))
      return false;
  }
  return true;
}

static bool findOrchestration(WspEmitState *st, MlirBlock body) {
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (!wspEmitOpIs(op, "func.func") || !wspHasAttr(op, "taskring.orchestration"))
      continue;
    if (!mlirOperationIsNull(st->orchFunc)) {
      wspEmitErrorf(st->context, opLoc(op),
                    "a second orchestration function: an artifact has exactly one");
      return false;
    }
    st->orchFunc = op;
  }
  if (mlirOperationIsNull(st->orchFunc) || wspFuncIsDeclaration(st->orchFunc)) {
    wspEmitErrorf(st->context, mlirOperationGetLocation(mlirModuleGetOperation(st->module)),
                  "no orchestration function (a func.func with a body and the "
                  "'taskring.orchestration' attribute)");
    return false;
  }
  MlirStringRef name = wspSymName(st->orchFunc);
  st->workload = wspEmitIdentifier(name.data, name.length);
  return true;
}

static WspEmitArg *addArg(WspEmitState *st, size_t index) {
  if (index >= st->numArgs) {
    st->args = wspRealloc(st->args, (index + 1) * sizeof(WspEmitArg));
    memset(st->args + st->numArgs, 0, (index + 1 - st->numArgs) * sizeof(WspEmitArg));
    for (size_t i = st->numArgs; i <= index; ++i)
      st->args[i].initArg = st->args[i].initOf = -1;
    st->numArgs = index + 1;
  }
  return &st->args[index];
}

static bool isSupportedScalar(MlirType t) {
  if (mlirTypeIsAIndex(t) || mlirTypeIsAF32(t) || mlirTypeIsAF64(t))
    return true;
  if (!mlirTypeIsAInteger(t))
    return false;
  unsigned w = mlirIntegerTypeGetWidth(t);
  return w == 1 || w == 8 || w == 16 || w == 32 || w == 64;
}

static bool checkTensorType(WspEmitState *st, MlirType t, MlirLocation loc, const char *what) {
  int64_t rank = mlirShapedTypeGetRank(t);
  if (rank < 1 || rank > WSP_EMIT_MAX_TENSOR_RANK) {
    wspEmitErrorf(st->context, loc, "%s has rank %lld; the runtime's tensors have rank 1 to %d",
                  what, (long long)rank, WSP_EMIT_MAX_TENSOR_RANK);
    return false;
  }
  for (int64_t d = 0; d < rank; ++d)
    if (mlirShapedTypeIsDynamicDim(t, (intptr_t)d)) {
      wspEmitErrorf(st->context, loc,
                    "%s has a dynamic dimension; artifact tensors need static shapes", what);
      return false;
    }
  MlirType element = mlirShapedTypeGetElementType(t);
  if (!wspEmitRuntimeDataType(wspDtypeName(element)) || !wspCppScalarType(element)) {
    char *s = wspTypeToString(element);
    wspEmitErrorf(st->context, loc, "%s has element type %s, which the emitter does not support",
                  what, s);
    free(s);
    return false;
  }
  return true;
}

static char *argName(MlirOperation func, size_t i) {
  MlirAttribute names = wspAttr(func, "taskring.arg_names");
  if (!mlirAttributeIsNull(names) && mlirAttributeIsAArray(names) &&
      (intptr_t)i < mlirArrayAttrGetNumElements(names)) {
    MlirAttribute a = mlirArrayAttrGetElement(names, (intptr_t)i);
    if (mlirAttributeIsAString(a)) {
      MlirStringRef v = mlirStringAttrGetValue(a);
      return wspEmitIdentifier(v.data, v.length);
    }
  }
  WspStringBuffer b;
  wspStringBufferInit(&b);
  wspStringBufferAppendf(&b, "arg%zu", i);
  return wspStringBufferTake(&b);
}

static bool readFunctionArgs(WspEmitState *st) {
  MlirBlock entry = wspFuncEntryBlock(st->orchFunc);
  size_t n = (size_t)mlirBlockGetNumArguments(entry);
  for (size_t i = 0; i < n; ++i) {
    MlirValue v = mlirBlockGetArgument(entry, (intptr_t)i);
    WspEmitArg *a = addArg(st, i);
    a->name = argName(st->orchFunc, i);
    a->type = mlirValueGetType(v);
    a->loc = mlirValueGetLocation(v);
    a->isTensor = mlirTypeIsAMemRef(a->type);
    if (a->isTensor) {
      if (!checkTensorType(st, a->type, opLoc(st->orchFunc), "an orchestration tensor argument"))
        return false;
      a->dtype = wspDtypeName(mlirShapedTypeGetElementType(a->type));
    } else if (isSupportedScalar(a->type)) {
      a->dtype = scalarDtype(a->type);
    } else {
      char *s = wspTypeToString(a->type);
      wspEmitErrorf(st->context, opLoc(st->orchFunc),
                    "orchestration argument %zu has type %s; arguments are tensors (memref) or "
                    "integer, index, f32 or f64 scalars",
                    i, s);
      free(s);
      return false;
    }
  }
  st->numProgramArgs = n;
  return true;
}

typedef struct ArgWalk {
  WspEmitState *st;
  size_t numFuncArgs;
  bool ok;
} ArgWalk;

static bool readSymbolArg(ArgWalk *w, MlirOperation op) {
  WspEmitState *st = w->st;
  int64_t index;
  MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
  if (!wspAttrInt(op, "index", &index) || index < (int64_t)w->numFuncArgs ||
      index >= WSP_EMIT_MAX_ORCH_ARGS) {
    wspEmitErrorf(st->context, opLoc(op),
                  "'taskring.arg' index must be an integer in [%zu, %d): after the "
                  "orchestration function's own arguments, below the runner's limit",
                  w->numFuncArgs, WSP_EMIT_MAX_ORCH_ARGS);
    return false;
  }
  if ((size_t)index < st->numArgs && st->args[index].name) {
    wspEmitErrorf(st->context, opLoc(op), "orchestration argument %lld is defined twice",
                  (long long)index);
    return false;
  }
  if (!isSupportedScalar(t)) {
    wspEmitErrorf(st->context, opLoc(op),
                  "'taskring.arg' of this type cannot be passed through the runtime's u64 "
                  "argument slots (use an integer, index, f32 or f64)");
    return false;
  }
  char *name = wspEmitStringAttr(op, "name");
  WspEmitArg *a = addArg(st, (size_t)index);
  a->symbolName = name ? name : wspStrdup("");
  a->name = wspEmitIdentifier(a->symbolName, strlen(a->symbolName));
  a->type = t;
  a->dtype = scalarDtype(t);
  a->loc = opLoc(op);
  a->isSymbol = true;
  return true;
}

/* What a task truly does with one tensor param: the kernel's declared mode
   at the param's position. The param op's own mode is not it: the lowering
   widens in/out to inout only so that the TensorMap orders WAW and WAR
   (docs/passes.md, "Modes"), and reading that as "read" would make every
   rewritten output an input needing its initial contents. A variant with
   guards, or a task with a dispatch predicate, may skip its body, which
   leaves the old contents: its writes count as reads too. A serialization
   token (past the kernel's modes) only orders tasks. */
static unsigned paramAccess(const WspEmitState *st, MlirOperation param) {
  unsigned bits = 0;
  WspParamMode own = wspEmitParamModeOf(param);
  MlirValue result = mlirOperationGetResult(param, 0);
  for (MlirOpOperand use = mlirValueGetFirstUse(result); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use)) {
    MlirOperation submit = mlirOpOperandGetOwner(use);
    const WspEmitKernel *k = wspEmitOpIs(submit, "taskring.submit")
                                 ? wspEmitFindKernel(st, wspAttr(submit, "kernel"))
                                 : NULL;
    size_t pos = mlirOpOperandGetOperandNumber(use);
    if (!k) {
      bits |= own; /* not a submit of a known kernel: the emitter reports it later */
      continue;
    }
    if (pos >= k->numModes)
      continue;
    WspParamMode mode = k->modes[pos] == WSP_MODE_SCALAR ? own : k->modes[pos];
    bool maySkip = (k->variant && k->variant->numTerms) ||
                   !mlirOperationIsNull(wspEmitSubmitPredicate(submit));
    if (maySkip && (mode & WSP_MODE_OUT))
      mode = WSP_MODE_INOUT;
    bits |= mode;
  }
  return bits;
}

static void accumulateAccess(const WspEmitState *st, MlirValue tensor, unsigned *bits,
                             int depth) {
  for (MlirOpOperand use = mlirValueGetFirstUse(tensor); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use)) {
    MlirOperation user = mlirOpOperandGetOwner(use);
    if (wspEmitOpIs(user, "taskring.view") && mlirOpOperandGetOperandNumber(use) == 0 &&
        depth < 64)
      accumulateAccess(st, mlirOperationGetResult(user, 0), bits, depth + 1);
    else if (wspEmitOpIs(user, "taskring.input") || wspEmitOpIs(user, "taskring.output") ||
             wspEmitOpIs(user, "taskring.inout"))
      *bits |= paramAccess(st, user);
    else if (!wspEmitOpIs(user, "taskring.slot_read") && !wspEmitOpIs(user, "taskring.predicate"))
      *bits |= WSP_MODE_INOUT; /* an unknown use: assume the worst */
  }
}

static bool readExternal(ArgWalk *w, MlirOperation op) {
  WspEmitState *st = w->st;
  MlirValue v = mlirOperationGetOperand(op, 0);
  int64_t index;
  bool isArg = mlirValueIsABlockArgument(v) &&
               mlirBlockEqual(mlirBlockArgumentGetOwner(v), wspFuncEntryBlock(st->orchFunc));
  if (!isArg || !wspAttrInt(op, "index", &index) ||
      index != (int64_t)mlirBlockArgumentGetArgNumber(v)) {
    wspEmitErrorf(st->context, opLoc(op),
                  "'taskring.tensor_external' must take an argument of the orchestration "
                  "function, with 'index' equal to its position");
    return false;
  }
  accumulateAccess(st, mlirOperationGetResult(op, 0), &st->args[index].access, 0);
  st->args[index].isScratch = wspHasAttr(op, "taskring.scratch");
  return true;
}

static MlirWalkResult walkArgs(MlirOperation op, void *userData) {
  ArgWalk *w = userData;
  bool ok = true;
  if (wspEmitOpIs(op, "taskring.arg"))
    ok = readSymbolArg(w, op);
  else if (wspEmitOpIs(op, "taskring.tensor_external"))
    ok = readExternal(w, op);
  w->ok = w->ok && ok;
  return ok ? MlirWalkResultAdvance : MlirWalkResultInterrupt;
}

static bool checkArgsComplete(WspEmitState *st) {
  for (size_t i = 0; i < st->numArgs; ++i)
    if (!st->args[i].name) {
      wspEmitErrorf(st->context, opLoc(st->orchFunc),
                    "orchestration argument %zu is never defined: 'taskring.arg' indices must "
                    "follow the function's arguments without gaps",
                    i);
      return false;
    }
  for (size_t i = 0; i < st->numArgs; ++i)
    for (size_t j = 0; j < i; ++j)
      if (strcmp(st->args[i].name, st->args[j].name) == 0) {
        wspEmitErrorf(st->context, st->args[i].loc,
                      "two orchestration arguments are named '%s'; golden.py and the manifest "
                      "address arguments by name",
                      st->args[i].name);
        return false;
      }
  return true;
}

/* tensormap_and_ringbuffer's runner does not upload tensors it copies back
   (reference/pto-runtime.md §5), so a tensor that is read and written gets
   a hidden input argument with its initial contents, copied into place by
   the orchestration before the first submit. */
static void addInitArgs(WspEmitState *st) {
  if (st->flavor != WSP_FLAVOR_TMR || !st->target->hiddenInitArgs)
    return;
  size_t n = st->numArgs;
  for (size_t i = 0; i < n; ++i) {
    if (!st->args[i].isTensor || st->args[i].access != WSP_MODE_INOUT || st->args[i].isScratch)
      continue;
    size_t index = st->numArgs;
    WspEmitArg *init = addArg(st, index);
    WspEmitArg *of = &st->args[i];
    WspStringBuffer b;
    wspStringBufferInit(&b);
    wspStringBufferAppendf(&b, "%s_wsp_init", of->name);
    init->name = wspStringBufferTake(&b);
    init->isTensor = true;
    init->type = of->type;
    init->dtype = of->dtype;
    init->loc = of->loc;
    init->access = WSP_MODE_IN;
    init->initOf = (int64_t)i;
    of->initArg = (int64_t)index;
  }
}

static bool readArguments(WspEmitState *st) {
  if (!readFunctionArgs(st))
    return false;
  ArgWalk w = {st, st->numProgramArgs, true};
  mlirOperationWalk(st->orchFunc, walkArgs, &w, MlirWalkPreOrder);
  if (!w.ok || !checkArgsComplete(st))
    return false;
  st->numProgramArgs = st->numArgs;
  addInitArgs(st);
  if (st->numArgs > WSP_EMIT_MAX_ORCH_ARGS) {
    wspEmitErrorf(st->context, opLoc(st->orchFunc),
                  "the artifact needs %zu orchestration arguments (%zu from the program, %zu "
                  "hidden initial-value copies of read-and-written tensors); the runner passes "
                  "at most %d",
                  st->numArgs, st->numProgramArgs, st->numArgs - st->numProgramArgs,
                  WSP_EMIT_MAX_ORCH_ARGS);
    return false;
  }
  return true;
}

/*===--- schedule facts ---------------------------------------------------===*/

static void recordDispatch(WspEmitState *st, MlirOperation op) {
  st->dispatches = wspRealloc(st->dispatches, (st->numDispatches + 1) * sizeof(WspEmitDispatch));
  WspEmitDispatch *d = &st->dispatches[st->numDispatches++];
  MlirValue task = mlirOperationGetOperand(op, 0);
  const WspEmitKernel *k = NULL;
  if (mlirValueIsAOpResult(task) && wspEmitOpIs(mlirOpResultGetOwner(task), "taskring.submit"))
    k = wspEmitFindKernel(st, wspAttr(mlirOpResultGetOwner(task), "kernel"));
  d->kernel = wspStrdup(k ? k->name : "");
  d->policy = wspEmitStringAttr(op, "policy");
  if (!d->policy)
    d->policy = wspStrdup("");
  d->domains = 0;
  wspAttrInt(op, "domains", &d->domains);
  d->location = wspEmitLocationString(opLoc(op));
  d->slotDependent = wspHasAttr(op, "slot_dependent");
}

static MlirWalkResult walkSchedule(MlirOperation op, void *userData) {
  WspEmitState *st = userData;
  if (wspEmitOpIs(op, "taskring.dispatch"))
    recordDispatch(st, op);
  else if (wspEmitOpIs(op, "taskring.submit"))
    st->numSubmits++;
  else if (wspEmitOpIs(op, "taskring.edge"))
    st->numEdges++;
  else if (wspEmitOpIs(op, "taskring.create_channel"))
    st->numChannels++;
  else if (wspEmitOpIs(op, "taskring.spawn"))
    st->numSpawns++;
  else if (wspEmitOpIs(op, "taskring.scope_begin"))
    st->numScopes++;
  return MlirWalkResultAdvance;
}

bool wspEmitAnalyzeModule(WspEmitState *st) {
  MlirBlock body = mlirModuleGetBody(st->module);
  if (!findRuntime(st, body) || !readKernels(st, body) || !findOrchestration(st, body) ||
      !readArguments(st) || !wspEmitAnalyzeVariants(st))
    return false;
  mlirOperationWalk(st->orchFunc, walkSchedule, st, MlirWalkPreOrder);
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    if (wspEmitOpIs(op, "func.func") && wspHasAttr(op, "taskring.process")) {
      st->numProcesses++;
      mlirOperationWalk(op, walkSchedule, st, MlirWalkPreOrder);
    }
  return true;
}

void wspEmitStateFree(WspEmitState *st) {
  for (size_t i = 0; i < st->numKernels; ++i) {
    WspEmitKernel *k = &st->kernels[i];
    free(k->symName);
    free(k->name);
    free(k->path);
    free(k->userSource);
    free(k->modes);
    wspEmitVariantFree(k->variant);
  }
  free(st->kernels);
  wspEmitSlotsFree(st);
  for (size_t i = 0; i < st->numArgs; ++i) {
    free(st->args[i].name);
    free(st->args[i].symbolName);
  }
  free(st->args);
  for (size_t i = 0; i < st->numDispatches; ++i) {
    free(st->dispatches[i].kernel);
    free(st->dispatches[i].policy);
    free(st->dispatches[i].location);
  }
  free(st->dispatches);
  free(st->abi);
  free(st->windowMode);
  free(st->workload);
}
