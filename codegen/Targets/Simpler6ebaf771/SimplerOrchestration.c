/* Prints the orchestration C++ for simpler 6ebaf771 (docs/artifact.md,
   "simpler"): aicpu_orchestration_entry(const ChipTaskArgs&) with one runtime
   call per taskring op, the same source for tensormap_and_ringbuffer and
   host_build_graph (both take the rt_submit_* API). Tensors are ChipTensor
   values (arguments, alloc_tensors results, views); a submit is a CoreTaskArgs
   filled in param order (tensors reach the kernel first, then scalars, see
   SimplerKernelSlots in EmitKernel.c) and submitted with rt_submit_a{i,v}c_task.
   Dependencies come from the TensorMap (both flavors have one), driven by
   the params' modes, plus explicit ones (emitExplicitDependencies). A submit
   ending with a taskring.predicate gets CoreTaskArgs::set_predicate and
   explicit dependencies on the live writers of the predicate's element
   (docs/slots.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "EmitInternal.h"
#include "IRUtil.h"
#include "Simpler6ebaf771.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "wsp-c/Diagnostics.h"

typedef struct SimplerOrch {
  WspEmitOrch base; /* first: the writer's hookData is both */
  bool predicates;  /* some submit has a dispatch predicate: track writers */
} SimplerOrch;

/* The task ordering of processes (runtime/csp_support.hpp, embedded). */
extern const char wspSimplerCspSupport[];

/* Write-after-read edges: simpler's TensorMap orders a task after the earlier
   writers of what it reads or writes (inputs and inouts look them up), never
   after earlier readers. wsp keeps readers as inputs, so they run in
   parallel, and gives each writer an explicit dependency on the live
   readers whose box it overlaps (docs/dependencies.md). Readers are kept
   per buffer, so a write scans only the readers of its own buffer. A view's box is
   recovered from its start_offset and strides (views of a row-major root,
   the only ones wsp makes); a writer removes the readers its box covers,
   since later writers are ordered after it. */
static const char kWarSupport[] =
    "#include <unordered_map>\n"
    "#include <vector>\n"
    "\n"
    "namespace {\n"
    "\n"
    "class WspReaders {\n"
    " public:\n"
    "  // Records that `task` reads `t`.\n"
    "  void read(const ChipTensor& t, PTO2TaskId task) {\n"
    "    const Box b = box_of(t);\n"
    "    live_[b.addr].push_back(Entry{b, task});\n"
    "  }\n"
    "\n"
    "  // Appends the readers a write of `t` must wait for, and forgets those it covers.\n"
    "  void writer_deps(const ChipTensor& t, std::vector<PTO2TaskId>& out) {\n"
    "    const Box w = box_of(t);\n"
    "    auto it = live_.find(w.addr);\n"
    "    if (it == live_.end()) return;\n"
    "    std::vector<Entry>& live = it->second;\n"
    "    size_t keep = 0;\n"
    "    for (size_t i = 0; i < live.size(); ++i) {\n"
    "      const Entry& e = live[i];\n"
    "      if (overlaps(e.box, w)) out.push_back(e.task);\n"
    "      if (!covers(w, e.box)) live[keep++] = e;\n"
    "    }\n"
    "    live.resize(keep);\n"
    "  }\n"
    "\n"
    "  // As a table of writers (dispatch predicates): records that `task` writes `t`,\n"
    "  // forgetting the writers it covers (later tasks are ordered after it).\n"
    "  void wrote(const ChipTensor& t, PTO2TaskId task) {\n"
    "    std::vector<PTO2TaskId> covered;\n"
    "    writer_deps(t, covered);\n"
    "    read(t, task);\n"
    "  }\n"
    "\n"
    "  // Appends the recorded tasks whose box overlaps `t`, forgetting none.\n"
    "  void overlapping(const ChipTensor& t, std::vector<PTO2TaskId>& out) const {\n"
    "    auto it = live_.find(box_of(t).addr);\n"
    "    if (it == live_.end()) return;\n"
    "    for (const Entry& e : it->second)\n"
    "      if (overlaps(e.box, box_of(t))) out.push_back(e.task);\n"
    "  }\n"
    "\n"
    " private:\n"
    "  struct Box {\n"
    "    uint64_t addr;\n"
    "    uint32_t rank;\n"
    "    uint64_t lo[5], hi[5];\n"
    "  };\n"
    "  struct Entry {\n"
    "    Box box;\n"
    "    PTO2TaskId task;\n"
    "  };\n"
    "\n"
    "  static Box box_of(const ChipTensor& t) {\n"
    "    Box b{};\n"
    "    b.addr = (uint64_t)t.buffer.addr;\n"
    "    b.rank = t.ndims < 5 ? t.ndims : 5;\n"
    "    for (uint32_t d = 0; d < b.rank; ++d) {\n"
    "      const uint64_t stride = t.strides[d] ? t.strides[d] : 1;\n"
    "      uint64_t off = t.start_offset / stride;\n"
    "      if (d > 0 && t.strides[d - 1] >= stride) off %= t.strides[d - 1] / stride;\n"
    "      b.lo[d] = off;\n"
    "      b.hi[d] = off + t.shapes[d];\n"
    "    }\n"
    "    return b;\n"
    "  }\n"
    "  static bool overlaps(const Box& a, const Box& b) {\n"
    "    if (a.addr != b.addr) return false;\n"
    "    if (a.rank != b.rank) return true;  // not comparable: assume they overlap\n"
    "    for (uint32_t d = 0; d < a.rank; ++d)\n"
    "      if (a.hi[d] <= b.lo[d] || b.hi[d] <= a.lo[d]) return false;\n"
    "    return true;\n"
    "  }\n"
    "  static bool covers(const Box& outer, const Box& inner) {\n"
    "    if (outer.addr != inner.addr || outer.rank != inner.rank) return false;\n"
    "    for (uint32_t d = 0; d < outer.rank; ++d)\n"
    "      if (inner.lo[d] < outer.lo[d] || inner.hi[d] > outer.hi[d]) return false;\n"
    "    return true;\n"
    "  }\n"
    "\n"
    "  std::unordered_map<uint64_t, std::vector<Entry>> live_;  // per buffer\n"
    "};\n"
    "\n"
    "}  // namespace\n\n";

