/* Internal interfaces of the emitter core (codegen/Core/), shared by every
   target (codegen/Targets/<Target>/). The emitter runs in three steps, all in
   memory: EmitModule.c reads the lowered module into a WspEmitState (runtime
   config, kernels, orchestration arguments and how each tensor is accessed);
   the target prints the orchestration and its runner files, with the shared
   statement writer of EmitCpp.c and the kernel printers of EmitKernel.c /
   EmitVariantKernel.c; codegen/Emit.c (the driver) owns the public API and
   the target table; ArtifactWriter.c the atomic write.
   Dependencies run one way: driver -> targets -> core. */
#ifndef WSP_CODEGEN_EMITINTERNAL_H
#define WSP_CODEGEN_EMITINTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "IRUtil.h"
#include "Support/PointerMap.h"
#include "Support/StringBuffer.h"
#include "mlir-c/IR.h"
#include "wsp-c/Context.h"
#include "wsp-c/Emit.h"

/* Runtime limits at the pinned commit (reference/pto-runtime.md §2, §5). */
#define WSP_EMIT_MAX_TASK_PARAMS 16 /* PTOParams per submit / add_task args */
#define WSP_EMIT_MAX_TENSOR_RANK 5  /* RUNTIME_MAX_TENSOR_DIMS (TensorData) */
#define WSP_EMIT_MAX_FUNC_ID 32     /* RUNTIME_MAX_FUNC_ID */
#define WSP_EMIT_MAX_ORCH_ARGS 32   /* orchestration args[] of the runner */
#define WSP_EMIT_MAX_TENSOR_PAIRS 64 /* host_build_graph record_tensor_pair */

typedef enum WspFlavor {
  WSP_FLAVOR_TMR, /* tensormap_and_ringbuffer */
  WSP_FLAVOR_HBG, /* host_build_graph */
} WspFlavor;

/* Bit 0 = read, bit 1 = written (the taskring param modes). */
typedef enum WspParamMode {
  WSP_MODE_SCALAR = 0,
  WSP_MODE_IN = 1,
  WSP_MODE_OUT = 2,
  WSP_MODE_INOUT = 3,
} WspParamMode;

typedef struct WspEmitFile {
  char *path;
  char *content;
  size_t length;
} WspEmitFile;

typedef struct WspEmitFileSet {
  WspEmitFile *files;
  size_t count, capacity;
  char *capabilityReport;
} WspEmitFileSet;

/* One guard term of a kernel variant (docs/slots.md): the variant runs its
   base kernel only when fn(inputs) (negated when `negate`) holds for every
   term. Its inputs are the variant's params [first, first + count). */
typedef struct WspEmitGuardTerm {
  MlirOperation fn; /* the func.func with `taskring.guard` */
  bool negate;
  size_t first, count;
} WspEmitGuardTerm;

/* What a variant's submits pass at one param position, so that the entry
   can read it (checked equal across every submit of the variant). */
typedef struct WspEmitVariantParam {
  bool isTensor;
  MlirType type;     /* a scalar: its type; a tensor: its root's element type */
  intptr_t rank;     /* a tensor: the view's rank (host_build_graph slots) */
  int64_t elements;  /* a tensor: elements in the view */
  MlirType slotType; /* a slot scalar: the value's type; else null */
} WspEmitVariantParam;

/* A kernel variant: a taskring.kernel with `base` (taskring-predicate-slots). */
typedef struct WspEmitVariant {
  char *baseSymbol; /* the base kernel's symbol */
  size_t baseParams;
  WspEmitGuardTerm *terms;
  size_t numTerms;
  bool *slotScalar;            /* per param: loaded from an element view */
  WspEmitVariantParam *params; /* per param, from the submits */
  bool submitted;              /* params is filled */
} WspEmitVariant;

