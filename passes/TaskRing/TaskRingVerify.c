/* taskring-verify: the semantic rules of the taskring dialect, checked against
   the limits of the pinned pto-runtime (41d5c94a, "SEED" in
   reference/pto-runtime.md). IRDL checks structure only; every value, cross
   reference and runtime limit is checked here. Each rule raises a located
   error naming the runtime limit it mirrors and a remedy; all errors of a run
   are collected before the pass fails. The rules are listed, with examples,
   in docs/verify-taskring.md.

   Unit of checking: one builtin.module is one artifact. The pass checks the
   module it runs on and every nested builtin.module on its own; a module
   without any taskring op is not an artifact and is left alone.

   Size: about 1,250 lines, over the ~800 the layout aims at. One rule table and
   one collecting walk over every taskring op; the rules are short and
   independent, so the next split is by op group (runtime/kernels, tensors and
   views, submits and params, CSP) behind a private header, as wsp-verify is. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "IRUtil.h"
#include "PassRegistry.h"
#include "Support/StringBuffer.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/IR.h"
#include "wsp-c/Diagnostics.h"
#include "wsp-c/Emit.h"

/*===--- runtime limits at pto-runtime 41d5c94a ---------------------------===*/

enum {
  /* RUNTIME_MAX_FUNC_ID (runtime.h, both flavors): size of the kernel table. */
  kMaxFuncId = 32,
  /* PTO2TaskDescriptor::params[16] (pto_runtime2_types.h); host_build_graph's
     RUNTIME_MAX_ARGS is also 16. */
  kMaxParamsPerTask = 16,
  /* RUNTIME_MAX_ARGS (tensormap_and_ringbuffer runtime.h): orch_args_storage_. */
  kMaxOrchestrationArgs = 32,
  /* RUNTIME_MAX_TENSOR_DIMS = 5 in tensor_pool.h at the pinned commit; the
     TensorData shape/offset arrays have this size. (PTO2_MAX_TENSOR_DIM = 8 in
     pto_runtime2_types.h is not what Tensor uses.) */
  kMaxTensorDims = 5,
  /* PTO2_MAX_SCOPE_DEPTH (pto_runtime2_types.h). The executor opens one scope
     around the orchestration entry (aicpu_executor.cpp: PTO2_SCOPE(rt) {...}),
     so the orchestration itself may nest one fewer. */
  kMaxScopeDepth = 64,
  kExecutorScopes = 1,
  kMaxOrchestrationScopeDepth = kMaxScopeDepth - kExecutorScopes,
  /* PTO2_RING_TASK_WINDOW / PTO2_RING_HEAP minimums (host runtime init). */
  kMinTaskWindow = 4,
  /* The task ring keeps its window in an int32 (pto_ring_buffer.h), so the
     largest power of two it can hold is 2^30. */
  kMaxTaskWindow = 1 << 30,
  kMinHeapBytes = 1024,
  /* tensormap_and_ringbuffer: 3 schedulers + the orchestrator on thread 3. */
  kTmrAicpuThreads = 4,
  /* RUNTIME_MAX_TASKS (host_build_graph runtime.h). */
  kHbgMaxTasks = 131072,
};

/* The marker of a dynamic entry in taskring.view's static_offsets
   (ShapedType::kDynamic). */
#define DYNAMIC_OFFSET INT64_MIN

/* The runtime's DataType enum (data_type.h), spelled as the dialect writes it. */
static const char *const kDtypeNames[] = {"float32", "float16",  "int32", "int16", "int8",
                                          "uint8",   "bfloat16", "int64", "uint64"};

static const char *const kFlavorNames[] = {"tensormap_and_ringbuffer", "host_build_graph"};
static const char *const kWorkerNames[] = {"aiv", "aic"};
enum { IMPL_GENERATED, IMPL_SOURCE, IMPL_BUILTIN };
static const char *const kImplNames[] = {"generated", "source", "builtin"};
/* Kernels the emitter writes itself (impl = "builtin"): "alloc" is the empty
   kernel whose output param makes the runtime allocate a heap tensor. */
static const char *const kBuiltinKernelNames[] = {"alloc"};

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

/* One kind of submit parameter: the kernel mode string, the op that makes
   it, and the per-task cap of the tensormap_and_ringbuffer runtime
   (pto_runtime2_types.h; 0 = no cap of its own). The 16 inputs and 16 outputs
   are subsumed by the 16-params cap at the pinned commit; they stay here so
   that raising that cap cannot silently drop them. */
typedef struct ParamKind {
  const char *mode;
  const char *opName;
  int tmrLimit;
  const char *tmrLimitName;
} ParamKind;

enum { PARAM_IN, PARAM_OUT, PARAM_INOUT, PARAM_SCALAR, kNumParamKinds, kUnknownParamKind = -1 };

static const ParamKind kParamKinds[kNumParamKinds] = {
    [PARAM_IN] = {"in", "taskring.input", 16, "PTO2_MAX_INPUTS"},
    [PARAM_OUT] = {"out", "taskring.output", 16, "PTO2_MAX_OUTPUTS"},
    [PARAM_INOUT] = {"inout", "taskring.inout", 8, "PTO2_MAX_INOUTS"},
    [PARAM_SCALAR] = {"scalar", "taskring.scalar", 0, NULL},
};

/* Integer attributes of taskring.runtime, all `: i64` and non-negative. */
enum { RT_TASK_WINDOW, RT_HEAP_BYTES, RT_DEP_POOL, RT_AICPU_THREADS, RT_BLOCK_DIM, RT_NUM_SIZES };
static const char *const kRuntimeSizeNames[RT_NUM_SIZES] = {"task_window", "heap_bytes", "dep_pool",
                                                            "aicpu_threads", "block_dim"};

/*===--- state ------------------------------------------------------------===*/

typedef enum Flavor { FLAVOR_UNKNOWN = -1, FLAVOR_TMR = 0, FLAVOR_HBG = 1 } Flavor;

/* What submits need to know about a kernel. Facts that failed their own
   checks are marked invalid so that submits do not repeat the error. */
typedef struct Kernel {
  MlirOperation op;
  MlirStringRef name;
  bool funcIdValid;
  int64_t funcId;
  bool workerValid;
  MlirStringRef worker;
  bool modesValid;
} Kernel;

/* An orchestration argument slot claimed by tensor_external or arg. */
typedef struct ArgSlot {
  MlirOperation op;
  int64_t index;
  size_t order; /* walk order, to report the later of two duplicates */
} ArgSlot;

typedef struct Artifact {
  WspContext context;
  bool *ok; /* shared by all artifacts of one run */
  MlirOperation module;
  MlirOperation runtime; /* the first taskring.runtime, or null */
  Flavor flavor;         /* unknown when missing or invalid: flavor rules are skipped */
  MlirOperation firstTaskRingOp;
  Kernel *kernels;
  size_t numKernels, kernelCapacity;
  ArgSlot *args;
  size_t numArgs, argCapacity;
  MlirOperation *orchestrations; /* func.func ops whose arguments are args[] */
  size_t numOrchestrations, orchestrationCapacity;
  int64_t numFunctionArgs; /* args[0..numFunctionArgs-1] are function arguments */
} Artifact;

static void verifyArtifact(WspContext context, bool *ok, MlirOperation module);

/*===--- small helpers ----------------------------------------------------===*/

#define SREF(s) (int)(s).length, (s).data

static MlirStringRef str(const char *s) { return wspStr(s); }