static SimplerOrch *orchOf(WspCppWriter *w) { return w->hookData; }
static MlirLocation loc(MlirOperation op) { return mlirOperationGetLocation(op); }
static WspHookResult failed(void) { return WSP_HOOK_FAILED; }

/* The position of argument `index` among the tensors (or the scalars) of
   the ChipTaskArgs: the runner passes every tensor before any scalar. */
size_t wspSimplerArgSlot(const WspEmitState *st, size_t index) {
  size_t slot = 0;
  for (size_t i = 0; i < index; ++i)
    slot += st->args[i].isTensor == st->args[index].isTensor ? 1 : 0;
  return slot;
}

/*===--- tensors ----------------------------------------------------------===*/

static WspHookResult emitExternal(WspCppWriter *w, MlirOperation op) {
  int64_t index = 0;
  wspAttrInt(op, "index", &index); /* checked by the analysis */
  const WspEmitArg *arg = &w->st->args[index];
  const char *name = wspCppDefine(w, mlirOperationGetResult(op, 0));
  size_t slot = wspSimplerArgSlot(w->st, (size_t)index);
  intptr_t rank = (intptr_t)mlirShapedTypeGetRank(arg->type);
  wspCppLine(w, "const ChipTensor& %s = orch_args.tensor(%zu).ref();  // %s", name, slot,
             arg->name);
  /* The runner's tensor must have the shape the program was compiled for:
     kernels index it with the compiled strides. */
  WspStringBuffer cond;
  wspStringBufferInit(&cond);
  wspStringBufferAppendf(&cond, "%s.ndims != %zd", name, rank);
  for (intptr_t d = 0; d < rank; ++d)
    wspStringBufferAppendf(&cond, " || %s.shapes[%zd] != %lld", name, d,
                           (long long)mlirShapedTypeGetDimSize(arg->type, d));
  WspStringBuffer shape;
  wspStringBufferInit(&shape);
  wspEmitAppendShape(&shape, arg->type);
  wspCppLine(w, "if (%s) {", cond.data);
  wspCppLine(w, "  rt_report_fatal(PTO2_ERROR_INVALID_ARGS, \"wsp: tensor argument '%s' must have "
                "shape %s (%s)\");", arg->name, shape.data, arg->dtype);
  wspCppLine(w, "  return;");
  wspCppLine(w, "}");
  wspStringBufferFree(&cond);
  wspStringBufferFree(&shape);
  return WSP_HOOK_DONE;
}

