// RUN: wsp-opt %s --split-input-file --verify-diagnostics --taskring-verify

// taskring-verify: one chunk per rule, each naming the pto-runtime 41d5c94a
// limit it mirrors (docs/verify-taskring.md). Unless a chunk is about the
// runtime op itself, it starts from a valid tensormap_and_ringbuffer (TMR) or
// host_build_graph (HBG) configuration.

//===----------------------------------------------------------------------===//
// taskring.runtime
//===----------------------------------------------------------------------===//

// expected-note@+1 {{the first 'taskring.runtime' is here}}
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
// expected-error@+1 {{'taskring.runtime' op: a second 'taskring.runtime' in this module: one module is one artifact with one RUNTIME_CONFIG}}
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()

// -----

// expected-error@+1 {{'taskring.kernel' op: the module has no 'taskring.runtime': the artifact needs its RUNTIME_CONFIG (kernel_config.py); add one 'taskring.runtime' at module level}}
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in"], impl = "source", source = "k.cpp"} : () -> ()

// -----

// expected-error@+1 {{'taskring.runtime' op: flavor "aicpu_build_graph" is not a runtime of pto-runtime 41d5c94a; use "tensormap_and_ringbuffer" or "host_build_graph"}}
"taskring.runtime"() {flavor = "aicpu_build_graph", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()

// -----

// expected-error@+1 {{'taskring.runtime' op: attribute 'task_window' must be an i64 integer; write 'task_window = N : i64'}}
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i32, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()

// -----

// expected-error@+1 {{'taskring.runtime' op: attribute 'dep_pool' = -1 is negative}}
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = -1 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()

// -----

// expected-error@+1 {{'taskring.runtime' op: task_window = 12 is not a power of two >= 4, which PTO2_RING_TASK_WINDOW requires (the runtime cannot honour it); use 16}}
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 12 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()

// -----

// expected-error@+1 {{'taskring.runtime' op: task_window = 2 is not a power of two >= 4, which PTO2_RING_TASK_WINDOW requires (the runtime cannot honour it); use 4}}
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 2 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()

// -----

// expected-error@+1 {{'taskring.runtime' op: heap_bytes = 1000 is neither 0 (the runtime default) nor a power of two >= 1024, which PTO2_RING_HEAP requires; use 1024}}
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 1000 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()

// -----

// expected-error@+1 {{'taskring.runtime' op: aicpu_threads = 3: tensormap_and_ringbuffer needs aicpu_thread_num = 4 (3 schedulers + the orchestrator on thread 3; with any other value the orchestrator never starts); set aicpu_threads = 4}}
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 3 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()

// -----

// expected-error@+1 {{'taskring.runtime' op: task_window = 262144 exceeds host_build_graph's task limit (RUNTIME_MAX_TASKS = 131072)}}
"taskring.runtime"() {flavor = "host_build_graph", task_window = 262144 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 3 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()

// -----

// Each nested module is an artifact of its own: the error is the inner one's,
// and the outer module (no taskring op of its own) is not an artifact.
module @outer {
  module @good {
    "taskring.runtime"() {flavor = "host_build_graph", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 3 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
  }
  module @bad {
    // expected-error@+1 {{'taskring.kernel' op: the module has no 'taskring.runtime'}}
    "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in"], impl = "source", source = "k.cpp"} : () -> ()
  }
}

//===----------------------------------------------------------------------===//
// taskring.kernel
//===----------------------------------------------------------------------===//

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
// expected-error@+1 {{'taskring.kernel' op: @k func_id = 32 is outside [0, 32): the runtime's kernel table has RUNTIME_MAX_FUNC_ID = 32 entries}}
"taskring.kernel"() {sym_name = "k", func_id = 32 : i64, worker = "aiv", modes = ["in"], impl = "source", source = "k.cpp"} : () -> ()

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
// expected-error@+1 {{'taskring.kernel' op: @k func_id = -1 is outside [0, 32)}}
"taskring.kernel"() {sym_name = "k", func_id = -1 : i64, worker = "aiv", modes = ["in"], impl = "source", source = "k.cpp"} : () -> ()

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
// expected-note@+1 {{@a is declared here}}
"taskring.kernel"() {sym_name = "a", func_id = 3 : i64, worker = "aiv", modes = ["in"], impl = "source", source = "a.cpp"} : () -> ()
// expected-error@+1 {{'taskring.kernel' op: @b func_id = 3 is already used by @a: func_id indexes the runtime's kernel table}}
"taskring.kernel"() {sym_name = "b", func_id = 3 : i64, worker = "aic", modes = ["in"], impl = "source", source = "b.cpp"} : () -> ()

// -----

// Duplicate kernel names are MLIR's symbol-table error (reported before any
// pass runs), so taskring-verify does not report them again.
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
// expected-note@+1 {{see existing symbol definition here}}
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in"], impl = "source", source = "a.cpp"} : () -> ()
// expected-error@+1 {{redefinition of symbol named 'k'}}
"taskring.kernel"() {sym_name = "k", func_id = 1 : i64, worker = "aiv", modes = ["in"], impl = "source", source = "b.cpp"} : () -> ()

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
// expected-error@+1 {{'taskring.kernel' op: worker "aicpu" is not a worker the pinned runtime dispatches (AIV or AIC cores); use "aiv" or "aic"}}
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aicpu", modes = ["in"], impl = "source", source = "k.cpp"} : () -> ()

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
// expected-error@+2 {{'taskring.kernel' op: @k modes[1] is not a parameter mode; use "in", "out", "inout" or "scalar"}}
// expected-error@+1 {{'taskring.kernel' op: @k modes[2] is not a parameter mode}}
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in", "io", 3], impl = "source", source = "k.cpp"} : () -> ()

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
// expected-error@+1 {{'taskring.kernel' op: impl "inline" is not a kernel implementation; use "generated", "source" or "builtin"}}
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in"], impl = "inline", source = "k.cpp"} : () -> ()

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
// expected-error@+1 {{'taskring.kernel' op: @k has impl = "generated" but 'source' is not a flat symbol reference}}
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in"], impl = "generated", source = "k.cpp"} : () -> ()

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
"taskring.kernel"() {sym_name = "other", func_id = 1 : i64, worker = "aiv", modes = ["in"], impl = "source", source = "o.cpp"} : () -> ()
// expected-error@+1 {{'taskring.kernel' op: @k source @missing does not name a func.func in this module}}
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in"], impl = "generated", source = @missing} : () -> ()
// expected-error@+1 {{'taskring.kernel' op: @k2 source @other does not name a func.func in this module}}
"taskring.kernel"() {sym_name = "k2", func_id = 2 : i64, worker = "aiv", modes = ["in"], impl = "generated", source = @other} : () -> ()

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func private @body(%x: memref<16xf32>)
// expected-error@+1 {{'taskring.kernel' op: @k has impl = "source" but 'source' is not a non-empty path}}
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in"], impl = "source", source = @body} : () -> ()
// expected-error@+1 {{'taskring.kernel' op: @k2 has impl = "source" but 'source' is not a non-empty path}}
"taskring.kernel"() {sym_name = "k2", func_id = 1 : i64, worker = "aiv", modes = ["in"], impl = "source", source = ""} : () -> ()

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
// expected-error@+1 {{'taskring.kernel' op: @k has impl = "builtin" but 'source' is not a builtin kernel the emitter knows; use "alloc"}}
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "builtin", source = "memset"} : () -> ()

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func @main() {
  // expected-error@+1 {{'taskring.kernel' op: must sit directly in the builtin.module}}
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in"], impl = "source", source = "k.cpp"} : () -> ()
  return
}

