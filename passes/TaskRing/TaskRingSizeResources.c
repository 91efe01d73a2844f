/* taskring-size-resources: sizes the runtime's task rings, heap rings and
   dependency pools, per ring, from what the program needs.

   Rings. On target simpler-6ebaf771 the runtime has four rings and a task
   goes to ring min(scope depth, 3), where depth 0 is the scope the executor
   opens around the orchestration (simpler
   src/a2a3/runtime/tensormap_and_ringbuffer/runtime/pto_orchestrator.h:128-132,
   current_ring_id; the outer scope is aicpu/aicpu_executor.cpp:719). So a task
   under k of the scopes taskring-materialize-scopes opens is on ring min(k, 3),
   and the tasks of the CSP support's per-run scopes (opened by run() after the
   workload, at depth 0) are on ring 1. pto-runtime 41d5c94a has one ring.

   Task window. A slot is reclaimed when its task and its consumers have
   completed and its scope has ended, in submission order per ring; a submit
   needs a free slot with at least one left empty (active < window - 1). A
   task whose scope is still open therefore holds its slot and every later
   slot of its ring until the scope ends. The pass replays one execution of
   the orchestration (both branches of an scf.if, a loop body once and then
   scaled by its static trip count) and counts, per ring, the tasks that
   cannot be reclaimed when a task is submitted: the ring needs a window of at
   least that many + 1. A ring shared by nested scopes (ring 3, and the one ring
   of 41d5c94a) accumulates the inner scopes' tasks behind an outer task still
   held. Processes add their per-run scopes: at most max(window/4 - 1, 1)
   tasks each (codegen/Core/runtime/csp_scheduler.hpp, count_task). The
   smallest power of two >= 4 covering every ring is the program's minimum window (`min_task_window`); a
   `task_window` below it is an error.

   Heap. Intermediates (taskring.tensor_alloc) live on the heap ring of their
   alloc task's ring until that task's scope ends, so a heap must hold, at
   once, the allocations of the deepest chain of nested scopes on it: the
   function's own plus, at each loop level, the largest per-iteration total
   below it. With static shapes that sum is exact (`heap_need`; per ring,
   `ring_heap_need`). When the runtime default (1 GiB at 41d5c94a, 256 MiB per
   ring on simpler) covers it, the default is kept (heap_bytes = 0);
   otherwise the next power of two is requested. An explicit `heap-bytes`
   below the requirement, or not a power of two >= 1024 (PTO2_RING_HEAP's
   rule), is an error.

   Dependency pool. Each task records up to 16 producers in its ring's pool,
   and the entries are freed with the task's slot, so a pool must hold 16
   entries per task its ring cannot reclaim (the same count as the window).
   An explicit `dep-pool` below that is an error; unset, the runtime default
   (16384 per ring on simpler, 65536 at 41d5c94a) is kept when it covers it.

   The results are recorded on taskring.runtime for the emitters and the
   manifest: `ring_task_need`, `ring_heap_need`, `ring_dep_pool_need` (per
   ring; 0 = the program never uses the ring), `min_task_window`, and the
   sizes to request per ring, `ring_windows`, `ring_heaps`, `ring_dep_pools`
   (0 = the runtime default). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "IRUtil.h"
#include "PassRegistry.h"
#include "wsp-c/Diagnostics.h"
#include "wsp-c/Emit.h"

#define DEFAULT_HEAP (INT64_C(1) << 30)
#define SIMPLER_DEFAULT_HEAP (INT64_C(256) << 20)
#define DEFAULT_DEP_POOL 65536
#define SIMPLER_DEFAULT_DEP_POOL 16384
#define MAX_PRODUCERS_PER_TASK 16
#define NUM_RINGS 4
#define MAX_SCOPE_DEPTH 64 /* PTO2_MAX_SCOPE_DEPTH */

static int64_t dtypeBytes(const char *dtype) {
  if (strstr(dtype, "64")) return 8;
  if (strstr(dtype, "32")) return 4;
  if (strstr(dtype, "16")) return 2;
  return 1;
}

