// RUN: wsp-opt --taskring-verify %s | FileCheck %s
// RUN: wsp-opt %s > %t.before
// RUN: wsp-opt --taskring-verify %s > %t.after
// RUN: diff %t.before %t.after

// taskring-verify accepts valid IR of both flavors and leaves it untouched
// (the diff above). Values sit at the pinned runtime's limits where a test
// can reach them (and the lowering's conventions, docs/lowering.md, hold):
// task_window 4, heap_bytes 1024, func_id 31, 16 params with
// 8 inouts, rank-5 tensors, views ending exactly at the base extent, scope
// depth 63, host_build_graph's 131072 tasks. Each nested module is one
// artifact; the outer module holds no taskring op and is not checked.

// CHECK-LABEL: module @tmr
// CHECK:         "taskring.runtime"() {{.*}}flavor = "tensormap_and_ringbuffer", heap_bytes = 1024 : i64, task_window = 4 : i64}
module @tmr {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 4 : i64,
                        heap_bytes = 1024 : i64, dep_pool = 0 : i64,
                        aicpu_threads = 4 : i64, block_dim = 24 : i64,
                        abi = "wsp-artifact/1"} : () -> ()

  func.func private @scale_body(%x: memref<16x64xf32>, %y: memref<16x64xf32>, %s: f32)

  // CHECK: "taskring.kernel"() {func_id = 0 : i64, impl = "generated", modes = ["in", "out", "scalar"], source = @scale_body, sym_name = "scale", worker = "aiv"}
  "taskring.kernel"() {sym_name = "scale", func_id = 0 : i64, worker = "aiv",
                       modes = ["in", "out", "scalar"], impl = "generated",
                       source = @scale_body} : () -> ()
  // CHECK: "taskring.kernel"() {func_id = 31 : i64, {{.*}}sym_name = "wide", worker = "aic"}
  "taskring.kernel"() {sym_name = "wide", func_id = 31 : i64, worker = "aic",
                       modes = ["inout", "inout", "inout", "inout", "inout", "inout", "inout", "inout",
                                "in", "in", "in", "in", "in", "in", "out", "scalar"],
                       impl = "source", source = "kernels/aic/wide.cpp"} : () -> ()

  // The builtin alloc kernel: an empty kernel whose output param makes the
  // runtime allocate a heap tensor.
  // CHECK: "taskring.kernel"() {func_id = 1 : i64, impl = "builtin", modes = ["out"], source = "alloc", sym_name = "wsp_alloc", worker = "aiv"}
  "taskring.kernel"() {sym_name = "wsp_alloc", func_id = 1 : i64, worker = "aiv",
                       modes = ["out"], impl = "builtin", source = "alloc"} : () -> ()

  // The function's arguments are args[0..2] (%n is a scalar argument without
  // an op); taskring.arg indices continue at 3.
  // CHECK-LABEL: func.func @main(
  // CHECK:         "taskring.arg"() {index = 3 : i64, name = "s"} : () -> f32
  // CHECK:         "taskring.tensor_alloc"() {dtype = "bfloat16", shape = array<i64: 2, 2, 2, 2, 2>}
  // CHECK:         "taskring.submit"({{.*}}) {domain = 0 : i64, func_id = 0 : i64, kernel = @scale, worker = "aiv"}
  // CHECK:         "taskring.submit"({{.*}}) {func_id = 0 : i64, kernel = @scale, worker = "aiv"}
  // CHECK:         "taskring.submit"({{.*}}) {func_id = 31 : i64, kernel = @wide, worker = "aic"}
  // CHECK:         "taskring.scope_end"() : () -> ()
  func.func @main(%x: memref<64x64xf32>, %acc: memref<64x64xf32>, %n: index) {
    %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<64x64xf32>) -> !taskring.tensor
    %s = "taskring.arg"() {index = 3 : i64, name = "s"} : () -> f32
    %ta = "taskring.tensor_external"(%acc) {index = 1 : i64, name = "acc"} : (memref<64x64xf32>) -> !taskring.tensor
    %len = "taskring.arg"() {index = 4 : i64, name = "seq_len"} : () -> i64
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %five = "taskring.tensor_alloc"() {shape = array<i64: 2, 2, 2, 2, 2>, dtype = "bfloat16"} : () -> !taskring.tensor
    %pf = "taskring.output"(%five) : (!taskring.tensor) -> !taskring.param
    %kf = "taskring.submit"(%pf) {kernel = @wsp_alloc, func_id = 1 : i64, worker = "aiv"} : (!taskring.param) -> !taskring.task
    %fv = "taskring.view"(%five) {static_offsets = array<i64: 1, 1, 1, 1, 1>, sizes = array<i64: 1, 1, 1, 1, 1>} : (!taskring.tensor) -> !taskring.tensor
    scf.for %t = %c0 to %n step %c1 {
      "taskring.scope_begin"() : () -> ()
      %off = arith.muli %t, %c16 : index
      %tmp = "taskring.tensor_alloc"() {shape = array<i64: 16, 64>, dtype = "float32"} : () -> !taskring.tensor
      %xv = "taskring.view"(%tx, %off) {static_offsets = array<i64: -9223372036854775808, 0>, sizes = array<i64: 16, 64>} : (!taskring.tensor, index) -> !taskring.tensor
      %p0 = "taskring.input"(%xv) : (!taskring.tensor) -> !taskring.param
      %p1 = "taskring.output"(%tmp) : (!taskring.tensor) -> !taskring.param
      %p2 = "taskring.scalar"(%s) : (f32) -> !taskring.param
      %k0 = "taskring.submit"(%p0, %p1, %p2) {kernel = @scale, func_id = 0 : i64, worker = "aiv", domain = 0 : i64} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
      // An "in" or "out" parameter may be widened to inout (docs/lowering.md).
      %w0 = "taskring.inout"(%xv) : (!taskring.tensor) -> !taskring.param
      %w1 = "taskring.inout"(%tmp) : (!taskring.tensor) -> !taskring.param
      %k2 = "taskring.submit"(%w0, %w1, %p2) {kernel = @scale, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
      %cond = arith.cmpi eq, %t, %c0 : index
      scf.if %cond {
        "taskring.scope_begin"() : () -> ()
        // A view ending exactly at the base extent, and a view of a view.
        %last = "taskring.view"(%ta) {static_offsets = array<i64: 48, 0>, sizes = array<i64: 16, 64>} : (!taskring.tensor) -> !taskring.tensor
        %half = "taskring.view"(%last) {static_offsets = array<i64: 0, 32>, sizes = array<i64: 16, 32>} : (!taskring.tensor) -> !taskring.tensor
        %io = "taskring.inout"(%half) : (!taskring.tensor) -> !taskring.param
        %in = "taskring.input"(%tmp) : (!taskring.tensor) -> !taskring.param
        %out = "taskring.output"(%fv) : (!taskring.tensor) -> !taskring.param
        %sc = "taskring.scalar"(%len) : (i64) -> !taskring.param
        %k1 = "taskring.submit"(%io, %io, %io, %io, %io, %io, %io, %io, %in, %in, %in, %in, %in, %in, %out, %sc) {kernel = @wide, func_id = 31 : i64, worker = "aic"} : (!taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param) -> !taskring.task
        "taskring.scope_end"() : () -> ()
      }
      "taskring.scope_end"() : () -> ()
    }
    return
  }

  // The deepest nesting an orchestration may open: 63 scopes (the executor's
  // own scope is the 64th of PTO2_MAX_SCOPE_DEPTH).
  // CHECK-LABEL: func.func @deep(
  func.func @deep() {
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
    return
  }
}

