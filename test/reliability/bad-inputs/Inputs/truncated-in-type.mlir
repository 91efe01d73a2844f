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

func.func @main(%x: memref<64x