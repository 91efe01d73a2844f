// RUN: wsp-opt --wsp-verify %s | FileCheck %s
// RUN: wsp-opt --wsp-verify=workload=main %s | FileCheck %s
// RUN: wsp-opt --wsp-verify %s | wsp-opt --wsp-verify | FileCheck %s
// Untouched: the output is exactly what printing without the pass gives.
// RUN: wsp-opt %s > %t.plain
// RUN: wsp-opt --wsp-verify %s > %t.verified
// RUN: diff %t.plain %t.verified

// A valid program that uses every wsp construct: wsp-verify accepts it and
// leaves it untouched (the output is the input, printed back). Invalid
// programs, one rule at a time, are in verify.mlir; every rule is listed in
// docs/verify.md.

// A generated kernel: a body, no wsp.source.
// CHECK-LABEL: func.func @scale(
// CHECK-SAME:    attributes {wsp.access = ["in", "out", "scalar"], wsp.kernel = "aiv"}
// CHECK:         arith.mulf
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

// A user kernel: no body, wsp.source; every mode, scalars of index and i64.
// CHECK-LABEL: func.func private @accum(
// CHECK-SAME:    attributes {wsp.access = ["in", "inout", "scalar", "scalar"], wsp.kernel = "aic", wsp.source = "kernels/aic/accum.cpp"}
func.func private @accum(memref<16x64xf32, strided<[64, 1], offset: ?>>,
                         memref<16x64xf32, strided<[64, 1], offset: ?>>, i64, index)
    attributes {wsp.kernel = "aic", wsp.access = ["in", "inout", "scalar", "scalar"],
                wsp.source = "kernels/aic/accum.cpp"}

// A kernel over whole tensors with a dynamic dimension (matches any size).
// CHECK-LABEL: func.func private @fill(
func.func private @fill(memref<?x64xf32>, f32)
    attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"],
                wsp.source = "kernels/aiv/fill.cpp"}

