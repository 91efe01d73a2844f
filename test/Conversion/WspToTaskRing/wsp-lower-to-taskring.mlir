// RUN: wsp-opt %s --split-input-file --wsp-lower-to-taskring=target=pto-runtime-41d5c94a | FileCheck %s
// RUN: wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-lower-to-taskring{runtime=host_build_graph target=pto-runtime-41d5c94a})' | FileCheck %s --check-prefix=HBG

// Kernels become taskring.kernel ops in module order; a generated kernel keeps
// its body function, a user-source kernel's declaration is dropped. Workload
// tensors become tensor_external, views become taskring.view with the dynamic
// offset as an operand, the window becomes the runtime op.

// CHECK:       "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 8 : i64, window_mode = "stall"}
// CHECK-LABEL: func.func @gen(
// CHECK:       "taskring.kernel"() {func_id = 0 : i64, impl = "generated", modes = ["in", "out"], name = "gen", source = @gen, sym_name = "gen.kernel", worker = "aiv"}
// CHECK-NOT:   func.func private @user
// CHECK:       "taskring.kernel"() {func_id = 1 : i64, impl = "source", modes = ["in", "inout", "scalar"], name = "user", source = "user.cpp", sym_name = "user.kernel", worker = "aic"}
// CHECK-LABEL: func.func @main(
// CHECK-SAME:    attributes {taskring.arg_names = ["x", "y", "arg2"], taskring.orchestration}
// CHECK:         %[[X:.*]] = "taskring.tensor_external"(%arg0) {index = 0 : i64, name = "x"}
// CHECK:         %[[Y:.*]] = "taskring.tensor_external"(%arg1) {index = 1 : i64, name = "y"}
// CHECK:         scf.for %[[T:.*]] =
// CHECK:           %[[OFF:.*]] = arith.muli %[[T]]
// CHECK:           %[[XV:.*]] = "taskring.view"(%[[X]], %[[OFF]]) {sizes = array<i64: 16, 64>, static_offsets = array<i64: -9223372036854775808, 0>}
// CHECK:           %[[YV:.*]] = "taskring.view"(%[[Y]], %[[OFF]])
// Both tensors are read and written in the loop, so every tile access is
// inout: the TensorMap then orders each write after earlier overlapping
// reads and writes of the same tile, and nothing else.
// CHECK:           %[[P0:.*]] = "taskring.inout"(%[[XV]])
// CHECK:           %[[P1:.*]] = "taskring.inout"(%[[YV]])
// CHECK:           "taskring.submit"(%[[P0]], %[[P1]]) {func_id = 0 : i64, kernel = @gen.kernel, worker = "aiv"}
// CHECK:           %[[P2:.*]] = "taskring.inout"(%[[YV]])
// CHECK:           %[[P3:.*]] = "taskring.inout"(%[[XV]])
// CHECK:           %[[P4:.*]] = "taskring.scalar"(%arg2)
// CHECK:           "taskring.submit"(%[[P2]], %[[P3]], %[[P4]]) {func_id = 1 : i64, kernel = @user.kernel, worker = "aic"}
// CHECK-NOT:     wsp.
// HBG:         flavor = "host_build_graph"
// HBG-SAME:    task_window = 8 : i64
// HBG-LABEL:   func.func @main(
// HBG:           "taskring.input"
// HBG-NEXT:      "taskring.output"
func.func @gen(%x: memref<16x64xf32, strided<[64, 1], offset: ?>>, %y: memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"]} {
  return
}
func.func private @user(memref<16x64xf32, strided<[64, 1], offset: ?>>, memref<16x64xf32, strided<[64, 1], offset: ?>>, f32)
    attributes {wsp.kernel = "aic", wsp.access = ["in", "inout", "scalar"], wsp.source = "user.cpp"}