static WspHookResult emitAlloc(WspCppWriter *w, MlirOperation op) {
  WspEmitAlloc a;
  if (!wspEmitAllocShape(w, op, "uint32_t", UINT32_MAX,
                         " (each at most 2^32-1: ChipTensor shapes are uint32)", &a))
    return failed();
  wspCppLine(w, "TensorCreateInfo %s_ci(%s_shape, %zd, DataType::%s);", a.name, a.name, a.rank,
             a.runtimeType);
  wspCppLine(w, "TaskOutputTensors %s_alloc = alloc_tensors(%s_ci);", a.name, a.name);
  wspCppLine(w, "if (rt_is_fatal()) return;");
  wspCppLine(w, "ChipTensor %s = %s_alloc.get_ref(0);", a.name, a.name);
  free(a.dtype);
  return WSP_HOOK_DONE;
}

/* ChipTensor::view takes uint32 sizes and offsets. */
static WspHookResult emitView(WspCppWriter *w, MlirOperation op) {
  const char *name = NULL, *base = NULL;
  if (!wspEmitViewArrays(w, op, "uint32_t", &name, &base))
    return failed();
  wspCppLine(w, "ChipTensor %s = %s.view(%s_sizes, %s_offsets);", name, base, name, name);
  return WSP_HOOK_DONE;
}

/*===--- submits ----------------------------------------------------------===*/

static const char *const kAdd[] = {"add_scalar", "add_input", "add_output", "add_inout"};

/* simpler's PredicateOp names, by taskring.predicate's `op`. */
static const char *predicateOpName(MlirOperation pred) {
  static const char *const kOps[][2] = {{"eq", "EQ"}, {"ne", "NE"}, {"gt", "GT"},
                                        {"lt", "LT"}, {"ge", "GE"}, {"le", "LE"}};
  char *op = wspEmitStringAttr(pred, "op");
  const char *name = NULL;
  for (size_t i = 0; op && i < sizeof kOps / sizeof kOps[0]; ++i)
    if (strcmp(op, kOps[i][0]) == 0)
      name = kOps[i][1];
  free(op);
  return name;
}

/* CoreTaskArgs::set_predicate on the element view (its start_offset is the
   element: no indices). */
static bool emitPredicate(WspCppWriter *w, MlirOperation submit, MlirOperation pred,
                          const char *task, const char **element) {
  const char *op = predicateOpName(pred);
  int64_t target = 0;
  *element = wspCppUse(w, mlirOperationGetOperand(pred, 0), pred);
  if (!*element)
    return false;
  if (!op || !wspAttrInt(pred, "target", &target)) { /* caught by taskring-verify */
    wspEmitErrorf(w->st->context, loc(pred),
                  "'taskring.predicate' needs 'op' \"eq\", \"ne\", \"gt\", \"lt\", \"ge\" or "
                  "\"le\" and an integer 'target' (simpler's PredicateOp and int64 target); "
                  "run taskring-verify for the details");
    return false;
  }
  if (orchOf(w)->base.csp.inProcess) {
    wspEmitErrorf(w->st->context, loc(submit),
                  "'taskring.submit' with a dispatch predicate inside a process is not supported "
                  "by target simpler-6ebaf771 yet (the process does not track the element's "
                  "writers); submit the predicated task from the workload");
    return false;
  }
  wspCppLine(w, "CoreTaskPredicate %s_pred;", task);
  wspCppLine(w, "%s_pred.operand.tensor = &%s;", task, *element);
  wspCppLine(w, "%s_pred.operand.ndims = 0;  // the view starts at the element", task);
  wspCppLine(w, "%s_pred.op = PredicateOp::%s;", task, op);
  if (target == INT64_MIN) /* -9223372036854775808LL would not be a literal */
    wspCppLine(w, "%s_pred.target = INT64_MIN;", task);
  else
    wspCppLine(w, "%s_pred.target = %lldLL;", task, (long long)target);
  wspCppLine(w, "%s_args.set_predicate(%s_pred);", task, task);
  return true;
}

