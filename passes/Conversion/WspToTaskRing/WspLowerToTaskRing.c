/* wsp-lower-to-taskring: turns the verified wsp workload into taskring IR,
   one op per PTO2 runtime call (docs/lowering.md).

   - kernels become taskring.kernel ops with func_ids in module order;
   - workload memref arguments become taskring.tensor_external, memref.alloc
     becomes taskring.tensor_alloc plus a submit of the builtin alloc kernel
     (the runtime allocates heap memory only when a task writes a tensor
     whole, and later views must see that address);
   - memref.subview becomes taskring.view; wsp.in/out/inout/scalar become
     taskring params; wsp.task becomes taskring.submit;
   - wsp.dispatch becomes taskring.dispatch carrying the raw key (the domain
     is computed by wsp-assign-domains); wsp.symbol becomes taskring.arg;
   - wsp.task_window becomes the taskring.runtime ring window;
   - CSP (docs/csp.md, "Lowering"): wsp.create_channel becomes
     taskring.create_channel, channel arguments taskring.channel_end, wsp.spawn /
     send / recv / close their taskring namesakes; each wsp.process function
     becomes a taskring.process function whose tensor parameters are
     taskring.tensor_param and whose channel parameters are
     !taskring.channel. The orchestration runs processes as coroutines and
     adds the token and credit ordering around their submits.

   Dependencies on tensormap_and_ringbuffer: the runtime's TensorMap orders
   only read-after-write (an input or inout looks up earlier producers; an
   output looks up nothing; readers are never recorded). The lowering makes
   the other hazards visible to it (docs/dependencies.md):
   - write-after-write: a write becomes inout when its tensor has another
     writer or the write repeats in a loop, so it looks up the earlier writer;
   - write-after-read: a read becomes inout when a write of the same tensor
     may follow it, so it registers as a producer the writer must wait for.
   Both only add ordering the TensorMap then restricts to overlapping
   regions; the cost is that readers of a later-overwritten tensor are
   ordered among themselves. host_build_graph of pto-runtime 41d5c94a keeps
   the declared modes: its emitted orchestration derives exact edges. For
   target simpler-6ebaf771 (both flavors: simpler's host_build_graph has the
   same TensorMap) writes follow the rules above, and reads keep mode in: its
   orchestration gives each writer explicit dependencies on the earlier
   readers it overlaps, so readers run in parallel.

   Scratch tensors on tensormap_and_ringbuffer: the runtime frees ring slots
   in submission order, and a heap tensor lives as long as the task that
   allocated it. An intermediate allocated outside every loop must live for
   the whole run, so its alloc task would hold the ring from its position
   on, and a program could never have more than task_window tasks. Such an
   allocation (and the serialization token) therefore becomes a hidden
   orchestration argument instead, `wsp_scratch<N>` (argument attribute
   `wsp.scratch`): memory the runner provides, with no task at all.

   Size: about 1,500 lines, over the ~800 the layout aims at (docs/architecture.md).
   The lowering is one walk with one mapping state (values to taskring values,
   scratch arguments, the loop ranges of writers) that every op's rewrite reads
   and writes; it has not yet been split by concern (kernels and tensors,
   params and submits, CSP, scratch arguments) behind a private header as
   wsp-verify is. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "IRUtil.h"
#include "PassRegistry.h"
#include "Support/PointerMap.h"
#include "Support/StringBuffer.h"
#include "wsp-c/Diagnostics.h"
#include "wsp-c/Emit.h"

#define DYNAMIC_MARKER INT64_MIN /* memref's and taskring.view's dynamic offset */
/* The task ring keeps its window in an int32 (pto_ring_buffer.h at 41d5c94a). */
#define MAX_TASK_WINDOW (INT64_C(1) << 30)

typedef struct Kernel {
  MlirOperation func;
  char *name;
  MlirAttribute symbol; /* @<name>.kernel, the taskring.kernel's symbol */
  int64_t funcId;
  const char *worker; /* owned by the context */
} Kernel;

/* A tensor root: a workload argument or one memref.alloc op. */
typedef struct Root {
  MlirValue value;
  size_t numWriters; /* out/inout params writing it */
  bool writtenInLoop;
  size_t lastWriterPos; /* walk position of the last writing param */
  size_t *writerPos;    /* walk positions of every writing param, ascending */
  size_t numWriterPos, capWriterPos;
} Root;

typedef struct Lowering {
  WspPassRun *run;
  MlirContext ctx;
  MlirOperation module;
  MlirOperation workload;
  MlirOperation func;      /* the function being lowered: the workload or a process */
  bool inProcess;          /* func is a wsp.process */
  MlirOperation *spawns;   /* every wsp.spawn of the module */
  size_t numSpawns, capSpawns;
  int64_t numChannels;
  bool tensormap; /* flavor: tensormap_and_ringbuffer */
  bool serialize; /* debug: chain every task in submission order */
  const char *abi; /* the target's artifact ABI (taskring.runtime abi) */
  /* Reads keep mode in (simpler-6ebaf771): the emitted orchestration gives
     each writer explicit dependencies on the readers it overwrites. */
  bool exactReads;
  MlirValue serialArg;   /* tensormap_and_ringbuffer: the token's scratch argument */
  MlirValue serialToken; /* the 1-element tensor every task updates when serializing */
  Kernel *kernels;
  size_t numKernels;
  WspPointerMap kernelOf;  /* FlatSymbolRefAttr @name -> kernel index + 1 */
  MlirType tensorT, paramT, taskT, channelT; /* parsed once */
  int64_t allocKernelId; /* -1 when no memref.alloc */
  Root *roots;
  size_t numRoots, capRoots;
  WspPointerMap rootOf;    /* memref value -> root index + 1 */
  WspPointerMap mapped;    /* old value -> new value (tensor, param, task) */
  WspPointerMap paramWritten; /* process memref parameter -> 1 + may it be written */
  MlirOperation *ops;      /* workload ops in pre-order */
  size_t numOps, capOps;
  WspPointerMap position;  /* workload op -> its index in ops + 1 */
  WspPointerMap loopEnd;   /* workload loop -> 1 + the end of its pre-order range */
  WspPointerMap spawnsOf;  /* FlatSymbolRefAttr @process -> 1 + index in spawnLists */
  size_t **spawnLists;     /* per process: indices into spawns, then SIZE_MAX */
  size_t numSpawnLists;
  char **symbolNames;
  MlirValue *symbolValues;
  size_t numSymbols;
  WspPointerMap symbolOf;  /* StringAttr name -> symbol index + 1 */
  int64_t numSlots;
  bool failed;
} Lowering;

static void fail(Lowering *l, MlirOperation op, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void fail(Lowering *l, MlirOperation op, const char *format, ...) {
  va_list args;
  va_start(args, format);
  wspEmitErrorv(l->run->context, mlirOperationGetLocation(op), format, args);
  va_end(args);
  l->failed = true;
}

/* The taskring types, parsed once per run rather than once per op. */
static MlirType cachedType(Lowering *l, MlirType *slot, const char *text) {
  if (mlirTypeIsNull(*slot))
    *slot = mlirTypeParseGet(l->ctx, wspStr(text));
  return *slot;
}
static MlirType tensorType(Lowering *l) {
  return cachedType(l, &l->tensorT, "!taskring.tensor");
}
static MlirType paramType(Lowering *l) {
  return cachedType(l, &l->paramT, "!taskring.param");
}
static MlirType taskType(Lowering *l) {
  return cachedType(l, &l->taskT, "!taskring.task");
}

static MlirValue mappedValue(Lowering *l, MlirValue old) {
  void *v = NULL;
  MlirValue none = {NULL};
  if (!wspPointerMapGet(&l->mapped, old.ptr, &v))
    return none;
  MlirValue result = {v};
  return result;
}

static void mapValue(Lowering *l, MlirValue old, MlirValue now) {
  wspPointerMapSet(&l->mapped, old.ptr, (void *)now.ptr);
}

/*===--- collection -------------------------------------------------------===*/

static bool collectOp(MlirOperation op, void *userData) {
  Lowering *l = userData;
  if (mlirOperationEqual(op, l->func))
    return true;
  if (l->numOps == l->capOps) { /* doubling: appends stay amortized O(1) */
    l->capOps = l->capOps ? 2 * l->capOps : 256;
    l->ops = wspRealloc(l->ops, l->capOps * sizeof(MlirOperation));
  }
  if (!l->inProcess)
    wspPointerMapSet(&l->position, op.ptr, (void *)(uintptr_t)(l->numOps + 1));
  l->ops[l->numOps++] = op;
  return true;
}

static bool findWorkload(Lowering *l) {
  MlirBlock body = wspModuleBody(l->module);
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    if (wspOpIs(op, "func.func") && wspHasAttr(op, "wsp.workload")) {
      l->workload = op;
      return true;
    }
  wspEmitError(l->run->context, mlirOperationGetLocation(l->module),
               "wsp-lower-to-taskring: the module has no function with 'wsp.workload'; "
               "mark the entry function with attributes {wsp.workload}");
  return false;
}

static void collectKernels(Lowering *l) {
  MlirBlock body = wspModuleBody(l->module);
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (!wspOpIs(op, "func.func") || !wspHasAttr(op, "wsp.kernel"))
      continue;
    l->kernels = wspRealloc(l->kernels, (l->numKernels + 1) * sizeof(Kernel));
    Kernel *k = &l->kernels[l->numKernels];
    MlirStringRef name = wspSymName(op);
    k->func = op;
    k->name = wspStrndup(name.data, name.length);
    k->funcId = (int64_t)l->numKernels;
    k->worker = wspAttrStringOr(op, "wsp.kernel", "aiv", NULL);
    WspStringBuffer sym;
    wspStringBufferInit(&sym);
    wspStringBufferAppendf(&sym, "%s.kernel", k->name);
    k->symbol = wspSymbolRefAttr(l->ctx, sym.data);
    wspStringBufferFree(&sym);
    /* Symbol ref attributes are uniqued: the first kernel of a name wins,
       as the old linear search did. */
    MlirAttribute ref = wspSymbolRefAttr(l->ctx, k->name);
    void *known = NULL;
    if (!wspPointerMapGet(&l->kernelOf, ref.ptr, &known))
      wspPointerMapSet(&l->kernelOf, ref.ptr, (void *)(uintptr_t)(l->numKernels + 1));
    l->numKernels++;
  }
}

