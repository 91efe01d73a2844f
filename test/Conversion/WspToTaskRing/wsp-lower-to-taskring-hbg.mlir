// RUN: wsp-opt %s --verify-diagnostics --pass-pipeline='builtin.module(wsp-lower-to-taskring{runtime=host_build_graph target=pto-runtime-41d5c94a})' | FileCheck %s

// host_build_graph builds the whole graph before it runs: a window is
// recorded, with a warning, and any size is accepted.

// CHECK: "taskring.runtime"() {{.*}}aicpu_threads = 3 : i64{{.*}}flavor = "host_build_graph"{{.*}}task_window = 12 : i64
func.func @main() attributes {wsp.workload} {
  // expected-warning@+1 {{'wsp.task_window' op: recorded, not enforced: host_build_graph builds the whole graph before it runs and has no in-flight bound}}
  "wsp.task_window"() {size = 12 : i64, unit = "tasks", mode = "stall"} : () -> ()
  return
}
