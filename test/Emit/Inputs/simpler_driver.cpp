// Runs an emitted simpler 6ebaf771 orchestration on the host against the
// stand-in header (test/Emit/stubs-simpler), which prints each task and the
// dependencies the runtime would give it.
// Usage: driver (t<d0>x<d1>... | s<u64 bits>)...  tensors first, in the
// orchestration's argument order (float32 tensors).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "pto_orchestration_api.h"

extern "C" void aicpu_orchestration_entry(const ChipTaskArgs& orch_args);

int main(int argc, char** argv) {
  ChipTaskArgs args;
  std::vector<void*> buffers;
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] == 's') {
      args.scalars.push_back(strtoull(argv[i] + 1, nullptr, 0));
      continue;
    }
    ChipTensor t;
    char* p = argv[i] + 1;
    while (*p && t.ndims < 5) {
      t.shapes[t.ndims++] = (uint32_t)strtoul(p, &p, 10);
      if (*p == 'x') ++p;
    }
    uint64_t stride = 1;
    for (uint32_t d = t.ndims; d-- > 0;) {
      t.strides[d] = (uint32_t)stride;
      stride *= t.shapes[d];
    }
    buffers.push_back(calloc(stride, 4));
    t.buffer.addr = reinterpret_cast<uint64_t>(buffers.back());
    t.buffer.size = stride * 4;
    args.tensors.push_back(WspStubTensorRef{t});
  }
  aicpu_orchestration_entry(args);
  printf("fatal=%d tasks=%llu\n", rt_is_fatal() ? 1 : 0,
         (unsigned long long)wsp_stub_runtime().next);
  for (void* b : buffers) free(b);
  return 0;
}