func.func @main(%x: memref<64x64xf32> {wsp.name = "x"}, %y: memref<64x64xf32> {wsp.name = "y"}, %s: f32) attributes {wsp.workload} {
  "wsp.task_window"() {size = 8 : i64, unit = "tasks", mode = "stall"} : () -> ()
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
    %h0 = "wsp.task"(%a0, %a1) {kernel = @gen} : (!wsp.arg, !wsp.arg) -> !wsp.handle
    %b0 = "wsp.in"(%yv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %b1 = "wsp.inout"(%xv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %b2 = "wsp.scalar"(%s) : (f32) -> !wsp.arg
    %h1 = "wsp.task"(%b0, %b1, %b2) {kernel = @user} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}

// -----

// Mode choice on tensormap_and_ringbuffer: a read of a tensor nobody writes
// stays an input; a read followed by a write of the same tensor becomes inout
// (write-after-read); the single write outside loops stays an output.

// CHECK-LABEL: func.func @main(
// CHECK:         %[[A:.*]] = "taskring.tensor_external"(%arg0)
// CHECK:         %[[B:.*]] = "taskring.tensor_external"(%arg1)
// CHECK:         %[[C:.*]] = "taskring.tensor_external"(%arg2)
// CHECK:         "taskring.input"(%[[A]])
// CHECK-NEXT:    "taskring.inout"(%[[B]])
// CHECK:         "taskring.submit"
// CHECK:         "taskring.input"(%[[A]])
// CHECK-NEXT:    "taskring.output"(%[[B]])
// CHECK:         "taskring.submit"
// CHECK:         "taskring.input"(%[[B]])
// CHECK-NEXT:    "taskring.output"(%[[C]])
// HBG-LABEL:   func.func @main(
// HBG:           "taskring.input"
// HBG-NEXT:      "taskring.input"
func.func private @k(memref<8xf32>, memref<8xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in", "in"], wsp.source = "k.cpp"}
func.func private @w(memref<8xf32>, memref<8xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"], wsp.source = "w.cpp"}
func.func @main(%a: memref<8xf32>, %b: memref<8xf32>, %c: memref<8xf32>) attributes {wsp.workload} {
  %a0 = "wsp.in"(%a) : (memref<8xf32>) -> !wsp.arg
  %a1 = "wsp.in"(%b) : (memref<8xf32>) -> !wsp.arg
  %t0 = "wsp.task"(%a0, %a1) {kernel = @k} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  %b0 = "wsp.in"(%a) : (memref<8xf32>) -> !wsp.arg
  %b1 = "wsp.out"(%b) : (memref<8xf32>) -> !wsp.arg
  %t1 = "wsp.task"(%b0, %b1) {kernel = @w} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  %c0 = "wsp.in"(%b) : (memref<8xf32>) -> !wsp.arg
  %c1 = "wsp.out"(%c) : (memref<8xf32>) -> !wsp.arg
  %t2 = "wsp.task"(%c0, %c1) {kernel = @w} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  return
}

// -----

// A read in an inner loop is followed by the write of the next iteration of
// an outer loop: it becomes inout too (write-after-read across iterations),
// not only when the write shares the innermost loop.

// CHECK-LABEL: func.func @main(
// CHECK:         %[[T:.*]] = "taskring.tensor_external"(%arg0)
// CHECK:         scf.for
// CHECK:           "taskring.inout"
// CHECK:           scf.for
// CHECK:             "taskring.inout"(%[[T]])
// CHECK-NEXT:        "taskring.submit"
func.func private @put(memref<1x16xf32, strided<[16, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "put.cpp"}
func.func private @reduce(memref<8x16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "reduce.cpp"}
func.func @main(%t: memref<8x16xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c8 = arith.constant 8 : index
  scf.for %i = %c0 to %c8 step %c1 {
    %row = memref.subview %t[%i, 0] [1, 16] [1, 1] : memref<8x16xf32> to memref<1x16xf32, strided<[16, 1], offset: ?>>
    %a = "wsp.out"(%row) : (memref<1x16xf32, strided<[16, 1], offset: ?>>) -> !wsp.arg
    %p = "wsp.task"(%a) {kernel = @put} : (!wsp.arg) -> !wsp.handle
    scf.for %j = %c0 to %c2 step %c1 {
      %b = "wsp.in"(%t) : (memref<8x16xf32>) -> !wsp.arg
      %r = "wsp.task"(%b) {kernel = @reduce} : (!wsp.arg) -> !wsp.handle
    }
  }
  return
}

// -----

// An intermediate outside loops becomes, on tensormap_and_ringbuffer, a
// scratch argument of the orchestration (no alloc task holds the ring; the
// runner provides the memory); host_build_graph allocates it on the device
// (a runtime heap tensor plus a submit of the builtin alloc kernel, which its
// orchestration turns into device_malloc). Symbols become orchestration
// arguments after the workload's own (scratch included), hoisted and shared
// per name; dispatch keeps its raw key for wsp-assign-domains.

// CHECK-NOT:   "wsp_alloc"
// CHECK-LABEL: func.func @main(
// CHECK-SAME:    %{{.*}}: memref<8xf32>, %[[S:.*]]: memref<8xf32> {wsp.name = "wsp_scratch0", wsp.scratch}
// CHECK-SAME:    taskring.arg_names = ["arg0", "wsp_scratch0"]
// CHECK:         %[[N:.*]] = "taskring.arg"() {index = 2 : i64, name = "n"} : () -> i64
// CHECK-NOT:     "taskring.arg"
// CHECK:         %[[T:.*]] = "taskring.tensor_external"(%[[S]]) {index = 1 : i64, name = "wsp_scratch0", taskring.scratch}
// CHECK-NOT:     "taskring.tensor_alloc"
// CHECK:         %[[P:.*]] = "taskring.output"(%[[T]])
// CHECK:         %[[H:.*]] = "taskring.submit"(%[[P]]
// CHECK:         "taskring.dispatch"(%[[H]], %[[N]]) {domains = 4 : i64, policy = "hash", wsp.unassigned}
// CHECK:         "taskring.scalar"(%[[N]])

// HBG:         "taskring.kernel"() {func_id = 1 : i64, impl = "builtin", modes = ["out"], name = "wsp_alloc", source = "alloc", sym_name = "wsp_alloc.kernel", worker = "aiv"}
// HBG-LABEL:   func.func @main(%{{.*}}: memref<8xf32>) attributes
// HBG:         %[[N:.*]] = "taskring.arg"() {index = 1 : i64, name = "n"} : () -> i64
// HBG:         %[[T:.*]] = "taskring.tensor_alloc"() {dtype = "float32", shape = array<i64: 8>}
// HBG-NEXT:    %[[P:.*]] = "taskring.output"(%[[T]])
// HBG-NEXT:    "taskring.submit"(%[[P]]) {func_id = 1 : i64, kernel = @wsp_alloc.kernel, worker = "aiv"}
func.func private @fill(memref<8xf32>, i64) attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"], wsp.source = "fill.cpp"}
func.func @main(%x: memref<8xf32>) attributes {wsp.workload} {
  %n = "wsp.symbol"() {name = "n"} : () -> i64
  %tmp = memref.alloc() : memref<8xf32>
  %a0 = "wsp.out"(%tmp) : (memref<8xf32>) -> !wsp.arg
  %a1 = "wsp.scalar"(%n) : (i64) -> !wsp.arg
  %h = "wsp.task"(%a0, %a1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  "wsp.dispatch"(%h, %n) {policy = "hash", domains = 4 : i64} : (!wsp.handle, i64) -> ()
  %n2 = "wsp.symbol"() {name = "n"} : () -> i64
  %b0 = "wsp.out"(%x) : (memref<8xf32>) -> !wsp.arg
  %b1 = "wsp.scalar"(%n2) : (i64) -> !wsp.arg
  %h2 = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  return
}

// -----

// An intermediate allocated inside a loop lives in that iteration's scope:
// a runtime heap tensor allocated by the builtin alloc kernel, on both
// runtimes.

// CHECK:       "taskring.kernel"() {func_id = 1 : i64, impl = "builtin"
// CHECK-LABEL: func.func @main(%{{.*}}: memref<8xf32>) attributes
// CHECK:         scf.for
// CHECK:           %[[T:.*]] = "taskring.tensor_alloc"() {dtype = "float32", shape = array<i64: 8>}
// CHECK-NEXT:      %[[P:.*]] = "taskring.output"(%[[T]])
// CHECK-NEXT:      "taskring.submit"(%[[P]]) {func_id = 1 : i64, kernel = @wsp_alloc.kernel
func.func private @fill(memref<8xf32>, i64) attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"], wsp.source = "fill.cpp"}
func.func @main(%x: memref<8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %k = arith.constant 7 : i64
  scf.for %i = %c0 to %c2 step %c1 {
    %tmp = memref.alloc() : memref<8xf32>
    %a0 = "wsp.out"(%tmp) : (memref<8xf32>) -> !wsp.arg
    %a1 = "wsp.scalar"(%k) : (i64) -> !wsp.arg
    %h = "wsp.task"(%a0, %a1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}