//===----------------------------------------------------------------------===//
// taskring.submit
//===----------------------------------------------------------------------===//

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func @main(%s: i64) {
  %p = "taskring.scalar"(%s) : (i64) -> !taskring.param
  // expected-error@+1 {{'taskring.submit' op: kernel @nope does not name a 'taskring.kernel' of this module}}
  %t = "taskring.submit"(%p) {kernel = @nope, func_id = 0 : i64, worker = "aiv"} : (!taskring.param) -> !taskring.task
  // expected-error@+1 {{'taskring.submit' op: attribute 'kernel' must be a flat symbol reference}}
  %u = "taskring.submit"(%p) {kernel = @a::@b, func_id = 0 : i64, worker = "aiv"} : (!taskring.param) -> !taskring.task
  return
}

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
"taskring.kernel"() {sym_name = "k", func_id = 2 : i64, worker = "aiv", modes = ["scalar"], impl = "source", source = "k.cpp"} : () -> ()
func.func @main(%s: i64) {
  %p = "taskring.scalar"(%s) : (i64) -> !taskring.param
  // expected-error@+1 {{'taskring.submit' op: func_id = 1 differs from @k's func_id = 2: the runtime dispatches by func_id, so the task would run another kernel; use func_id = 2}}
  %t = "taskring.submit"(%p) {kernel = @k, func_id = 1 : i64, worker = "aiv"} : (!taskring.param) -> !taskring.task
  // expected-error@+1 {{'taskring.submit' op: worker "aic" differs from @k's worker "aiv": the runtime would queue the task for the wrong core type; use worker = "aiv"}}
  %u = "taskring.submit"(%p) {kernel = @k, func_id = 2 : i64, worker = "aic"} : (!taskring.param) -> !taskring.task
  return
}

