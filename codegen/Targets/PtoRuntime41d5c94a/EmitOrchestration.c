/* Prints the orchestration C++ of an artifact from the orchestration
   function: one runtime call per taskring op (docs/artifact.md).
   tensormap_and_ringbuffer: aicpu_orchestration_entry with PTO2 calls; the
   TensorMap derives dependencies from the params' modes.
   host_build_graph: <workload>_build_graph with add_task calls; device copies
   of the tensor arguments, and a hazard tracker (written into the file) that
   turns tensor accesses into add_successor edges. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "EmitInternal.h"
#include "PtoRuntime41d5c94a.h"
#include "IRUtil.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "wsp-c/Diagnostics.h"

/* The host_build_graph support code every HBG orchestration carries. */
static const char kHbgSupport[] =
    "namespace {\n"
    "\n"
    "constexpr int kWspMaxRank = 5;\n"
    "constexpr int kWspMaxFanout = 512;  // RUNTIME_MAX_FANOUT: add_successor drops edges beyond it\n"    "constexpr int kWspReduceBudget = 4096;  // ancestors reduce() walks per task\n"
    "\n"
    "// A tensor as the orchestration sees it: the device buffer of its root (an\n"
    "// argument or an allocation), the root's shape, and the box this view covers.\n"
    "struct WspTensor {\n"
    "  char* base;\n"
    "  int root;\n"
    "  int rank;\n"
    "  uint64_t elem_size;\n"
    "  uint64_t root_shape[kWspMaxRank];\n"
    "  uint64_t offsets[kWspMaxRank];\n"
    "  uint64_t sizes[kWspMaxRank];\n"
    "};\n"
    "\n"
    "// Row-major stride of dimension d, in elements.\n"
    "static inline uint64_t wsp_stride(const WspTensor& t, int d) {\n"
    "  uint64_t s = 1;\n"
    "  for (int k = d + 1; k < t.rank; ++k) s *= t.root_shape[k];\n"
    "  return s;\n"
    "}\n"
    "\n"
    "// Device address of the view's first element.\n"
    "static inline uint64_t wsp_addr(const WspTensor& t) {\n"
    "  uint64_t e = 0;\n"
    "  for (int d = 0; d < t.rank; ++d) e += t.offsets[d] * wsp_stride(t, d);\n"
    "  return reinterpret_cast<uint64_t>(t.base + e * t.elem_size);\n"
    "}\n"
    "\n"
    "static inline WspTensor wsp_view(const WspTensor& t, const uint64_t sizes[], const uint64_t "
    "offsets[]) {\n"
    "  WspTensor v = t;\n"
    "  for (int d = 0; d < t.rank; ++d) {\n"
    "    v.offsets[d] = t.offsets[d] + offsets[d];\n"
    "    v.sizes[d] = sizes[d];\n"
    "  }\n"
    "  return v;\n"
    "}\n"
    "\n"
    "enum WspAccessMode { WSP_READ = 1, WSP_WRITE = 2 };\n"
    "struct WspUse {\n"
    "  const WspTensor* tensor;\n"
    "  int mode;\n"
    "};\n"
    "\n"
    "// host_build_graph has only explicit edges. WspGraph keeps, per root tensor,\n"
    "// the live accesses (task, box, read or write) and finds for each new task\n"
    "// every earlier task it has a hazard with: a read waits for the overlapping\n"
    "// writers (RAW), a write for the overlapping writers and readers (WAW, WAR).\n"
    "// A write removes the accesses its box covers: later tasks reach them\n"
    "// through the writer, so the lists stay short whatever the loops do at run\n"
    "// time. Of those predecessors only the ones no other predecessor already\n"
    "// reaches get an add_successor edge (the transitive reduction; see reduce()),\n"
    "// so the graph orders exactly the same pairs with fewer edges.\n"
    "class WspGraph {\n"
    " public:\n"
    "  explicit WspGraph(Runtime* rt) : rt_(rt) {}\n"
    "\n"
    "  // A device copy of a host tensor argument. Every argument is uploaded,\n"
    "  // written ones too: elements no task writes keep their host values.\n"
    "  WspTensor external(uint64_t host, const uint64_t shape[], int rank, uint64_t elem_size,\n"
    "                     bool copy_back) {\n"
    "    WspTensor t = make(shape, rank, elem_size);\n"
    "    if (!t.base) return t;\n"
    "    void* h = reinterpret_cast<void*>(host);\n"
    "    rt_->host_api.copy_to_device(t.base, h, bytes(t));\n"
    "    if (copy_back) rt_->record_tensor_pair(h, t.base, bytes(t));\n"
    "    return t;\n"
    "  }\n"
    "\n"
    "  // An intermediate: device memory that lives until the device is finalized.\n"
    "  WspTensor alloc(const uint64_t shape[], int rank, uint64_t elem_size) {\n"
    "    return make(shape, rank, elem_size);\n"
    "  }\n"
    "\n"
    "  // Adds the edges task `task` needs, then records its accesses. `extra`:\n"
    "  // further predecessors (a process task's channel and credit edges).\n"
    "  bool submit(int task, const WspUse uses[], int n, std::vector<int> extra = {}) {\n"
    "    std::vector<int> preds;\n"
    "    for (int p : extra)\n"
    "      if (std::find(preds.begin(), preds.end(), p) == preds.end()) preds.push_back(p);\n"
    "    for (int i = 0; i < n; ++i) {\n"
    "      const Entry probe = box(task, uses[i]);\n"
    "      const std::vector<Entry>& live = roots_[uses[i].tensor->root];\n"
    "      const int rank = uses[i].tensor->rank;\n"
    "      for (size_t j = 0; j < live.size(); ++j)\n"
    "        if ((probe.write || live[j].write) && overlaps(live[j], probe, rank) &&\n"
    "            !shadowed(live, j, probe, rank) &&\n"
    "            std::find(preds.begin(), preds.end(), live[j].task) == preds.end())\n"
    "          preds.push_back(live[j].task);\n"
    "    }\n"
    "    reduce(preds);\n"
    "    if (preds_.size() <= static_cast<size_t>(task)) preds_.resize(task + 1);\n"
    "    preds_[task] = preds;\n"
    "    for (int p : preds) {\n"
    "      if (fanout_.size() <= static_cast<size_t>(p)) fanout_.resize(p + 1, 0);\n"
    "      if (++fanout_[p] > kWspMaxFanout) {\n"
    "        fprintf(stderr, \"wsp: task %d would need more than %d successors \"\n"
    "                \"(host_build_graph RUNTIME_MAX_FANOUT)\\n\", p, kWspMaxFanout);\n"
    "        return false;\n"
    "      }\n"
    "      rt_->add_successor(p, task);\n"
    "    }\n"
    "    for (int i = 0; i < n; ++i) {\n"
    "      const Entry e = box(task, uses[i]);\n"
    "      std::vector<Entry>& live = roots_[uses[i].tensor->root];\n"
    "      if (e.write)\n"
    "        live.erase(std::remove_if(live.begin(), live.end(),\n"
    "                                  [&](const Entry& old) { return covers(e, old, "
    "uses[i].tensor->rank); }),\n"
    "                   live.end());\n"
    "      live.push_back(e);\n"
    "    }\n"
    "    return true;\n"
    "  }\n"
    "\n"
    " private:\n"
    "  // Drops the predecessors another predecessor reaches. Newest first: each\n"
    "  // kept one marks its ancestors (walking the edges already added, down to\n"
    "  // the oldest candidate), and a marked candidate needs no edge. The walk\n"
    "  // has a budget per task; past it the remaining candidates keep their\n"
    "  // edges (implied ones, never missing ones), so the cost stays linear.\n"
    "  void reduce(std::vector<int>& preds) {\n"
    "    if (preds.size() < 2) return;\n"
    "    std::sort(preds.begin(), preds.end(), [](int a, int b) { return a > b; });\n"
    "    const int lo = preds.back();\n"
    "    if (mark_.size() < preds_.size()) mark_.resize(preds_.size(), 0);\n"
    "    if (++epoch_ == 0) {  // wrapped: clear the old marks\n"
    "      std::fill(mark_.begin(), mark_.end(), 0u);\n"
    "      epoch_ = 1;\n"
    "    }\n"
    "    int budget = kWspReduceBudget;\n"
    "    std::vector<int> kept, stack;\n"
    "    for (int q : preds) {\n"
    "      if (static_cast<size_t>(q) < mark_.size() && mark_[q] == epoch_) continue;\n"
    "      kept.push_back(q);\n"
    "      stack.assign(1, q);\n"
    "      while (!stack.empty() && budget > 0) {\n"
    "        const int x = stack.back();\n"
    "        stack.pop_back();\n"
    "        if (static_cast<size_t>(x) >= preds_.size()) continue;\n"
    "        for (int y : preds_[x]) {\n"
    "          if (y < lo || mark_[y] == epoch_) continue;\n"
    "          mark_[y] = epoch_;\n"
    "          stack.push_back(y);\n"
    "          --budget;\n"
    "        }\n"
    "      }\n"
    "    }\n"
    "    std::sort(kept.begin(), kept.end());\n"
    "    preds.swap(kept);\n"
    "  }\n"
    "\n"
    "  struct Entry {\n"
    "    int task;\n"
    "    bool write;\n"
    "    uint64_t lo[kWspMaxRank], hi[kWspMaxRank];\n"
    "  };\n"
    "\n"
    "  static uint64_t bytes(const WspTensor& t) {\n"
    "    uint64_t n = t.elem_size;\n"
    "    for (int d = 0; d < t.rank; ++d) n *= t.root_shape[d];\n"
    "    return n;\n"
    "  }\n"
    "\n"
    "  WspTensor make(const uint64_t shape[], int rank, uint64_t elem_size) {\n"
    "    WspTensor t{};\n"
    "    t.rank = rank;\n"
    "    t.elem_size = elem_size;\n"
    "    for (int d = 0; d < rank; ++d) t.root_shape[d] = t.sizes[d] = shape[d];\n"
    "    t.base = static_cast<char*>(rt_->host_api.device_malloc(bytes(t)));\n"
    "    if (!t.base) {\n"
    "      fprintf(stderr, \"wsp: device_malloc(%llu) failed\\n\", (unsigned long long)bytes(t));\n"
    "      return t;\n"
    "    }\n"
    "    t.root = static_cast<int>(roots_.size());\n"
    "    roots_.emplace_back();\n"
    "    return t;\n"
    "  }\n"
    "\n"
    "  static Entry box(int task, const WspUse& u) {\n"
    "    Entry e{};\n"
    "    e.task = task;\n"
    "    e.write = (u.mode & WSP_WRITE) != 0;\n"
    "    for (int d = 0; d < u.tensor->rank; ++d) {\n"
    "      e.lo[d] = u.tensor->offsets[d];\n"
    "      e.hi[d] = u.tensor->offsets[d] + u.tensor->sizes[d];\n"
    "    }\n"
    "    return e;\n"
    "  }\n"
    "\n"
    "  static bool overlaps(const Entry& a, const Entry& b, int rank) {\n"
    "    for (int d = 0; d < rank; ++d)\n"
    "      if (a.hi[d] <= b.lo[d] || b.hi[d] <= a.lo[d]) return false;\n"
    "    return true;\n"
    "  }\n"
    "\n"
    "  // Entry j needs no edge when a later write covers the part the probe\n"
    "  // shares with it: that writer already waits for entry j (it overlapped\n"
    "  // it), and the new task will wait for the writer.\n"
    "  static bool shadowed(const std::vector<Entry>& live, size_t j, const Entry& probe, int rank) {\n"
    "    Entry cut = live[j];\n"
    "    for (int d = 0; d < rank; ++d) {\n"
    "      cut.lo[d] = std::max(cut.lo[d], probe.lo[d]);\n"
    "      cut.hi[d] = std::min(cut.hi[d], probe.hi[d]);\n"
    "    }\n"
    "    for (size_t k = j + 1; k < live.size(); ++k)\n"
    "      if (live[k].write && covers(live[k], cut, rank)) return true;\n"
    "    return false;\n"
    "  }\n"
    "\n"
    "  static bool covers(const Entry& outer, const Entry& inner, int rank) {\n"
    "    for (int d = 0; d < rank; ++d)\n"
    "      if (inner.lo[d] < outer.lo[d] || inner.hi[d] > outer.hi[d]) return false;\n"
    "    return true;\n"
    "  }\n"
    "\n"
    "  Runtime* rt_;\n"
    "  std::vector<std::vector<Entry>> roots_;\n"
    "  std::vector<int> fanout_;\n"
    "  std::vector<std::vector<int>> preds_;  // per task: the edges added to it\n"
    "  std::vector<uint32_t> mark_;           // reduce(): ancestor marks, by epoch\n"
    "  uint32_t epoch_ = 0;\n"
    "};\n"
    "\n"
    "}  // namespace\n";

