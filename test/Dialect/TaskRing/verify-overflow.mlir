// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(taskring-verify)'
// Offsets, sizes and extents near INT64_MAX: every check is overflow-safe
// (offset + size overflowed int64 in the message, a UBSan report;
// docs/reliability.md). The sanitized build runs this file too.

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func @main(%x: memref<64x64xf32>) {
  %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<64x64xf32>) -> !taskring.tensor
  // expected-error@+1 {{'taskring.view' op: dimension 0 spans [9223372036854775807, 9223372036854775823), outside the base tensor's extent 64: the view would reach outside the tensor's buffer; fix the offset or size}}
  %v0 = "taskring.view"(%tx) {static_offsets = array<i64: 9223372036854775807, 0>, sizes = array<i64: 16, 64>} : (!taskring.tensor) -> !taskring.tensor
  // expected-error@+1 {{'taskring.view' op: dimension 1 spans [9223372036854775800, 18446744073709551606), outside the base tensor's extent 64}}
  %v1 = "taskring.view"(%tx) {static_offsets = array<i64: 0, 9223372036854775800>, sizes = array<i64: 16, 9223372036854775806>} : (!taskring.tensor) -> !taskring.tensor
  // expected-error@+1 {{'taskring.view' op: dimension 0 spans [0, 9223372036854775807), outside the base tensor's extent 64}}
  %v2 = "taskring.view"(%tx) {static_offsets = array<i64: 0, 0>, sizes = array<i64: 9223372036854775807, 64>} : (!taskring.tensor) -> !taskring.tensor
  return
}

// -----

"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
func.func @main() {
  %big = "taskring.tensor_alloc"() {shape = array<i64: 9223372036854775807, 2>, dtype = "float32"} : () -> !taskring.tensor
  // expected-error@+1 {{'taskring.view' op: dimension 0 spans [9223372036854775807, 18446744073709551614), outside the base tensor's extent 9223372036854775807}}
  %v = "taskring.view"(%big) {static_offsets = array<i64: 9223372036854775807, 0>, sizes = array<i64: 9223372036854775807, 2>} : (!taskring.tensor) -> !taskring.tensor
  return
}

// -----

// heap_bytes is bounded by 2^36 (64 GiB): 2^62 was accepted.
// expected-error@+1 {{'taskring.runtime' op: heap_bytes = 4611686018427387904 is more than 2^36 = 68719476736 bytes (64 GiB, the device memory of the largest a2a3 part): the runtime could never allocate the heap ring; use heap_bytes <= 68719476736}}
"taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 4611686018427387904 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 24 : i64, abi = "wsp-artifact/1"} : () -> ()
