// The default max-tasks of wsp-check-fanin is 10^7 (docs/performance.md,
// "Instances"): the check streams the graph and keeps no record per task
// instance, so a program of 1 100 001 instances (above the old limit of 10^6)
// is checked, not skipped with a warning; here the last instance, #1 100 000, is
// the one with too many producers, so the check must have seen every instance.
// RUN: wsp-opt %s --verify-diagnostics --pass-pipeline='builtin.module(wsp-check-fanin{target=pto-runtime-41d5c94a})' -o /dev/null
// Under host_build_graph the same program is fine: no task has more than 512
// successors (a fill has at most one: the sum).
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-check-fanin{runtime=host_build_graph target=pto-runtime-41d5c94a})' -o /dev/null 2>&1 | FileCheck %s --allow-empty --check-prefix=HBG
// HBG-NOT: warning
// HBG-NOT: error
func.func private @fill(memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
func.func private @sum(memref<17x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "sum.cpp"}
func.func @main(%m: memref<1100000x8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 1099983 : index
  %c17 = arith.constant 17 : index
  scf.for %i = %c0 to %n step %c1 {
    %v = memref.subview %m[%i, 0] [1, 8] [1, 1] : memref<1100000x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  }
  // 17 fresh rows, each written by its own task: the read below has 17 producers.
  scf.for %j = %c0 to %c17 step %c1 {
    %r = arith.addi %n, %j : index
    %v = memref.subview %m[%r, 0] [1, 8] [1, 1] : memref<1100000x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  }
  %w = memref.subview %m[%n, 0] [17, 8] [1, 1] : memref<1100000x8xf32> to memref<17x8xf32, strided<[8, 1], offset: ?>>
  %b = "wsp.in"(%w) : (memref<17x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  // expected-error@+1 {{'wsp.task' op: instance #1100000 of kernel 'sum' depends on 17 earlier tasks, but tensormap_and_ringbuffer (pto-runtime 41d5c94a) records at most 16 producers per task}}
  %s = "wsp.task"(%b) {kernel = @sum} : (!wsp.arg) -> !wsp.handle
  return
}