typedef struct WspEmitKernel {
  MlirOperation op;
  char *symName;    /* the taskring.kernel symbol */
  char *name;       /* file stem and KERNELS "name" (a C identifier) */
  char *path;       /* relative artifact path, kernels/<worker>/<name>.cpp */
  int64_t funcId;
  bool cube;        /* worker "aic" (else "aiv") */
  const char *impl; /* "generated" | "source" | "builtin" (static storage) */
  MlirOperation body; /* impl generated: the kernel's func.func */
  char *userSource;   /* impl source: the path as written */
  WspParamMode *modes;
  size_t numModes;
  WspEmitVariant *variant; /* NULL for an ordinary kernel */
} WspEmitKernel;

/* One slot read (wsp.slot_read) as the variants see it: a one-element view
   some variant reads on device (docs/slots.md), for the manifest. */
typedef struct WspEmitSlot {
  MlirValue element; /* the one-element taskring.view */
  char *tensor;      /* the orchestration argument viewed; NULL: an intermediate */
  char *index;       /* JSON list: the element's indices in its root (null: run time) */
  const char *dtype; /* the tensor's element dtype (static storage) */
  char *type;        /* the value read (MLIR type; i1 tests an integer for non-zero) */
  char *location;
  char **readers; /* names of the variants that read it */
  size_t numReaders;
} WspEmitSlot;

/* One orchestration argument, args[index]. */
typedef struct WspEmitArg {
  char *name;
  bool isTensor;
  MlirType type;      /* the memref type, or the scalar type */
  const char *dtype;  /* "float32", "int64", "index", ... (static storage) */
  MlirLocation loc;
  bool isSymbol;      /* a taskring.arg (host symbol) */
  char *symbolName;   /* a symbol's name as written (its id is FNV-1a-64 of it) */
  unsigned access;    /* tensors: WspParamMode bits over every use */
  /* tensormap_and_ringbuffer: index of the hidden argument carrying the
     initial contents of a read-and-written tensor, or -1 (see
     docs/artifact.md, "inout workload tensors"). */
  int64_t initArg;
  int64_t initOf;     /* a hidden init argument: the tensor it initialises */
  /* A scratch tensor (an intermediate the lowering made an argument,
     `taskring.scratch`): the runner provides zeros; never an output. */
  bool isScratch;
} WspEmitArg;

typedef struct WspEmitDispatch {
  char *kernel;
  char *policy;
  int64_t domains;
  char *location;
  bool slotDependent; /* keyed by a slot read: the domain is known only on device */
} WspEmitDispatch;

/* One line of the capability report (docs/capabilities.md). */
typedef struct WspEmitCapability {
  const char *directive; /* static storage */
  char *detail;
  const char *status;    /* enforced | recorded | diagnosed | unsupported */
  char *how;
} WspEmitCapability;

#define WSP_EMIT_MAX_CAPABILITIES 8

struct WspEmitState;

/* One target: a runtime at a pinned commit (the driver's table, Emit.c). */
typedef struct WspEmitTarget {
  const char *name;       /* canonical, e.g. "simpler-6ebaf771" */
  const char *alias;      /* or NULL */
  const char *abi;        /* manifest `abi`, taskring.runtime `abi` */
  const char *runtime;    /* "pto-runtime" / "simpler", for comments */
  const char *repository; /* the public repository, for the manifest */
  const char *commit;
  /* Kernel ABI: the descriptor a tensor argument points to, and whether it
     carries element strides (`strides[]`) or only the root's shape
     (`raw_shapes[]`, row-major strides derived from it). */
  const char *tensorStruct;
  bool tensorStrides;
  /* Every flavor's kernels take descriptors (else host_build_graph kernels
     take a pointer and rank-1 strides per tensor, 41d5c94a). */
  bool descriptorsOnEveryFlavor;
  /* A kernel's args[] hold every tensor (in param order) before every
     scalar (simpler), instead of one slot per param in param order. */
  bool tensorsBeforeScalars;
  /* tensormap_and_ringbuffer needs exactly 4 AICPU threads (41d5c94a). */
  bool tmrNeedsFourThreads;
  /* A read-and-written tensor's initial contents travel in a hidden
     argument (the 41d5c94a runner does not upload outputs). */
  bool hiddenInitArgs;
  /* Prints every file after the analysis. */
  bool (*emit)(struct WspEmitState *st);
  /* manifest.json: the runtime env entries ("K": "v", ...) and the
     orchestration's entry symbol. */
  void (*appendRuntimeEnv)(WspStringBuffer *b, const struct WspEmitState *st);
  const char *(*orchestrationFunction)(const struct WspEmitState *st, char *buffer, size_t size);
} WspEmitTarget;

