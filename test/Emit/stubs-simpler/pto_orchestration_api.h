// Stand-in for simpler 6ebaf771's pto_orchestration_api.h (wsp tests only;
// README.md). Prints every submit and every dependency the runtime would
// give it: explicit ones and a model of the TensorMap's.
#pragma once
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

enum class DataType : uint32_t { FLOAT32, FLOAT16, BFLOAT16, INT32, INT16, INT8, UINT8, INT64, UINT64 };

struct PTO2TaskId {
  uint64_t raw = UINT64_MAX;
  bool is_valid() const { return raw != UINT64_MAX; }
};

enum PTO2ErrorCode { PTO2_ERROR_INVALID_ARGS = 1 };

struct PTOBufferHandle {
  uint64_t addr;
  uint64_t size;
};

struct ChipTensor {
  PTOBufferHandle buffer{};
  PTO2TaskId owner_task_id{};
  uint64_t start_offset = 0;
  uint32_t ndims = 0;
  DataType dtype = DataType::FLOAT32;
  uint32_t shapes[5] = {};
  uint32_t strides[5] = {};

  ChipTensor view(const uint32_t view_shapes[], const uint32_t view_offsets[]) const {
    ChipTensor r = *this;
    for (uint32_t d = 0; d < ndims; ++d) {
      r.start_offset += (uint64_t)view_offsets[d] * strides[d];
      r.shapes[d] = view_shapes[d];
    }
    return r;
  }
};

struct WspStubTensorRef {
  ChipTensor t;
  const ChipTensor& ref() const { return t; }
};

struct ChipTaskArgs {
  std::vector<WspStubTensorRef> tensors;
  std::vector<uint64_t> scalars;
  const WspStubTensorRef& tensor(size_t i) const { return tensors[i]; }
  uint64_t scalar(size_t i) const { return scalars[i]; }
};

struct PTO2OrchestrationConfig {
  int expected_arg_count;
};

struct TensorCreateInfo {
  TensorCreateInfo(const uint32_t* s, uint32_t n, DataType t) : ndims(n), dtype(t) {
    for (uint32_t d = 0; d < n && d < 5; ++d) shapes[d] = s[d];
  }
  uint32_t shapes[5] = {};
  uint32_t ndims;
  DataType dtype;
};

struct TaskOutputTensors {
  PTO2TaskId id{};
  std::vector<ChipTensor> outputs;
  PTO2TaskId task_id() const { return id; }
  const ChipTensor& get_ref(size_t i) & { return outputs[i]; }
};

enum class WspStubMode { INPUT, OUTPUT_EXISTING, INOUT };

class CoreTaskArgs {
 public:
  void add_input(const ChipTensor& t) { tensors_.push_back({&t, WspStubMode::INPUT}); }
  void add_output(const ChipTensor& t) { tensors_.push_back({&t, WspStubMode::OUTPUT_EXISTING}); }
  void add_inout(const ChipTensor& t) { tensors_.push_back({&t, WspStubMode::INOUT}); }
  void add_scalar(uint64_t v) { scalars_.push_back(v); }
  void set_dependencies(const PTO2TaskId* deps, uint32_t count) {
    if (count && deps_set_) {
      fprintf(stderr, "stub: set_dependencies called twice\n");
      exit(2);
    }
    deps_set_ = count != 0;
    deps_ = deps;
    count_ = count;
  }

  struct Use {
    const ChipTensor* t;
    WspStubMode mode;
  };
  std::vector<Use> tensors_;
  std::vector<uint64_t> scalars_;
  const PTO2TaskId* deps_ = nullptr;
  uint32_t count_ = 0;
  bool deps_set_ = false;
};

// The runtime's state: one instance per run (a function-local static: this
// header serves one test driver).
struct WspStubRuntime {
  struct Entry {
    uint64_t task, addr;
    uint32_t rank;
    uint64_t lo[5], hi[5];
  };
  uint64_t next = 0;
  int depth = 0;
  bool fatal = false;
  std::vector<Entry> map;

