// ---------------------------------------------------------------------------
// wsp CSP support, shared by every target: processes, channels and their
// scheduler (docs/csp.md). Generated orchestrations with processes carry this
// text verbatim, after a line naming the target's tensor type WspCspTensor
// and before the target's runtime/csp_support.hpp, which orders the
// processes' tasks in its runtime's terms.
//
// Processes are coroutines of the one orchestration thread (each with its own
// stack, switched with swapcontext): a process runs until it would block at a
// send or recv, or returns; then the scheduler resumes the first process
// after it, in spawn order, that can make progress -- exactly the schedule
// the compile-time analysis (wsp-print-task-graph, wsp-check-deadlock)
// previews. When none can, the run is deadlocked: the blocked processes are
// reported with the analysis's words and the orchestration stops.
//
// The target's WspCsp derives from WspCspCore<WspCsp> and supplies what
// differs between runtimes (each called by the scheduler below):
//   report(text)                   the runtime's error path
//   scope_begin(), scope_end()     a scope of the runtime (empty without scopes)
//   channel_opened(ch)             ordering state for a new channel
//   send_allowed(num_after, loc)   false (reported) when a send names too many tasks
//   order_send(ch, k, after)       orders send #k's after-tasks before epoch k
//   epoch_opened(ch, k)            the receiver entered epoch k
// ---------------------------------------------------------------------------
#include <ucontext.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace {

constexpr size_t kWspCspStackBytes = 1u << 20;  // per process

struct WspCsp;  // the target's: WspCspCore<WspCsp> and its task ordering
struct WspProc;
typedef void (*WspProcFn)(WspCsp&, WspProc&);

// One argument a spawn passes, in the process's parameter order.
struct WspProcArg {
  uint64_t bits = 0;  // a scalar's raw bits
  int channel = -1;   // a channel end
  WspCspTensor tensor{};
};

// A channel end a process holds.
struct WspEnd {
  int channel;
  bool receives;
  bool closed;
  int64_t epoch;      // receiving: index of the current epoch (last successful recv), or -1
  int64_t last_send;  // sending: index of its last completed send, or -1
};

struct WspProc {
  WspCsp* csp = nullptr;
  const char* name = "";
  int index = 0;
  int rank = 0;  // among the instances of the same function, in spawn order
  WspProcFn fn = nullptr;
  std::vector<WspProcArg> args;
  std::vector<WspEnd> ends;
  ucontext_t ctx;
  char* stack = nullptr;
  enum State { READY, BLOCKED, DONE } state = READY;
  bool started = false;
  bool handed = false;        // rendezvous: the partner completed this send or recv
  int64_t handed_index = -1;  // ... as send/recv #handed_index
  bool queued = false;        // rendezvous: waiting in the channel's sender queue
  const char* wait_op = nullptr;
  const char* wait_loc = nullptr;
  int wait_channel = -1;
  bool wait_recv = false;
  int64_t pending_token = 0;  // a blocked rendezvous send's token and after-tasks
  std::vector<int64_t> pending_after;
};

struct WspChannel {
  std::string name;
  int64_t capacity = 1;
  int64_t slots = 3;  // S = max(capacity, 1) + 2: how far a credit edge looks back
  std::vector<int64_t> tokens;  // the token of send #k
  int64_t received = 0;
  int num_ends = 0, open_ends = 0;
  bool closed = false;
  int receiver = -1;
  std::deque<int> waiting;  // rendezvous: blocked senders, first come first served
  int64_t sent() const { return (int64_t)tokens.size(); }
  int64_t fill() const { return sent() - received; }
};

// The epoch a sending end's tasks must wait for (credit edge): the receiver's
// epoch last_send - C' - 1, or -1 when there is none yet.
inline int64_t wsp_credit_epoch(const WspChannel& c, const WspEnd& e) {
  int64_t cap = c.capacity > 1 ? c.capacity : 1;
  return e.last_send - cap - 1;
}

