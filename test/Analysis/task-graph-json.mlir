// wsp-print-task-graph writes JSON with jansson: names are escaped, and text
// that is not UTF-8 is a located error (JSON cannot carry it).

// RUN: not wsp-opt %s --split-input-file --wsp-print-task-graph -o /dev/null 2>/dev/null | FileCheck %s
// RUN: not wsp-opt %s --split-input-file --wsp-print-task-graph 2>&1 >/dev/null \
// RUN:   | FileCheck %s --check-prefix=ERR
// The output parses as JSON.
// RUN: not wsp-opt %s --split-input-file --wsp-print-task-graph -o /dev/null 2>/dev/null | sed -n '/^{$/,/^}$/p' \
// RUN:   | %python -c "import json,sys; g=json.loads(sys.stdin.read()); print('kernel:', g['nodes'][0]['kernel'])" \
// RUN:   | FileCheck %s --check-prefix=PARSED

// CHECK-LABEL: "workload": "main"
// CHECK:       {"id": 0, "kernel": "q\"uote\\back", "process": "main", "loc": "{{.*}}task-graph-json.mlir:[[# @LINE + 5]]:8", "args": [{"mode": "in", "root": "x", "offsets": [0], "sizes": [4]}]}
// PARSED: kernel: q"uote\back
func.func private @"q\22uote\\back"(memref<4xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}
func.func @main(%x: memref<4xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<4xf32>) -> !wsp.arg
  %t = "wsp.task"(%a) {kernel = @"q\22uote\\back"} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// ERR: task-graph-json.mlir:[[# @LINE + 4]]:8: error: wsp-print-task-graph: the kernel name "k\FF" is not valid UTF-8, which JSON cannot carry; rename it, or print the graph with format=dot
func.func private @"k\FF"(memref<4xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}
func.func @main(%x: memref<4xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<4xf32>) -> !wsp.arg
  %t = "wsp.task"(%a) {kernel = @"k\FF"} : (!wsp.arg) -> !wsp.handle
  return
}
