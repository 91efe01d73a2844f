// RUN: wsp-opt %s --verify-diagnostics --pass-pipeline='builtin.module(wsp-check-fanin{max-tasks=10 target=pto-runtime-41d5c94a})'
// The default limit (10^7 task instances) is far above this program:
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-check-fanin{target=pto-runtime-41d5c94a})' 2>&1 | FileCheck %s --check-prefix=DEFAULT
// DEFAULT-NOT: warning

// More task instances than max-tasks: the analysis gives up, and the warning
// says so (and how to raise the limit), not that the program depends on
// run-time values.
func.func private @fill(memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
// expected-warning-re@+1 {{wsp-check-fanin: the runtime's per-task limit of 16 producers is not checked at compile time: the program's task graph cannot be built statically ({{.*}}'wsp.task' op: wsp-check-fanin: the program submits more than 10 tasks (the max-tasks limit); remedy: raise max-tasks or analyse a smaller problem size)}}
func.func @main(%m: memref<20x8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c20 = arith.constant 20 : index
  scf.for %i = %c0 to %c20 step %c1 {
    %v = memref.subview %m[%i, 0] [1, 8] [1, 1] : memref<20x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  }
  return
}
