// A user-written kernel (impl = "source") for tests: the emitter copies it verbatim.
#include <cstdint>
#ifndef __gm__
#define __gm__
#endif
#ifndef __aicore__
#define __aicore__
#endif
extern "C" __aicore__ void kernel_entry(__gm__ int64_t* args) { (void)args; }
