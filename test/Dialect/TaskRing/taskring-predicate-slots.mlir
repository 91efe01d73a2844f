// RUN: wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-lower-to-taskring{target=pto-runtime-41d5c94a},taskring-predicate-slots)' | FileCheck %s

// Flag then branch: both branches' tasks are submitted; each runs a kernel
// variant whose guard (cloned from the condition) is evaluated on device. The
// flag's element view is an extra input, which also orders both after the
// task that writes the flag.

// CHECK:       "taskring.kernel"() {base = @fill.kernel, base_params = 2 : i64, func_id = 3 : i64, guards = [{fn = @__wsp_guard0, negate = true, params = 1 : i64}], impl = "source", modes = ["out", "scalar", "in"], name = "fill_v1", slot_scalars = array<i64>, source = "fill.cpp", sym_name = "fill_v1.kernel", worker = "aiv"}
// CHECK:       "taskring.kernel"() {base = @fill.kernel, base_params = 2 : i64, func_id = 2 : i64, guards = [{fn = @__wsp_guard0, negate = false, params = 1 : i64}]
// CHECK-LABEL: func.func private @__wsp_guard0(
// CHECK-SAME:    %[[F:.*]]: i32) -> i1 attributes {taskring.guard}
// CHECK:         %[[Z:.*]] = arith.constant 0 : i32
// CHECK:         %[[C:.*]] = arith.cmpi ne, %[[F]], %[[Z]] : i32
// CHECK:         return %[[C]] : i1
// CHECK-LABEL: func.func @main(
// CHECK:         %[[FLAG:.*]] = "taskring.tensor_external"(%arg0)
// CHECK:         "taskring.submit"({{.*}}) {func_id = 0 : i64, kernel = @set_flag.kernel
// CHECK:         %[[E:.*]] = "taskring.view"(%[[FLAG]], %{{.*}}) {sizes = array<i64: 1>
// CHECK-NOT:     scf.if
// CHECK-NOT:     taskring.slot_read
// CHECK:         %[[G0:.*]] = "taskring.input"(%[[E]])
// CHECK-NEXT:    "taskring.submit"(%{{.*}}, %{{.*}}, %[[G0]]) {func_id = 2 : i64, guards = [{fn = @__wsp_guard0, negate = false, params = 1 : i64}], kernel = @fill_v0.kernel
// CHECK:         %[[G1:.*]] = "taskring.input"(%[[E]])
// CHECK-NEXT:    "taskring.submit"(%{{.*}}, %{{.*}}, %[[G1]]) {func_id = 3 : i64, guards = [{fn = @__wsp_guard0, negate = true, params = 1 : i64}], kernel = @fill_v1.kernel
func.func private @set_flag(memref<1xi32>, i32) attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"], wsp.source = "set_flag.cpp"}
func.func private @fill(memref<64xf32>, f32) attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"], wsp.source = "fill.cpp"}
func.func @main(%flag: memref<1xi32>, %y: memref<64xf32>, %v: i32) attributes {wsp.workload} {
  %a0 = "wsp.out"(%flag) : (memref<1xi32>) -> !wsp.arg
  %a1 = "wsp.scalar"(%v) : (i32) -> !wsp.arg
  %t0 = "wsp.task"(%a0, %a1) {kernel = @set_flag} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  %c0 = arith.constant 0 : index
  %f = "wsp.slot_read"(%flag, %c0) : (memref<1xi32>, index) -> i32
  %zero = arith.constant 0 : i32
  %set = arith.cmpi ne, %f, %zero : i32
  scf.if %set {
    %seven = arith.constant 7.0 : f32
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%seven) : (f32) -> !wsp.arg
    %t1 = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  } else {
    %three = arith.constant 3.0 : f32
    %c0b = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %c1b = "wsp.scalar"(%three) : (f32) -> !wsp.arg
    %t2 = "wsp.task"(%c0b, %c1b) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}

// -----

// An else-if chain on a length read from a tensor and a host symbol: each
// task carries one term per enclosing condition (nested ifs conjoin), and the
// guards take the symbol as a scalar input besides the slot.

