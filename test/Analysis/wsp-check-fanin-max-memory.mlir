// RUN: wsp-opt %s --verify-diagnostics --pass-pipeline='builtin.module(wsp-check-fanin{max-memory=1 target=pto-runtime-41d5c94a})' -o /dev/null
// The same budget for wsp-check-deadlock, which names what it did not check:
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-check-deadlock{max-memory=1})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=DEADLOCK
// DEADLOCK: warning: wsp-check-deadlock: deadlock freedom is not checked at compile time: the program cannot be run statically ({{.*}}'wsp.task' op: wsp-check-deadlock: the analysis needs more than 1 MB (the max-memory limit) after {{[0-9]+}} task instances; remedy: raise max-memory or analyse a smaller problem size)
// The default budget (700 MB) is far above this program; 0 is no limit:
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-check-fanin{target=pto-runtime-41d5c94a})' --wsp-check-deadlock -o /dev/null 2>&1 | FileCheck %s --allow-empty --check-prefix=DEFAULT
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-check-fanin{max-memory=0 target=pto-runtime-41d5c94a})' -o /dev/null 2>&1 | FileCheck %s --allow-empty --check-prefix=DEFAULT
// DEFAULT-NOT: warning

// Every instance writes a tile of its own, so the hazard tracker's live state
// (an entry, a box and a grid cell per tile) grows with the instances; past
// max-memory (in MB) the checks give up and warn, naming what they did not
// check and the limit. The instance count alone (max-tasks) would not stop
// them: memory per instance depends on the program (docs/performance.md).
func.func private @fill(memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
func.func @proc() attributes {wsp.process, wsp.access = []} {
  return
}
// expected-warning-re@+1 {{wsp-check-fanin: the runtime's per-task limit of 16 producers is not checked at compile time: the program's task graph cannot be built statically ({{.*}}'wsp.task' op: wsp-check-fanin: the analysis needs more than 1 MB (the max-memory limit) after {{[0-9]+}} task instances; remedy: raise max-memory or analyse a smaller problem size)}}
func.func @main(%m: memref<100000x8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 100000 : index
  "wsp.spawn"() {process = @proc} : () -> ()
  scf.for %i = %c0 to %n step %c1 {
    %v = memref.subview %m[%i, 0] [1, 8] [1, 1] : memref<100000x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  }
  return
}