static const Kernel *findKernel(const Lowering *l, MlirAttribute symbol) {
  if (mlirAttributeIsNull(symbol) || !mlirAttributeIsAFlatSymbolRef(symbol))
    return NULL;
  /* Re-unique by name: the op's attribute may carry no other payload, but
     looking it up by its text keeps this exactly a name match. */
  MlirAttribute ref = mlirFlatSymbolRefAttrGet(l->ctx, mlirFlatSymbolRefAttrGetValue(symbol));
  void *found = NULL;
  if (!wspPointerMapGet(&l->kernelOf, ref.ptr, &found))
    return NULL;
  return &l->kernels[(size_t)(uintptr_t)found - 1];
}

/*===--- tensor roots and mode choice -------------------------------------===*/

/* Follows views and casts back to a workload argument or an alloc. */
static MlirValue rootValue(MlirValue v) {
  while (mlirValueIsAOpResult(v)) {
    MlirOperation def = mlirOpResultGetOwner(v);
    if (!wspOpIs(def, "memref.subview") && !wspOpIs(def, "memref.cast"))
      break;
    v = mlirOperationGetOperand(def, 0);
  }
  return v;
}

static size_t rootIndex(Lowering *l, MlirValue memref) {
  MlirValue root = rootValue(memref);
  void *found = NULL;
  if (wspPointerMapGet(&l->rootOf, root.ptr, &found))
    return (size_t)(uintptr_t)found - 1;
  if (l->numRoots == l->capRoots) {
    l->capRoots = l->capRoots ? 2 * l->capRoots : 16;
    l->roots = wspRealloc(l->roots, l->capRoots * sizeof(Root));
  }
  Root r = {root, 0, false, 0, NULL, 0, 0};
  l->roots[l->numRoots] = r;
  wspPointerMapSet(&l->rootOf, root.ptr, (void *)(uintptr_t)(l->numRoots + 1));
  return l->numRoots++;
}

static bool inLoop(MlirOperation op, MlirOperation stop) {
  for (MlirOperation p = mlirOperationGetParentOperation(op);
       !mlirOperationIsNull(p) && !mlirOperationEqual(p, stop);
       p = mlirOperationGetParentOperation(p))
    if (wspOpIs(p, "scf.for") || wspOpIs(p, "scf.parallel") || wspOpIs(p, "scf.forall") ||
        wspOpIs(p, "scf.while"))
      return true;
  return false;
}

/* The outermost loop enclosing `op` below the workload, or null. */
static MlirOperation outermostLoop(MlirOperation op, MlirOperation stop) {
  MlirOperation found = {NULL};
  for (MlirOperation p = mlirOperationGetParentOperation(op);
       !mlirOperationIsNull(p) && !mlirOperationEqual(p, stop);
       p = mlirOperationGetParentOperation(p))
    if (wspOpIs(p, "scf.for") || wspOpIs(p, "scf.parallel") || wspOpIs(p, "scf.forall") ||
        wspOpIs(p, "scf.while"))
      found = p;
  return found;
}

static bool isTileArg(MlirOperation op) {
  return wspOpIs(op, "wsp.in") || wspOpIs(op, "wsp.out") || wspOpIs(op, "wsp.inout");
}

static bool isMemref(MlirValue v) { return mlirTypeIsAMemRef(mlirValueGetType(v)); }

/* First sweep: which roots are written, where, and how often. */
static bool feedsSpawn(MlirOperation arg) {
  MlirOpOperand use = mlirValueGetFirstUse(mlirOperationGetResult(arg, 0));
  return !mlirOpOperandIsNull(use) && wspOpIs(mlirOpOperandGetOwner(use), "wsp.spawn");
}

/* First sweep: which roots are written, where, and how often. A tensor a
   spawn passes as out or inout is written by a process, after the whole
   workload has run (processes start when it returns). */
static void analyzeWrites(Lowering *l) {
  for (size_t i = 0; i < l->numOps; ++i) {
    MlirOperation op = l->ops[i];
    if (!isTileArg(op) || !isMemref(mlirOperationGetOperand(op, 0)))
      continue;
    size_t root = rootIndex(l, mlirOperationGetOperand(op, 0)); /* may grow l->roots */
    Root *r = &l->roots[root];
    if (wspOpIs(op, "wsp.in"))
      continue;
    r->numWriters++;
    if (r->numWriterPos == r->capWriterPos) {
      r->capWriterPos = r->capWriterPos ? 2 * r->capWriterPos : 4;
      r->writerPos = wspRealloc(r->writerPos, r->capWriterPos * sizeof(size_t));
    }
    r->writerPos[r->numWriterPos++] = i;
    bool spawned = feedsSpawn(op);
    r->writtenInLoop |= spawned || inLoop(op, l->workload);
    r->lastWriterPos = spawned ? l->numOps : i;
  }
}

/* May a process write what its tensor parameter `root` (a block argument
   of the process) views? Yes when any spawn of the process passes it as
   out or inout, or passes a view of a workload tensor that anything
   writes, or passes a process's own parameter (not tracked further). */
static bool processParamWritten(Lowering *l, MlirValue root) {
  void *known = NULL;
  if (!wspPointerMapGet(&l->paramWritten, root.ptr, &known))
    return true; /* an allocation inside a process */
  return (uintptr_t)known == 2;
}

/* The spawns of `process`, as indices into l->spawns ending in SIZE_MAX,
   or null when there are none. */
static const size_t *spawnsOfProcess(Lowering *l, MlirOperation process) {
  MlirAttribute ref = mlirFlatSymbolRefAttrGet(l->ctx, wspSymName(process));
  void *found = NULL;
  if (!wspPointerMapGet(&l->spawnsOf, ref.ptr, &found))
    return NULL;
  return l->spawnLists[(size_t)(uintptr_t)found - 1];
}

/* The list a spawn belongs to (by callee), or SIZE_MAX. */
static size_t spawnListOf(Lowering *l, MlirOperation spawn, bool create) {
  MlirAttribute callee = wspAttr(spawn, "process");
  if (mlirAttributeIsNull(callee) || !mlirAttributeIsAFlatSymbolRef(callee))
    return SIZE_MAX;
  MlirAttribute ref = mlirFlatSymbolRefAttrGet(l->ctx, mlirFlatSymbolRefAttrGetValue(callee));
  void *found = NULL;
  if (wspPointerMapGet(&l->spawnsOf, ref.ptr, &found))
    return (size_t)(uintptr_t)found - 1;
  if (!create)
    return SIZE_MAX;
  wspPointerMapSet(&l->spawnsOf, ref.ptr, (void *)(uintptr_t)(l->numSpawnLists + 1));
  return l->numSpawnLists++;
}

/* Groups the spawns by callee once (two passes: count, then fill), so each
   process parameter looks only at its own process's spawns. */
static void groupSpawns(Lowering *l) {
  size_t *listOf = wspMalloc(sizeof(size_t) * (l->numSpawns ? l->numSpawns : 1));
  for (size_t i = 0; i < l->numSpawns; ++i)
    listOf[i] = spawnListOf(l, l->spawns[i], true);
  size_t *counts = wspCalloc(l->numSpawnLists ? l->numSpawnLists : 1, sizeof(size_t));
  for (size_t i = 0; i < l->numSpawns; ++i)
    if (listOf[i] != SIZE_MAX)
      counts[listOf[i]]++;
  l->spawnLists = wspCalloc(l->numSpawnLists ? l->numSpawnLists : 1, sizeof(size_t *));
  for (size_t j = 0; j < l->numSpawnLists; ++j) {
    l->spawnLists[j] = wspMalloc(sizeof(size_t) * (counts[j] + 1));
    l->spawnLists[j][counts[j]] = SIZE_MAX;
    counts[j] = 0;
  }
  for (size_t i = 0; i < l->numSpawns; ++i)
    if (listOf[i] != SIZE_MAX)
      l->spawnLists[listOf[i]][counts[listOf[i]]++] = i;
  free(counts);
  free(listOf);
}

static bool spawnsMayWrite(Lowering *l, MlirOperation process, intptr_t index) {
  const size_t *list = spawnsOfProcess(l, process);
  for (size_t j = 0; list && list[j] != SIZE_MAX; ++j) {
    MlirOperation spawn = l->spawns[list[j]];
    if (index >= mlirOperationGetNumOperands(spawn))
      continue;
    MlirValue boxed = mlirOperationGetOperand(spawn, index);
    if (!mlirValueIsAOpResult(boxed))
      return true;
    MlirOperation arg = mlirOpResultGetOwner(boxed);
    if (!wspOpIs(arg, "wsp.in"))
      return true;
    MlirValue source = rootValue(mlirOperationGetOperand(arg, 0));
    void *found = NULL;
    if (!wspPointerMapGet(&l->rootOf, source.ptr, &found) ||
        l->roots[(size_t)(uintptr_t)found - 1].numWriters > 0)
      return true;
  }
  return false;
}

