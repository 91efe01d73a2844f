// A three-process CSP pipeline over 8 tiles of 16x64 (docs/csp.md):
//
//   loader --l2c (capacity 2)--> compute --c2s (capacity 2)--> store
//
// @loader writes 2 * (tile t of %x) into the intermediate %a and sends t once
// that task has completed. @compute receives a tile index, zeroes the tile of
// %b, accumulates %a's tile into it and sends the index on. @store receives
// it and writes %b's tile + 1 to %y: y = 2 * x + 1 (golden.py).
//
//   wsp-opt csp_pipeline.mlir --pass-pipeline='builtin.module(wsp-verify,wsp-check-deadlock,wsp-print-task-graph)' -o /dev/null
//   wsp-compile csp_pipeline.mlir -o out/csp_pipeline --golden golden.py
//
// The task graph shows all three kinds of ordering: data hazards (load ->
// compute, zero -> compute, compute -> store), channel edges (load -> zero:
// the zero task touches nothing the load wrote, only the token orders it)
// and credit edges (a slot of l2c reused by a later send waits for the
// compute tasks of the token that held it).

func.func @load(%x: memref<16x64xf32, strided<[64, 1], offset: ?>>,
                %a: memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c16 step %c1 {
    scf.for %j = %c0 to %c64 step %c1 {
      %v = memref.load %x[%i, %j] : memref<16x64xf32, strided<[64, 1], offset: ?>>
      %two = arith.constant 2.0 : f32
      %r = arith.mulf %v, %two : f32
      memref.store %r, %a[%i, %j] : memref<16x64xf32, strided<[64, 1], offset: ?>>
    }
  }
  return
}
func.func @zero(%b: memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c16 step %c1 {
    scf.for %j = %c0 to %c64 step %c1 {
      %z = arith.constant 0.0 : f32
      memref.store %z, %b[%i, %j] : memref<16x64xf32, strided<[64, 1], offset: ?>>
    }
  }
  return
}
func.func @accumulate(%a: memref<16x64xf32, strided<[64, 1], offset: ?>>,
                      %b: memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "inout"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c16 step %c1 {
    scf.for %j = %c0 to %c64 step %c1 {
      %u = memref.load %a[%i, %j] : memref<16x64xf32, strided<[64, 1], offset: ?>>
      %v = memref.load %b[%i, %j] : memref<16x64xf32, strided<[64, 1], offset: ?>>
      %r = arith.addf %u, %v : f32
      memref.store %r, %b[%i, %j] : memref<16x64xf32, strided<[64, 1], offset: ?>>
    }
  }
  return
}
func.func @write(%b: memref<16x64xf32, strided<[64, 1], offset: ?>>,
                 %y: memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c16 step %c1 {
    scf.for %j = %c0 to %c64 step %c1 {
      %v = memref.load %b[%i, %j] : memref<16x64xf32, strided<[64, 1], offset: ?>>
      %one = arith.constant 1.0 : f32
      %r = arith.addf %v, %one : f32
      memref.store %r, %y[%i, %j] : memref<16x64xf32, strided<[64, 1], offset: ?>>
    }
  }
  return
}