// The workload: the task window first; tasks on views of its tensors and of
// an allocation (through subview and cast); all four
// dispatch policies; host symbols; a slot read that drives control flow and a
// dispatch key; a channel between two spawned processes.
// CHECK-LABEL: func.func @main(
// CHECK-SAME:    attributes {wsp.workload}
// CHECK-NEXT:    "wsp.task_window"() {mode = "stall", size = 16 : i64, unit = "tasks"} : () -> ()
// CHECK:         "wsp.symbol"() {name = "seq_len"} : () -> i64
// CHECK:         "wsp.dispatch"(%{{.*}}, %{{.*}}) {domains = 3 : i64, policy = "affinity"} : (!wsp.handle, index) -> ()
// CHECK:         "wsp.dispatch"(%{{.*}}) {domains = 3 : i64, policy = "round_robin"} : (!wsp.handle) -> ()
// CHECK:         "wsp.dispatch"(%{{.*}}) {domains = 2 : i64, policy = "work_steal"} : (!wsp.handle) -> ()
// CHECK:         "wsp.slot_read"(%{{.*}}, %{{.*}}, %{{.*}}) : (memref<4x8xi32>, index, index) -> i32
// CHECK:         "wsp.slot_read"(%{{.*}}, %{{.*}}, %{{.*}}) : (memref<4x8xi32>, index, index) -> i1
// CHECK:         "wsp.dispatch"(%{{.*}}, %{{.*}}) {domains = 4 : i64, policy = "hash"} : (!wsp.handle, i32) -> ()
// CHECK:         "wsp.create_channel"() {capacity = 2 : i64, name = "tiles"} : () -> !wsp.channel<i64>
// CHECK:         "wsp.spawn"(%{{.*}}) {process = @producer}
// CHECK:         "wsp.spawn"(%{{.*}}) {process = @consumer}
func.func @main(%x: memref<64x64xf32>, %y: memref<64x64xf32>, %acc: memref<64x64xf32>,
                %flags: memref<4x8xi32>, %s: f32) attributes {wsp.workload} {
  "wsp.task_window"() {size = 16 : i64, unit = "tasks", mode = "stall"} : () -> ()
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %n = "wsp.symbol"() {name = "seq_len"} : () -> i64
  %rows = "wsp.symbol"() {name = "rows"} : () -> index
  %tmp = memref.alloc() : memref<64x64xf32>
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
    %b3 = "wsp.scalar"(%rows) : (index) -> !wsp.arg
    %g = "wsp.task"(%b0, %b1, %b2, %b3) {kernel = @accum} : (!wsp.arg, !wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
    "wsp.dispatch"(%g) {policy = "round_robin", domains = 3 : i64} : (!wsp.handle) -> ()
  }
  // Whole tensors: a cast to a dynamic size, and a cast of a subview of an allocation.
  %tc = memref.cast %tmp : memref<64x64xf32> to memref<?x64xf32>
  %f0 = "wsp.out"(%tc) : (memref<?x64xf32>) -> !wsp.arg
  %f1 = "wsp.scalar"(%s) : (f32) -> !wsp.arg
  %hf = "wsp.task"(%f0, %f1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  "wsp.dispatch"(%hf) {policy = "work_steal", domains = 2 : i64} : (!wsp.handle) -> ()
  %tr = memref.subview %tmp[0, 0] [32, 64] [1, 1] : memref<64x64xf32> to memref<32x64xf32, strided<[64, 1]>>
  %tg = memref.cast %tr : memref<32x64xf32, strided<[64, 1]>> to memref<?x64xf32>
  %g0 = "wsp.out"(%tg) : (memref<?x64xf32>) -> !wsp.arg
  %hg = "wsp.task"(%g0, %f1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  // Slot reads: a value (dispatch key) and a predicate (control flow).
  %flag = "wsp.slot_read"(%flags, %c0, %c1) : (memref<4x8xi32>, index, index) -> i32
  %done = "wsp.slot_read"(%flags, %c1, %c1) : (memref<4x8xi32>, index, index) -> i1
  scf.if %done {
    %xv = memref.subview %x[0, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1]>>
    %yv = memref.subview %y[0, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1]>>
    %a0 = "wsp.in"(%xv) : (memref<16x64xf32, strided<[64, 1]>>) -> !wsp.arg
    %a1 = "wsp.out"(%yv) : (memref<16x64xf32, strided<[64, 1]>>) -> !wsp.arg
    %a2 = "wsp.scalar"(%s) : (f32) -> !wsp.arg
    %h = "wsp.task"(%a0, %a1, %a2) {kernel = @scale} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
    "wsp.dispatch"(%h, %flag) {policy = "hash", domains = 4 : i64} : (!wsp.handle, i32) -> ()
  }
  // CSP: @producer sends on the channel, @consumer receives from it.
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

// The producer: scales tile t of %x into %tmp, sends t once that task has
// completed, closes the channel when done. (Host symbols are read by the
// workload only: a process gets its values from its spawn.)
// CHECK-LABEL: func.func @producer(
// CHECK-SAME:    attributes {wsp.access = ["out", "in", "out", "scalar"], wsp.process}
// CHECK:         "wsp.send"(%{{.*}}, %{{.*}}, %{{.*}}) : (!wsp.channel<i64>, i64, !wsp.handle) -> ()
// CHECK:         "wsp.close"(%{{.*}}) : (!wsp.channel<i64>) -> ()
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

// The consumer: receives tile indices until the channel is closed and drained.
// CHECK-LABEL: func.func @consumer(
// CHECK-SAME:    attributes {wsp.access = ["in", "in", "out", "scalar"], wsp.process}
// CHECK:         "wsp.recv"(%{{.*}}) : (!wsp.channel<i64>) -> (i1, i64)
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

// A plain helper function is fine as long as it holds no wsp task.
// CHECK-LABEL: func.func @helper(
func.func @helper(%i: index) -> index {
  return %i : index
}