/* Bytes of one allocation; false when the count does not fit in int64 (no
   device has that much memory, and the sum must never wrap silently). */
static bool allocBytes(MlirOperation op, int64_t *bytes) {
  MlirAttribute shape = wspAttr(op, "shape");
  int64_t total = dtypeBytes(wspAttrStringOr(op, "dtype", "int8", NULL));
  for (intptr_t i = 0; i < mlirDenseArrayGetNumElements(shape); ++i) {
    int64_t extent = mlirDenseI64ArrayGetElement(shape, i);
    if (extent < 0 || (extent > 0 && total > INT64_MAX / extent))
      return false;
    total *= extent;
  }
  *bytes = total;
  return true;
}

static int64_t addSaturating(int64_t a, int64_t b) { return a > INT64_MAX - b ? INT64_MAX : a + b; }

/*===--- the task rings ---------------------------------------------------===*/

typedef struct RingState {
  int64_t held[NUM_RINGS]; /* tasks the ring cannot reclaim now */
  int64_t bytes[NUM_RINGS]; /* heap bytes of those tasks' intermediates */
  int64_t own[MAX_SCOPE_DEPTH + 1]; /* tasks of each open scope so far; [0]: the executor's */
  int depth; /* open wsp scopes */
} RingState;

typedef struct Rings {
  WspPassRun *run;
  MlirOperation runtime;
  bool multi; /* simpler: four rings; 41d5c94a: one */
  int64_t need[NUM_RINGS]; /* most tasks held at once, the new one included */
  MlirOperation peak[NUM_RINGS]; /* the submit or loop where need[] was reached */
  int64_t needBytes[NUM_RINGS]; /* most heap bytes held at once */
  bool allocTooLarge;
  MlirOperation unbounded; /* a loop whose trip count is unknown that grows a ring */
  bool tooDeep;
} Rings;

static int ringOf(const Rings *r, int depth) {
  if (!r->multi)
    return 0;
  return depth < NUM_RINGS ? depth : NUM_RINGS - 1;
}

static int64_t mulSaturating(int64_t a, int64_t b) {
  if (a == 0 || b == 0)
    return 0;
  return a > INT64_MAX / b ? INT64_MAX : a * b;
}

/* The static trip count of an scf.for with constant bounds, or -1. */
static int64_t constantIndex(MlirValue v, bool *ok) {
  if (!mlirValueIsAOpResult(v)) {
    *ok = false;
    return 0;
  }
  MlirOperation def = mlirOpResultGetOwner(v);
  int64_t value = 0;
  if (!wspOpIs(def, "arith.constant") || !wspAttrInt(def, "value", &value))
    *ok = false;
  return value;
}

static int64_t tripCount(MlirOperation loop) {
  if (!wspOpIs(loop, "scf.for") || mlirOperationGetNumOperands(loop) < 3)
    return -1;
  bool ok = true;
  int64_t lb = constantIndex(mlirOperationGetOperand(loop, 0), &ok);
  int64_t ub = constantIndex(mlirOperationGetOperand(loop, 1), &ok);
  int64_t step = constantIndex(mlirOperationGetOperand(loop, 2), &ok);
  if (!ok || step <= 0)
    return -1;
  if (ub <= lb)
    return 0;
  /* ub - lb can exceed INT64_MAX (lb < 0 < ub): count in unsigned, saturate */
  uint64_t trips = ((uint64_t)ub - (uint64_t)lb - 1) / (uint64_t)step + 1;
  return trips > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)trips;
}

static void submitTasks(Rings *r, RingState *st, int64_t count, MlirOperation at) {
  int ring = ringOf(r, st->depth);
  st->held[ring] = addSaturating(st->held[ring], count);
  st->own[st->depth] = addSaturating(st->own[st->depth], count);
  if (st->held[ring] > r->need[ring]) {
    r->need[ring] = st->held[ring];
    r->peak[ring] = at;
  }
}

