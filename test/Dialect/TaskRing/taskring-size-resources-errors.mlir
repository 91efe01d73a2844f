// RUN: wsp-opt %s --verify-diagnostics --pass-pipeline='builtin.module(taskring-size-resources{heap-bytes=2048})'
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(taskring-size-resources{heap-bytes=3000})' 2>&1 | FileCheck %s --check-prefix=POW2
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(taskring-size-resources{dep-pool=8})' 2>&1 | FileCheck %s --check-prefix=POOL

// POW2: error: taskring-size-resources: heap-bytes=3000 is not a power of two >= 1024, which PTO2_RING_HEAP requires on pto-runtime 41d5c94a
// POOL: error: taskring-size-resources: dep-pool=8 is too small for task_window=16 on pto-runtime 41d5c94a: its pool wraps around over entries still in use, and each of the up to 15 tasks in flight records up to 16 producers twice (fan-in and fan-out), so the pool needs 481 entries; use dep-pool >= 481, a smaller task_window, or leave dep-pool unset
module {
  // expected-error@+1 {{taskring-size-resources: heap-bytes=2048 is too small: the program keeps 4096 bytes of intermediates live at once; use heap-bytes >= 4096 or leave it unset}}
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "x"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    %a = "taskring.tensor_alloc"() {shape = array<i64: 1024>, dtype = "float32"} : () -> !taskring.tensor
    return
  }
}