// -----

"taskring.runtime"() {flavor = "host_build_graph", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 3 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["scalar", "scalar", "scalar", "scalar", "scalar", "scalar", "scalar", "scalar", "scalar", "scalar", "scalar", "scalar", "scalar", "scalar", "scalar", "scalar", "scalar"], impl = "source", source = "k.cpp"} : () -> ()
func.func @main(%s: i64) {
  %p = "taskring.scalar"(%s) : (i64) -> !taskring.param
  // expected-error@+1 {{'taskring.submit' op: has 17 params, more than the 16 a task holds (PTO2TaskDescriptor::params[16]; host_build_graph RUNTIME_MAX_ARGS = 16)}}
  %t = "taskring.submit"(%p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p) {kernel = @k, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param) -> !taskring.task
  return
}

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in", "out", "scalar"], impl = "source", source = "k.cpp"} : () -> ()
func.func @main(%x: memref<16xf32>, %s: i64) {
  %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<16xf32>) -> !taskring.tensor
  %pin = "taskring.input"(%tx) : (!taskring.tensor) -> !taskring.param
  %pout = "taskring.output"(%tx) : (!taskring.tensor) -> !taskring.param
  %pio = "taskring.inout"(%tx) : (!taskring.tensor) -> !taskring.param
  %ps = "taskring.scalar"(%s) : (i64) -> !taskring.param
  // expected-error@+1 {{'taskring.submit' op: passes 2 params but @k declares 3 modes: the kernel reads its arguments by position; pass one param per mode}}
  %t0 = "taskring.submit"(%pin, %pout) {kernel = @k, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param) -> !taskring.task
  // expected-error@+2 {{'taskring.submit' op: param #1 is a 'taskring.input' but @k expects mode "out" there}}
  // expected-error@+1 {{'taskring.submit' op: param #2 is a 'taskring.inout' but @k expects mode "scalar" there: the mode decides the TensorMap dependencies and the kernel reads params by position (only "in" and "out" may be widened to inout); use 'taskring.scalar'}}
  %t1 = "taskring.submit"(%pin, %pin, %pio) {kernel = @k, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
  // expected-error@+1 {{'taskring.submit' op: param #0 is a 'taskring.scalar' but @k expects mode "in" there}}
  %t2 = "taskring.submit"(%ps, %pio, %ps) {kernel = @k, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
  return
}

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in"], impl = "source", source = "k.cpp"} : () -> ()
func.func @main(%p: !taskring.param) {
  // expected-error@+1 {{'taskring.submit' op: param #0 is not made by taskring.input, taskring.output, taskring.inout or taskring.scalar, so its PTOParam mode is unknown}}
  %t = "taskring.submit"(%p) {kernel = @k, func_id = 0 : i64, worker = "aiv"} : (!taskring.param) -> !taskring.task
  return
}

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["inout", "inout", "inout", "inout", "inout", "inout", "inout", "inout", "inout"], impl = "source", source = "k.cpp"} : () -> ()
func.func @main(%x: memref<16xf32>) {
  %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<16xf32>) -> !taskring.tensor
  %p = "taskring.inout"(%tx) : (!taskring.tensor) -> !taskring.param
  // expected-error@+1 {{'taskring.submit' op: has 9 "inout" params, more than PTO2_MAX_INOUTS = 8 per task (pto_runtime2_types.h)}}
  %t = "taskring.submit"(%p, %p, %p, %p, %p, %p, %p, %p, %p) {kernel = @k, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param) -> !taskring.task
  return
}

