// Row softmax of a 64x64 f32 tensor in three phases over 16-row tiles:
//   1. rowmax:    m[r]    = max_j x[r, j]
//   2. expsum:    e[r, j] = exp(x[r, j] - m[r]),  s[r] = sum_j e[r, j]
//   3. normalize: y[r, j] = e[r, j] / s[r]
// m, s and e are intermediates (memref.alloc). Each phase is a loop of
// independent tasks; a tile's phase-2 task waits only for its own phase-1
// task, and so on, so phases of different tiles overlap.
func.func @rowmax(%x: memref<16x64xf32, strided<[64, 1], offset: ?>>,
                  %m: memref<16x1xf32, strided<[1, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %ninf = arith.constant 0xFF800000 : f32
  scf.for %i = %c0 to %c16 step %c1 {
    %max = scf.for %j = %c0 to %c64 step %c1 iter_args(%acc = %ninf) -> (f32) {
      %v = memref.load %x[%i, %j] : memref<16x64xf32, strided<[64, 1], offset: ?>>
      %n = arith.maximumf %acc, %v : f32
      scf.yield %n : f32
    }
    memref.store %max, %m[%i, %c0] : memref<16x1xf32, strided<[1, 1], offset: ?>>
  }
  return
}

func.func @expsum(%x: memref<16x64xf32, strided<[64, 1], offset: ?>>,
                  %m: memref<16x1xf32, strided<[1, 1], offset: ?>>,
                  %e: memref<16x64xf32, strided<[64, 1], offset: ?>>,
                  %s: memref<16x1xf32, strided<[1, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "in", "out", "out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  scf.for %i = %c0 to %c16 step %c1 {
    %mi = memref.load %m[%i, %c0] : memref<16x1xf32, strided<[1, 1], offset: ?>>
    %sum = scf.for %j = %c0 to %c64 step %c1 iter_args(%acc = %zero) -> (f32) {
      %v = memref.load %x[%i, %j] : memref<16x64xf32, strided<[64, 1], offset: ?>>
      %d = arith.subf %v, %mi : f32
      %ex = math.exp %d : f32
      memref.store %ex, %e[%i, %j] : memref<16x64xf32, strided<[64, 1], offset: ?>>
      %n = arith.addf %acc, %ex : f32
      scf.yield %n : f32
    }
    memref.store %sum, %s[%i, %c0] : memref<16x1xf32, strided<[1, 1], offset: ?>>
  }
  return
}

func.func @normalize(%e: memref<16x64xf32, strided<[64, 1], offset: ?>>,
                     %s: memref<16x1xf32, strided<[1, 1], offset: ?>>,
                     %y: memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "in", "out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c16 step %c1 {
    %si = memref.load %s[%i, %c0] : memref<16x1xf32, strided<[1, 1], offset: ?>>
    scf.for %j = %c0 to %c64 step %c1 {
      %v = memref.load %e[%i, %j] : memref<16x64xf32, strided<[64, 1], offset: ?>>
      %q = arith.divf %v, %si : f32
      memref.store %q, %y[%i, %j] : memref<16x64xf32, strided<[64, 1], offset: ?>>
    }
  }
  return
}

func.func @main(%x: memref<64x64xf32> {wsp.name = "x"}, %y: memref<64x64xf32> {wsp.name = "y"})
    attributes {wsp.workload} {
  "wsp.task_window"() {size = 16 : i64, unit = "tasks", mode = "stall"} : () -> ()
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %m = memref.alloc() : memref<64x1xf32>
  %s = memref.alloc() : memref<64x1xf32>
  %e = memref.alloc() : memref<64x64xf32>
  scf.for %t = %c0 to %c4 step %c1 {
    %r = arith.muli %t, %c16 : index
    %xv = memref.subview %x[%r, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %mv = memref.subview %m[%r, 0] [16, 1] [1, 1] : memref<64x1xf32> to memref<16x1xf32, strided<[1, 1], offset: ?>>
    %a0 = "wsp.in"(%xv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a1 = "wsp.out"(%mv) : (memref<16x1xf32, strided<[1, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a0, %a1) {kernel = @rowmax} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  scf.for %t = %c0 to %c4 step %c1 {
    %r = arith.muli %t, %c16 : index
    %xv = memref.subview %x[%r, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %mv = memref.subview %m[%r, 0] [16, 1] [1, 1] : memref<64x1xf32> to memref<16x1xf32, strided<[1, 1], offset: ?>>
    %ev = memref.subview %e[%r, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %sv = memref.subview %s[%r, 0] [16, 1] [1, 1] : memref<64x1xf32> to memref<16x1xf32, strided<[1, 1], offset: ?>>
    %a0 = "wsp.in"(%xv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a1 = "wsp.in"(%mv) : (memref<16x1xf32, strided<[1, 1], offset: ?>>) -> !wsp.arg
    %a2 = "wsp.out"(%ev) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a3 = "wsp.out"(%sv) : (memref<16x1xf32, strided<[1, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a0, %a1, %a2, %a3) {kernel = @expsum} : (!wsp.arg, !wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
  }
  scf.for %t = %c0 to %c4 step %c1 {
    %r = arith.muli %t, %c16 : index
    %ev = memref.subview %e[%r, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %sv = memref.subview %s[%r, 0] [16, 1] [1, 1] : memref<64x1xf32> to memref<16x1xf32, strided<[1, 1], offset: ?>>
    %yv = memref.subview %y[%r, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %a0 = "wsp.in"(%ev) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a1 = "wsp.in"(%sv) : (memref<16x1xf32, strided<[1, 1], offset: ?>>) -> !wsp.arg
    %a2 = "wsp.out"(%yv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a0, %a1, %a2) {kernel = @normalize} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}
