// RUN: wsp-opt %s --wsp-check-fanin --wsp-print-task-graph -o /dev/null | FileCheck %s
// RUN: wsp-opt %s --wsp-to-taskring -o /dev/null

// Tile writes interleaved with whole-tensor reads, 64 iterations: put #i
// writes row i of %t, reduce #i reads all of %t. Every later put follows
// every earlier reduce and every reduce every earlier put, but only through
// the latest one: the graph is the chain put0 -> reduce0 -> put1 -> ...,
// 127 edges, and each task has at most one producer. Before the hazards
// were reduced, reduce #i had i+1 producers and wsp-check-fanin rejected
// the program from iteration 16 on (docs/dependencies.md, "Reduced edges").
func.func private @put(memref<1x16xf32, strided<[16, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "put.cpp"}
func.func private @reduce(memref<64x16xf32>, memref<1x16xf32, strided<[16, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"], wsp.source = "reduce.cpp"}
func.func @main(%t: memref<64x16xf32>, %s: memref<64x16xf32>) attributes {wsp.workload} {
  "wsp.task_window"() {size = 256 : i64, unit = "tasks", mode = "stall"} : () -> ()
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c64 step %c1 {
    %row = memref.subview %t[%i, 0] [1, 16] [1, 1] : memref<64x16xf32> to memref<1x16xf32, strided<[16, 1], offset: ?>>
    %a = "wsp.out"(%row) : (memref<1x16xf32, strided<[16, 1], offset: ?>>) -> !wsp.arg
    %p = "wsp.task"(%a) {kernel = @put} : (!wsp.arg) -> !wsp.handle
    %srow = memref.subview %s[%i, 0] [1, 16] [1, 1] : memref<64x16xf32> to memref<1x16xf32, strided<[16, 1], offset: ?>>
    %b = "wsp.in"(%t) : (memref<64x16xf32>) -> !wsp.arg
    %c = "wsp.out"(%srow) : (memref<1x16xf32, strided<[16, 1], offset: ?>>) -> !wsp.arg
    %r = "wsp.task"(%b, %c) {kernel = @reduce} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}

// CHECK-LABEL: "edges": [
// CHECK-NEXT: {"from": 0, "to": 1, "kind": "raw"},
// CHECK-NEXT: {"from": 1, "to": 2, "kind": "war"},
// CHECK-NEXT: {"from": 2, "to": 3, "kind": "raw"},
// CHECK-NEXT: {"from": 3, "to": 4, "kind": "war"},
// CHECK-COUNT-122: {"from": {{[0-9]+}}, "to": {{[0-9]+}}, "kind": "{{raw|war}}"},
// CHECK-NEXT: {"from": 126, "to": 127, "kind": "raw"}
// CHECK-NEXT: ]
