/* What every target's orchestration printer shares (docs/artifact.md): the
   dispatch of taskring ops to the target's printers, the ops every runtime
   gets the same text for (dispatch comments, sequence counters, host symbol
   and scalar arguments), the checks of allocations and views before the
   target prints them, and the process functions. The target supplies what
   names its runtime's API (WspEmitOrchTarget). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "EmitInternal.h"
#include "IRUtil.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "wsp-c/Diagnostics.h"

static WspEmitOrch *orchOf(WspCppWriter *w) { return w->hookData; }
static MlirLocation loc(MlirOperation op) { return mlirOperationGetLocation(op); }

void wspEmitOrchInit(WspEmitOrch *o, WspEmitState *st, const WspEmitOrchTarget *target) {
  *o = (WspEmitOrch){.st = st, .target = target};
  wspEmitCspCollect(st, &o->csp);
}

void wspEmitOrchFree(WspEmitOrch *o) {
  for (size_t i = 0; i < o->numSequences; ++i)
    free(o->sequences[i]);
  free(o->sequences);
  wspEmitCspFree(&o->csp);
}

/*===--- ops every runtime prints alike -----------------------------------===*/

static WspHookResult printDispatch(WspCppWriter *w, MlirOperation op) {
  if (wspHasAttr(op, "wsp.unassigned")) {
    wspEmitErrorf(w->st->context, loc(op),
                  "'taskring.dispatch' still carries its raw key (wsp.unassigned): run "
                  "wsp-assign-domains before emitting");
    return WSP_HOOK_FAILED;
  }
  const char *task = wspCppUse(w, mlirOperationGetOperand(op, 0), op);
  const char *domain = wspCppUse(w, mlirOperationGetOperand(op, 1), op);
  if (!task || !domain)
    return WSP_HOOK_FAILED;
  char *policy = wspEmitStringAttr(op, "policy");
  int64_t domains = 0;
  wspAttrInt(op, "domains", &domains);
  wspCppLine(w,
             "// dispatch (policy %s, %lld domains): recorded, not enforced; %s has no "
             "per-task scheduler selection",
             policy ? policy : "?", (long long)domains, orchOf(w)->target->runtimeInComments);
  wspCppLine(w, "[[maybe_unused]] const int64_t %s_domain = %s;", task, domain);
  free(policy);
  return WSP_HOOK_DONE;
}

static size_t sequenceIndex(WspEmitOrch *o, const char *name) {
  for (size_t i = 0; i < o->numSequences; ++i)
    if (strcmp(o->sequences[i], name) == 0)
      return i;
  o->sequences = wspRealloc(o->sequences, (o->numSequences + 1) * sizeof(char *));
  o->sequences[o->numSequences] = wspStrdup(name);
  return o->numSequences++;
}

static WspHookResult printSequence(WspCppWriter *w, MlirOperation op) {
  WspEmitOrch *o = orchOf(w);
  char *seq = wspEmitStringAttr(op, "name");
  size_t index = sequenceIndex(o, seq ? seq : "");
  free(seq);
  MlirValue result = mlirOperationGetResult(op, 0);
  const char *name = wspCppDefine(w, result);
  if (o->csp.numProcesses > 0) /* shared by the workload and the processes */
    wspCppLine(w, "%sconst int64_t %s = wsp_csp.next_sequence(%zu);", wspCppUnusedPrefix(result),
               name, index);
  else
    wspCppLine(w, "%sconst int64_t %s = wsp_seq%zu++;", wspCppUnusedPrefix(result), name, index);
  return WSP_HOOK_DONE;
}

void wspEmitSequenceCounters(WspStringBuffer *b, const WspEmitOrch *o) {
  for (size_t i = 0; i < o->numSequences && o->csp.numProcesses == 0; ++i) {
    char *id = wspEmitIdentifier(o->sequences[i], strlen(o->sequences[i]));
    wspStringBufferAppendf(b, "  int64_t wsp_seq%zu = 0;  // sequence '%s'\n", i, id);
    free(id);
  }
}

/* `const T name = <args[index]'s bits, decoded>;  // <its name>`. */
static void printArgument(WspCppWriter *w, MlirValue v, size_t index, bool hostSymbol) {
  char bits[48];
  orchOf(w)->target->argumentBits(w->st, index, bits, sizeof bits);
  char *decoded = wspCppFromBits(mlirValueGetType(v), bits);
  const char *name = wspCppDefine(w, v);
  wspCppLine(w,
             hostSymbol ? "%sconst %s %s = %s;  // host symbol '%s'" : "%sconst %s %s = %s;  // %s",
             wspCppUnusedPrefix(v), wspCppScalarType(mlirValueGetType(v)), name, decoded,
             w->st->args[index].name);
  free(decoded);
}