/* The task's explicit dependencies, the one array set_dependencies takes
   (once per CoreTaskArgs): the channel and credit edges of a process's task
   (docs/csp.md) and the write-after-read edges of a writer (kWarSupport).
   The TensorMap adds the read-after-write and write-after-write ones; with
   these, the task's dependencies order exactly the pairs of the task
   graph's hazard set (python/tests/test_edges.py). A dispatch predicate's
   producers (`predElement`: the writers of the element it reads, which
   simpler requires as dependencies) join the same array. */
static void emitExplicitDependencies(WspCppWriter *w, const char *name,
                                     const WspEmitParamInfo *params, size_t n,
                                     const char *predElement) {
  bool inProcess = orchOf(w)->base.csp.inProcess;
  bool writes = false;
  for (size_t i = 0; i < n; ++i)
    writes = writes || params[i].mode == WSP_MODE_OUT || params[i].mode == WSP_MODE_INOUT;
  if (!inProcess && !writes && !predElement)
    return;
  wspCppLine(w, "std::vector<PTO2TaskId> %s_deps%s;", name,
             inProcess ? " = wsp_csp.preds(wsp_self)" : "");
  for (size_t i = 0; i < n; ++i)
    if (params[i].mode == WSP_MODE_OUT || params[i].mode == WSP_MODE_INOUT)
      wspCppLine(w, "wsp_readers.writer_deps(%s, %s_deps);", params[i].name, name);
  if (predElement)
    wspCppLine(w, "wsp_writers.overlapping(%s, %s_deps);", predElement, name);
  wspCppLine(w, "if (!%s_deps.empty()) %s_args.set_dependencies(%s_deps.data(), "
                "(uint32_t)%s_deps.size());", name, name, name, name);
}

static WspHookResult emitSubmit(WspCppWriter *w, MlirOperation op) {
  const WspEmitKernel *k = NULL;
  if (!wspEmitCheckSubmit(w, op, &k))
    return failed();
  if (wspHasAttr(op, "wsp.serialized")) {
    wspEmitSubmitError(w, op, k->symName,
                       "wsp-lower-to-taskring{serialize=true} appends a token tensor the kernel "
                       "does not declare, and simpler passes every tensor before any scalar, "
                       "which would move the kernel's scalars; drop serialize=true for target "
                       "simpler-6ebaf771");
    return failed();
  }
  size_t n = wspEmitSubmitNumParams(op);
  MlirOperation pred = wspEmitSubmitPredicate(op);
  const char *predElement = NULL;
  WspEmitParamInfo *params = wspCalloc(n ? n : 1, sizeof(WspEmitParamInfo));
  bool ok = wspEmitCollectParams(w, op, k, params, n);
  char **bits = wspCalloc(n ? n : 1, sizeof(char *));
  for (size_t i = 0; i < n && ok; ++i)
    if (params[i].mode == WSP_MODE_SCALAR)
      ok = (bits[i] = wspCppBitsOf(w, params[i].value, op)) != NULL;
  if (ok) {
    MlirValue result = mlirOperationGetResult(op, 0);
    const char *name = wspCppDefine(w, result);
    wspCppLine(w, "CoreTaskArgs %s_args;", name);
    /* CoreTaskArgs takes every tensor before any scalar (the kernel's
       args[] has the same order). */
    for (size_t i = 0; i < n; ++i)
      if (params[i].mode != WSP_MODE_SCALAR)
        wspCppLine(w, "%s_args.%s(%s);", name, kAdd[params[i].mode], params[i].name);
    for (size_t i = 0; i < n; ++i)
      if (params[i].mode == WSP_MODE_SCALAR)
        wspCppLine(w, "%s_args.add_scalar((uint64_t)(%s));", name, bits[i]);
    /* (on failure the rest is printed but never written) */
    ok = mlirOperationIsNull(pred) || emitPredicate(w, op, pred, name, &predElement);
    bool inProcess = orchOf(w)->base.csp.inProcess;
    bool reads = false;
    for (size_t i = 0; i < n; ++i)
      reads = reads || params[i].mode == WSP_MODE_IN;
    emitExplicitDependencies(w, name, params, n, predElement);
    if (inProcess)
      wspCppLine(w, "wsp_csp.count_task();");
    wspCppLine(w, "[[maybe_unused]] TaskOutputTensors %s_out = rt_submit_%s_task(%lld, %s_args);  // %s", name,
               k->cube ? "aic" : "aiv", (long long)k->funcId, name, k->name);
    if (inProcess) {
      wspCppLine(w, "if (rt_is_fatal()) {");
      wspCppLine(w, "  wsp_csp.failed = true;");
      wspCppLine(w, "  return;");
      wspCppLine(w, "}");
      wspCppLine(w, "[[maybe_unused]] const int64_t %s = wsp_csp.submitted_task(wsp_self, "
                    "%s_out.task_id());", name, name);
    } else {
      wspCppLine(w, "if (rt_is_fatal()) return;");
      /* The handle numbers the task for dispatch comments and sequences. */
      wspCppLine(w, "[[maybe_unused]] const int64_t %s = wsp_submitted++;", name);
    }
    for (size_t i = 0; i < n && reads; ++i)
      if (params[i].mode == WSP_MODE_IN)
        wspCppLine(w, "wsp_readers.read(%s, %s_out.task_id());", params[i].name, name);
    if (predElement)
      wspCppLine(w, "wsp_readers.read(%s, %s_out.task_id());", predElement, name);
    for (size_t i = 0; i < n && orchOf(w)->predicates && !inProcess; ++i)
      if (params[i].mode == WSP_MODE_OUT || params[i].mode == WSP_MODE_INOUT)
        wspCppLine(w, "wsp_writers.wrote(%s, %s_out.task_id());", params[i].name, name);
  }
  for (size_t i = 0; i < n; ++i)
    free(bits[i]);
  free(bits);
  free(params);
  return ok ? WSP_HOOK_DONE : failed();
}

