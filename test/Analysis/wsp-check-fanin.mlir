// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-check-fanin{target=pto-runtime-41d5c94a})'

// 17 row tiles are written by 17 tasks, then one task reads the whole matrix:
// it has 17 producers, one more than the pinned runtime records.
func.func private @fill(memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
func.func private @sum(memref<17x8xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "sum.cpp"}
func.func @main(%m: memref<17x8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c17 = arith.constant 17 : index
  scf.for %i = %c0 to %c17 step %c1 {
    %v = memref.subview %m[%i, 0] [1, 8] [1, 1] : memref<17x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  }
  %b = "wsp.in"(%m) : (memref<17x8xf32>) -> !wsp.arg
  // expected-error@+1 {{'wsp.task' op: instance #17 of kernel 'sum' depends on 17 earlier tasks, but tensormap_and_ringbuffer (pto-runtime 41d5c94a) records at most 16 producers per task and silently drops the rest}}
  %s = "wsp.task"(%b) {kernel = @sum} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// 16 producers are fine.
func.func private @fill(memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
func.func private @sum(memref<16x8xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "sum.cpp"}
func.func @main(%m: memref<16x8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  scf.for %i = %c0 to %c16 step %c1 {
    %v = memref.subview %m[%i, 0] [1, 8] [1, 1] : memref<16x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  }
  %b = "wsp.in"(%m) : (memref<16x8xf32>) -> !wsp.arg
  %s = "wsp.task"(%b) {kernel = @sum} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// A dynamic trip count cannot be checked: said once, not silently skipped,
// with the reason the analysis gave (here: the bound is a workload argument).
func.func private @fill(memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
// expected-warning-re@+1 {{wsp-check-fanin: the runtime's per-task limit of 16 producers is not checked at compile time: the program's task graph cannot be built statically ({{.*}}'scf.for' op: wsp-check-fanin needs static loop bounds; the upper bound {{.*}})}}
func.func @main(%m: memref<64x8xf32>, %n: index) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    %v = memref.subview %m[%i, 0] [1, 8] [1, 1] : memref<64x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  }
  return
}

// -----

// An op the analysis does not evaluate: the warning names it, not run-time
// values (there are none here).
func.func private @fill(memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
// expected-warning-re@+1 {{wsp-check-fanin: the runtime's per-task limit of 16 producers is not checked at compile time: the program's task graph cannot be built statically ({{.*}}'scf.execute_region' op: wsp-check-fanin cannot evaluate this op; {{.*}})}}
func.func @main(%m: memref<64x8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  scf.execute_region {
    %v = memref.subview %m[%c0, 0] [1, 8] [1, 1] : memref<64x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
    scf.yield
  }
  return
}