static void endScope(Rings *r, RingState *st) {
  if (st->depth == 0)
    return;
  int ring = ringOf(r, st->depth);
  st->own[st->depth--] = 0;
  /* Still held behind an older task of an open scope on the same ring? */
  for (int d = st->depth; d >= 0; --d)
    if (ringOf(r, d) == ring && st->own[d] > 0)
      return;
  st->held[ring] = 0;
  st->bytes[ring] = 0;
}

static void replayBlock(Rings *r, MlirBlock block, RingState *st);

static void replayRegions(Rings *r, MlirOperation op, RingState *st) {
  if (wspOpIs(op, "scf.if")) {
    RingState before = *st, after = *st;
    for (intptr_t i = 0; i < mlirOperationGetNumRegions(op); ++i) {
      RingState branch = before;
      for (MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, i));
           !mlirBlockIsNull(b); b = mlirBlockGetNextInRegion(b))
        replayBlock(r, b, &branch);
      for (int k = 0; k < NUM_RINGS; ++k) {
        after.held[k] = branch.held[k] > after.held[k] ? branch.held[k] : after.held[k];
        after.bytes[k] = branch.bytes[k] > after.bytes[k] ? branch.bytes[k] : after.bytes[k];
      }
      for (int d = 0; d <= MAX_SCOPE_DEPTH; ++d)
        after.own[d] = branch.own[d] > after.own[d] ? branch.own[d] : after.own[d];
    }
    *st = after;
    return;
  }
  bool loop = wspOpIs(op, "scf.for") || wspOpIs(op, "scf.while") ||
              wspOpIs(op, "scf.parallel") || wspOpIs(op, "scf.forall");
  if (!loop) {
    for (intptr_t i = 0; i < mlirOperationGetNumRegions(op); ++i)
      for (MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, i));
           !mlirBlockIsNull(b); b = mlirBlockGetNextInRegion(b))
        replayBlock(r, b, st);
    return;
  }
  /* One iteration, then the rest by linearity: an iteration leaves behind
     `grow` tasks per ring only when an enclosing scope on that ring holds a
     task, and then every iteration leaves as many. */
  int64_t outer[NUM_RINGS], held0[NUM_RINGS], outerBytes[NUM_RINGS], bytes0[NUM_RINGS];
  MlirOperation outerPeak[NUM_RINGS];
  memcpy(outer, r->need, sizeof outer);
  memcpy(outerPeak, r->peak, sizeof outerPeak);
  memcpy(held0, st->held, sizeof held0);
  memcpy(outerBytes, r->needBytes, sizeof outerBytes);
  memcpy(bytes0, st->bytes, sizeof bytes0);
  memset(r->need, 0, sizeof r->need);
  memset(r->needBytes, 0, sizeof r->needBytes);
  for (intptr_t i = 0; i < mlirOperationGetNumRegions(op); ++i)
    for (MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, i));
         !mlirBlockIsNull(b); b = mlirBlockGetNextInRegion(b))
      replayBlock(r, b, st);
  int64_t trips = tripCount(op);
  for (int k = 0; k < NUM_RINGS; ++k) {
    int64_t growBytes = st->bytes[k] - bytes0[k], peakBytes = r->needBytes[k];
    if (growBytes > 0 && trips < 0) {
      peakBytes = INT64_MAX;
    } else if (growBytes > 0) {
      peakBytes = addSaturating(peakBytes, mulSaturating(growBytes, trips - 1));
      st->bytes[k] = addSaturating(bytes0[k], mulSaturating(growBytes, trips));
    }
    if (trips == 0) {
      peakBytes = 0;
      st->bytes[k] = bytes0[k];
    }
    r->needBytes[k] = outerBytes[k] > peakBytes ? outerBytes[k] : peakBytes;
  }
  for (int k = 0; k < NUM_RINGS; ++k) {
    int64_t grow = st->held[k] - held0[k], peak = r->need[k];
    if (grow > 0 && trips < 0) {
      if (mlirOperationIsNull(r->unbounded))
        r->unbounded = op;
      peak = INT64_MAX;
    } else if (grow > 0) {
      peak = addSaturating(peak, mulSaturating(grow, trips - 1));
      st->held[k] = addSaturating(held0[k], mulSaturating(grow, trips));
      if (trips > 1)
        r->peak[k] = op; /* its iterations pile up */
    }
    if (trips == 0) {
      peak = 0;
      st->held[k] = held0[k];
    }
    if (outer[k] >= peak)
      r->peak[k] = outerPeak[k];
    r->need[k] = outer[k] > peak ? outer[k] : peak;
  }
}

