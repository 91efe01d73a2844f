// z = x + y over 64x128 f32 tensors in 32x32 tiles: a 2 x 4 grid of
// independent tasks of the generated `add` kernel. At most 8 tasks are in
// flight (stall), and tasks are spread over 3 scheduler domains round-robin.
func.func @add(%x: memref<32x32xf32, strided<[128, 1], offset: ?>>,
               %y: memref<32x32xf32, strided<[128, 1], offset: ?>>,
               %z: memref<32x32xf32, strided<[128, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "in", "out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  scf.for %i = %c0 to %c32 step %c1 {
    scf.for %j = %c0 to %c32 step %c1 {
      %a = memref.load %x[%i, %j] : memref<32x32xf32, strided<[128, 1], offset: ?>>
      %b = memref.load %y[%i, %j] : memref<32x32xf32, strided<[128, 1], offset: ?>>
      %s = arith.addf %a, %b : f32
      memref.store %s, %z[%i, %j] : memref<32x32xf32, strided<[128, 1], offset: ?>>
    }
  }
  return
}

func.func @main(%x: memref<64x128xf32> {wsp.name = "x"}, %y: memref<64x128xf32> {wsp.name = "y"},
                %z: memref<64x128xf32> {wsp.name = "z"}) attributes {wsp.workload} {
  "wsp.task_window"() {size = 8 : i64, unit = "tasks", mode = "stall"} : () -> ()
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c32 = arith.constant 32 : index
  scf.for %i = %c0 to %c2 step %c1 {
    scf.for %j = %c0 to %c4 step %c1 {
      %r = arith.muli %i, %c32 : index
      %c = arith.muli %j, %c32 : index
      %xv = memref.subview %x[%r, %c] [32, 32] [1, 1] : memref<64x128xf32> to memref<32x32xf32, strided<[128, 1], offset: ?>>
      %yv = memref.subview %y[%r, %c] [32, 32] [1, 1] : memref<64x128xf32> to memref<32x32xf32, strided<[128, 1], offset: ?>>
      %zv = memref.subview %z[%r, %c] [32, 32] [1, 1] : memref<64x128xf32> to memref<32x32xf32, strided<[128, 1], offset: ?>>
      %a0 = "wsp.in"(%xv) : (memref<32x32xf32, strided<[128, 1], offset: ?>>) -> !wsp.arg
      %a1 = "wsp.in"(%yv) : (memref<32x32xf32, strided<[128, 1], offset: ?>>) -> !wsp.arg
      %a2 = "wsp.out"(%zv) : (memref<32x32xf32, strided<[128, 1], offset: ?>>) -> !wsp.arg
      %h = "wsp.task"(%a0, %a1, %a2) {kernel = @add} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
      "wsp.dispatch"(%h) {policy = "round_robin", domains = 3 : i64} : (!wsp.handle) -> ()
    }
  }
  return
}