// -----

// With 17 inputs both the per-task param cap and PTO2_MAX_INPUTS are exceeded.
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in", "in", "in", "in", "in", "in", "in", "in", "in", "in", "in", "in", "in", "in", "in", "in", "in"], impl = "source", source = "k.cpp"} : () -> ()
func.func @main(%x: memref<16xf32>) {
  %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<16xf32>) -> !taskring.tensor
  %p = "taskring.input"(%tx) : (!taskring.tensor) -> !taskring.param
  // expected-error@+2 {{'taskring.submit' op: has 17 params, more than the 16 a task holds}}
  // expected-error@+1 {{'taskring.submit' op: has 17 "in" params, more than PTO2_MAX_INPUTS = 16 per task}}
  %t = "taskring.submit"(%p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p) {kernel = @k, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param) -> !taskring.task
  return
}

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["scalar"], impl = "source", source = "k.cpp"} : () -> ()
func.func @main(%s: i64) {
  %p = "taskring.scalar"(%s) : (i64) -> !taskring.param
  // expected-error@+1 {{'taskring.submit' op: attribute 'domain' = -2 is negative}}
  %t = "taskring.submit"(%p) {kernel = @k, func_id = 0 : i64, worker = "aiv", domain = -2 : i64} : (!taskring.param) -> !taskring.task
  // expected-error@+1 {{'taskring.submit' op: attribute 'domain' must be an i64 integer}}
  %u = "taskring.submit"(%p) {kernel = @k, func_id = 0 : i64, worker = "aiv", domain = 1 : i8} : (!taskring.param) -> !taskring.task
  // expected-error@+1 {{'taskring.submit' op: attribute 'func_id' must be an i64 integer}}
  %v = "taskring.submit"(%p) {kernel = @k, func_id = 0 : index, worker = "aiv"} : (!taskring.param) -> !taskring.task
  return
}