static void replayBlock(Rings *r, MlirBlock block, RingState *st) {
  for (MlirOperation op = mlirBlockGetFirstOperation(block); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (wspOpIs(op, "taskring.scope_begin")) {
      if (st->depth == MAX_SCOPE_DEPTH) {
        r->tooDeep = true;
        continue;
      }
      st->own[++st->depth] = 0;
    } else if (wspOpIs(op, "taskring.scope_end")) {
      endScope(r, st);
    } else if (wspOpIs(op, "taskring.submit")) {
      submitTasks(r, st, 1, op);
    } else if (wspOpIs(op, "taskring.tensor_alloc")) {
      /* On the heap of the ring its alloc task (the next submit) goes to. */
      int64_t size = 0;
      if (!allocBytes(op, &size)) {
        wspEmitError(r->run->context, mlirOperationGetLocation(op),
                     "'taskring.tensor_alloc' op: its size in bytes does not fit in 64 bits; "
                     "no runtime heap can hold it — tile the computation so intermediates are "
                     "smaller");
        r->allocTooLarge = true;
        size = INT64_MAX;
      }
      int ring = ringOf(r, st->depth);
      st->bytes[ring] = addSaturating(st->bytes[ring], size);
      if (st->bytes[ring] > r->needBytes[ring])
        r->needBytes[ring] = st->bytes[ring];
    }
    replayRegions(r, op, st);
  }
}

static bool hasSubmit(MlirOperation op, void *userData) {
  if (wspOpIs(op, "taskring.submit"))
    *(bool *)userData = true;
  return true;
}

/* Tasks per per-run scope of the CSP support (codegen/Core/runtime/csp_scheduler.hpp, count_task):
   the scope is renewed when the count reaches max(window / 4, 1). */
static int64_t cspScopeTasks(int64_t window) {
  return window / 4 - 1 > 1 ? window / 4 - 1 : 1;
}

/* The CSP support's run(), after the workload at depth 0: per-run scopes at
   depth 1. */
static void replayProcesses(Rings *r, RingState *st, int64_t window) {
  st->own[++st->depth] = 0;
  submitTasks(r, st, cspScopeTasks(window), r->runtime);
  endScope(r, st);
}

static int64_t nextPowerOfTwo(int64_t v);

/* Whether `window` holds every ring's need (one slot stays empty). */
static bool windowFits(const Rings *r, int64_t window) {
  for (int k = 0; k < NUM_RINGS; ++k)
    if (r->need[k] > 0 && nextPowerOfTwo(addSaturating(r->need[k], 1)) > window)
      return false;
  return true;
}

static int64_t nextPowerOfTwo(int64_t v) {
  int64_t p = 4;
  while (p < v && p <= INT64_MAX / 2)
    p *= 2;
  return p < v ? INT64_MAX : p;
}

static bool isPowerOfTwo(int64_t v) { return v > 0 && (v & (v - 1)) == 0; }

typedef struct Sizes {
  WspPassRun *run;
  MlirOperation runtime;
  bool simpler;
  int used; /* rings the program submits to, as a bit mask */
  int64_t taskNeed[NUM_RINGS], heapNeed[NUM_RINGS], poolNeed[NUM_RINGS];
  int64_t windows[NUM_RINGS], heaps[NUM_RINGS], pools[NUM_RINGS];
} Sizes;

static const char *targetName(const Sizes *z) {
  return z->simpler ? "simpler 6ebaf771" : "pto-runtime 41d5c94a";
}

/* The rings an error names, e.g. " on ring 1". */
static void ringPhrase(const Sizes *z, int ring, char *out, size_t size) {
  if (z->simpler)
    snprintf(out, size, " on ring %d", ring);
  else
    out[0] = '\0';
}

