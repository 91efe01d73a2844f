// Runs an emitted tensormap_and_ringbuffer orchestration on the host against
// the stand-in headers (test/Emit/stubs, built with -DWSP_STUB_TRACE), so lit
// tests can check the submits it makes without the runtime.
// Usage: driver (t<bytes> | s<u64 bits>)...  one token per orchestration argument.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "pto_orchestration_api.h"

extern "C" PTO2OrchestrationConfig aicpu_orchestration_config(uint64_t* args, int arg_count);
extern "C" void aicpu_orchestration_entry(PTO2Runtime* rt, uint64_t* args, int arg_count);

int main(int argc, char** argv) {
  std::vector<uint64_t> args;
  std::vector<void*> buffers;
  for (int i = 1; i < argc; ++i) {
    uint64_t v = strtoull(argv[i] + 1, nullptr, 0);
    if (argv[i][0] == 't') {
      buffers.push_back(calloc(1, v));
      args.push_back(reinterpret_cast<uint64_t>(buffers.back()));
    } else {
      args.push_back(v);
    }
  }
  int n = static_cast<int>(args.size());
  printf("expected_arg_count=%d\n", aicpu_orchestration_config(args.data(), n).expected_arg_count);
  PTO2Runtime rt{0, 0};
  aicpu_orchestration_entry(&rt, args.data(), n);
  printf("submits=%d depth=%d\n", rt.submits, rt.depth);
  for (void* b : buffers) free(b);
  return 0;
}