static MlirStringRef opName(MlirOperation op) {
  return mlirIdentifierStr(mlirOperationGetName(op));
}

static bool refIs(MlirStringRef s, const char *literal) { return wspStrIs(s, literal); }

static bool isOp(MlirOperation op, const char *name) { return refIs(opName(op), name); }

static bool isTaskRingOp(MlirOperation op) {
  MlirStringRef name = opName(op);
  return name.length > 9 && memcmp(name.data, "taskring.", 9) == 0;
}

static int findName(MlirStringRef s, const char *const *names, size_t count) {
  for (size_t i = 0; i < count; ++i)
    if (refIs(s, names[i]))
      return (int)i;
  return -1;
}

/* "a, b or c" for messages; the caller frees the buffer. */
static void joinNames(WspStringBuffer *out, const char *const *names, size_t count) {
  wspStringBufferInit(out);
  for (size_t i = 0; i < count; ++i)
    wspStringBufferAppendf(out, "%s\"%s\"", i == 0 ? "" : (i + 1 == count ? " or " : ", "),
                           names[i]);
}

static void growArray(void **items, size_t *capacity, size_t needed, size_t itemSize) {
  if (needed <= *capacity)
    return;
  *capacity = *capacity ? *capacity * 2 : 8;
  *items = wspRealloc(*items, *capacity * itemSize);
}

static void report(Artifact *a, MlirOperation op, bool isError, const char *format, va_list args) {
  WspStringBuffer text;
  wspStringBufferInit(&text);
  if (isError) /* the message shape of every wsp verifier (docs/verify.md) */
    wspStringBufferAppendf(&text, "'%.*s' op: ", SREF(opName(op)));
  wspStringBufferAppendv(&text, format, args);
  MlirLocation location = mlirOperationGetLocation(op);
  if (isError) {
    wspEmitError(a->context, location, text.data);
    *a->ok = false;
  } else {
    wspEmitNote(a->context, location, text.data);
  }
  wspStringBufferFree(&text);
}