static bool sizeWindow(Sizes *z, const Rings *r, int64_t window, int64_t min,
                       bool runtimeDefault) {
  int worst = 0;
  for (int k = 0; k < NUM_RINGS; ++k)
    worst = z->taskNeed[k] > z->taskNeed[worst] ? k : worst;
  for (int k = 0; k < NUM_RINGS; ++k)
    z->windows[k] = !(z->used & (1 << k)) && z->simpler && z->used ? 4
                    : runtimeDefault                                ? 0
                                                                    : window;
  /* Unset (mode "default"), the runtime's own default window applies; the
     support code is sized for it too, so there is nothing to reject. */
  /* A need that saturated because a trip count is unknown was warned about;
     one that saturated from static trip counts is a plain error below. */
  bool unknown = z->taskNeed[worst] == INT64_MAX && !mlirOperationIsNull(r->unbounded);
  if (window == 0 || runtimeDefault || unknown || (window >= min && windowFits(r, window)))
    return true;
  char where[32];
  ringPhrase(z, worst, where, sizeof where);
  MlirOperation at = mlirOperationIsNull(r->peak[worst]) ? z->runtime : r->peak[worst];
  if (!windowFits(r, min)) { /* more than the largest window the runtime takes */
    wspEmitErrorf(z->run->context, mlirOperationGetLocation(at),
                  "taskring-size-resources: %lld task(s)%s cannot be reclaimed at once here (a "
                  "slot is freed only after its task's scope ends, and in submission order), "
                  "more than the largest task window (%lld) holds, so no task_window suffices; "
                  "submit an enclosing scope's tasks after its inner loops, or shorten the loop",
                  (long long)z->taskNeed[worst], where, (long long)min);
    return false;
  }
  wspEmitErrorf(z->run->context, mlirOperationGetLocation(at),
                "taskring-size-resources: task_window=%lld is too small for this program: %lld "
                "task(s)%s cannot be reclaimed at once here (a slot is freed only after its "
                "task's scope ends, and in submission order, so tasks submitted after one whose "
                "scope is still open stay too; a submit needs one slot left empty), so %s needs "
                "a window of at least %lld; raise wsp.task_window to %lld or more, or submit an "
                "enclosing scope's tasks after its inner loops",
                (long long)window, (long long)z->taskNeed[worst], where, targetName(z),
                (long long)min, (long long)min);
  return false;
}

static bool sizeHeap(Sizes *z, int64_t *total) {
  int64_t explicitHeap = wspPassOptionGetInt(z->run, "heap-bytes");
  MlirLocation loc = mlirOperationGetLocation(z->runtime);
  int64_t deflt = z->simpler ? SIMPLER_DEFAULT_HEAP : DEFAULT_HEAP;
  int worst = 0;
  for (int k = 0; k < NUM_RINGS; ++k) {
    if (z->heapNeed[k] == INT64_MAX) /* unbounded (warned about): not sized */
      z->heapNeed[k] = 0;
    worst = z->heapNeed[k] > z->heapNeed[worst] ? k : worst;
  }
  int64_t need = z->heapNeed[worst];
  char where[32];
  ringPhrase(z, worst, where, sizeof where);
  if (explicitHeap) {
    if (explicitHeap < 1024 || !isPowerOfTwo(explicitHeap)) {
      wspEmitErrorf(z->run->context, loc,
                    "taskring-size-resources: heap-bytes=%lld is not a power of two >= 1024, "
                    "which PTO2_RING_HEAP requires on pto-runtime 41d5c94a",
                    (long long)explicitHeap);
      return false;
    }
    if (explicitHeap < need) {
      wspEmitErrorf(z->run->context, loc,
                    "taskring-size-resources: heap-bytes=%lld is too small: the program keeps "
                    "%lld bytes of intermediates live at once%s; use heap-bytes >= %lld or leave "
                    "it unset", (long long)explicitHeap, (long long)need, where, (long long)need);
      return false;
    }
  }
  if (!explicitHeap && need > (INT64_C(1) << 62)) {
    wspEmitErrorf(z->run->context, loc,
                  "taskring-size-resources: the program keeps %lld bytes of intermediates live "
                  "at once%s, more than any PTO2 heap ring can be sized to (a power of two that "
                  "fits in 64 bits); tile the computation so intermediates are smaller",
                  (long long)need, where);
    return false;
  }
  *total = 0;
  for (int k = 0; k < NUM_RINGS; ++k) {
    int64_t heap = explicitHeap;
    if (!explicitHeap && z->heapNeed[k] > deflt)
      for (heap = deflt; heap < z->heapNeed[k]; heap *= 2)
        ;
    if (z->simpler && z->used && !(z->used & (1 << k)))
      heap = 1024; /* PTO2_RING_HEAP's minimum: the ring is never used */
    z->heaps[k] = heap;
    if (!z->used || (z->used & (1 << k)))
      *total = heap > *total ? heap : *total;
  }
  if (!z->simpler)
    *total = z->heaps[0];
  return true;
}

