// host_build_graph has only explicit edges: the orchestration's hazard
// tracker must order exactly the read-after-write, write-after-write and
// write-after-read pairs between overlapping row blocks of one tensor, also
// when the views come from a loop, with the transitive reduction of those
// edges. The orchestration is run on the host against the stand-in
// runtime.h, which prints each task and edge.
//
//   task 0, 1  W rows [0,2) and [2,4)   (a loop; no edges)
//   task 2     R rows [0,4)             RAW 0->2, 1->2
//   task 3     W rows [0,2)             WAR 2->3 (WAW 0->3 is implied: 0->2->3)
//   task 4     R rows [2,4)             RAW 1->4 (task 3 does not overlap)
//   task 5     W rows [0,4)             WAW 3->5, WAR 4->5 (1->5 and 2->5 implied)
//   task 6     R rows [1,3)             RAW 5->6 only: task 5 covered the rest
//   task 7     R rows [1,3) of T2       no edges: another root
//
// RUN: rm -rf %t && wsp-translate --taskring-to-pto-runtime %s -o %t 2>/dev/null | FileCheck %s --check-prefix=FILES
// FILES: kernels/orchestration/main_orch.cpp
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/kernels/orchestration/main_orch.cpp
// RUN: g++ -std=c++17 -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/hbg_driver.cpp %t/kernels/orchestration/main_orch.cpp -o %t.driver
// RUN: %t.driver t1024 t1024 | FileCheck %s
// Only T is written, so only T is copied back.
// CHECK:      record_tensor_pair 1024 bytes
// CHECK-NEXT: task 0 func=0 core=1 args=2
// CHECK-NEXT: task 1 func=0 core=1 args=2
// CHECK-NEXT: task 2 func=1 core=1 args=2
// CHECK-NEXT: edge 0 -> 2
// CHECK-NEXT: edge 1 -> 2
// CHECK-NEXT: task 3 func=0 core=1 args=2
// CHECK-NEXT: edge 2 -> 3
// CHECK-NEXT: task 4 func=1 core=1 args=2
// CHECK-NEXT: edge 1 -> 4
// CHECK-NEXT: task 5 func=0 core=1 args=2
// CHECK-NEXT: edge 3 -> 5
// CHECK-NEXT: edge 4 -> 5
// CHECK-NEXT: task 6 func=1 core=1 args=2
// CHECK-NEXT: edge 5 -> 6
// CHECK-NEXT: task 7 func=1 core=1 args=2
// CHECK-NEXT: status=0 tasks=8

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 3 : i64,
      block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "host_build_graph",
      heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @writer(%t: memref<?x64xf32, strided<[64, 1], offset: ?>>) {
    return
  }
  func.func @reader(%t: memref<?x64xf32, strided<[64, 1], offset: ?>>) {
    return
  }
  "taskring.kernel"() {sym_name = "writer.kernel", name = "writer", func_id = 0 : i64,
      worker = "aiv", modes = ["out"], impl = "generated", source = @writer} : () -> ()
  "taskring.kernel"() {sym_name = "reader.kernel", name = "reader", func_id = 1 : i64,
      worker = "aiv", modes = ["in"], impl = "generated", source = @reader} : () -> ()
  func.func @main(%T: memref<4x64xf32>, %T2: memref<4x64xf32>)
      attributes {taskring.orchestration, taskring.arg_names = ["T", "T2"]} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %t = "taskring.tensor_external"(%T) {index = 0 : i64, name = "T"} : (memref<4x64xf32>) -> !taskring.tensor
    %t2 = "taskring.tensor_external"(%T2) {index = 1 : i64, name = "T2"} : (memref<4x64xf32>) -> !taskring.tensor
    scf.for %i = %c0 to %c2 step %c1 {
      %r = arith.muli %i, %c2 : index
      %v = "taskring.view"(%t, %r) {sizes = array<i64: 2, 64>, static_offsets = array<i64: -9223372036854775808, 0>} : (!taskring.tensor, index) -> !taskring.tensor
      %p = "taskring.output"(%v) : (!taskring.tensor) -> !taskring.param
      %h = "taskring.submit"(%p) {func_id = 0 : i64, kernel = @writer.kernel, worker = "aiv"} : (!taskring.param) -> !taskring.task
    }
    %all = "taskring.view"(%t) {sizes = array<i64: 4, 64>, static_offsets = array<i64: 0, 0>} : (!taskring.tensor) -> !taskring.tensor
    %p2 = "taskring.input"(%all) : (!taskring.tensor) -> !taskring.param
    %h2 = "taskring.submit"(%p2) {func_id = 1 : i64, kernel = @reader.kernel, worker = "aiv"} : (!taskring.param) -> !taskring.task
    %top = "taskring.view"(%t) {sizes = array<i64: 2, 64>, static_offsets = array<i64: 0, 0>} : (!taskring.tensor) -> !taskring.tensor
    %p3 = "taskring.output"(%top) : (!taskring.tensor) -> !taskring.param
    %h3 = "taskring.submit"(%p3) {func_id = 0 : i64, kernel = @writer.kernel, worker = "aiv"} : (!taskring.param) -> !taskring.task
    %bottom = "taskring.view"(%t) {sizes = array<i64: 2, 64>, static_offsets = array<i64: 2, 0>} : (!taskring.tensor) -> !taskring.tensor
    %p4 = "taskring.input"(%bottom) : (!taskring.tensor) -> !taskring.param
    %h4 = "taskring.submit"(%p4) {func_id = 1 : i64, kernel = @reader.kernel, worker = "aiv"} : (!taskring.param) -> !taskring.task
    %p5 = "taskring.output"(%t) : (!taskring.tensor) -> !taskring.param
    %h5 = "taskring.submit"(%p5) {func_id = 0 : i64, kernel = @writer.kernel, worker = "aiv"} : (!taskring.param) -> !taskring.task
    %mid = "taskring.view"(%t) {sizes = array<i64: 2, 64>, static_offsets = array<i64: 1, 0>} : (!taskring.tensor) -> !taskring.tensor
    %p6 = "taskring.input"(%mid) : (!taskring.tensor) -> !taskring.param
    %h6 = "taskring.submit"(%p6) {func_id = 1 : i64, kernel = @reader.kernel, worker = "aiv"} : (!taskring.param) -> !taskring.task
    %mid2 = "taskring.view"(%t2) {sizes = array<i64: 2, 64>, static_offsets = array<i64: 1, 0>} : (!taskring.tensor) -> !taskring.tensor
    %p7 = "taskring.input"(%mid2) : (!taskring.tensor) -> !taskring.param
    %h7 = "taskring.submit"(%p7) {func_id = 1 : i64, kernel = @reader.kernel, worker = "aiv"} : (!taskring.param) -> !taskring.task
    return
  }
}
