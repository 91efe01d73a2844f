// Calls an emitted kernel's kernel_entry on the host and prints its output
// buffers, so lit tests can check what generated kernel code computes.
// Build with -DWSP_DRIVER_TMR for the tensormap_and_ringbuffer ABI (a
// TensorData* per tensor, from the stand-in tensor.h) or without it for the
// host_build_graph ABI (a pointer per rank-1 tensor).
// Usage: driver (i<count> | f<count> | e<u64 bits> | s<u64 bits>)...  int64 / float32 buffers
// (zeroed), a one-element buffer holding the given bits (a slot's element, for
// kernel variants: an i32 or f32 element reads the low 32 bits) or scalars.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#ifdef WSP_DRIVER_TMR
#include "tensor.h"
#endif

extern "C" void kernel_entry(int64_t* args);

struct Buffer {
  char kind;
  size_t count;
  void* data;
};

int main(int argc, char** argv) {
  std::vector<int64_t> args;
  std::vector<Buffer> buffers;
#ifdef WSP_DRIVER_TMR
  std::vector<TensorData*> tensors;
#endif
  for (int i = 1; i < argc; ++i) {
    uint64_t v = strtoull(argv[i] + 1, nullptr, 0);
    if (argv[i][0] == 's') {
      args.push_back(static_cast<int64_t>(v));
      continue;
    }
    bool element = argv[i][0] == 'e';
    Buffer b{element ? 'i' : argv[i][0], element ? 1 : v, calloc(element ? 1 : v, 8)};
    if (element) *static_cast<uint64_t*>(b.data) = v;
    buffers.push_back(b);
#ifdef WSP_DRIVER_TMR
    TensorData* t = new TensorData{};
    t->buffer.addr = reinterpret_cast<uint64_t>(b.data);
    t->buffer.size = b.count * 8;
    t->raw_shapes[0] = t->shapes[0] = b.count;
    t->ndims = 1;
    tensors.push_back(t);
    args.push_back(reinterpret_cast<int64_t>(t));
#else
    args.push_back(reinterpret_cast<int64_t>(b.data));
#endif
  }
  kernel_entry(args.data());
  for (size_t k = 0; k < buffers.size(); ++k)
    for (size_t i = 0; i < buffers[k].count; ++i) {
      if (buffers[k].kind == 'i')
        printf("%zu.%zu = %lld\n", k, i, static_cast<long long>(static_cast<int64_t*>(buffers[k].data)[i]));
      else
        printf("%zu.%zu = %.6g\n", k, i, static_cast<double>(static_cast<float*>(buffers[k].data)[i]));
    }
  for (Buffer& b : buffers) free(b.data);
#ifdef WSP_DRIVER_TMR
  for (TensorData* t : tensors) delete t;
#endif
  return 0;
}
