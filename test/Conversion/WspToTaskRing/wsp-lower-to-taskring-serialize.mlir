// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-to-taskring{serialize=true target=pto-runtime-41d5c94a})' | FileCheck %s --check-prefixes=CHECK,TMR
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-to-taskring{runtime=host_build_graph serialize=true target=pto-runtime-41d5c94a})' | FileCheck %s --check-prefixes=CHECK,HBG
// RUN: wsp-opt %s --wsp-to-taskring=target=pto-runtime-41d5c94a | FileCheck %s --check-prefix=PARALLEL

// serialize (debug): every task also updates one int32 token, so each task is
// a producer the next must wait for — a total order in submission order on
// both runtimes, to bisect scheduling bugs. The token is not a kernel
// parameter: the submit is marked wsp.serialized. On tensormap_and_ringbuffer
// the token is a scratch argument (no task holds the ring for the whole run).

// CHECK-LABEL: func.func @main(
// TMR-SAME:      %[[S:[a-z0-9]+]]: memref<1xi32> {wsp.name = "wsp_scratch0", wsp.scratch}
// TMR:           %[[TOK:.*]] = "taskring.tensor_external"(%[[S]]) {index = 1 : i64, name = "wsp_scratch0", taskring.scratch}
// HBG:           %[[TOK:.*]] = "taskring.tensor_alloc"() {dtype = "int32", shape = array<i64: 1>}
// HBG:           "taskring.submit"({{.*}}) {func_id = 1 : i64, kernel = @wsp_alloc.kernel
// CHECK:         scf.for
// CHECK:           %[[P:.*]] = "taskring.inout"(%[[TOK]])
// CHECK-NEXT:      "taskring.submit"({{.*}}, %[[P]]) {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv", wsp.serialized}
// PARALLEL-NOT:  wsp.serialized
// PARALLEL-NOT:  tensor_alloc
func.func private @k(memref<4xf32, strided<[1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    %off = arith.muli %i, %c4 : index
    %v = memref.subview %x[%off] [4] [1] : memref<16xf32> to memref<4xf32, strided<[1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<4xf32, strided<[1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  }
  return
}
