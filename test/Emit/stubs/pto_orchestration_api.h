// Stand-in for pto-runtime's tensormap_and_ringbuffer pto_orchestration_api.h
// (wsp tests only). With WSP_STUB_TRACE every call prints one line.
#pragma once
#include <cstdint>
#include <cstdio>

#include "tensor.h"

typedef enum {
  PTO2_WORKER_CUBE = 0,
  PTO2_WORKER_VECTOR = 1,
  PTO2_WORKER_AI_CPU = 2,
  PTO2_WORKER_ACCELERATOR = 3,
} PTO2WorkerType;

enum class PTOParamType { INPUT, OUTPUT, INOUT, SCALAR };

struct PTOParam {
  PTOParamType type;
  Tensor tensor;
  uint64_t scalar_value;
};

inline PTOParam make_input_param(Tensor& t) { return PTOParam{PTOParamType::INPUT, t, 0}; }
inline PTOParam make_output_param(Tensor& t) { return PTOParam{PTOParamType::OUTPUT, t, 0}; }
inline PTOParam make_inout_param(Tensor& t) { return PTOParam{PTOParamType::INOUT, t, 0}; }
inline PTOParam make_scalar_param(uint64_t v) { return PTOParam{PTOParamType::SCALAR, Tensor{}, v}; }

struct PTO2Runtime {
  int depth;
  int submits;
};

struct PTO2OrchestrationConfig {
  int expected_arg_count;
};

inline void pto2_rt_init_tensor_pool(PTO2Runtime* rt) { (void)rt; }

inline void pto2_rt_scope_begin(PTO2Runtime* rt) {
  ++rt->depth;
#ifdef WSP_STUB_TRACE
  printf("scope_begin depth=%d\n", rt->depth);
#endif
}

inline void pto2_rt_scope_end(PTO2Runtime* rt) {
#ifdef WSP_STUB_TRACE
  printf("scope_end depth=%d\n", rt->depth);
#endif
  --rt->depth;
}

#ifdef WSP_STUB_TENSORMAP
// A model of the TensorMap's dependency rules as docs/dependencies.md and
// docs/running-on-pto-runtime.md describe them (wsp's own code, for tests):
// an input or inout depends on every earlier producer whose box overlaps
// (newest first, at most 16 producers per task); an inout whose box covers
// an earlier producer's removes it; outputs and inouts register as
// producers. Each dependency prints "dep P -> T".
#include <vector>
struct WspStubEntry {
  int task;
  uint64_t addr;
  uint64_t ndims;
  uint64_t lo[5], hi[5];
};

inline std::vector<WspStubEntry>& wsp_stub_tensormap() {
  static std::vector<WspStubEntry> entries;  // test harness only
  return entries;
}

inline WspStubEntry wsp_stub_box(int task, const Tensor& t) {
  WspStubEntry e{task, t.d.buffer.addr, t.d.ndims, {}, {}};
  for (uint64_t d = 0; d < t.d.ndims; ++d) {
    e.lo[d] = t.d.offsets[d];
    e.hi[d] = t.d.offsets[d] + t.d.shapes[d];
  }
  return e;
}

inline bool wsp_stub_overlaps(const WspStubEntry& a, const WspStubEntry& b) {
  if (a.addr != b.addr) return false;
  for (uint64_t d = 0; d < a.ndims; ++d)
    if (a.hi[d] <= b.lo[d] || b.hi[d] <= a.lo[d]) return false;
  return true;
}

inline bool wsp_stub_covers(const WspStubEntry& outer, const WspStubEntry& inner) {
  if (outer.addr != inner.addr) return false;
  for (uint64_t d = 0; d < outer.ndims; ++d)
    if (inner.lo[d] < outer.lo[d] || inner.hi[d] > outer.hi[d]) return false;
  return true;
}

inline void wsp_stub_dependencies(int task, const PTOParam* params, int32_t n) {
  std::vector<WspStubEntry>& map = wsp_stub_tensormap();
  std::vector<int> producers;
  for (int32_t i = 0; i < n; ++i) {
    if (params[i].type != PTOParamType::INPUT && params[i].type != PTOParamType::INOUT) continue;
    WspStubEntry probe = wsp_stub_box(task, params[i].tensor);
    for (size_t j = map.size(); j-- > 0;) {  // newest first
      if (!wsp_stub_overlaps(map[j], probe)) continue;
      bool seen = false;
      for (int p : producers) seen = seen || p == map[j].task;
      if (!seen && producers.size() < 16) producers.push_back(map[j].task);
    }
    if (params[i].type == PTOParamType::INOUT)
      for (size_t j = map.size(); j-- > 0;)
        if (wsp_stub_covers(probe, map[j])) map.erase(map.begin() + static_cast<long>(j));
  }
  for (int p : producers) printf("dep %d -> %d\n", p, task);
  for (int32_t i = 0; i < n; ++i)
    if (params[i].type == PTOParamType::OUTPUT || params[i].type == PTOParamType::INOUT)
      map.push_back(wsp_stub_box(task, params[i].tensor));
}
#endif

inline void pto2_rt_submit_task(PTO2Runtime* rt, int32_t kernel_id, PTO2WorkerType worker,
                                PTOParam* params, int32_t n) {
#ifdef WSP_STUB_TENSORMAP
  wsp_stub_dependencies(rt->submits, params, n);
#endif
  ++rt->submits;
#ifdef WSP_STUB_TRACE
  static const char* const kinds[] = {"in", "out", "inout", "scalar"};
  printf("submit func=%d worker=%d", kernel_id, static_cast<int>(worker));
  for (int i = 0; i < n; ++i) {
    const PTOParam& p = params[i];
    if (p.type == PTOParamType::SCALAR) {
      printf(" scalar(0x%llx)", static_cast<unsigned long long>(p.scalar_value));
      continue;
    }
    printf(" %s(start=%llu", kinds[static_cast<int>(p.type)],
           static_cast<unsigned long long>(p.tensor.d.start_offset));
    for (uint64_t d = 0; d < p.tensor.d.ndims; ++d)
      printf("%s%llu", d ? "x" : " shape=", static_cast<unsigned long long>(p.tensor.d.shapes[d]));
    printf(")");
  }
  printf("\n");
#else
  (void)kernel_id; (void)worker; (void)params; (void)n;
#endif
}

#define LOG_ERROR(rt, fmt, ...) ((void)(rt), fprintf(stderr, fmt "\n", ##__VA_ARGS__))