static void reportError(Artifact *a, MlirOperation op, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
static void reportError(Artifact *a, MlirOperation op, const char *format, ...) {
  va_list args;
  va_start(args, format);
  report(a, op, true, format, args);
  va_end(args);
}

static void reportNote(Artifact *a, MlirOperation op, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
static void reportNote(Artifact *a, MlirOperation op, const char *format, ...) {
  va_list args;
  va_start(args, format);
  report(a, op, false, format, args);
  va_end(args);
}

static MlirAttribute getAttr(MlirOperation op, const char *name) {
  return mlirOperationGetAttributeByName(op, str(name));
}

static bool isI64(MlirType type) {
  return mlirTypeIsAInteger(type) && mlirIntegerTypeIsSignless(type) &&
         mlirIntegerTypeGetWidth(type) == 64;
}

/* Reads an integer attribute. The dialect's contract is `: i64` (IRDL accepts
   any integer attribute), since the emitter prints 64-bit values. */
static bool readI64(Artifact *a, MlirOperation op, const char *name, int64_t *value) {
  MlirAttribute attr = getAttr(op, name);
  if (mlirAttributeIsNull(attr)) {
    reportError(a, op, "needs attribute '%s'", name);
    return false;
  }
  if (!mlirAttributeIsAInteger(attr) || !isI64(mlirAttributeGetType(attr))) {
    reportError(a, op, "attribute '%s' must be an i64 integer; write '%s = N : i64'", name, name);
    return false;
  }
  *value = mlirIntegerAttrGetValueInt(attr);
  return true;
}

static bool readNonNegativeI64(Artifact *a, MlirOperation op, const char *name, int64_t *value) {
  if (!readI64(a, op, name, value))
    return false;
  if (*value >= 0)
    return true;
  reportError(a, op,
              "attribute '%s' = %lld is negative; the runtime takes it as an unsigned "
              "count or id, use a value >= 0",
              name, (long long)*value);
  return false;
}

static bool readString(Artifact *a, MlirOperation op, const char *name, MlirStringRef *value) {
  MlirAttribute attr = getAttr(op, name);
  if (mlirAttributeIsNull(attr) || !mlirAttributeIsAString(attr)) {
    reportError(a, op, "attribute '%s' must be a string", name);
    return false;
  }
  *value = mlirStringAttrGetValue(attr);
  return true;
}

/* Reads a string attribute that must be one of `names`; returns its index or -1. */
static int readChoice(Artifact *a, MlirOperation op, const char *name, const char *const *names,
                      size_t count, const char *why) {
  MlirStringRef value;
  if (!readString(a, op, name, &value))
    return -1;
  int index = findName(value, names, count);
  if (index < 0) {
    WspStringBuffer choices;
    joinNames(&choices, names, count);
    reportError(a, op, "%s \"%.*s\" is not %s; use %s", name, SREF(value), why, choices.data);
    wspStringBufferFree(&choices);
  }
  return index;
}

static bool readI64Array(Artifact *a, MlirOperation op, const char *name, MlirAttribute *value) {
  *value = getAttr(op, name);
  if (!mlirAttributeIsNull(*value) && mlirAttributeIsADenseI64Array(*value))
    return true;
  reportError(a, op, "attribute '%s' must be a dense i64 array; write 'array<i64: ...>'", name);
  return false;
}

static MlirOperation definingOp(MlirValue value) {
  if (mlirValueIsAOpResult(value))
    return mlirOpResultGetOwner(value);
  MlirOperation none = {NULL};
  return none;
}

/* Finds an op with sym_name `name` directly in the module (where kernels and
   their body functions live). */
static MlirOperation findModuleSymbol(Artifact *a, MlirStringRef name) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(a->module, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    MlirAttribute sym = getAttr(op, "sym_name");
    if (!mlirAttributeIsNull(sym) && mlirAttributeIsAString(sym) &&
        mlirStringRefEqual(mlirStringAttrGetValue(sym), name))
      return op;
  }
  MlirOperation none = {NULL};
  return none;
}

static bool isPowerOfTwo(int64_t v) { return v > 0 && (v & (v - 1)) == 0; }

/* The smallest power of two >= max(v, floor): the suggested fix for a size
   the runtime cannot honour (never rounded silently: the user picks it). */
static int64_t powerOfTwoAtLeast(int64_t v, int64_t floor) {
  int64_t p = floor;
  while (p < v && p <= INT64_MAX / 2)
    p *= 2;
  return p;
}

/*===--- tensor shapes ----------------------------------------------------===*/

static void checkRank(Artifact *a, MlirOperation op, int64_t rank) {
  if (rank > kMaxTensorDims)
    reportError(a, op,
                "has rank %lld, more than RUNTIME_MAX_TENSOR_DIMS = %d of the pinned "
                "runtime (tensor_pool.h: a Tensor holds at most %d dimensions); collapse "
                "contiguous dimensions",
                (long long)rank, kMaxTensorDims, kMaxTensorDims);
}

static void checkPositiveExtents(Artifact *a, MlirOperation op, MlirAttribute array,
                                 const char *name) {
  for (intptr_t i = 0; i < mlirDenseArrayGetNumElements(array); ++i) {
    int64_t extent = mlirDenseI64ArrayGetElement(array, i);
    if (extent < 1)
      reportError(a, op,
                  "%s[%ld] = %lld must be >= 1 (the runtime's shapes are uint64_t "
                  "extents and an empty tensor has no buffer); drop the op or fix the extent",
                  name, (long)i, (long long)extent);
  }
}

/* The rank of a taskring tensor value, from the op that made it; -1 if unknown. */
static int64_t tensorRank(MlirValue tensor) {
  MlirOperation def = definingOp(tensor);
  if (mlirOperationIsNull(def))
    return -1;
  if (isOp(def, "taskring.tensor_external")) {
    MlirType type = mlirValueGetType(mlirOperationGetOperand(def, 0));
    return mlirTypeIsAMemRef(type) ? mlirShapedTypeGetRank(type) : -1;
  }
  const char *shapeAttr = isOp(def, "taskring.tensor_alloc") ? "shape"
                          : isOp(def, "taskring.view")       ? "sizes"
                                                             : NULL;
  MlirAttribute shape = shapeAttr ? getAttr(def, shapeAttr) : (MlirAttribute){NULL};
  if (mlirAttributeIsNull(shape) || !mlirAttributeIsADenseI64Array(shape))
    return -1;
  return mlirDenseArrayGetNumElements(shape);
}

/* The static extent of dimension `dim` of a taskring tensor value; -1 if unknown. */
static int64_t tensorExtent(MlirValue tensor, intptr_t dim) {
  MlirOperation def = definingOp(tensor);
  if (tensorRank(tensor) <= dim)
    return -1;
  if (isOp(def, "taskring.tensor_external")) {
    MlirType type = mlirValueGetType(mlirOperationGetOperand(def, 0));
    return mlirShapedTypeIsDynamicDim(type, dim) ? -1 : mlirShapedTypeGetDimSize(type, dim);
  }
  MlirAttribute shape = getAttr(def, isOp(def, "taskring.view") ? "sizes" : "shape");
  return mlirDenseI64ArrayGetElement(shape, dim);
}

/*===--- taskring.runtime -------------------------------------------------===*/

typedef struct RuntimeSizes {
  int64_t value[RT_NUM_SIZES];
  bool valid[RT_NUM_SIZES];
} RuntimeSizes;

static void checkTmrTaskWindow(Artifact *a, MlirOperation op, int64_t window) {
  if (window > kMaxTaskWindow) {
    reportError(a, op,
                "task_window = %lld is larger than the task ring can hold: pto-runtime "
                "41d5c94a keeps the window in an int32 (pto_ring_buffer.h), at most %d; use "
                "task_window <= %d",
                (long long)window, kMaxTaskWindow, kMaxTaskWindow);
    return;
  }
  if (window >= kMinTaskWindow && isPowerOfTwo(window))
    return;
  reportError(a, op,
              "task_window = %lld is not a power of two >= %d, which "
              "PTO2_RING_TASK_WINDOW requires (the runtime cannot honour it); use %lld",
              (long long)window, kMinTaskWindow,
              (long long)powerOfTwoAtLeast(window, kMinTaskWindow));
}

/* The largest heap ring wsp asks for: 2^36 bytes (64 GiB, the device
   memory of the largest a2a3 part); 2^62 was accepted and could never be
   allocated. */
#define kMaxHeapBytes ((int64_t)1 << 36)

static void checkTmrHeapBytes(Artifact *a, MlirOperation op, int64_t bytes) {
  if (bytes > kMaxHeapBytes) {
    reportError(a, op,
                "heap_bytes = %lld is more than 2^36 = %lld bytes (64 GiB, the device memory "
                "of the largest a2a3 part): the runtime could never allocate the heap ring; "
                "use heap_bytes <= %lld",
                (long long)bytes, (long long)kMaxHeapBytes, (long long)kMaxHeapBytes);
    return;
  }
  if (bytes == 0 || (bytes >= kMinHeapBytes && isPowerOfTwo(bytes)))
    return;
  reportError(a, op,
              "heap_bytes = %lld is neither 0 (the runtime default) nor a "
              "power of two >= %d, which PTO2_RING_HEAP requires; use %lld",
              (long long)bytes, kMinHeapBytes, (long long)powerOfTwoAtLeast(bytes, kMinHeapBytes));
}

static void checkTmrAicpuThreads(Artifact *a, MlirOperation op, int64_t threads) {
  if (threads == kTmrAicpuThreads)
    return;
  reportError(a, op,
              "aicpu_threads = %lld: tensormap_and_ringbuffer needs "
              "aicpu_thread_num = %d (3 schedulers + the orchestrator on thread 3; with any "
              "other value the orchestrator never starts); set aicpu_threads = %d",
              (long long)threads, kTmrAicpuThreads, kTmrAicpuThreads);
}

/* dep_pool needs no rule of its own: >= 1, or 0 for the default, is exactly
   "non-negative", checked for every size. */
static void checkTmrRuntime(Artifact *a, MlirOperation op, const RuntimeSizes *sizes) {
  if (sizes->valid[RT_TASK_WINDOW])
    checkTmrTaskWindow(a, op, sizes->value[RT_TASK_WINDOW]);
  if (sizes->valid[RT_HEAP_BYTES])
    checkTmrHeapBytes(a, op, sizes->value[RT_HEAP_BYTES]);
  if (sizes->valid[RT_AICPU_THREADS])
    checkTmrAicpuThreads(a, op, sizes->value[RT_AICPU_THREADS]);
}

static void checkHbgRuntime(Artifact *a, MlirOperation op, const RuntimeSizes *sizes) {
  if (sizes->valid[RT_TASK_WINDOW] && sizes->value[RT_TASK_WINDOW] > kHbgMaxTasks)
    reportError(a, op,
                "task_window = %lld exceeds host_build_graph's task limit "
                "(RUNTIME_MAX_TASKS = %d); split the program or use tensormap_and_ringbuffer",
                (long long)sizes->value[RT_TASK_WINDOW], kHbgMaxTasks);
}

static void checkRuntime(Artifact *a, MlirOperation op) {
  if (!mlirOperationIsNull(a->runtime)) {
    reportError(a, op,
                "a second 'taskring.runtime' in this module: one module is one artifact with "
                "one RUNTIME_CONFIG (kernel_config.py); keep a single 'taskring.runtime'");
    reportNote(a, a->runtime, "the first 'taskring.runtime' is here");
    return;
  }
  a->runtime = op;
  RuntimeSizes sizes;
  for (int i = 0; i < RT_NUM_SIZES; ++i)
    sizes.valid[i] = readNonNegativeI64(a, op, kRuntimeSizeNames[i], &sizes.value[i]);
  a->flavor = (Flavor)readChoice(a, op, "flavor", kFlavorNames, COUNT_OF(kFlavorNames),
                                 "a runtime of pto-runtime 41d5c94a");
  if (a->flavor == FLAVOR_TMR)
    checkTmrRuntime(a, op, &sizes);
  else if (a->flavor == FLAVOR_HBG)
    checkHbgRuntime(a, op, &sizes);
}

/*===--- taskring.kernel --------------------------------------------------===*/

static bool checkFuncId(Artifact *a, MlirOperation op, const Kernel *kernel, int64_t funcId) {
  if (funcId < 0 || funcId >= kMaxFuncId) {
    reportError(a, op,
                "@%.*s func_id = %lld is outside [0, %d): the runtime's kernel "
                "table has RUNTIME_MAX_FUNC_ID = %d entries; number kernels from 0",
                SREF(kernel->name), (long long)funcId, kMaxFuncId, kMaxFuncId);
    return false;
  }
  for (size_t i = 0; i < a->numKernels; ++i) {
    const Kernel *other = &a->kernels[i];
    if (!other->funcIdValid || other->funcId != funcId)
      continue;
    reportError(a, op,
                "@%.*s func_id = %lld is already used by @%.*s: func_id indexes "
                "the runtime's kernel table, so each kernel needs its own; pick an unused one",
                SREF(kernel->name), (long long)funcId, SREF(other->name));
    reportNote(a, other->op, "@%.*s is declared here", SREF(other->name));
    return false;
  }
  return true;
}

static bool checkModes(Artifact *a, MlirOperation op, const Kernel *kernel) {
  MlirAttribute modes = getAttr(op, "modes");
  if (mlirAttributeIsNull(modes) || !mlirAttributeIsAArray(modes)) {
    reportError(a, op, "@%.*s attribute 'modes' must be an array of strings", SREF(kernel->name));
    return false;
  }
  bool ok = true;
  for (intptr_t i = 0; i < mlirArrayAttrGetNumElements(modes); ++i) {
    MlirAttribute mode = mlirArrayAttrGetElement(modes, i);
    bool known = false;
    for (int k = 0; mlirAttributeIsAString(mode) && k < kNumParamKinds; ++k)
      known = known || refIs(mlirStringAttrGetValue(mode), kParamKinds[k].mode);
    if (known)
      continue;
    reportError(a, op,
                "@%.*s modes[%ld] is not a parameter mode; use \"in\", "
                "\"out\", \"inout\" or \"scalar\" (make_input/output/inout/scalar_param)",
                SREF(kernel->name), (long)i);
    ok = false;
  }
  return ok;
}

static void checkGeneratedSource(Artifact *a, MlirOperation op, const Kernel *kernel,
                                 MlirAttribute source) {
  if (!mlirAttributeIsAFlatSymbolRef(source)) {
    reportError(a, op,
                "@%.*s has impl = \"generated\" but 'source' is not a flat "
                "symbol reference; point it at the func.func holding the kernel body "
                "(source = @body) or use impl = \"source\" with a file path",
                SREF(kernel->name));
    return;
  }
  MlirStringRef target = mlirFlatSymbolRefAttrGetValue(source);
  MlirOperation body = findModuleSymbol(a, target);
  if (mlirOperationIsNull(body) || !isOp(body, "func.func"))
    reportError(a, op,
                "@%.*s source @%.*s does not name a func.func in this "
                "module: the emitter generates the KERNELS source file from that body; "
                "define it or fix the reference",
                SREF(kernel->name), SREF(target));
}

static void checkFileSource(Artifact *a, MlirOperation op, const Kernel *kernel,
                            MlirAttribute source) {
  if (mlirAttributeIsAString(source) && mlirStringAttrGetValue(source).length > 0)
    return;
  reportError(a, op,
              "@%.*s has impl = \"source\" but 'source' is not a non-empty "
              "path: it becomes the KERNELS entry's \"source\" file; give the .cpp path or use "
              "impl = \"generated\" with a symbol reference",
              SREF(kernel->name));
}

static void checkBuiltinSource(Artifact *a, MlirOperation op, const Kernel *kernel,
                               MlirAttribute source) {
  if (mlirAttributeIsAString(source) &&
      findName(mlirStringAttrGetValue(source), kBuiltinKernelNames,
               COUNT_OF(kBuiltinKernelNames)) >= 0)
    return;
  WspStringBuffer names;
  joinNames(&names, kBuiltinKernelNames, COUNT_OF(kBuiltinKernelNames));
  reportError(a, op,
              "@%.*s has impl = \"builtin\" but 'source' is not a builtin "
              "kernel the emitter knows; use %s",
              SREF(kernel->name), names.data);
  wspStringBufferFree(&names);
}

static void checkKernelSource(Artifact *a, MlirOperation op, const Kernel *kernel) {
  int impl = readChoice(a, op, "impl", kImplNames, COUNT_OF(kImplNames), "a kernel implementation");
  MlirAttribute source = getAttr(op, "source");
  if (impl < 0 || mlirAttributeIsNull(source))
    return;
  if (impl == IMPL_GENERATED)
    checkGeneratedSource(a, op, kernel, source);
  else if (impl == IMPL_SOURCE)
    checkFileSource(a, op, kernel, source);
  else
    checkBuiltinSource(a, op, kernel, source);
}

/* sym_name uniqueness is not checked here: builtin.module's symbol table
   verifier already rejects a redefined symbol before any pass runs. */
static void checkKernel(Artifact *a, MlirOperation op) {
  Kernel kernel = {.op = op};
  if (!readString(a, op, "sym_name", &kernel.name))
    return;
  int64_t funcId = 0;
  kernel.funcIdValid = readI64(a, op, "func_id", &funcId) && checkFuncId(a, op, &kernel, funcId);
  kernel.funcId = funcId;
  int worker = readChoice(a, op, "worker", kWorkerNames, COUNT_OF(kWorkerNames),
                          "a worker the pinned runtime dispatches (AIV or AIC cores)");
  kernel.workerValid = worker >= 0;
  kernel.worker = kernel.workerValid ? str(kWorkerNames[worker]) : str("");
  kernel.modesValid = checkModes(a, op, &kernel);
  checkKernelSource(a, op, &kernel);
  growArray((void **)&a->kernels, &a->kernelCapacity, a->numKernels + 1, sizeof(Kernel));
  a->kernels[a->numKernels++] = kernel;
}

/*===--- taskring.submit --------------------------------------------------===*/

static const Kernel *findKernel(const Artifact *a, MlirStringRef name) {
  for (size_t i = 0; i < a->numKernels; ++i)
    if (mlirStringRefEqual(a->kernels[i].name, name))
      return &a->kernels[i];
  return NULL;
}

static const Kernel *resolveSubmitKernel(Artifact *a, MlirOperation op) {
  MlirAttribute ref = getAttr(op, "kernel");
  if (mlirAttributeIsNull(ref) || !mlirAttributeIsAFlatSymbolRef(ref)) {
    reportError(a, op,
                "attribute 'kernel' must be a flat symbol reference "
                "@name to a 'taskring.kernel' of this module");
    return NULL;
  }
  MlirStringRef name = mlirFlatSymbolRefAttrGetValue(ref);
  const Kernel *kernel = findKernel(a, name);
  if (!kernel)
    reportError(a, op,
                "kernel @%.*s does not name a 'taskring.kernel' of this "
                "module: the task needs a KERNELS entry to run; declare the kernel or fix "
                "the reference",
                SREF(name));
  return kernel;
}

static void checkSubmitRepeatsKernel(Artifact *a, MlirOperation op, const Kernel *kernel) {
  int64_t funcId;
  if (readI64(a, op, "func_id", &funcId) && kernel && kernel->funcIdValid &&
      funcId != kernel->funcId)
    reportError(a, op,
                "func_id = %lld differs from @%.*s's func_id = %lld: the "
                "runtime dispatches by func_id, so the task would run another kernel; use "
                "func_id = %lld",
                (long long)funcId, SREF(kernel->name), (long long)kernel->funcId,
                (long long)kernel->funcId);
  MlirStringRef worker;
  if (readString(a, op, "worker", &worker) && kernel && kernel->workerValid &&
      !mlirStringRefEqual(worker, kernel->worker))
    reportError(a, op,
                "worker \"%.*s\" differs from @%.*s's worker \"%.*s\": the "
                "runtime would queue the task for the wrong core type; use worker = \"%.*s\"",
                SREF(worker), SREF(kernel->name), SREF(kernel->worker), SREF(kernel->worker));
}

static bool isPredicateParam(MlirValue param) {
  MlirOperation def = definingOp(param);
  return !mlirOperationIsNull(def) && isOp(def, "taskring.predicate");
}

/* The kind of a submit operand, from the op that made it. */
static int paramKindOf(MlirValue param) {
  MlirOperation def = definingOp(param);
  if (mlirOperationIsNull(def))
    return kUnknownParamKind;
  MlirStringRef name = opName(def);
  for (int k = 0; k < kNumParamKinds; ++k)
    if (refIs(name, kParamKinds[k].opName))
      return k;
  return kUnknownParamKind;
}

static int modeKindAt(MlirOperation kernelOp, intptr_t index) {
  MlirAttribute modes = getAttr(kernelOp, "modes");
  MlirStringRef mode = mlirStringAttrGetValue(mlirArrayAttrGetElement(modes, index));
  for (int k = 0; k < kNumParamKinds; ++k)
    if (refIs(mode, kParamKinds[k].mode))
      return k;
  return kUnknownParamKind;
}

static void checkParamMatchesMode(Artifact *a, MlirOperation op, const Kernel *kernel, intptr_t i,
                                  int kind) {
  int expected = modeKindAt(kernel->op, i);
  if (kind == expected)
    return;
  /* wsp-lower-to-taskring widens an in or out tile to inout so the TensorMap
     orders write-after-read and write-after-write hazards; the kernel sees
     the same pointer (docs/lowering.md, docs/dependencies.md). */
  if (kind == PARAM_INOUT && (expected == PARAM_IN || expected == PARAM_OUT))
    return;
  reportError(a, op,
              "param #%ld is a '%s' but @%.*s expects mode \"%s\" there: the "
              "mode decides the TensorMap dependencies and the kernel reads params by "
              "position (only \"in\" and \"out\" may be widened to inout); use '%s'",
              (long)i, kParamKinds[kind].opName, SREF(kernel->name), kParamKinds[expected].mode,
              kParamKinds[expected].opName);
}

/* Classifies every param (counting each kind) and matches it against the
   kernel's modes when those are known. */
static void checkParams(Artifact *a, MlirOperation op, const Kernel *kernel,
                        int counts[kNumParamKinds]) {
  intptr_t numParams = mlirOperationGetNumOperands(op);
  bool matchModes = kernel && kernel->modesValid;
  intptr_t numModes = matchModes ? mlirArrayAttrGetNumElements(getAttr(kernel->op, "modes")) : 0;
  /* wsp-lower-to-taskring{serialize} appends one inout token every task
     updates (a debug total order); it is not a kernel parameter. */
  /* A trailing dispatch predicate is not a kernel parameter either
     (checkPredicate reports one anywhere else). */
  if (numParams > 0 && isPredicateParam(mlirOperationGetOperand(op, numParams - 1)))
    numParams--;
  bool serialized = !mlirAttributeIsNull(getAttr(op, "wsp.serialized"));
  if (serialized && numParams > 0) {
    int last = paramKindOf(mlirOperationGetOperand(op, numParams - 1));
    if (last != PARAM_INOUT)
      reportError(a, op,
                  "is marked wsp.serialized but its last param is not a taskring.inout: the "
                  "serialization token must be the trailing inout param; re-run "
                  "wsp-lower-to-taskring{serialize=true} instead of editing the IR");
    else
      counts[PARAM_INOUT]++;
    numParams--;
  }
  if (matchModes && numModes != numParams) {
    reportError(a, op,
                "passes %ld params but @%.*s declares %ld modes: the kernel "
                "reads its arguments by position; pass one param per mode",
                (long)numParams, SREF(kernel->name), (long)numModes);
    matchModes = false;
  }
  for (intptr_t i = 0; i < numParams; ++i) {
    int kind = paramKindOf(mlirOperationGetOperand(op, i));
    if (kind == kUnknownParamKind && isPredicateParam(mlirOperationGetOperand(op, i))) {
      matchModes = false; /* checkPredicate reports it */
      continue;
    }
    if (kind == kUnknownParamKind) {
      reportError(a, op,
                  "param #%ld is not made by taskring.input, taskring.output, "
                  "taskring.inout or taskring.scalar, so its PTOParam mode is unknown; build "
                  "the param with one of those ops",
                  (long)i);
      continue;
    }
    counts[kind]++;
    if (matchModes)
      checkParamMatchesMode(a, op, kernel, i, kind);
  }
}

static void checkParamLimits(Artifact *a, MlirOperation op, const int counts[kNumParamKinds]) {
  intptr_t numParams = mlirOperationGetNumOperands(op);
  if (numParams > 0 && isPredicateParam(mlirOperationGetOperand(op, numParams - 1)))
    numParams--; /* not a task param */
  if (numParams > kMaxParamsPerTask)
    reportError(a, op,
                "has %ld params, more than the %d a task holds "
                "(PTO2TaskDescriptor::params[16]; host_build_graph RUNTIME_MAX_ARGS = 16); "
                "split the kernel or pack scalars into a tensor",
                (long)numParams, kMaxParamsPerTask);
  if (a->flavor != FLAVOR_TMR)
    return;
  for (int k = 0; k < kNumParamKinds; ++k)
    if (kParamKinds[k].tmrLimit > 0 && counts[k] > kParamKinds[k].tmrLimit)
      reportError(a, op,
                  "has %d \"%s\" params, more than %s = %d per task "
                  "(pto_runtime2_types.h); split the task or pass some tensors another way",
                  counts[k], kParamKinds[k].mode, kParamKinds[k].tmrLimitName,
                  kParamKinds[k].tmrLimit);
}

static void checkSubmitDomain(Artifact *a, MlirOperation op) {
  int64_t domain;
  if (!mlirAttributeIsNull(getAttr(op, "domain")))
    (void)readNonNegativeI64(a, op, "domain", &domain);
}

static void checkSubmit(Artifact *a, MlirOperation op) {
  const Kernel *kernel = resolveSubmitKernel(a, op);
  checkSubmitRepeatsKernel(a, op, kernel);
  int counts[kNumParamKinds] = {0};
  checkParams(a, op, kernel, counts);
  checkParamLimits(a, op, counts);
  checkSubmitDomain(a, op);
}

/*===--- taskring.view ----------------------------------------------------===*/

/* Checks static_offsets entries and returns the number of dynamic markers. */
static intptr_t checkStaticOffsets(Artifact *a, MlirOperation op, MlirAttribute offsets) {
  intptr_t markers = 0;
  for (intptr_t i = 0; i < mlirDenseArrayGetNumElements(offsets); ++i) {
    int64_t offset = mlirDenseI64ArrayGetElement(offsets, i);
    if (offset == DYNAMIC_OFFSET)
      markers++;
    else if (offset < 0)
      reportError(a, op,
                  "static_offsets[%ld] = %lld is negative; Tensor::view takes "
                  "uint64_t offsets, use a value >= 0",
                  (long)i, (long long)offset);
  }
  return markers;
}

static void checkViewDimInBase(Artifact *a, MlirOperation op, MlirValue base, intptr_t dim,
                               int64_t offset, int64_t size) {
  int64_t extent = tensorExtent(base, dim);
  if (extent < 0 || size < 1 || (offset < 0 && offset != DYNAMIC_OFFSET))
    return; /* unknown extent, or a bad entry already reported */
  /* offset, size and extent are in [0, INT64_MAX]: extent - size cannot
     overflow once size <= extent, and offset + size is taken unsigned (it
     fits: both are below 2^63). */
  if (size <= extent && (offset == DYNAMIC_OFFSET || offset <= extent - size))
    return;
  if (offset == DYNAMIC_OFFSET)
    reportError(a, op,
                "dimension %ld has size %lld, larger than the base tensor's "
                "extent %lld: the view would reach outside the tensor's buffer; shrink it",
                (long)dim, (long long)size, (long long)extent);
  else
    reportError(a, op,
                "dimension %ld spans [%lld, %llu), outside the base tensor's "
                "extent %lld: the view would reach outside the tensor's buffer; fix the "
                "offset or size",
                (long)dim, (long long)offset,
                (unsigned long long)offset + (unsigned long long)size, (long long)extent);
}

static void checkViewAgainstBase(Artifact *a, MlirOperation op, MlirAttribute sizes,
                                 MlirAttribute offsets) {
  MlirValue base = mlirOperationGetOperand(op, 0);
  int64_t baseRank = tensorRank(base);
  intptr_t rank = mlirDenseArrayGetNumElements(sizes);
  if (baseRank < 0)
    return;
  if (baseRank != rank) {
    reportError(a, op,
                "has rank %ld but its base tensor has rank %lld: Tensor::view "
                "keeps the base's ndims; give one size and one offset per base dimension",
                (long)rank, (long long)baseRank);
    return;
  }
  for (intptr_t d = 0; d < rank; ++d)
    checkViewDimInBase(a, op, base, d, mlirDenseI64ArrayGetElement(offsets, d),
                       mlirDenseI64ArrayGetElement(sizes, d));
}

static void checkView(Artifact *a, MlirOperation op) {
  MlirAttribute sizes, offsets;
  bool sizesOk = readI64Array(a, op, "sizes", &sizes);
  bool offsetsOk = readI64Array(a, op, "static_offsets", &offsets);
  if (!sizesOk || !offsetsOk)
    return;
  intptr_t rank = mlirDenseArrayGetNumElements(sizes);
  intptr_t numOffsets = mlirDenseArrayGetNumElements(offsets);
  if (rank != numOffsets) {
    reportError(a, op,
                "has %ld sizes but %ld static_offsets: Tensor::view takes one "
                "size and one offset per dimension; give both the same length",
                (long)rank, (long)numOffsets);
    return;
  }
  checkRank(a, op, rank);
  checkPositiveExtents(a, op, sizes, "sizes");
  intptr_t markers = checkStaticOffsets(a, op, offsets);
  intptr_t operands = mlirOperationGetNumOperands(op) - 1;
  if (markers != operands)
    reportError(a, op,
                "has %ld dynamic offset marker(s) in static_offsets but %ld "
                "offset operand(s): each entry equal to INT64_MIN takes the next operand; make "
                "the counts equal",
                (long)markers, (long)operands);
  checkViewAgainstBase(a, op, sizes, offsets);
}

/*===--- taskring.tensor_alloc --------------------------------------------===*/

static void checkTensorAlloc(Artifact *a, MlirOperation op) {
  MlirAttribute shape;
  if (readI64Array(a, op, "shape", &shape)) {
    checkRank(a, op, mlirDenseArrayGetNumElements(shape));
    checkPositiveExtents(a, op, shape, "shape");
  }
  MlirStringRef dtype;
  if (!readString(a, op, "dtype", &dtype) ||
      findName(dtype, kDtypeNames, COUNT_OF(kDtypeNames)) >= 0)
    return;
  WspStringBuffer names;
  joinNames(&names, kDtypeNames, COUNT_OF(kDtypeNames));
  reportError(a, op,
              "dtype \"%.*s\" is not a DataType of the pinned runtime "
              "(data_type.h); use %s",
              SREF(dtype), names.data);
  wspStringBufferFree(&names);
}

/*===--- orchestration arguments ------------------------------------------===*/

/* The runtime passes orchestration arguments by position (args[] in
   golden-list order). The orchestration function's own arguments are
   args[0..n-1] in order (memrefs are tensors, scalars raw 64-bit words) and
   taskring.arg ops are further scalar arguments after them (docs/lowering.md).
   A func.func is an orchestration function when it carries the unit attribute
   `taskring.orchestration` or holds a tensor_external or arg op. */

static MlirOperation enclosingFunction(MlirOperation op) {
  MlirOperation parent = mlirOperationGetParentOperation(op);
  while (!mlirOperationIsNull(parent) && !isOp(parent, "func.func"))
    parent = mlirOperationGetParentOperation(parent);
  return parent;
}

static MlirBlock entryBlock(MlirOperation func) {
  return mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
}

static void noteOrchestrationFunction(Artifact *a, MlirOperation func) {
  if (mlirOperationIsNull(func))
    return;
  for (size_t i = 0; i < a->numOrchestrations; ++i)
    if (mlirOperationEqual(a->orchestrations[i], func))
      return;
  growArray((void **)&a->orchestrations, &a->orchestrationCapacity, a->numOrchestrations + 1,
            sizeof(MlirOperation));
  a->orchestrations[a->numOrchestrations++] = func;
  MlirBlock entry = entryBlock(func);
  int64_t numArgs = mlirBlockIsNull(entry) ? 0 : mlirBlockGetNumArguments(entry);
  MlirAttribute name = getAttr(func, "sym_name");
  MlirStringRef funcName = mlirAttributeIsAString(name) ? mlirStringAttrGetValue(name) : str("");
  if (numArgs > kMaxOrchestrationArgs)
    reportError(a, func,
                "orchestration function @%.*s has %lld arguments, more than the pinned runtime "
                "passes (RUNTIME_MAX_ARGS = %d, args[0..%d]); pass fewer arguments",
                SREF(funcName), (long long)numArgs, kMaxOrchestrationArgs,
                kMaxOrchestrationArgs - 1);
  if (numArgs > a->numFunctionArgs)
    a->numFunctionArgs = numArgs;
}

/* Records the argument slot an op claims. A slot beyond the runtime's
   argument array is an error and is not recorded. */
static bool claimArgSlot(Artifact *a, MlirOperation op, int64_t *index) {
  noteOrchestrationFunction(a, enclosingFunction(op));
  if (!readNonNegativeI64(a, op, "index", index))
    return false;
  if (*index >= kMaxOrchestrationArgs) {
    reportError(a, op,
                "index = %lld is beyond the orchestration's arguments: the pinned runtime "
                "passes at most %d (RUNTIME_MAX_ARGS, args[0..%d]); pass fewer arguments",
                (long long)*index, kMaxOrchestrationArgs, kMaxOrchestrationArgs - 1);
    return false;
  }
  growArray((void **)&a->args, &a->argCapacity, a->numArgs + 1, sizeof(ArgSlot));
  a->args[a->numArgs] = (ArgSlot){op, *index, a->numArgs};
  a->numArgs++;
  return true;
}

/* The position of `value` among its func.func's arguments, or -1. */
static intptr_t functionArgumentPosition(MlirValue value) {
  if (!mlirValueIsABlockArgument(value))
    return -1;
  MlirBlock owner = mlirBlockArgumentGetOwner(value);
  MlirOperation parent = mlirBlockGetParentOperation(owner);
  if (mlirOperationIsNull(parent) || !isOp(parent, "func.func") ||
      !mlirBlockEqual(owner, entryBlock(parent)))
    return -1;
  return mlirBlockArgumentGetArgNumber(value);
}

static void checkTensorExternal(Artifact *a, MlirOperation op) {
  int64_t index;
  bool indexOk = claimArgSlot(a, op, &index);
  MlirValue memref = mlirOperationGetOperand(op, 0);
  intptr_t position = functionArgumentPosition(memref);
  if (position < 0)
    reportError(a, op,
                "operand is not an argument of the enclosing "
                "func.func: make_tensor_external wraps an orchestration argument (args[index]); "
                "pass the memref in as a function argument");
  else if (indexOk && index != position)
    reportError(a, op,
                "index = %lld but its operand is argument #%ld of the "
                "orchestration function, whose arguments are args[] in order; use index = %ld",
                (long long)index, (long)position, (long)position);
  MlirType type = mlirValueGetType(memref);
  if (mlirTypeIsAMemRef(type))
    checkRank(a, op, mlirShapedTypeGetRank(type));
}

/* Scalars travel as one uint64_t (orchestration args[] and
   make_scalar_param), so integer types wider than 64 bits do not fit. */
static void checkScalarWidth(Artifact *a, MlirOperation op, MlirType type, const char *what) {
  if (mlirTypeIsAInteger(type) && mlirIntegerTypeGetWidth(type) > 64)
    reportError(a, op,
                "%s is i%u, wider than the 64-bit word the runtime passes a scalar in "
                "(uint64_t); use an integer of at most 64 bits",
                what, mlirIntegerTypeGetWidth(type));
}

static void checkArg(Artifact *a, MlirOperation op) {
  int64_t index;
  (void)claimArgSlot(a, op, &index);
  checkScalarWidth(a, op, mlirValueGetType(mlirOperationGetResult(op, 0)), "result");
}

static void checkScalar(Artifact *a, MlirOperation op) {
  checkScalarWidth(a, op, mlirValueGetType(mlirOperationGetOperand(op, 0)), "operand");
}

/*===--- taskring.predicate -----------------------------------------------===*/

static const char *const kPredicateOps[] = {"eq", "ne", "gt", "lt", "ge", "le"};

/* simpler's CoreTaskArgs::set_predicate: one per task, not a kernel param
   (the submit's last operand), and only on the target that has it. */
static void checkPredicate(Artifact *a, MlirOperation op) {
  (void)readChoice(a, op, "op", kPredicateOps, COUNT_OF(kPredicateOps),
                   "a comparison of simpler's PredicateOp");
  int64_t target;
  (void)readI64(a, op, "target", &target);
  MlirAttribute abi = mlirOperationIsNull(a->runtime) ? (MlirAttribute){NULL}
                                                      : getAttr(a->runtime, "abi");
  if (!mlirAttributeIsNull(abi) && mlirAttributeIsAString(abi) &&
      !refIs(mlirStringAttrGetValue(abi), WSP_EMIT_SIMPLER_ABI_VERSION))
    reportError(a, op,
                "is a dispatch predicate (CoreTaskArgs::set_predicate), which only target "
                "simpler-6ebaf771 has, but the taskring.runtime abi is \"%.*s\"; lower for "
                "target simpler-6ebaf771, or guard the task with a kernel variant "
                "(taskring-predicate-slots for the other target)",
                SREF(mlirStringAttrGetValue(abi)));
  MlirValue result = mlirOperationGetResult(op, 0);
  for (MlirOpOperand use = mlirValueGetFirstUse(result); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use)) {
    MlirOperation user = mlirOpOperandGetOwner(use);
    intptr_t pos = mlirOpOperandGetOperandNumber(use);
    if (!isOp(user, "taskring.submit") || pos + 1 != mlirOperationGetNumOperands(user))
      reportError(a, op,
                  "is used as operand #%ld of a '%.*s' that has %ld operands: a dispatch "
                  "predicate is not a kernel param, only the last operand of a "
                  "'taskring.submit' (one per task); move it there",
                  (long)pos, SREF(opName(user)), (long)mlirOperationGetNumOperands(user));
  }
}

