// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-check-deadlock)' -o /dev/null
// RUN: not wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-check-deadlock)' -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: wsp-opt %S/../../examples/csp_pipeline/csp_pipeline.mlir --pass-pipeline='builtin.module(wsp-check-deadlock{max-tasks=10})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=LIMIT

// wsp-check-deadlock (docs/csp.md): reports a deadlock with the analysis's
// message; says nothing for deadlock-free programs and for programs without
// processes; warns once, and only once (never an error, even on a
// diagnostic stream), when the program cannot be run statically.

// A deadlock: the same error as from wsp-print-task-graph.
func.func @left(%in: !wsp.channel<i64>, %out: !wsp.channel<i64>)
    attributes {wsp.process, wsp.access = ["in", "out"]} {
  // expected-note @+1 {{'left' is blocked here}}
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  "wsp.send"(%out, %t) : (!wsp.channel<i64>, i64) -> ()
  return
}
func.func @right(%in: !wsp.channel<i64>, %out: !wsp.channel<i64>)
    attributes {wsp.process, wsp.access = ["in", "out"]} {
  // expected-note @+1 {{'right' is blocked here}}
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  "wsp.send"(%out, %t) : (!wsp.channel<i64>, i64) -> ()
  return
}
// CHECK: check-deadlock.mlir:[[#@LINE+2]]:1: error: 'func.func' op: deadlock: every process that has not returned is blocked: 'left' waits at wsp.recv ({{.*}}check-deadlock.mlir:[[#@LINE-11]]:13) on channel 'r2l' (capacity 2, holding 0 tokens); 'right' waits at wsp.recv ({{.*}}check-deadlock.mlir:[[#@LINE-4]]:13) on channel 'l2r' (capacity 2, holding 0 tokens); no process can make progress; remedy: reorder the sends and recvs, or raise a capacity
// expected-error @+1 {{deadlock: every process that has not returned is blocked: 'left' waits at wsp.recv}}
func.func @deadlock() attributes {wsp.workload} {
  %l2r = "wsp.create_channel"() {name = "l2r", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %r2l = "wsp.create_channel"() {name = "r2l", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %p0 = "wsp.in"(%r2l) : (!wsp.channel<i64>) -> !wsp.arg
  %p1 = "wsp.out"(%l2r) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p0, %p1) {process = @left} : (!wsp.arg, !wsp.arg) -> ()
  %q0 = "wsp.in"(%l2r) : (!wsp.channel<i64>) -> !wsp.arg
  %q1 = "wsp.out"(%r2l) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q0, %q1) {process = @right} : (!wsp.arg, !wsp.arg) -> ()
  return
}
// CHECK: note: 'left' is blocked here
// CHECK: note: 'right' is blocked here

// -----

// The same two processes, one of which sends first: no deadlock, no message.
func.func @left(%in: !wsp.channel<i64>, %out: !wsp.channel<i64>)
    attributes {wsp.process, wsp.access = ["in", "out"]} {
  %c1 = arith.constant 1 : i64
  "wsp.send"(%out, %c1) : (!wsp.channel<i64>, i64) -> ()
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  return
}
func.func @right(%in: !wsp.channel<i64>, %out: !wsp.channel<i64>)
    attributes {wsp.process, wsp.access = ["in", "out"]} {
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  "wsp.send"(%out, %t) : (!wsp.channel<i64>, i64) -> ()
  return
}
func.func @no_deadlock() attributes {wsp.workload} {
  %l2r = "wsp.create_channel"() {name = "l2r", capacity = 0 : i64} : () -> !wsp.channel<i64>
  %r2l = "wsp.create_channel"() {name = "r2l", capacity = 0 : i64} : () -> !wsp.channel<i64>
  %p0 = "wsp.in"(%r2l) : (!wsp.channel<i64>) -> !wsp.arg
  %p1 = "wsp.out"(%l2r) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p0, %p1) {process = @left} : (!wsp.arg, !wsp.arg) -> ()
  %q0 = "wsp.in"(%l2r) : (!wsp.channel<i64>) -> !wsp.arg
  %q1 = "wsp.out"(%r2l) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q0, %q1) {process = @right} : (!wsp.arg, !wsp.arg) -> ()
  return
}

// -----

// Not static: the producer's trip count is a host symbol. One warning at the
// workload, carrying the reason; the analysis's own error is dropped.
func.func @producer(%out: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = "wsp.symbol"() {name = "tiles"} : () -> i64
  %ni = arith.index_cast %n : i64 to index
  scf.for %i = %c0 to %ni step %c1 {
    %t = arith.index_cast %i : index to i64
    "wsp.send"(%out, %t) : (!wsp.channel<i64>, i64) -> ()
  }
  return
}
func.func @consumer(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  return
}
// CHECK: check-deadlock.mlir:[[#@LINE+2]]:1: warning: wsp-check-deadlock: deadlock freedom is not checked at compile time: the program cannot be run statically ({{.*}}check-deadlock.mlir:[[#@LINE-10]]:3: 'scf.for' op: wsp-check-deadlock needs static loop bounds; the upper bound depends on the host symbol 'tiles' (wsp.symbol), bound only at run time; remedy: {{.*}}); the emitted orchestration detects a deadlock at run time and reports the blocked processes
// expected-warning @+1 {{wsp-check-deadlock: deadlock freedom is not checked at compile time: the program cannot be run statically}}
func.func @dynamic() attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "c", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %p = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p) {process = @producer} : (!wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  return
}

// -----

// Not static either, but without processes nothing can deadlock: silence.
func.func @no_processes(%n: index) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
  }
  return
}

// -----

// An error of the program found before the run reaches what is not static
// stands: it is an error, not a warning.
func.func @early_close(%out: !wsp.channel<i64>, %n: index)
    attributes {wsp.process, wsp.access = ["out", "scalar"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %t = arith.constant 7 : i64
  "wsp.close"(%out) : (!wsp.channel<i64>) -> ()
  // CHECK: check-deadlock.mlir:[[#@LINE+2]]:3: error: 'wsp.send' op: send on channel 'c' after it was closed at {{.*}}check-deadlock.mlir:[[#@LINE-1]]:3; remedy: send every token before closing the channel
  // expected-error @+1 {{'wsp.send' op: send on channel 'c' after it was closed at}}
  "wsp.send"(%out, %t) : (!wsp.channel<i64>, i64) -> ()
  scf.for %i = %c0 to %n step %c1 {
  }
  return
}
func.func @sink(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  return
}
func.func @error_before_dynamic(%n: index) attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "c", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %p0 = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %p1 = "wsp.scalar"(%n) : (index) -> !wsp.arg
  "wsp.spawn"(%p0, %p1) {process = @early_close} : (!wsp.arg, !wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @sink} : (!wsp.arg) -> ()
  return
}

// The task limit is a reason not to check, like a dynamic bound.
// LIMIT: csp_pipeline.mlir:{{[0-9]+}}:1: warning: wsp-check-deadlock: deadlock freedom is not checked at compile time: the program cannot be run statically ({{.*}}csp_pipeline.mlir:{{[0-9]+}}:{{[0-9]+}}: 'wsp.task' op: wsp-check-deadlock: the program submits more than 10 tasks (the max-tasks limit); remedy: raise max-tasks or analyse a smaller problem size); the emitted orchestration detects a deadlock at run time and reports the blocked processes
// LIMIT-NOT: error
