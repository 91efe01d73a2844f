// y = s * x over a 64x64 tensor, in four 16-row tiles. Each tile is one task of
// the generated `scale` kernel; the tiles are independent, so all four may run
// in parallel. At most 16 tasks are in flight (stall = real backpressure), and
// each task is assigned a scheduler domain by tile index (affinity, 3 domains).
func.func @scale(%x: memref<16x64xf32, strided<[64, 1], offset: ?>>,
                 %y: memref<16x64xf32, strided<[64, 1], offset: ?>>, %s: f32)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "out", "scalar"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c16 step %c1 {
    scf.for %j = %c0 to %c64 step %c1 {
      %v = memref.load %x[%i, %j] : memref<16x64xf32, strided<[64, 1], offset: ?>>
      %r = arith.mulf %v, %s : f32
      memref.store %r, %y[%i, %j] : memref<16x64xf32, strided<[64, 1], offset: ?>>
    }
  }
  return
}

func.func @main(%x: memref<64x64xf32> {wsp.name = "x"}, %y: memref<64x64xf32> {wsp.name = "y"},
                %s: f32 {wsp.name = "s"}) attributes {wsp.workload} {
  "wsp.task_window"() {size = 16 : i64, unit = "tasks", mode = "stall"} : () -> ()
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  scf.for %t = %c0 to %c4 step %c1 {
    %off = arith.muli %t, %c16 : index
    %xv = memref.subview %x[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %yv = memref.subview %y[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %a0 = "wsp.in"(%xv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a1 = "wsp.out"(%yv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a2 = "wsp.scalar"(%s) : (f32) -> !wsp.arg
    %h = "wsp.task"(%a0, %a1, %a2) {kernel = @scale} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
    "wsp.dispatch"(%h, %t) {policy = "aff