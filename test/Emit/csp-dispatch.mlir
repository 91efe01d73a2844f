// RUN: rm -rf %t && mkdir -p %t
// RUN: wsp-compile %s -o %t/a --target=pto-runtime-41d5c94a --runtime=tensormap_and_ringbuffer
// RUN: FileCheck %s < %t/a/kernels/orchestration/main_orch.cpp
// RUN: FileCheck %s --check-prefix=MANIFEST < %t/a/manifest.json
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/a/kernels/orchestration/main_orch.cpp

// Dispatch inside a process: the domain is computed where the task is
// submitted; the round-robin counter lives in the CSP support, shared by the
// workload and every process (one order of submission). The task window
// applies to the whole run.

// CHECK-LABEL: // Process 'producer'
// CHECK: pto2_rt_submit_task(rt, 0, PTO2_WORKER_VECTOR, {{.*}});  // fill
// CHECK: const int64_t [[SEQ:v[0-9]+]] = wsp_csp.next_sequence(0);
// CHECK: // dispatch (policy round_robin, 2 domains): recorded, not enforced
// CHECK-LABEL: void aicpu_orchestration_entry(
// CHECK: WspCsp wsp_csp(rt, 1, 16);

// MANIFEST: "task_window": {"size": 16, "mode": "stall"}
// MANIFEST: "dispatch": [
// MANIFEST-NEXT: {"kernel": "fill", "policy": "round_robin", "domains": 2, "location": "{{.*}}csp-dispatch.mlir:[[@LINE+26]]:5"}

func.func @fill(%o: memref<4xf32, strided<[1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"]} {
  return
}
func.func @main(%y: memref<16xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  "wsp.task_window"() {size = 16 : i64, unit = "tasks", mode = "stall"} : () -> ()
  %c = "wsp.create_channel"() {name = "c", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %p0 = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %p1 = "wsp.out"(%y) : (memref<16xf32>) -> !wsp.arg
  "wsp.spawn"(%p0, %p1) {process = @producer} : (!wsp.arg, !wsp.arg) -> ()
  %q0 = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q0) {process = @consumer} : (!wsp.arg) -> ()
  return
}
func.func @producer(%out: !wsp.channel<i64>, %y: memref<16xf32>)
    attributes {wsp.process, wsp.access = ["out", "out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %t = %c0 to %c4 step %c1 {
    %off = arith.muli %t, %c4 : index
    %v = memref.subview %y[%off] [4] [1] : memref<16xf32> to memref<4xf32, strided<[1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<4xf32, strided<[1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
    "wsp.dispatch"(%h) {policy = "round_robin", domains = 2 : i64} : (!wsp.handle) -> ()
    %tok = arith.index_cast %t : index to i64
    "wsp.send"(%out, %tok, %h) : (!wsp.channel<i64>, i64, !wsp.handle) -> ()
  }
  return
}
func.func @consumer(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  }
  return
}
