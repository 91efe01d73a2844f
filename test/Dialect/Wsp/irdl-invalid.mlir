// RUN: mlir-opt-22 --irdl-file=%wsp_irdl %s -split-input-file -verify-diagnostics
// wsp-opt's own --verify-diagnostics must agree with mlir-opt's on this file.
// RUN: wsp-opt %s --split-input-file --verify-diagnostics

// Structural errors that IRDL itself reports, with MLIR 22's exact messages.
// Semantic errors (attribute values, symbol resolution, modes, ...) are
// wsp-verify's and are tested in verify.mlir.

//===--- argument boxing ----------------------------------------------------===//

func.func @in_of_index(%i: index) {
  // expected-error @+1 {{'index' does not satisfy the constraint}}
  %a = "wsp.in"(%i) : (index) -> !wsp.arg
  return
}

// -----

// inout takes tensors only: a channel is either received from or sent on.
func.func @inout_of_channel(%c: !wsp.channel<i64>) {
  // expected-error @+1 {{expected base type 'builtin.memref' but got 'wsp.channel'}}
  %a = "wsp.inout"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  return
}

// -----

func.func @in_wrong_result(%m: memref<4xf32>) {
  // expected-error @+1 {{expected base type 'wsp.arg' but got 'wsp.handle'}}
  %a = "wsp.in"(%m) : (memref<4xf32>) -> !wsp.handle
  return
}

// -----

func.func @scalar_of_memref(%m: memref<4xf32>) {
  // expected-error @+1 {{'memref<4xf32>' does not satisfy the constraint}}
  %a = "wsp.scalar"(%m) : (memref<4xf32>) -> !wsp.arg
  return
}

// -----

// A scalar is one 64-bit runtime word: f128 is rejected structurally.
func.func @scalar_of_f128(%x: f128) {
  // expected-error @+1 {{'f128' does not satisfy the constraint}}
  %a = "wsp.scalar"(%x) : (f128) -> !wsp.arg
  return
}

//===--- task ---------------------------------------------------------------===//

// -----

func.func @task_without_kernel(%a: !wsp.arg) {
  // expected-error @+1 {{'wsp.task' op attribute "kernel" is expected but not provided}}
  %h = "wsp.task"(%a) : (!wsp.arg) -> !wsp.handle
  return
}

// -----

