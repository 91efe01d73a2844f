// host_build_graph (pto-runtime 41d5c94a): the orchestration adds the
// transitive reduction of the hazard edges (issue 18, item 6), counted on
// three shapes. The orchestration runs on the host against the stand-in
// runtime.h, which prints each add_successor edge. python/tests/test_edges.py
// checks that the edges are exactly the reduction and order the same pairs as
// wsp-print-task-graph's graph.

// RUN: rm -rf %t && split-file %s %t && cp %S/Inputs/user_kernel.cpp %t/
// RUN: wsp-compile %t/bgemm.mlir -o %t/bgemm --target=pto-runtime-41d5c94a --runtime=host_build_graph > /dev/null
// RUN: g++ -std=c++17 -Wall -Wextra -Werror -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/hbg_driver.cpp %t/bgemm/kernels/orchestration/main_orch.cpp -o %t/bgemm.driver
// RUN: %t/bgemm.driver t65536 t65536 t65536 | grep -c '^edge' | FileCheck %s --check-prefix=BGEMM
// RUN: wsp-compile %t/chain.mlir -o %t/chain --target=pto-runtime-41d5c94a --runtime=host_build_graph > /dev/null
// RUN: g++ -std=c++17 -Wall -Wextra -Werror -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/hbg_driver.cpp %t/chain/kernels/orchestration/main_orch.cpp -o %t/chain.driver
// RUN: %t/chain.driver t4096 | FileCheck %s --check-prefix=CHAIN
// RUN: wsp-compile %t/fan.mlir -o %t/fan --target=pto-runtime-41d5c94a --runtime=host_build_graph > /dev/null
// RUN: g++ -std=c++17 -Wall -Wextra -Werror -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/hbg_driver.cpp %t/fan/kernels/orchestration/main_orch.cpp -o %t/fan.driver
// RUN: %t/fan.driver t4096 t4096 | FileCheck %s --check-prefix=FAN