static int compareArgSlots(const void *lhs, const void *rhs) {
  const ArgSlot *l = lhs, *r = rhs;
  if (l->index != r->index)
    return l->index < r->index ? -1 : 1;
  return l->order < r->order ? -1 : (l->order > r->order ? 1 : 0);
}

/* Reports slot i (sorted) as a duplicate of the first slot with its index. */
static void reportDuplicateSlot(Artifact *a, size_t i) {
  const ArgSlot *slot = &a->args[i];
  size_t first = i;
  while (first > 0 && a->args[first - 1].index == slot->index)
    first--;
  reportError(a, slot->op,
              "index = %lld is already taken: each orchestration argument args[i] is one "
              "tensor or one scalar; give this one an unused index",
              (long long)slot->index);
  reportNote(a, a->args[first].op, "index %lld is claimed here", (long long)slot->index);
}

/* Claimed slots must be unique and, together with the function's own
   arguments, dense from 0: the runtime has no way to skip an argument. */
static void checkArgSlots(Artifact *a) {
  if (a->numArgs > 1) /* qsort's base must not be null, even for 0 items */
    qsort(a->args, a->numArgs, sizeof(ArgSlot), compareArgSlots);
  int64_t next = a->numFunctionArgs;
  bool gapReported = false;
  for (size_t i = 0; i < a->numArgs; ++i) {
    const ArgSlot *slot = &a->args[i];
    if (i > 0 && slot->index == a->args[i - 1].index) {
      reportDuplicateSlot(a, i);
      continue;
    }
    if (slot->index < a->numFunctionArgs) {
      if (isOp(slot->op, "taskring.arg"))
        reportError(a, slot->op,
                    "index = %lld is the orchestration function's own argument "
                    "#%lld: taskring.arg indices continue after the function's %lld arguments; "
                    "use an index >= %lld",
                    (long long)slot->index, (long long)slot->index, (long long)a->numFunctionArgs,
                    (long long)a->numFunctionArgs);
      continue;
    }
    if (slot->index != next && !gapReported) {
      reportError(a, slot->op,
                  "index = %lld leaves orchestration argument %lld unused: the runtime "
                  "passes arguments by position (the orchestration function's arguments, then "
                  "taskring.arg indices), so indices must be dense; renumber them without gaps",
                  (long long)slot->index, (long long)next);
      gapReported = true;
    }
    next = slot->index + 1;
  }
}