static bool collectSpawn(MlirOperation op, void *userData) {
  Lowering *l = userData;
  if (wspOpIs(op, "wsp.spawn")) {
    if (l->numSpawns == l->capSpawns) {
      l->capSpawns = l->capSpawns ? 2 * l->capSpawns : 16;
      l->spawns = wspRealloc(l->spawns, l->capSpawns * sizeof(MlirOperation));
    }
    l->spawns[l->numSpawns++] = op;
  }
  return true;
}

static bool isProcess(MlirOperation op) {
  return wspOpIs(op, "func.func") && wspHasAttr(op, "wsp.process") && !wspFuncIsDeclaration(op);
}

/* Before anything is rewritten (spawns are erased as they are lowered):
   which tensor parameters of each process may be written. */
static void analyzeProcessParams(Lowering *l) {
  wspWalk(l->module, collectSpawn, l);
  groupSpawns(l);
  MlirBlock body = wspModuleBody(l->module);
  for (MlirOperation fn = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(fn);
       fn = mlirOperationGetNextInBlock(fn)) {
    if (!isProcess(fn))
      continue;
    MlirBlock entry = wspFuncEntryBlock(fn);
    for (intptr_t i = 0; i < mlirBlockGetNumArguments(entry); ++i) {
      MlirValue arg = mlirBlockGetArgument(entry, i);
      if (isMemref(arg))
        wspPointerMapSet(&l->paramWritten, arg.ptr,
                         (void *)(uintptr_t)(spawnsMayWrite(l, fn, i) ? 2 : 1));
    }
  }
}

static bool lastInWalk(MlirOperation op, void *userData) {
  *(MlirOperation *)userData = op;
  return true;
}

/* The pre-order positions of `loop`'s body in l->ops: (position of loop,
   returned end). Computed by one walk per loop and cached. */
static size_t loopEnd(Lowering *l, MlirOperation loop) {
  void *known = NULL;
  if (wspPointerMapGet(&l->loopEnd, loop.ptr, &known))
    return (size_t)(uintptr_t)known - 1;
  MlirOperation last = loop;
  wspWalk(loop, lastInWalk, &last);
  void *found = NULL;
  size_t end = wspPointerMapGet(&l->position, last.ptr, &found) ? (size_t)(uintptr_t)found
                                                                : l->numOps;
  wspPointerMapSet(&l->loopEnd, loop.ptr, (void *)(uintptr_t)(end + 1));
  return end;
}

/* Does a write of `root` share a loop with `reader` (so it may run after
   it, in a later iteration)? Any loop enclosing the reader counts, not
   only the innermost: in `for i { write; for j { read } }` the write of
   iteration i+1 follows the reads of iteration i. Every writer inside an
   inner loop is inside the outermost one, so that is the one to ask. Its
   body is a range of walk positions, and the root's writers are sorted by
   position: one binary search. */
static bool writerSharesLoop(Lowering *l, size_t root, MlirOperation reader) {
  MlirOperation loop = outermostLoop(reader, l->workload);
  if (mlirOperationIsNull(loop))
    return false;
  void *found = NULL;
  if (!wspPointerMapGet(&l->position, loop.ptr, &found))
    return false;
  size_t begin = (size_t)(uintptr_t)found; /* the first op inside the loop */
  size_t end = loopEnd(l, loop);
  const Root *r = &l->roots[root];
  size_t lo = 0, hi = r->numWriterPos; /* first writer at or after begin */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (r->writerPos[mid] < begin)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < r->numWriterPos && r->writerPos[lo] < end;
}

/* The taskring param op for a tile argument (see the header comment). */
static const char *paramOpFor(Lowering *l, MlirOperation op, size_t position) {
  if (wspOpIs(op, "wsp.inout"))
    return "taskring.inout";
  /* pto-runtime 41d5c94a's host_build_graph orchestration derives every
     edge itself; simpler's host_build_graph has a TensorMap like
     tensormap_and_ringbuffer's (the same rules), so it needs the same modes. */
  bool tensormapRules = l->tensormap || l->exactReads;
  if (!tensormapRules || feedsSpawn(op)) /* a spawn keeps the declared mode */
    return wspOpIs(op, "wsp.in") ? "taskring.input" : "taskring.output";
  if (l->exactReads && wspOpIs(op, "wsp.in")) /* write-after-read: explicit edges */
    return "taskring.input";
  if (l->inProcess) {
    /* Processes interleave at run time, so program order says nothing
       about which write comes last: every write looks up earlier writers,
       and a read registers when anything may write the tensor. */
    if (wspOpIs(op, "wsp.out"))
      return "taskring.inout";
    return processParamWritten(l, rootValue(mlirOperationGetOperand(op, 0))) ? "taskring.inout"
                                                                              : "taskring.input";
  }
  size_t root = rootIndex(l, mlirOperationGetOperand(op, 0));
  const Root *r = &l->roots[root];
  if (wspOpIs(op, "wsp.out"))
    return r->numWriters > 1 || r->writtenInLoop ? "taskring.inout" : "taskring.output";
  bool laterWrite = r->numWriters > 0 && r->lastWriterPos > position;
  return laterWrite || (r->numWriters > 0 && writerSharesLoop(l, root, op)) ? "taskring.inout"
                                                                            : "taskring.input";
}

/*===--- module-level ops -------------------------------------------------===*/

static bool windowFromProgram(Lowering *l, int64_t *window, const char **mode) {
  *window = l->tensormap ? 65536 : 131072; /* the runtimes' defaults at 41d5c94a */
  *mode = "default";
  for (size_t i = 0; i < l->numOps; ++i) {
    MlirOperation op = l->ops[i];
    if (!wspOpIs(op, "wsp.task_window"))
      continue;
    int64_t size = 0;
    wspAttrInt(op, "size", &size);
    *mode = wspAttrStringOr(op, "mode", "stall", NULL);
    if (l->tensormap && size > MAX_TASK_WINDOW) {
      fail(l, op,
           "'wsp.task_window' op: size %lld is larger than the task ring can hold: pto-runtime "
           "41d5c94a keeps the window in an int32 (pto_ring_buffer.h), at most %lld tasks; use "
           "a power of two <= %lld", (long long)size, (long long)MAX_TASK_WINDOW,
           (long long)MAX_TASK_WINDOW);
      return false;
    }
    if (l->tensormap && (size < 4 || (size & (size - 1)) != 0)) {
      int64_t above = 4; /* size <= 2^30 here, so doubling cannot overflow */
      while (above < size)
        above *= 2;
      int64_t below = above > 4 ? above / 2 : 4;
      fail(l, op,
           "'wsp.task_window' op: size %lld cannot be honoured on tensormap_and_ringbuffer: "
           "pto-runtime 41d5c94a needs PTO2_RING_TASK_WINDOW to be a power of two >= 4, "
           "and wsp never rounds it silently; use size = %lld or %lld",
           (long long)size, (long long)below, (long long)above);
      return false;
    }
    if (strcmp(*mode, "stall") != 0)
      wspEmitWarningf(l->run->context, mlirOperationGetLocation(op),
                      "'wsp.task_window' op: mode '%s' is diagnosed, not enforced: pto-runtime "
                      "41d5c94a can only stall submission when the window is full, so the "
                      "window of %lld tasks behaves as mode 'stall' (docs/capabilities.md)",
                      *mode, (long long)size);
    if (!l->tensormap)
      wspEmitWarningf(l->run->context, mlirOperationGetLocation(op),
                      "'wsp.task_window' op: recorded, not enforced: host_build_graph builds "
                      "the whole graph before it runs and has no in-flight bound");
    *window = size;
  }
  return true;
}

static void createRuntimeOp(Lowering *l, int64_t window, const char *mode) {
  MlirBlock body = wspModuleBody(l->module);
  MlirNamedAttribute attrs[] = {
      wspNamed(l->ctx, "flavor",
               wspStringAttr(l->ctx, l->tensormap ? "tensormap_and_ringbuffer" : "host_build_graph")),
      wspNamed(l->ctx, "task_window", wspI64Attr(l->ctx, window)),
      wspNamed(l->ctx, "window_mode", wspStringAttr(l->ctx, mode)),
      wspNamed(l->ctx, "heap_bytes", wspI64Attr(l->ctx, 0)),
      wspNamed(l->ctx, "dep_pool", wspI64Attr(l->ctx, 0)),
      /* TMR needs 3 schedulers + the orchestrator thread; HBG only schedulers. */
      wspNamed(l->ctx, "aicpu_threads", wspI64Attr(l->ctx, l->tensormap ? 4 : 3)),
      wspNamed(l->ctx, "block_dim", wspI64Attr(l->ctx, 3)),
      wspNamed(l->ctx, "abi", wspStringAttr(l->ctx, l->abi)),
  };
  wspBuildOp("taskring.runtime", mlirOperationGetLocation(l->workload), body,
             mlirBlockGetFirstOperation(body), 0, NULL, 0, NULL,
             (intptr_t)(sizeof attrs / sizeof attrs[0]), attrs);
}

