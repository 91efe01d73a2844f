// Tiles outside their tensor: a loop of 8 iterations takes row t of a 4-row
// tensor. Every offset is static, so the task-graph analysis that runs in
// wsp-to-taskring (wsp-check-fanin) knows each instance's tile.
// KNOWN GAP (docs/reliability.md, G3): accepted; the artifact's tasks 4..7
// write past the end of x on the device. Expected: a located error at the
// subview naming the iteration and the bounds. Remove the XFAIL line when
// it is checked.
// XFAIL: *
// RUN: %python %S/../Inputs/bad_input.py %s | FileCheck %s
// CHECK:      == wsp-opt: exit 1
// CHECK-NEXT: view-out-of-bounds.mlir:[[@LINE+13]]:{{[0-9]+}}: error:
// CHECK:      == wsp-compile: exit 1
// CHECK:      bad_input: ok

func.func @w(%a: memref<1x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"]} {
  return
}
func.func @main(%x: memref<4x64xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 8 : index
  scf.for %t = %c0 to %n step %c1 {
    %v = memref.subview %x[%t, 0] [1, 64] [1, 1] : memref<4x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @w} : (!wsp.arg) -> !wsp.handle
  }
  return
}
