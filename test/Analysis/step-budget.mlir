// The evaluation budget of the task-graph analysis: 16 steps per allowed task,
// plus 1000 per allowed task up to 10^7, so it grows with max-tasks below 10^4
// allowed tasks and by 16 per task above. A counter without bound (it never
// repeats a state, so it is not found as a loop that never ends) runs into it.
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-check-fanin{max-tasks=9999})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=BELOW
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-check-fanin{max-tasks=10000})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=CAP

// BELOW: step-budget.mlir:[[#@LINE+6]]:8: 'scf.while' op: wsp-check-fanin stopped after 10158984 evaluation steps (16 per allowed task, plus 1000 per allowed task up to 10^7); remedy: raise max-tasks or analyse a smaller problem size)
// CAP: step-budget.mlir:[[#@LINE+5]]:8: 'scf.while' op: wsp-check-fanin stopped after 10160000 evaluation steps
func.func @counting_forever() attributes {wsp.workload} {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %true = arith.constant true
  %r = scf.while (%i = %c0) : (i64) -> i64 {
    scf.condition(%true) %i : i64
  } do {
  ^bb0(%j: i64):
    %n = arith.addi %j, %c1 : i64
    scf.yield %n : i64
  }
  return
}