func.func @main(%x: memref<128x64xf32> {wsp.name = "x"}, %y: memref<128x64xf32> {wsp.name = "y"})
    attributes {wsp.workload} {
  %n = arith.constant 8 : index
  %a = memref.alloc() : memref<128x64xf32>
  %b = memref.alloc() : memref<128x64xf32>
  %l2c = "wsp.create_channel"() {name = "l2c", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %c2s = "wsp.create_channel"() {name = "c2s", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %l0 = "wsp.out"(%l2c) : (!wsp.channel<i64>) -> !wsp.arg
  %l1 = "wsp.in"(%x) : (memref<128x64xf32>) -> !wsp.arg
  %l2 = "wsp.out"(%a) : (memref<128x64xf32>) -> !wsp.arg
  %l3 = "wsp.scalar"(%n) : (index) -> !wsp.arg
  "wsp.spawn"(%l0, %l1, %l2, %l3) {process = @loader} : (!wsp.arg, !wsp.arg, !wsp.arg, !wsp.arg) -> ()
  %c0 = "wsp.in"(%l2c) : (!wsp.channel<i64>) -> !wsp.arg
  %c1 = "wsp.out"(%c2s) : (!wsp.channel<i64>) -> !wsp.arg
  %c2 = "wsp.in"(%a) : (memref<128x64xf32>) -> !wsp.arg
  %c3 = "wsp.inout"(%b) : (memref<128x64xf32>) -> !wsp.arg
  %c4 = "wsp.scalar"(%n) : (index) -> !wsp.arg
  "wsp.spawn"(%c0, %c1, %c2, %c3, %c4) {process = @compute} : (!wsp.arg, !wsp.arg, !wsp.arg, !wsp.arg, !wsp.arg) -> ()
  %s0 = "wsp.in"(%c2s) : (!wsp.channel<i64>) -> !wsp.arg
  %s1 = "wsp.in"(%b) : (memref<128x64xf32>) -> !wsp.arg
  %s2 = "wsp.out"(%y) : (memref<128x64xf32>) -> !wsp.arg
  %s3 = "wsp.scalar"(%n) : (index) -> !wsp.arg
  "wsp.spawn"(%s0, %s1, %s2, %s3) {process = @store} : (!wsp.arg, !wsp.arg, !wsp.arg, !wsp.arg) -> ()
  return
}

// Sends tile indices 0..n-1; returning closes l2c.
func.func @loader(%out: !wsp.channel<i64>, %x: memref<128x64xf32>, %a: memref<128x64xf32>, %n: index)
    attributes {wsp.process, wsp.access = ["out", "in", "out", "scalar"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  scf.for %t = %c0 to %n step %c1 {
    %off = arith.muli %t, %c16 : index
    %xv = memref.subview %x[%off, 0] [16, 64] [1, 1] : memref<128x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %av = memref.subview %a[%off, 0] [16, 64] [1, 1] : memref<128x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %in = "wsp.in"(%xv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %res = "wsp.out"(%av) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%in, %res) {kernel = @load} : (!wsp.arg, !wsp.arg) -> !wsp.handle
    %tok = arith.index_cast %t : index to i64
    "wsp.send"(%out, %tok, %h) : (!wsp.channel<i64>, i64, !wsp.handle) -> ()
  }
  return
}

// Receives n tile indices; for each, zeroes and accumulates the tile of %b
// and passes the index on once the accumulation has completed.
func.func @compute(%in: !wsp.channel<i64>, %out: !wsp.channel<i64>, %a: memref<128x64xf32>,
                   %b: memref<128x64xf32>, %n: index)
    attributes {wsp.process, wsp.access = ["in", "out", "in", "inout", "scalar"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  scf.for %i = %c0 to %n step %c1 {
    %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
    %t = arith.index_cast %tok : i64 to index
    %off = arith.muli %t, %c16 : index
    %av = memref.subview %a[%off, 0] [16, 64] [1, 1] : memref<128x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %bv = memref.subview %b[%off, 0] [16, 64] [1, 1] : memref<128x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %z = "wsp.out"(%bv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %hz = "wsp.task"(%z) {kernel = @zero} : (!wsp.arg) -> !wsp.handle
    %src = "wsp.in"(%av) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %acc = "wsp.inout"(%bv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %hc = "wsp.task"(%src, %acc) {kernel = @accumulate} : (!wsp.arg, !wsp.arg) -> !wsp.handle
    "wsp.send"(%out, %tok, %hc) : (!wsp.channel<i64>, i64, !wsp.handle) -> ()
  }
  return
}

// Receives n tile indices and stores each tile of %b into %y.
func.func @store(%in: !wsp.channel<i64>, %b: memref<128x64xf32>, %y: memref<128x64xf32>, %n: index)
    attributes {wsp.process, wsp.access = ["in", "in", "out", "scalar"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  scf.for %i = %c0 to %n step %c1 {
    %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
    %t = arith.index_cast %tok : i64 to index
    %off = arith.muli %t, %c16 : index
    %bv = memref.subview %b[%off, 0] [16, 64] [1, 1] : memref<128x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %yv = memref.subview %y[%off, 0] [16, 64] [1, 1] : memref<128x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %src = "wsp.in"(%bv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %dst = "wsp.out"(%yv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%src, %dst) {kernel = @write} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}