/*===--- taskring.edge ----------------------------------------------------===*/

static void checkEdgeEnd(Artifact *a, MlirOperation op, intptr_t index, const char *role) {
  MlirOperation def = definingOp(mlirOperationGetOperand(op, index));
  if (mlirOperationIsNull(def) || !isOp(def, "taskring.submit"))
    reportError(a, op,
                "operand #%ld ('%s') is not the result of a 'taskring.submit': "
                "add_successor links task ids returned by add_task; use the submit's result",
                (long)index, role);
}

static void checkEdge(Artifact *a, MlirOperation op) {
  if (a->flavor == FLAVOR_TMR)
    reportError(a, op,
                "needs flavor = \"host_build_graph\": tensormap_and_ringbuffer "
                "has no explicit-edge API at pto-runtime 41d5c94a (dependencies come only from "
                "the TensorMap); express the dependency through param modes on a shared tensor");
  checkEdgeEnd(a, op, 0, "from");
  checkEdgeEnd(a, op, 1, "to");
  if (mlirValueEqual(mlirOperationGetOperand(op, 0), mlirOperationGetOperand(op, 1)))
    reportError(a, op,
                "links a task to itself: add_successor(t, t) makes the task "
                "wait for its own completion, so it never becomes ready; remove the edge");
}