static void createKernelOp(Lowering *l, const Kernel *k) {
  MlirOperation func = k->func;
  bool generated = !wspFuncIsDeclaration(func);
  WspStringBuffer sym;
  wspStringBufferInit(&sym);
  wspStringBufferAppendf(&sym, "%s.kernel", k->name);
  MlirAttribute source = generated ? wspSymbolRefAttr(l->ctx, k->name)
                                   : wspAttr(func, "wsp.source");
  if (mlirAttributeIsNull(source))
    source = wspStringAttr(l->ctx, "");
  MlirNamedAttribute attrs[] = {
      wspNamed(l->ctx, "sym_name", wspStringAttr(l->ctx, sym.data)),
      wspNamed(l->ctx, "name", wspStringAttr(l->ctx, k->name)),
      wspNamed(l->ctx, "func_id", wspI64Attr(l->ctx, k->funcId)),
      wspNamed(l->ctx, "worker", wspStringAttr(l->ctx, k->worker)),
      wspNamed(l->ctx, "modes", wspAttr(func, "wsp.access")),
      wspNamed(l->ctx, "impl", wspStringAttr(l->ctx, generated ? "generated" : "source")),
      wspNamed(l->ctx, "source", source),
  };
  MlirBlock body = wspModuleBody(l->module);
  wspBuildOp("taskring.kernel", mlirOperationGetLocation(func), body,
             mlirOperationGetNextInBlock(func), 0, NULL, 0, NULL,
             (intptr_t)(sizeof attrs / sizeof attrs[0]), attrs);
  wspStringBufferFree(&sym);
}

static void createAllocKernel(Lowering *l) {
  MlirContext ctx = l->ctx;
  MlirAttribute modes[] = {wspStringAttr(ctx, "out")};
  MlirNamedAttribute attrs[] = {
      wspNamed(ctx, "sym_name", wspStringAttr(ctx, "wsp_alloc.kernel")),
      wspNamed(ctx, "name", wspStringAttr(ctx, "wsp_alloc")),
      wspNamed(ctx, "func_id", wspI64Attr(ctx, l->allocKernelId)),
      wspNamed(ctx, "worker", wspStringAttr(ctx, "aiv")),
      wspNamed(ctx, "modes", mlirArrayAttrGet(ctx, 1, modes)),
      wspNamed(ctx, "impl", wspStringAttr(ctx, "builtin")),
      wspNamed(ctx, "source", wspStringAttr(ctx, "alloc")),
  };
  MlirBlock body = wspModuleBody(l->module);
  wspBuildOp("taskring.kernel", mlirOperationGetLocation(l->workload), body, l->workload, 0,
             NULL, 0, NULL, (intptr_t)(sizeof attrs / sizeof attrs[0]), attrs);
}

/*===--- workload ops -----------------------------------------------------===*/

static char *argName(MlirOperation func, intptr_t index) {
  MlirAttribute argAttrs = wspAttr(func, "arg_attrs");
  if (!mlirAttributeIsNull(argAttrs) && mlirAttributeIsAArray(argAttrs) &&
      index < mlirArrayAttrGetNumElements(argAttrs)) {
    MlirAttribute dict = mlirArrayAttrGetElement(argAttrs, index);
    MlirAttribute name = mlirDictionaryAttrGetElementByName(dict, wspStr("wsp.name"));
    if (!mlirAttributeIsNull(name) && mlirAttributeIsAString(name)) {
      MlirStringRef s = mlirStringAttrGetValue(name);
      return wspStrndup(s.data, s.length);
    }
  }
  WspStringBuffer b;
  wspStringBufferInit(&b);
  wspStringBufferAppendf(&b, "arg%ld", (long)index);
  return wspStringBufferTake(&b);
}

/* The scratch arguments added to the workload: their names are chosen
   against the original arguments' names that could clash (those starting
   with "wsp_scratch", usually none), and the function type and argument
   attributes are rebuilt once at the end, not once per argument. */
typedef struct Scratch {
  char **taken; /* original argument names starting with wsp_scratch */
  size_t numTaken;
  size_t counter;
  MlirAttribute *dicts; /* the new arguments' attribute dictionaries */
  size_t numNew, capNew;
} Scratch;

static void scratchInit(Lowering *l, Scratch *s) {
  memset(s, 0, sizeof *s);
  intptr_t n = mlirBlockGetNumArguments(wspFuncEntryBlock(l->workload));
  for (intptr_t i = 0; i < n; ++i) {
    char *name = argName(l->workload, i);
    if (strncmp(name, "wsp_scratch", 11) == 0) {
      s->taken = wspRealloc(s->taken, (s->numTaken + 1) * sizeof(char *));
      s->taken[s->numTaken++] = name;
    } else {
      free(name);
    }
  }
}

/* A name for a scratch argument no other argument has. */
static char *scratchName(Scratch *s) {
  for (;;) {
    WspStringBuffer b;
    wspStringBufferInit(&b);
    wspStringBufferAppendf(&b, "wsp_scratch%zu", s->counter++);
    bool taken = false;
    for (size_t i = 0; i < s->numTaken && !taken; ++i)
      taken = strcmp(s->taken[i], b.data) == 0;
    if (!taken)
      return wspStringBufferTake(&b);
    wspStringBufferFree(&b);
  }
}

/* Appends a memref argument named `name` (with wsp.scratch) to the workload
   and returns it; scratchFinish updates the function's signature. */
static MlirValue addScratchArgument(Lowering *l, Scratch *s, MlirType type, MlirLocation loc,
                                    const char *name) {
  MlirValue arg = mlirBlockAddArgument(wspFuncEntryBlock(l->workload), type, loc);
  MlirNamedAttribute entries[] = {
      wspNamed(l->ctx, "wsp.name", wspStringAttr(l->ctx, name)),
      wspNamed(l->ctx, "wsp.scratch", mlirUnitAttrGet(l->ctx))};
  if (s->numNew == s->capNew) {
    s->capNew = s->capNew ? 2 * s->capNew : 8;
    s->dicts = wspRealloc(s->dicts, s->capNew * sizeof(MlirAttribute));
  }
  s->dicts[s->numNew++] = mlirDictionaryAttrGet(l->ctx, 2, entries);
  return arg;
}

static void scratchFinish(Lowering *l, Scratch *s) {
  if (s->numNew > 0) {
    MlirBlock entry = wspFuncEntryBlock(l->workload);
    intptr_t total = mlirBlockGetNumArguments(entry);
    intptr_t old = total - (intptr_t)s->numNew;
    MlirType *types = wspMalloc(sizeof(MlirType) * (size_t)total);
    MlirAttribute *dicts = wspMalloc(sizeof(MlirAttribute) * (size_t)total);
    MlirAttribute oldAttrs = wspAttr(l->workload, "arg_attrs");
    for (intptr_t i = 0; i < total; ++i) {
      types[i] = mlirValueGetType(mlirBlockGetArgument(entry, i));
      bool have = i < old && !mlirAttributeIsNull(oldAttrs) && mlirAttributeIsAArray(oldAttrs) &&
                  i < mlirArrayAttrGetNumElements(oldAttrs);
      dicts[i] = i >= old ? s->dicts[i - old]
                 : have   ? mlirArrayAttrGetElement(oldAttrs, i)
                          : mlirDictionaryAttrGet(l->ctx, 0, NULL);
    }
    mlirOperationSetInherentAttributeByName(
        l->workload, wspStr("function_type"),
        mlirTypeAttrGet(mlirFunctionTypeGet(l->ctx, total, types, 0, NULL)));
    mlirOperationSetInherentAttributeByName(l->workload, wspStr("arg_attrs"),
                                            mlirArrayAttrGet(l->ctx, total, dicts));
    free(types);
    free(dicts);
  }
  for (size_t i = 0; i < s->numTaken; ++i)
    free(s->taken[i]);
  free(s->taken);
  free(s->dicts);
}

/* A static shape, a runtime dtype and a byte count int64 can hold (larger
   ones stay allocations, which taskring-size-resources rejects by name). */
static bool hasRuntimeShape(MlirType type) {
  if (!mlirTypeIsAMemRef(type) || !mlirShapedTypeHasStaticShape(type) ||
      wspDtypeName(mlirShapedTypeGetElementType(type)) == NULL)
    return false;
  MlirType element = mlirShapedTypeGetElementType(type);
  int64_t bytes = (mlirTypeIsAInteger(element) ? mlirIntegerTypeGetWidth(element)
                                               : mlirFloatTypeGetWidth(element)) / 8;
  if (bytes < 1)
    bytes = 1;
  for (intptr_t d = 0; d < mlirShapedTypeGetRank(type); ++d) {
    int64_t extent = mlirShapedTypeGetDimSize(type, d);
    if (extent < 0 || (extent > 0 && bytes > INT64_MAX / extent))
      return false;
    bytes *= extent;
  }
  return true;
}

/* tensormap_and_ringbuffer: allocations in the workload's entry block (and
   the serialization token) become scratch arguments (see the header). Runs
   before anything else is rewritten, so symbols number after them. */
static void promoteScratch(Lowering *l) {
  if (!l->tensormap)
    return;
  MlirBlock entry = wspFuncEntryBlock(l->workload);
  Scratch scratch;
  scratchInit(l, &scratch);
  MlirOperation op = mlirBlockGetFirstOperation(entry);
  while (!mlirOperationIsNull(op)) {
    MlirOperation next = mlirOperationGetNextInBlock(op);
    if ((wspOpIs(op, "memref.alloc") || wspOpIs(op, "memref.alloca")) &&
        hasRuntimeShape(mlirValueGetType(mlirOperationGetResult(op, 0)))) {
      MlirValue result = mlirOperationGetResult(op, 0);
      char *name = scratchName(&scratch);
      MlirValue arg = addScratchArgument(l, &scratch, mlirValueGetType(result),
                                         mlirOperationGetLocation(op), name);
      free(name);
      mlirValueReplaceAllUsesOfWith(result, arg);
      mlirOperationDestroy(op);
    }
    op = next;
  }
  if (l->serialize) {
    int64_t one = 1;
    MlirType i32 = mlirIntegerTypeGet(l->ctx, 32);
    MlirType type = mlirMemRefTypeContiguousGet(i32, 1, &one, mlirAttributeGetNull());
    char *name = scratchName(&scratch);
    l->serialArg = addScratchArgument(l, &scratch, type, mlirOperationGetLocation(l->workload),
                                      name);
    free(name);
  }
  scratchFinish(l, &scratch);
}

