// Target simpler-6ebaf771, host_build_graph: at most 128 producers per task
// (PTO2_MAX_FANIN); more stops the run, so it is a compile-time error at the
// task. Producers are the TensorMap's finds (the tile writers) and the explicit
// write-after-read dependencies (the readers before a writer), unreduced.
// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-check-fanin{target=simpler-6ebaf771 runtime=host_build_graph})'
// The default pipeline forwards its target and runtime to the check.
// RUN: not wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-to-taskring{target=simpler runtime=host_build_graph})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=PIPE
// PIPE: instance #129 of kernel 'sum' depends on 129 earlier tasks, but host_build_graph (simpler 6ebaf771) records at most 128
// PIPE: instance #129 of kernel 'zero' depends on 129 earlier tasks

// 128 tile writers, then a whole read: exactly at the limit.
func.func private @fill(memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
func.func private @sum(memref<128x8xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "sum.cpp"}
func.func @main(%m: memref<128x8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 128 : index
  scf.for %i = %c0 to %cn step %c1 {
    %v = memref.subview %m[%i, 0] [1, 8] [1, 1] : memref<128x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  }
  %b = "wsp.in"(%m) : (memref<128x8xf32>) -> !wsp.arg
  %s = "wsp.task"(%b) {kernel = @sum} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// 129: one past.
func.func private @fill(memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
func.func private @sum(memref<129x8xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "sum.cpp"}
func.func @main(%m: memref<129x8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 129 : index
  scf.for %i = %c0 to %cn step %c1 {
    %v = memref.subview %m[%i, 0] [1, 8] [1, 1] : memref<129x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  }
  %b = "wsp.in"(%m) : (memref<129x8xf32>) -> !wsp.arg
  // expected-error@+1 {{'wsp.task' op: instance #129 of kernel 'sum' depends on 129 earlier tasks, but host_build_graph (simpler 6ebaf771) records at most 128 producers per task and stops the run (PTO2_ERROR_DEP_POOL_OVERFLOW) when a task has more (PTO2_MAX_FANIN); read the data in pieces written by at most 128 tasks each (e.g. one task per tile), or reduce the tiles first}}
  %s = "wsp.task"(%b) {kernel = @sum} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// 128 readers of rows, then a writer of the whole tensor: 128 explicit
// write-after-read dependencies, at the limit.
func.func private @use(memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "use.cpp"}
func.func private @zero(memref<128x8xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "zero.cpp"}
func.func @main(%m: memref<128x8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 128 : index
  scf.for %i = %c0 to %cn step %c1 {
    %v = memref.subview %m[%i, 0] [1, 8] [1, 1] : memref<128x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.in"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @use} : (!wsp.arg) -> !wsp.handle
  }
  %b = "wsp.out"(%m) : (memref<128x8xf32>) -> !wsp.arg
  %z = "wsp.task"(%b) {kernel = @zero} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// 129 readers: one past.
func.func private @use(memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "use.cpp"}
func.func private @zero(memref<129x8xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "zero.cpp"}
func.func @main(%m: memref<129x8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 129 : index
  scf.for %i = %c0 to %cn step %c1 {
    %v = memref.subview %m[%i, 0] [1, 8] [1, 1] : memref<129x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.in"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @use} : (!wsp.arg) -> !wsp.handle
  }
  %b = "wsp.out"(%m) : (memref<129x8xf32>) -> !wsp.arg
  // expected-error@+1 {{instance #129 of kernel 'zero' depends on 129 earlier tasks, but host_build_graph (simpler 6ebaf771) records at most 128 producers per task}}
  %z = "wsp.task"(%b) {kernel = @zero} : (!wsp.arg) -> !wsp.handle
  return
}