/*===--- shared facts -----------------------------------------------------===*/

/* The task ordering of processes (runtime/csp_support.hpp, embedded). */
extern const char wspPtoRuntimeCspSupport[];

static WspEmitOrch *orchOf(WspCppWriter *w) { return w->hookData; }
static bool isTmr(WspCppWriter *w) { return w->st->flavor == WSP_FLAVOR_TMR; }
static bool hasCsp(WspCppWriter *w) { return orchOf(w)->csp.numProcesses > 0; }

/* How generated code leaves its function after a reported failure. */
static const char *failReturn(WspCppWriter *w) {
  return orchOf(w)->csp.inProcess || isTmr(w) ? "return;" : "return -1;";
}
static MlirLocation loc(MlirOperation op) { return mlirOperationGetLocation(op); }

/*===--- tensors ----------------------------------------------------------===*/

static WspHookResult failed(void) { return WSP_HOOK_FAILED; }

static WspHookResult emitExternal(WspCppWriter *w, MlirOperation op) {
  int64_t index = 0;
  wspAttrInt(op, "index", &index); /* checked by the analysis */
  const WspEmitArg *arg = &w->st->args[index];
  const char *name = wspCppDefine(w, mlirOperationGetResult(op, 0));
  if (!isTmr(w)) {
    wspCppLine(w, "WspTensor %s = wsp_arg%lld;", name, (long long)index);
    return WSP_HOOK_DONE;
  }
  WspStringBuffer shape;
  wspStringBufferInit(&shape);
  intptr_t rank = (intptr_t)mlirShapedTypeGetRank(arg->type);
  for (intptr_t d = 0; d < rank; ++d)
    wspStringBufferAppendf(&shape, "%s%lld", d ? ", " : "",
                           (long long)mlirShapedTypeGetDimSize(arg->type, d));
  wspCppLine(w, "uint64_t %s_shape[] = {%s};", name, shape.data);
  wspCppLine(w,
             "Tensor %s = make_tensor_external((void*)(uintptr_t)args[%lld], %s_shape, %zd, "
             "DataType::%s);",
             name, (long long)index, name, rank, wspEmitRuntimeDataType(arg->dtype));
  wspStringBufferFree(&shape);
  return WSP_HOOK_DONE;
}