typedef struct WspEmitState {
  WspContext context;
  const WspEmitTarget *target;
  const WspEmitTarget *const *targets; /* the driver's table: a module's abi picks one */
  size_t numTargets;
  const char *goldenFile; /* the artifact's reference file, or NULL (manifest `golden`) */
  MlirContext mlir;
  MlirModule module;
  const WspEmitOptions *options;
  const char *platform;
  WspFlavor flavor;
  const char *flavorName;
  MlirOperation runtimeOp;
  int64_t taskWindow, heapBytes, depPool, aicpuThreads, blockDim;
  /* taskring-size-resources' per-ring sizes (0 = the runtime default) and the
     program's smallest window; numRingsUsed = 0 when the module has none. */
  int64_t ringWindows[4], ringHeaps[4], ringDepPools[4], minTaskWindow;
  int numRingsUsed;
  char *abi;
  char *windowMode; /* NULL when the program has no task_window */
  MlirOperation orchFunc;
  char *workload; /* the orchestration function's name, as a C identifier */
  WspEmitKernel *kernels;
  size_t numKernels;
  WspEmitArg *args;
  size_t numArgs;        /* including hidden init arguments */
  size_t numProgramArgs; /* function arguments + taskring.arg symbols */
  WspEmitDispatch *dispatches;
  size_t numDispatches;
  WspEmitSlot *slots;
  size_t numSlots;
  size_t numSubmits, numEdges, numScopes;
  size_t numChannels, numSpawns, numProcesses; /* CSP ops and taskring.process functions */
  WspEmitCapability caps[WSP_EMIT_MAX_CAPABILITIES];
  size_t numCaps;
  WspEmitFileSet *files;
} WspEmitState;

/*===--- EmitModule.c ------------------------------------------------------===*/

/* Reads the module into `st`; false (with located errors) when it is not in
   the lowered form. */
bool wspEmitAnalyzeModule(WspEmitState *st);
void wspEmitStateFree(WspEmitState *st);
const WspEmitKernel *wspEmitFindKernel(const WspEmitState *st, MlirAttribute symbolRef);
/* The op name as a NUL-terminated string in `buffer`. */
const char *wspEmitOpName(MlirOperation op, char *buffer, size_t size);
static inline bool wspEmitOpIs(MlirOperation op, const char *name) { return wspOpIs(op, name); }
/* "file:line:col" of a location (malloc'd), or "<unknown>". */
char *wspEmitLocationString(MlirLocation loc);
/* A malloc'd copy of a string attribute's value, or NULL. */
char *wspEmitStringAttr(MlirOperation op, const char *name);
/* Turns any name into a C identifier ([A-Za-z0-9_], not starting with a digit). */
char *wspEmitIdentifier(const char *name, size_t length);
WspParamMode wspEmitParamModeOf(MlirOperation paramOp);
/* The C++ type of a taskring DataType name ("float32" -> "FLOAT32"). */
const char *wspEmitRuntimeDataType(const char *dtype);
/* Element size in bytes of a runtime DataType name, or 0. */
unsigned wspEmitDataTypeSize(const char *dtype);
/* Element size in bytes of a scalar type, or 0. */
size_t wspEmitElementSize(MlirType type);

/*===--- EmitVariant.c: kernel variants and the slot table ----------------===*/

