// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-print-task-graph)' -o /dev/null
// RUN: not wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-print-task-graph)' -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error:

// Errors of CSP programs (docs/csp.md): deadlocks, found by running the
// processes as the orchestration will, and misused channels. Each is an
// error of the program itself, located, with a remedy; --verify-diagnostics
// checks where each is reported, FileCheck the whole text with the exact
// locations of the ops the message points at.

// Two processes that each receive before they send: both block at their
// first recv. The error is at the workload and names every blocked process;
// a note marks each wait.
func.func @ping(%in: !wsp.channel<i64>, %out: !wsp.channel<i64>)
    attributes {wsp.process, wsp.access = ["in", "out"]} {
  // expected-note @+1 {{'ping' is blocked here}}
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  "wsp.send"(%out, %t) : (!wsp.channel<i64>, i64) -> ()
  return
}
func.func @pong(%in: !wsp.channel<i64>, %out: !wsp.channel<i64>)
    attributes {wsp.process, wsp.access = ["in", "out"]} {
  // expected-note @+1 {{'pong' is blocked here}}
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  "wsp.send"(%out, %t) : (!wsp.channel<i64>, i64) -> ()
  return
}
// CHECK: csp-errors.mlir:[[#@LINE+2]]:1: error: 'func.func' op: deadlock: every process that has not returned is blocked: 'ping' waits at wsp.recv ({{.*}}csp-errors.mlir:[[#@LINE-11]]:13) on channel 'pong2ping' (capacity 1, holding 0 tokens); 'pong' waits at wsp.recv ({{.*}}csp-errors.mlir:[[#@LINE-4]]:13) on channel 'ping2pong' (capacity 1, holding 0 tokens); no process can make progress; remedy: reorder the sends and recvs, or raise a capacity
// expected-error @+1 {{deadlock: every process that has not returned is blocked: 'ping' waits at wsp.recv}}
func.func @both_receive_first() attributes {wsp.workload} {
  %a = "wsp.create_channel"() {name = "ping2pong", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %b = "wsp.create_channel"() {name = "pong2ping", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %p0 = "wsp.in"(%b) : (!wsp.channel<i64>) -> !wsp.arg
  %p1 = "wsp.out"(%a) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p0, %p1) {process = @ping} : (!wsp.arg, !wsp.arg) -> ()
  %q0 = "wsp.in"(%a) : (!wsp.channel<i64>) -> !wsp.arg
  %q1 = "wsp.out"(%b) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q0, %q1) {process = @pong} : (!wsp.arg, !wsp.arg) -> ()
  return
}
// CHECK: csp-errors.mlir:[[#@LINE-24]]:13: note: 'ping' is blocked here
// CHECK: csp-errors.mlir:[[#@LINE-18]]:13: note: 'pong' is blocked here

// -----

// A rendezvous cycle: each sends first on a capacity-0 channel, which
// completes only when the other side waits at its recv; neither does.
func.func @left(%in: !wsp.channel<i64>, %out: !wsp.channel<i64>)
    attributes {wsp.process, wsp.access = ["in", "out"]} {
  %c1 = arith.constant 1 : i64
  // expected-note @+1 {{'left' is blocked here}}
  "wsp.send"(%out, %c1) : (!wsp.channel<i64>, i64) -> ()
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  return
}
func.func @right(%in: !wsp.channel<i64>, %out: !wsp.channel<i64>)
    attributes {wsp.process, wsp.access = ["in", "out"]} {
  %c2 = arith.constant 2 : i64
  // expected-note @+1 {{'right' is blocked here}}
  "wsp.send"(%out, %c2) : (!wsp.channel<i64>, i64) -> ()
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  return
}
// CHECK: csp-errors.mlir:[[#@LINE+2]]:1: error: 'func.func' op: deadlock: every process that has not returned is blocked: 'left' waits at wsp.send ({{.*}}csp-errors.mlir:[[#@LINE-12]]:3) on channel 'l2r' (capacity 0, holding 0 tokens); 'right' waits at wsp.send ({{.*}}csp-errors.mlir:[[#@LINE-4]]:3) on channel 'r2l' (capacity 0, holding 0 tokens); no process can make progress; remedy: reorder the sends and recvs, or raise a capacity
// expected-error @+1 {{'right' waits at wsp.send}}
func.func @rendezvous_cycle() attributes {wsp.workload} {
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
// CHECK: note: 'left' is blocked here
// CHECK: note: 'right' is blocked here

// -----

// A producer outlives its consumer: after one token the consumer returns,
// and the third send finds the channel full for good (the second token sits
// in the buffer). The message says why nobody will take a token.
func.func @producer(%out: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  scf.for %i = %c0 to %c3 step %c1 {
    %t = arith.index_cast %i : index to i64
    // expected-note @+1 {{'producer' is blocked here}}
    "wsp.send"(%out, %t) : (!wsp.channel<i64>, i64) -> ()
  }
  return
}
func.func @consumer(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  return
}
// CHECK: csp-errors.mlir:[[#@LINE+2]]:1: error: 'func.func' op: deadlock: every process that has not returned is blocked: 'producer' waits at wsp.send ({{.*}}csp-errors.mlir:[[#@LINE-8]]:5) on channel 'c' (capacity 1, holding 1 token, whose receiver 'consumer' has returned); no process can make progress; remedy: reorder the sends and recvs, or raise a capacity
// expected-error @+1 {{'producer' waits at wsp.send}}
func.func @consumer_returns() attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "c", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %p = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p) {process = @producer} : (!wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  return
}
// CHECK: note: 'producer' is blocked here

