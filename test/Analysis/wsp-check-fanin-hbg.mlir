// RUN: wsp-opt %s --verify-diagnostics --pass-pipeline='builtin.module(wsp-check-fanin{runtime=host_build_graph target=pto-runtime-41d5c94a})'
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-check-fanin{target=pto-runtime-41d5c94a})'

// One task writes the matrix, then 513 tasks read one row each: the writer has
// 513 successors, one more than host_build_graph allows. (On
// tensormap_and_ringbuffer each reader has one producer: fine.)
func.func private @fill(memref<513x8xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
func.func private @use(memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "use.cpp"}
func.func @main(%m: memref<513x8xf32>) attributes {wsp.workload} {
  %a = "wsp.out"(%m) : (memref<513x8xf32>) -> !wsp.arg
  // expected-error@+1 {{'wsp.task' op: instance #0 of kernel 'fill' has at least 513 dependent tasks, but host_build_graph (pto-runtime 41d5c94a) allows at most 512 successors per task}}
  %t = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 513 : index
  scf.for %i = %c0 to %n step %c1 {
    %v = memref.subview %m[%i, 0] [1, 8] [1, 1] : memref<513x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %b = "wsp.in"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %u = "wsp.task"(%b) {kernel = @use} : (!wsp.arg) -> !wsp.handle
  }
  return
}