static WspHookResult emitAlloc(WspCppWriter *w, MlirOperation op) {
  WspEmitAlloc a;
  if (!wspEmitAllocShape(w, op, "uint64_t", INT64_MAX, "", &a))
    return failed();
  if (isTmr(w)) {
    wspCppLine(w, "Tensor %s = make_tensor(%s_shape, %zd, DataType::%s);", a.name, a.name, a.rank,
               a.runtimeType);
  } else {
    wspCppLine(w, "WspTensor %s = wsp.alloc(%s_shape, %zd, %u);", a.name, a.name, a.rank,
               wspEmitDataTypeSize(a.dtype));
    wspCppLine(w, "if (!%s.base) %s", a.name, failReturn(w));
  }
  free(a.dtype);
  return WSP_HOOK_DONE;
}

static WspHookResult emitView(WspCppWriter *w, MlirOperation op) {
  const char *name = NULL, *base = NULL;
  if (!wspEmitViewArrays(w, op, "uint64_t", &name, &base))
    return failed();
  if (isTmr(w))
    wspCppLine(w, "Tensor %s = %s.view(%s_sizes, %s_offsets);", name, base, name, name);
  else
    wspCppLine(w, "WspTensor %s = wsp_view(%s, %s_sizes, %s_offsets);", name, base, name, name);
  return WSP_HOOK_DONE;
}

