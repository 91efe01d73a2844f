// RUN: not wsp-opt %s --pass-pipeline='builtin.module(wsp-check-deadlock)' -o /dev/null 2>&1 | FileCheck %s
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(wsp-check-deadlock)' -o /dev/null 2>&1 | count 9

// A deadlock among many processes is summarised (docs/csp.md, Deadlock):
// the first 8 blocked processes in full, each with a note, the others
// counted by where they wait. 20 producers send twice on 'c' (capacity 1);
// the consumer receives one token and returns: 19 producers stay blocked
// (#0 sent both).

// CHECK: error: 'func.func' op: deadlock: every process that has not returned is blocked: 'producer' #1 waits at wsp.send ({{.*}}deadlock-summary.mlir:[[#SEND:]]:3) on channel 'c' (capacity 1, holding 1 token, whose receiver 'consumer' has returned); 'producer' #2 waits at wsp.send
// CHECK-SAME: 'producer' #8 waits at wsp.send ({{.*}}) on channel 'c' (capacity 1, holding 1 token, whose receiver 'consumer' has returned); and 11 more: 11 wait at wsp.send ({{.*}}deadlock-summary.mlir:[[#SEND]]:3) on channel 'c'; no process can make progress; remedy: reorder the sends and recvs, or raise a capacity
// CHECK-COUNT-8: note: 'producer' #{{[0-9]+}} is blocked here
// CHECK-NOT: note
func.func @producer(%out: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  %t = arith.constant 0 : i64
  "wsp.send"(%out, %t) : (!wsp.channel<i64>, i64) -> ()
  "wsp.send"(%out, %t) : (!wsp.channel<i64>, i64) -> ()
  return
}
func.func @consumer(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  return
}
func.func @many() attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c20 = arith.constant 20 : index
  %c = "wsp.create_channel"() {name = "c", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %o = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  scf.for %i = %c0 to %c20 step %c1 {
    "wsp.spawn"(%o) {process = @producer} : (!wsp.arg) -> ()
  }
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  return
}
