// A user-written kernel (impl = "source") for the kernel-variant tests: it
// prints the scalar arguments it receives, so a test can check what a
// variant's entry passed to it (slot scalars loaded, later params moved down).
#include <cstdint>
#include <cstdio>
#ifndef __gm__
#define __gm__
#endif
#ifndef __aicore__
#define __aicore__
#endif
extern "C" __aicore__ void kernel_entry(__gm__ int64_t* args) {
  printf("show: %lld %lld 0x%llx\n", static_cast<long long>(args[0]),
         static_cast<long long>(args[1]), static_cast<unsigned long long>(args[2]));
}
