// Target simpler-6ebaf771, tensormap_and_ringbuffer: a task guarded by one
// `slot <cmp> constant` is a plain submission of its base kernel with
// set_predicate (docs/slots.md); the element's live writers become explicit
// dependencies (in the task's one dependency array), the task is recorded as a
// reader of the element, and another condition keeps its kernel variant.
// host_build_graph keeps kernel variants for every condition (its scheduler
// fails intermittently on skipped predicated tasks at 6ebaf771); the emitter
// prints the same C++ for a taskring.predicate there (hand-written IR).

// RUN: rm -rf %t && mkdir -p %t
// RUN: wsp-compile %s -o %t/tmr --target=simpler-6ebaf771 --runtime=tensormap_and_ringbuffer | FileCheck %s --check-prefix=FILES
// RUN: wsp-compile %s -o %t/hbg --target=simpler-6ebaf771 --runtime=host_build_graph | FileCheck %s --check-prefix=HBG-FILES
// RUN: FileCheck %s --input-file=%t/tmr/kernels/orchestration/main_orch.cpp
// RUN: FileCheck %s --check-prefix=HBG --input-file=%t/hbg/kernels/orchestration/main_orch.cpp
// The predicated IR, lowered for tensormap_and_ringbuffer, emitted for host_build_graph.
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-to-taskring{target=simpler-6ebaf771})' -o %t/lowered.mlir
// RUN: sed -e 's/flavor = "tensormap_and_ringbuffer"/flavor = "host_build_graph"/' -e 's/aicpu_threads = 4/aicpu_threads = 3/' %t/lowered.mlir > %t/lowered-hbg.mlir
// RUN: wsp-translate --taskring-to-pto-runtime %t/lowered-hbg.mlir -o %t/hbgp > /dev/null
// RUN: FileCheck %s --input-file=%t/hbgp/kernels/orchestration/main_orch.cpp
// RUN: FileCheck %s --check-prefix=GATE --input-file=%t/tmr/kernels/orchestration/main_orch.cpp
// RUN: FileCheck %s --check-prefix=MANIFEST --input-file=%t/tmr/manifest.json
// RUN: FileCheck %s --check-prefix=MANIFEST --input-file=%t/hbgp/manifest.json

// Only the fallback task has a kernel variant.
// FILES: {{.*}}/tmr/kernels/aiv/fill.cpp
// FILES-NEXT: {{.*}}/tmr/kernels/aiv/fill_v0.cpp
// FILES-NEXT: {{.*}}/tmr/kernels/aiv/set_flag.cpp

// CHECK-LABEL: void aicpu_orchestration_entry(const ChipTaskArgs& orch_args) {
// CHECK:       WspReaders wsp_writers;
// CHECK:       const ChipTensor& [[FLAG:v[0-9]+]] = orch_args.tensor(0).ref();  // flag
// The producer of the flag is recorded as its writer.
// CHECK:       rt_submit_aiv_task(0, [[P:v[0-9]+]]_args);  // set_flag
// CHECK:       wsp_writers.wrote([[FLAG]], [[P]]_out.task_id());
// CHECK:       ChipTensor [[E:v[0-9]+]] = [[FLAG]].view(
// Then branch: flag > 0.
// CHECK:       CoreTaskArgs [[T:v[0-9]+]]_args;
// CHECK-NEXT:  [[T]]_args.add_{{inout|output}}(
// CHECK-NEXT:  [[T]]_args.add_scalar(
// CHECK-NEXT:  CoreTaskPredicate [[T]]_pred;
// CHECK-NEXT:  [[T]]_pred.operand.tensor = &[[E]];
// CHECK-NEXT:  [[T]]_pred.operand.ndims = 0;
// CHECK-NEXT:  [[T]]_pred.op = PredicateOp::GT;
// CHECK-NEXT:  [[T]]_pred.target = 0LL;
// CHECK-NEXT:  [[T]]_args.set_predicate([[T]]_pred);
// CHECK-NEXT:  std::vector<PTO2TaskId> [[T]]_deps;
// CHECK-NEXT:  wsp_readers.writer_deps({{v[0-9]+}}, [[T]]_deps);
// CHECK-NEXT:  wsp_writers.overlapping([[E]], [[T]]_deps);
// CHECK-NEXT:  if (![[T]]_deps.empty()) [[T]]_args.set_dependencies([[T]]_deps.data(), (uint32_t)[[T]]_deps.size());
// CHECK-NEXT:  rt_submit_aiv_task(1, [[T]]_args);  // fill
// CHECK:       wsp_readers.read([[E]], [[T]]_out.task_id());
// Else branch: the negation, flag <= 0.
// CHECK:       [[U:v[0-9]+]]_pred.op = PredicateOp::LE;
// CHECK:       rt_submit_aiv_task(1, [[U]]_args);  // fill
// A host-input element (gate == -7): the same lookup, which finds no writer.
// CHECK:       [[G:v[0-9]+]]_pred.op = PredicateOp::EQ;
// CHECK-NEXT:  [[G]]_pred.target = -7LL;
// CHECK:       wsp_writers.overlapping(
// CHECK:       rt_submit_aiv_task(1, [[G]]_args);  // fill
// A host symbol on the right: the guard-function variant reads the element.
// CHECK:       CoreTaskArgs [[V:v[0-9]+]]_args;
// CHECK-NEXT:  [[V]]_args.add_{{inout|output}}(
// CHECK-NEXT:  [[V]]_args.add_input([[E]]);
// CHECK-NOT:   set_predicate
// CHECK:       rt_submit_aiv_task(2, [[V]]_args);  // fill_v0