/*===--- submits ----------------------------------------------------------===*/

/* Whether a task handle is named by a taskring.send (its task then writes
   a done slot the send's token task reads). */
static bool feedsSend(MlirValue task) {
  for (MlirOpOperand use = mlirValueGetFirstUse(task); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use))
    if (wspEmitOpIs(mlirOpOperandGetOwner(use), "taskring.send"))
      return true;
  return false;
}

static const char *const kMakeParam[] = {"make_scalar_param", "make_input_param",
                                         "make_output_param", "make_inout_param"};

static bool emitSubmitTmr(WspCppWriter *w, MlirOperation op, const WspEmitKernel *k,
                          const WspEmitParamInfo *params, size_t n) {
  WspStringBuffer list;
  wspStringBufferInit(&list);
  bool ok = true;
  for (size_t i = 0; i < n && ok; ++i) {
    char *arg = params[i].mode == WSP_MODE_SCALAR
                    ? wspCppBitsOf(w, params[i].value, op)
                    : wspStrdup(params[i].name);
    ok = arg != NULL;
    if (ok)
      wspStringBufferAppendf(&list, "%s%s(%s)", i ? ", " : "", kMakeParam[params[i].mode], arg);
    free(arg);
  }
  if (ok && orchOf(w)->csp.inProcess) {
    /* The CSP support appends the channel token, credit and done params
       (docs/csp.md); the handle numbers the task's done slot. */
    MlirValue result = mlirOperationGetResult(op, 0);
    const char *name = wspCppDefine(w, result);
    char *where = wspEmitLocationString(loc(op));
    wspCppLine(w, "const int64_t %s = wsp_submitted++;", name);
    wspCppLine(w, "PTOParam %s_params[kWspCspMaxParams] = {%s};", name, list.data);
    wspCppLine(w, "const int %s_n = wsp_csp.sync_params(wsp_self, %s_params, %zu, %s, %s, \"%s\");",
               name, name, n, name, feedsSend(result) ? "true" : "false", where);
    wspCppLine(w, "if (%s_n < 0) return;", name);
    wspCppLine(w, "pto2_rt_submit_task(rt, %lld, %s, %s_params, %s_n);  // %s", (long long)k->funcId,
               k->cube ? "PTO2_WORKER_CUBE" : "PTO2_WORKER_VECTOR", name, name, k->name);
    free(where);
  } else if (ok) {
    const char *name = wspCppDefine(w, mlirOperationGetResult(op, 0));
    if (n)
      wspCppLine(w, "PTOParam %s_params[] = {%s};", name, list.data);
    else
      wspCppLine(w, "PTOParam* %s_params = nullptr;", name);
    wspCppLine(w, "pto2_rt_submit_task(rt, %lld, %s, %s_params, %zu);  // %s", (long long)k->funcId,
               k->cube ? "PTO2_WORKER_CUBE" : "PTO2_WORKER_VECTOR", name, n, k->name);
    /* The handle only names the task for dispatch comments: C++ never reads it. */
    wspCppLine(w, "[[maybe_unused]] const int64_t %s = wsp_submitted++;", name);
  }
  wspStringBufferFree(&list);
  return ok;
}

