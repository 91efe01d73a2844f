// RUN: wsp-opt %s --taskring-size-resources | FileCheck %s
// RUN: wsp-opt %s --pass-pipeline='builtin.module(taskring-size-resources{heap-bytes=4096 dep-pool=64})' | FileCheck %s --check-prefix=EXPLICIT

// The heap holds the function's own intermediates (1 KiB) plus the largest
// per-iteration total of the loops below (2 KiB, not 2 KiB + 512 B: the two
// loops' scopes are never open at once). The runtime default covers it.
// CHECK:    "taskring.runtime"() {{.*}}dep_pool = 0 : i64{{.*}}heap_bytes = 0 : i64, heap_need = 3072 : i64
// EXPLICIT: "taskring.runtime"() {{.*}}dep_pool = 64 : i64{{.*}}heap_bytes = 4096 : i64, heap_need = 3072 : i64
module {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "x"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    %a = "taskring.tensor_alloc"() {shape = array<i64: 16, 16>, dtype = "float32"} : () -> !taskring.tensor
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c8 = arith.constant 8 : index
    scf.for %i = %c0 to %c8 step %c1 {
      %b = "taskring.tensor_alloc"() {shape = array<i64: 512>, dtype = "float32"} : () -> !taskring.tensor
    }
    scf.for %i = %c0 to %c8 step %c1 {
      %b = "taskring.tensor_alloc"() {shape = array<i64: 256>, dtype = "int16"} : () -> !taskring.tensor
    }
    return
  }
}
