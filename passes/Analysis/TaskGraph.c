/* Abstract execution of a wsp workload into its static task graph.

   The workload body is walked in program order with an environment that maps
   SSA values to what is statically known about them: an integer (arith over
   constants and loop induction variables), a root tensor (a workload memref
   argument, or the current execution of an alloc), a channel or a task
   handle. scf.for loops with static bounds are unrolled, scf.if takes the
   branch its constant condition picks, and each executed wsp.task becomes a
   node whose tensor arguments are traced through memref.subview /
   memref.cast to a region of a root. The hazard tracker (TaskGraphHazards.c)
   turns the regions into edges.

   Processes (docs/csp.md) run as cooperative coroutines: each instance has
   its own environment and an explicit stack of frames (one per block being
   executed), so a wsp.send on a full channel or a wsp.recv on an empty one
   simply leaves the frames where they are and the scheduler resumes another
   instance, round-robin in spawn order. The workload runs first, to its end.
   The channel order tracker (TaskGraphHazards.c) turns the token traffic into
   channel and credit edges. When no process can run but some have not
   returned, that is a deadlock: an error naming each blocked process.

   Everything is owned by one Interp on the caller's stack: no global state.
   This file holds the setup and the public entry points; the interpreter's
   parts are listed in TaskGraphInterp.h. */
#include "TaskGraphInterp.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ContextImpl.h"
#include "IRUtil.h"
#include "wsp-c/Diagnostics.h"

/*===--- setup ------------------------------------------------------------===*/

static bool isWorkload(MlirOperation op) {
  return mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)), str("func.func")) &&
         !mlirAttributeIsNull(
             mlirOperationGetDiscardableAttributeByName(op, str("wsp.workload")));
}

static bool hasName(MlirOperation func, const char *name) {
  MlirAttribute sym = attrNamed(func, "sym_name");
  return !mlirAttributeIsNull(sym) && mlirAttributeIsAString(sym) &&
         mlirStringRefEqual(mlirStringAttrGetValue(sym), str(name));
}

static bool findWorkload(Interp *in, MlirOperation module, MlirOperation *out) {
  const char *wanted = in->options->workload ? in->options->workload : "";
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  size_t count = 0;
  *out = (MlirOperation){NULL};
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (!isWorkload(op) || (*wanted && !hasName(op, wanted)))
      continue;
    if (++count == 2)
      return tgFailAt(in, op,
                      "%s: several functions have 'wsp.workload'; remedy: choose one with the "
                      "option workload=<name>",
                      in->options->client);
    *out = op;
  }
  if (count == 0 && *wanted)
    return tgFailAt(in, module, "%s: no function named '%s' has 'wsp.workload'",
                    in->options->client, wanted);
  if (count == 0)
    return tgFailAt(in, module,
                    "%s: no function has 'wsp.workload'; remedy: mark the entry function "
                    "with it",
                    in->options->client);
  return true;
}

static void bindArguments(Interp *in, MlirOperation func, MlirBlock entry) {
  intptr_t n = mlirBlockGetNumArguments(entry);
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue arg = mlirBlockGetArgument(entry, i);
    MlirType type = mlirValueGetType(arg);
    if (!mlirTypeIsAMemRef(type))
      continue;
    MlirStringRef name = tgArgName(func, i);
    char fallback[32];
    snprintf(fallback, sizeof fallback, "arg%" PRIdPTR, i);
    tgAddRoot(in, name.length ? wspStrndup(name.data, name.length) : wspStrdup(fallback), arg,
              (int)i);
  }
}

typedef struct WarnState {
  Interp *in;
  bool slots;
} WarnState;

/* One warning for the unmodelled ordering of slot reads, at the first. */
static MlirWalkResult warnUnmodelled(MlirOperation op, void *userData) {
  WarnState *w = userData;
  if (w->slots || tgKindOf(w->in, op) != K_SLOT_READ)
    return MlirWalkResultAdvance;
  w->slots = true;
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  wspEmitWarningf(w->in->context, mlirOperationGetLocation(op),
                  "'%.*s' op: %s does not include slot edges yet; the graph lacks the "
                  "ordering that slot reads imply",
                  (int)name.length, name.data, w->in->options->client);
  return MlirWalkResultInterrupt;
}

