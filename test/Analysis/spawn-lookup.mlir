// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-print-task-graph)' -o /dev/null
// RUN: not wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-print-task-graph)' -o /dev/null 2>/dev/null | FileCheck %s

// The task-graph analysis finds a spawn's process function in MLIR's symbol
// table (docs/performance.md, P2): the process function of that name, defined
// before or after the spawn, never one whose name only starts alike, and never
// a function without wsp.process.

func.func private @ka(memref<4xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @kb(memref<4xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @main(%x: memref<4xf32>) attributes {wsp.workload} {
  %p = "wsp.out"(%x) : (memref<4xf32>) -> !wsp.arg
  "wsp.spawn"(%p) {process = @p2} : (!wsp.arg) -> ()
  return
}
func.func @p(%y: memref<4xf32>) attributes {wsp.process, wsp.access = ["out"]} {
  %a = "wsp.out"(%y) : (memref<4xf32>) -> !wsp.arg
  %t = "wsp.task"(%a) {kernel = @ka} : (!wsp.arg) -> !wsp.handle
  return
}
func.func @p2(%y: memref<4xf32>) attributes {wsp.process, wsp.access = ["out"]} {
  %a = "wsp.out"(%y) : (memref<4xf32>) -> !wsp.arg
  %t = "wsp.task"(%a) {kernel = @kb} : (!wsp.arg) -> !wsp.handle
  return
}
// CHECK: "nodes": [
// CHECK-NEXT: {"id": 0, "kernel": "kb", "process": "p2", {{.*}}}
// CHECK-NEXT: ],

// -----

func.func @notproc(%c: !wsp.channel<i64>) attributes {wsp.access = ["in"]} {
  return
}
func.func @main() attributes {wsp.workload} {
  %a = "wsp.create_channel"() {name = "a", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %p = "wsp.in"(%a) : (!wsp.channel<i64>) -> !wsp.arg
  // expected-error@+1 {{'wsp.spawn' op: wsp-print-task-graph: @notproc is not a process function with a body of one block (see wsp-verify); remedy: spawn a func.func with 'wsp.process' and a body}}
  "wsp.spawn"(%p) {process = @notproc} : (!wsp.arg) -> ()
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  %a = "wsp.create_channel"() {name = "a", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %p = "wsp.in"(%a) : (!wsp.channel<i64>) -> !wsp.arg
  // expected-error@+1 {{'wsp.spawn' op: wsp-print-task-graph: @nowhere is not a process function}}
  "wsp.spawn"(%p) {process = @nowhere} : (!wsp.arg) -> ()
  return
}