/* Reads a variant's `base`, `base_params`, `guards` and `slot_scalars`
   (before its source is checked: a generated body has base_params params). */
bool wspEmitReadVariantAttrs(WspEmitState *st, WspEmitKernel *k);
/* After every kernel and argument is known: checks each variant's base,
   learns from its submits what each param holds, checks its guards, and
   builds the slot table. */
bool wspEmitAnalyzeVariants(WspEmitState *st);
void wspEmitVariantFree(WspEmitVariant *v);
void wspEmitSlotsFree(WspEmitState *st);
/* Whether param i of `k` is a slot scalar (an element view the variant
   loads into a scalar before the base kernel runs). */
bool wspEmitIsSlotScalar(const WspEmitKernel *k, size_t i);
/* The number of params the kernel's body function takes: base_params for a
   variant, else every mode. */
size_t wspEmitBodyParams(const WspEmitKernel *k);
/* The mode param i has for the body: a slot scalar is a scalar there. */
WspParamMode wspEmitBodyMode(const WspEmitKernel *k, size_t i);

/*===--- EmitFiles.c: the in-memory file set ------------------------------===*/

/* Adds a file (takes ownership of `content`). Paths must be unique. */
void wspEmitAddFile(WspEmitState *st, const char *path, char *content, size_t length);
/* Sorts the files by path (the deterministic order of wsp-c/Emit.h). */
void wspEmitFileSetSort(WspEmitFileSet *set);
void wspEmitFileSetFree(WspEmitFileSet *set);

/*===--- EmitCpp.c: the shared C++ statement writer ------------------------===*/

typedef enum WspHookResult {
  WSP_HOOK_NOT_MINE,
  WSP_HOOK_DONE,
  WSP_HOOK_FAILED,
} WspHookResult;

struct WspCppWriter;
/* Emits ops the generic writer does not know (taskring ops, memref ops). */
typedef WspHookResult (*WspCppOpHook)(struct WspCppWriter *w, MlirOperation op);

typedef struct WspCppWriter {
  WspEmitState *st;
  WspStringBuffer *out;
  int indent;
  WspPointerMap names; /* MlirValue -> char* name */
  char **owned;        /* every name, freed with the writer */
  size_t numOwned, capacityOwned;
  size_t nextValue;    /* v<N> counter, in walk order */
  const char *where;   /* "orchestration" / "kernel 'k'" for messages */
  WspCppOpHook hook;
  void *hookData;
  char *lastLoc; /* the last `// wsp:` comment, to avoid repeating it */
  MlirLocation lastLocation; /* the location lastLoc was printed from */
  /* Guards: integer division, remainder, shifts and float-to-int casts go
     through the total helpers of wspCppGuardPrelude (no undefined
     behaviour on device data), and `func.return %v` returns the value. */
  bool guardMode;
} WspCppWriter;

void wspCppWriterInit(WspCppWriter *w, WspEmitState *st, WspStringBuffer *out,
                      const char *where, WspCppOpHook hook, void *hookData);
