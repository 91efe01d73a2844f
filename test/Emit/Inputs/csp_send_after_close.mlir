// The producer closes its channel, then sends inside an scf.while whose
// condition is the host symbol 'rounds' > 0: the compiler cannot run the
// loop, so the orchestration reports the send (test/Emit/csp-run.mlir).
func.func @main() attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "tiles", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %r = "wsp.symbol"() {name = "rounds"} : () -> i64
  %a = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %n = "wsp.scalar"(%r) : (i64) -> !wsp.arg
  "wsp.spawn"(%a, %n) {process = @producer} : (!wsp.arg, !wsp.arg) -> ()
  %b = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%b) {process = @consumer} : (!wsp.arg) -> ()
  return
}
func.func @producer(%out: !wsp.channel<i64>, %rounds: i64)
    attributes {wsp.process, wsp.access = ["out", "scalar"]} {
  "wsp.close"(%out) : (!wsp.channel<i64>) -> ()
  %k = arith.constant 7 : i64
  %r = scf.while : () -> i64 {
    %zero = arith.constant 0 : i64
    %once = arith.cmpi sgt, %rounds, %zero : i64
    scf.condition(%once) %k : i64
  } do {
  ^bb0(%v: i64):
    "wsp.send"(%out, %v) : (!wsp.channel<i64>, i64) -> ()
    scf.yield
  }
  return
}
func.func @consumer(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  return
}
