// RUN: wsp-opt %s | wsp-opt | FileCheck %s
// RUN: mlir-opt-22 --irdl-file=%taskring_irdl %s | mlir-opt-22 --irdl-file=%taskring_irdl | FileCheck %s

// Round trip of every taskring type and op in generic form. Each nested module
// is one artifact: a tensormap_and_ringbuffer (PTO2) program with scopes,
// views and runtime-heap tensors, and a host_build_graph program with explicit
// edges. Structure only; semantic checks are taskring-verify's.

// CHECK-LABEL: module @tmr
// CHECK:         "taskring.runtime"() {abi = "wsp-artifact/1", aicpu_threads = 4 : i64, block_dim = 24 : i64, dep_pool = 65536 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 1073741824 : i64, task_window = 16 : i64} : () -> ()
module @tmr {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64,
                        heap_bytes = 1073741824 : i64, dep_pool = 65536 : i64,
                        aicpu_threads = 4 : i64, block_dim = 24 : i64,
                        abi = "wsp-artifact/1"} : () -> ()

  // The generated kernel's body stays a func.func; the kernel op refers to it.
  // CHECK-LABEL: func.func private @scale_body(
  func.func private @scale_body(%x: memref<16x64xf32, strided<[64, 1], offset: ?>>,
                                %y: memref<16x64xf32, strided<[64, 1], offset: ?>>, %s: f32) {
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

  // CHECK:       "taskring.kernel"() {func_id = 0 : i64, impl = "generated", modes = ["in", "out", "scalar"], source = @scale_body, sym_name = "scale", worker = "aiv"} : () -> ()
  "taskring.kernel"() {sym_name = "scale", func_id = 0 : i64, worker = "aiv",
                       modes = ["in", "out", "scalar"], impl = "generated",
                       source = @scale_body} : () -> ()
  // CHECK:       "taskring.kernel"() {func_id = 1 : i64, impl = "source", modes = ["in", "inout", "scalar"], source = "kernels/aic/accum.cpp", sym_name = "accum", worker = "aic"} : () -> ()
  "taskring.kernel"() {sym_name = "accum", func_id = 1 : i64, worker = "aic",
                       modes = ["in", "inout", "scalar"], impl = "source",
                       source = "kernels/aic/accum.cpp"} : () -> ()

  // CHECK-LABEL: func.func @main(
  // CHECK-SAME:    %[[X:[^:]*]]: memref<64x64xf32>, %[[Y:[^:]*]]: memref<64x64xf32>, %[[ACC:[^:]*]]: memref<64x64xf32>)
  // CHECK:         %[[S:.*]] = "taskring.arg"() {index = 3 : i64, name = "s"} : () -> f32
  // CHECK:         %[[N:.*]] = "taskring.arg"() {index = 4 : i64, name = "seq_len"} : () -> i64
  // CHECK:         %[[TX:.*]] = "taskring.tensor_external"(%[[X]]) {index = 0 : i64, name = "x"} : (memref<64x64xf32>) -> !taskring.tensor
  // CHECK:         %[[TY:.*]] = "taskring.tensor_external"(%[[Y]])
  // CHECK:         %[[TA:.*]] = "taskring.tensor_external"(%[[ACC]])
  // CHECK:         scf.for %[[T:.*]] =
  // CHECK:           "taskring.scope_begin"() : () -> ()
  // CHECK:           %[[OFF:.*]] = arith.muli %[[T]]
  // CHECK:           %[[TMP:.*]] = "taskring.tensor_alloc"() {dtype = "float32", shape = array<i64: 16, 64>} : () -> !taskring.tensor
  // CHECK:           %[[XV:.*]] = "taskring.view"(%[[TX]], %[[OFF]]) {sizes = array<i64: 16, 64>, static_offsets = array<i64: -9223372036854775808, 0>} : (!taskring.tensor, index) -> !taskring.tensor
  // CHECK:           %[[P0:.*]] = "taskring.input"(%[[XV]]) : (!taskring.tensor) -> !taskring.param
  // CHECK:           %[[P1:.*]] = "taskring.output"(%[[TMP]]) : (!taskring.tensor) -> !taskring.param
  // CHECK:           %[[P2:.*]] = "taskring.scalar"(%[[S]]) : (f32) -> !taskring.param
  // CHECK:           %{{.*}} = "taskring.submit"(%[[P0]], %[[P1]], %[[P2]]) {domain = 0 : i64, func_id = 0 : i64, kernel = @scale, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
  // CHECK:           %[[AV:.*]] = "taskring.view"(%[[TA]], %[[OFF]])
  // CHECK:           %[[Q0:.*]] = "taskring.input"(%[[TMP]])
  // CHECK:           %[[Q1:.*]] = "taskring.inout"(%[[AV]]) : (!taskring.tensor) -> !taskring.param
  // CHECK:           %[[Q2:.*]] = "taskring.scalar"(%[[N]]) : (i64) -> !taskring.param
  // CHECK:           "taskring.submit"(%[[Q0]], %[[Q1]], %[[Q2]]) {func_id = 1 : i64, kernel = @accum, worker = "aic"}
  // CHECK:           "taskring.scope_end"() : () -> ()
  func.func @main(%x: memref<64x64xf32>, %y: memref<64x64xf32>, %acc: memref<64x64xf32>) {
    %s = "taskring.arg"() {index = 3 : i64, name = "s"} : () -> f32
    %n = "taskring.arg"() {index = 4 : i64, name = "seq_len"} : () -> i64
    %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<64x64xf32>) -> !taskring.tensor
    %ty = "taskring.tensor_external"(%y) {index = 1 : i64, name = "y"} : (memref<64x64xf32>) -> !taskring.tensor
    %ta = "taskring.tensor_external"(%acc) {index = 2 : i64, name = "acc"} : (memref<64x64xf32>) -> !taskring.tensor
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c16 = arith.constant 16 : index
    scf.for %t = %c0 to %c4 step %c1 {
      "taskring.scope_begin"() : () -> ()
      %off = arith.muli %t, %c16 : index
      %tmp = "taskring.tensor_alloc"() {shape = array<i64: 16, 64>, dtype = "float32"} : () -> !taskring.tensor
      %xv = "taskring.view"(%tx, %off) {static_offsets = array<i64: -9223372036854775808, 0>, sizes = array<i64: 16, 64>} : (!taskring.tensor, index) -> !taskring.tensor
      %p0 = "taskring.input"(%xv) : (!taskring.tensor) -> !taskring.param
      %p1 = "taskring.output"(%tmp) : (!taskring.tensor) -> !taskring.param
      %p2 = "taskring.scalar"(%s) : (f32) -> !taskring.param
      %k0 = "taskring.submit"(%p0, %p1, %p2) {kernel = @scale, func_id = 0 : i64, worker = "aiv", domain = 0 : i64} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
      %av = "taskring.view"(%ta, %off) {static_offsets = array<i64: -9223372036854775808, 0>, sizes = array<i64: 16, 64>} : (!taskring.tensor, index) -> !taskring.tensor
      %q0 = "taskring.input"(%tmp) : (!taskring.tensor) -> !taskring.param
      %q1 = "taskring.inout"(%av) : (!taskring.tensor) -> !taskring.param
      %q2 = "taskring.scalar"(%n) : (i64) -> !taskring.param
      %k1 = "taskring.submit"(%q0, %q1, %q2) {kernel = @accum, func_id = 1 : i64, worker = "aic"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
      "taskring.scope_end"() : () -> ()
    }
    return
  }
}

