// ---------------------------------------------------------------------------
// wsp CSP support for pto-runtime 41d5c94a: how processes' tasks are ordered
// (docs/csp.md). Generated artifacts carry this text verbatim after the
// shared scheduler (codegen/Core/runtime/csp_scheduler.hpp);
// WSP_CSP_TMR selects tensormap_and_ringbuffer, else host_build_graph.
//
// Ordering between processes' tasks (channel and credit edges):
//  - tensormap_and_ringbuffer: tensors. A task named by a send writes its
//    done slot; the send submits a token task that reads those slots and
//    writes token slot k mod S of the channel; every task of the receiver's
//    epoch k reads it (channel edge) and writes credit slot k mod S; the
//    sender's tasks after send #j read credit slot (j - C' - 1) mod S
//    (credit edge). The TensorMap turns these reads into dependencies.
//  - host_build_graph: the same edges, added with add_successor.
// ---------------------------------------------------------------------------
namespace {

#ifdef WSP_CSP_TMR
typedef PTO2Runtime WspCspRuntime;
#else
typedef Runtime WspCspRuntime;
#endif

constexpr int kWspCspMaxParams = 16;  // PTOParams per task (pto_runtime2_types.h)

struct WspCsp : WspCspCore<WspCsp> {
  WspCspRuntime* rt;
  int32_t noop_func_id;  // the builtin empty kernel

  WspCsp(WspCspRuntime* runtime, int32_t noop, int64_t window)
      : WspCspCore(window), rt(runtime), noop_func_id(noop) {}

  // A send's token task reads the done slot of each task it names, next to
  // its token slot: at most 15 of them.
  bool send_allowed(size_t num_after, const char* loc) {
    if (num_after + 1 <= (size_t)kWspCspMaxParams) return true;
    error(std::string(loc) + ": error: 'wsp.send' op: waits on " + std::to_string(num_after) +
          " tasks; the token task takes at most " + std::to_string(kWspCspMaxParams - 1) +
          " (pto-runtime's 16 params per task); remedy: send after fewer tasks");
    return false;
  }

#ifdef WSP_CSP_TMR
  static constexpr uint64_t kDoneSlots = 1024;  // done slots of tasks named by sends

  void report(const std::string& text) { LOG_ERROR(rt, "%s", text.c_str()); }
  void scope_begin() { pto2_rt_scope_begin(rt); }
  void scope_end() { pto2_rt_scope_end(rt); }

  // Token, credit and done slots only order tasks: no kernel reads or writes
  // them (the empty kernel, and trailing params kernels ignore). So they
  // need addresses, not device memory, and no task of their own: the
  // orchestration's own memory gives them distinct address ranges without
  // pinning a task in the ring for the whole run.
  std::vector<std::vector<int32_t>> backing;
  Tensor done_slots;
  struct ChannelSlots {
    Tensor token_slots, credit_slots;
    std::vector<int> credit_writers;  // per slot: producers registered since the last join
  };
  std::deque<ChannelSlots> channel_slots;  // per channel

  Tensor slots_tensor(uint64_t n) {
    backing.emplace_back((size_t)n, 0);
    uint64_t shape[1] = {n};
    return make_tensor_external(backing.back().data(), shape, 1, DataType::INT32);
  }
  static Tensor slot(const Tensor& t, uint64_t i) {
    uint64_t sizes[1] = {1}, offsets[1] = {i};
    return t.view(sizes, offsets);
  }

  void channel_opened(int ch) {
    if (ch == 0) done_slots = slots_tensor(kDoneSlots);
    uint64_t n = (uint64_t)channels[ch].slots;
    channel_slots.push_back(ChannelSlots{slots_tensor(n), slots_tensor(n),
                                         std::vector<int>((size_t)n, 0)});
  }

