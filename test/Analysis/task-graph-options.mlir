// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-print-task-graph{workload=second output=%t.json})' -o /dev/null | count 0
// RUN: FileCheck %s --check-prefix=FILE < %t.json
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-print-task-graph{workload=second format=dot})' -o /dev/null | FileCheck %s --check-prefix=DOT
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(wsp-print-task-graph{workload=second max-tasks=2})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=LIMIT
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(wsp-print-task-graph{workload=second output=%t.missing/graph.json})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOFILE
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(wsp-print-task-graph{workload=third})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=NONE

// Options: workload= picks one of several workloads; output= writes the graph
// to a file instead of stdout (nothing else is printed); max-tasks= bounds the
// number of task instances; an output file that cannot be opened is an error.

// FILE:      {
// FILE-NEXT:   "workload": "second",
// FILE-NEXT:   "nodes": [
// FILE-NEXT:     {"id": 0, "kernel": "inc", "process": "second", "loc": "{{.*}}task-graph-options.mlir:[[#@LINE+33]]:10", "args": [{"mode": "inout", "root": "arg0", "offsets": [0], "sizes": [16]}]},
// FILE-NEXT:     {"id": 1, "kernel": "inc", {{.*}}},
// FILE-NEXT:     {"id": 2, "kernel": "inc", {{.*}}}
// FILE-NEXT:   ],
// FILE-NEXT:   "edges": [
// FILE-NEXT:     {"from": 0, "to": 1, "kind": "raw"},
// FILE-NEXT:     {"from": 1, "to": 2, "kind": "raw"}
// FILE-NEXT:   ]
// FILE-NEXT: }

// DOT:      digraph tasks {
// DOT-NEXT:   t0 [label="t0: inc"]
// DOT-NEXT:   t1 [label="t1: inc"]
// DOT-NEXT:   t2 [label="t2: inc"]
// DOT-NEXT:   t0 -> t1 [label="raw"]
// DOT-NEXT:   t1 -> t2 [label="raw"]
// DOT-NEXT: }

// LIMIT: error: 'wsp.task' op: wsp-print-task-graph: the program submits more than 2 tasks (the max-tasks limit)
// NOFILE: error: wsp-print-task-graph: cannot open output file '{{.*}}.missing/graph.json': No such file or directory
// NONE: error: 'builtin.module' op: wsp-print-task-graph: no function named 'third' has 'wsp.workload'

func.func private @inc(memref<16xf32>)
    attributes {wsp.kernel = "aiv", wsp.access = ["inout"], wsp.source = "inc.cpp"}
func.func @first(%x: memref<16xf32>) attributes {wsp.workload} {
  return
}
func.func @second(%x: memref<16xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  scf.for %t = %c0 to %c3 step %c1 {
    %a = "wsp.inout"(%x) : (memref<16xf32>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @inc} : (!wsp.arg) -> !wsp.handle
  }
  return
}
