// RUN: wsp-opt %S/../../../examples/csp_pipeline/csp_pipeline.mlir --pass-pipeline='builtin.module(wsp-lower-to-taskring{target=pto-runtime-41d5c94a})' | FileCheck %s
// RUN: wsp-opt %S/../../../examples/csp_pipeline/csp_pipeline.mlir --pass-pipeline='builtin.module(wsp-lower-to-taskring{runtime=host_build_graph target=pto-runtime-41d5c94a})' | FileCheck %s --check-prefix=HBG
// RUN: wsp-opt %s --verify-diagnostics --pass-pipeline='builtin.module(wsp-lower-to-taskring{target=pto-runtime-41d5c94a})' -o /dev/null

// CSP ops become their taskring namesakes; process functions keep their
// control flow, take tensors through taskring.tensor_param and channels as
// !taskring.channel. The builtin empty kernel is created for the CSP support.

// CHECK: "taskring.kernel"() {{.*}}impl = "builtin"{{.*}}name = "wsp_alloc"
// CHECK-LABEL: func.func @main
// CHECK: %[[L2C:.*]] = "taskring.create_channel"() {capacity = 2 : i64, id = 0 : i64, name = "l2c"}
// CHECK: %[[C2S:.*]] = "taskring.create_channel"() {capacity = 2 : i64, id = 1 : i64, name = "c2s"}
// CHECK: %[[E:.*]] = "taskring.channel_end"(%[[L2C]]) {mode = "out"}
// CHECK: "taskring.spawn"(%[[E]], {{.*}}) {process = @loader}
// CHECK: "taskring.channel_end"(%[[L2C]]) {mode = "in"}
// CHECK: "taskring.spawn"({{.*}}) {process = @compute}

// Reads of a tensor another process writes are widened to inout (the
// TensorMap then orders the write-after-read); x is never written: input.
// CHECK-LABEL: func.func @loader
// CHECK-SAME: (%{{.*}}: !taskring.channel, %[[X:.*]]: memref<128x64xf32>, %[[A:.*]]: memref<128x64xf32>, %{{.*}}: index)
// CHECK-SAME: taskring.process
// CHECK: %[[TX:.*]] = "taskring.tensor_param"(%[[X]]) {index = 1 : i64}
// CHECK: %[[XV:.*]] = "taskring.view"(%[[TX]]
// CHECK: "taskring.input"(%[[XV]])
// CHECK: %[[H:.*]] = "taskring.submit"({{.*}}) {func_id = 0 : i64, kernel = @load.kernel
// CHECK: "taskring.send"(%arg0, %{{.*}}, %[[H]]) : (!taskring.channel, i64, !taskring.task) -> ()

// CHECK-LABEL: func.func @compute
// CHECK: %{{.*}}:2 = "taskring.recv"(%arg0) : (!taskring.channel) -> (i1, i64)
// CHECK: "taskring.inout"

// host_build_graph keeps the declared modes: its tracker derives exact edges.
// HBG-LABEL: func.func @compute
// HBG: %[[AV:.*]] = "taskring.view"
// HBG: %[[BV:.*]] = "taskring.view"
// HBG: "taskring.output"(%[[BV]])
// HBG: "taskring.input"(%[[AV]])

// A host symbol inside a process is a located error with a remedy.

func.func @main() attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "c", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %a = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%a) {process = @p} : (!wsp.arg) -> ()
  %b = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%b) {process = @q} : (!wsp.arg) -> ()
  return
}
func.func @p(%out: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  // expected-error @+1 {{'wsp.symbol' op: not supported inside a process ('p'): the orchestration runs processes as coroutines that get their values from their spawn; remedy: read the symbol in the workload and pass it to wsp.spawn as wsp.scalar}}
  %n = "wsp.symbol"() {name = "n"} : () -> i64
  "wsp.send"(%out, %n) : (!wsp.channel<i64>, i64) -> ()
  return
}
func.func @q(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  return
}