static bool isScratchArgument(Lowering *l, intptr_t index) {
  MlirAttribute argAttrs = wspAttr(l->workload, "arg_attrs");
  if (mlirAttributeIsNull(argAttrs) || !mlirAttributeIsAArray(argAttrs) ||
      index >= mlirArrayAttrGetNumElements(argAttrs))
    return false;
  MlirAttribute dict = mlirArrayAttrGetElement(argAttrs, index);
  return !mlirAttributeIsNull(mlirDictionaryAttrGetElementByName(dict, wspStr("wsp.scratch")));
}

static void lowerArguments(Lowering *l) {
  MlirBlock entry = wspFuncEntryBlock(l->workload);
  MlirOperation first = mlirBlockGetFirstOperation(entry);
  intptr_t n = mlirBlockGetNumArguments(entry);
  MlirAttribute *names = wspMalloc(sizeof(MlirAttribute) * (size_t)(n ? n : 1));
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue arg = mlirBlockGetArgument(entry, i);
    char *name = argName(l->workload, i);
    names[i] = wspStringAttr(l->ctx, name);
    if (isMemref(arg)) {
      MlirNamedAttribute attrs[] = {wspNamed(l->ctx, "index", wspI64Attr(l->ctx, i)),
                                    wspNamed(l->ctx, "name", names[i])};
      MlirType t = tensorType(l);
      MlirOperation op = wspBuildOp("taskring.tensor_external",
                                    mlirOperationGetLocation(l->workload), entry, first, 1, &arg,
                                    1, &t, 2, attrs);
      if (isScratchArgument(l, i))
        wspSetAttr(op, "taskring.scratch", mlirUnitAttrGet(l->ctx));
      mapValue(l, arg, mlirOperationGetResult(op, 0));
    }
    free(name);
  }
  wspSetAttr(l->workload, "taskring.arg_names", mlirArrayAttrGet(l->ctx, n, names));
  free(names);
}

/* A runtime heap tensor and the submit of the builtin alloc kernel that
   writes it whole, so the runtime assigns its address before any view. */
static MlirValue buildAllocation(Lowering *l, MlirBlock block, MlirOperation before,
                                 MlirLocation loc, const MlirNamedAttribute attrs[2]) {
  MlirType tt = tensorType(l), pt = paramType(l), kt = taskType(l);
  MlirOperation alloc = wspBuildOp("taskring.tensor_alloc", loc, block, before, 0, NULL, 1, &tt,
                                   2, attrs);
  MlirValue tensor = mlirOperationGetResult(alloc, 0);
  MlirOperation out = wspBuildOp("taskring.output", loc, block, before, 1, &tensor, 1, &pt, 0,
                                 NULL);
  MlirValue param = mlirOperationGetResult(out, 0);
  MlirNamedAttribute submitAttrs[] = {
      wspNamed(l->ctx, "kernel", wspSymbolRefAttr(l->ctx, "wsp_alloc.kernel")),
      wspNamed(l->ctx, "func_id", wspI64Attr(l->ctx, l->allocKernelId)),
      wspNamed(l->ctx, "worker", wspStringAttr(l->ctx, "aiv"))};
  wspBuildOp("taskring.submit", loc, block, before, 1, &param, 1, &kt, 3, submitAttrs);
  return tensor;
}

/* serialize: one int32 token every task takes as inout, so each task is a
   producer the next one must wait for (a total order, on both runtimes). */
static void createSerialToken(Lowering *l) {
  int64_t one = 1;
  MlirNamedAttribute attrs[] = {
      wspNamed(l->ctx, "shape", mlirDenseI64ArrayGet(l->ctx, 1, &one)),
      wspNamed(l->ctx, "dtype", wspStringAttr(l->ctx, "int32"))};
  if (!mlirValueIsNull(l->serialArg)) { /* tensormap_and_ringbuffer: a scratch argument */
    l->serialToken = mappedValue(l, l->serialArg);
    return;
  }
  MlirBlock entry = wspFuncEntryBlock(l->workload);
  MlirOperation first = mlirBlockGetFirstOperation(entry);
  while (!mlirOperationIsNull(first) && (wspOpIs(first, "taskring.tensor_external") ||
                                         wspOpIs(first, "taskring.arg")))
    first = mlirOperationGetNextInBlock(first);
  l->serialToken = buildAllocation(l, entry, first, mlirOperationGetLocation(l->workload), attrs);
}

static void lowerAlloc(Lowering *l, MlirOperation op) {
  if (l->tensormap && l->inProcess) {
    MlirStringRef process = wspSymName(l->func);
    fail(l, op,
         "'%s' op: an intermediate allocated inside process '%.*s' is not supported on "
         "tensormap_and_ringbuffer: its memory lives only as long as its alloc task, and a "
         "process's tasks are released while the process is blocked; remedy: allocate it in "
         "the workload, outside loops, and pass it to wsp.spawn",
         wspOpIs(op, "memref.alloc") ? "memref.alloc" : "memref.alloca", (int)process.length,
         process.data);
    return;
  }
  MlirValue result = mlirOperationGetResult(op, 0);
  MlirType type = mlirValueGetType(result);
  intptr_t rank = mlirShapedTypeGetRank(type);
  const char *dtype = wspDtypeName(mlirShapedTypeGetElementType(type));
  if (!mlirShapedTypeHasStaticShape(type) || !dtype) {
    char *text = wspTypeToString(type);
    fail(l, op,
         "'%s' op: an intermediate tensor needs a static shape and a runtime element type "
         "(f16, bf16, f32, f64, or an integer of 8..64 bits); got %s",
         wspOpIs(op, "memref.alloc") ? "memref.alloc" : "memref.alloca", text);
    free(text);
    return;
  }
  int64_t *shape = wspMalloc(sizeof(int64_t) * (size_t)(rank ? rank : 1));
  for (intptr_t i = 0; i < rank; ++i)
    shape[i] = mlirShapedTypeGetDimSize(type, i);
  MlirNamedAttribute attrs[] = {
      wspNamed(l->ctx, "shape", mlirDenseI64ArrayGet(l->ctx, rank, shape)),
      wspNamed(l->ctx, "dtype", wspStringAttr(l->ctx, dtype))};
  free(shape);
  mapValue(l, result, buildAllocation(l, mlirOperationGetBlock(op), op,
                                      mlirOperationGetLocation(op), attrs));
}

static void lowerSubview(Lowering *l, MlirOperation op) {
  MlirValue base = mappedValue(l, mlirOperationGetOperand(op, 0));
  MlirAttribute offsets = wspAttr(op, "static_offsets");
  MlirAttribute sizes = wspAttr(op, "static_sizes");
  MlirAttribute strides = wspAttr(op, "static_strides");
  if (mlirValueIsNull(base)) {
    fail(l, op, "'memref.subview' op: the view's source is not a workload tensor, an "
                "allocation or a view of one, so the runtime cannot address it");
    return;
  }
  intptr_t rank = mlirDenseArrayGetNumElements(offsets);
  intptr_t numDynamic = 0;
  for (intptr_t i = 0; i < rank; ++i) {
    if (mlirDenseI64ArrayGetElement(sizes, i) == DYNAMIC_MARKER ||
        mlirDenseI64ArrayGetElement(strides, i) != 1) {
      fail(l, op,
           "'memref.subview' op: dimension %ld has %s; task tile views must have static "
           "sizes and unit strides on pto-runtime 41d5c94a (Tensor::view takes offsets and "
           "shapes only)",
           (long)i,
           mlirDenseI64ArrayGetElement(sizes, i) == DYNAMIC_MARKER ? "a dynamic size"
                                                                   : "a non-unit stride");
      return;
    }
    numDynamic += mlirDenseI64ArrayGetElement(offsets, i) == DYNAMIC_MARKER;
  }
  if (mlirShapedTypeGetRank(mlirValueGetType(mlirOperationGetResult(op, 0))) != rank) {
    fail(l, op, "'memref.subview' op: rank-reducing views are not supported by the taskring "
                "lowering; keep the unit dimensions in the view type");
    return;
  }
  MlirValue *operands = wspMalloc(sizeof(MlirValue) * (size_t)(numDynamic + 1));
  operands[0] = base;
  for (intptr_t i = 0; i < numDynamic; ++i)
    operands[i + 1] = mlirOperationGetOperand(op, 1 + i);
  MlirNamedAttribute attrs[] = {wspNamed(l->ctx, "static_offsets", offsets),
                                wspNamed(l->ctx, "sizes", sizes)};
  MlirType tt = tensorType(l);
  MlirOperation view = wspBuildOp("taskring.view", mlirOperationGetLocation(op),
                                  mlirOperationGetBlock(op), op, numDynamic + 1, operands, 1,
                                  &tt, 2, attrs);
  free(operands);
  mapValue(l, mlirOperationGetResult(op, 0), mlirOperationGetResult(view, 0));
}

static MlirType channelType(Lowering *l) {
  return cachedType(l, &l->channelT, "!taskring.channel");
}

/* Builds `name` before `op`; op's results (at most two, same types) are
   replaced by the new op's. */
static MlirOperation buildReplacement(MlirOperation op, const char *name,
                                      intptr_t numOperands, const MlirValue *operands,
                                      intptr_t numAttrs, const MlirNamedAttribute *attrs) {
  intptr_t numResults = mlirOperationGetNumResults(op);
  MlirType types[2];
  for (intptr_t i = 0; i < numResults && i < 2; ++i)
    types[i] = mlirValueGetType(mlirOperationGetResult(op, i));
  MlirOperation now = wspBuildOp(name, mlirOperationGetLocation(op), mlirOperationGetBlock(op), op,
                                 numOperands, operands, numResults, types, numAttrs, attrs);
  for (intptr_t i = 0; i < numResults && i < 2; ++i)
    mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(op, i), mlirOperationGetResult(now, i));
  return now;
}