/* The workload first, then every process function, in module order. */
static void warnAboutSlots(Interp *in, MlirOperation workload) {
  WarnState warn = {in, false};
  mlirOperationWalk(workload, warnUnmodelled, &warn, MlirWalkPreOrder);
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(in->module, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op) && !warn.slots;
       op = mlirOperationGetNextInBlock(op))
    if (tgIsProcessFunc(op, tgSymName(op)))
      mlirOperationWalk(op, warnUnmodelled, &warn, MlirWalkPreOrder);
}

void wspTaskGraphInit(WspTaskGraph *graph) { memset(graph, 0, sizeof *graph); }

void wspTaskGraphFree(WspTaskGraph *graph) {
  for (size_t i = 0; i < graph->numRoots; ++i)
    free(graph->roots[i].name);
  free(graph->roots);
  free(graph->nodes);
  free(graph->args);
  free(graph->processes);
  free(graph->channels);
  free(graph->segments);
  free(graph->segmentPreds);
  free(graph->iters);
  wspTaskEdgeListFree(&graph->edges);
  memset(graph, 0, sizeof *graph);
}

static bool runWorkload(Interp *in) {
  MlirOperation func;
  if (!findWorkload(in, in->module, &func))
    return false;
  in->graph->workload = func;
  MlirRegion region = mlirOperationGetRegion(func, 0);
  MlirBlock entry = mlirRegionGetFirstBlock(region);
  if (mlirBlockIsNull(entry))
    return tgFailAt(in, func, "%s: the workload has no body", in->options->client);
  if (!mlirBlockIsNull(mlirBlockGetNextInRegion(entry)))
    return tgFailAt(in, func,
                    "%s supports structured control flow only (one block); remedy: use scf "
                    "instead of cf branches",
                    in->options->client);
  warnAboutSlots(in, func);
  in->cur = tgAddProc(in, func, (MlirOperation){NULL}, 0);
  tgNewSegment(in, 0, WSP_SEGMENT_SPAWN, 0, 0, (Slot){SLOT_UNKNOWN, 0}, NULL, 0);
  bindArguments(in, func, entry);
  tgPushFrame(current(in), func, entry);
  return tgSchedule(in);
}

static void freeInterp(Interp *in) {
  for (size_t i = 0; i < in->numProcs; ++i) {
    tgReleaseProc(&in->procs[i]);
    free(in->procs[i].places);
    free(in->procs[i].closedAt);
  }
  free(in->procs);
  for (size_t i = 0; i < in->numChans; ++i) {
    free(in->chans[i].tokens);
    free(in->chans[i].sendBefore);
    free(in->chans[i].sendAfter);
    free(in->chans[i].recvBefore);
    free(in->chans[i].recvAfter);
    free(in->chans[i].closers);
    free(in->chans[i].waiting);
  }
  free(in->chans);
  free(in->views);
  free(in->scratch);
  tgReadyFree(in);
  wspChannelOrderDestroy(in->order);
  wspHazardTrackerDestroy(in->hazards);
  free(in->kinds.entries);
  if (!mlirSymbolTableIsNull(in->symbols))
    mlirSymbolTableDestroy(in->symbols);
}

WspTaskGraphOptions wspTaskGraphOptionsOf(const WspPassRun *run, const char *client) {
  WspTaskGraphOptions options = {
      .client = client,
      .workload = wspPassOptionGetString(run, "workload"),
      .maxTasks = wspPassOptionGetInt(run, "max-tasks"),
      .maxMemoryMB = wspPassOptionGetInt(run, "max-memory"),
  };
  return options;
}