// -----

// Send after close: the message points at the wsp.close.
func.func @early_close(%out: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  %t = arith.constant 7 : i64
  "wsp.close"(%out) : (!wsp.channel<i64>) -> ()
  // CHECK: csp-errors.mlir:[[#@LINE+2]]:3: error: 'wsp.send' op: send on channel 'tiles' after it was closed at {{.*}}csp-errors.mlir:[[#@LINE-1]]:3; remedy: send every token before closing the channel
  // expected-error @+1 {{'wsp.send' op: send on channel 'tiles' after it was closed at}}
  "wsp.send"(%out, %t) : (!wsp.channel<i64>, i64) -> ()
  return
}
func.func @sink(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  return
}
func.func @send_after_close() attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "tiles", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %p = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p) {process = @early_close} : (!wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @sink} : (!wsp.arg) -> ()
  return
}

// -----

// Closing twice is a mistake too (returning after wsp.close is not).
func.func @twice(%out: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  "wsp.close"(%out) : (!wsp.channel<i64>) -> ()
  // CHECK: csp-errors.mlir:[[#@LINE+2]]:3: error: 'wsp.close' op: channel 'tiles' is closed twice (first at {{.*}}csp-errors.mlir:[[#@LINE-1]]:3); remedy: close it once, after its last send
  // expected-error @+1 {{'wsp.close' op: channel 'tiles' is closed twice (first at}}
  "wsp.close"(%out) : (!wsp.channel<i64>) -> ()
  return
}
func.func @close_twice() attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "tiles", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %p = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p) {process = @twice} : (!wsp.arg) -> ()
  return
}

// -----

// A recursive spawn: @a spawns @b, which spawns @a again. The chain shows
// how (the workload first).
func.func @a() attributes {wsp.process, wsp.access = []} {
  "wsp.spawn"() {process = @b} : () -> ()
  return
}
func.func @b() attributes {wsp.process, wsp.access = []} {
  // CHECK: csp-errors.mlir:[[#@LINE+2]]:3: error: 'wsp.spawn' op: process 'a' spawns itself ('recursive' -> 'a' -> 'b' -> 'a'); recursive spawns would start processes without end; remedy: spawn a fixed set of processes, e.g. all from the workload
  // expected-error @+1 {{'wsp.spawn' op: process 'a' spawns itself ('recursive' -> 'a' -> 'b' -> 'a')}}
  "wsp.spawn"() {process = @a} : () -> ()
  return
}
func.func @recursive() attributes {wsp.workload} {
  "wsp.spawn"() {process = @a} : () -> ()
  return
}

// -----

// A recv on a channel nobody sends on (wsp-verify rejects this; the
// analysis still must not hang): reported at the recv, not as a deadlock.
func.func @lonely(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  // CHECK: csp-errors.mlir:[[#@LINE+2]]:13: error: 'wsp.recv' op: process 'lonely' waits forever at this wsp.recv: no process sends on channel 'nobody' (no wsp.spawn passes it as wsp.out), so it never receives a token nor sees it closed; remedy: spawn a process that sends on it, or remove the recv
  // expected-error @+1 {{'wsp.recv' op: process 'lonely' waits forever at this wsp.recv: no process sends on channel 'nobody'}}
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  return
}
func.func @no_sender() attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "nobody", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @lonely} : (!wsp.arg) -> ()
  return
}

// -----

// Two receivers for one channel (also a wsp-verify rule; kept as a
// defensive error). Two instances of one function are told apart by #i.
func.func @reader(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  return
}
func.func @two_receivers() attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "shared", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @reader} : (!wsp.arg) -> ()
  // CHECK: csp-errors.mlir:[[#@LINE+2]]:3: error: 'wsp.spawn' op: channel 'shared' already has a receiver, process 'reader' #0 (spawned at {{.*}}csp-errors.mlir:[[#@LINE-1]]:3); a channel has exactly one receiving process; remedy: give each receiving process its own channel
  // expected-error @+1 {{'wsp.spawn' op: channel 'shared' already has a receiver, process 'reader' #0 (spawned at}}
  "wsp.spawn"(%q) {process = @reader} : (!wsp.arg) -> ()
  return
}

// -----

// Channel ops belong to processes (wsp-verify); a recv in the workload is
// an error, not a hang.
func.func @sender(%out: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  return
}
func.func @workload_receives() attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "c", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %p = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p) {process = @sender} : (!wsp.arg) -> ()
  // CHECK: csp-errors.mlir:[[#@LINE+2]]:13: error: 'wsp.recv' op: the workload 'workload_receives' uses channel 'c' but does not hold it as wsp.in (a wsp.spawn passes a channel to the process that receives from it with wsp.in); remedy: pass the channel to this process with wsp.in
  // expected-error @+1 {{'wsp.recv' op: the workload 'workload_receives' uses channel 'c' but does not hold it as wsp.in}}
  %ok, %t = "wsp.recv"(%c) : (!wsp.channel<i64>) -> (i1, i64)
  return
}
