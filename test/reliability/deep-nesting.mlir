// Deeply nested programs, generated: every stage recurses once per level
// (MLIR's parser, verifier and printer, the task-graph interpreter, the
// lowering). Up to 1000 levels compile today; docs/reliability.md has the
// limits measured and deep-nesting-limit.mlir the case beyond them.
//
// 200 nested loops (trip count 1) around one task: valid, one submit.
// RUN: %python %S/Inputs/gen_nested.py 200 -o %t.for200.mlir
// RUN: wsp-opt %t.for200.mlir --pass-pipeline='builtin.module(wsp-to-taskring{target=pto-runtime-41d5c94a})' | FileCheck %s --check-prefix=ONE
// ONE-COUNT-1: "taskring.submit"
// ONE-NOT:     "taskring.submit"
//
// 200 nested loops of 2 iterations: 2^200 task instances. Valid, but too big
// to unroll: wsp-check-fanin gives up with a warning that names the reason
// (the max-tasks limit, not run-time values: there are none), the lowering
// does not care how many iterations there are.
// RUN: %python %S/Inputs/gen_nested.py 200 --trips 2 -o %t.trips.mlir
// RUN: wsp-opt %t.trips.mlir --pass-pipeline='builtin.module(wsp-to-taskring{target=pto-runtime-41d5c94a})' -o %t.trips.out 2>&1 | FileCheck %s --check-prefix=TRIPS
// TRIPS: warning: wsp-check-fanin: the runtime's per-task limit of 16 producers is not checked at compile time: the program's task graph cannot be built statically ({{.*}}'wsp.task' op: wsp-check-fanin: the program submits more than 10000000 tasks (the max-tasks limit); remedy: raise max-tasks or analyse a smaller problem size)
// TRIPS-NOT: error:
//
// 200 nested scf.if (constant true) and scf.execute_region.
// RUN: %python %S/Inputs/gen_nested.py 200 --kind if -o %t.if200.mlir
// RUN: wsp-opt %t.if200.mlir --pass-pipeline='builtin.module(wsp-to-taskring{target=pto-runtime-41d5c94a})' | FileCheck %s --check-prefix=ONE
// RUN: %python %S/Inputs/gen_nested.py 200 --kind region -o %t.region200.mlir
// RUN: %python %S/Inputs/replay.py %t.region200.mlir | FileCheck %s --check-prefix=REPLAY
// REPLAY: replay: 1 inputs ok
//
// 1000 levels, the deepest tested: still compiles (and in well under a second;
// MLIR's dominance checks make deep nesting quadratic).
// RUN: %python %S/Inputs/gen_nested.py 1000 -o %t.for1000.mlir
// RUN: %python %S/Inputs/replay.py %t.for1000.mlir | FileCheck %s --check-prefix=DEEP
// DEEP: for1000.mlir wsp-opt: exit 0
// DEEP: for1000.mlir wsp-compile: exit 0
// DEEP: replay: 1 inputs ok
