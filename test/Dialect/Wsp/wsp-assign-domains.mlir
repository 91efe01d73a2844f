// RUN: wsp-opt %s --split-input-file --wsp-assign-domains | FileCheck %s

// CHECK-LABEL: func.func @affinity(
// CHECK-SAME:    %[[T:.*]]: !taskring.task, %[[K:.*]]: i64
// CHECK:         %[[N:.*]] = arith.constant 3 : i64
// CHECK:         %[[R:.*]] = arith.remsi %[[K]], %[[N]]
// CHECK:         %[[S:.*]] = arith.addi %[[R]], %[[N]]
// CHECK:         %[[D:.*]] = arith.remsi %[[S]], %[[N]]
// CHECK:         "taskring.dispatch"(%[[T]], %[[D]]) {domains = 3 : i64, policy = "affinity"}
func.func @affinity(%t: !taskring.task, %k: i64) {
  "taskring.dispatch"(%t, %k) {policy = "affinity", domains = 3 : i64, wsp.unassigned} : (!taskring.task, i64) -> ()
  return
}

// -----

// A real 64-bit mix (splitmix64's finalizer), not `key mod N`.
// CHECK-LABEL: func.func @hash(
// CHECK-SAME:    %[[T:.*]]: !taskring.task, %[[K:.*]]: i64
// CHECK:         arith.shrui %[[K]]
// CHECK:         arith.xori
// CHECK:         arith.constant -4658895280553007687 : i64
// CHECK:         arith.muli
// CHECK:         arith.constant -7723592293110705685 : i64
// CHECK:         arith.muli
// CHECK:         %[[D:.*]] = arith.remui
// CHECK:         "taskring.dispatch"(%[[T]], %[[D]]) {domains = 8 : i64, policy = "hash"}
func.func @hash(%t: !taskring.task, %k: i64) {
  "taskring.dispatch"(%t, %k) {policy = "hash", domains = 8 : i64, wsp.unassigned} : (!taskring.task, i64) -> ()
  return
}

// -----

// One counter over all round-robin dispatches, in submission order.
// CHECK-LABEL: func.func @round_robin(
// CHECK:         %[[Q:.*]] = "taskring.sequence"() {name = "round_robin"} : () -> i64
// CHECK:         %[[D:.*]] = arith.remui %[[Q]]
// CHECK:         "taskring.dispatch"(%{{.*}}, %[[D]]) {domains = 2 : i64, policy = "round_robin"}
// CHECK-NOT:     arith.constant 0 : i64
func.func @round_robin(%t: !taskring.task) {
  %zero = arith.constant 0 : i64
  "taskring.dispatch"(%t, %zero) {policy = "round_robin", domains = 2 : i64, wsp.unassigned} : (!taskring.task, i64) -> ()
  return
}

// -----

// CHECK-LABEL: func.func @work_steal(
// CHECK:         %[[NONE:.*]] = arith.constant -1 : i64
// CHECK:         "taskring.dispatch"(%{{.*}}, %[[NONE]]) {domains = 4 : i64, policy = "work_steal"}
func.func @work_steal(%t: !taskring.task) {
  %zero = arith.constant 0 : i64
  "taskring.dispatch"(%t, %zero) {policy = "work_steal", domains = 4 : i64, wsp.unassigned} : (!taskring.task, i64) -> ()
  return
}

// -----

// Already assigned dispatches are left alone.
// CHECK-LABEL: func.func @assigned(
// CHECK-NEXT:    "taskring.dispatch"(%arg0, %arg1) {domains = 4 : i64, policy = "affinity"}
func.func @assigned(%t: !taskring.task, %d: i64) {
  "taskring.dispatch"(%t, %d) {policy = "affinity", domains = 4 : i64} : (!taskring.task, i64) -> ()
  return
}
