// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-verify)' -o /dev/null
// RUN: not wsp-opt %s --split-input-file --wsp-to-taskring -o /dev/null 2>&1 | FileCheck %s --check-prefix=PIPELINE
// Rule P2 (docs/verify.md): a process never spawns its own function, directly
// or through other processes, wherever the spawn sits (scf.if, scf.for,
// scf.while) and whether or not the program is static. The task-graph
// analysis only saw the recursions it executed; in a dynamic program (a host
// symbol, a received token) it could not run and the cycle reached the
// runtime, which spawned processes until it hung or ran out of memory.

// Direct recursion under a condition on a host symbol: the analysis cannot
// run the program, wsp-verify rejects it anyway.
func.func @walk(%n: i64) attributes {wsp.process, wsp.access = ["scalar"]} {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %more = arith.cmpi sgt, %n, %c0 : i64
  scf.if %more {
    %m = arith.subi %n, %c1 : i64
    %s = "wsp.scalar"(%m) : (i64) -> !wsp.arg
    // expected-error@+1 {{'wsp.spawn' op: process @walk spawns itself (@walk -> @walk): a spawn cycle starts processes without end at run time (the orchestration hangs or runs out of memory), and wsp cannot prove a recursion bounded, whatever condition or loop surrounds the spawn; remedy: spawn a fixed set of processes, e.g. all from the workload, and let them exchange work over channels}}
    "wsp.spawn"(%s) {process = @walk} : (!wsp.arg) -> ()
  }
  return
}
func.func @main() attributes {wsp.workload} {
  %n = "wsp.symbol"() {name = "depth"} : () -> i64
  %s = "wsp.scalar"(%n) : (i64) -> !wsp.arg
  "wsp.spawn"(%s) {process = @walk} : (!wsp.arg) -> ()
  return
}
// PIPELINE: verify-spawn-cycles.mlir:[[#@LINE-10]]:5: error: 'wsp.spawn' op: process @walk spawns itself (@walk -> @walk)

// -----

// Mutual recursion through three processes, in an scf.for with a run-time
// bound and an scf.while; a note at each other spawn of the cycle.
func.func @a(%n: index) attributes {wsp.process, wsp.access = ["scalar"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    %s = "wsp.scalar"(%i) : (index) -> !wsp.arg
    // expected-note@+1 {{@a spawns @b here}}
    "wsp.spawn"(%s) {process = @b} : (!wsp.arg) -> ()
  }
  return
}
func.func @b(%n: index) attributes {wsp.process, wsp.access = ["scalar"]} {
  %c0 = arith.constant 0 : index
  %r = scf.while (%i = %n) : (index) -> index {
    %go = arith.cmpi sgt, %i, %c0 : index
    scf.condition(%go) %i : index
  } do {
  ^bb0(%i: index):
    %s = "wsp.scalar"(%i) : (index) -> !wsp.arg
    // expected-note@+1 {{@b spawns @c here}}
    "wsp.spawn"(%s) {process = @c} : (!wsp.arg) -> ()
    %c1 = arith.constant 1 : index
    %j = arith.subi %i, %c1 : index
    scf.yield %j : index
  }
  return
}
func.func @c(%n: index) attributes {wsp.process, wsp.access = ["scalar"]} {
  %s = "wsp.scalar"(%n) : (index) -> !wsp.arg
  // expected-error@+1 {{'wsp.spawn' op: process @a spawns itself through other processes (@a -> @b -> @c -> @a)}}
  "wsp.spawn"(%s) {process = @a} : (!wsp.arg) -> ()
  return
}
func.func @main(%n: index) attributes {wsp.workload} {
  %s = "wsp.scalar"(%n) : (index) -> !wsp.arg
  "wsp.spawn"(%s) {process = @a} : (!wsp.arg) -> ()
  return
}

// -----

// A cycle no spawn ever enters is still a cycle (its processes are never
// started here, but the rule is about the program's structure); and two
// cycles through one process are two errors.
func.func @x(%n: index) attributes {wsp.process, wsp.access = ["scalar"]} {
  %s = "wsp.scalar"(%n) : (index) -> !wsp.arg
  // expected-note@+1 {{@x spawns @y here}}
  "wsp.spawn"(%s) {process = @y} : (!wsp.arg) -> ()
  // expected-error@+1 {{'wsp.spawn' op: process @x spawns itself (@x -> @x)}}
  "wsp.spawn"(%s) {process = @x} : (!wsp.arg) -> ()
  return
}
func.func @y(%n: index) attributes {wsp.process, wsp.access = ["scalar"]} {
  %s = "wsp.scalar"(%n) : (index) -> !wsp.arg
  // expected-error@+1 {{'wsp.spawn' op: process @x spawns itself through other processes (@x -> @y -> @x)}}
  "wsp.spawn"(%s) {process = @x} : (!wsp.arg) -> ()
  return
}
func.func @main() attributes {wsp.workload} {
  return
}

// -----

// No cycle: a diamond (@top spawns @left and @right, both spawn @leaf) and a
// process spawned many times from a loop are fine.
func.func @leaf(%n: index) attributes {wsp.process, wsp.access = ["scalar"]} {
  return
}
func.func @left(%n: index) attributes {wsp.process, wsp.access = ["scalar"]} {
  %s = "wsp.scalar"(%n) : (index) -> !wsp.arg
  "wsp.spawn"(%s) {process = @leaf} : (!wsp.arg) -> ()
  return
}
func.func @right(%n: index) attributes {wsp.process, wsp.access = ["scalar"]} {
  %s = "wsp.scalar"(%n) : (index) -> !wsp.arg
  "wsp.spawn"(%s) {process = @leaf} : (!wsp.arg) -> ()
  return
}
func.func @top(%n: index) attributes {wsp.process, wsp.access = ["scalar"]} {
  %s = "wsp.scalar"(%n) : (index) -> !wsp.arg
  "wsp.spawn"(%s) {process = @left} : (!wsp.arg) -> ()
  "wsp.spawn"(%s) {process = @right} : (!wsp.arg) -> ()
  return
}
func.func @main() attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    %s = "wsp.scalar"(%i) : (index) -> !wsp.arg
    "wsp.spawn"(%s) {process = @top} : (!wsp.arg) -> ()
  }
  return
}