/*===--- scopes -----------------------------------------------------------===*/

typedef struct OpenScopes {
  MlirOperation *begins;
  size_t count, capacity;
} OpenScopes;

static void checkScopesInRegion(Artifact *a, MlirRegion region, size_t depth);

static void openScope(Artifact *a, OpenScopes *open, MlirOperation op, size_t outerDepth) {
  growArray((void **)&open->begins, &open->capacity, open->count + 1, sizeof(MlirOperation));
  open->begins[open->count++] = op;
  size_t depth = outerDepth + open->count;
  if (depth > kMaxOrchestrationScopeDepth)
    reportError(a, op,
                "opens scope depth %zu, more than the %d an "
                "orchestration may nest: PTO2_MAX_SCOPE_DEPTH = %d counts the scope the "
                "executor opens around the entry; merge nested scopes",
                depth, kMaxOrchestrationScopeDepth, kMaxScopeDepth);
}

static void closeScope(Artifact *a, OpenScopes *open, MlirOperation op) {
  if (open->count > 0) {
    open->count--;
    return;
  }
  reportError(a, op,
              "has no 'taskring.scope_begin' before it in the same block: "
              "pto2_rt_scope_end closes the innermost PTO2_SCOPE, and a scope that spans a "
              "loop or branch boundary is unbalanced on some path; open it in this block");
}