// Channel and credit edges as explicit dependencies between task ids, for
// runtimes that take a task's predecessors with it: per channel, the tasks
// each send waited on and the receiver's tasks of each epoch.
template <class TaskId>
struct WspEpochEdges {
  struct Lists {
    std::vector<std::vector<TaskId>> after;  // per send: the tasks it waited on
    std::vector<std::vector<TaskId>> epoch;  // per recv: the receiver's tasks of that epoch
  };
  std::deque<Lists> lists;  // per channel

  void channel_opened() { lists.emplace_back(); }
  void sent(int ch, const std::vector<TaskId>& tasks) { lists[ch].after.push_back(tasks); }
  void epoch_opened(int ch, int64_t k) { lists[ch].epoch.resize((size_t)k + 1); }

  // The channel and credit predecessors of the next task `p` submits.
  std::vector<TaskId> preds(const WspProc& p, const std::deque<WspChannel>& channels) const {
    std::vector<TaskId> out;
    for (const WspEnd& e : p.ends) {
      const Lists& l = lists[e.channel];
      if (e.receives && e.epoch >= 0) {
        for (TaskId t : l.after[(size_t)e.epoch]) out.push_back(t);
      } else if (!e.receives && e.last_send >= 0) {
        int64_t epoch = wsp_credit_epoch(channels[e.channel], e);
        if (epoch >= 0)
          for (TaskId t : l.epoch[(size_t)epoch]) out.push_back(t);
      }
    }
    return out;
  }

  // Records task `task` in the epochs `p` is in.
  void submitted(const WspProc& p, TaskId task) {
    for (const WspEnd& e : p.ends)
      if (e.receives && e.epoch >= 0) lists[e.channel].epoch[(size_t)e.epoch].push_back(task);
  }
};

template <class Target>
struct WspCspCore {
  int64_t rotate_at;     // tasks per scope while processes run
  int64_t scope_tasks = 0;
  int64_t submitted = 0;  // process task handles, in submission order
  std::deque<WspChannel> channels;  // a deque: a blocked send or recv keeps a reference across a spawn or a new channel
  std::vector<WspProc*> procs;
  ucontext_t main_ctx;
  bool failed = false;
  std::vector<int64_t> sequences;  // taskring.sequence counters

  int64_t next_sequence(size_t i) {
    if (sequences.size() <= i) sequences.resize(i + 1, 0);
    return sequences[i]++;
  }

  // `window`: the task ring's window. A task stays in the ring until the
  // scope that submitted it ends, and processes interleave, so each run of
  // a process gets scopes of its own, renewed every window/4 tasks: the
  // ring never fills with tasks only a later scope_end would release.
  explicit WspCspCore(int64_t window) : rotate_at(window / 4 > 0 ? window / 4 : 1) {}

  // Counts one task about to be submitted by a process.
  void count_task() {
    if (++scope_tasks < rotate_at) return;
    self().scope_end();
    self().scope_begin();
    scope_tasks = 1;
  }
  ~WspCspCore() {
    for (WspProc* p : procs) {
      free(p->stack);
      delete p;
    }
  }

  Target& self() { return static_cast<Target&>(*this); }

  // -- reporting ------------------------------------------------------------

  void error(const std::string& text) {
    failed = true;
    self().report(text);
  }

  std::string who(const WspProc& p) const {
    int count = 0;
    for (const WspProc* q : procs) count += std::string(q->name) == p.name;
    std::string s = std::string("'") + p.name + "'";
    if (count > 1) s += " #" + std::to_string(p.rank);
    return s;
  }

  // -- set-up ---------------------------------------------------------------

  int channel(const char* name, int64_t capacity) {
    WspChannel c;
    c.name = name;
    c.capacity = capacity;
    c.slots = (capacity > 1 ? capacity : 1) + 2;
    channels.push_back(c);
    self().channel_opened((int)channels.size() - 1);
    return (int)channels.size() - 1;
  }

