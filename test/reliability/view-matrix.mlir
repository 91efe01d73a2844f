// One rule for views: whatever wsp-verify accepts, every later stage supports
// on both targets (pto-runtime-41d5c94a, simpler-6ebaf771) and both runtime
// flavors; every other way of making a task's or spawn's memref is rejected by
// wsp-verify at the op that makes it (V2) or at the box that passes it (B2).
// Before V2, memref.reinterpret_cast, expand_shape and collapse_shape passed
// wsp-verify (B2 followed them) and the lowering then said "not a view of a
// workload tensor"; strided, dynamic-size and rank-reducing subviews, and
// transpose, view, get_global and select, failed the same way. Cases:
// Inputs/view_matrix.py, in a workload and in a process.
// RUN: %python %S/Inputs/view_matrix.py wsp-opt wsp-compile %t | FileCheck %s
// CHECK: workload: subview, static offset: accepted, compiled for both targets and runtimes
// CHECK: workload: reinterpret_cast: rejected at memref.reinterpret_cast
// CHECK: workload: expand_shape: rejected at memref.expand_shape
// CHECK: workload: collapse_shape: rejected at memref.collapse_shape
// CHECK: process: subview of an allocation: accepted, compiled for host_build_graph on both targets, rejected at the memref.alloc by the lowering for tensormap_and_ringbuffer
// CHECK: views: 36 cases, 12 accepted and compiled, 24 rejected by wsp-verify at the op
// CHECK-NOT: FAIL
