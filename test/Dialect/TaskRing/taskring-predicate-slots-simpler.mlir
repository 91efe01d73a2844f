// RUN: wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-lower-to-taskring{target=simpler-6ebaf771},taskring-predicate-slots)' | FileCheck %s
// The same programs for pto-runtime 41d5c94a (no dispatch predicates): kernel variants only.
// RUN: wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-lower-to-taskring{target=pto-runtime-41d5c94a},taskring-predicate-slots)' | FileCheck %s --check-prefix=PTO
// RUN: wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-lower-to-taskring{target=pto-runtime-41d5c94a},taskring-predicate-slots)' | FileCheck %s --check-prefix=NOPRED
// simpler's host_build_graph keeps variants too (its scheduler fails intermittently on
// skipped predicated tasks at 6ebaf771, docs/slots.md).
// RUN: wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-lower-to-taskring{target=simpler-6ebaf771 runtime=host_build_graph},taskring-predicate-slots)' | FileCheck %s --check-prefix=NOPRED

// Target simpler-6ebaf771, tensormap_and_ringbuffer: a task guarded by exactly one `slot <cmp> constant`
// keeps its kernel and gets a trailing taskring.predicate (docs/slots.md);
// every other condition keeps the guard-function kernel variants.
// NOPRED-NOT: taskring.predicate