//===----------------------------------------------------------------------===//
// taskring.view
//===----------------------------------------------------------------------===//

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func @main(%x: memref<64x64xf32>, %i: index) {
  %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<64x64xf32>) -> !taskring.tensor
  // expected-error@+1 {{'taskring.view' op: has 2 sizes but 1 static_offsets: Tensor::view takes one size and one offset per dimension}}
  %v0 = "taskring.view"(%tx) {static_offsets = array<i64: 0>, sizes = array<i64: 16, 64>} : (!taskring.tensor) -> !taskring.tensor
  // expected-error@+1 {{'taskring.view' op: has 1 dynamic offset marker(s) in static_offsets but 0 offset operand(s): each entry equal to INT64_MIN takes the next operand}}
  %v1 = "taskring.view"(%tx) {static_offsets = array<i64: -9223372036854775808, 0>, sizes = array<i64: 16, 64>} : (!taskring.tensor) -> !taskring.tensor
  // expected-error@+1 {{'taskring.view' op: has 0 dynamic offset marker(s) in static_offsets but 1 offset operand(s)}}
  %v2 = "taskring.view"(%tx, %i) {static_offsets = array<i64: 0, 0>, sizes = array<i64: 16, 64>} : (!taskring.tensor, index) -> !taskring.tensor
  // expected-error@+1 {{'taskring.view' op: sizes[1] = 0 must be >= 1}}
  %v3 = "taskring.view"(%tx) {static_offsets = array<i64: 0, 0>, sizes = array<i64: 16, 0>} : (!taskring.tensor) -> !taskring.tensor
  // expected-error@+1 {{'taskring.view' op: static_offsets[0] = -16 is negative; Tensor::view takes uint64_t offsets}}
  %v4 = "taskring.view"(%tx) {static_offsets = array<i64: -16, 0>, sizes = array<i64: 16, 64>} : (!taskring.tensor) -> !taskring.tensor
  // expected-error@+1 {{'taskring.view' op: attribute 'static_offsets' must be a dense i64 array; write 'array<i64: ...>'}}
  %v5 = "taskring.view"(%tx) {static_offsets = array<i32: 0, 0>, sizes = array<i64: 16, 64>} : (!taskring.tensor) -> !taskring.tensor
  return
}

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func @main(%t: !taskring.tensor) {
  // expected-error@+1 {{'taskring.view' op: has rank 6, more than RUNTIME_MAX_TENSOR_DIMS = 5 of the pinned runtime (tensor_pool.h: a Tensor holds at most 5 dimensions)}}
  %v = "taskring.view"(%t) {static_offsets = array<i64: 0, 0, 0, 0, 0, 0>, sizes = array<i64: 1, 1, 1, 1, 1, 1>} : (!taskring.tensor) -> !taskring.tensor
  return
}

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func @main(%x: memref<64x64xf32>, %i: index) {
  %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<64x64xf32>) -> !taskring.tensor
  // expected-error@+1 {{'taskring.view' op: has rank 1 but its base tensor has rank 2: Tensor::view keeps the base's ndims}}
  %v0 = "taskring.view"(%tx) {static_offsets = array<i64: 0>, sizes = array<i64: 16>} : (!taskring.tensor) -> !taskring.tensor
  // expected-error@+1 {{'taskring.view' op: dimension 0 spans [56, 72), outside the base tensor's extent 64}}
  %v1 = "taskring.view"(%tx) {static_offsets = array<i64: 56, 0>, sizes = array<i64: 16, 64>} : (!taskring.tensor) -> !taskring.tensor
  %tmp = "taskring.tensor_alloc"() {shape = array<i64: 16, 64>, dtype = "float32"} : () -> !taskring.tensor
  // expected-error@+1 {{'taskring.view' op: dimension 1 has size 128, larger than the base tensor's extent 64}}
  %v2 = "taskring.view"(%tmp, %i) {static_offsets = array<i64: 0, -9223372036854775808>, sizes = array<i64: 16, 128>} : (!taskring.tensor, index) -> !taskring.tensor
  %v3 = "taskring.view"(%tx) {static_offsets = array<i64: 0, 0>, sizes = array<i64: 32, 32>} : (!taskring.tensor) -> !taskring.tensor
  // expected-error@+1 {{'taskring.view' op: dimension 1 spans [16, 48), outside the base tensor's extent 32}}
  %v4 = "taskring.view"(%v3) {static_offsets = array<i64: 0, 16>, sizes = array<i64: 8, 32>} : (!taskring.tensor) -> !taskring.tensor
  return
}

