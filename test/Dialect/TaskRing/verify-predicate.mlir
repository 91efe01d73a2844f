// RUN: wsp-opt %s --split-input-file --verify-diagnostics --taskring-verify

// taskring.predicate (simpler's CoreTaskArgs::set_predicate): the last
// operand of a submit, not a kernel param, with one of simpler's PredicateOps
// and an i64 target, only for target simpler-6ebaf771.

// Valid: the kernel's two params, then the predicate.
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-simpler-6ebaf771/1"} : () -> ()
"taskring.kernel"() {sym_name = "fill", func_id = 0 : i64, worker = "aiv", modes = ["out", "scalar"], impl = "source", source = "fill.cpp"} : () -> ()
func.func @main(%y: memref<64xf32>, %flags: memref<4xi32>, %s: f32) attributes {taskring.orchestration} {
  %t = "taskring.tensor_external"(%y) {index = 0 : i64, name = "y"} : (memref<64xf32>) -> !taskring.tensor
  %f = "taskring.tensor_external"(%flags) {index = 1 : i64, name = "flags"} : (memref<4xi32>) -> !taskring.tensor
  %e = "taskring.view"(%f) {static_offsets = array<i64: 2>, sizes = array<i64: 1>} : (!taskring.tensor) -> !taskring.tensor
  %p0 = "taskring.inout"(%t) : (!taskring.tensor) -> !taskring.param
  %p1 = "taskring.scalar"(%s) : (f32) -> !taskring.param
  %pp = "taskring.predicate"(%e) {op = "ge", target = -3 : i64} : (!taskring.tensor) -> !taskring.param
  %k = "taskring.submit"(%p0, %p1, %pp) {kernel = @fill, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
  return
}

// -----

// pto-runtime 41d5c94a has no dispatch predicates.
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-pto-runtime-41d5c94a/1"} : () -> ()
"taskring.kernel"() {sym_name = "fill", func_id = 0 : i64, worker = "aiv", modes = ["out", "scalar"], impl = "source", source = "fill.cpp"} : () -> ()
func.func @main(%y: memref<64xf32>, %flags: memref<4xi32>, %s: f32) attributes {taskring.orchestration} {
  %t = "taskring.tensor_external"(%y) {index = 0 : i64, name = "y"} : (memref<64xf32>) -> !taskring.tensor
  %f = "taskring.tensor_external"(%flags) {index = 1 : i64, name = "flags"} : (memref<4xi32>) -> !taskring.tensor
  %e = "taskring.view"(%f) {static_offsets = array<i64: 2>, sizes = array<i64: 1>} : (!taskring.tensor) -> !taskring.tensor
  %p0 = "taskring.inout"(%t) : (!taskring.tensor) -> !taskring.param
  %p1 = "taskring.scalar"(%s) : (f32) -> !taskring.param
  // expected-error@+1 {{'taskring.predicate' op: is a dispatch predicate (CoreTaskArgs::set_predicate), which only target simpler-6ebaf771 has, but the taskring.runtime abi is "wsp-pto-runtime-41d5c94a/1"; lower for target simpler-6ebaf771, or guard the task with a kernel variant (taskring-predicate-slots for the other target)}}
  %pp = "taskring.predicate"(%e) {op = "ge", target = -3 : i64} : (!taskring.tensor) -> !taskring.param
  %k = "taskring.submit"(%p0, %p1, %pp) {kernel = @fill, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
  return
}

// -----

// Not the last operand: it would sit among the kernel's params.
"taskring.runtime"() {flavor = "host_build_graph", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 3 : i64, block_dim = 24 : i64, abi = "wsp-simpler-6ebaf771/1"} : () -> ()
"taskring.kernel"() {sym_name = "fill", func_id = 0 : i64, worker = "aiv", modes = ["out", "scalar"], impl = "source", source = "fill.cpp"} : () -> ()
func.func @main(%y: memref<64xf32>, %flags: memref<4xi32>, %s: f32) attributes {taskring.orchestration} {
  %t = "taskring.tensor_external"(%y) {index = 0 : i64, name = "y"} : (memref<64xf32>) -> !taskring.tensor
  %f = "taskring.tensor_external"(%flags) {index = 1 : i64, name = "flags"} : (memref<4xi32>) -> !taskring.tensor
  %e = "taskring.view"(%f) {static_offsets = array<i64: 2>, sizes = array<i64: 1>} : (!taskring.tensor) -> !taskring.tensor
  %p0 = "taskring.inout"(%t) : (!taskring.tensor) -> !taskring.param
  %p1 = "taskring.scalar"(%s) : (f32) -> !taskring.param
  // expected-error@+1 {{'taskring.predicate' op: is used as operand #1 of a 'taskring.submit' that has 3 operands: a dispatch predicate is not a kernel param, only the last operand of a 'taskring.submit' (one per task); move it there}}
  %pp = "taskring.predicate"(%e) {op = "ge", target = -3 : i64} : (!taskring.tensor) -> !taskring.param
  // expected-error@+1 {{'taskring.submit' op: passes 3 params but @fill declares 2 modes}}
  %k = "taskring.submit"(%p0, %pp, %p1) {kernel = @fill, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
  return
}

// -----

// An unsigned comparison (the runtime sign-extends the element) and a target
// that is not an i64.
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-simpler-6ebaf771/1"} : () -> ()
"taskring.kernel"() {sym_name = "fill", func_id = 0 : i64, worker = "aiv", modes = ["out", "scalar"], impl = "source", source = "fill.cpp"} : () -> ()
func.func @main(%y: memref<64xf32>, %flags: memref<4xi32>, %s: f32) attributes {taskring.orchestration} {
  %t = "taskring.tensor_external"(%y) {index = 0 : i64, name = "y"} : (memref<64xf32>) -> !taskring.tensor
  %f = "taskring.tensor_external"(%flags) {index = 1 : i64, name = "flags"} : (memref<4xi32>) -> !taskring.tensor
  %e = "taskring.view"(%f) {static_offsets = array<i64: 2>, sizes = array<i64: 1>} : (!taskring.tensor) -> !taskring.tensor
  %p0 = "taskring.inout"(%t) : (!taskring.tensor) -> !taskring.param
  %p1 = "taskring.scalar"(%s) : (f32) -> !taskring.param
  // expected-error@+1 {{'taskring.predicate' op: op "ugt" is not a comparison of simpler's PredicateOp; use "eq", "ne", "gt", "lt", "ge" or "le"}}
  %pp = "taskring.predicate"(%e) {op = "ugt", target = 3 : i64} : (!taskring.tensor) -> !taskring.param
  %k = "taskring.submit"(%p0, %p1, %pp) {kernel = @fill, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
  %p2 = "taskring.inout"(%t) : (!taskring.tensor) -> !taskring.param
  // expected-error@+1 {{'taskring.predicate' op: attribute 'target' must be an i64 integer; write 'target = N : i64'}}
  %pq = "taskring.predicate"(%e) {op = "eq", target = 3 : i32} : (!taskring.tensor) -> !taskring.param
  %k2 = "taskring.submit"(%p2, %p1, %pq) {kernel = @fill, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
  return
}
