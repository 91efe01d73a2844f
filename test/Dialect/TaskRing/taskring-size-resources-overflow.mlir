// RUN: wsp-opt %s --verify-diagnostics --taskring-size-resources

// 2^61 x 4 float32 = 2^65 bytes: the count must not wrap to 0 and be accepted.
module {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "x"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    // expected-error@+1 {{'taskring.tensor_alloc' op: its size in bytes does not fit in 64 bits; no runtime heap can hold it}}
    %a = "taskring.tensor_alloc"() {shape = array<i64: 2305843009213693952, 4>, dtype = "float32"} : () -> !taskring.tensor
    return
  }
}