  // The token task of send #k: reads the done slots of `after`, writes
  // token slot k mod S.
  void order_send(int ch, int64_t k, const std::vector<int64_t>& after) {
    PTOParam params[kWspCspMaxParams];
    int n = 0;
    std::vector<Tensor> views;
    views.reserve(after.size() + 1);
    for (int64_t h : after) {
      if (n + 1 >= kWspCspMaxParams) break;  // checked at submit: at most 15 after-tasks
      views.push_back(slot(done_slots, (uint64_t)h % kDoneSlots));
      params[n++] = make_input_param(views.back());
    }
    views.push_back(slot(channel_slots[ch].token_slots, (uint64_t)(k % channels[ch].slots)));
    params[n++] = make_output_param(views.back());
    count_task();
    pto2_rt_submit_task(rt, noop_func_id, PTO2_WORKER_VECTOR, params, n);
  }

  void epoch_opened(int, int64_t) {}  // the token slot names the epoch

  // Appends the token, credit and done params of a task process `p`
  // submits; returns the new count, or -1 (reported) past 16.
  int sync_params(WspProc& p, PTOParam* params, int n, int64_t handle, bool signals,
                  const char* loc) {
    for (WspEnd& e : p.ends) {
      WspChannel& c = channels[e.channel];
      ChannelSlots& cs = channel_slots[e.channel];
      if (e.receives && e.epoch >= 0) {
        uint64_t s = (uint64_t)(e.epoch % c.slots);
        if (n + 2 > kWspCspMaxParams) return too_many(loc);
        Tensor token = slot(cs.token_slots, s), credit = slot(cs.credit_slots, s);
        params[n++] = make_input_param(token);   // channel: after the send's tasks
        params[n++] = make_output_param(credit); // credit: the sender's later tasks wait
        note_credit_writer(cs, s);
      } else if (!e.receives && e.last_send >= 0) {
        int64_t epoch = wsp_credit_epoch(c, e);
        if (epoch < 0) continue;
        if (n + 1 > kWspCspMaxParams) return too_many(loc);
        Tensor credit = slot(cs.credit_slots, (uint64_t)(epoch % c.slots));
        params[n++] = make_input_param(credit);
      }
    }
    if (signals) {
      if (n + 1 > kWspCspMaxParams) return too_many(loc);
      Tensor done = slot(done_slots, (uint64_t)handle % kDoneSlots);
      params[n++] = make_output_param(done);
    }
    count_task();
    return n;
  }

  int too_many(const char* loc) {
    error(std::string(loc) + ": error: 'wsp.task' op: with its channel token and credit "
          "params the task needs more than " + std::to_string(kWspCspMaxParams) +
          " params (pto-runtime's limit per task); remedy: fewer kernel parameters or fewer "
          "channels in this process");
    return -1;
  }

  // The runtime keeps at most 16 producers per input: once 14 tasks of one
  // epoch registered on a credit slot, an inout join task takes their place.
  void note_credit_writer(ChannelSlots& cs, uint64_t s) {
    if (++cs.credit_writers[s] < 14) return;
    Tensor credit = slot(cs.credit_slots, s);
    PTOParam join[1] = {make_inout_param(credit)};
    count_task();
    pto2_rt_submit_task(rt, noop_func_id, PTO2_WORKER_VECTOR, join, 1);
    cs.credit_writers[s] = 1;
  }
#else
  WspGraph* graph = nullptr;
  WspEpochEdges<int> edges;  // add_task's ids are the tasks

  void report(const std::string& text) { fprintf(stderr, "%s\n", text.c_str()); }
  void scope_begin() {}  // host_build_graph has no scopes
  void scope_end() {}

  void channel_opened(int) { edges.channel_opened(); }
  void order_send(int ch, int64_t, const std::vector<int64_t>& after) {
    std::vector<int> tasks;
    for (int64_t h : after) tasks.push_back((int)h);
    edges.sent(ch, tasks);
  }
  void epoch_opened(int ch, int64_t k) { edges.epoch_opened(ch, k); }

  std::vector<int> preds(WspProc& p) { return edges.preds(p, channels); }
  void submitted_task(WspProc& p, int task) { edges.submitted(p, task); }
#endif
};

}  // namespace