/* host_build_graph kernel ABI (docs/artifact.md): per tensor param the
   device address of the view's first element, then the row-major strides
   (in elements) of every dimension but the last; per scalar its u64 bits. */
static bool emitSubmitHbg(WspCppWriter *w, MlirOperation op, const WspEmitKernel *k,
                          const WspEmitParamInfo *params, size_t n) {
  WspStringBuffer args, uses;
  wspStringBufferInit(&args);
  wspStringBufferInit(&uses);
  size_t numArgs = 0, numUses = 0;
  bool ok = true;
  for (size_t i = 0; i < n && ok; ++i) {
    const WspEmitParamInfo *p = &params[i];
    if (p->mode == WSP_MODE_SCALAR) {
      char *bits = wspCppBitsOf(w, p->value, op);
      ok = bits != NULL;
      if (ok)
        wspStringBufferAppendf(&args, "%s%s", numArgs++ ? ", " : "", bits);
      free(bits);
      continue;
    }
    wspStringBufferAppendf(&args, "%swsp_addr(%s)", numArgs++ ? ", " : "", p->name);
    for (intptr_t d = 0; d + 1 < p->rank; ++d, ++numArgs)
      wspStringBufferAppendf(&args, ", wsp_stride(%s, %zd)", p->name, d);
    wspStringBufferAppendf(&uses, "%s{&%s, %s}", numUses++ ? ", " : "", p->name,
                           p->mode == WSP_MODE_IN    ? "WSP_READ"
                           : p->mode == WSP_MODE_OUT ? "WSP_WRITE"
                                                     : "WSP_READ | WSP_WRITE");
  }
  if (ok && numArgs > WSP_EMIT_MAX_TASK_PARAMS)
    ok = wspEmitSubmitError(w, op, k->symName,
                     "needs %zu add_task arguments (a pointer and rank-1 strides per tensor, one "
                     "per scalar); host_build_graph takes at most %d",
                     numArgs, WSP_EMIT_MAX_TASK_PARAMS);
  if (ok) {
    const char *name = wspCppDefine(w, mlirOperationGetResult(op, 0));
    if (numArgs)
      wspCppLine(w, "uint64_t %s_args[] = {%s};", name, args.data);
    else
      wspCppLine(w, "uint64_t* %s_args = nullptr;", name);
    wspCppLine(w, "const int %s = rt->add_task(%s_args, %zu, %lld, %s);  // %s", name, name,
               numArgs, (long long)k->funcId, k->cube ? "CoreType::AIC" : "CoreType::AIV",
               k->name);
    if (strcmp(k->impl, "builtin") == 0) {
      /* The alloc kernel does nothing here (device_malloc already gave the
         tensor its memory): ordering other tasks after it would only add
         edges, and fan-out, to a no-op. */
      wspCppLine(w, "if (%s < 0) %s  // builtin: no hazards to track", name, failReturn(w));
    } else {
      if (numUses)
        wspCppLine(w, "const WspUse %s_uses[] = {%s};", name, uses.data);
      if (orchOf(w)->csp.inProcess) { /* plus the channel and credit edges (docs/csp.md) */
        wspCppLine(w, "if (%s < 0 || !wsp.submit(%s, %s%s, %zu, wsp_csp.preds(wsp_self))) {", name,
                   name, numUses ? name : "nullptr", numUses ? "_uses" : "", numUses);
        wspCppLine(w, "  wsp_csp.failed = true;");
        wspCppLine(w, "  return;");
        wspCppLine(w, "}");
        wspCppLine(w, "wsp_csp.submitted_task(wsp_self, %s);", name);
      } else {
        wspCppLine(w, "if (%s < 0 || !wsp.submit(%s, %s%s, %zu)) return -1;", name, name,
                   numUses ? name : "nullptr", numUses ? "_uses" : "", numUses);
      }
    }
  }
  wspStringBufferFree(&args);
  wspStringBufferFree(&uses);
  return ok;
}