//--- bgemm.mlir
// pto-runtime's own bgemm (examples/host_build_graph/bgemm): per output tile
// of a 4x4 grid, 4 steps of gemm (writes the partial product P) then add
// (C += P). Per tile the hazards are gemm_k -> add_k (RAW), add_k -> gemm_k+1
// (WAR), gemm_k -> gemm_k+1 (WAW) and add_k -> add_k+1 (RAW on C): 13 pairs,
// 208 in all, which the tracker used to add. The chain g0 a0 g1 a1 ... orders
// the same pairs with 7 edges per tile: 112.
// BGEMM: {{^}}112{{$}}
func.func private @gemm(memref<32x32xf32, strided<[128, 1], offset: ?>>, memref<32x32xf32, strided<[128, 1], offset: ?>>, memref<32x32xf32, strided<[32, 1], offset: ?>>) attributes {wsp.kernel = "aic", wsp.access = ["in", "in", "out"], wsp.source = "user_kernel.cpp"}
func.func private @add(memref<32x32xf32, strided<[128, 1], offset: ?>>, memref<32x32xf32, strided<[32, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["inout", "in"], wsp.source = "user_kernel.cpp"}
func.func @main(%A: memref<128x128xf32> {wsp.name = "A"}, %B: memref<128x128xf32> {wsp.name = "B"}, %C: memref<128x128xf32> {wsp.name = "C"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c32 = arith.constant 32 : index
  %P = memref.alloc() : memref<512x32xf32>
  scf.for %m = %c0 to %c4 step %c1 {
    scf.for %n = %c0 to %c4 step %c1 {
      scf.for %k = %c0 to %c4 step %c1 {
        %mo = arith.muli %m, %c32 : index
        %no = arith.muli %n, %c32 : index
        %ko = arith.muli %k, %c32 : index
        %t4 = arith.muli %m, %c4 : index
        %t = arith.addi %t4, %n : index
        %po = arith.muli %t, %c32 : index
        %av = memref.subview %A[%mo, %ko] [32, 32] [1, 1] : memref<128x128xf32> to memref<32x32xf32, strided<[128, 1], offset: ?>>
        %bv = memref.subview %B[%ko, %no] [32, 32] [1, 1] : memref<128x128xf32> to memref<32x32xf32, strided<[128, 1], offset: ?>>
        %cv = memref.subview %C[%mo, %no] [32, 32] [1, 1] : memref<128x128xf32> to memref<32x32xf32, strided<[128, 1], offset: ?>>
        %pv = memref.subview %P[%po, 0] [32, 32] [1, 1] : memref<512x32xf32> to memref<32x32xf32, strided<[32, 1], offset: ?>>
        %a0 = "wsp.in"(%av) : (memref<32x32xf32, strided<[128, 1], offset: ?>>) -> !wsp.arg
        %a1 = "wsp.in"(%bv) : (memref<32x32xf32, strided<[128, 1], offset: ?>>) -> !wsp.arg
        %a2 = "wsp.out"(%pv) : (memref<32x32xf32, strided<[32, 1], offset: ?>>) -> !wsp.arg
        %g = "wsp.task"(%a0, %a1, %a2) {kernel = @gemm} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
        %d0 = "wsp.inout"(%cv) : (memref<32x32xf32, strided<[128, 1], offset: ?>>) -> !wsp.arg
        %d1 = "wsp.in"(%pv) : (memref<32x32xf32, strided<[32, 1], offset: ?>>) -> !wsp.arg
        %h = "wsp.task"(%d0, %d1) {kernel = @add} : (!wsp.arg, !wsp.arg) -> !wsp.handle
      }
    }
  }
  return
}

//--- chain.mlir
// An accumulation chain: write, then 4 in-place updates, each reading the
// previous result too. 4 edges, never k -> k+2.
// CHAIN:      task 0
// CHAIN-NEXT: task 1
// CHAIN-NEXT: edge 0 -> 1
// CHAIN-NEXT: task 2
// CHAIN-NEXT: edge 1 -> 2
// CHAIN-NEXT: task 3
// CHAIN-NEXT: edge 2 -> 3
// CHAIN-NEXT: task 4
// CHAIN-NEXT: edge 3 -> 4
// CHAIN-NEXT: status=0 tasks=5
func.func private @init(memref<16x64xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "user_kernel.cpp"}
func.func private @step(memref<16x64xf32>, memref<16x64xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in", "inout"], wsp.source = "user_kernel.cpp"}
func.func @main(%x: memref<16x64xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %a = "wsp.out"(%x) : (memref<16x64xf32>) -> !wsp.arg
  %t = "wsp.task"(%a) {kernel = @init} : (!wsp.arg) -> !wsp.handle
  scf.for %i = %c0 to %c4 step %c1 {
    %r = "wsp.in"(%x) : (memref<16x64xf32>) -> !wsp.arg
    %w = "wsp.inout"(%x) : (memref<16x64xf32>) -> !wsp.arg
    %u = "wsp.task"(%r, %w) {kernel = @step} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}

//--- fan.mlir
// Fan-out: a writer, 4 readers of its rows (one edge each), then a writer of
// the whole tensor: one edge from each reader (WAR); its edge from the first
// writer (WAW) is implied by them and left out. 8 edges where the hazards
// are 9.
// FAN:      task 0
// FAN-NEXT: task 1
// FAN-NEXT: edge 0 -> 1
// FAN-NEXT: task 2
// FAN-NEXT: edge 0 -> 2
// FAN-NEXT: task 3
// FAN-NEXT: edge 0 -> 3
// FAN-NEXT: task 4
// FAN-NEXT: edge 0 -> 4
// FAN-NEXT: task 5
// FAN-NEXT: edge 1 -> 5
// FAN-NEXT: edge 2 -> 5
// FAN-NEXT: edge 3 -> 5
// FAN-NEXT: edge 4 -> 5
// FAN-NEXT: status=0 tasks=6
func.func private @fill(memref<16x64xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "user_kernel.cpp"}
func.func private @use(memref<4x64xf32, strided<[64, 1], offset: ?>>, memref<4x64xf32, strided<[64, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"], wsp.source = "user_kernel.cpp"}
func.func @main(%x: memref<16x64xf32> {wsp.name = "x"}, %y: memref<16x64xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %a = "wsp.out"(%x) : (memref<16x64xf32>) -> !wsp.arg
  %t = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  scf.for %i = %c0 to %c4 step %c1 {
    %o = arith.muli %i, %c4 : index
    %xv = memref.subview %x[%o, 0] [4, 64] [1, 1] : memref<16x64xf32> to memref<4x64xf32, strided<[64, 1], offset: ?>>
    %yv = memref.subview %y[%o, 0] [4, 64] [1, 1] : memref<16x64xf32> to memref<4x64xf32, strided<[64, 1], offset: ?>>
    %r = "wsp.in"(%xv) : (memref<4x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %w = "wsp.out"(%yv) : (memref<4x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %u = "wsp.task"(%r, %w) {kernel = @use} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  %b = "wsp.out"(%x) : (memref<16x64xf32>) -> !wsp.arg
  %v = "wsp.task"(%b) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  return
}
