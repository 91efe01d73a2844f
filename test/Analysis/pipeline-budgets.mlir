// The default pipeline forwards the analysis budgets to every check that has them,
// and bounds scalar work too: an endless scf.while with no task ends in a warning.
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-to-taskring{max-tasks=10 target=pto-runtime-41d5c94a})' -o /dev/null 2>&1 | FileCheck %s
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(wsp-to-taskring{max-memory=-1 target=pto-runtime-41d5c94a})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(wsp-to-taskring{max-tasks=0 target=pto-runtime-41d5c94a})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=TASKS

// CHECK: warning: wsp-check-fanin: the runtime's per-task limit of 16 producers is not checked at compile time
// CHECK-SAME: 'scf.while' op: wsp-check-fanin stopped after 10000160 evaluation steps (16 per allowed task, plus 10^7); remedy: raise max-tasks
// RANGE: error: option 'max-memory' of pass 'wsp-to-taskring' expects an int in [0, 1048576], got '-1'
// TASKS: error: option 'max-tasks' of pass 'wsp-to-taskring' expects an int in [1, 100000000], got '0'

func.func @endless() attributes {wsp.workload} {
  %true = arith.constant true
  scf.while : () -> () {
    scf.condition(%true)
  } do {
    scf.yield
  }
  return
}