static void lowerCreateChannel(Lowering *l, MlirOperation op) {
  MlirNamedAttribute attrs[] = {wspNamed(l->ctx, "name", wspAttr(op, "name")),
                                wspNamed(l->ctx, "capacity", wspAttr(op, "capacity")),
                                wspNamed(l->ctx, "id", wspI64Attr(l->ctx, l->numChannels++))};
  MlirType ct = channelType(l);
  MlirOperation c = wspBuildOp("taskring.create_channel", mlirOperationGetLocation(op),
                               mlirOperationGetBlock(op), op, 0, NULL, 1, &ct, 3, attrs);
  mapValue(l, mlirOperationGetResult(op, 0), mlirOperationGetResult(c, 0));
}

static const char *opName(MlirOperation op) {
  static const char *const kNames[] = {"wsp.in",   "wsp.out",  "wsp.spawn",
                                       "wsp.send", "wsp.recv", "wsp.close"};
  for (size_t i = 0; i < sizeof kNames / sizeof kNames[0]; ++i)
    if (wspOpIs(op, kNames[i]))
      return kNames[i];
  return "op";
}

static void lowerChannelEnd(Lowering *l, MlirOperation op) {
  MlirValue chan = mappedValue(l, mlirOperationGetOperand(op, 0));
  if (mlirValueIsNull(chan)) {
    fail(l, op, "'%s' op: the channel does not come from wsp.create_channel or a process "
                "parameter", opName(op));
    return;
  }
  MlirNamedAttribute mode =
      wspNamed(l->ctx, "mode", wspStringAttr(l->ctx, wspOpIs(op, "wsp.in") ? "in" : "out"));
  MlirType pt = paramType(l);
  MlirOperation end = wspBuildOp("taskring.channel_end", mlirOperationGetLocation(op),
                                 mlirOperationGetBlock(op), op, 1, &chan, 1, &pt, 1, &mode);
  mapValue(l, mlirOperationGetResult(op, 0), mlirOperationGetResult(end, 0));
}

/* tensormap_and_ringbuffer: a spawned process runs after the workload, when
   an allocation made inside a loop (a heap tensor of that iteration's
   scope) may already be freed. */
static bool spawnArgumentsLive(Lowering *l, MlirOperation spawn) {
  if (!l->tensormap)
    return true;
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(spawn); ++i) {
    MlirValue boxed = mlirOperationGetOperand(spawn, i);
    if (!mlirValueIsAOpResult(boxed))
      continue;
    MlirOperation arg = mlirOpResultGetOwner(boxed);
    if (!isTileArg(arg) || !isMemref(mlirOperationGetOperand(arg, 0)))
      continue;
    MlirValue root = rootValue(mlirOperationGetOperand(arg, 0));
    if (!mlirValueIsAOpResult(root))
      continue;
    MlirOperation alloc = mlirOpResultGetOwner(root);
    if (wspOpIs(alloc, "memref.alloc") || wspOpIs(alloc, "memref.alloca")) {
      fail(l, spawn,
           "'wsp.spawn' op: argument %ld is a tensor allocated inside a loop or branch; on "
           "tensormap_and_ringbuffer its memory is freed when that scope ends, before the "
           "process runs; remedy: allocate it in the workload's entry block (outside loops)",
           (long)i);
      return false;
    }
  }
  return true;
}

/* spawn: every operand is a lowered boxed argument. send: the channel,
   the token (kept), the after handles (lowered submits). recv, close: the
   channel. */
static void lowerCspOp(Lowering *l, MlirOperation op) {
  bool spawn = wspOpIs(op, "wsp.spawn");
  if (spawn && !spawnArgumentsLive(l, op))
    return;
  intptr_t n = mlirOperationGetNumOperands(op);
  MlirValue *operands = wspMalloc(sizeof(MlirValue) * (size_t)(n ? n : 1));
  for (intptr_t i = 0; i < n && !l->failed; ++i) {
    MlirValue v = mlirOperationGetOperand(op, i);
    operands[i] = (!spawn && i == 1) ? v : mappedValue(l, v);
    if (!mlirValueIsNull(operands[i]))
      continue;
    fail(l, op, "'%s' op: operand %ld does not come from a lowered op (%s)", opName(op), (long)i,
         spawn   ? "a wsp.in/out/inout/scalar argument"
         : i > 1 ? "an after-handle must come from wsp.task"
                 : "a channel comes from wsp.create_channel or a process parameter");
  }
  if (!l->failed) {
    MlirNamedAttribute process = wspNamed(l->ctx, "process", wspAttr(op, "process"));
    buildReplacement(op, spawn                      ? "taskring.spawn"
                            : wspOpIs(op, "wsp.send") ? "taskring.send"
                            : wspOpIs(op, "wsp.recv") ? "taskring.recv"
                                                      : "taskring.close",
                     n, operands, spawn ? 1 : 0, &process);
  }
  free(operands);
}

static bool isChannelType(MlirType t) {
  return !mlirTypeIsAInteger(t) && !mlirTypeIsAIndex(t) && !mlirTypeIsAFloat(t) &&
         !mlirTypeIsAMemRef(t);
}

/* A process's parameters: tensors become taskring.tensor_param (the view
   its spawn passes), channels !taskring.channel. */
static void lowerProcessParams(Lowering *l) {
  MlirBlock entry = wspFuncEntryBlock(l->func);
  MlirOperation first = mlirBlockGetFirstOperation(entry);
  intptr_t n = mlirBlockGetNumArguments(entry);
  MlirType *types = wspMalloc(sizeof(MlirType) * (size_t)(n ? n : 1));
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue arg = mlirBlockGetArgument(entry, i);
    if (isMemref(arg)) {
      MlirNamedAttribute index = wspNamed(l->ctx, "index", wspI64Attr(l->ctx, i));
      MlirType t = tensorType(l);
      MlirOperation op = wspBuildOp("taskring.tensor_param", mlirOperationGetLocation(l->func),
                                    entry, first, 1, &arg, 1, &t, 1, &index);
      mapValue(l, arg, mlirOperationGetResult(op, 0));
    } else if (isChannelType(mlirValueGetType(arg))) {
      mlirValueSetType(arg, channelType(l));
      mapValue(l, arg, arg);
    }
    types[i] = mlirValueGetType(arg);
  }
  MlirType newType = mlirFunctionTypeGet(l->ctx, n, types, 0, NULL);
  mlirOperationSetInherentAttributeByName(l->func, wspStr("function_type"),
                                          mlirTypeAttrGet(newType));
  free(types);
}

static void lowerParam(Lowering *l, MlirOperation op, size_t position) {
  MlirValue boxed = mlirOperationGetOperand(op, 0);
  const char *name;
  MlirValue operand = boxed;
  if (wspOpIs(op, "wsp.scalar")) {
    name = "taskring.scalar";
  } else if (!isMemref(boxed)) {
    lowerChannelEnd(l, op);
    return;
  } else {
    operand = mappedValue(l, boxed);
    if (mlirValueIsNull(operand)) {
      fail(l, op, "'%s' op: the tile is not a view of a workload tensor or an allocation",
           wspOpIs(op, "wsp.in") ? "wsp.in" : wspOpIs(op, "wsp.out") ? "wsp.out" : "wsp.inout");
      return;
    }
    name = paramOpFor(l, op, position);
  }
  MlirType pt = paramType(l);
  MlirOperation param = wspBuildOp(name, mlirOperationGetLocation(op), mlirOperationGetBlock(op),
                                   op, 1, &operand, 1, &pt, 0, NULL);
  mapValue(l, mlirOperationGetResult(op, 0), mlirOperationGetResult(param, 0));
}

static void lowerTask(Lowering *l, MlirOperation op) {
  const Kernel *k = findKernel(l, wspAttr(op, "kernel"));
  if (!k) {
    fail(l, op, "'wsp.task' op: 'kernel' does not name a wsp.kernel function (run wsp-verify)");
    return;
  }
  intptr_t n = mlirOperationGetNumOperands(op);
  MlirValue *params = wspMalloc(sizeof(MlirValue) * (size_t)(n + 1));
  for (intptr_t i = 0; i < n; ++i) {
    params[i] = mappedValue(l, mlirOperationGetOperand(op, i));
    if (mlirValueIsNull(params[i])) {
      free(params);
      l->failed = true; /* the argument's own error was reported */
      return;
    }
  }
  MlirNamedAttribute attrs[] = {
      wspNamed(l->ctx, "kernel", k->symbol),
      wspNamed(l->ctx, "func_id", wspI64Attr(l->ctx, k->funcId)),
      wspNamed(l->ctx, "worker", wspStringAttr(l->ctx, k->worker))};
  intptr_t numParams = n;
  if (l->serialize) {
    MlirType pt = paramType(l);
    params[numParams++] = mlirOperationGetResult(
        wspBuildOp("taskring.inout", mlirOperationGetLocation(op), mlirOperationGetBlock(op), op,
                   1, &l->serialToken, 1, &pt, 0, NULL), 0);
  }
  MlirType kt = taskType(l);
  MlirOperation submit = wspBuildOp("taskring.submit", mlirOperationGetLocation(op),
                                    mlirOperationGetBlock(op), op, numParams, params, 1, &kt, 3,
                                    attrs);
  if (l->serialize) /* the trailing token param is not a kernel parameter */
    wspSetAttr(submit, "wsp.serialized", mlirUnitAttrGet(l->ctx));
  free(params);
  mapValue(l, mlirOperationGetResult(op, 0), mlirOperationGetResult(submit, 0));
}

