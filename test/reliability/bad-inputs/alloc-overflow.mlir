// An intermediate of 2^61 x 4 f32 = 2^65 bytes: more than int64 can count.
// Was a bug (docs/reliability.md, B3), now fixed: taskring-size-resources multiplies the
// shape in int64 without overflow checks (passes/TaskRing/TaskRingSizeResources.c,
// allocBytes/heapNeed), the byte count wraps to 0 and the program is accepted
// with the default heap; the byte count is now checked and the allocation rejected.
// RUN: %python %S/../Inputs/bad_input.py %s | FileCheck %s
// CHECK:      == wsp-opt: exit 1
// CHECK-NEXT: alloc-overflow.mlir:[[@LINE+11]]:{{[0-9]+}}: error:
// CHECK:      == wsp-compile: exit 1
// CHECK:      bad_input: ok

func.func @k(%x: memref<16x4xf32, strided<[4, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"]} {
  return
}

func.func @main() attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %m = memref.alloc() : memref<2305843009213693952x4xf32>
  %v = memref.subview %m[%c0, 0] [16, 4] [1, 1] : memref<2305843009213693952x4xf32> to memref<16x4xf32, strided<[4, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<16x4xf32, strided<[4, 1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}
