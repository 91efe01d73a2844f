// task_window size = 2^62: a power of two, so the power-of-two rule accepts
// it, but no runtime can keep 2^62 tasks in flight (PTO2_RING_TASK_WINDOW sizes
// the task ring).
// Fixed: the task ring keeps its window in an int32, so sizes above 2^30 are
// rejected with the bound named (was docs/reliability.md G1).
// RUN: %python %S/../Inputs/bad_input.py %s | FileCheck %s
// CHECK:      == wsp-opt: exit 1
// CHECK-NEXT: task-window-huge.mlir:[[@LINE+10]]:3: error: {{.*}}task_window{{.*}}larger than the task ring can hold
// CHECK:      == wsp-compile: exit 1
// CHECK:      bad_input: ok

func.func @k(%x: memref<16xf32, strided<[1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in"]} {
  return
}

func.func @main(%x: memref<64xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  "wsp.task_window"() {size = 4611686018427387904 : i64, unit = "tasks", mode = "stall"} : () -> ()
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  scf.for %t = %c0 to %c4 step %c1 {
    %off = arith.muli %t, %c16 : index
    %v = memref.subview %x[%off] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1], offset: ?>>
    %a = "wsp.in"(%v) : (memref<16xf32, strided<[1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
    "wsp.dispatch"(%h, %t) {policy = "affinity", domains = 3 : i64} : (!wsp.handle, index) -> ()
  }
  return
}
