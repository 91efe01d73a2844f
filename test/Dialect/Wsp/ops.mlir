// RUN: wsp-opt %s | wsp-opt | FileCheck %s
// RUN: mlir-opt-22 --irdl-file=%wsp_irdl %s | mlir-opt-22 --irdl-file=%wsp_irdl | FileCheck %s

// Round trip of every wsp type and op in generic form, inside realistic
// programs: kernels, workloads, CSP processes, host symbols and slot reads.
// Structure only; semantic checks are wsp-verify's (test/Dialect/Wsp/verify.mlir).

// A kernel with a body: the compiler generates its source.
// CHECK-LABEL: func.func @scale(
// CHECK-SAME:    attributes {wsp.access = ["in", "out", "scalar"], wsp.kernel = "aiv"}
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

// A kernel whose source the user provides: no body.
// CHECK-LABEL: func.func private @accum(
// CHECK-SAME:    wsp.kernel = "aic", wsp.source = "kernels/aic/accum.cpp"
func.func private @accum(memref<16x64xf32, strided<[64, 1], offset: ?>>,
                         memref<16x64xf32, strided<[64, 1], offset: ?>>, i64)
    attributes {wsp.kernel = "aic", wsp.access = ["in", "inout", "scalar"],
                wsp.source = "kernels/aic/accum.cpp"}