// CHECK-LABEL: func.func private @__wsp_guard0(
// CHECK-SAME:    %{{.*}}: i64, %{{.*}}: i64) -> i1
// CHECK-LABEL: func.func private @__wsp_guard1(
// CHECK-LABEL: func.func @main(
// CHECK:         "taskring.submit"({{.*}}) {func_id = 1 : i64, guards = [{fn = @__wsp_guard1, negate = false, params = 1 : i64}], kernel = @pad_v0.kernel
// CHECK:         "taskring.submit"({{.*}}) {func_id = 2 : i64, guards = [{fn = @__wsp_guard0, negate = false, params = 2 : i64}, {fn = @__wsp_guard1, negate = true, params = 1 : i64}], kernel = @pad_v1.kernel
// CHECK:         "taskring.submit"({{.*}}) {func_id = 3 : i64, guards = [{fn = @__wsp_guard0, negate = true, params = 2 : i64}, {fn = @__wsp_guard1, negate = true, params = 1 : i64}], kernel = @pad_v2.kernel
func.func private @pad(memref<8xf32>, i64) attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"], wsp.source = "pad.cpp"}
func.func @main(%len: memref<1xi64>, %y: memref<8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %n = "wsp.slot_read"(%len, %c0) : (memref<1xi64>, index) -> i64
  %limit = "wsp.symbol"() {name = "limit"} : () -> i64
  %c2048 = arith.constant 2048 : i64
  %small = arith.cmpi sle, %n, %c2048 : i64
  scf.if %small {
    %a0 = "wsp.out"(%y) : (memref<8xf32>) -> !wsp.arg
    %a1 = "wsp.scalar"(%c2048) : (i64) -> !wsp.arg
    %t = "wsp.task"(%a0, %a1) {kernel = @pad} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  } else {
    %mid = arith.cmpi sle, %n, %limit : i64
    scf.if %mid {
      %a0 = "wsp.out"(%y) : (memref<8xf32>) -> !wsp.arg
      %a1 = "wsp.scalar"(%limit) : (i64) -> !wsp.arg
      %t = "wsp.task"(%a0, %a1) {kernel = @pad} : (!wsp.arg, !wsp.arg) -> !wsp.handle
    } else {
      %a0 = "wsp.out"(%y) : (memref<8xf32>) -> !wsp.arg
      %a1 = "wsp.scalar"(%n) : (i64) -> !wsp.arg
      %t = "wsp.task"(%a0, %a1) {kernel = @pad} : (!wsp.arg, !wsp.arg) -> !wsp.handle
    }
  }
  return
}

// -----

// A slot value passed as a task scalar: the element view goes in its place
// (an input the variant's entry loads into the scalar), and a slot-keyed
// dispatch records domain -2 (known only on device).

// CHECK:       "taskring.kernel"() {base = @use.kernel, base_params = 2 : i64, func_id = 1 : i64, guards = [], impl = "source", modes = ["out", "in"], name = "use_v0", slot_scalars = array<i64: 1>
// CHECK-LABEL: func.func @main(
// CHECK:         %[[E:.*]] = "taskring.view"
// CHECK:         %[[P:.*]] = "taskring.input"(%[[E]]) {taskring.slot_scalar = i32}
// CHECK:         %[[T:.*]] = "taskring.submit"(%{{.*}}, %[[P]]) {func_id = 1 : i64, kernel = @use_v0.kernel
// CHECK:         %[[D:.*]] = arith.constant -2 : i64
// CHECK:         "taskring.dispatch"(%[[T]], %[[D]]) {domains = 4 : i64, policy = "affinity", slot_dependent, wsp.unassigned}
func.func private @use(memref<8xf32>, i32) attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"], wsp.source = "use.cpp"}
func.func @main(%k: memref<2xi32>, %y: memref<8xf32>) attributes {wsp.workload} {
  %c1 = arith.constant 1 : index
  %v = "wsp.slot_read"(%k, %c1) : (memref<2xi32>, index) -> i32
  %a0 = "wsp.out"(%y) : (memref<8xf32>) -> !wsp.arg
  %a1 = "wsp.scalar"(%v) : (i32) -> !wsp.arg
  %t = "wsp.task"(%a0, %a1) {kernel = @use} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  "wsp.dispatch"(%t, %v) {policy = "affinity", domains = 4 : i64} : (!wsp.handle, i32) -> ()
  return
}
