// RUN: wsp-opt %s --wsp-to-taskring=target=pto-runtime-41d5c94a | FileCheck %s
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-to-taskring{runtime=host_build_graph target=pto-runtime-41d5c94a})' | FileCheck %s --check-prefix=HBG
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(wsp-to-taskring{runtime=cuda})' 2>&1 | FileCheck %s --check-prefix=BADOPT
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(wsp-to-taskring{window=3})' 2>&1 | FileCheck %s --check-prefix=NOOPT

// The default pipeline on the bundled example: verified, lowered, domains
// assigned, one scope per tile iteration, resources sized, checked.

// CHECK:       "taskring.runtime"() {{.*}}flavor = "tensormap_and_ringbuffer"{{.*}}task_window = 16 : i64
// CHECK:       "taskring.kernel"() {func_id = 0 : i64, impl = "generated", modes = ["in", "out", "scalar"], name = "scale", source = @scale, sym_name = "scale.kernel", worker = "aiv"}
// CHECK-LABEL: func.func @main(
// CHECK-SAME:    taskring.arg_names = ["x", "y", "s"], taskring.orchestration
// CHECK:         scf.for %[[T:.*]] =
// CHECK-NEXT:      "taskring.scope_begin"
// CHECK:           %[[H:.*]] = "taskring.submit"
// CHECK:           %[[K:.*]] = arith.index_cast %[[T]] : index to i64
// CHECK:           arith.remsi %[[K]]
// CHECK-NEXT:      arith.addi
// CHECK-NEXT:      %[[D:.*]] = arith.remsi
// CHECK:           "taskring.dispatch"(%[[H]], %[[D]]) {domains = 3 : i64, policy = "affinity"}
// CHECK-NEXT:      "taskring.scope_end"
// HBG:         "taskring.runtime"() {{.*}}flavor = "host_build_graph"
// HBG-NOT:     taskring.scope_begin
// BADOPT:      <pass-pipeline>:1:16: error: option 'runtime' of pass 'wsp-to-taskring' expects one of tensormap_and_ringbuffer|host_build_graph, got 'cuda'
// NOOPT:       <pass-pipeline>:1:16: error: pass 'wsp-to-taskring' has no option 'window'; its options are: runtime

func.func @scale(%x: memref<16x64xf32, strided<[64, 1], offset: ?>>,
                 %y: memref<16x64xf32, strided<[64, 1], offset: ?>>, %s: f32)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "out", "scalar"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c16 step %c1 {
    scf.for %j = %c0 to %c64 step %c1 {
      %v = memref.load %x[%i, %j] : memref<16x64xf32, strided<[64, 1], offset: ?>>
      %r = arith.mulf %v, %s : f32
      memref.store %r, %y[%i, %j] : memref<16x64xf32, strided<[64, 1], offset: ?>>
    }
  }
  return
}

func.func @main(%x: memref<64x64xf32> {wsp.name = "x"}, %y: memref<64x64xf32> {wsp.name = "y"},
                %s: f32 {wsp.name = "s"}) attributes {wsp.workload} {
  "wsp.task_window"() {size = 16 : i64, unit = "tasks", mode = "stall"} : () -> ()
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  scf.for %t = %c0 to %c4 step %c1 {
    %off = arith.muli %t, %c16 : index
    %xv = memref.subview %x[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %yv = memref.subview %y[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %a0 = "wsp.in"(%xv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a1 = "wsp.out"(%yv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a2 = "wsp.scalar"(%s) : (f32) -> !wsp.arg
    %h = "wsp.task"(%a0, %a1, %a2) {kernel = @scale} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
    "wsp.dispatch"(%h, %t) {policy = "affinity", domains = 3 : i64} : (!wsp.handle, index) -> ()
  }
  return
}
