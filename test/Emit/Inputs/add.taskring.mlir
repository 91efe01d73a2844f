// examples/add/add.mlir lowered by hand to taskring (tensormap_and_ringbuffer;
// tests derive the host_build_graph variant by substituting flavor and aicpu_threads).
// Round-robin dispatch counts with a taskring.sequence.
module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64,
      block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer",
      heap_bytes = 0 : i64, task_window = 8 : i64, window_mode = "stall"} : () -> ()
  func.func @add(%x: memref<32x32xf32, strided<[128, 1], offset: ?>>,
                 %y: memref<32x32xf32, strided<[128, 1], offset: ?>>,
                 %z: memref<32x32xf32, strided<[128, 1], offset: ?>>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c32 = arith.constant 32 : index
    scf.for %i = %c0 to %c32 step %c1 {
      scf.for %j = %c0 to %c32 step %c1 {
        %a = memref.load %x[%i, %j] : memref<32x32xf32, strided<[128, 1], offset: ?>>
        %b = memref.load %y[%i, %j] : memref<32x32xf32, strided<[128, 1], offset: ?>>
        %s = arith.addf %a, %b : f32
        memref.store %s, %z[%i, %j] : memref<32x32xf32, strided<[128, 1], offset: ?>>
      }
    }
    return
  }
  "taskring.kernel"() {sym_name = "add.kernel", name = "add", func_id = 0 : i64,
      worker = "aiv", modes = ["in", "in", "out"], impl = "generated", source = @add} : () -> ()
  func.func @main(%x: memref<64x128xf32>, %y: memref<64x128xf32>, %z: memref<64x128xf32>)
      attributes {taskring.orchestration, taskring.arg_names = ["x", "y", "z"]} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c4 = arith.constant 4 : index
    %c32 = arith.constant 32 : index
    %c3_i64 = arith.constant 3 : i64
    %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<64x128xf32>) -> !taskring.tensor
    %ty = "taskring.tensor_external"(%y) {index = 1 : i64, name = "y"} : (memref<64x128xf32>) -> !taskring.tensor
    %tz = "taskring.tensor_external"(%z) {index = 2 : i64, name = "z"} : (memref<64x128xf32>) -> !taskring.tensor
    scf.for %i = %c0 to %c2 step %c1 {
      scf.for %j = %c0 to %c4 step %c1 {
        "taskring.scope_begin"() : () -> ()
        %r = arith.muli %i, %c32 : index
        %c = arith.muli %j, %c32 : index
        %xv = "taskring.view"(%tx, %r, %c) {sizes = array<i64: 32, 32>, static_offsets = array<i64: -9223372036854775808, -9223372036854775808>} : (!taskring.tensor, index, index) -> !taskring.tensor
        %yv = "taskring.view"(%ty, %r, %c) {sizes = array<i64: 32, 32>, static_offsets = array<i64: -9223372036854775808, -9223372036854775808>} : (!taskring.tensor, index, index) -> !taskring.tensor
        %zv = "taskring.view"(%tz, %r, %c) {sizes = array<i64: 32, 32>, static_offsets = array<i64: -9223372036854775808, -9223372036854775808>} : (!taskring.tensor, index, index) -> !taskring.tensor
        %p0 = "taskring.input"(%xv) : (!taskring.tensor) -> !taskring.param
        %p1 = "taskring.input"(%yv) : (!taskring.tensor) -> !taskring.param
        %p2 = "taskring.output"(%zv) : (!taskring.tensor) -> !taskring.param
        %h = "taskring.submit"(%p0, %p1, %p2) {func_id = 0 : i64, kernel = @add.kernel, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
        %n = "taskring.sequence"() {name = "dispatch.round_robin"} : () -> i64
        %d = arith.remui %n, %c3_i64 : i64
        "taskring.dispatch"(%h, %d) {domains = 3 : i64, policy = "round_robin"} : (!taskring.task, i64) -> ()
        "taskring.scope_end"() : () -> ()
      }
    }
    return
  }
}