static WspHookResult printSymbolArg(WspCppWriter *w, MlirOperation op) {
  int64_t index = 0;
  wspAttrInt(op, "index", &index);
  printArgument(w, mlirOperationGetResult(op, 0), (size_t)index, true);
  return WSP_HOOK_DONE;
}

void wspEmitScalarArgs(WspCppWriter *w) {
  MlirBlock entry = wspFuncEntryBlock(w->st->orchFunc);
  for (intptr_t i = 0; i < mlirBlockGetNumArguments(entry); ++i)
    if (!w->st->args[i].isTensor)
      printArgument(w, mlirBlockGetArgument(entry, i), (size_t)i, false);
}

/*===--- checks before the target prints ----------------------------------===*/

bool wspEmitAllocShape(WspCppWriter *w, MlirOperation op, const char *extentType,
                       int64_t maxExtent, const char *extentRule, WspEmitAlloc *out) {
  int64_t sizes[WSP_EMIT_MAX_TENSOR_RANK];
  out->rank = 0;
  out->dtype = wspEmitStringAttr(op, "dtype");
  out->runtimeType = wspEmitRuntimeDataType(out->dtype);
  bool shapeOk = wspEmitTensorSizes(w->st, mlirOperationGetResult(op, 0), sizes, &out->rank);
  for (intptr_t d = 0; shapeOk && d < out->rank; ++d)
    shapeOk = sizes[d] > 0 && sizes[d] <= maxExtent;
  if (!out->runtimeType || !shapeOk) {
    wspEmitErrorf(w->st->context, loc(op),
                  "'taskring.tensor_alloc' needs a shape of 1 to %d positive extents%s and a "
                  "runtime dtype (float32, float16, bfloat16, int8/16/32/64, uint8, uint64), "
                  "got dtype '%s'",
                  WSP_EMIT_MAX_TENSOR_RANK, extentRule, out->dtype ? out->dtype : "");
    free(out->dtype);
    out->dtype = NULL;
    return false;
  }
  out->name = wspCppDefine(w, mlirOperationGetResult(op, 0));
  WspStringBuffer shape;
  wspStringBufferInit(&shape);
  wspEmitAppendI64List(&shape, sizes, out->rank);
  wspCppLine(w, "%s %s_shape[] = {%s};", extentType, out->name, shape.data);
  wspStringBufferFree(&shape);
  return true;
}

/* Offsets come as `(uint64_t)x` casts; a runtime whose view takes
   narrower offsets gets `(indexType)x` (the emitter checked every static
   offset against the base, so they fit). */
static void castOffsets(char *text, const char *indexType) {
  static const char kWide[] = "(uint64_t)";
  const size_t width = sizeof kWide - 3; /* the type's name between the parentheses */
  if (strlen(indexType) != width)        /* only same-width names rewrite in place */
    return;
  for (char *p = text; p && (p = strstr(p, kWide)); p += sizeof kWide - 1)
    memcpy(p + 1, indexType, width);
}

bool wspEmitViewArrays(WspCppWriter *w, MlirOperation op, const char *indexType,
                       const char **name, const char **baseName) {
  int64_t baseSizes[WSP_EMIT_MAX_TENSOR_RANK], sizes[WSP_EMIT_MAX_TENSOR_RANK];
  intptr_t baseRank = 0, rank = 0;
  MlirValue base = mlirOperationGetOperand(op, 0);
  if (!wspEmitTensorSizes(w->st, base, baseSizes, &baseRank) ||
      !wspEmitTensorSizes(w->st, mlirOperationGetResult(op, 0), sizes, &rank) || rank != baseRank)
    return wspEmitViewError(w, op, "needs a taskring tensor base and one size per dimension of it");
  WspStringBuffer offsets, sizeList;
  wspStringBufferInit(&offsets);
  wspStringBufferInit(&sizeList);
  *baseName = wspCppUse(w, base, op);
  bool ok = *baseName && wspEmitViewOffsets(w, op, baseSizes, rank, &offsets);
  if (ok) {
    castOffsets(offsets.data, indexType);
    wspEmitAppendI64List(&sizeList, sizes, rank);
    *name = wspCppDefine(w, mlirOperationGetResult(op, 0));
    wspCppLine(w, "%s %s_sizes[] = {%s};", indexType, *name, sizeList.data);
    wspCppLine(w, "%s %s_offsets[] = {%s};", indexType, *name, offsets.data);
  }
  wspStringBufferFree(&offsets);
  wspStringBufferFree(&sizeList);
  return ok;
}

/*===--- the op hook -------------------------------------------------------===*/

/* Params are folded into the submit that uses them (simpler's dispatch
   predicate too, where the target takes one). */