static void checkNestedRegions(Artifact *a, MlirOperation op, size_t depth) {
  if (isOp(op, "builtin.module"))
    return; /* its own artifact */
  for (intptr_t r = 0; r < mlirOperationGetNumRegions(op); ++r)
    checkScopesInRegion(a, mlirOperationGetRegion(op, r), depth);
}

/* A scope opened in a block closes in the same block, so every path through
   loops and branches sees balanced begin/end calls. */
static void checkScopesInBlock(Artifact *a, MlirBlock block, size_t depth) {
  OpenScopes open = {NULL, 0, 0};
  for (MlirOperation op = mlirBlockGetFirstOperation(block); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (isOp(op, "taskring.scope_begin"))
      openScope(a, &open, op, depth);
    else if (isOp(op, "taskring.scope_end"))
      closeScope(a, &open, op);
    else
      checkNestedRegions(a, op, depth + open.count);
  }
  for (size_t i = 0; i < open.count; ++i)
    reportError(a, open.begins[i],
                "is not closed by a 'taskring.scope_end' in the same "
                "block: an open PTO2_SCOPE keeps its tasks' ring slots and heap buffers until it "
                "ends; add a scope_end before the block ends");
  free(open.begins);
}

static void checkScopesInRegion(Artifact *a, MlirRegion region, size_t depth) {
  for (MlirBlock block = mlirRegionGetFirstBlock(region); !mlirBlockIsNull(block);
       block = mlirBlockGetNextInRegion(block))
    checkScopesInBlock(a, block, depth);
}