static WspHookResult emitSubmit(WspCppWriter *w, MlirOperation op) {
  const WspEmitKernel *k = NULL;
  if (!wspEmitCheckSubmit(w, op, &k))
    return failed();
  size_t n = (size_t)mlirOperationGetNumOperands(op);
  WspEmitParamInfo *params = wspCalloc(n ? n : 1, sizeof(WspEmitParamInfo));
  bool ok = wspEmitCollectParams(w, op, k, params, n) &&
            (isTmr(w) ? emitSubmitTmr(w, op, k, params, n) : emitSubmitHbg(w, op, k, params, n));
  free(params);
  return ok ? WSP_HOOK_DONE : failed();
}

/*===--- edges, scopes and what the shared printer asks of the target -----===*/

static WspHookResult emitEdge(WspCppWriter *w, MlirOperation op) {
  if (isTmr(w)) {
    wspEmitErrorf(w->st->context, loc(op),
                  "'taskring.edge' has no tensormap_and_ringbuffer call at 41d5c94a (no "
                  "explicit-edge API): dependencies must come from param modes");
    return failed();
  }
  const char *from = wspCppUse(w, mlirOperationGetOperand(op, 0), op);
  const char *to = wspCppUse(w, mlirOperationGetOperand(op, 1), op);
  if (!from || !to)
    return failed();
  wspCppLine(w, "rt->add_successor(%s, %s);", from, to);
  return WSP_HOOK_DONE;
}

static WspHookResult emitScope(WspCppWriter *w, bool begin) {
  if (isTmr(w))
    wspCppLine(w, "pto2_rt_scope_%s(rt);", begin ? "begin" : "end");
  else
    wspCppLine(w, "// scope %s: host_build_graph has no scopes", begin ? "begin" : "end");
  return WSP_HOOK_DONE;
}

/* The expression of args[index]'s raw bits: the runner passes u64 values. */
static void argumentBits(const WspEmitState *st, size_t index, char *buffer, size_t size) {
  (void)st;
  snprintf(buffer, size, "args[%zu]", index);
}

static void processPrologue(WspCppWriter *w) {
  wspCppLine(w, "[[maybe_unused]] WspCspRuntime* rt = wsp_csp.rt;");
  if (isTmr(w))
    wspCppLine(w, "[[maybe_unused]] int64_t& wsp_submitted = wsp_csp.submitted;");
  else
    wspCppLine(w, "[[maybe_unused]] WspGraph& wsp = *wsp_csp.graph;");
}

static const WspEmitOrchTarget kPrinters = {
    .external = emitExternal, .alloc = emitAlloc, .view = emitView, .submit = emitSubmit,
    .edge = emitEdge, .scope = emitScope, .argumentBits = argumentBits,
    .processPrologue = processPrologue, .failReturn = failReturn,
    .runtimeInComments = "the pinned runtime", .predicateInSubmit = false};

/*===--- the file ---------------------------------------------------------===*/

static void appendArgComment(WspStringBuffer *b, const WspEmitState *st) {
  for (size_t i = 0; i < st->numArgs; ++i) {
    const WspEmitArg *a = &st->args[i];
    wspStringBufferAppendf(b, "//   args[%zu] %s: ", i, a->name);
    if (!a->isTensor) {
      wspStringBufferAppendf(b, "%s scalar%s\n", a->dtype, a->isSymbol ? " (host symbol)" : "");
      continue;
    }
    wspStringBufferAppendf(b, "%s tensor [", a->dtype);
    for (int64_t d = 0; d < mlirShapedTypeGetRank(a->type); ++d)
      wspStringBufferAppendf(b, "%s%lld", d ? ", " : "",
                             (long long)mlirShapedTypeGetDimSize(a->type, (intptr_t)d));
    static const char *const kAccess[] = {"unused", "read", "written", "read and written"};
    wspStringBufferAppendf(b, "], %s", kAccess[a->access & 3]);
    if (a->initOf >= 0)
      wspStringBufferAppendf(b, "; initial contents of '%s'", st->args[a->initOf].name);
    if (a->isScratch)
      wspStringBufferAppendStr(b, "; scratch: an intermediate, zeros from the runner");
    wspStringBufferAppendStr(b, "\n");
  }
}

