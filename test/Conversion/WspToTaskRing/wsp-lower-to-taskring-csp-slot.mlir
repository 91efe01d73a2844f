// RUN: wsp-opt %s --verify-diagnostics --pass-pipeline='builtin.module(wsp-lower-to-taskring{target=pto-runtime-41d5c94a})' -o /dev/null
// RUN: wsp-opt %s --verify-diagnostics --pass-pipeline='builtin.module(wsp-lower-to-taskring{runtime=host_build_graph target=pto-runtime-41d5c94a})' -o /dev/null

// A slot read inside a process: slot reads become device-side guards of the
// workload's own tasks, which processes do not have.
func.func private @fill(memref<8xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
func.func @main(%x: memref<8xi64>) attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "c", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %a = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %v = "wsp.in"(%x) : (memref<8xi64>) -> !wsp.arg
  "wsp.spawn"(%a, %v) {process = @p} : (!wsp.arg, !wsp.arg) -> ()
  %b = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%b) {process = @q} : (!wsp.arg) -> ()
  return
}
func.func @p(%out: !wsp.channel<i64>, %x: memref<8xi64>) attributes {wsp.process, wsp.access = ["out", "in"]} {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'wsp.slot_read' op: not supported inside a process ('p'): the orchestration runs processes as coroutines that get their values from their spawn; remedy: read the slot in the workload, where slot reads become device-side guards}}
  %s = "wsp.slot_read"(%x, %c0) : (memref<8xi64>, index) -> i64
  "wsp.send"(%out, %s) : (!wsp.channel<i64>, i64) -> ()
  return
}
func.func @q(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  return
}
