// examples/bgemm/bgemm.mlir lowered by hand to taskring (tensormap_and_ringbuffer;
// tests derive the host_build_graph variant by substituting flavor and aicpu_threads).
// C is read and written: on tensormap_and_ringbuffer the emitter adds a hidden
// argument with its initial contents. Hash dispatch: a multiplicative hash of the key.
module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64,
      block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer",
      heap_bytes = 0 : i64, task_window = 16 : i64, window_mode = "stall"} : () -> ()
  func.func @gemm_acc(%a: memref<32x32xf32, strided<[64, 1], offset: ?>>,
                      %b: memref<32x32xf32, strided<[64, 1], offset: ?>>,
                      %c: memref<32x32xf32, strided<[64, 1], offset: ?>>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c32 = arith.constant 32 : index
    scf.for %i = %c0 to %c32 step %c1 {
      scf.for %j = %c0 to %c32 step %c1 {
        %init = memref.load %c[%i, %j] : memref<32x32xf32, strided<[64, 1], offset: ?>>
        %sum = scf.for %p = %c0 to %c32 step %c1 iter_args(%acc = %init) -> (f32) {
          %x = memref.load %a[%i, %p] : memref<32x32xf32, strided<[64, 1], offset: ?>>
          %y = memref.load %b[%p, %j] : memref<32x32xf32, strided<[64, 1], offset: ?>>
          %m = arith.mulf %x, %y : f32
          %n = arith.addf %acc, %m : f32
          scf.yield %n : f32
        }
        memref.store %sum, %c[%i, %j] : memref<32x32xf32, strided<[64, 1], offset: ?>>
      }
    }
    return
  }
  "taskring.kernel"() {sym_name = "gemm_acc.kernel", name = "gemm_acc", func_id = 0 : i64,
      worker = "aic", modes = ["in", "in", "inout"], impl = "generated", source = @gemm_acc} : () -> ()
  func.func @main(%A: memref<64x64xf32>, %B: memref<64x64xf32>, %C: memref<64x64xf32>)
      attributes {taskring.orchestration, taskring.arg_names = ["A", "B", "C"]} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c32 = arith.constant 32 : index
    %c3_i64 = arith.constant 3 : i64
    %golden = arith.constant -7046029254386353131 : i64
    %c32_i64 = arith.constant 32 : i64
    %tA = "taskring.tensor_external"(%A) {index = 0 : i64, name = "A"} : (memref<64x64xf32>) -> !taskring.tensor
    %tB = "taskring.tensor_external"(%B) {index = 1 : i64, name = "B"} : (memref<64x64xf32>) -> !taskring.tensor
    %tC = "taskring.tensor_external"(%C) {index = 2 : i64, name = "C"} : (memref<64x64xf32>) -> !taskring.tensor
    scf.for %m = %c0 to %c2 step %c1 {
      scf.for %n = %c0 to %c2 step %c1 {
        scf.for %k = %c0 to %c2 step %c1 {
          "taskring.scope_begin"() : () -> ()
          %mo = arith.muli %m, %c32 : index
          %no = arith.muli %n, %c32 : index
          %ko = arith.muli %k, %c32 : index
          %av = "taskring.view"(%tA, %mo, %ko) {sizes = array<i64: 32, 32>, static_offsets = array<i64: -9223372036854775808, -9223372036854775808>} : (!taskring.tensor, index, index) -> !taskring.tensor
          %bv = "taskring.view"(%tB, %ko, %no) {sizes = array<i64: 32, 32>, static_offsets = array<i64: -9223372036854775808, -9223372036854775808>} : (!taskring.tensor, index, index) -> !taskring.tensor
          %cv = "taskring.view"(%tC, %mo, %no) {sizes = array<i64: 32, 32>, static_offsets = array<i64: -9223372036854775808, -9223372036854775808>} : (!taskring.tensor, index, index) -> !taskring.tensor
          %p0 = "taskring.input"(%av) : (!taskring.tensor) -> !taskring.param
          %p1 = "taskring.input"(%bv) : (!taskring.tensor) -> !taskring.param
          %p2 = "taskring.inout"(%cv) : (!taskring.tensor) -> !taskring.param
          %h = "taskring.submit"(%p0, %p1, %p2) {func_id = 0 : i64, kernel = @gemm_acc.kernel, worker = "aic"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
          %tile = arith.addi %mo, %n : index
          %key = arith.index_cast %tile : index to i64
          %h1 = arith.muli %key, %golden : i64
          %h2 = arith.shrui %h1, %c32_i64 : i64
          %d = arith.remui %h2, %c3_i64 : i64
          "taskring.dispatch"(%h, %d) {domains = 3 : i64, policy = "hash"} : (!taskring.task, i64) -> ()
          "taskring.scope_end"() : () -> ()
        }
      }
    }
    return
  }
}