void wspCppWriterFree(WspCppWriter *w);
/* Names `value` v<N> (the next number) and returns the name. */
const char *wspCppDefine(WspCppWriter *w, MlirValue value);
/* Gives `value` an explicit name. */
const char *wspCppDefineAs(WspCppWriter *w, MlirValue value, const char *name);
/* The name of a defined value, or NULL (after raising an error at `user`). */
const char *wspCppUse(WspCppWriter *w, MlirValue value, MlirOperation user);
/* "[[maybe_unused]] " when `value` has no uses (keeps -Wall quiet), else "". */
const char *wspCppUnusedPrefix(MlirValue value);
/* The C++ type of a scalar MLIR type, or NULL. */
const char *wspCppScalarType(MlirType type);
/* Appends one indented line. */
void wspCppLine(WspCppWriter *w, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* `// wsp: file:line:col` for `op` (skipped when equal to the previous one). */
void wspCppLocation(WspCppWriter *w, MlirOperation op);
/* Emits every op of `block` except its terminator. */
bool wspCppEmitBlock(WspCppWriter *w, MlirBlock block);
/* The expression giving the raw u64 bits of a scalar value (for
   make_scalar_param / add_task), or NULL after an error. */
char *wspCppBitsOf(WspCppWriter *w, MlirValue value, MlirOperation user);
/* The expression decoding raw u64 bits `bits` into `type`, or NULL. */
char *wspCppFromBits(MlirType type, const char *bits);
/* Helpers shared by every emitted C++ file (bit casts, integer division). */
extern const char wspCppPrelude[];
/* The total arithmetic guards use (after wspCppPrelude; needs <limits>). */
extern const char wspCppGuardPrelude[];

/*===--- EmitTaskring.c: taskring ops as orchestration printers read them -===*/

/* The shape of a static memref type of rank 1 to WSP_EMIT_MAX_TENSOR_RANK. */
bool wspEmitMemrefSizes(MlirType t, int64_t *sizes, intptr_t *rank);
/* The sizes of a taskring tensor value, from the op that defines it. */
bool wspEmitTensorSizes(WspEmitState *st, MlirValue v, int64_t *sizes, intptr_t *rank);
void wspEmitAppendI64List(WspStringBuffer *b, const int64_t *values, intptr_t n);
/* "'taskring.view' <why>" at the op; returns false. */
bool wspEmitViewError(WspCppWriter *w, MlirOperation op, const char *why);
/* A view's offsets as C++ expressions, checked against its base. */
bool wspEmitViewOffsets(WspCppWriter *w, MlirOperation op, const int64_t *baseSizes,
                        intptr_t rank, WspStringBuffer *offsets);
/* "'taskring.submit' of kernel 'k': ..." at the op; returns false. */
bool wspEmitSubmitError(WspCppWriter *w, MlirOperation op, const char *kernel,
                        const char *format, ...) __attribute__((format(printf, 4, 5)));
/* The taskring.predicate a submit ends with (simpler's dispatch predicate,
   not a kernel param), or null; the submit's params before it. */
MlirOperation wspEmitSubmitPredicate(MlirOperation submit);
size_t wspEmitSubmitNumParams(MlirOperation submit);
/* Checks a submit against its kernel (ids, param count, modes); fills *out. */
bool wspEmitCheckSubmit(WspCppWriter *w, MlirOperation op, const WspEmitKernel **out);

/* One param of a submit: its mode, value, C++ name and (tensors) rank. */
typedef struct WspEmitParamInfo {
  WspParamMode mode;
  MlirValue value; /* the tensor or the scalar */
  const char *name;
  intptr_t rank;
} WspEmitParamInfo;

bool wspEmitCollectParams(WspCppWriter *w, MlirOperation op, const WspEmitKernel *k,
                          WspEmitParamInfo *params, size_t n);

/*===--- EmitCsp.c: processes and channels in an orchestration --------------===*/

typedef struct WspEmitCsp {
  MlirOperation *processes; /* taskring.process functions with a body, in module order */
  size_t numProcesses, capProcesses;
  /* A spawn's callee in one lookup, not a scan of the module (quadratic
     with thousands of processes): MLIR's symbol table of the module, and
     each process function's index + 1 in `processes`. */
  MlirSymbolTable symbols;
  WspPointerMap indexOf;
  bool inProcess; /* emitting a process function */
} WspEmitCsp;

void wspEmitCspCollect(WspEmitState *st, WspEmitCsp *csp);
void wspEmitCspFree(WspEmitCsp *csp);
/* Prints a CSP op (create_channel, tensor_param, spawn, send, recv, close;
   channel_end is folded into its spawn); NOT_MINE for any other op.
   `failReturn`: how the function being printed leaves after a failure. */
WspHookResult wspEmitCspOp(WspCppWriter *w, WspEmitCsp *csp, MlirOperation op,
                           const char *failReturn);
/* The C++ support of processes: WspCspTensor (the target's `tensorType`),
   the shared scheduler, then the target's WspCsp (`targetSupport`, its
   runtime/csp_support.hpp). Each artifact carries the text: it stays
   self-contained. */
void wspEmitCspSupport(WspStringBuffer *file, const char *tensorType, const char *targetSupport);
/* `void wsp_procN(WspCsp&, WspProc&);` for every process. */
void wspEmitCspDeclarations(WspStringBuffer *b, const WspEmitCsp *csp);
/* Names a process's channel and scalar parameters. */
void wspEmitProcessParams(WspCppWriter *w, MlirOperation fn);
/* The func_id of the builtin empty kernel, or -1. */
int64_t wspEmitNoopKernelId(const WspEmitState *st);
/* A name made safe inside a C++ string literal, in place; returns it. */
char *wspEmitLiteralText(char *text);

/*===--- EmitOrchPrinter.c: what every orchestration printer shares ------===*/

typedef WspHookResult (*WspEmitOpPrinter)(WspCppWriter *w, MlirOperation op);

/* A target's part of the orchestration printer: the ops whose C++ names its
   runtime's API. */
typedef struct WspEmitOrchTarget {
  WspEmitOpPrinter external, alloc, view, submit, edge; /* the taskring op of that name */
  WspHookResult (*scope)(WspCppWriter *w, bool begin);
  /* The expression of the raw u64 bits of orchestration argument `index`. */
  void (*argumentBits)(const WspEmitState *st, size_t index, char *buffer, size_t size);
  /* Lines at the top of each process function (after its signature). */
  void (*processPrologue)(WspCppWriter *w);
  /* How the function being printed leaves after a reported failure. */
  const char *(*failReturn)(WspCppWriter *w);
  const char *runtimeInComments; /* "simpler 6ebaf771" */
  bool predicateInSubmit; /* taskring.predicate is folded into its submit */
} WspEmitOrchTarget;

/* The orchestration printer's state: the writer's hookData (a target that
   needs more state embeds it as its first member). */
typedef struct WspEmitOrch {
  WspEmitState *st;
  const WspEmitOrchTarget *target;
  char **sequences; /* taskring.sequence names, in first-use order */
  size_t numSequences;
  WspEmitCsp csp; /* the taskring.process functions */
} WspEmitOrch;

void wspEmitOrchInit(WspEmitOrch *o, WspEmitState *st, const WspEmitOrchTarget *target);
void wspEmitOrchFree(WspEmitOrch *o);
/* The writer hook of orchestration and process bodies (hookData: a WspEmitOrch). */
WspHookResult wspEmitOrchestrationOp(WspCppWriter *w, MlirOperation op);
/* Names and decodes the orchestration function's scalar arguments. */
void wspEmitScalarArgs(WspCppWriter *w);
/* The counters of taskring.sequence ops, once the body is known (without
   processes; with them WspCsp keeps the counters). */
void wspEmitSequenceCounters(WspStringBuffer *b, const WspEmitOrch *o);

/* A checked taskring.tensor_alloc: 1 to WSP_EMIT_MAX_TENSOR_RANK extents in
   [1, maxExtent] and a runtime dtype. */
typedef struct WspEmitAlloc {
  const char *name;        /* the result's C++ name; <name>_shape[] holds the extents */
  intptr_t rank;
  char *dtype;             /* the taskring dtype (malloc'd: the caller frees it) */
  const char *runtimeType; /* its runtime DataType name */
} WspEmitAlloc;
/* Checks the alloc (else a located error, `extentRule` saying why the bound)
   and prints `<extentType> <name>_shape[] = {...};`. */
bool wspEmitAllocShape(WspCppWriter *w, MlirOperation op, const char *extentType,
                       int64_t maxExtent, const char *extentRule, WspEmitAlloc *out);
/* Checks a taskring.view against its base (else a located error) and prints
   `<indexType> <name>_sizes[]` and `<name>_offsets[]` ("uint64_t" or
   "uint32_t"); the target then prints the view of *baseName. */
bool wspEmitViewArrays(WspCppWriter *w, MlirOperation op, const char *indexType,
                       const char **name, const char **baseName);

/* The file's first two comment lines: workload, location, runtime, flavor. */
void wspEmitOrchestrationBanner(WspStringBuffer *b, const WspEmitState *st);
/* The declarations and bodies of the process functions, in an anonymous namespace. */
bool wspEmitProcessFunctions(WspStringBuffer *file, WspEmitOrch *o);
/* Adds kernels/orchestration/<workload>_orch.cpp (takes `file`'s text). */
void wspEmitAddOrchestrationFile(WspEmitState *st, WspStringBuffer *file);

/*===--- EmitKernel.c / EmitVariantKernel.c / EmitManifest.c ---------------===*/

/* Pieces of kernel files, shared with the variant printer. */
void wspEmitKernelAbiComment(WspStringBuffer *b, const WspEmitState *st);
/* Includes, `__gm__`/`__aicore__` and wspCppPrelude (+ the guard helpers). */
void wspEmitKernelFilePrelude(WspStringBuffer *file, const WspEmitState *st, bool guards);
/* A generated kernel's translated body as the function `signature`. */
bool wspEmitGeneratedBody(WspEmitState *st, const WspEmitKernel *k, const char *signature,
                          WspStringBuffer *file);
/* The user's kernel source (impl "source"), or NULL after an error. */
char *wspEmitUserKernelText(WspEmitState *st, const WspEmitKernel *k, size_t *length);
/* EmitVariantKernel.c: a kernel variant's file (docs/slots.md). */
char *wspEmitVariantKernel(WspEmitState *st, const WspEmitKernel *k);

/* EmitKernelFiles.c: every kernel file (generated, user source, builtin,
   variants). */
bool wspEmitKernels(WspEmitState *st);
/* Blank `__gm__`/`__aicore__` unless pto-isa's headers defined them. */
extern const char wspKernelEntryDefines[];
/* Whether tensors reach kernels as descriptors (else as a pointer and
   rank-1 strides: host_build_graph at 41d5c94a). */
bool wspEmitKernelTakesDescriptors(const WspEmitState *st);

/*===--- EmitManifest.c: manifest.json and the shared JSON helpers ---------===*/

bool wspEmitManifest(WspEmitState *st);
/* A JSON string literal (also a valid Python literal). */
void wspEmitAppendQuoted(WspStringBuffer *b, const char *s);
/* "[d0, d1, ...]" of a shaped type. */
void wspEmitAppendShape(WspStringBuffer *b, MlirType t);
/* Whether the program set a task window, and whether its mode is stall. */
bool wspEmitHasWindow(const WspEmitState *st);
bool wspEmitWindowIsStall(const WspEmitState *st);
/* The kernels in func_id order (malloc'd array of st->numKernels). */
const WspEmitKernel **wspEmitKernelsById(const WspEmitState *st);
/* A capability line (the target fills detail and how). */
WspEmitCapability *wspEmitAddCapability(WspEmitState *st, const char *directive,
                                        const char *status);
/* The task_window line with its status and detail (the target fills how). */
WspEmitCapability *wspEmitAddWindowCapability(WspEmitState *st);
char *wspEmitFormat(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Fills st->files->capabilityReport from st->caps. */
void wspEmitFinishCapabilityReport(WspEmitState *st);

/*===--- the targets (codegen/Targets/<target>/) --------------------------===*/

extern const WspEmitTarget wspPtoRuntime41d5c94aTarget;
extern const WspEmitTarget wspSimpler6ebaf771Target;

/* Reads a whole regular file (EmitFiles.c); NULL on failure, with the reason in *why
   (static storage). */
char *wspEmitReadFile(const char *path, size_t *length, const char **why);

#endif
