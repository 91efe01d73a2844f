// ---------------------------------------------------------------------------
// wsp CSP support for simpler 6ebaf771: how processes' tasks are ordered
// (docs/csp.md). Generated orchestrations with processes carry this text
// verbatim after the shared scheduler (codegen/Core/runtime/csp_scheduler.hpp);
// the same text serves tensormap_and_ringbuffer and host_build_graph.
//
// Ordering between processes' tasks (channel and credit edges) is explicit:
// every task of the receiver's epoch k depends on the tasks send #k named
// (channel edge), and the sender's tasks after send #j depend on the
// receiver's tasks of epoch j - C' - 1 (credit edge), through
// CoreTaskArgs::set_dependencies. A dependency on a task that has already
// retired is satisfied (the runtime skips it).
// ---------------------------------------------------------------------------
namespace {

struct WspCsp : WspCspCore<WspCsp> {
  WspReaders* readers;  // the orchestration's write-after-read tracker, shared by processes
  std::vector<PTO2TaskId> ids;  // the task of each process handle
  WspEpochEdges<PTO2TaskId> edges;

  WspCsp(int64_t window, WspReaders* war) : WspCspCore(window), readers(war) {}

  void report(const std::string& text) {
    rt_report_fatal(PTO2_ERROR_INVALID_ARGS, "%s", text.c_str());  // stops the run
  }
  void scope_begin() { rt_scope_begin(); }
  void scope_end() { rt_scope_end(); }
  bool send_allowed(size_t, const char*) { return true; }  // after-tasks are dependencies, not params

  void channel_opened(int) { edges.channel_opened(); }
  void order_send(int ch, int64_t, const std::vector<int64_t>& after) {
    std::vector<PTO2TaskId> tasks;
    for (int64_t h : after)
      if (h >= 0 && (size_t)h < ids.size()) tasks.push_back(ids[(size_t)h]);
    edges.sent(ch, tasks);
  }
  void epoch_opened(int ch, int64_t k) { edges.epoch_opened(ch, k); }

  // The channel and credit predecessors of the next task `p` submits.
  std::vector<PTO2TaskId> preds(WspProc& p) { return edges.preds(p, channels); }

  // Records task `task` in the epochs `p` is in; returns its handle.
  int64_t submitted_task(WspProc& p, PTO2TaskId task) {
    edges.submitted(p, task);
    ids.push_back(task);
    return submitted++;
  }
};

}  // namespace
