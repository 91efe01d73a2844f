// Integer pass options have documented ranges (docs/passes.md): a value
// outside is a pipeline error naming the option, the range and the value.
// max-tasks=-1 was accepted (and the analysis reported "more than -1 tasks");
// heap-bytes=2^62 was accepted; an int beyond int64 was clamped silently.
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(wsp-check-fanin{max-tasks=-1})' 2>&1 | FileCheck %s --check-prefix=FANIN
// FANIN: <pass-pipeline>:1:16: error: option 'max-tasks' of pass 'wsp-check-fanin' expects an int in [1, 100000000], got '-1'; use a value in that range
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(wsp-check-deadlock{max-tasks=0})' 2>&1 | FileCheck %s --check-prefix=DEADLOCK
// DEADLOCK: error: option 'max-tasks' of pass 'wsp-check-deadlock' expects an int in [1, 100000000], got '0'
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(wsp-print-task-graph{max-tasks=99999999999999999999})' 2>&1 | FileCheck %s --check-prefix=HUGE
// HUGE: error: option 'max-tasks' of pass 'wsp-print-task-graph' expects an int in [1, 100000000], got '99999999999999999999'
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(wsp-to-taskring,taskring-size-resources{heap-bytes=4611686018427387904})' 2>&1 | FileCheck %s --check-prefix=HEAP
// HEAP: error: option 'heap-bytes' of pass 'taskring-size-resources' expects an int in [0, 68719476736], got '4611686018427387904'
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(wsp-to-taskring,taskring-size-resources{dep-pool=-5})' 2>&1 | FileCheck %s --check-prefix=POOL
// POOL: error: option 'dep-pool' of pass 'taskring-size-resources' expects an int in [0, 1073741824], got '-5'
// The ends of the ranges are accepted.
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-check-fanin{max-tasks=100000000})' -o /dev/null
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-check-fanin{max-tasks=1})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=ONE
// ONE: warning: wsp-check-fanin: {{.*}}more than 1 tasks

func.func @k(%x: memref<4xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"]} {
  return
}

func.func @main(%x: memref<8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  scf.for %t = %c0 to %c2 step %c1 {
    %o = arith.muli %t, %c4 : index
    %v = memref.subview %x[%o] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<4xf32, strided<[1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  }
  return
}