// CHECK-LABEL: module @hbg
// CHECK:         "taskring.runtime"() {{.*}}flavor = "host_build_graph"{{.*}}task_window = 131072 : i64}
module @hbg {
  "taskring.runtime"() {flavor = "host_build_graph", task_window = 131072 : i64,
                        heap_bytes = 0 : i64, dep_pool = 0 : i64,
                        aicpu_threads = 3 : i64, block_dim = 24 : i64,
                        abi = "wsp-artifact/1"} : () -> ()
  "taskring.kernel"() {sym_name = "copy", func_id = 0 : i64, worker = "aiv",
                       modes = ["in", "out", "scalar"], impl = "source",
                       source = "kernels/aiv/copy.cpp"} : () -> ()

  // CHECK-LABEL: func.func @main(
  // CHECK:         %[[T0:.*]] = "taskring.submit"({{.*}}) {func_id = 0 : i64, kernel = @copy, worker = "aiv"}
  // CHECK:         %[[T1:.*]] = "taskring.submit"({{.*}}) {func_id = 0 : i64, kernel = @copy, worker = "aiv"}
  // CHECK:         "taskring.edge"(%[[T0]], %[[T1]]) : (!taskring.task, !taskring.task) -> ()
  func.func @main(%x: memref<64x64xi8>, %y: memref<64x64xi8>) attributes {taskring.orchestration} {
    %rows = "taskring.arg"() {index = 2 : i64, name = "rows"} : () -> index
    %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<64x64xi8>) -> !taskring.tensor
    %ty = "taskring.tensor_external"(%y) {index = 1 : i64, name = "y"} : (memref<64x64xi8>) -> !taskring.tensor
    %tmp = "taskring.tensor_alloc"() {shape = array<i64: 64, 64>, dtype = "int8"} : () -> !taskring.tensor
    %yv = "taskring.view"(%ty) {static_offsets = array<i64: 0, 0>, sizes = array<i64: 64, 64>} : (!taskring.tensor) -> !taskring.tensor
    %a0 = "taskring.input"(%tx) : (!taskring.tensor) -> !taskring.param
    %a1 = "taskring.output"(%tmp) : (!taskring.tensor) -> !taskring.param
    %a2 = "taskring.scalar"(%rows) : (index) -> !taskring.param
    %b0 = "taskring.input"(%tmp) : (!taskring.tensor) -> !taskring.param
    %b1 = "taskring.output"(%yv) : (!taskring.tensor) -> !taskring.param
    %t0 = "taskring.submit"(%a0, %a1, %a2) {kernel = @copy, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
    %t1 = "taskring.submit"(%b0, %b1, %a2) {kernel = @copy, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
    "taskring.edge"(%t0, %t1) : (!taskring.task, !taskring.task) -> ()
    return
  }
}