/* The dependency pool. simpler reclaims entries with their tasks and waits
   for space, so only the entries of tasks it cannot reclaim must fit: 16 per
   task. pto-runtime 41d5c94a's pool wraps around without looking
   (PTO2DepListPool::alloc, pto_ring_buffer.h:415-420), overwriting entries
   of tasks still in flight, and a task takes two entries per producer (its
   fan-in list and the producer's fan-out list, pto_orchestrator.cpp:364 and
   :380) for up to PTO2_MAX_INPUTS = 16 producers: the pool must outlast every
   task the window admits, 32 * (window - 1) entries plus the reserved entry
   0. */
static bool sizeDepPool(Sizes *z, int64_t window, int64_t *chosen) {
  int64_t pool = wspPassOptionGetInt(z->run, "dep-pool");
  int64_t deflt = z->simpler ? SIMPLER_DEFAULT_DEP_POOL : DEFAULT_DEP_POOL;
  int worst = 0;
  for (int k = 0; k < NUM_RINGS; ++k) {
    int64_t tasks = z->taskNeed[k] > 1 ? z->taskNeed[k] : 1;
    bool used = !z->used ? k == 0 : (z->used & (1 << k)) != 0;
    /* Unbounded (warned about): nothing to size or reject. */
    z->poolNeed[k] = used && tasks != INT64_MAX ? mulSaturating(tasks, MAX_PRODUCERS_PER_TASK) : 0;
    if (!z->simpler && k == 0 && window > 1)
      z->poolNeed[0] = addSaturating(mulSaturating(window - 1, 2 * MAX_PRODUCERS_PER_TASK), 1);
    worst = z->poolNeed[k] > z->poolNeed[worst] ? k : worst;
  }
  int64_t need = z->poolNeed[worst];
  if (!z->simpler && need > INT32_MAX) {
    wspEmitErrorf(z->run->context, mlirOperationGetLocation(z->runtime),
                  "taskring-size-resources: task_window=%lld needs a dependency pool of %lld "
                  "entries on pto-runtime 41d5c94a (32 per task in flight), more than its int32 "
                  "pool can index; use a task_window of at most %lld",
                  (long long)window, (long long)need, (long long)(INT64_C(1) << 26));
    return false;
  }
  if (pool && pool < need && !z->simpler) {
    wspEmitErrorf(z->run->context, mlirOperationGetLocation(z->runtime),
                  "taskring-size-resources: dep-pool=%lld is too small for task_window=%lld on "
                  "pto-runtime 41d5c94a: its pool wraps around over entries still in use, and "
                  "each of the up to %lld tasks in flight records up to %d producers twice (fan-in "
                  "and fan-out), so the pool needs %lld entries; use dep-pool >= %lld, a smaller "
                  "task_window, or leave dep-pool unset",
                  (long long)pool, (long long)window, (long long)(window - 1),
                  MAX_PRODUCERS_PER_TASK, (long long)need, (long long)need);
    return false;
  }
  if (pool && pool < need) {
    char where[32];
    ringPhrase(z, worst, where, sizeof where);
    wspEmitErrorf(z->run->context, mlirOperationGetLocation(z->runtime),
                  "taskring-size-resources: dep-pool=%lld is too small: one task records up to "
                  "%d producers in the dependency pool, and %lld task(s)%s cannot be reclaimed at "
                  "once, so the pool needs %lld entries; use dep-pool >= %lld or leave it unset",
                  (long long)pool, MAX_PRODUCERS_PER_TASK,
                  (long long)(need / MAX_PRODUCERS_PER_TASK), where, (long long)need,
                  (long long)need);
    return false;
  }
  *chosen = pool;
  for (int k = 0; k < NUM_RINGS; ++k) {
    int64_t p = pool;
    if (!pool && z->poolNeed[k] > deflt)
      p = z->poolNeed[k];
    if (z->simpler && z->used && !(z->used & (1 << k)))
      p = 4; /* PTO2_RING_DEP_POOL's minimum: the ring is never used */
    z->pools[k] = p;
    if (!z->used || (z->used & (1 << k)))
      *chosen = p > *chosen ? p : *chosen;
  }
  if (!z->simpler)
    *chosen = z->pools[0];
  return true;
}