//===----------------------------------------------------------------------===//
// taskring.tensor_alloc
//===----------------------------------------------------------------------===//

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func @main() {
  // expected-error@+1 {{'taskring.tensor_alloc' op: shape[0] = 0 must be >= 1}}
  %a = "taskring.tensor_alloc"() {shape = array<i64: 0, 64>, dtype = "float32"} : () -> !taskring.tensor
  // expected-error@+1 {{'taskring.tensor_alloc' op: has rank 6, more than RUNTIME_MAX_TENSOR_DIMS = 5}}
  %b = "taskring.tensor_alloc"() {shape = array<i64: 1, 1, 1, 1, 1, 1>, dtype = "float32"} : () -> !taskring.tensor
  // expected-error@+1 {{'taskring.tensor_alloc' op: dtype "f32" is not a DataType of the pinned runtime (data_type.h); use "float32", "float16", "int32", "int16", "int8", "uint8", "bfloat16", "int64" or "uint64"}}
  %c = "taskring.tensor_alloc"() {shape = array<i64: 16>, dtype = "f32"} : () -> !taskring.tensor
  // expected-error@+1 {{'taskring.tensor_alloc' op: attribute 'shape' must be a dense i64 array}}
  %d = "taskring.tensor_alloc"() {shape = array<i32: 16>, dtype = "float32"} : () -> !taskring.tensor
  return
}

//===----------------------------------------------------------------------===//
// taskring.tensor_external and taskring.arg: orchestration arguments
//===----------------------------------------------------------------------===//

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func @main(%x: memref<16xf32>) {
  %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<16xf32>) -> !taskring.tensor
  // expected-error@+1 {{'taskring.arg' op: index = 32 is beyond the orchestration's arguments: the pinned runtime passes at most 32 (RUNTIME_MAX_ARGS, args[0..31])}}
  %s = "taskring.arg"() {index = 32 : i64, name = "s"} : () -> i64
  // expected-error@+1 {{'taskring.arg' op: attribute 'index' = -1 is negative}}
  %n = "taskring.arg"() {index = -1 : i64, name = "n"} : () -> i64
  return
}

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func @main(%x: memref<16xf32>, %n: i64) {
  // expected-note@+1 {{index 0 is claimed here}}
  %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<16xf32>) -> !taskring.tensor
  // expected-error@+1 {{'taskring.tensor_external' op: index = 0 is already taken: each orchestration argument args[i] is one tensor or one scalar}}
  %tx2 = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x2"} : (memref<16xf32>) -> !taskring.tensor
  // expected-error@+1 {{'taskring.arg' op: index = 1 is the orchestration function's own argument #1: taskring.arg indices continue after the function's 2 arguments; use an index >= 2}}
  %s = "taskring.arg"() {index = 1 : i64, name = "s"} : () -> f32
  // expected-note@+1 {{index 2 is claimed here}}
  %a = "taskring.arg"() {index = 2 : i64, name = "a"} : () -> f32
  // expected-error@+1 {{'taskring.arg' op: index = 2 is already taken}}
  %b = "taskring.arg"() {index = 2 : i64, name = "b"} : () -> f32
  return
}

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func @main(%x: memref<16xf32>, %n: i64) {
  %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<16xf32>) -> !taskring.tensor
  // expected-error@+1 {{'taskring.arg' op: index = 3 leaves orchestration argument 2 unused: the runtime passes arguments by position (the orchestration function's arguments, then taskring.arg indices), so indices must be dense}}
  %s = "taskring.arg"() {index = 3 : i64, name = "s"} : () -> f32
  return
}

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func @main(%x: memref<16xf32>, %y: memref<16xf32>) {
  %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<16xf32>) -> !taskring.tensor
  // expected-error@+1 {{'taskring.tensor_external' op: index = 2 but its operand is argument #1 of the orchestration function, whose arguments are args[] in order; use index = 1}}
  %ty = "taskring.tensor_external"(%y) {index = 2 : i64, name = "y"} : (memref<16xf32>) -> !taskring.tensor
  return
}

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func @main(%big: memref<1x1x1x1x1x1xf32>, %y: memref<16xf32>) {
  %m = memref.alloc() : memref<16xf32>
  // expected-error@+1 {{'taskring.tensor_external' op: operand is not an argument of the enclosing func.func: make_tensor_external wraps an orchestration argument}}
  %tm = "taskring.tensor_external"(%m) {index = 2 : i64, name = "m"} : (memref<16xf32>) -> !taskring.tensor
  // expected-error@+1 {{'taskring.tensor_external' op: has rank 6, more than RUNTIME_MAX_TENSOR_DIMS = 5}}
  %tb = "taskring.tensor_external"(%big) {index = 0 : i64, name = "big"} : (memref<1x1x1x1x1x1xf32>) -> !taskring.tensor
  // expected-error@+1 {{'taskring.tensor_external' op: attribute 'index' must be an i64 integer}}
  %tc = "taskring.tensor_external"(%y) {index = 1 : i32, name = "y"} : (memref<16xf32>) -> !taskring.tensor
  return
}

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func @main(%w: i128) {
  // expected-error@+1 {{'taskring.arg' op: result is i128, wider than the 64-bit word the runtime passes a scalar in (uint64_t)}}
  %s = "taskring.arg"() {index = 1 : i64, name = "s"} : () -> i128
  // expected-error@+1 {{'taskring.scalar' op: operand is i128, wider than the 64-bit word the runtime passes a scalar in}}
  %p = "taskring.scalar"(%w) : (i128) -> !taskring.param
  return
}

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
// expected-error@+1 {{'func.func' op: orchestration function @main has 33 arguments, more than the pinned runtime passes (RUNTIME_MAX_ARGS = 32, args[0..31])}}
func.func @main(%a0: i64, %a1: i64, %a2: i64, %a3: i64, %a4: i64, %a5: i64, %a6: i64, %a7: i64, %a8: i64, %a9: i64, %a10: i64, %a11: i64, %a12: i64, %a13: i64, %a14: i64, %a15: i64, %a16: i64, %a17: i64, %a18: i64, %a19: i64, %a20: i64, %a21: i64, %a22: i64, %a23: i64, %a24: i64, %a25: i64, %a26: i64, %a27: i64, %a28: i64, %a29: i64, %a30: i64, %a31: i64, %a32: i64) attributes {taskring.orchestration} {
  return
}