  static Entry box(uint64_t task, const ChipTensor& t) {
    Entry e{task, t.buffer.addr, t.ndims, {}, {}};
    uint64_t rest = t.start_offset;
    for (uint32_t d = 0; d < t.ndims; ++d) {  // row-major strides, outermost first
      e.lo[d] = rest / t.strides[d];
      rest %= t.strides[d];
      e.hi[d] = e.lo[d] + t.shapes[d];
    }
    return e;
  }
  static bool overlaps(const Entry& a, const Entry& b) {
    if (a.addr != b.addr) return false;
    if (a.rank != b.rank) return true;
    for (uint32_t d = 0; d < a.rank; ++d)
      if (a.hi[d] <= b.lo[d] || b.hi[d] <= a.lo[d]) return false;
    return true;
  }
  static bool covers(const Entry& outer, const Entry& inner) {
    if (outer.addr != inner.addr || outer.rank != inner.rank) return false;
    for (uint32_t d = 0; d < outer.rank; ++d)
      if (inner.lo[d] < outer.lo[d] || inner.hi[d] > outer.hi[d]) return false;
    return true;
  }

  TaskOutputTensors submit(int32_t func, const CoreTaskArgs& a) {
    const uint64_t task = next++;
    printf("task %llu func=%d\n", (unsigned long long)task, func);
    std::vector<uint64_t> deps;
    auto dep = [&](uint64_t p) {
      for (uint64_t q : deps)
        if (q == p) return;
      deps.push_back(p);
    };
    for (uint32_t i = 0; i < a.count_; ++i) dep(a.deps_[i].raw);
    for (const CoreTaskArgs::Use& u : a.tensors_) {
      if (u.t->owner_task_id.is_valid()) dep(u.t->owner_task_id.raw);
      if (u.mode == WspStubMode::OUTPUT_EXISTING) continue;
      const Entry probe = box(task, *u.t);
      std::vector<Entry> kept;
      for (const Entry& e : map) {
        const bool hit = overlaps(e, probe);
        if (hit) dep(e.task);
        if (!(hit && u.mode == WspStubMode::INOUT && covers(probe, e))) kept.push_back(e);
      }
      map.swap(kept);
    }
    for (const CoreTaskArgs::Use& u : a.tensors_)
      if (u.mode != WspStubMode::INPUT) map.push_back(box(task, *u.t));
    for (uint64_t p : deps) printf("dep %llu -> %llu\n", (unsigned long long)p, (unsigned long long)task);
    TaskOutputTensors out;
    out.id.raw = task;
    return out;
  }
};

inline WspStubRuntime& wsp_stub_runtime() {
  static WspStubRuntime rt;  // test harness only
  return rt;
}

inline TaskOutputTensors rt_submit_aic_task(int32_t kernel_id, const CoreTaskArgs& a) {
  return wsp_stub_runtime().submit(kernel_id, a);
}
inline TaskOutputTensors rt_submit_aiv_task(int32_t kernel_id, const CoreTaskArgs& a) {
  return wsp_stub_runtime().submit(kernel_id, a);
}

inline TaskOutputTensors alloc_tensors(const TensorCreateInfo& ci) {
  WspStubRuntime& rt = wsp_stub_runtime();
  TaskOutputTensors out;
  out.id.raw = rt.next++;
  printf("alloc %llu\n", (unsigned long long)out.id.raw);
  ChipTensor t;
  uint64_t n = 1;
  for (uint32_t d = 0; d < ci.ndims; ++d) n *= ci.shapes[d];
  t.buffer.addr = reinterpret_cast<uint64_t>(calloc(n ? n : 1, 8));  // leaked: one run per process
  t.buffer.size = n * 8;
  t.owner_task_id = out.id;
  t.ndims = ci.ndims;
  t.dtype = ci.dtype;
  uint64_t stride = 1;
  for (uint32_t d = ci.ndims; d-- > 0;) {
    t.shapes[d] = ci.shapes[d];
    t.strides[d] = (uint32_t)stride;
    stride *= ci.shapes[d];
  }
  out.outputs.push_back(t);
  return out;
}

inline void rt_scope_begin() { ++wsp_stub_runtime().depth; }
inline void rt_scope_end() { --wsp_stub_runtime().depth; }
inline bool rt_is_fatal() { return wsp_stub_runtime().fatal; }

__attribute__((format(printf, 2, 3))) inline void rt_report_fatal(int code, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  printf("fatal %d: ", code);
  vprintf(fmt, ap);
  printf("\n");
  va_end(ap);
  wsp_stub_runtime().fatal = true;
}
