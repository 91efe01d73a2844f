// Two instances of @ping each receive first: a deadlock. Whether they run
// their recv loops at all depends on the host symbol 'rounds', so the
// compiler cannot run the program and only warns; the orchestration's
// scheduler must report it (test/Emit/csp-run.mlir, run with rounds = 1).
// Without the symbol the analysis reports the deadlock at compile time
// (test/Analysis/scf-while.mlir).
func.func @fill(%o: memref<16x64xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"]} {
  return
}
func.func @main(%y: memref<16x64xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %f = "wsp.out"(%y) : (memref<16x64xf32>) -> !wsp.arg
  %h = "wsp.task"(%f) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  %r = "wsp.symbol"() {name = "rounds"} : () -> i64
  %n = "wsp.scalar"(%r) : (i64) -> !wsp.arg
  %a = "wsp.create_channel"() {name = "ping2pong", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %b = "wsp.create_channel"() {name = "pong2ping", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %p0 = "wsp.out"(%a) : (!wsp.channel<i64>) -> !wsp.arg
  %p1 = "wsp.in"(%b) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p0, %p1, %n) {process = @ping} : (!wsp.arg, !wsp.arg, !wsp.arg) -> ()
  %q0 = "wsp.out"(%b) : (!wsp.channel<i64>) -> !wsp.arg
  %q1 = "wsp.in"(%a) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q0, %q1, %n) {process = @ping} : (!wsp.arg, !wsp.arg, !wsp.arg) -> ()
  return
}
func.func @ping(%out: !wsp.channel<i64>, %in: !wsp.channel<i64>, %rounds: i64)
    attributes {wsp.process, wsp.access = ["out", "in", "scalar"]} {
  %zero = arith.constant 0 : i64
  %go = arith.cmpi sgt, %rounds, %zero : i64
  scf.if %go {
    %t = scf.while : () -> i64 {
      %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
      scf.condition(%ok) %tok : i64
    } do {
    ^bb0(%v: i64):
      "wsp.send"(%out, %v) : (!wsp.channel<i64>, i64) -> ()
      scf.yield
    }
  }
  return
}
