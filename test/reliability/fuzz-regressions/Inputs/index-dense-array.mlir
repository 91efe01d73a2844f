module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64,
      block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer",
      heap_bytes = 0 : i64, task_window = 16 : i64, window_mode = "stall"} : () -> ()
  func.func @scale(%x: memref<16x64xf32, strided<[64, 1], offset: ?>>,
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
  "taskring.kernel"() {sym_name = "scale.kernel", name = "scale", func_id = 0 : i64,
      worker = "aiv", modes = ["in", "out", "scalar"], impl = "generated", source = @scale} : () -> ()
  func.func @main(%x: memref<64x64xf32>, %y: memref<64x64xf32>, %s: f32)
      attributes {taskring.orchestration, taskring.arg_names = ["x", "y", "s"]} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c16 = arith.constant 16 : index
    %c3_i64 = arith.constant 3 : i64
    %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<64x64xf32>) -> !taskring.tensor
    %ty = "taskring.tensor_external"(%y) {index = 1 : i64, name = "y"} : (memref<64x64xf32>) -> !taskring.tensor
    scf.for %t = %c0 to %c4 step %c1 {
      "taskring.scope_begin"() : () -> ()
      %off = arith.muli %t, %c16 : index
      %xv = "taskring.view"(%tx, %off) {sizes = array<i64: 16, 64>, static_offsets = array<index-9223372036854775808, 0>} : (!taskring.tensor, index) -> !taskring.tensor
      %yv = "taskring.view"(%ty, %off) {sizes = array<i64: 16, 64>, static_offsets = array<i64: -9223372036854775808, 0>} : (!taskring.tensor, index) -> !taskring.tensor
      %p0 = "taskring.input"(%xv) : (!taskring.tensor) -> !taskring.param
      %p1 = "taskring.output"(%yv) : (!taskring.tensor) -> !taskring.param
      %p2 = "taskring.scalar"(%s) : (f32) -> !taskring.param
      %h = "taskring.submit"(%p0, %p1, %p2) {func_id = 0 : i64, kernel = @scale.kernel, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
      %k = arith.index_cast %t : index to i64
      %d = arith.remui %k, %c3_i64 : i64
      "taskring.dispatch"(%h, %d) {domains = 3 : i64, policy = "affinity"} : (!taskring.task, i64) -> ()
      "taskring.scope_end"() : () -> ()
    }
    return
  }
}
