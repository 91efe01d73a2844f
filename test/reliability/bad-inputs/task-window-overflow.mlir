// task_window size = INT64_MAX (not a power of two) on tensormap_and_ringbuffer.
// Was a bug (docs/reliability.md, B2), now fixed: wsp-lower-to-taskring looks for the
// next power of two by doubling a signed int64 until it passes the size
// (passes/Conversion/WspToTaskRing/WspLowerToTaskRing.c, windowFromProgram); past 2^62 that overflows:
// wsp-opt and wsp-compile hang (the sanitized build reports the overflow).
// RUN: %python %S/../Inputs/bad_input.py --timeout=5 %s | FileCheck %s
// CHECK:      == wsp-opt: exit 1
// CHECK-NEXT: task-window-overflow.mlir:[[@LINE+10]]:3: error: 'wsp.task_window' op: size 9223372036854775807 is larger than the task ring can hold
// CHECK:      == wsp-compile: exit 1
// CHECK:      bad_input: ok

func.func @k(%x: memref<16xf32, strided<[1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in"]} {
  return
}

func.func @main(%x: memref<64xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  "wsp.task_window"() {size = 9223372036854775807 : i64, unit = "tasks", mode = "stall"} : () -> ()
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
