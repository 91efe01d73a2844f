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

inline void pto2_rt_submit_task(PTO2Runtime* rt, int32_t kernel_id, PTO2WorkerType worker,
                                PTOParam* params, int32_t n) {
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