/*===--- edges, scopes and what the shared printer asks of the target -----===*/

/* An op this target does not print yet: a located error with the reason. */
static WspHookResult unsupported(WspCppWriter *w, MlirOperation op, const char *why) {
  char name[64];
  wspEmitErrorf(w->st->context, loc(op), "'%s' is not supported by target simpler-6ebaf771 yet: %s",
                wspEmitOpName(op, name, sizeof name), why);
  return failed();
}

static WspHookResult emitEdge(WspCppWriter *w, MlirOperation op) {
  return unsupported(w, op,
                     "explicit edges need the successor's dependencies before its submit "
                     "(CoreTaskArgs::set_dependencies); use target pto-runtime-41d5c94a with "
                     "host_build_graph");
}

static WspHookResult emitScope(WspCppWriter *w, bool begin) {
  wspCppLine(w, begin ? "rt_scope_begin();" : "rt_scope_end();");
  return WSP_HOOK_DONE;
}

/* The expression of argument `index`'s raw bits: its slot among the scalars. */
static void argumentBits(const WspEmitState *st, size_t index, char *buffer, size_t size) {
  snprintf(buffer, size, "orch_args.scalar(%zu)", wspSimplerArgSlot(st, index));
}

static void processPrologue(WspCppWriter *w) {
  wspCppLine(w, "[[maybe_unused]] WspReaders& wsp_readers = *wsp_csp.readers;");
}

static const char *failReturn(WspCppWriter *w) {
  (void)w;
  return "return;";
}

static const WspEmitOrchTarget kPrinters = {
    .external = emitExternal, .alloc = emitAlloc, .view = emitView, .submit = emitSubmit,
    .edge = emitEdge, .scope = emitScope, .argumentBits = argumentBits,
    .processPrologue = processPrologue, .failReturn = failReturn,
    .runtimeInComments = "simpler 6ebaf771", .predicateInSubmit = true};

/*===--- the file ---------------------------------------------------------===*/

