// Tiles outside their tensor: a loop of 8 iterations takes row t of a 4-row
// tensor. The offset is the induction variable of a loop with constant
// bounds, so wsp-verify knows its largest value (7) and rejects the subview
// at its location, with a note at the loop (docs/verify.md, V1). Was accepted
// (docs/reliability.md, G3): the artifact's tasks 4..7 wrote past the end of x
// on the device.
// RUN: %python %S/../Inputs/bad_input.py %s | FileCheck %s
// CHECK:      == wsp-opt: exit 1
// CHECK-NEXT: view-out-of-bounds.mlir:[[@LINE+14]]:10: error: 'memref.subview' op: the tile leaves its tensor in dimension 0: offset up to 7 + size 1 = 8 exceeds the extent 4 of 'memref<4x64xf32>'; {{.*}}: bound the loop
// CHECK-NEXT: view-out-of-bounds.mlir:[[@LINE+12]]:3: note: the offset depends on the induction variable of this loop, which runs from 0 to 7
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