/* The key as an i64 (signed), built before `op`. */
static MlirValue keyAsI64(Lowering *l, MlirOperation op, MlirValue key) {
  MlirType i64 = mlirIntegerTypeGet(l->ctx, 64);
  MlirType type = mlirValueGetType(key);
  if (mlirTypeIsAInteger(type) && mlirIntegerTypeGetWidth(type) == 64)
    return key;
  const char *cast = mlirTypeIsAIndex(type) ? "arith.index_cast" : "arith.extsi";
  MlirOperation c = wspBuildOp(cast, mlirOperationGetLocation(op), mlirOperationGetBlock(op), op,
                               1, &key, 1, &i64, 0, NULL);
  return mlirOperationGetResult(c, 0);
}

static void lowerDispatch(Lowering *l, MlirOperation op) {
  MlirValue task = mappedValue(l, mlirOperationGetOperand(op, 0));
  if (mlirValueIsNull(task)) {
    fail(l, op, "'wsp.dispatch' op: the handle does not come from a lowered wsp.task");
    return;
  }
  MlirValue key;
  if (mlirOperationGetNumOperands(op) > 1) {
    key = keyAsI64(l, op, mlirOperationGetOperand(op, 1));
  } else {
    MlirType i64 = mlirIntegerTypeGet(l->ctx, 64);
    MlirNamedAttribute value = wspNamed(l->ctx, "value", wspI64Attr(l->ctx, 0));
    MlirOperation zero = wspBuildOp("arith.constant", mlirOperationGetLocation(op),
                                    mlirOperationGetBlock(op), op, 0, NULL, 1, &i64, 1, &value);
    key = mlirOperationGetResult(zero, 0);
  }
  MlirValue operands[] = {task, key};
  MlirNamedAttribute attrs[] = {
      wspNamed(l->ctx, "policy", wspAttr(op, "policy")),
      wspNamed(l->ctx, "domains", wspAttr(op, "domains")),
      /* wsp-assign-domains replaces the raw key with the domain */
      wspNamed(l->ctx, "wsp.unassigned", mlirUnitAttrGet(l->ctx))};
  wspBuildOp("taskring.dispatch", mlirOperationGetLocation(op), mlirOperationGetBlock(op), op, 2,
             operands, 0, NULL, 3, attrs);
}

static void lowerSymbol(Lowering *l, MlirOperation op) {
  size_t length = 0;
  const char *name = wspAttrStringOr(op, "name", "", &length);
  MlirValue result = mlirOperationGetResult(op, 0);
  MlirStringRef nameRef = {name, length};
  MlirAttribute key = mlirStringAttrGet(l->ctx, nameRef); /* uniqued by its text */
  void *found = NULL;
  if (wspPointerMapGet(&l->symbolOf, key.ptr, &found)) {
    mlirValueReplaceAllUsesOfWith(result, l->symbolValues[(size_t)(uintptr_t)found - 1]);
    return;
  }
  /* Host symbols follow the workload's own arguments, in first-use order; the
     op is hoisted to the entry so every use is dominated. */
  MlirBlock entry = wspFuncEntryBlock(l->workload);
  int64_t index = mlirBlockGetNumArguments(entry) + (int64_t)l->numSymbols;
  char *copy = wspStrndup(name, length);
  MlirNamedAttribute attrs[] = {wspNamed(l->ctx, "index", wspI64Attr(l->ctx, index)),
                                wspNamed(l->ctx, "name", wspStringAttr(l->ctx, copy))};
  MlirType type = mlirValueGetType(result);
  MlirOperation arg = wspBuildOp("taskring.arg", mlirOperationGetLocation(op), entry,
                                 mlirBlockGetFirstOperation(entry), 0, NULL, 1, &type, 2, attrs);
  if ((l->numSymbols & (l->numSymbols - 1)) == 0) { /* 0, 1, 2, 4, ...: double */
    size_t cap = l->numSymbols ? 2 * l->numSymbols : 1;
    l->symbolNames = wspRealloc(l->symbolNames, cap * sizeof(char *));
    l->symbolValues = wspRealloc(l->symbolValues, cap * sizeof(MlirValue));
  }
  wspPointerMapSet(&l->symbolOf, key.ptr, (void *)(uintptr_t)(l->numSymbols + 1));
  l->symbolNames[l->numSymbols] = copy;
  l->symbolValues[l->numSymbols++] = mlirOperationGetResult(arg, 0);
  mlirValueReplaceAllUsesOfWith(result, mlirOperationGetResult(arg, 0));
}

/* wsp.slot_read becomes a one-element view plus taskring.slot_read: the
   value exists only symbolically until taskring-predicate-slots moves its
   uses into device-side guards. Slots are numbered in program order (the
   artifact's slot table). */
static void lowerSlotRead(Lowering *l, MlirOperation op) {
  MlirValue base = mappedValue(l, mlirOperationGetOperand(op, 0));
  if (mlirValueIsNull(base)) {
    fail(l, op, "'wsp.slot_read' op: the view is not a workload tensor, an allocation or a "
                "view of one, so no task can read the element");
    return;
  }
  intptr_t rank = mlirOperationGetNumOperands(op) - 1;
  int64_t *offsets = wspMalloc(sizeof(int64_t) * (size_t)(rank ? rank : 1));
  int64_t *sizes = wspMalloc(sizeof(int64_t) * (size_t)(rank ? rank : 1));
  MlirValue *operands = wspMalloc(sizeof(MlirValue) * (size_t)(rank + 1));
  operands[0] = base;
  for (intptr_t i = 0; i < rank; ++i) {
    offsets[i] = DYNAMIC_MARKER;
    sizes[i] = 1;
    operands[i + 1] = mlirOperationGetOperand(op, i + 1);
  }
  MlirNamedAttribute viewAttrs[] = {
      wspNamed(l->ctx, "static_offsets", mlirDenseI64ArrayGet(l->ctx, rank, offsets)),
      wspNamed(l->ctx, "sizes", mlirDenseI64ArrayGet(l->ctx, rank, sizes))};
  MlirType tt = tensorType(l);
  MlirLocation loc = mlirOperationGetLocation(op);
  MlirBlock block = mlirOperationGetBlock(op);
  MlirOperation view = wspBuildOp("taskring.view", loc, block, op, rank + 1, operands, 1, &tt, 2,
                                  viewAttrs);
  MlirValue element = mlirOperationGetResult(view, 0);
  MlirNamedAttribute slotAttr = wspNamed(l->ctx, "slot", wspI64Attr(l->ctx, l->numSlots++));
  MlirValue result = mlirOperationGetResult(op, 0);
  MlirType type = mlirValueGetType(result);
  MlirOperation read = wspBuildOp("taskring.slot_read", loc, block, op, 1, &element, 1, &type, 1,
                                  &slotAttr);
  mlirValueReplaceAllUsesOfWith(result, mlirOperationGetResult(read, 0));
  free(offsets);
  free(sizes);
  free(operands);
}

/* Returns true when `op` is replaced (and must be erased afterwards). */
static bool lowerOp(Lowering *l, MlirOperation op, size_t position) {
  MlirStringRef name = wspOpName(op); /* once: compared about 20 times */
  if (wspStrIs(name, "memref.alloc") || wspStrIs(name, "memref.alloca"))
    lowerAlloc(l, op);
  else if (wspStrIs(name, "memref.subview"))
    lowerSubview(l, op);
  else if (wspStrIs(name, "memref.cast"))
    mapValue(l, mlirOperationGetResult(op, 0), mappedValue(l, mlirOperationGetOperand(op, 0)));
  else if (isTileArg(op) || wspStrIs(name, "wsp.scalar"))
    lowerParam(l, op, position);
  else if (wspStrIs(name, "wsp.task"))
    lowerTask(l, op);
  else if (wspStrIs(name, "wsp.dispatch"))
    lowerDispatch(l, op);
  else if (wspStrIs(name, "wsp.create_channel"))
    lowerCreateChannel(l, op);
  else if (wspStrIs(name, "wsp.spawn") || wspStrIs(name, "wsp.send") || wspStrIs(name, "wsp.recv") ||
           wspStrIs(name, "wsp.close"))
    lowerCspOp(l, op);
  else if (l->inProcess && (wspStrIs(name, "wsp.symbol") || wspStrIs(name, "wsp.slot_read"))) {
    MlirStringRef process = wspSymName(l->func);
    fail(l, op, "'%s' op: not supported inside a process ('%.*s'): the orchestration runs "
                "processes as coroutines that get their values from their spawn; remedy: %s",
         wspStrIs(name, "wsp.symbol") ? "wsp.symbol" : "wsp.slot_read", (int)process.length,
         process.data,
         wspStrIs(name, "wsp.symbol")
             ? "read the symbol in the workload and pass it to wsp.spawn as wsp.scalar"
             : "read the slot in the workload, where slot reads become device-side guards");
    return false;
  } else if (wspStrIs(name, "wsp.symbol"))
    lowerSymbol(l, op);
  else if (wspStrIs(name, "wsp.slot_read"))
    lowerSlotRead(l, op);
  else if (wspStrIs(name, "wsp.task_window"))
    ; /* folded into taskring.runtime */
  else if (wspStrIs(name, "memref.load") || wspStrIs(name, "memref.store")) {
    fail(l, op, "'%s' op: a workload cannot access tensor data on the host (the orchestration "
                "only submits tasks); move it into a kernel, or read a scalar with "
                "wsp.slot_read", wspStrIs(name, "memref.load") ? "memref.load" : "memref.store");
    return false;
  } else {
    return false;
  }
  return true;
}