//===----------------------------------------------------------------------===//
// Scopes
//===----------------------------------------------------------------------===//

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func @main() {
  "taskring.scope_begin"() : () -> ()
  "taskring.scope_end"() : () -> ()
  // expected-error@+1 {{'taskring.scope_end' op: has no 'taskring.scope_begin' before it in the same block: pto2_rt_scope_end closes the innermost PTO2_SCOPE}}
  "taskring.scope_end"() : () -> ()
  // expected-error@+1 {{'taskring.scope_begin' op: is not closed by a 'taskring.scope_end' in the same block}}
  "taskring.scope_begin"() : () -> ()
  return
}

// -----

// A scope must not span a loop boundary: opened outside, closed inside.
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func @main(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // expected-error@+1 {{'taskring.scope_begin' op: is not closed by a 'taskring.scope_end' in the same block}}
  "taskring.scope_begin"() : () -> ()
  scf.for %i = %c0 to %n step %c1 {
    // expected-error@+1 {{'taskring.scope_end' op: has no 'taskring.scope_begin' before it in the same block}}
    "taskring.scope_end"() : () -> ()
  }
  return
}


// -----

// Depth counts across regions: 62 scopes in the function body plus 2 in the
// loop body reach depth 64, one more than an orchestration may nest (the
// executor's own scope takes the 64th slot of PTO2_MAX_SCOPE_DEPTH).
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func @main(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
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
  scf.for %i = %c0 to %n step %c1 {
    "taskring.scope_begin"() : () -> ()
    // expected-error@+1 {{'taskring.scope_begin' op: opens scope depth 64, more than the 63 an orchestration may nest: PTO2_MAX_SCOPE_DEPTH = 64 counts the scope the executor opens around the entry}}
    "taskring.scope_begin"() : () -> ()
    "taskring.scope_end"() : () -> ()
    "taskring.scope_end"() : () -> ()
  }
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

//===----------------------------------------------------------------------===//
// taskring.edge
//===----------------------------------------------------------------------===//

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["scalar"], impl = "source", source = "k.cpp"} : () -> ()
func.func @main(%s: i64) {
  %p = "taskring.scalar"(%s) : (i64) -> !taskring.param
  %t0 = "taskring.submit"(%p) {kernel = @k, func_id = 0 : i64, worker = "aiv"} : (!taskring.param) -> !taskring.task
  %t1 = "taskring.submit"(%p) {kernel = @k, func_id = 0 : i64, worker = "aiv"} : (!taskring.param) -> !taskring.task
  // expected-error@+1 {{'taskring.edge' op: needs flavor = "host_build_graph": tensormap_and_ringbuffer has no explicit-edge API at pto-runtime 41d5c94a}}
  "taskring.edge"(%t0, %t1) : (!taskring.task, !taskring.task) -> ()
  return
}

