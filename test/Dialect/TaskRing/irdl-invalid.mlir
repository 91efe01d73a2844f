// RUN: mlir-opt-22 --irdl-file=%taskring_irdl %s -split-input-file -verify-diagnostics
// wsp-opt's own --verify-diagnostics must agree with mlir-opt's on this file.
// RUN: wsp-opt %s --split-input-file --verify-diagnostics

// Structural errors that IRDL itself reports, with MLIR 22's exact messages.
// Values, ranges and runtime limits are taskring-verify's.

//===--- runtime and kernel -------------------------------------------------===//

// expected-error @+1 {{'taskring.runtime' op attribute "abi" is expected but not provided}}
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64,
                      heap_bytes = 1024 : i64, dep_pool = 1024 : i64,
                      aicpu_threads = 4 : i64, block_dim = 24 : i64} : () -> ()

// -----

// expected-error @+1 {{expected base attribute 'builtin.string' but got 'builtin.integer'}}
"taskring.runtime"() {flavor = 1 : i64, task_window = 16 : i64,
                      heap_bytes = 1024 : i64, dep_pool = 1024 : i64,
                      aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "a"} : () -> ()

// -----

// expected-error @+1 {{'taskring.kernel' op attribute "source" is expected but not provided}}
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv",
                     modes = ["in"], impl = "source"} : () -> ()

// -----

// `source` is a symbol reference (generated) or a path string (source).
// expected-error @+1 {{'3 : i64' does not satisfy the constraint}}
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv",
                     modes = ["in"], impl = "source", source = 3 : i64} : () -> ()

// -----

// expected-error @+1 {{expected base attribute 'builtin.array' but got 'builtin.string'}}
"taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv",
                     modes = "in", impl = "source", source = "a.cpp"} : () -> ()

// -----

// expected-error @+1 {{expected base attribute 'builtin.string' but got 'builtin.symbol_ref'}}
"taskring.kernel"() {sym_name = @k, func_id = 0 : i64, worker = "aiv",
                     modes = ["in"], impl = "source", source = "a.cpp"} : () -> ()

//===--- tensors ------------------------------------------------------------===//

// -----

func.func @external_of_tensor(%x: tensor<4xf32>) {
  // expected-error @+1 {{expected base type 'builtin.memref' but got 'builtin.tensor'}}
  %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (tensor<4xf32>) -> !taskring.tensor
  return
}

// -----

func.func @external_without_index(%x: memref<4xf32>) {
  // expected-error @+1 {{'taskring.tensor_external' op attribute "index" is expected but not provided}}
  %t = "taskring.tensor_external"(%x) {name = "x"} : (memref<4xf32>) -> !taskring.tensor
  return
}

// -----

func.func @alloc_shape_not_dense_array() {
  // expected-error @+1 {{expected base attribute 'builtin.dense_array' but got 'builtin.array'}}
  %t = "taskring.tensor_alloc"() {shape = [16, 64], dtype = "float32"} : () -> !taskring.tensor
  return
}

// -----

func.func @alloc_wrong_result() {
  // expected-error @+1 {{expected base type 'taskring.tensor' but got 'builtin.memref'}}
  %t = "taskring.tensor_alloc"() {shape = array<i64: 16>, dtype = "float32"} : () -> memref<16xf32>
  return
}

// -----

func.func @view_i64_offset(%t: !taskring.tensor, %o: i64) {
  // expected-error @+1 {{expected 'index' but got 'i64'}}
  %v = "taskring.view"(%t, %o) {static_offsets = array<i64: -9223372036854775808>, sizes = array<i64: 4>} : (!taskring.tensor, i64) -> !taskring.tensor
  return
}

// -----

func.func @view_without_sizes(%t: !taskring.tensor) {
  // expected-error @+1 {{'taskring.view' op attribute "sizes" is expected but not provided}}
  %v = "taskring.view"(%t) {static_offsets = array<i64: 0>} : (!taskring.tensor) -> !taskring.tensor
  return
}

