// A deadlock among many processes that only a run can see (the number of
// producers is the host symbol 'producers'): test/Emit/csp-run.mlir runs it
// with 20. Each producer sends twice on 'c' (capacity 1); the consumer
// receives once and returns, so 19 producers stay blocked, and the report
// shows the first 8 in full and counts the others.
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
func.func @main() attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = "wsp.symbol"() {name = "producers"} : () -> i64
  %ni = arith.index_cast %n : i64 to index
  %c = "wsp.create_channel"() {name = "c", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %o = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  scf.for %i = %c0 to %ni step %c1 {
    "wsp.spawn"(%o) {process = @producer} : (!wsp.arg) -> ()
  }
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  return
}
