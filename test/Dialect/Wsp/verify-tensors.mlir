// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-verify)' -o /dev/null
// W2 (docs/verify.md): tensors the runtime can hold. Every combination of
// element type and shape against every stage: test/reliability/stage-matrix.mlir.

// expected-error@+1 {{'func.func' op: workload @main: parameter #0 ('x') has type 'memref<f32>' of rank 0; the runtime's tensors have rank 1 to 5 (RUNTIME_MAX_TENSOR_DIMS): give it one dimension (memref<1x...> for a single value)}}
func.func @main(%x: memref<f32> {wsp.name = "x"}) attributes {wsp.workload} {
  return
}

// -----

// expected-error@+1 {{'func.func' op: workload @main: parameter #0 has type 'memref<1x1x1x1x1x1xf32>' of rank 6; the runtime's tensors have rank 1 to 5 (RUNTIME_MAX_TENSOR_DIMS): collapse contiguous dimensions}}
func.func @main(%x: memref<1x1x1x1x1x1xf32>) attributes {wsp.workload} {
  return
}

// -----

// expected-error@+1 {{'func.func' op: workload @main: parameter #1 ('y') has type 'memref<4x?xi32>' with a dynamic dimension 1; artifact tensors need static shapes (the runtime allocates them before the program runs): give dimension 1 a size}}
func.func @main(%x: memref<4xi32>, %y: memref<4x?xi32> {wsp.name = "y"}) attributes {wsp.workload} {
  return
}

// -----

// expected-error@+1 {{'func.func' op: workload @main: parameter #0 has type 'memref<4x0xf32>' with dimension 1 of extent 0; an empty tensor has no buffer on the runtime (its shapes are extents >= 1): drop it, or give every dimension at least one element}}
func.func @main(%x: memref<4x0xf32>) attributes {wsp.workload} {
  return
}

// -----

// expected-error@+1 {{'func.func' op: workload @main: parameter #0 ('h') has element type 'f16', which the emitter and the runtime do not support for tensors (supported: f32, i8, i16, i32, i64 or ui8, ui64): store the data as one of these (e.g. f16/bf16/f64 as f32, i1/index as i32 or i64)}}
func.func @main(%h: memref<8xf16> {wsp.name = "h"}) attributes {wsp.workload} {
  return
}

// -----

// expected-error@+1 {{parameter #0 has element type 'bf16'}}
func.func @main(%b: memref<8xbf16>, %d: memref<8xf64>, %i: memref<8xi1>, %n: memref<8xindex>) attributes {wsp.workload} {
  return
}
// expected-error@-3 {{parameter #1 has element type 'f64'}}
// expected-error@-4 {{parameter #2 has element type 'i1'}}
// expected-error@-5 {{parameter #3 has element type 'index'}}

// -----

// expected-error@+1 {{'func.func' op: workload @main: parameter #0 has type 'memref<4611686018427387904x4xf32>', whose byte size is 2^63 or more (the runtime's sizes are int64): shrink it}}
func.func @main(%x: memref<4611686018427387904x4xf32>) attributes {wsp.workload} {
  return
}

// -----

// expected-error@+1 {{'func.func' op: workload @main: parameter #0 ('s') has type 'f16'; the orchestration's scalar arguments are integers, index, f32 or f64 (the runtime passes no f16/bf16 words): pass it as f32 and convert it (arith.truncf) where it is used}}
func.func @main(%s: f16 {wsp.name = "s"}, %t: f32) attributes {wsp.workload} {
  return
}

// -----

// Intermediates: the same rules.
func.func @main(%x: memref<4xf32>) attributes {wsp.workload} {
  // expected-error@+1 {{the intermediate tensor has type 'memref<0xf32>' with dimension 0 of extent 0; an empty tensor has no buffer on the runtime}}
  %a = memref.alloc() : memref<0xf32>
  // expected-error@+1 {{the intermediate tensor has element type 'f64', which the emitter and the runtime do not support for tensors}}
  %b = memref.alloc() : memref<4xf64>
  // expected-error@+1 {{the intermediate tensor has type 'memref<f32>' of rank 0}}
  %c = memref.alloca() : memref<f32>
  return
}