// -----

// expected-error @+1 {{expected 0 type arguments, but had 1}}
func.func @tensor_with_parameter(%t: !taskring.tensor<f32>) {
  return
}

//===--- params -------------------------------------------------------------===//

// -----

func.func @input_of_memref(%m: memref<4xf32>) {
  // expected-error @+1 {{expected base type 'taskring.tensor' but got 'builtin.memref'}}
  %p = "taskring.input"(%m) : (memref<4xf32>) -> !taskring.param
  return
}

// -----

func.func @output_wrong_result(%t: !taskring.tensor) {
  // expected-error @+1 {{expected base type 'taskring.param' but got 'taskring.tensor'}}
  %p = "taskring.output"(%t) : (!taskring.tensor) -> !taskring.tensor
  return
}

// -----

func.func @scalar_of_tensor(%t: !taskring.tensor) {
  // expected-error @+1 {{'!taskring.tensor' does not satisfy the constraint}}
  %p = "taskring.scalar"(%t) : (!taskring.tensor) -> !taskring.param
  return
}

//===--- submit, edge, scopes, args -----------------------------------------===//

// -----

func.func @submit_without_worker(%p: !taskring.param) {
  // expected-error @+1 {{'taskring.submit' op attribute "worker" is expected but not provided}}
  %k = "taskring.submit"(%p) {kernel = @k, func_id = 0 : i64} : (!taskring.param) -> !taskring.task
  return
}

// -----

// Submit parameters must be boxed (taskring.input/output/inout/scalar).
func.func @submit_unboxed_tensor(%t: !taskring.tensor) {
  // expected-error @+1 {{expected base type 'taskring.param' but got 'taskring.tensor'}}
  %k = "taskring.submit"(%t) {kernel = @k, func_id = 0 : i64, worker = "aiv"} : (!taskring.tensor) -> !taskring.task
  return
}

// -----

func.func @submit_no_result(%p: !taskring.param) {
  // expected-error @+1 {{op expects exactly 1 results, but got 0}}
  "taskring.submit"(%p) {kernel = @k, func_id = 0 : i64, worker = "aiv"} : (!taskring.param) -> ()
  return
}

// -----

func.func @submit_kernel_is_string(%p: !taskring.param) {
  // expected-error @+1 {{expected base attribute 'builtin.symbol_ref' but got 'builtin.string'}}
  %k = "taskring.submit"(%p) {kernel = "k", func_id = 0 : i64, worker = "aiv"} : (!taskring.param) -> !taskring.task
  return
}

// -----

func.func @edge_one_operand(%t: !taskring.task) {
  // expected-error @+1 {{op expects exactly 2 operands, but got 1}}
  "taskring.edge"(%t) : (!taskring.task) -> ()
  return
}

// -----

func.func @edge_to_param(%t: !taskring.task, %p: !taskring.param) {
  // expected-error @+1 {{expected '!taskring.task' but got '!taskring.param'}}
  "taskring.edge"(%t, %p) : (!taskring.task, !taskring.param) -> ()
  return
}

// -----

func.func @scope_begin_with_operand(%t: !taskring.task) {
  // expected-error @+1 {{op expects exactly 0 operands, but got 1}}
  "taskring.scope_begin"(%t) : (!taskring.task) -> ()
  return
}

// -----

func.func @scope_end_with_result() {
  // expected-error @+1 {{op expects exactly 0 results, but got 1}}
  %x = "taskring.scope_end"() : () -> i32
  return
}

// -----

func.func @arg_without_name() {
  // expected-error @+1 {{'taskring.arg' op attribute "name" is expected but not provided}}
  %v = "taskring.arg"() {index = 0 : i64} : () -> i64
  return
}

// -----

func.func @arg_of_memref() {
  // expected-error @+1 {{'memref<4xf32>' does not satisfy the constraint}}
  %v = "taskring.arg"() {index = 0 : i64, name = "n"} : () -> memref<4xf32>
  return
}
