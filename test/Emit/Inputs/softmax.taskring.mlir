// examples/softmax/softmax.mlir lowered by hand to taskring (tensormap_and_ringbuffer;
// tests derive the host_build_graph variant by substituting flavor and aicpu_threads).
// The intermediates m, s, e are runtime tensors, each made real by a task of
// the builtin alloc kernel that writes it whole.
module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64,
      block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer",
      heap_bytes = 0 : i64, task_window = 16 : i64, window_mode = "stall"} : () -> ()
  func.func @rowmax(%x: memref<16x64xf32, strided<[64, 1], offset: ?>>,
                    %m: memref<16x1xf32, strided<[1, 1], offset: ?>>) {
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
                    %s: memref<16x1xf32, strided<[1, 1], offset: ?>>) {
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
                       %y: memref<16x64xf32, strided<[64, 1], offset: ?>>) {
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
  "taskring.kernel"() {sym_name = "rowmax.kernel", name = "rowmax", func_id = 0 : i64,
      worker = "aiv", modes = ["in", "out"], impl = "generated", source = @rowmax} : () -> ()
  "taskring.kernel"() {sym_name = "expsum.kernel", name = "expsum", func_id = 1 : i64,
      worker = "aiv", modes = ["in", "in", "out", "out"], impl = "generated", source = @expsum} : () -> ()
  "taskring.kernel"() {sym_name = "normalize.kernel", name = "normalize", func_id = 2 : i64,
      worker = "aiv", modes = ["in", "in", "out"], impl = "generated", source = @normalize} : () -> ()
  "taskring.kernel"() {sym_name = "alloc.kernel", name = "wsp_alloc", func_id = 3 : i64,
      worker = "aiv", modes = ["out"], impl = "builtin", source = "alloc"} : () -> ()
  func.func @main(%x: memref<64x64xf32>, %y: memref<64x64xf32>)
      attributes {taskring.orchestration, taskring.arg_names = ["x", "y"]} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c16 = arith.constant 16 : index
    %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<64x64xf32>) -> !taskring.tensor
    %ty = "taskring.tensor_external"(%y) {index = 1 : i64, name = "y"} : (memref<64x64xf32>) -> !taskring.tensor
    %tm = "taskring.tensor_alloc"() {shape = array<i64: 64, 1>, dtype = "float32"} : () -> !taskring.tensor
    %qm = "taskring.output"(%tm) : (!taskring.tensor) -> !taskring.param
    %am = "taskring.submit"(%qm) {func_id = 3 : i64, kernel = @alloc.kernel, worker = "aiv"} : (!taskring.param) -> !taskring.task
    %ts = "taskring.tensor_alloc"() {shape = array<i64: 64, 1>, dtype = "float32"} : () -> !taskring.tensor
    %qs = "taskring.output"(%ts) : (!taskring.tensor) -> !taskring.param
    %as = "taskring.submit"(%qs) {func_id = 3 : i64, kernel = @alloc.kernel, worker = "aiv"} : (!taskring.param) -> !taskring.task
    %te = "taskring.tensor_alloc"() {shape = array<i64: 64, 64>, dtype = "float32"} : () -> !taskring.tensor
    %qe = "taskring.output"(%te) : (!taskring.tensor) -> !taskring.param
    %ae = "taskring.submit"(%qe) {func_id = 3 : i64, kernel = @alloc.kernel, worker = "aiv"} : (!taskring.param) -> !taskring.task
    scf.for %t = %c0 to %c4 step %c1 {
      %r = arith.muli %t, %c16 : index
      %xv = "taskring.view"(%tx, %r) {sizes = array<i64: 16, 64>, static_offsets = array<i64: -9223372036854775808, 0>} : (!taskring.tensor, index) -> !taskring.tensor
      %mv = "taskring.view"(%tm, %r) {sizes = array<i64: 16, 1>, static_offsets = array<i64: -9223372036854775808, 0>} : (!taskring.tensor, index) -> !taskring.tensor
      %p0 = "taskring.input"(%xv) : (!taskring.tensor) -> !taskring.param
      %p1 = "taskring.output"(%mv) : (!taskring.tensor) -> !taskring.param
      %h = "taskring.submit"(%p0, %p1) {func_id = 0 : i64, kernel = @rowmax.kernel, worker = "aiv"} : (!taskring.param, !taskring.param) -> !taskring.task
    }
    scf.for %t = %c0 to %c4 step %c1 {
      %r = arith.muli %t, %c16 : index
      %xv = "taskring.view"(%tx, %r) {sizes = array<i64: 16, 64>, static_offsets = array<i64: -9223372036854775808, 0>} : (!taskring.tensor, index) -> !taskring.tensor
      %mv = "taskring.view"(%tm, %r) {sizes = array<i64: 16, 1>, static_offsets = array<i64: -9223372036854775808, 0>} : (!taskring.tensor, index) -> !taskring.tensor
      %ev = "taskring.view"(%te, %r) {sizes = array<i64: 16, 64>, static_offsets = array<i64: -9223372036854775808, 0>} : (!taskring.tensor, index) -> !taskring.tensor
      %sv = "taskring.view"(%ts, %r) {sizes = array<i64: 16, 1>, static_offsets = array<i64: -9223372036854775808, 0>} : (!taskring.tensor, index) -> !taskring.tensor
      %p0 = "taskring.input"(%xv) : (!taskring.tensor) -> !taskring.param
      %p1 = "taskring.input"(%mv) : (!taskring.tensor) -> !taskring.param
      %p2 = "taskring.output"(%ev) : (!taskring.tensor) -> !taskring.param
      %p3 = "taskring.output"(%sv) : (!taskring.tensor) -> !taskring.param
      %h = "taskring.submit"(%p0, %p1, %p2, %p3) {func_id = 1 : i64, kernel = @expsum.kernel, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param, !taskring.param) -> !taskring.task
    }
    scf.for %t = %c0 to %c4 step %c1 {
      %r = arith.muli %t, %c16 : index
      %ev = "taskring.view"(%te, %r) {sizes = array<i64: 16, 64>, static_offsets = array<i64: -9223372036854775808, 0>} : (!taskring.tensor, index) -> !taskring.tensor
      %sv = "taskring.view"(%ts, %r) {sizes = array<i64: 16, 1>, static_offsets = array<i64: -9223372036854775808, 0>} : (!taskring.tensor, index) -> !taskring.tensor
      %yv = "taskring.view"(%ty, %r) {sizes = array<i64: 16, 64>, static_offsets = array<i64: -9223372036854775808, 0>} : (!taskring.tensor, index) -> !taskring.tensor
      %p0 = "taskring.input"(%ev) : (!taskring.tensor) -> !taskring.param
      %p1 = "taskring.input"(%sv) : (!taskring.tensor) -> !taskring.param
      %p2 = "taskring.output"(%yv) : (!taskring.tensor) -> !taskring.param
      %h = "taskring.submit"(%p0, %p1, %p2) {func_id = 2 : i64, kernel = @normalize.kernel, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
    }
    return
  }
}
