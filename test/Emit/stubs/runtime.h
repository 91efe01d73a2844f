// Stand-in for pto-runtime's host_build_graph runtime.h (wsp tests only).
// With WSP_STUB_TRACE every call prints one line.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

enum class CoreType : int32_t { AIC = 0, AIV = 1 };

struct HostApi {
  void* (*device_malloc)(size_t size);
  void (*device_free)(void* dev_ptr);
  int (*copy_to_device)(void* dev_ptr, const void* host_ptr, size_t size);
  int (*copy_from_device)(void* host_ptr, const void* dev_ptr, size_t size);
};

inline void* wsp_stub_malloc(size_t n) { return calloc(1, n); }
inline void wsp_stub_free(void* p) { free(p); }
inline int wsp_stub_copy(void* dst, const void* src, size_t n) {
  memcpy(dst, src, n);
  return 0;
}

class Runtime {
 public:
  HostApi host_api{wsp_stub_malloc, wsp_stub_free, wsp_stub_copy, wsp_stub_copy};

  int add_task(uint64_t* args, int num_args, int func_id, CoreType core_type = CoreType::AIC) {
    (void)args;
#ifdef WSP_STUB_TRACE
    printf("task %d func=%d core=%d args=%d\n", tasks_, func_id, static_cast<int>(core_type),
           num_args);
#else
    (void)num_args; (void)func_id; (void)core_type;
#endif
    return tasks_++;
  }

  void add_successor(int from_task, int to_task) {
#ifdef WSP_STUB_TRACE
    printf("edge %d -> %d\n", from_task, to_task);
#else
    (void)from_task; (void)to_task;
#endif
  }

  void record_tensor_pair(void* host_ptr, void* dev_ptr, size_t size) {
    (void)host_ptr; (void)dev_ptr;
#ifdef WSP_STUB_TRACE
    printf("record_tensor_pair %zu bytes\n", size);
#else
    (void)size;
#endif
  }

  int get_task_count() const { return tasks_; }

 private:
  int tasks_ = 0;
};
