// RUN: wsp-opt %s --verify-diagnostics --pass-pipeline='builtin.module(wsp-lower-to-taskring{serialize=true target=pto-runtime-41d5c94a})' -o /dev/null

// The serialize debug option chains tasks in submission order; processes
// interleave at run time, so the two cannot be combined.


func.func @main() attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "c", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %a = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%a) {process = @p} : (!wsp.arg) -> ()
  return
}
// expected-error @+1 {{wsp-lower-to-taskring{serialize=true} does not support CSP processes}}
func.func @p(%out: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  return
}
