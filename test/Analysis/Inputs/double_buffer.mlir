// Double buffering through a channel (docs/csp.md, Races): the loader copies
// tile t of x into staging slot t % 2 and sends t; the consumer receives t
// and copies slot t % 2 to tile t of y. With 2 slots the channel may hold at
// most 1 token: tests substitute CAPACITY (and SLOTS).
func.func @copy(%src: memref<1x64xf32, strided<[64, 1], offset: ?>>,
                %dst: memref<1x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.for %j = %c0 to %c64 step %c1 {
    %v = memref.load %src[%c0, %j] : memref<1x64xf32, strided<[64, 1], offset: ?>>
    memref.store %v, %dst[%c0, %j] : memref<1x64xf32, strided<[64, 1], offset: ?>>
  }
  return
}
func.func @loader(%out: !wsp.channel<i64>, %x: memref<8x64xf32>, %stage: memref<SLOTSx64xf32>)
    attributes {wsp.process, wsp.access = ["out", "in", "out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %cs = arith.constant SLOTS : index
  scf.for %t = %c0 to %c8 step %c1 {
    %s = arith.remui %t, %cs : index
    %xv = memref.subview %x[%t, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    %sv = memref.subview %stage[%s, 0] [1, 64] [1, 1] : memref<SLOTSx64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    %a0 = "wsp.in"(%xv) : (memref<1x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a1 = "wsp.out"(%sv) : (memref<1x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a0, %a1) {kernel = @copy} : (!wsp.arg, !wsp.arg) -> !wsp.handle
    %tok = arith.index_cast %t : index to i64
    "wsp.send"(%out, %tok, %h) : (!wsp.channel<i64>, i64, !wsp.handle) -> ()
  }
  return
}
func.func @consumer(%in: !wsp.channel<i64>, %stage: memref<SLOTSx64xf32>, %y: memref<8x64xf32>)
    attributes {wsp.process, wsp.access = ["in", "in", "out"]} {
  %cs = arith.constant SLOTS : index
  %last = scf.while : () -> i64 {
    %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
    scf.condition(%ok) %tok : i64
  } do {
  ^bb0(%t64: i64):
    %t = arith.index_cast %t64 : i64 to index
    %s = arith.remui %t, %cs : index
    %sv = memref.subview %stage[%s, 0] [1, 64] [1, 1] : memref<SLOTSx64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    %yv = memref.subview %y[%t, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    %a0 = "wsp.in"(%sv) : (memref<1x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a1 = "wsp.out"(%yv) : (memref<1x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a0, %a1) {kernel = @copy} : (!wsp.arg, !wsp.arg) -> !wsp.handle
    scf.yield
  }
  return
}
func.func @main(%x: memref<8x64xf32> {wsp.name = "x"}, %stage: memref<SLOTSx64xf32> {wsp.name = "stage"},
                %y: memref<8x64xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "l2c", capacity = CAPACITY : i64} : () -> !wsp.channel<i64>
  %p0 = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %p1 = "wsp.in"(%x) : (memref<8x64xf32>) -> !wsp.arg
  %p2 = "wsp.out"(%stage) : (memref<SLOTSx64xf32>) -> !wsp.arg
  "wsp.spawn"(%p0, %p1, %p2) {process = @loader} : (!wsp.arg, !wsp.arg, !wsp.arg) -> ()
  %q0 = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %q1 = "wsp.in"(%stage) : (memref<SLOTSx64xf32>) -> !wsp.arg
  %q2 = "wsp.out"(%y) : (memref<8x64xf32>) -> !wsp.arg
  "wsp.spawn"(%q0, %q1, %q2) {process = @consumer} : (!wsp.arg, !wsp.arg, !wsp.arg) -> ()
  return
}
