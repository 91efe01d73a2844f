// C += A @ B for 64x64 f32 matrices in 32x32 tiles: for each output tile
// (m, n), a chain of tasks of the cube kernel `gemm_acc` accumulates
// A[m, k] @ B[k, n] into C[m, n] over k. C is read and written (inout): its
// initial contents take part in the result. Tiles of different (m, n) are
// independent; the k chain of one tile is ordered by its inout accesses.
func.func @gemm_acc(%a: memref<32x32xf32, strided<[64, 1], offset: ?>>,
                    %b: memref<32x32xf32, strided<[64, 1], offset: ?>>,
                    %c: memref<32x32xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aic", wsp.access = ["in", "in", "inout"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  scf.for %i = %c0 to %c32 step %c1 {
    scf.for %j = %c0 to %c32 step %c1 {
      %init = memref.load %c[%i, %j] : memref<32x32xf32, strided<[64, 1], offset: ?>>
      %sum = scf.for %p = %c0 to %c32 step %c1 iter_args(%acc = %init) -> (f32) {
        %x = memref.load %a[%i, %p] : memref<32x32xf32, strided<[64, 1], offset: ?>>
        %y = memref.load %b[%p, %j] : memref<32x32xf32, strided<[64, 1], offset: ?>>
        %m = arith.mulf %x, %y : f32
        %n = arith.addf %acc, %m : f32
        scf.yield %n : f32
      }
      memref.store %sum, %c[%i, %j] : memref<32x32xf32, strided<[64, 1], offset: ?>>
    }
  }
  return
}

func.func @main(%A: memref<64x64xf32> {wsp.name = "A"}, %B: memref<64x64xf32> {wsp.name = "B"},
                %C: memref<64x64xf32> {wsp.name = "C"}) attributes {wsp.workload} {
  "wsp.task_window"() {size = 16 : i64, unit = "tasks", mode = "stall"} : () -> ()
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c32 = arith.constant 32 : index
  scf.for %m = %c0 to %c2 step %c1 {
    scf.for %n = %c0 to %c2 step %c1 {
      scf.for %k = %c0 to %c2 step %c1 {
        %mo = arith.muli %m, %c32 : index
        %no = arith.muli %n, %c32 : index
        %ko = arith.muli %k, %c32 : index
        %av = memref.subview %A[%mo, %ko] [32, 32] [1, 1] : memref<64x64xf32> to memref<32x32xf32, strided<[64, 1], offset: ?>>
        %bv = memref.subview %B[%ko, %no] [32, 32] [1, 1] : memref<64x64xf32> to memref<32x32xf32, strided<[64, 1], offset: ?>>
        %cv = memref.subview %C[%mo, %no] [32, 32] [1, 1] : memref<64x64xf32> to memref<32x32xf32, strided<[64, 1], offset: ?>>
        %a0 = "wsp.in"(%av) : (memref<32x32xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
        %a1 = "wsp.in"(%bv) : (memref<32x32xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
        %a2 = "wsp.inout"(%cv) : (memref<32x32xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
        %h = "wsp.task"(%a0, %a1, %a2) {kernel = @gemm_acc} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
        %tile = arith.addi %mo, %n : index
        "wsp.dispatch"(%h, %tile) {policy = "hash", domains = 3 : i64} : (!wsp.handle, index) -> ()
      }
    }
  }
  return
}