static void appendHeader(WspStringBuffer *b, const WspEmitState *st) {
  wspEmitOrchestrationBanner(b, st);
  wspStringBufferAppendStr(b, "// orch_args (every tensor before any scalar, as the runner passes "
                              "them):\n");
  for (size_t i = 0; i < st->numArgs; ++i) {
    const WspEmitArg *a = &st->args[i];
    wspStringBufferAppendf(b, "//   %s(%zu) %s: %s %s", a->isTensor ? "tensor" : "scalar",
                           wspSimplerArgSlot(st, i), a->name, a->dtype,
                           a->isTensor ? "tensor " : "scalar");
    if (a->isTensor)
      wspEmitAppendShape(b, a->type);
    if (a->isSymbol)
      wspStringBufferAppendStr(b, " (host symbol)");
    if (a->isScratch)
      wspStringBufferAppendStr(b, " (scratch: an intermediate, zeros from the runner)");
    wspStringBufferAppendStr(b, "\n");
  }
  wspStringBufferAppendStr(b, "#include <stdint.h>\n#include <cmath>\n#include <cstring>\n\n"
                              "#include \"pto_orchestration_api.h\"\n\n");
  wspStringBufferAppendStr(b, wspCppPrelude);
  wspStringBufferAppendStr(b, "\n");
  wspStringBufferAppendStr(b, kWarSupport);
}

/* The config function and the entry's first line. */
static void appendEntry(WspStringBuffer *b, const WspEmitState *st) {
  wspStringBufferAppendf(b,
                         "extern \"C\" {\n\n"
                         "__attribute__((visibility(\"default\")))\n"
                         "PTO2OrchestrationConfig aicpu_orchestration_config(const ChipTaskArgs& "
                         "orch_args) {\n"
                         "  (void)orch_args;\n"
                         "  PTO2OrchestrationConfig config{};\n"
                         "  config.expected_arg_count = %zu;\n"
                         "  return config;\n}\n\n"
                         "__attribute__((visibility(\"default\")))\n"
                         "void aicpu_orchestration_entry(const ChipTaskArgs& orch_args) {\n",
                         st->numArgs);
}

/* The support code, declarations and every process function. */
static bool appendCsp(WspStringBuffer *file, WspEmitOrch *o) {
  if (o->csp.numProcesses == 0)
    return true;
  wspEmitCspSupport(file, "ChipTensor", wspSimplerCspSupport);
  return wspEmitProcessFunctions(file, o);
}

static MlirWalkResult findPredicate(MlirOperation op, void *userData) {
  if (!wspEmitOpIs(op, "taskring.predicate"))
    return MlirWalkResultAdvance;
  *(bool *)userData = true;
  return MlirWalkResultInterrupt;
}

bool wspSimplerOrchestration(WspEmitState *st) {
  SimplerOrch o = {.predicates = false};
  wspEmitOrchInit(&o.base, st, &kPrinters);
  mlirOperationWalk(st->orchFunc, findPredicate, &o.predicates, MlirWalkPreOrder);
  bool processes = o.base.csp.numProcesses > 0;
  WspStringBuffer file, body;
  wspStringBufferInit(&file);
  wspStringBufferInit(&body);
  appendHeader(&file, st);
  bool cspOk = appendCsp(&file, &o.base);
  appendEntry(&file, st);
  WspCppWriter w;
  wspCppWriterInit(&w, st, &body, "orchestration", wspEmitOrchestrationOp, &o);
  wspCppLine(&w, "[[maybe_unused]] int64_t wsp_submitted = 0;  // task handles: submission order");
  wspCppLine(&w, "[[maybe_unused]] WspReaders wsp_readers;  // write-after-read edges");
  if (o.predicates)
    wspCppLine(&w, "WspReaders wsp_writers;  // the live writers: dispatch predicates' producers");
  wspEmitScalarArgs(&w);
  if (processes)
    wspCppLine(&w, "WspCsp wsp_csp(%lld, &wsp_readers);  // processes and channels (docs/csp.md)",
               (long long)st->taskWindow);
  bool ok = cspOk && wspCppEmitBlock(&w, wspFuncEntryBlock(st->orchFunc));
  if (ok && processes) {
    wspCppLine(&w, "// The workload has run to its end: now the processes it spawned.");
    wspCppLine(&w, "if (!wsp_csp.run()) return;");
  }
  wspCppWriterFree(&w);
  if (ok) {
    wspEmitSequenceCounters(&file, &o.base);
    wspStringBufferAppend(&file, body.data ? body.data : "", body.length);
    wspStringBufferAppendStr(&file, "}\n\n}  // extern \"C\"\n");
    wspEmitAddOrchestrationFile(st, &file);
  }
  wspEmitOrchFree(&o.base);
  wspStringBufferFree(&file);
  wspStringBufferFree(&body);
  return ok;
}
