// RUN: wsp-opt %s --taskring-size-resources | FileCheck %s


// More than the 1 GiB default: the next power of two is requested.
// CHECK: "taskring.runtime"() {{.*}}heap_bytes = 4294967296 : i64, heap_need = 3221225472 : i64
module {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "x"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    %a = "taskring.tensor_alloc"() {shape = array<i64: 3, 1073741824>, dtype = "int8"} : () -> !taskring.tensor
    return
  }
}