// Tasks on tile views, a task window, dispatch with and without a key.
// CHECK-LABEL: func.func @main(
// CHECK-SAME:    %[[X:[^:]*]]: memref<64x64xf32>, %[[Y:[^:]*]]: memref<64x64xf32>, %[[ACC:[^:]*]]: memref<64x64xf32>, %[[S:[^:]*]]: f32) attributes {wsp.workload}
// CHECK:         "wsp.task_window"() {mode = "stall", size = 16 : i64, unit = "tasks"} : () -> ()
// CHECK:         %[[N:.*]] = "wsp.symbol"() {name = "seq_len"} : () -> i64
// CHECK:         scf.for %[[T:.*]] =
// CHECK:           %[[XV:.*]] = memref.subview %[[X]]
// CHECK:           %[[YV:.*]] = memref.subview %[[Y]]
// CHECK:           %[[AV:.*]] = memref.subview %[[ACC]]
// CHECK:           %[[A0:.*]] = "wsp.in"(%[[XV]]) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
// CHECK:           %[[A1:.*]] = "wsp.out"(%[[YV]]) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
// CHECK:           %[[A2:.*]] = "wsp.scalar"(%[[S]]) : (f32) -> !wsp.arg
// CHECK:           %[[H:.*]] = "wsp.task"(%[[A0]], %[[A1]], %[[A2]]) {kernel = @scale} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
// CHECK:           "wsp.dispatch"(%[[H]], %[[T]]) {domains = 3 : i64, policy = "affinity"} : (!wsp.handle, index) -> ()
// CHECK:           %[[B0:.*]] = "wsp.in"(%[[YV]])
// CHECK:           %[[B1:.*]] = "wsp.inout"(%[[AV]]) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
// CHECK:           %[[B2:.*]] = "wsp.scalar"(%[[N]]) : (i64) -> !wsp.arg
// CHECK:           %[[G:.*]] = "wsp.task"(%[[B0]], %[[B1]], %[[B2]]) {kernel = @accum}
// CHECK:           "wsp.dispatch"(%[[G]]) {domains = 3 : i64, policy = "round_robin"} : (!wsp.handle) -> ()
func.func @main(%x: memref<64x64xf32>, %y: memref<64x64xf32>, %acc: memref<64x64xf32>,
                %s: f32) attributes {wsp.workload} {
  "wsp.task_window"() {size = 16 : i64, unit = "tasks", mode = "stall"} : () -> ()
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %n = "wsp.symbol"() {name = "seq_len"} : () -> i64
  scf.for %t = %c0 to %c4 step %c1 {
    %off = arith.muli %t, %c16 : index
    %xv = memref.subview %x[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %yv = memref.subview %y[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %av = memref.subview %acc[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %a0 = "wsp.in"(%xv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a1 = "wsp.out"(%yv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a2 = "wsp.scalar"(%s) : (f32) -> !wsp.arg
    %h = "wsp.task"(%a0, %a1, %a2) {kernel = @scale} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
    "wsp.dispatch"(%h, %t) {policy = "affinity", domains = 3 : i64} : (!wsp.handle, index) -> ()
    %b0 = "wsp.in"(%yv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %b1 = "wsp.inout"(%av) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %b2 = "wsp.scalar"(%n) : (i64) -> !wsp.arg
    %g = "wsp.task"(%b0, %b1, %b2) {kernel = @accum} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
    "wsp.dispatch"(%g) {policy = "round_robin", domains = 3 : i64} : (!wsp.handle) -> ()
  }
  return
}

// CSP producer: scales tile t of %x into %tmp, then sends t once that task
// has completed; closes the channel when done.
// CHECK-LABEL: func.func @producer(
// CHECK-SAME:    %[[C:[^:]*]]: !wsp.channel<i64>, %[[PX:[^:]*]]: memref<64x64xf32>, %[[PTMP:[^:]*]]: memref<64x64xf32>, %[[PS:[^:]*]]: f32)
// CHECK-SAME:    attributes {wsp.access = ["out", "in", "out", "scalar"], wsp.process}
// CHECK:         scf.for %[[T:.*]] =
// CHECK:           %[[H:.*]] = "wsp.task"
// CHECK:           %[[TOK:.*]] = arith.index_cast %[[T]] : index to i64
// CHECK:           "wsp.send"(%[[C]], %[[TOK]], %[[H]]) : (!wsp.channel<i64>, i64, !wsp.handle) -> ()
// CHECK:         "wsp.close"(%[[C]]) : (!wsp.channel<i64>) -> ()
func.func @producer(%c: !wsp.channel<i64>, %x: memref<64x64xf32>, %tmp: memref<64x64xf32>, %s: f32)
    attributes {wsp.process, wsp.access = ["out", "in", "out", "scalar"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  scf.for %t = %c0 to %c4 step %c1 {
    %off = arith.muli %t, %c16 : index
    %xv = memref.subview %x[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %tv = memref.subview %tmp[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %a0 = "wsp.in"(%xv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a1 = "wsp.out"(%tv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a2 = "wsp.scalar"(%s) : (f32) -> !wsp.arg
    %h = "wsp.task"(%a0, %a1, %a2) {kernel = @scale} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
    %tok = arith.index_cast %t : index to i64
    "wsp.send"(%c, %tok, %h) : (!wsp.channel<i64>, i64, !wsp.handle) -> ()
  }
  "wsp.close"(%c) : (!wsp.channel<i64>) -> ()
  return
}

// CSP consumer: receives tile indices until the channel is closed and drained.
// CHECK-LABEL: func.func @consumer(
// CHECK-SAME:    %[[C:[^:]*]]: !wsp.channel<i64>,
// CHECK-SAME:    attributes {wsp.access = ["in", "in", "out", "scalar"], wsp.process}
// CHECK:         scf.while
// CHECK:           %[[R:.*]]:2 = "wsp.recv"(%[[C]]) : (!wsp.channel<i64>) -> (i1, i64)
// CHECK:           scf.condition(%[[R]]#0) %[[R]]#1 : i64
func.func @consumer(%c: !wsp.channel<i64>, %tmp: memref<64x64xf32>, %y: memref<64x64xf32>, %s: f32)
    attributes {wsp.process, wsp.access = ["in", "in", "out", "scalar"]} {
  %c16 = arith.constant 16 : index
  %last = scf.while : () -> i64 {
    %ok, %tok = "wsp.recv"(%c) : (!wsp.channel<i64>) -> (i1, i64)
    scf.condition(%ok) %tok : i64
  } do {
  ^bb0(%tok: i64):
    %t = arith.index_cast %tok : i64 to index
    %off = arith.muli %t, %c16 : index
    %tv = memref.subview %tmp[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %yv = memref.subview %y[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %a0 = "wsp.in"(%tv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a1 = "wsp.out"(%yv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a2 = "wsp.scalar"(%s) : (f32) -> !wsp.arg
    %h = "wsp.task"(%a0, %a1, %a2) {kernel = @scale} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
    scf.yield
  }
  return
}

// The CSP workload: a channel, and two spawns that pass it as out / in.
// CHECK-LABEL: func.func @pipeline(
// CHECK-SAME:    %[[X:[^:]*]]: memref<64x64xf32>, %[[Y:[^:]*]]: memref<64x64xf32>, %[[S:[^:]*]]: f32) attributes {wsp.workload}
// CHECK:         %[[TMP:.*]] = memref.alloc() : memref<64x64xf32>
// CHECK:         %[[C:.*]] = "wsp.create_channel"() {capacity = 2 : i64, name = "tiles"} : () -> !wsp.channel<i64>
// CHECK:         %[[P0:.*]] = "wsp.out"(%[[C]]) : (!wsp.channel<i64>) -> !wsp.arg
// CHECK:         %[[P1:.*]] = "wsp.in"(%[[X]])
// CHECK:         %[[P2:.*]] = "wsp.out"(%[[TMP]]) : (memref<64x64xf32>) -> !wsp.arg
// CHECK:         %[[P3:.*]] = "wsp.scalar"(%[[S]])
// CHECK:         "wsp.spawn"(%[[P0]], %[[P1]], %[[P2]], %[[P3]]) {process = @producer} : (!wsp.arg, !wsp.arg, !wsp.arg, !wsp.arg) -> ()
// CHECK:         %[[Q0:.*]] = "wsp.in"(%[[C]]) : (!wsp.channel<i64>) -> !wsp.arg
// CHECK:         "wsp.spawn"(%[[Q0]], {{.*}}) {process = @consumer}
func.func @pipeline(%x: memref<64x64xf32>, %y: memref<64x64xf32>, %s: f32) attributes {wsp.workload} {
  %tmp = memref.alloc() : memref<64x64xf32>
  %c = "wsp.create_channel"() {name = "tiles", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %p0 = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %p1 = "wsp.in"(%x) : (memref<64x64xf32>) -> !wsp.arg
  %p2 = "wsp.out"(%tmp) : (memref<64x64xf32>) -> !wsp.arg
  %p3 = "wsp.scalar"(%s) : (f32) -> !wsp.arg
  "wsp.spawn"(%p0, %p1, %p2, %p3) {process = @producer} : (!wsp.arg, !wsp.arg, !wsp.arg, !wsp.arg) -> ()
  %q0 = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %q1 = "wsp.in"(%tmp) : (memref<64x64xf32>) -> !wsp.arg
  %q2 = "wsp.out"(%y) : (memref<64x64xf32>) -> !wsp.arg
  %q3 = "wsp.scalar"(%s) : (f32) -> !wsp.arg
  "wsp.spawn"(%q0, %q1, %q2, %q3) {process = @consumer} : (!wsp.arg, !wsp.arg, !wsp.arg, !wsp.arg) -> ()
  return
}

// A slot read drives control flow and a dispatch key; host symbols of other
// scalar types.
// CHECK-LABEL: func.func @slots(
// CHECK-SAME:    %[[FLAGS:[^:]*]]: memref<4x8xi32>, %[[X:[^:]*]]: memref<64x64xf32>, %[[Y:[^:]*]]: memref<64x64xf32>)
// CHECK:         %[[ALPHA:.*]] = "wsp.symbol"() {name = "alpha"} : () -> f32
// CHECK:         %[[ROWS:.*]] = "wsp.symbol"() {name = "rows"} : () -> index
// CHECK:         %[[FLAG:.*]] = "wsp.slot_read"(%[[FLAGS]], %{{.*}}, %{{.*}}) : (memref<4x8xi32>, index, index) -> i32
// CHECK:         %[[DONE:.*]] = "wsp.slot_read"(%[[FLAGS]], %{{.*}}, %{{.*}}) : (memref<4x8xi32>, index, index) -> i1
// CHECK:         scf.if %[[DONE]] {
// CHECK:           %[[H:.*]] = "wsp.task"
// CHECK:           "wsp.dispatch"(%[[H]], %[[FLAG]]) {domains = 4 : i64, policy = "hash"} : (!wsp.handle, i32) -> ()
// CHECK:         %[[R:.*]] = "wsp.scalar"(%[[ROWS]]) : (index) -> !wsp.arg
func.func @slots(%flags: memref<4x8xi32>, %x: memref<64x64xf32>, %y: memref<64x64xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %alpha = "wsp.symbol"() {name = "alpha"} : () -> f32
  %rows = "wsp.symbol"() {name = "rows"} : () -> index
  %flag = "wsp.slot_read"(%flags, %c0, %c1) : (memref<4x8xi32>, index, index) -> i32
  %done = "wsp.slot_read"(%flags, %c1, %c1) : (memref<4x8xi32>, index, index) -> i1
  scf.if %done {
    %xv = memref.subview %x[0, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1]>>
    %yv = memref.subview %y[0, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1]>>
    %xc = memref.cast %xv : memref<16x64xf32, strided<[64, 1]>> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %yc = memref.cast %yv : memref<16x64xf32, strided<[64, 1]>> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %a0 = "wsp.in"(%xc) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a1 = "wsp.out"(%yc) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a2 = "wsp.scalar"(%alpha) : (f32) -> !wsp.arg
    %h = "wsp.task"(%a0, %a1, %a2) {kernel = @scale} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
    "wsp.dispatch"(%h, %flag) {policy = "hash", domains = 4 : i64} : (!wsp.handle, i32) -> ()
  }
  %r = "wsp.scalar"(%rows) : (index) -> !wsp.arg
  return
}

// Channel element types other than i64, and a send with no `after` tasks.
// CHECK-LABEL: func.func @channel_types(
// CHECK-SAME:    %[[I:[^:]*]]: index, %[[J:[^:]*]]: i32)
// CHECK:         %[[CI:.*]] = "wsp.create_channel"() {capacity = 0 : i64, name = "rendezvous"} : () -> !wsp.channel<index>
// CHECK:         "wsp.send"(%[[CI]], %[[I]]) : (!wsp.channel<index>, index) -> ()
// CHECK:         %{{.*}}:2 = "wsp.recv"(%[[CI]]) : (!wsp.channel<index>) -> (i1, index)
// CHECK:         %[[CJ:.*]] = "wsp.create_channel"() {capacity = 8 : i64, name = "ids"} : () -> !wsp.channel<i32>
// CHECK:         "wsp.send"(%[[CJ]], %[[J]]) : (!wsp.channel<i32>, i32) -> ()
// CHECK:         "wsp.close"(%[[CJ]]) : (!wsp.channel<i32>) -> ()
func.func @channel_types(%i: index, %j: i32) {
  %ci = "wsp.create_channel"() {name = "rendezvous", capacity = 0 : i64} : () -> !wsp.channel<index>
  "wsp.send"(%ci, %i) : (!wsp.channel<index>, index) -> ()
  %ok, %tok = "wsp.recv"(%ci) : (!wsp.channel<index>) -> (i1, index)
  %cj = "wsp.create_channel"() {name = "ids", capacity = 8 : i64} : () -> !wsp.channel<i32>
  "wsp.send"(%cj, %j) : (!wsp.channel<i32>, i32) -> ()
  "wsp.close"(%cj) : (!wsp.channel<i32>) -> ()
  return
}
