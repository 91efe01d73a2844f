// domains = 10^18 (an i64): far more scheduler domains than any device has.
// Was accepted (docs/reliability.md, G2): the domain was computed mod 10^18
// and recorded in the artifact. wsp-verify now bounds domains by 65536
// (docs/verify.md, D2).
// RUN: %python %S/../Inputs/bad_input.py %s | FileCheck %s
// CHECK:      == wsp-opt: exit 1
// CHECK-NEXT: domains-huge.mlir:[[@LINE+20]]:5: error: 'wsp.dispatch' op: domains = 1000000000000000000 is more than 65536, the most scheduler domains a dispatch may name {{.*}}; give the number of domains of the target
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
