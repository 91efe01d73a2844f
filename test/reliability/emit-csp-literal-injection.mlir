// User text in the CSP support's calls — locations (reported by a run-time
// deadlock or a too-many-params error) and channel names — is printed inside
// C++ string literals: a quote in it must not end the literal. Quotes,
// backslashes and control bytes become '?' (wspEmitLocationString for
// locations, as for comments, B9); the orchestration still compiles.
// RUN: rm -rf %t && wsp-compile %s -o %t --target=pto-runtime-41d5c94a
// RUN: FileCheck %s < %t/kernels/orchestration/main_orch.cpp
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/../Emit/stubs %t/kernels/orchestration/main_orch.cpp
// CHECK-NOT: {{^}} *int injected
// CHECK: wsp_csp.sync_params({{.*}}"x.mlir?); int injected_by_task = 1; //:3:1");
// CHECK: wsp_csp.send({{.*}}"x.mlir?); int injected_by_send = 1; //:4:1")) return;
// CHECK: wsp_csp.channel("c?); int injected_by_name = 1; //", 1);
// RUN: rm -rf %t.s && wsp-compile %s -o %t.s --target=simpler
// RUN: FileCheck %s --check-prefix=SIMPLER < %t.s/kernels/orchestration/main_orch.cpp
// SIMPLER-NOT: {{^}} *int injected
// SIMPLER: wsp_csp.send({{.*}}"x.mlir?); int injected_by_send = 1; //:4:1")) return;
// SIMPLER-NOT: {{^}} *int injected

func.func @fill(%o: memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"]} {
  return
}
func.func @main(%y: memref<16xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "c\22); int injected_by_name = 1; //", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %p0 = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %p1 = "wsp.out"(%y) : (memref<16xf32>) -> !wsp.arg
  "wsp.spawn"(%p0, %p1) {process = @producer} : (!wsp.arg, !wsp.arg) -> ()
  %q0 = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q0) {process = @consumer} : (!wsp.arg) -> ()
  return
}
func.func @producer(%out: !wsp.channel<i64>, %y: memref<16xf32>)
    attributes {wsp.process, wsp.access = ["out", "out"]} {
  %a = "wsp.out"(%y) : (memref<16xf32>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle loc("x.mlir\22); int injected_by_task = 1; //":3:1)
  %t = arith.constant 0 : i64
  "wsp.send"(%out, %t, %h) : (!wsp.channel<i64>, i64, !wsp.handle) -> () loc("x.mlir\22); int injected_by_send = 1; //":4:1)
  return
}
func.func @consumer(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  return
}