/* Erases replaced ops, users first. A result still used by an op that was
   not replaced means an unsupported use. */
static void eraseReplaced(Lowering *l, const bool *replaced) {
  for (size_t i = l->numOps; i-- > 0;) {
    if (!replaced[i])
      continue;
    MlirOperation op = l->ops[i];
    bool used = false;
    for (intptr_t r = 0; r < mlirOperationGetNumResults(op); ++r)
      used |= !mlirOpOperandIsNull(mlirValueGetFirstUse(mlirOperationGetResult(op, r)));
    if (used) {
      MlirOpOperand use = mlirValueGetFirstUse(mlirOperationGetResult(op, 0));
      MlirOperation user = mlirOpOperandGetOwner(use);
      MlirStringRef userName = mlirIdentifierStr(mlirOperationGetName(user));
      fail(l, user, "'%.*s' op: uses a value the taskring lowering replaces (a tile view, "
                    "task argument or handle); only wsp ops may use them in a workload",
           (int)userName.length, userName.data);
      continue;
    }
    mlirOperationDestroy(op);
  }
}

static void finishModule(Lowering *l) {
  /* Body-less kernel declarations are only references to user sources now. */
  for (size_t i = 0; i < l->numKernels; ++i)
    if (wspFuncIsDeclaration(l->kernels[i].func))
      mlirOperationDestroy(l->kernels[i].func);
  mlirOperationRemoveDiscardableAttributeByName(l->workload, wspStr("wsp.workload"));
  wspSetAttr(l->workload, "taskring.orchestration", mlirUnitAttrGet(l->ctx));
}

static bool findAlloc(MlirOperation op, void *userData) {
  MlirOperation *found = userData;
  if (mlirOperationIsNull(*found) &&
      (wspOpIs(op, "memref.alloc") || wspOpIs(op, "memref.alloca")))
    *found = op;
  return mlirOperationIsNull(*found);
}

/* The builtin alloc kernel (an empty kernel) serves intermediates, the
   serialization token (host_build_graph; on tensormap_and_ringbuffer it is
   a scratch argument), and the CSP support's token and join tasks. Returns
   the first op that needs it (the workload for the serialization token),
   or a null op. */
static MlirOperation allocKernelUser(const Lowering *l) {
  MlirOperation found = {NULL};
  if (l->numSpawns > 0)
    found = l->spawns[0];
  MlirBlock body = wspModuleBody(l->module);
  for (MlirOperation fn = mlirBlockGetFirstOperation(body);
       mlirOperationIsNull(found) && !mlirOperationIsNull(fn);
       fn = mlirOperationGetNextInBlock(fn))
    if (mlirOperationEqual(fn, l->workload) || isProcess(fn))
      wspWalk(fn, findAlloc, &found);
  if (mlirOperationIsNull(found) && l->serialize && !l->tensormap)
    found = l->workload;
  return found;
}

/* wsp-verify bounds the user's kernels by WSP_RUNTIME_MAX_FUNC_ID; the alloc
   kernel takes one more func_id, so the bound is reported here, at the op
   that needs it, rather than by taskring-verify at a kernel op the user
   never wrote. */
static bool allocKernelFits(Lowering *l, MlirOperation user) {
  if (l->numKernels < WSP_RUNTIME_MAX_FUNC_ID)
    return true;
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(user));
  const char *what = wspOpIs(user, "wsp.spawn")
                         ? "a program with processes needs wsp's builtin alloc kernel (for "
                           "its channel tokens)"
                     : wspOpIs(user, "func.func")
                         ? "serialize=true needs wsp's builtin alloc kernel (for its token)"
                         : "an intermediate tensor needs wsp's builtin alloc kernel";
  fail(l, user,
       "'%.*s' op: %s, which would be kernel #%zu of the program (%zu are its own); the "
       "runtime's kernel table has RUNTIME_MAX_FUNC_ID = %d entries; remedy: use at most %d "
       "kernels of your own in this program",
       (int)name.length, name.data, what, l->numKernels + 1, l->numKernels,
       WSP_RUNTIME_MAX_FUNC_ID, WSP_RUNTIME_MAX_FUNC_ID - 1);
  return false;
}

/* Lowers the ops of l->func collected in l->ops. */
static void lowerCollectedOps(Lowering *l) {
  bool *replaced = wspCalloc(l->numOps ? l->numOps : 1, sizeof(bool));
  for (size_t i = 0; i < l->numOps && !l->failed; ++i)
    replaced[i] = lowerOp(l, l->ops[i], i);
  if (!l->failed)
    eraseReplaced(l, replaced);
  free(replaced);
}

static void lowerProcesses(Lowering *l) {
  MlirBlock body = wspModuleBody(l->module);
  for (MlirOperation fn = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(fn) && !l->failed; fn = mlirOperationGetNextInBlock(fn)) {
    if (!isProcess(fn))
      continue;
    if (l->serialize) {
      fail(l, fn, "wsp-lower-to-taskring{serialize=true} does not support CSP processes: "
                  "their tasks interleave at run time; remedy: drop serialize=true");
      return;
    }
    l->func = fn;
    l->inProcess = true;
    l->numOps = 0;
    wspWalk(fn, collectOp, l);
    lowerProcessParams(l);
    lowerCollectedOps(l);
    mlirOperationRemoveDiscardableAttributeByName(fn, wspStr("wsp.process"));
    wspSetAttr(fn, "taskring.process", mlirUnitAttrGet(l->ctx));
  }
}

static void lowerWorkload(Lowering *l) {
  int64_t window = 0;
  const char *mode = NULL;
  if (!windowFromProgram(l, &window, &mode))
    return;
  analyzeWrites(l);
  analyzeProcessParams(l);
  MlirOperation allocUser = allocKernelUser(l);
  if (!mlirOperationIsNull(allocUser) && !allocKernelFits(l, allocUser))
    return;
  l->allocKernelId = !mlirOperationIsNull(allocUser) ? (int64_t)l->numKernels : -1;
  createRuntimeOp(l, window, mode);
  for (size_t i = 0; i < l->numKernels; ++i)
    createKernelOp(l, &l->kernels[i]);
  if (l->allocKernelId >= 0)
    createAllocKernel(l);
  lowerArguments(l);
  if (l->serialize)
    createSerialToken(l);
  lowerCollectedOps(l);
  lowerProcesses(l);
  if (!l->failed)
    finishModule(l);
}

static void freeLowering(Lowering *l) {
  for (size_t i = 0; i < l->numKernels; ++i)
    free(l->kernels[i].name);
  free(l->kernels);
  for (size_t i = 0; i < l->numRoots; ++i)
    free(l->roots[i].writerPos);
  free(l->roots);
  free(l->ops);
  free(l->spawns);
  for (size_t i = 0; i < l->numSpawnLists; ++i)
    free(l->spawnLists[i]);
  free(l->spawnLists);
  wspPointerMapFree(&l->spawnsOf);
  wspPointerMapFree(&l->kernelOf);
  wspPointerMapFree(&l->symbolOf);
  wspPointerMapFree(&l->position);
  wspPointerMapFree(&l->loopEnd);
  wspPointerMapFree(&l->paramWritten);
  for (size_t i = 0; i < l->numSymbols; ++i)
    free(l->symbolNames[i]);
  free(l->symbolNames);
  free(l->symbolValues);
  wspPointerMapFree(&l->rootOf);
  wspPointerMapFree(&l->mapped);
}

static bool runLowerToTaskRing(WspPassRun *run) {
  Lowering l;
  memset(&l, 0, sizeof l);
  l.run = run;
  l.module = run->op;
  l.ctx = mlirOperationGetContext(run->op);
  l.tensormap = strcmp(wspPassOptionGetString(run, "runtime"), "host_build_graph") != 0;
  l.serialize = wspPassOptionGetBool(run, "serialize");
  l.abi = wspEmitGetTargetAbi((size_t)wspEmitLookupTarget(wspPassOptionGetString(run, "target")));
  l.exactReads = strcmp(l.abi, WSP_EMIT_SIMPLER_ABI_VERSION) == 0;
  wspPointerMapInit(&l.rootOf);
  wspPointerMapInit(&l.mapped);
  wspPointerMapInit(&l.paramWritten);
  wspPointerMapInit(&l.kernelOf);
  wspPointerMapInit(&l.symbolOf);
  wspPointerMapInit(&l.position);
  wspPointerMapInit(&l.loopEnd);
  wspPointerMapInit(&l.spawnsOf);
  if (findWorkload(&l)) {
    l.func = l.workload;
    promoteScratch(&l);
    collectKernels(&l);
    wspWalk(l.workload, collectOp, &l);
    lowerWorkload(&l);
  } else {
    l.failed = true;
  }
  freeLowering(&l);
  return !l.failed;
}

static const WspPassOptionInfo kOptions[] = {
    {"runtime", WSP_OPTION_ENUM, "tensormap_and_ringbuffer",
     "tensormap_and_ringbuffer|host_build_graph",
     "the pto-runtime flavor to lower for"},
    {"serialize", WSP_OPTION_BOOL, "false", NULL,
     "debug: chain every task in submission order (to bisect scheduling bugs)"},
    {"target", WSP_OPTION_ENUM, WSP_EMIT_DEFAULT_TARGET,
     "pto-runtime-41d5c94a|simpler-6ebaf771|simpler",
     "the runtime target the artifact is for (the taskring.runtime abi names it)"},
};

const WspPassInfo wspLowerToTaskRingPassInfo = {
    .name = "wsp-lower-to-taskring",
    .summary = "Lower the wsp workload to taskring ops (one per PTO2 runtime call)",
    .options = kOptions,
    .numOptions = 3,
    .run = runLowerToTaskRing,
    .pipeline = NULL,
};