// host_build_graph: every guarded task runs a kernel variant.
// HBG-FILES: {{.*}}/hbg/kernels/aiv/fill_v0.cpp
// HBG-FILES: {{.*}}/hbg/kernels/aiv/fill_v3.cpp
// HBG-NOT: set_predicate
// HBG-NOT: wsp_writers

// No task writes the gate.
// GATE:        const ChipTensor& [[GATE:v[0-9]+]] = orch_args.tensor(1).ref();  // gate
// GATE-NOT:    wsp_writers.wrote([[GATE]]

// MANIFEST:      "slots": [
// MANIFEST-NEXT: {"slot": 0, "tensor": "flag", "index": [0], "dtype": "int32", "type": "i32", "read_by": ["fill", "fill_v0"],
// MANIFEST-NEXT: {"slot": 1, "tensor": "gate", "index": [0], "dtype": "int32", "type": "i32", "read_by": ["fill"],
// MANIFEST:      "directive": "slot_reads", "status": "enforced", "detail": "2 slot(s), 3 dispatch predicate(s), 1 kernel variant(s)", "how": "predicated execution: the tasks of every branch are submitted; on tensormap_and_ringbuffer a task guarded by one 'element <cmp> constant' gets a dispatch predicate (CoreTaskArgs::set_predicate

func.func @set_flag(%flag: memref<1xi32>, %v: i32)
    attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"]} {
  %c0 = arith.constant 0 : index
  memref.store %v, %flag[%c0] : memref<1xi32>
  return
}

func.func @fill(%y: memref<64xf32>, %value: f32)
    attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c64 step %c1 {
    memref.store %value, %y[%i] : memref<64xf32>
  }
  return
}

func.func @main(%flag: memref<1xi32> {wsp.name = "flag"}, %gate: memref<1xi32> {wsp.name = "gate"},
                %y: memref<64xf32> {wsp.name = "y"}, %v: i32 {wsp.name = "v"}) attributes {wsp.workload} {
  %a0 = "wsp.out"(%flag) : (memref<1xi32>) -> !wsp.arg
  %a1 = "wsp.scalar"(%v) : (i32) -> !wsp.arg
  %t0 = "wsp.task"(%a0, %a1) {kernel = @set_flag} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  %c0 = arith.constant 0 : index
  %f = "wsp.slot_read"(%flag, %c0) : (memref<1xi32>, index) -> i32
  %zero = arith.constant 0 : i32
  %pos = arith.cmpi sgt, %f, %zero : i32
  %one = arith.constant 1.0 : f32
  scf.if %pos {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t1 = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  } else {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t2 = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  %g = "wsp.slot_read"(%gate, %c0) : (memref<1xi32>, index) -> i32
  %m7 = arith.constant -7 : i32
  %open = arith.cmpi eq, %g, %m7 : i32
  scf.if %open {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t3 = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  %n = "wsp.symbol"() {name = "n"} : () -> i32
  %big = arith.cmpi sgt, %f, %n : i32
  scf.if %big {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t4 = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}
