// domains = 10^18 (an i64): far more scheduler domains than any device has.
// KNOWN GAP (docs/reliability.md, G2): accepted; the domain is computed mod
// 10^18 and recorded in the artifact. The bound (the number of schedulers of
// the target) is a design decision; when it exists, adjust the message below
// and remove the XFAIL line.
// XFAIL: *
// RUN: %python %S/../Inputs/bad_input.py %s | FileCheck %s
// CHECK:      == wsp-opt: exit 1
// CHECK-NEXT: domains-huge.mlir:[[@LINE+20]]:5: error: {{.*}}domains
// CHECK:      == wsp-compile: exit 1
// CHECK:      bad_input: ok

func.func @k(%x: memref<16xf32, strided<[1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in"]} {
  return
}

func.func @main(%x: memref<64xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  "wsp.task_window"() {size = 16 : i64, unit = "tasks", mode = "stall"} : () -> ()
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  scf.for %t = %c0 to %c4 step %c1 {
    %off = arith.muli %t, %c16 : index
    %v = memref.subview %x[%off] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1], offset: ?>>
    %a = "wsp.in"(%v) : (memref<16xf32, strided<[1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
    "wsp.dispatch"(%h, %t) {policy = "affinity", domains = 1000000000000000000 : i64} : (!wsp.handle, index) -> ()
  }
  return
}
