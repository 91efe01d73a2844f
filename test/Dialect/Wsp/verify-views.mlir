// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-verify)' -o /dev/null
// Rule V2 (docs/verify.md): in a workload or a process, memrefs are made only
// by what the later stages address: memref.subview with static sizes, unit
// strides and the source's rank, memref.cast, memref.alloc, memref.alloca.
// Each other op is an error at that op (the lowering said "not a view of a
// workload tensor" at the task). test/reliability/view-matrix.mlir compiles
// every accepted form for both targets.

func.func @k(%t: memref<1x16xf32>, %y: memref<4xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"]} {
  return
}
func.func @main(%x: memref<4x16xf32> {wsp.name = "x"}, %y: memref<4xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  // expected-error@+1 {{'memref.reinterpret_cast' op: makes the memref 'memref<1x16xf32>' (result #0) in @main (a workload); the runtime addresses only tensor parameters, allocations (memref.alloc / memref.alloca) and tiles of them made by memref.subview and memref.cast, so no later stage can use this value as a tensor: take the tile with memref.subview of the tensor itself (reshape or reinterpret it inside the kernel)}}
  %t = memref.reinterpret_cast %x to offset: [0], sizes: [1, 16], strides: [16, 1] : memref<4x16xf32> to memref<1x16xf32>
  %a0 = "wsp.in"(%t) : (memref<1x16xf32>) -> !wsp.arg
  %a1 = "wsp.out"(%y) : (memref<4xf32>) -> !wsp.arg
  %h = "wsp.task"(%a0, %a1) {kernel = @k} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  return
}

// -----

func.func @k(%t: memref<16xf32, strided<[1], offset: 16>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"]} {
  return
}
func.func @proc(%x: memref<4x16xf32>) attributes {wsp.process, wsp.access = ["out"]} {
  // expected-error@+1 {{'memref.collapse_shape' op: makes the memref 'memref<64xf32>' (result #0) in @proc (a process)}}
  %c = memref.collapse_shape %x [[0, 1]] : memref<4x16xf32> into memref<64xf32>
  %t = memref.subview %c[16] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1], offset: 16>>
  %a = "wsp.out"(%t) : (memref<16xf32, strided<[1], offset: 16>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}
func.func @main(%x: memref<4x16xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  // expected-error@+1 {{'memref.expand_shape' op: makes the memref 'memref<4x2x8xf32>' (result #0) in @main (a workload)}}
  %e = memref.expand_shape %x [[0], [1, 2]] output_shape [4, 2, 8] : memref<4x16xf32> into memref<4x2x8xf32>
  %a = "wsp.out"(%x) : (memref<4x16xf32>) -> !wsp.arg
  "wsp.spawn"(%a) {process = @proc} : (!wsp.arg) -> ()
  return
}

// -----

// Subviews the runtime's Tensor::view cannot take.
func.func @main(%x: memref<4x16xf32> {wsp.name = "x"}, %n: index) attributes {wsp.workload} {
  %c1 = arith.constant 1 : index
  // expected-error@+1 {{'memref.subview' op: dimension 1 of the tile has stride 2; the runtime addresses a tile by offsets and a shape, with unit strides (Tensor::view on both targets): use stride 1 and pick the elements inside the kernel}}
  %a = memref.subview %x[%c1, 0] [1, 8] [1, 2] : memref<4x16xf32> to memref<1x8xf32, strided<[16, 2], offset: ?>>
  // expected-error@+1 {{'memref.subview' op: dimension 0 of the tile has a dynamic stride}}
  %b = memref.subview %x[0, 0] [1, 8] [%n, 1] : memref<4x16xf32> to memref<1x8xf32, strided<[?, 1]>>
  // expected-error@+1 {{'memref.subview' op: dimension 0 of the tile has a dynamic size; the runtime addresses a tile by offsets and a static shape (Tensor::view on both targets): give every dimension a static size (one task per tile size, or pad the tensor)}}
  %c = memref.subview %x[0, 0] [%c1, 16] [1, 1] : memref<4x16xf32> to memref<?x16xf32, strided<[16, 1]>>
  // expected-error@+1 {{'memref.subview' op: reduces rank 2 to 1 ('memref<16xf32, strided<[1], offset: ?>>'); a runtime tile has the rank of its tensor: keep the unit dimensions in the result type}}
  %d = memref.subview %x[%c1, 0] [1, 16] [1, 1] : memref<4x16xf32> to memref<16xf32, strided<[1], offset: ?>>
  return
}