// Six comparisons of host-input elements against constants: each task keeps
// its kernel and gets one dispatch predicate; no variant, no guard function.
// CHECK-NOT:   base =
// CHECK-NOT:   taskring.guard
// CHECK-LABEL: func.func @main(
// CHECK:         %[[E0:.*]] = "taskring.view"
// CHECK:         %[[P0:.*]] = "taskring.predicate"(%[[E0]]) {op = "eq", target = 3 : i64}
// CHECK-NEXT:    "taskring.submit"(%{{.*}}, %{{.*}}, %[[P0]]) {func_id = 0 : i64, kernel = @fill.kernel, worker = "aiv"}
// CHECK:         "taskring.predicate"(%{{.*}}) {op = "ne", target = -1 : i64}
// CHECK:         "taskring.predicate"(%{{.*}}) {op = "gt", target = 3 : i64}
// CHECK:         "taskring.predicate"(%{{.*}}) {op = "lt", target = -1 : i64}
// CHECK:         "taskring.predicate"(%{{.*}}) {op = "ge", target = 3 : i64}
// CHECK:         "taskring.predicate"(%{{.*}}) {op = "le", target = 3 : i64}
// CHECK-NOT:     taskring.input
// CHECK:         return
// PTO-COUNT-6: "taskring.kernel"() {base = @fill.kernel
func.func private @fill(memref<64xf32>, f32) attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"], wsp.source = "fill.cpp"}
func.func @main(%flags: memref<8xi32>, %y: memref<64xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %one = arith.constant 1.0 : f32
  %k3 = arith.constant 3 : i32
  %km1 = arith.constant -1 : i32
  %f0 = "wsp.slot_read"(%flags, %c0) : (memref<8xi32>, index) -> i32
  %p0 = arith.cmpi eq, %f0, %k3 : i32
  scf.if %p0 {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  %f1 = "wsp.slot_read"(%flags, %c1) : (memref<8xi32>, index) -> i32
  %p1 = arith.cmpi ne, %f1, %km1 : i32
  scf.if %p1 {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  %f2 = "wsp.slot_read"(%flags, %c2) : (memref<8xi32>, index) -> i32
  %p2 = arith.cmpi sgt, %f2, %k3 : i32
  scf.if %p2 {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  %f3 = "wsp.slot_read"(%flags, %c3) : (memref<8xi32>, index) -> i32
  %p3 = arith.cmpi slt, %f3, %km1 : i32
  scf.if %p3 {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  %f4 = "wsp.slot_read"(%flags, %c4) : (memref<8xi32>, index) -> i32
  %p4 = arith.cmpi sge, %f4, %k3 : i32
  scf.if %p4 {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  %f5 = "wsp.slot_read"(%flags, %c5) : (memref<8xi32>, index) -> i32
  %p5 = arith.cmpi sle, %f5, %k3 : i32
  scf.if %p5 {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}

// -----

// The else branch gets the negated comparison; a constant on the left is
// swapped (3 < f is f > 3); an i1 read tests the element for non-zero.
// CHECK-NOT:   base =
// CHECK-LABEL: func.func @main(
// CHECK:         "taskring.predicate"(%{{.*}}) {op = "gt", target = 5 : i64}
// CHECK:         "taskring.predicate"(%{{.*}}) {op = "le", target = 5 : i64}
// CHECK:         "taskring.predicate"(%{{.*}}) {op = "eq", target = 0 : i64}
// CHECK:         "taskring.predicate"(%{{.*}}) {op = "ne", target = 0 : i64}
// CHECK:         "taskring.predicate"(%{{.*}}) {op = "gt", target = 3 : i64}
// CHECK:         "taskring.predicate"(%{{.*}}) {op = "ne", target = 0 : i64}
// CHECK:         "taskring.predicate"(%{{.*}}) {op = "eq", target = 0 : i64}
// PTO-COUNT-7: "taskring.kernel"() {base = @fill.kernel
func.func private @fill(memref<64xf32>, f32) attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"], wsp.source = "fill.cpp"}
func.func @main(%flags: memref<4xi64>, %y: memref<64xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %one = arith.constant 1.0 : f32
  %k5 = arith.constant 5 : i64
  %k0 = arith.constant 0 : i64
  %k3 = arith.constant 3 : i64
  %f0 = "wsp.slot_read"(%flags, %c0) : (memref<4xi64>, index) -> i64
  %p0 = arith.cmpi sgt, %f0, %k5 : i64
  scf.if %p0 {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  } else {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  %f1 = "wsp.slot_read"(%flags, %c1) : (memref<4xi64>, index) -> i64
  %p1 = arith.cmpi eq, %f1, %k0 : i64
  scf.if %p1 {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  } else {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  %f2 = "wsp.slot_read"(%flags, %c2) : (memref<4xi64>, index) -> i64
  %p2 = arith.cmpi slt, %k3, %f2 : i64
  scf.if %p2 {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  %f3 = "wsp.slot_read"(%flags, %c3) : (memref<4xi64>, index) -> i1
  scf.if %f3 {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  } else {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}

// -----

// Nested ifs: the outer branch's own task gets the predicate; the inner
// tasks are guarded by two conditions (a conjunction), so they keep kernel
// variants, and both guard functions stay for them.
// CHECK:       "taskring.kernel"() {base = @fill.kernel, {{.*}}guards = [{fn = @__wsp_guard0, negate = true, params = 1 : i64}, {fn = @__wsp_guard1, negate = true, params = 1 : i64}]{{.*}}name = "fill_v1"
// CHECK:       "taskring.kernel"() {base = @fill.kernel, {{.*}}guards = [{fn = @__wsp_guard0, negate = false, params = 1 : i64}, {fn = @__wsp_guard1, negate = true, params = 1 : i64}]{{.*}}name = "fill_v0"
// CHECK-LABEL: func.func private @__wsp_guard0(
// CHECK-LABEL: func.func private @__wsp_guard1(
// CHECK-LABEL: func.func @main(
// CHECK:         %[[P:.*]] = "taskring.predicate"(%{{.*}}) {op = "le", target = 8 : i64}
// CHECK-NEXT:    "taskring.submit"(%{{.*}}, %{{.*}}, %[[P]]) {func_id = 0 : i64, kernel = @fill.kernel
// CHECK:         "taskring.submit"({{.*}}) {func_id = 1 : i64, guards = {{.*}}, kernel = @fill_v0.kernel
// CHECK:         "taskring.submit"({{.*}}) {func_id = 2 : i64, guards = {{.*}}, kernel = @fill_v1.kernel
// CHECK-NOT:     taskring.predicate
func.func private @fill(memref<64xf32>, f32) attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"], wsp.source = "fill.cpp"}
func.func @main(%flags: memref<2xi32>, %y: memref<64xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f32
  %k8 = arith.constant 8 : i32
  %f0 = "wsp.slot_read"(%flags, %c0) : (memref<2xi32>, index) -> i32
  %f1 = "wsp.slot_read"(%flags, %c1) : (memref<2xi32>, index) -> i32
  %outer = arith.cmpi sle, %f0, %k8 : i32
  %inner = arith.cmpi eq, %f1, %k8 : i32
  scf.if %outer {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  } else {
    scf.if %inner {
      %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
      %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
      %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
    } else {
      %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
      %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
      %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
    }
  }
  return
}

// -----

// Conditions the scheduler cannot evaluate keep kernel variants: a host
// symbol on the right, a second slot on the right, an unsigned compare (the
// runtime sign-extends), a float compare, a computed condition (f + 1 > 3),
// and a conjunction in one condition.
// CHECK-COUNT-6: "taskring.kernel"() {base = @fill.kernel
// CHECK-LABEL: func.func @main(
// CHECK-NOT:     taskring.predicate
// CHECK:         return
func.func private @fill(memref<64xf32>, f32) attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"], wsp.source = "fill.cpp"}
func.func @main(%flags: memref<2xi32>, %g: memref<2xf32>, %y: memref<64xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f32
  %k1 = arith.constant 1 : i32
  %k3 = arith.constant 3 : i32
  %n = "wsp.symbol"() {name = "n"} : () -> i32
  %f0 = "wsp.slot_read"(%flags, %c0) : (memref<2xi32>, index) -> i32
  %f1 = "wsp.slot_read"(%flags, %c1) : (memref<2xi32>, index) -> i32
  %x = "wsp.slot_read"(%g, %c0) : (memref<2xf32>, index) -> f32
  %p0 = arith.cmpi sgt, %f0, %n : i32
  scf.if %p0 {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  %p1 = arith.cmpi eq, %f0, %f1 : i32
  scf.if %p1 {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  %p2 = arith.cmpi ugt, %f0, %k3 : i32
  scf.if %p2 {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  %p3 = arith.cmpf ogt, %x, %one : f32
  scf.if %p3 {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  %s = arith.addi %f0, %k1 : i32
  %p4 = arith.cmpi sgt, %s, %k3 : i32
  scf.if %p4 {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  %q = arith.cmpi sgt, %f1, %k3 : i32
  %p5 = arith.andi %p2, %q : i1
  scf.if %p5 {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%one) : (f32) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}

// -----

// An intermediate written by an earlier task (an i8 scratch tensor) is a
// predicate element too (-2 stays -2: the runtime sign-extends the element);
// a task that also takes the slot as a scalar keeps its variant (the variant
// loads the scalar).
// CHECK:       "taskring.kernel"() {base = @fill.kernel, {{.*}}name = "fill_v0", slot_scalars = array<i64: 1>
// CHECK-LABEL: func.func @main(
// CHECK:         %[[T:.*]] = "taskring.tensor_external"(%arg1) {index = 1 : i64, name = "wsp_scratch0", taskring.scratch}
// CHECK:         "taskring.submit"({{.*}}) {func_id = 1 : i64, kernel = @set.kernel
// CHECK:         %[[E:.*]] = "taskring.view"(%[[T]]
// CHECK:         "taskring.predicate"(%[[E]]) {op = "gt", target = -2 : i64}
// CHECK-NEXT:    "taskring.submit"({{.*}}) {func_id = 0 : i64, kernel = @fill.kernel
// CHECK:         "taskring.submit"({{.*}}) {func_id = 2 : i64, guards = {{.*}}, kernel = @fill_v0.kernel
func.func private @fill(memref<64xf32>, i8) attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"], wsp.source = "fill.cpp"}
func.func private @set(memref<1xi8>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "set.cpp"}
func.func @main(%y: memref<64xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %km2 = arith.constant -2 : i8
  %u = memref.alloc() : memref<1xi8>
  %a0 = "wsp.out"(%u) : (memref<1xi8>) -> !wsp.arg
  %tu = "wsp.task"(%a0) {kernel = @set} : (!wsp.arg) -> !wsp.handle
  %v = "wsp.slot_read"(%u, %c0) : (memref<1xi8>, index) -> i8
  %p = arith.cmpi sgt, %v, %km2 : i8
  scf.if %p {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%km2) : (i8) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
    %c0b = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %c1b = "wsp.scalar"(%v) : (i8) -> !wsp.arg
    %t2 = "wsp.task"(%c0b, %c1b) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}
