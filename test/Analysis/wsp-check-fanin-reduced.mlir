// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-check-fanin{target=pto-runtime-41d5c94a})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=TMR --allow-empty
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(wsp-check-fanin{runtime=host_build_graph target=pto-runtime-41d5c94a})' -o /dev/null 2>&1 | FileCheck %s --check-prefix=HBG

// Tile writes interleaved with whole-tensor reads, 520 iterations.
// tensormap_and_ringbuffer: the check counts the producers of the reduced
// graph, one per task, so the program passes. host_build_graph: the emitted
// orchestration's tracker adds an edge for every hazard pair (it does not
// reduce), so put #0 gets every reduce as a successor, more than the 512
// the runtime allows; the check counts those, unreduced, and says so at
// compile time (docs/dependencies.md, "Reduced edges").
func.func private @put(memref<1x16xf32, strided<[16, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "put.cpp"}
func.func private @reduce(memref<520x16xf32>, memref<1x16xf32, strided<[16, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"], wsp.source = "reduce.cpp"}
func.func @main(%t: memref<520x16xf32>, %s: memref<520x16xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 520 : index
  scf.for %i = %c0 to %n step %c1 {
    %row = memref.subview %t[%i, 0] [1, 16] [1, 1] : memref<520x16xf32> to memref<1x16xf32, strided<[16, 1], offset: ?>>
    %a = "wsp.out"(%row) : (memref<1x16xf32, strided<[16, 1], offset: ?>>) -> !wsp.arg
    %p = "wsp.task"(%a) {kernel = @put} : (!wsp.arg) -> !wsp.handle
    %srow = memref.subview %s[%i, 0] [1, 16] [1, 1] : memref<520x16xf32> to memref<1x16xf32, strided<[16, 1], offset: ?>>
    %b = "wsp.in"(%t) : (memref<520x16xf32>) -> !wsp.arg
    %c = "wsp.out"(%srow) : (memref<1x16xf32, strided<[16, 1], offset: ?>>) -> !wsp.arg
    %r = "wsp.task"(%b, %c) {kernel = @reduce} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}

// TMR-NOT: error
// HBG: [[@LINE-10]]:10: error: 'wsp.task' op: instance #0 of kernel 'put' has at least 513 dependent tasks, but host_build_graph (pto-runtime 41d5c94a) allows at most 512 successors per task