static void appendHeader(WspStringBuffer *b, const WspEmitState *st) {
  wspEmitOrchestrationBanner(b, st);
  wspStringBufferAppendf(b, "// args[] (%s):\n",
                         st->flavor == WSP_FLAVOR_TMR
                             ? "device pointers for tensors, raw u64 bits for scalars"
                             : "HOST pointers for tensors, raw u64 bits for scalars");
  appendArgComment(b, st);
  if (st->flavor == WSP_FLAVOR_TMR)
    wspStringBufferAppendStr(b, "#include <stdint.h>\n#include <cmath>\n#include <cstring>\n\n"
                                "#include \"pto_orchestration_api.h\"\n\n");
  else
    wspStringBufferAppendStr(b, "#include <stddef.h>\n#include <stdint.h>\n#include <stdio.h>\n"
                                "#include <algorithm>\n#include <cmath>\n#include <cstring>\n"
                                "#include <vector>\n\n#include \"runtime.h\"\n\n");
  wspStringBufferAppendStr(b, wspCppPrelude);
  wspStringBufferAppendStr(b, "\n");
  if (st->flavor == WSP_FLAVOR_HBG) {
    wspStringBufferAppendStr(b, kHbgSupport);
    wspStringBufferAppendStr(b, "\n");
  }
}

static void emitTmrPrologue(WspCppWriter *w) {
  WspEmitState *st = w->st;
  wspCppLine(w, "if (arg_count < %zu) {", st->numArgs);
  wspCppLine(w, "  LOG_ERROR(rt, \"wsp: expected %zu orchestration arguments, got %%d\", "
                "arg_count);", st->numArgs);
  wspCppLine(w, "  return;");
  wspCppLine(w, "}");
  wspCppLine(w, "pto2_rt_init_tensor_pool(rt);");
  for (size_t i = 0; i < st->numArgs; ++i) {
    const WspEmitArg *a = &st->args[i];
    if (a->initArg < 0)
      continue;
    size_t bytes = wspEmitElementSize(mlirShapedTypeGetElementType(a->type));
    for (int64_t d = 0; d < mlirShapedTypeGetRank(a->type); ++d)
      bytes *= (size_t)mlirShapedTypeGetDimSize(a->type, (intptr_t)d);
    wspCppLine(w, "// '%s' is read and written: the runner does not upload tensors it copies "
                  "back,", a->name);
    wspCppLine(w, "// so its initial contents arrive in args[%lld] and are copied in before any "
                  "task runs.", (long long)a->initArg);
    wspCppLine(w, "std::memcpy((void*)(uintptr_t)args[%zu], (const void*)(uintptr_t)args[%lld], "
                  "%zu);", i, (long long)a->initArg, bytes);
  }
  wspCppLine(w, "[[maybe_unused]] int64_t wsp_submitted = 0;  // task handles: submission order");
}

static void emitHbgPrologue(WspCppWriter *w) {
  WspEmitState *st = w->st;
  wspCppLine(w, "if (arg_count < %zu) {", st->numArgs);
  wspCppLine(w, "  fprintf(stderr, \"wsp: expected %zu orchestration arguments, got %%d\\n\", "
                "arg_count);", st->numArgs);
  wspCppLine(w, "  return -1;");
  wspCppLine(w, "}");
  wspCppLine(w, "WspGraph wsp(rt);");
  for (size_t i = 0; i < st->numArgs; ++i) {
    const WspEmitArg *a = &st->args[i];
    if (!a->isTensor)
      continue;
    int64_t rank = mlirShapedTypeGetRank(a->type);
    WspStringBuffer shape;
    wspStringBufferInit(&shape);
    for (int64_t d = 0; d < rank; ++d)
      wspStringBufferAppendf(&shape, "%s%lld", d ? ", " : "",
                             (long long)mlirShapedTypeGetDimSize(a->type, (intptr_t)d));
    wspCppLine(w, "const uint64_t wsp_arg%zu_shape[] = {%s};  // %s", i, shape.data, a->name);
    wspCppLine(w, "WspTensor wsp_arg%zu = wsp.external(args[%zu], wsp_arg%zu_shape, %lld, %zu, %s);",
               i, i, i, (long long)rank, wspEmitElementSize(mlirShapedTypeGetElementType(a->type)),
               (a->access & WSP_MODE_OUT) ? "true" : "false");
    wspCppLine(w, "if (!wsp_arg%zu.base) return -1;", i);
    wspStringBufferFree(&shape);
  }
}