  WspProc& spawn(const char* name, WspProcFn fn) {
    WspProc* p = new WspProc();
    p->csp = &self();
    p->name = name;
    p->fn = fn;
    p->index = (int)procs.size();
    for (const WspProc* q : procs) p->rank += std::string(q->name) == name;
    procs.push_back(p);
    return *p;
  }

  // The spawn passes channel `ch` to `p`, as its receiving or a sending end.
  bool add_end(WspProc& p, int ch, bool receives, const char* loc) {
    WspChannel& c = channels[ch];
    if (receives && c.receiver >= 0) {
      error(std::string(loc) + ": error: 'wsp.spawn' op: channel '" + c.name +
            "' already has a receiver, process " + who(*procs[c.receiver]) +
            "; a channel has exactly one receiving process; remedy: give each receiving "
            "process its own channel");
      return false;
    }
    WspEnd e{ch, receives, false, -1, -1};
    if (receives) {
      c.receiver = p.index;
    } else {
      ++c.num_ends;
      e.closed = c.closed;  // an end created after the channel closed is born closed
      if (!e.closed) ++c.open_ends;
    }
    p.ends.push_back(e);
    return true;
  }

  WspEnd* end_of(WspProc& p, int ch, bool receives) {
    for (WspEnd& e : p.ends)
      if (e.channel == ch && e.receives == receives) return &e;
    return nullptr;
  }

  // -- channel operations (called by processes) -----------------------------

  // Records send #k of `ch` and orders its after-tasks before
  // the receiver's epoch k.
  int64_t record_send(int ch, int64_t token, const std::vector<int64_t>& after) {
    WspChannel& c = channels[ch];
    int64_t k = c.sent();
    c.tokens.push_back(token);
    self().order_send(ch, k, after);
    return k;
  }

  bool receiver_waiting(const WspChannel& c) const {
    if (c.receiver < 0) return false;
    const WspProc& r = *procs[c.receiver];
    return r.state == WspProc::BLOCKED && r.wait_recv && &channels[r.wait_channel] == &c &&
           !r.handed;
  }

  // Switches back to the scheduler; false when the run was stopped.
  bool block(WspProc& p, const char* op, const char* loc, int ch, bool recv) {
    p.state = WspProc::BLOCKED;
    p.wait_op = op;
    p.wait_loc = loc;
    p.wait_channel = ch;
    p.wait_recv = recv;
    swapcontext(&p.ctx, &main_ctx);
    return !failed;
  }

  // The end of `ch` that `p` uses at `op`, or null (reported): verified IR
  // never gets here without one.
  WspEnd* held_end(WspProc& p, int ch, bool receives, const char* op, const char* loc) {
    WspEnd* e = end_of(p, ch, receives);
    if (!e)
      error(std::string(loc) + ": error: '" + op + "' op: process " + who(p) +
            " does not hold channel '" + channels[ch].name + "' as " +
            (receives ? "wsp.in" : "wsp.out"));
    return e;
  }

  bool send(WspProc& p, int ch, int64_t token, std::initializer_list<int64_t> after,
            const char* loc) {
    WspEnd* e = held_end(p, ch, false, "wsp.send", loc);
    if (!e) return false;
    WspChannel& c = channels[ch];
    if (e->closed) {
      error(std::string(loc) + ": error: 'wsp.send' op: send on channel '" + c.name +
            "' after it was closed; remedy: send every token before closing the channel");
      return false;
    }
    std::vector<int64_t> tasks(after);
    if (!self().send_allowed(tasks.size(), loc)) return false;
    for (;;) {
      if (p.handed) {  // a rendezvous receiver took the token while we waited
        p.handed = false;
        p.state = WspProc::READY;
        e->last_send = p.handed_index;
        return true;
      }
      if ((c.capacity > 0 && c.fill() < c.capacity) ||
          (c.capacity == 0 && receiver_waiting(c))) {
        int64_t k = record_send(ch, token, tasks);
        if (c.capacity == 0) {
          procs[c.receiver]->handed = true;
          procs[c.receiver]->handed_index = k;
        }
        p.state = WspProc::READY;
        e->last_send = k;
        return true;
      }
      if (c.capacity == 0 && !p.queued) {
        p.queued = true;
        p.pending_token = token;
        p.pending_after = tasks;
        c.waiting.push_back(p.index);
      }
      if (!block(p, "wsp.send", loc, ch, false)) return false;
    }
  }

