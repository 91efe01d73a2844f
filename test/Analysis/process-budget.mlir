// A loop that spawns 200,000 processes: each costs the analyses about 2 KB of
// state (its record, environment and frames), so the interpreter counts it
// against max-memory and stops there with the checks' usual warning, instead of
// exhausting the machine (found by the IR-level fuzzer: a loop bound mutated
// to 2^19 took 2.3 GB). docs/performance.md, "The budget".
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-check-deadlock{max-memory=10})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=DEADLOCK
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-check-races{max-memory=10})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=RACES
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-check-fanin{max-memory=10})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=FANIN
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(wsp-print-task-graph{max-memory=10})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=PRINT
// The pipeline forwards the budget to every check:
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-to-taskring{max-memory=10})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=PIPELINE

// DEADLOCK: warning: wsp-check-deadlock: deadlock freedom is not checked at compile time: the program cannot be run statically ({{.*}}process-budget.mlir:{{[0-9]+}}:5: 'wsp.spawn' op: wsp-check-deadlock: the analysis needs more than 10 MB (the max-memory limit) for the state of {{[0-9]+}} processes; remedy: raise max-memory or analyse a smaller problem size)
// RACES: warning: wsp-check-races: freedom from races between processes is not proven: {{.*}}the analysis needs more than 10 MB (the max-memory limit) for the state of {{[0-9]+}} processes
// FANIN: warning: wsp-check-fanin: {{.*}} is not checked at compile time: {{.*}}the analysis needs more than 10 MB (the max-memory limit) for the state of {{[0-9]+}} processes
// PRINT: error: 'wsp.spawn' op: wsp-print-task-graph: the analysis needs more than 10 MB (the max-memory limit) for the state of {{[0-9]+}} processes
// PIPELINE-DAG: warning: wsp-check-deadlock: {{.*}}for the state of {{[0-9]+}} processes
// PIPELINE-DAG: warning: wsp-check-races: {{.*}}for the state of {{[0-9]+}} processes
// PIPELINE-DAG: warning: wsp-check-fanin: {{.*}}for the state of {{[0-9]+}} processes

func.func @worker(%n: index) attributes {wsp.process, wsp.access = ["scalar"]} {
  return
}
func.func @main() attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 200000 : index
  scf.for %i = %c0 to %n step %c1 {
    %s = "wsp.scalar"(%i) : (index) -> !wsp.arg
    "wsp.spawn"(%s) {process = @worker} : (!wsp.arg) -> ()
  }
  return
}