func.func @task_kernel_is_string(%a: !wsp.arg) {
  // expected-error @+1 {{expected base attribute 'builtin.symbol_ref' but got 'builtin.string'}}
  %h = "wsp.task"(%a) {kernel = "k"} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// Task arguments must be boxed (wsp.in/out/inout/scalar).
func.func @task_unboxed_argument(%m: memref<4xf32>) {
  // expected-error @+1 {{expected base type 'wsp.arg' but got 'builtin.memref'}}
  %h = "wsp.task"(%m) {kernel = @k} : (memref<4xf32>) -> !wsp.handle
  return
}

// -----

func.func @task_no_result(%a: !wsp.arg) {
  // expected-error @+1 {{op expects exactly 1 results, but got 0}}
  "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> ()
  return
}

// -----

func.func @task_two_results(%a: !wsp.arg) {
  // expected-error @+1 {{op expects exactly 1 results, but got 2}}
  %h:2 = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> (!wsp.handle, !wsp.handle)
  return
}

//===--- dispatch and task_window -------------------------------------------===//

// -----

func.func @dispatch_without_policy(%h: !wsp.handle) {
  // expected-error @+1 {{'wsp.dispatch' op attribute "policy" is expected but not provided}}
  "wsp.dispatch"(%h) {domains = 3 : i64} : (!wsp.handle) -> ()
  return
}

// -----

func.func @dispatch_two_keys(%h: !wsp.handle, %k: index) {
  // expected-error @+1 {{op expects at most 2 operands, but got 3}}
  "wsp.dispatch"(%h, %k, %k) {policy = "hash", domains = 3 : i64} : (!wsp.handle, index, index) -> ()
  return
}

// -----

func.func @dispatch_float_key(%h: !wsp.handle, %k: f32) {
  // expected-error @+1 {{'f32' does not satisfy the constraint}}
  "wsp.dispatch"(%h, %k) {policy = "hash", domains = 3 : i64} : (!wsp.handle, f32) -> ()
  return
}

// -----

func.func @dispatch_domains_is_string(%h: !wsp.handle) {
  // expected-error @+1 {{expected base attribute 'builtin.integer' but got 'builtin.string'}}
  "wsp.dispatch"(%h) {policy = "round_robin", domains = "3"} : (!wsp.handle) -> ()
  return
}

// -----

func.func @task_window_without_mode() {
  // expected-error @+1 {{'wsp.task_window' op attribute "mode" is expected but not provided}}
  "wsp.task_window"() {size = 16 : i64, unit = "tasks"} : () -> ()
  return
}

//===--- channels -----------------------------------------------------------===//

// -----

func.func @create_channel_without_capacity() {
  // expected-error @+1 {{'wsp.create_channel' op attribute "capacity" is expected but not provided}}
  %c = "wsp.create_channel"() {name = "c"} : () -> !wsp.channel<i64>
  return
}

// -----

func.func @create_channel_wrong_result() {
  // expected-error @+1 {{expected base type 'wsp.channel' but got 'wsp.handle'}}
  %c = "wsp.create_channel"() {name = "c", capacity = 1 : i64} : () -> !wsp.handle
  return
}

// -----

// Tokens are integers.
// expected-error @+1 {{'f32' does not satisfy the constraint}}
func.func @channel_of_float(%c: !wsp.channel<f32>) {
  return
}

// -----

// expected-error @+1 {{expected 1 type arguments, but had 0}}
func.func @channel_without_element_type(%c: !wsp.channel) {
  return
}

// -----

// The token's type must be the channel's element type.
func.func @send_token_type_mismatch(%c: !wsp.channel<i64>, %t: i32) {
  // expected-error @+1 {{expected 'i64' but got 'i32'}}
  "wsp.send"(%c, %t) : (!wsp.channel<i64>, i32) -> ()
  return
}

// -----

func.func @send_after_not_a_handle(%c: !wsp.channel<i64>, %t: i64, %a: !wsp.arg) {
  // expected-error @+1 {{expected base type 'wsp.handle' but got 'wsp.arg'}}
  "wsp.send"(%c, %t, %a) : (!wsp.channel<i64>, i64, !wsp.arg) -> ()
  return
}

// -----

func.func @recv_token_type_mismatch(%c: !wsp.channel<i64>) {
  // expected-error @+1 {{expected 'i64' but got 'i32'}}
  %ok, %t = "wsp.recv"(%c) : (!wsp.channel<i64>) -> (i1, i32)
  return
}

// -----

func.func @recv_one_result(%c: !wsp.channel<i64>) {
  // expected-error @+1 {{op expects exactly 2 results, but got 1}}
  %t = "wsp.recv"(%c) : (!wsp.channel<i64>) -> i64
  return
}

// -----

func.func @recv_ok_not_i1(%c: !wsp.channel<i64>) {
  // expected-error @+1 {{expected 'i1' but got 'i32'}}
  %ok, %t = "wsp.recv"(%c) : (!wsp.channel<i64>) -> (i32, i64)
  return
}

// -----

func.func @close_memref(%m: memref<4xi64>) {
  // expected-error @+1 {{expected base type 'wsp.channel' but got 'builtin.memref'}}
  "wsp.close"(%m) : (memref<4xi64>) -> ()
  return
}

// -----

func.func @spawn_without_process(%a: !wsp.arg) {
  // expected-error @+1 {{'wsp.spawn' op attribute "process" is expected but not provided}}
  "wsp.spawn"(%a) : (!wsp.arg) -> ()
  return
}

//===--- symbols and slot reads ---------------------------------------------===//

// -----

func.func @symbol_without_name() {
  // expected-error @+1 {{'wsp.symbol' op attribute "name" is expected but not provided}}
  %v = "wsp.symbol"() : () -> i64
  return
}

// -----

func.func @symbol_of_memref() {
  // expected-error @+1 {{'memref<4xi64>' does not satisfy the constraint}}
  %v = "wsp.symbol"() {name = "n"} : () -> memref<4xi64>
  return
}

// -----

func.func @slot_read_i64_indices(%m: memref<4x4xi64>, %i: i64) {
  // expected-error @+1 {{expected 'index' but got 'i64'}}
  %v = "wsp.slot_read"(%m, %i, %i) : (memref<4x4xi64>, i64, i64) -> i64
  return
}

// -----

func.func @slot_read_index_result(%m: memref<4x4xi64>, %i: index) {
  // expected-error @+1 {{'index' does not satisfy the constraint}}
  %v = "wsp.slot_read"(%m, %i, %i) : (memref<4x4xi64>, index, index) -> index
  return
}

// -----

func.func @slot_read_of_tensor(%m: tensor<4x4xi64>, %i: index) {
  // expected-error @+1 {{expected base type 'builtin.memref' but got 'builtin.tensor'}}
  %v = "wsp.slot_read"(%m, %i, %i) : (tensor<4x4xi64>, index, index) -> i64
  return
}

//===--- upstream verifiers ---------------------------------------------------===//

// -----

// A tile whose offsets, sizes and strides are all attributes and leave the
// source: MLIR's memref.subview verifier rejects it before any wsp pass runs
// (wsp-verify checks the offsets given as SSA values, see verify.mlir).
func.func @main(%x: memref<4x64xf32>) attributes {wsp.workload} {
  // expected-error @+1 {{slice along dimension 0 runs out-of-bounds: 4 >= 4}}
  %v = memref.subview %x[3, 0] [2, 64] [1, 1] : memref<4x64xf32> to memref<2x64xf32, strided<[64, 1], offset: 192>>
  return
}