  bool recv(WspProc& p, int ch, bool* ok, int64_t* token, const char* loc) {
    WspEnd* e = held_end(p, ch, true, "wsp.recv", loc);
    if (!e) return false;
    WspChannel& c = channels[ch];
    for (;;) {
      bool got = false;
      if (p.handed) {
        p.handed = false;
        got = true;
      } else if (c.capacity > 0 && c.fill() > 0) {
        got = true;
      } else if (c.capacity == 0 && !c.waiting.empty()) {
        WspProc& s = *procs[c.waiting.front()];
        c.waiting.pop_front();
        s.queued = false;
        int64_t k = record_send(ch, s.pending_token, s.pending_after);
        s.handed = true;
        s.handed_index = k;
        got = true;
      }
      if (got) {
        int64_t k = c.received++;
        *ok = true;
        *token = c.tokens[(size_t)k];
        e->epoch = k;
        self().epoch_opened(ch, k);
        p.state = WspProc::READY;
        return true;
      }
      if (c.closed) {
        *ok = false;
        *token = 0;
        e->epoch = -1;  // ok = false ends the last epoch
        p.state = WspProc::READY;
        return true;
      }
      if (!block(p, "wsp.recv", loc, ch, true)) return false;
    }
  }

  void close_end(WspEnd& e) {
    e.closed = true;
    WspChannel& c = channels[e.channel];
    if (--c.open_ends == 0) c.closed = true;
  }

  bool close(WspProc& p, int ch, const char* loc) {
    WspEnd* e = held_end(p, ch, false, "wsp.close", loc);
    if (!e) return false;
    if (e->closed) {
      error(std::string(loc) + ": error: 'wsp.close' op: channel '" + channels[ch].name +
            "' is closed twice; remedy: close it once, after its last send");
      return false;
    }
    close_end(*e);
    return true;
  }

  // -- scheduling -----------------------------------------------------------

  bool can_proceed(const WspProc& p) const {
    if (p.state != WspProc::BLOCKED) return p.state == WspProc::READY;
    if (p.handed) return true;
    const WspChannel& c = channels[p.wait_channel];
    if (p.wait_recv)
      return (c.capacity > 0 && c.fill() > 0) || (c.capacity == 0 && !c.waiting.empty()) ||
             c.closed;
    return c.capacity > 0 && c.fill() < c.capacity;
  }

  // Runs `p` until it blocks or returns.
  bool resume(WspProc& p) {
    if (!p.started) {
      p.started = true;
      p.stack = static_cast<char*>(malloc(kWspCspStackBytes));
      if (!p.stack) {
        error("wsp: cannot allocate the stack of process " + who(p));
        return false;
      }
      getcontext(&p.ctx);
      p.ctx.uc_stack.ss_sp = p.stack;
      p.ctx.uc_stack.ss_size = kWspCspStackBytes;
      p.ctx.uc_link = &main_ctx;
      uintptr_t addr = reinterpret_cast<uintptr_t>(&p);
      makecontext(&p.ctx, reinterpret_cast<void (*)()>(&trampoline), 2,
                  (unsigned)(addr >> 32), (unsigned)(addr & 0xffffffffu));
    }
    self().scope_begin();
    scope_tasks = 0;
    swapcontext(&main_ctx, &p.ctx);
    self().scope_end();
    return !failed;
  }

  // A returning process closes the sending ends it still holds.
  void finish(WspProc& p) {
    for (WspEnd& e : p.ends)
      if (!e.receives && !e.closed) close_end(e);
    p.state = WspProc::DONE;
  }

