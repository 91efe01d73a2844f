// RUN: wsp-opt %s --taskring-size-resources | FileCheck %s
// RUN: wsp-opt %s --pass-pipeline='builtin.module(taskring-size-resources{heap-bytes=32768 dep-pool=512})' | FileCheck %s --check-prefix=EXPLICIT

// An intermediate lives until its scope ends. This IR has no scopes, so the
// scope the runtime opens around the orchestration holds every one until the
// run ends: 1 KiB + 8 x 2 KiB + 8 x 512 B. The runtime default covers it.
// (With scopes, see taskring-size-resources-rings.mlir.)
// CHECK:    "taskring.runtime"() {{.*}}dep_pool = 0 : i64{{.*}}heap_bytes = 0 : i64, heap_need = 21504 : i64
// EXPLICIT: "taskring.runtime"() {{.*}}dep_pool = 512 : i64{{.*}}heap_bytes = 32768 : i64, heap_need = 21504 : i64
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