// -----

"taskring.runtime"() {flavor = "host_build_graph", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 3 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["scalar"], impl = "source", source = "k.cpp"} : () -> ()
func.func @main(%s: i64, %prev: !taskring.task) {
  %p = "taskring.scalar"(%s) : (i64) -> !taskring.param
  %t0 = "taskring.submit"(%p) {kernel = @k, func_id = 0 : i64, worker = "aiv"} : (!taskring.param) -> !taskring.task
  // expected-error@+1 {{'taskring.edge' op: operand #0 ('from') is not the result of a 'taskring.submit': add_successor links task ids returned by add_task}}
  "taskring.edge"(%prev, %t0) : (!taskring.task, !taskring.task) -> ()
  // expected-error@+1 {{'taskring.edge' op: links a task to itself: add_successor(t, t) makes the task wait for its own completion, so it never becomes ready}}
  "taskring.edge"(%t0, %t0) : (!taskring.task, !taskring.task) -> ()
  return
}

// -----

module {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "x"} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in"], impl = "source", source = "k.cpp"} : () -> ()
  func.func @main(%x: memref<4xf32>) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<4xf32>) -> !taskring.tensor
    %p = "taskring.input"(%t) : (!taskring.tensor) -> !taskring.param
    %q = "taskring.input"(%t) : (!taskring.tensor) -> !taskring.param
    // expected-error@+1 {{is marked wsp.serialized but its last param is not a taskring.inout}}
    %s = "taskring.submit"(%p, %q) {kernel = @k, func_id = 0 : i64, worker = "aiv", wsp.serialized} : (!taskring.param, !taskring.param) -> !taskring.task
    return
  }
}

// -----

module {
  // expected-error@+1 {{task_window = 2147483648 is larger than the task ring can hold: pto-runtime 41d5c94a keeps the window in an int32 (pto_ring_buffer.h), at most 1073741824}}
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 2147483648 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "x"} : () -> ()
}

// -----

// A dispatch names 1 to 65536 scheduler domains (wsp-verify's rule D2).
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = [], impl = "source", source = "a.cpp"} : () -> ()
func.func @main() attributes {taskring.orchestration} {
  %t = "taskring.submit"() {kernel = @k, func_id = 0 : i64, worker = "aiv"} : () -> !taskring.task
  %d = arith.constant 0 : i64
  "taskring.dispatch"(%t, %d) {policy = "round_robin", domains = 65536 : i64} : (!taskring.task, i64) -> ()
  // expected-error@+1 {{'taskring.dispatch' op: domains = 65537: a dispatch names 1 to 65536 scheduler domains (a domain stands for a scheduler thread, cluster or core); use a count in that range}}
  "taskring.dispatch"(%t, %d) {policy = "round_robin", domains = 65537 : i64} : (!taskring.task, i64) -> ()
  // expected-error@+1 {{'taskring.dispatch' op: domains = 0: a dispatch names 1 to 65536 scheduler domains}}
  "taskring.dispatch"(%t, %d) {policy = "round_robin", domains = 0 : i64} : (!taskring.task, i64) -> ()
  return
}