static void appendTmrConfig(WspStringBuffer *b, const WspEmitState *st) {
  wspStringBufferAppendf(b,
                         "extern \"C\" {\n\n"
                         "__attribute__((visibility(\"default\")))\n"
                         "PTO2OrchestrationConfig aicpu_orchestration_config(uint64_t* args, int "
                         "arg_count) {\n"
                         "  (void)args;\n  (void)arg_count;\n"
                         "  PTO2OrchestrationConfig config{};\n"
                         "  config.expected_arg_count = %zu;\n"
                         "  return config;\n}\n\n"
                         "__attribute__((visibility(\"default\")))\n"
                         "void aicpu_orchestration_entry(PTO2Runtime* rt, uint64_t* args, int "
                         "arg_count) {\n",
                         st->numArgs);
}

/*===--- processes --------------------------------------------------------===*/

/* The support code, declarations and every process function. */
static bool appendCsp(WspStringBuffer *file, WspEmitOrch *o) {
  if (o->csp.numProcesses == 0)
    return true;
  if (wspEmitNoopKernelId(o->st) < 0) {
    wspEmitErrorf(o->st->context, mlirOperationGetLocation(o->csp.processes[0]),
                  "processes need the builtin empty kernel for their token tasks, and the "
                  "module has none; add a taskring.kernel with impl = \"builtin\" and "
                  "source = \"alloc\" (wsp-lower-to-taskring creates it)");
    return false;
  }
  bool tmr = o->st->flavor == WSP_FLAVOR_TMR;
  if (tmr)
    wspStringBufferAppendStr(file, "#define WSP_CSP_TMR 1\n");
  wspEmitCspSupport(file, tmr ? "Tensor" : "WspTensor", wspPtoRuntimeCspSupport);
  return wspEmitProcessFunctions(file, o);
}

static void emitCspPrologue(WspCppWriter *w) {
  if (!hasCsp(w))
    return;
  wspCppLine(w, "WspCsp wsp_csp(rt, %lld, %lld);  // processes and channels (docs/csp.md)",
             (long long)wspEmitNoopKernelId(w->st), (long long)w->st->taskWindow);
  if (!isTmr(w))
    wspCppLine(w, "wsp_csp.graph = &wsp;");
}

bool wspPto41Orchestration(WspEmitState *st) {
  WspEmitOrch o;
  wspEmitOrchInit(&o, st, &kPrinters);
  WspStringBuffer file, body;
  wspStringBufferInit(&file);
  wspStringBufferInit(&body);
  appendHeader(&file, st);
  bool cspOk = appendCsp(&file, &o);
  if (st->flavor == WSP_FLAVOR_TMR)
    appendTmrConfig(&file, st);
  else
    wspStringBufferAppendf(&file, "extern \"C\" int %s_build_graph(Runtime* rt, uint64_t* args, "
                                  "int arg_count) {\n", st->workload);
  WspCppWriter w;
  wspCppWriterInit(&w, st, &body, "orchestration", wspEmitOrchestrationOp, &o);
  if (st->flavor == WSP_FLAVOR_TMR)
    emitTmrPrologue(&w);
  else
    emitHbgPrologue(&w);
  wspEmitScalarArgs(&w);
  emitCspPrologue(&w);
  bool ok = cspOk && wspCppEmitBlock(&w, wspFuncEntryBlock(st->orchFunc));
  if (ok && hasCsp(&w)) {
    wspCppLine(&w, "// The workload has run to its end: now the processes it spawned.");
    wspCppLine(&w, "if (!wsp_csp.run()) %s", failReturn(&w));
  }
  wspCppWriterFree(&w);
  if (ok) {
    wspEmitSequenceCounters(&file, &o);
    wspStringBufferAppend(&file, body.data ? body.data : "", body.length);
    wspStringBufferAppendStr(&file, st->flavor == WSP_FLAVOR_TMR ? "}\n\n}  // extern \"C\"\n"
                                                                 : "  return 0;\n}\n");
    wspEmitAddOrchestrationFile(st, &file);
  }
  wspEmitOrchFree(&o);
  wspStringBufferFree(&file);
  wspStringBufferFree(&body);
  return ok;
}