// CHECK-LABEL: module @hbg
// CHECK:         "taskring.runtime"() {{.*}}flavor = "host_build_graph"
module @hbg {
  "taskring.runtime"() {flavor = "host_build_graph", task_window = 131072 : i64,
                        heap_bytes = 0 : i64, dep_pool = 0 : i64,
                        aicpu_threads = 4 : i64, block_dim = 24 : i64,
                        abi = "wsp-artifact/1"} : () -> ()
  "taskring.kernel"() {sym_name = "copy", func_id = 0 : i64, worker = "aiv",
                       modes = ["in", "out", "scalar"], impl = "source",
                       source = "kernels/aiv/copy.cpp"} : () -> ()

  // Two tasks on the same tensor: the write-after-write hazard is an explicit
  // edge (add_successor). Views with fully static offsets take no operands.
  // CHECK-LABEL: func.func @main(
  // CHECK:         %[[I:.*]] = "taskring.arg"() {index = 2 : i64, name = "rows"} : () -> index
  // CHECK:         %[[V:.*]] = "taskring.view"(%{{.*}}) {sizes = array<i64: 16, 64>, static_offsets = array<i64: 0, 0>} : (!taskring.tensor) -> !taskring.tensor
  // CHECK:         %[[T0:.*]] = "taskring.submit"({{.*}}) {func_id = 0 : i64, kernel = @copy, worker = "aiv"}
  // CHECK:         %[[T1:.*]] = "taskring.submit"({{.*}}) {func_id = 0 : i64, kernel = @copy, worker = "aiv"}
  // CHECK:         "taskring.edge"(%[[T0]], %[[T1]]) : (!taskring.task, !taskring.task) -> ()
  func.func @main(%x: memref<64x64xf32>, %y: memref<64x64xf32>) {
    %rows = "taskring.arg"() {index = 2 : i64, name = "rows"} : () -> index
    %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<64x64xf32>) -> !taskring.tensor
    %ty = "taskring.tensor_external"(%y) {index = 1 : i64, name = "y"} : (memref<64x64xf32>) -> !taskring.tensor
    %yv = "taskring.view"(%ty) {static_offsets = array<i64: 0, 0>, sizes = array<i64: 16, 64>} : (!taskring.tensor) -> !taskring.tensor
    %a0 = "taskring.input"(%tx) : (!taskring.tensor) -> !taskring.param
    %a1 = "taskring.output"(%yv) : (!taskring.tensor) -> !taskring.param
    %a2 = "taskring.scalar"(%rows) : (index) -> !taskring.param
    %t0 = "taskring.submit"(%a0, %a1, %a2) {kernel = @copy, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
    %t1 = "taskring.submit"(%a0, %a1, %a2) {kernel = @copy, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
    "taskring.edge"(%t0, %t1) : (!taskring.task, !taskring.task) -> ()
    return
  }
}
