// The default pipeline forwards the analysis budgets to every check that has them,
// and an endless scf.while with no task ends in a warning.
// RUN: wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-to-taskring{max-tasks=10 target=pto-runtime-41d5c94a})' -o /dev/null 2>&1 | FileCheck %s
// RUN: not wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-to-taskring{max-memory=-1 target=pto-runtime-41d5c94a})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-to-taskring{max-tasks=0 target=pto-runtime-41d5c94a})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=TASKS

// RANGE: error: option 'max-memory' of pass 'wsp-to-taskring' expects an int in [0, 1048576], got '-1'
// TASKS: error: option 'max-tasks' of pass 'wsp-to-taskring' expects an int in [1, 100000000], got '0'

// CHECK: warning: wsp-check-fanin: the runtime's per-task limit of 16 producers is not checked at compile time
// CHECK-SAME: 'scf.while' op: wsp-check-fanin: this loop never ends: iteration #1 starts with the same values as iteration #0
func.func @endless() attributes {wsp.workload} {
  %true = arith.constant true
  scf.while : () -> () {
    scf.condition(%true)
  } do {
    scf.yield
  }
  return
}

// -----

// CHECK: warning: wsp-check-fanin: the runtime's per-task limit of 16 producers is not checked at compile time
// CHECK-SAME: 'wsp.task' op: wsp-check-fanin: the program submits more than 10 tasks (the max-tasks limit)
func.func private @fill(memref<1x8xf32, strided<[8, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
func.func @eleven(%m: memref<11x8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c11 = arith.constant 11 : index
  scf.for %i = %c0 to %c11 step %c1 {
    %v = memref.subview %m[%i, 0] [1, 8] [1, 1] : memref<11x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  }
  return
}