/*===--- the walk ---------------------------------------------------------===*/

typedef void (*OpCheck)(Artifact *a, MlirOperation op);

typedef struct OpRule {
  const char *name;
  OpCheck check;
} OpRule;

/* Ops checked wherever they appear. runtime and kernel are checked from the
   module body (submits need all kernels first); scopes by checkScopesInBlock. */
/* The scheduler domains of a dispatch: wsp-verify's bound (docs/verify.md,
   D2), for taskring written by hand or by another frontend. */
#define TASKRING_MAX_DOMAINS 65536

static void checkDispatch(Artifact *a, MlirOperation op) {
  int64_t domains;
  if (!readI64(a, op, "domains", &domains))
    return;
  if (domains < 1 || domains > TASKRING_MAX_DOMAINS)
    reportError(a, op,
                "domains = %lld: a dispatch names 1 to %d scheduler domains (a domain stands "
                "for a scheduler thread, cluster or core); use a count in that range",
                (long long)domains, TASKRING_MAX_DOMAINS);
}

static const OpRule kOpRules[] = {
    {"taskring.submit", checkSubmit},
    {"taskring.view", checkView},
    {"taskring.tensor_alloc", checkTensorAlloc},
    {"taskring.tensor_external", checkTensorExternal},
    {"taskring.arg", checkArg},
    {"taskring.scalar", checkScalar},
    {"taskring.predicate", checkPredicate},
    {"taskring.edge", checkEdge},
    {"taskring.dispatch", checkDispatch},
};

static bool isModuleLevelOp(MlirStringRef name) {
  return refIs(name, "taskring.runtime") || refIs(name, "taskring.kernel");
}

static void checkTaskRingOp(Artifact *a, MlirOperation op) {
  if (mlirOperationIsNull(a->firstTaskRingOp))
    a->firstTaskRingOp = op;
  MlirStringRef name = opName(op); /* once: compared with every rule's */
  if (isModuleLevelOp(name)) {
    if (!mlirOperationEqual(mlirOperationGetParentOperation(op), a->module))
      reportError(a, op,
                  "must sit directly in the builtin.module: it configures the artifact "
                  "(kernel_config.py), it is not an orchestration call; move it to module level");
    return;
  }
  for (size_t i = 0; i < COUNT_OF(kOpRules); ++i)
    if (refIs(name, kOpRules[i].name))
      kOpRules[i].check(a, op);
}

static MlirWalkResult visitOp(MlirOperation op, void *userData) {
  Artifact *a = userData;
  if (mlirOperationEqual(op, a->module))
    return MlirWalkResultAdvance;
  if (isOp(op, "builtin.module")) {
    verifyArtifact(a->context, a->ok, op);
    return MlirWalkResultSkip;
  }
  if (isOp(op, "func.func") && !mlirAttributeIsNull(mlirOperationGetDiscardableAttributeByName(
                                   op, str("taskring.orchestration"))))
    noteOrchestrationFunction(a, op);
  if (isTaskRingOp(op))
    checkTaskRingOp(a, op);
  return MlirWalkResultAdvance;
}

static void checkModuleBody(Artifact *a) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(a->module, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (isOp(op, "taskring.runtime"))
      checkRuntime(a, op);
    else if (isOp(op, "taskring.kernel"))
      checkKernel(a, op);
  }
}

static void verifyArtifact(WspContext context, bool *ok, MlirOperation module) {
  Artifact a = {.context = context, .ok = ok, .module = module, .flavor = FLAVOR_UNKNOWN};
  checkModuleBody(&a);
  mlirOperationWalk(module, visitOp, &a, MlirWalkPreOrder);
  if (!mlirOperationIsNull(a.firstTaskRingOp)) {
    checkArgSlots(&a);
    checkScopesInRegion(&a, mlirOperationGetRegion(module, 0), 0);
    if (mlirOperationIsNull(a.runtime))
      reportError(&a, a.firstTaskRingOp,
                  "the module has no 'taskring.runtime': the artifact needs its RUNTIME_CONFIG "
                  "(kernel_config.py); add one 'taskring.runtime' at module level");
  }
  free(a.kernels);
  free(a.args);
  free(a.orchestrations);
}

static bool runTaskRingVerify(WspPassRun *run) {
  bool ok = true;
  verifyArtifact(run->context, &ok, run->op);
  return ok;
}

const WspPassInfo taskringVerifyPassInfo = {
    .name = "taskring-verify",
    .summary = "Check taskring IR against the pinned pto-runtime's limits (located errors with "
               "remedies)",
    .options = NULL,
    .numOptions = 0,
    .run = runTaskRingVerify,
    .pipeline = NULL,
};