  // Called when the workload has run to its end: runs the processes
  // round-robin in spawn order until all return, or reports the deadlock.
  bool run() {
    int last = -1;
    while (!failed) {
      int next = -1;
      int n = (int)procs.size();
      for (int i = 1; i <= n && next < 0; ++i) {
        int q = ((last + i) % n + n) % n;
        if (can_proceed(*procs[q])) next = q;
      }
      if (next < 0) break;
      last = next;
      if (!resume(*procs[next])) return false;
    }
    if (failed) return false;
    for (WspProc* p : procs)
      if (p->state != WspProc::DONE) return report_deadlock();
    return true;
  }

  std::string describe(const WspProc& p) const {
    const WspChannel& c = channels[p.wait_channel];
    int64_t held = c.fill();
    std::string s = who(p) + " waits at " + p.wait_op + " (" + p.wait_loc + ") on channel '" +
                    c.name + "' (capacity " + std::to_string(c.capacity) + ", holding " +
                    std::to_string(held) + (held == 1 ? " token" : " tokens");
    if (!p.wait_recv && c.receiver < 0)
      s += ", which no process receives from";
    else if (!p.wait_recv && procs[c.receiver]->state == WspProc::DONE)
      s += ", whose receiver " + who(*procs[c.receiver]) + " has returned";
    return s + ")";
  }

  bool report_deadlock() {
    for (WspProc* p : procs)
      if (p->state == WspProc::BLOCKED && p->wait_recv && channels[p->wait_channel].num_ends == 0) {
        error(std::string(p->wait_loc) + ": error: 'wsp.recv' op: process " + who(*p) +
              " waits forever at this wsp.recv: no process sends on channel '" +
              channels[p->wait_channel].name +
              "' (no wsp.spawn passes it as wsp.out), so it never receives a token nor sees it "
              "closed; remedy: spawn a process that sends on it, or remove the recv");
        return false;
      }
    // The first few blocked processes in full, the others counted by where
    // they wait (the words of the compile-time report).
    const int kShown = 8;
    std::string text = "wsp: error: deadlock: every process that has not returned is blocked: ";
    std::vector<std::pair<std::string, int64_t>> groups;
    int64_t count = 0, elsewhere = 0;
    for (WspProc* p : procs) {
      if (p->state != WspProc::BLOCKED) continue;
      if (count++ < kShown) {
        if (count > 1) text += "; ";
        text += describe(*p);
        continue;
      }
      std::string where = std::string(p->wait_op) + " (" + p->wait_loc + ") on channel '" +
                          channels[p->wait_channel].name + "'";
      size_t g = 0;
      while (g < groups.size() && groups[g].first != where) ++g;
      if (g < groups.size())
        ++groups[g].second;
      else if (groups.size() < (size_t)kShown)
        groups.emplace_back(where, 1);
      else
        ++elsewhere;
    }
    if (count > kShown) {
      text += "; and " + std::to_string(count - kShown) + " more: ";
      for (size_t g = 0; g < groups.size(); ++g)
        text += std::string(g ? ", " : "") + std::to_string(groups[g].second) +
                (groups[g].second == 1 ? " waits at " : " wait at ") + groups[g].first;
      if (elsewhere) text += ", " + std::to_string(elsewhere) + " elsewhere";
    }
    error(text + "; no process can make progress; remedy: reorder the sends and recvs, or "
                 "raise a capacity");
    return false;
  }

  // A process's coroutine body: run the process function, then close its ends.
  static void trampoline(unsigned hi, unsigned lo) {
    WspProc* p = reinterpret_cast<WspProc*>(((uintptr_t)hi << 32) | (uintptr_t)lo);
    Target& csp = *p->csp;
    p->fn(csp, *p);
    csp.finish(*p);
  }  // returns to the scheduler through uc_link
};

}  // namespace
