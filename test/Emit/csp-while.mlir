// RUN: rm -rf %t && mkdir -p %t
// RUN: wsp-compile %s -o %t/a --target=pto-runtime-41d5c94a --runtime=tensormap_and_ringbuffer 2>&1 | FileCheck %s --check-prefix=QUIET
// RUN: FileCheck %s < %t/a/kernels/orchestration/main_orch.cpp

// A process that drains its channel with an scf.while (recv until closed):
// the analysis runs the loop (test/Analysis/scf-while.mlir), so the program
// is checked at compile time and compiles without a warning; the emitted
// loop is a for (;;) that breaks when the recv sees the channel closed.

// QUIET-NOT: warning

// CHECK-LABEL: // Process 'relay'
// CHECK: int64_t [[R:v[0-9]+]]{};
// CHECK-NEXT: for (;;) {
// CHECK: if (!wsp_csp.recv(wsp_self, [[IN:v[0-9]+]], &[[OK:v[0-9]+]]_ok, &[[T:v[0-9]+]]_raw, "{{.*}}csp-while.mlir:[[@LINE+33]]:{{[0-9]+}}")) return;
// CHECK: [[R]] = [[T]];
// CHECK-NEXT: if (!([[OK]])) break;
// CHECK-NEXT: const int64_t [[V:v[0-9]+]] = [[R]];
// CHECK: if (!wsp_csp.send(wsp_self, {{v[0-9]+}}, (int64_t)[[V]], {}, "{{.*}}")) return;
// CHECK-NEXT: }
// CHECK-LABEL: void aicpu_orchestration_entry(
// CHECK: if (!wsp_csp.run()) return;

func.func @main() attributes {wsp.workload} {
  %a = "wsp.create_channel"() {name = "a", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %b = "wsp.create_channel"() {name = "b", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %p0 = "wsp.out"(%b) : (!wsp.channel<i64>) -> !wsp.arg
  %p1 = "wsp.in"(%a) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p0, %p1) {process = @relay} : (!wsp.arg, !wsp.arg) -> ()
  %s0 = "wsp.out"(%a) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%s0) {process = @source} : (!wsp.arg) -> ()
  %d0 = "wsp.in"(%b) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%d0) {process = @sink} : (!wsp.arg) -> ()
  return
}
func.func @source(%out: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  %c0 = arith.constant 0 : i64
  "wsp.send"(%out, %c0) : (!wsp.channel<i64>, i64) -> ()
  return
}
func.func @sink(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  return
}
func.func @relay(%out: !wsp.channel<i64>, %in: !wsp.channel<i64>)
    attributes {wsp.process, wsp.access = ["out", "in"]} {
  %t = scf.while : () -> i64 {
    %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
    scf.condition(%ok) %tok : i64
  } do {
  ^bb0(%v: i64):
    "wsp.send"(%out, %v) : (!wsp.channel<i64>, i64) -> ()
    scf.yield
  }
  return
}
