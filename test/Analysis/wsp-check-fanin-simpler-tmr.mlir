// Target simpler-6ebaf771, tensormap_and_ringbuffer: nothing is dropped
// (41d5c94a's 16-producer limit does not apply); a task keeps 64 producers
// inline and spills the rest to the ring's fanin pool (default ring_dep_pool
// 16384), which cannot free the task's own entries before it runs, so more
// than 64 + 16384 = 16448 producers always stop the run: a compile-time error.
// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-check-fanin{target=simpler})'

// 17 producers: fine on simpler (an error on pto-runtime 41d5c94a,
// wsp-check-fanin.mlir).
func.func private @fill(memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
func.func private @sum(memref<17x8xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "sum.cpp"}
func.func @main(%m: memref<17x8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 17 : index
  scf.for %i = %c0 to %cn step %c1 {
    %v = memref.subview %m[%i, 0] [1, 8] [1, 1] : memref<17x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  }
  %b = "wsp.in"(%m) : (memref<17x8xf32>) -> !wsp.arg
  %s = "wsp.task"(%b) {kernel = @sum} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// Exactly at the limit.
func.func private @fill(memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
func.func private @sum(memref<16448x8xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "sum.cpp"}
func.func @main(%m: memref<16448x8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 16448 : index
  scf.for %i = %c0 to %cn step %c1 {
    %v = memref.subview %m[%i, 0] [1, 8] [1, 1] : memref<16448x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  }
  %b = "wsp.in"(%m) : (memref<16448x8xf32>) -> !wsp.arg
  %s = "wsp.task"(%b) {kernel = @sum} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// One past.
func.func private @fill(memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
func.func private @sum(memref<16449x8xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "sum.cpp"}
func.func @main(%m: memref<16449x8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 16449 : index
  scf.for %i = %c0 to %cn step %c1 {
    %v = memref.subview %m[%i, 0] [1, 8] [1, 1] : memref<16449x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  }
  %b = "wsp.in"(%m) : (memref<16449x8xf32>) -> !wsp.arg
  // expected-error@+1 {{'wsp.task' op: instance #16449 of kernel 'sum' depends on 16449 earlier tasks, but tensormap_and_ringbuffer (simpler 6ebaf771) records at most 16448 producers per task and stops the run (PTO2_ERROR_DEP_POOL_OVERFLOW) when a task has more (PTO2_FANIN_INLINE_CAP 64 + the default ring_dep_pool 16384)}}
  %s = "wsp.task"(%b) {kernel = @sum} : (!wsp.arg) -> !wsp.handle
  return
}
