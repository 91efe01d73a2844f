// Runs an emitted host_build_graph orchestration (workload 'main') on the host
// against the stand-in runtime.h (test/Emit/stubs, built with -DWSP_STUB_TRACE),
// so lit tests can check its tasks and add_successor edges without the runtime.
// Usage: driver (t<bytes> | s<u64 bits>)...  one token per orchestration argument.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "runtime.h"

extern "C" int main_build_graph(Runtime* rt, uint64_t* args, int arg_count);

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
  Runtime rt;
  int status = main_build_graph(&rt, args.data(), static_cast<int>(args.size()));
  printf("status=%d tasks=%d\n", status, rt.get_task_count());
  for (void* b : buffers) free(b);
  return 0;
}
