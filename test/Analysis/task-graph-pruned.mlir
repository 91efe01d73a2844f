// RUN: wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-print-task-graph)' -o /dev/null | FileCheck %s

// The hazard tracker drops an access entry that a newer entry of the same
// tensor covers when the newer entry's task is already ordered after it
// (docs/dependencies.md, "Reduced edges"): nothing later needs it. These
// cases pin the edges at the rule's boundary, where an entry must stay.

// Covered and ordered: reduce #0's whole-tensor read is dropped when
// reduce #1 reads the tensor again (put #1 orders them). The final writer
// of the whole tensor gets exactly the edges it got before: none from
// reduce #0 (reduce #1 implies it), waw from put #1 (the writes are queried
// first, before reduce #1's clock is known: an implied edge the reduction
// does not see), war from reduce #1.
// CHECK-LABEL: "workload": "covered_and_ordered",
// CHECK:       "edges": [
// CHECK-NEXT:    {"from": 0, "to": 1, "kind": "raw"},
// CHECK-NEXT:    {"from": 1, "to": 2, "kind": "war"},
// CHECK-NEXT:    {"from": 2, "to": 3, "kind": "raw"},
// CHECK-NEXT:    {"from": 2, "to": 4, "kind": "waw"},
// CHECK-NEXT:    {"from": 3, "to": 4, "kind": "war"}
// CHECK-NEXT:  ]
func.func private @put(memref<1x16xf32, strided<[16, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @reduce(memref<2x16xf32>, memref<1x16xf32, strided<[16, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"], wsp.source = "k.cpp"}
func.func private @fill(memref<2x16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @covered_and_ordered(%t: memref<2x16xf32>, %s: memref<2x16xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  scf.for %i = %c0 to %c2 step %c1 {
    %row = memref.subview %t[%i, 0] [1, 16] [1, 1] : memref<2x16xf32> to memref<1x16xf32, strided<[16, 1], offset: ?>>
    %a = "wsp.out"(%row) : (memref<1x16xf32, strided<[16, 1], offset: ?>>) -> !wsp.arg
    %p = "wsp.task"(%a) {kernel = @put} : (!wsp.arg) -> !wsp.handle
    %srow = memref.subview %s[%i, 0] [1, 16] [1, 1] : memref<2x16xf32> to memref<1x16xf32, strided<[16, 1], offset: ?>>
    %b = "wsp.in"(%t) : (memref<2x16xf32>) -> !wsp.arg
    %c = "wsp.out"(%srow) : (memref<1x16xf32, strided<[16, 1], offset: ?>>) -> !wsp.arg
    %r = "wsp.task"(%b, %c) {kernel = @reduce} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  %w = "wsp.out"(%t) : (memref<2x16xf32>) -> !wsp.arg
  %f = "wsp.task"(%w) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// Covered but not ordered: task 2 reads all of %t after task 0 (through %u)
// but not after task 1, another whole-tensor read (reads do not conflict):
// it implies task 0's read of row 0, not task 1's, so the writer of row 0
// needs an edge from tasks 1 and 2.
// CHECK-LABEL: "workload": "covered_not_ordered",
// CHECK:       "edges": [
// CHECK-NEXT:    {"from": 0, "to": 2, "kind": "raw"},
// CHECK-NEXT:    {"from": 1, "to": 3, "kind": "war"},
// CHECK-NEXT:    {"from": 2, "to": 3, "kind": "war"}
// CHECK-NEXT:  ]
func.func private @head(memref<1x16xf32, strided<[16, 1]>>, memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"], wsp.source = "k.cpp"}
func.func private @sum(memref<2x16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}
func.func private @sum2(memref<2x16xf32>, memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in", "in"], wsp.source = "k.cpp"}
func.func private @put(memref<1x16xf32, strided<[16, 1]>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @covered_not_ordered(%t: memref<2x16xf32>, %u: memref<16xf32>) attributes {wsp.workload} {
  %row = memref.subview %t[0, 0] [1, 16] [1, 1] : memref<2x16xf32> to memref<1x16xf32, strided<[16, 1]>>
  %a = "wsp.in"(%row) : (memref<1x16xf32, strided<[16, 1]>>) -> !wsp.arg
  %b = "wsp.out"(%u) : (memref<16xf32>) -> !wsp.arg
  %w = "wsp.task"(%a, %b) {kernel = @head} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  %c = "wsp.in"(%t) : (memref<2x16xf32>) -> !wsp.arg
  %x = "wsp.task"(%c) {kernel = @sum} : (!wsp.arg) -> !wsp.handle
  %d = "wsp.in"(%t) : (memref<2x16xf32>) -> !wsp.arg
  %e = "wsp.in"(%u) : (memref<16xf32>) -> !wsp.arg
  %y = "wsp.task"(%d, %e) {kernel = @sum2} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  %f = "wsp.out"(%row) : (memref<1x16xf32, strided<[16, 1]>>) -> !wsp.arg
  %z = "wsp.task"(%f) {kernel = @put} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// Ordered but not covered: task 1 follows task 0 (through %u) and reads
// row 0 of %t again, but task 0 read rows 0 and 1: the writer of row 1
// needs its edge from task 0.
// CHECK-LABEL: "workload": "ordered_not_covered",
// CHECK:       "edges": [
// CHECK-NEXT:    {"from": 0, "to": 1, "kind": "raw"},
// CHECK-NEXT:    {"from": 0, "to": 2, "kind": "war"}
// CHECK-NEXT:  ]
func.func private @first(memref<2x16xf32>, memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"], wsp.source = "k.cpp"}
func.func private @second(memref<1x16xf32, strided<[16, 1]>>, memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in", "in"], wsp.source = "k.cpp"}
func.func private @put(memref<1x16xf32, strided<[16, 1], offset: 16>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @ordered_not_covered(%t: memref<2x16xf32>, %u: memref<16xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%t) : (memref<2x16xf32>) -> !wsp.arg
  %b = "wsp.out"(%u) : (memref<16xf32>) -> !wsp.arg
  %x = "wsp.task"(%a, %b) {kernel = @first} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  %row0 = memref.subview %t[0, 0] [1, 16] [1, 1] : memref<2x16xf32> to memref<1x16xf32, strided<[16, 1]>>
  %c = "wsp.in"(%row0) : (memref<1x16xf32, strided<[16, 1]>>) -> !wsp.arg
  %d = "wsp.in"(%u) : (memref<16xf32>) -> !wsp.arg
  %y = "wsp.task"(%c, %d) {kernel = @second} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  %row1 = memref.subview %t[1, 0] [1, 16] [1, 1] : memref<2x16xf32> to memref<1x16xf32, strided<[16, 1], offset: 16>>
  %e = "wsp.out"(%row1) : (memref<1x16xf32, strided<[16, 1], offset: 16>>) -> !wsp.arg
  %z = "wsp.task"(%e) {kernel = @put} : (!wsp.arg) -> !wsp.handle
  return
}