static bool foldedIntoSubmit(const WspEmitOrchTarget *t, MlirStringRef name) {
  return wspStrIs(name, "taskring.input") || wspStrIs(name, "taskring.output") ||
         wspStrIs(name, "taskring.inout") || wspStrIs(name, "taskring.scalar") ||
         (t->predicateInSubmit && wspStrIs(name, "taskring.predicate"));
}

WspHookResult wspEmitOrchestrationOp(WspCppWriter *w, MlirOperation op) {
  WspEmitOrch *o = orchOf(w);
  const WspEmitOrchTarget *t = o->target;
  MlirStringRef name = wspOpName(op); /* once: compared with about 20 names */
  if (foldedIntoSubmit(t, name))
    return WSP_HOOK_DONE;
  WspHookResult csp = wspEmitCspOp(w, &o->csp, op, t->failReturn(w));
  if (csp != WSP_HOOK_NOT_MINE)
    return csp;
  static const char *const kOps[] = {
      "taskring.tensor_external", "taskring.tensor_alloc", "taskring.view",
      "taskring.submit",          "taskring.dispatch",     "taskring.sequence",
      "taskring.edge",            "taskring.scope_begin",  "taskring.scope_end",
      "taskring.arg"};
  size_t which = sizeof kOps / sizeof kOps[0];
  for (size_t i = 0; i < sizeof kOps / sizeof kOps[0]; ++i)
    if (wspStrIs(name, kOps[i]))
      which = i;
  if (which == sizeof kOps / sizeof kOps[0])
    return WSP_HOOK_NOT_MINE;
  wspCppLocation(w, op);
  switch (which) {
  case 0: return t->external(w, op);
  case 1: return t->alloc(w, op);
  case 2: return t->view(w, op);
  case 3: return t->submit(w, op);
  case 4: return printDispatch(w, op);
  case 5: return printSequence(w, op);
  case 6: return t->edge(w, op);
  case 7: return t->scope(w, true);
  case 8: return t->scope(w, false);
  default: return printSymbolArg(w, op);
  }
}

/*===--- the file ---------------------------------------------------------===*/

void wspEmitOrchestrationBanner(WspStringBuffer *b, const WspEmitState *st) {
  char *where = wspEmitLocationString(mlirOperationGetLocation(st->orchFunc));
  wspStringBufferAppendf(b,
                         "// Orchestration of workload '%s' (%s), generated by wsp for %s %s, "
                         "%s.\n"
                         "// Each statement follows the taskring op named in the `// wsp:` "
                         "comment above it.\n",
                         st->workload, where, st->target->runtime, st->target->commit,
                         st->flavorName);
  free(where);
}

static bool appendProcess(WspStringBuffer *file, WspEmitOrch *o, size_t index) {
  MlirOperation fn = o->csp.processes[index];
  MlirStringRef name = wspSymName(fn);
  char *where = wspEmitLocationString(mlirOperationGetLocation(fn));
  char *id = wspEmitIdentifier(name.data, name.length);
  wspStringBufferAppendf(file, "// Process '%s' (%s): a coroutine of the scheduler.\n"
                               "void wsp_proc%zu(WspCsp& wsp_csp, WspProc& wsp_self) {\n",
                         id, where, index);
  free(id);
  free(where);
  WspStringBuffer body;
  wspStringBufferInit(&body);
  WspCppWriter w;
  wspCppWriterInit(&w, o->st, &body, "process", wspEmitOrchestrationOp, o);
  o->target->processPrologue(&w);
  wspEmitProcessParams(&w, fn);
  o->csp.inProcess = true;
  bool ok = wspCppEmitBlock(&w, wspFuncEntryBlock(fn));
  o->csp.inProcess = false;
  wspCppWriterFree(&w);
  if (ok) {
    wspStringBufferAppend(file, body.data ? body.data : "", body.length);
    wspStringBufferAppendStr(file, "}\n\n");
  }
  wspStringBufferFree(&body);
  return ok;
}

bool wspEmitProcessFunctions(WspStringBuffer *file, WspEmitOrch *o) {
  wspStringBufferAppendStr(file, "\nnamespace {\n\n");
  wspEmitCspDeclarations(file, &o->csp);
  bool ok = true;
  for (size_t i = 0; i < o->csp.numProcesses && ok; ++i)
    ok = appendProcess(file, o, i);
  wspStringBufferAppendStr(file, "}  // namespace\n\n");
  return ok;
}

void wspEmitAddOrchestrationFile(WspEmitState *st, WspStringBuffer *file) {
  WspStringBuffer path;
  wspStringBufferInit(&path);
  wspStringBufferAppendf(&path, "kernels/orchestration/%s_orch.cpp", st->workload);
  size_t length = file->length;
  wspEmitAddFile(st, path.data, wspStringBufferTake(file), length);
  wspStringBufferFree(&path);
}