bool wspTaskGraphBuild(WspContext context, MlirOperation module,
                       const WspTaskGraphOptions *options, WspTaskGraph *graph) {
  Interp in;
  memset(&in, 0, sizeof in);
  in.context = context;
  in.options = options;
  in.graph = graph;
  in.module = module;
  in.hazards = wspHazardTrackerCreate();
  wspHazardTrackerSetReduced(in.hazards, !options->unreduced);
  in.order = wspChannelOrderCreate();
  uint64_t allowed = options->maxTasks > 0 ? (uint64_t)options->maxTasks : 0;
  /* Scalar work is bounded too (a loop without tasks that never repeats a
     state would run forever): 16 steps per allowed task, plus 1000 per
     allowed task up to 10^7. The default 10^7-task budget stops such a loop
     within seconds, not minutes, and a smaller max-tasks bounds the whole
     run in proportion (a fixed 10^7 cost every check 3-4 s under ASan). */
  uint64_t scalar = allowed < 10000 ? 1000 * allowed : 10000000;
  in.maxSteps = allowed > UINT64_MAX / 32 ? UINT64_MAX : 16 * allowed + scalar;
  bool ok = runWorkload(&in) || graph->stopped;
  freeInterp(&in);
  return ok;
}

/* The first error at or after `mark`, as "file:line:col: message". */
static char *firstError(WspContext context, size_t mark) {
  for (size_t i = mark; i < wspContextGetNumDiagnostics(context); ++i) {
    WspDiagnostic d = wspContextGetDiagnostic(context, i);
    if (d.severity != WSP_DIAGNOSTIC_ERROR)
      continue;
    WspStringBuffer text;
    wspStringBufferInit(&text);
    if (d.line)
      wspStringBufferAppendf(&text, "%s:%u:%u: ", d.file, d.line, d.column);
    wspStringBufferAppendStr(&text, d.message);
    return wspStringBufferTake(&text);
  }
  return wspStrdup("an unknown reason");
}

WspTaskGraphOutcome wspTaskGraphTryBuild(WspContext context, MlirOperation module,
                                         const WspTaskGraphOptions *options,
                                         WspTaskGraph *graph, bool reportProgramErrors,
                                         char **reason) {
  WspContextImpl *impl = wspUnwrapContext(context);
  size_t mark = impl->numDiagnostics;
  FILE *stream = impl->stream; /* held back: a dropped error must never show */
  impl->stream = NULL;
  bool built = wspTaskGraphBuild(context, module, options, graph);
  WspTaskGraphOutcome outcome = built                 ? WSP_TG_BUILT
                                : graph->programError ? WSP_TG_PROGRAM_ERROR
                                                      : WSP_TG_NOT_STATIC;
  bool drop = outcome == WSP_TG_NOT_STATIC ||
              (outcome == WSP_TG_PROGRAM_ERROR && !reportProgramErrors);
  if (reason)
    *reason = drop ? firstError(context, mark) : NULL;
  if (drop)
    wspContextTruncateDiagnostics(impl, mark);
  impl->stream = stream;
  for (size_t i = mark; stream && i < wspContextGetNumDiagnostics(context); ++i)
    wspDiagnosticPrint(wspContextGetDiagnostic(context, i), stream);
  return outcome;
}

static bool isSpawn(MlirOperation op, void *userData) {
  bool *found = userData;
  *found |= wspOpIs(op, "wsp.spawn");
  return !*found; /* stop at the first */
}

bool wspTaskGraphHasSpawn(MlirOperation module) {
  bool found = false;
  wspWalk(module, isSpawn, &found);
  return found;
}

MlirLocation wspTaskGraphWorkloadLocation(MlirOperation module, const char *wanted) {
  for (MlirOperation op = mlirBlockGetFirstOperation(wspModuleBody(module));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (!wspOpIs(op, "func.func") || !wspHasAttr(op, "wsp.workload"))
      continue;
    if (!*wanted || mlirStringRefEqual(wspSymName(op), wspStr(wanted)))
      return mlirOperationGetLocation(op);
  }
  return mlirOperationGetLocation(module);
}