static MlirAttribute ringArray(MlirContext ctx, const int64_t values[NUM_RINGS]) {
  return mlirDenseI64ArrayGet(ctx, NUM_RINGS, values);
}

static bool runSizeResources(WspPassRun *run) {
  MlirOperation runtime = wspModuleFindOp(run->op, "taskring.runtime", NULL);
  MlirOperation orch = wspModuleFindOp(run->op, "func.func", "taskring.orchestration");
  if (mlirOperationIsNull(runtime) || mlirOperationIsNull(orch)) {
    wspEmitError(run->context, mlirOperationGetLocation(run->op),
                 "taskring-size-resources: no taskring.runtime op or no function with "
                 "'taskring.orchestration'; run wsp-lower-to-taskring first");
    return false;
  }
  MlirContext ctx = mlirOperationGetContext(runtime);
  Sizes z = {run, runtime, false, 0, {0}, {0}, {0}, {0}, {0}, {0}};
  z.simpler = strcmp(wspAttrStringOr(runtime, "abi", "", NULL), WSP_EMIT_SIMPLER_ABI_VERSION) == 0;
  int64_t window = 0;
  wspAttrInt(runtime, "task_window", &window);
  const char *mode = wspAttrStringOr(runtime, "window_mode", "stall", NULL);
  Rings rings;
  memset(&rings, 0, sizeof rings);
  rings.run = run;
  rings.runtime = runtime;
  rings.multi = z.simpler;
  RingState st;
  memset(&st, 0, sizeof st);
  replayBlock(&rings, wspFuncEntryBlock(orch), &st);
  /* Processes run after the workload (run() at depth 0), each run in
     per-run scopes of the CSP support. */
  bool processTasks = false;
  for (MlirOperation op = mlirBlockGetFirstOperation(wspModuleBody(run->op));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (wspOpIs(op, "func.func") && wspHasAttr(op, "taskring.process"))
      wspWalk(op, hasSubmit, &processTasks);
  /* The smallest window: the workload's need does not depend on it, the
     per-run scopes' does (a quarter of the window). */
  RingState afterWorkload = st;
  int64_t workloadNeed[NUM_RINGS];
  MlirOperation workloadPeak[NUM_RINGS];
  memcpy(workloadNeed, rings.need, sizeof workloadNeed);
  memcpy(workloadPeak, rings.peak, sizeof workloadPeak);
  int64_t minWindow = 4;
  for (; minWindow < (INT64_C(1) << 30); minWindow *= 2) {
    st = afterWorkload;
    memcpy(rings.need, workloadNeed, sizeof rings.need);
    if (processTasks)
      replayProcesses(&rings, &st, minWindow);
    if (windowFits(&rings, minWindow))
      break;
  }
  st = afterWorkload;
  memcpy(rings.need, workloadNeed, sizeof rings.need);
  memcpy(rings.peak, workloadPeak, sizeof rings.peak);
  if (processTasks)
    replayProcesses(&rings, &st, window);
  if (rings.tooDeep) {
    wspEmitErrorf(run->context, mlirOperationGetLocation(runtime),
                  "taskring-size-resources: the orchestration nests more than %d scopes, "
                  "PTO2_MAX_SCOPE_DEPTH; nest fewer loops that submit tasks",
                  MAX_SCOPE_DEPTH);
    return false;
  }
  if (!mlirOperationIsNull(rings.unbounded))
    wspEmitWarning(run->context, mlirOperationGetLocation(rings.unbounded),
                   "taskring-size-resources: this loop's trip count is not static and each "
                   "iteration leaves its tasks in the ring behind an earlier task of an "
                   "enclosing scope that is still open, so no task window can be shown to "
                   "suffice; submit the enclosing scope's tasks after the loop, or give the "
                   "loop static bounds");
  /* host_build_graph has no ring: nothing to size but the heap rule. */
  bool ringed =
      strcmp(wspAttrStringOr(runtime, "flavor", "", NULL), "tensormap_and_ringbuffer") == 0;
  for (int k = 0; k < NUM_RINGS && ringed; ++k) {
    z.taskNeed[k] = rings.need[k];
    if (rings.need[k] > 0)
      z.used |= 1 << k;
  }
  if (rings.allocTooLarge)
    return false;
  int64_t heapTotal = 0;
  for (int k = 0; k < NUM_RINGS && ringed; ++k) {
    z.heapNeed[k] = rings.needBytes[k];
    heapTotal = z.heapNeed[k] > heapTotal ? z.heapNeed[k] : heapTotal;
  }
  /* Recorded for the manifest and for readers of the IR: the most any ring
     holds. */
  wspSetAttr(runtime, "heap_need", wspI64Attr(ctx, heapTotal));
  for (int k = 0; k < NUM_RINGS; ++k)
    if (z.heapNeed[k] > 0)
      z.used |= 1 << k;
  int64_t heap = 0, pool = 0;
  if (!ringed)
    minWindow = 4;
  bool ok = sizeWindow(&z, &rings, ringed ? window : 0, minWindow, !strcmp(mode, "default"));
  ok = sizeHeap(&z, &heap) && ok;
  ok = sizeDepPool(&z, ringed ? window : 0, &pool) && ok;
  wspSetAttr(runtime, "min_task_window", wspI64Attr(ctx, minWindow));
  wspSetAttr(runtime, "ring_task_need", ringArray(ctx, z.taskNeed));
  wspSetAttr(runtime, "ring_heap_need", ringArray(ctx, z.heapNeed));
  wspSetAttr(runtime, "ring_dep_pool_need", ringArray(ctx, z.poolNeed));
  if (!ok)
    return false;
  wspSetAttr(runtime, "heap_bytes", wspI64Attr(ctx, heap));
  wspSetAttr(runtime, "dep_pool", wspI64Attr(ctx, pool));
  wspSetAttr(runtime, "ring_windows", ringArray(ctx, z.windows));
  wspSetAttr(runtime, "ring_heaps", ringArray(ctx, z.heaps));
  wspSetAttr(runtime, "ring_dep_pools", ringArray(ctx, z.pools));
  return true;
}

static const WspPassOptionInfo kOptions[] = {
    {"heap-bytes", WSP_OPTION_INT, "0", "0..68719476736",
     "heap ring bytes (power of two >= 1024, at most 2^36 = 64 GiB); 0 derives it from the "
     "program"},
    {"dep-pool", WSP_OPTION_INT, "0", "0..1073741824",
     "dependency pool entries per ring (>= 16 per task the program can hold in a ring); 0 "
     "keeps the runtime default when it covers the program"},
};

const WspPassInfo taskringSizeResourcesPassInfo = {
    .name = "taskring-size-resources",
    .summary = "Derive per-ring task window, heap and dependency pool needs; reject sizes below them",
    .options = kOptions,
    .numOptions = 2,
    .run = runSizeResources,
    .pipeline = NULL,
};
