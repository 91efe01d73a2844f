// RUN: wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-print-task-graph)' -o /dev/null | FileCheck %s
// RUN: wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-verify,wsp-check-deadlock)' -o /dev/null 2>&1 | not grep -E 'error|deadlock'

// The CSP semantics of the static analysis (docs/csp.md), one property per
// case: node order is the round-robin schedule, and every edge list is
// exact. Every program is valid (wsp-verify) and none deadlocks:
// wsp-check-deadlock says nothing.

// A recv on a closed, drained channel yields ok = false and token 0. The
// consumer polls 5 times for 3 tokens (5, 6, 7): the scf.if on %ok takes the
// else branch twice, where the token is 0 (tile 0 of %z, hence waw). Tasks
// after an ok = false recv have no channel edge: the epoch has ended.
// CHECK-LABEL: "workload": "closed_drained",
// CHECK-NEXT:  "nodes": [
// CHECK-NEXT:    {"id": 0, "kernel": "mark", "process": "producer", {{.*}} "root": "p", "offsets": [0, 0]{{.*}}},
// CHECK-NEXT:    {"id": 1, "kernel": "mark", "process": "producer", {{.*}} "root": "p", "offsets": [4, 0]{{.*}}},
// CHECK-NEXT:    {"id": 2, "kernel": "mark", "process": "producer", {{.*}} "root": "p", "offsets": [8, 0]{{.*}}},
// CHECK-NEXT:    {"id": 3, "kernel": "mark", "process": "consumer", {{.*}} "root": "y", "offsets": [20, 0]{{.*}}},
// CHECK-NEXT:    {"id": 4, "kernel": "mark", "process": "consumer", {{.*}} "root": "y", "offsets": [24, 0]{{.*}}},
// CHECK-NEXT:    {"id": 5, "kernel": "mark", "process": "consumer", {{.*}} "root": "y", "offsets": [28, 0]{{.*}}},
// CHECK-NEXT:    {"id": 6, "kernel": "mark", "process": "consumer", {{.*}} "root": "z", "offsets": [0, 0]{{.*}}},
// CHECK-NEXT:    {"id": 7, "kernel": "mark", "process": "consumer", {{.*}} "root": "z", "offsets": [0, 0]{{.*}}}
// CHECK-NEXT:  ],
// CHECK-NEXT:  "edges": [
// CHECK-NEXT:    {"from": 0, "to": 3, "kind": "channel"},
// CHECK-NEXT:    {"from": 1, "to": 4, "kind": "channel"},
// CHECK-NEXT:    {"from": 2, "to": 5, "kind": "channel"},
// CHECK-NEXT:    {"from": 6, "to": 7, "kind": "waw"}
// CHECK-NEXT:  ]
func.func private @mark(memref<4x8xf32, strided<[8, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}
func.func @producer(%out: !wsp.channel<i64>, %p: memref<32x8xf32>)
    attributes {wsp.process, wsp.access = ["out", "out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : i64
  scf.for %i = %c0 to %c3 step %c1 {
    %off = arith.muli %i, %c4 : index
    %v = memref.subview %p[%off, 0] [4, 8] [1, 1] : memref<32x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
    %ii = arith.index_cast %i : index to i64
    %tok = arith.addi %ii, %c5 : i64
    "wsp.send"(%out, %tok, %h) : (!wsp.channel<i64>, i64, !wsp.handle) -> ()
  }
  return
}
func.func @consumer(%in: !wsp.channel<i64>, %y: memref<32x8xf32>, %z: memref<32x8xf32>)
    attributes {wsp.process, wsp.access = ["in", "out", "out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  scf.for %i = %c0 to %c5 step %c1 {
    %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
    %t = arith.index_cast %tok : i64 to index
    %off = arith.muli %t, %c4 : index
    scf.if %ok {
      %v = memref.subview %y[%off, 0] [4, 8] [1, 1] : memref<32x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
      %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
      %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
    } else {
      %v = memref.subview %z[%off, 0] [4, 8] [1, 1] : memref<32x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
      %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
      %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
    }
  }
  return
}
func.func @closed_drained(%p: memref<32x8xf32> {wsp.name = "p"}, %y: memref<32x8xf32> {wsp.name = "y"},
                          %z: memref<32x8xf32> {wsp.name = "z"}) attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "tokens", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %p0 = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %p1 = "wsp.out"(%p) : (memref<32x8xf32>) -> !wsp.arg
  "wsp.spawn"(%p0, %p1) {process = @producer} : (!wsp.arg, !wsp.arg) -> ()
  %q0 = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %q1 = "wsp.out"(%y) : (memref<32x8xf32>) -> !wsp.arg
  %q2 = "wsp.out"(%z) : (memref<32x8xf32>) -> !wsp.arg
  "wsp.spawn"(%q0, %q1, %q2) {process = @consumer} : (!wsp.arg, !wsp.arg, !wsp.arg) -> ()
  return
}

// -----

// A rendezvous (capacity 0): each send waits for the receiver at its recv,
// so the two processes alternate; for credits it behaves like capacity 1:
// the producer's task after send #2 (id 6) waits for the consumer's epoch 0
// (id 1).
// CHECK-LABEL: "workload": "rendezvous",
// CHECK-NEXT:  "nodes": [
// CHECK-NEXT:    {"id": 0, "kernel": "mark", "process": "producer", {{.*}} "offsets": [0, 0]{{.*}}},
// CHECK-NEXT:    {"id": 1, "kernel": "mark", "process": "consumer", {{.*}} "offsets": [0, 0]{{.*}}},
// CHECK-NEXT:    {"id": 2, "kernel": "mark", "process": "producer", {{.*}} "offsets": [4, 0]{{.*}}},
// CHECK-NEXT:    {"id": 3, "kernel": "mark", "process": "producer", {{.*}} "offsets": [8, 0]{{.*}}},
// CHECK-NEXT:    {"id": 4, "kernel": "mark", "process": "consumer", {{.*}} "offsets": [4, 0]{{.*}}},
// CHECK-NEXT:    {"id": 5, "kernel": "mark", "process": "consumer", {{.*}} "offsets": [8, 0]{{.*}}},
// CHECK-NEXT:    {"id": 6, "kernel": "mark", "process": "producer", {{.*}} "offsets": [12, 0]{{.*}}},
// CHECK-NEXT:    {"id": 7, "kernel": "mark", "process": "consumer", {{.*}} "offsets": [12, 0]{{.*}}}
// CHECK-NEXT:  ],
// CHECK-NEXT:  "edges": [
// CHECK-NEXT:    {"from": 0, "to": 1, "kind": "channel"},
// CHECK-NEXT:    {"from": 2, "to": 4, "kind": "channel"},
// CHECK-NEXT:    {"from": 3, "to": 5, "kind": "channel"},
// CHECK-NEXT:    {"from": 1, "to": 6, "kind": "credit"},
// CHECK-NEXT:    {"from": 6, "to": 7, "kind": "channel"}
// CHECK-NEXT:  ]
func.func private @mark(memref<4x8xf32, strided<[8, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}
func.func @producer(%out: !wsp.channel<i64>, %p: memref<16x8xf32>)
    attributes {wsp.process, wsp.access = ["out", "out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    %off = arith.muli %i, %c4 : index
    %v = memref.subview %p[%off, 0] [4, 8] [1, 1] : memref<16x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
    %tok = arith.index_cast %i : index to i64
    "wsp.send"(%out, %tok, %h) : (!wsp.channel<i64>, i64, !wsp.handle) -> ()
  }
  return
}
func.func @consumer(%in: !wsp.channel<i64>, %y: memref<16x8xf32>)
    attributes {wsp.process, wsp.access = ["in", "out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
    %t = arith.index_cast %tok : i64 to index
    %off = arith.muli %t, %c4 : index
    %v = memref.subview %y[%off, 0] [4, 8] [1, 1] : memref<16x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  }
  return
}
func.func @rendezvous(%p: memref<16x8xf32>, %y: memref<16x8xf32>) attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "handoff", capacity = 0 : i64} : () -> !wsp.channel<i64>
  %p0 = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %p1 = "wsp.out"(%p) : (memref<16x8xf32>) -> !wsp.arg
  "wsp.spawn"(%p0, %p1) {process = @producer} : (!wsp.arg, !wsp.arg) -> ()
  %q0 = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %q1 = "wsp.out"(%y) : (memref<16x8xf32>) -> !wsp.arg
  "wsp.spawn"(%q0, %q1) {process = @consumer} : (!wsp.arg, !wsp.arg) -> ()
  return
}

// -----

// Two senders on one channel (two instances of one function, told apart by
// a scalar): the channel closes when *both* have returned. With capacity 1
// the first sender returns while the second still has tokens to send; the
// consumer keeps receiving (tokens 0, 1, 2, 3 in that order) and only then
// sees ok = false (its fifth and sixth polls submit nothing).
// CHECK-LABEL: "workload": "two_senders",
// CHECK-NEXT:  "nodes": [
// CHECK-NEXT:    {"id": 0, "kernel": "mark", "process": "consumer", {{.*}} "offsets": [0, 0]{{.*}}},
// CHECK-NEXT:    {"id": 1, "kernel": "mark", "process": "consumer", {{.*}} "offsets": [4, 0]{{.*}}},
// CHECK-NEXT:    {"id": 2, "kernel": "mark", "process": "consumer", {{.*}} "offsets": [8, 0]{{.*}}},
// CHECK-NEXT:    {"id": 3, "kernel": "mark", "process": "consumer", {{.*}} "offsets": [12, 0]{{.*}}}
// CHECK-NEXT:  ],
// CHECK-NEXT:  "edges": []
func.func private @mark(memref<4x8xf32, strided<[8, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}
func.func @sender(%out: !wsp.channel<i64>, %base: i64)
    attributes {wsp.process, wsp.access = ["out", "scalar"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  scf.for %i = %c0 to %c2 step %c1 {
    %ii = arith.index_cast %i : index to i64
    %tok = arith.addi %base, %ii : i64
    "wsp.send"(%out, %tok) : (!wsp.channel<i64>, i64) -> ()
  }
  return
}
func.func @consumer(%in: !wsp.channel<i64>, %y: memref<16x8xf32>)
    attributes {wsp.process, wsp.access = ["in", "out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c6 = arith.constant 6 : index
  scf.for %i = %c0 to %c6 step %c1 {
    %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
    scf.if %ok {
      %t = arith.index_cast %tok : i64 to index
      %off = arith.muli %t, %c4 : index
      %v = memref.subview %y[%off, 0] [4, 8] [1, 1] : memref<16x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
      %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
      %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
    }
  }
  return
}
func.func @two_senders(%y: memref<16x8xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : i64
  %c2 = arith.constant 2 : i64
  %c = "wsp.create_channel"() {name = "merged", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %p0 = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %b0 = "wsp.scalar"(%c0) : (i64) -> !wsp.arg
  "wsp.spawn"(%p0, %b0) {process = @sender} : (!wsp.arg, !wsp.arg) -> ()
  %b2 = "wsp.scalar"(%c2) : (i64) -> !wsp.arg
  "wsp.spawn"(%p0, %b2) {process = @sender} : (!wsp.arg, !wsp.arg) -> ()
  %q0 = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %q1 = "wsp.out"(%y) : (memref<16x8xf32>) -> !wsp.arg
  "wsp.spawn"(%q0, %q1) {process = @consumer} : (!wsp.arg, !wsp.arg) -> ()
  return
}

// -----

// The workload runs first, to its end (its tasks are ids 0 and 1, the one
// after the spawn included); then the processes, round-robin in spawn order.
// A process may spawn others (appended to the round-robin): @parent starts
// @child (which blocks at its recv) and @sender; an explicit wsp.close
// followed by the return is fine.
// CHECK-LABEL: "workload": "nested",
// CHECK-NEXT:  "nodes": [
// CHECK-NEXT:    {"id": 0, "kernel": "mark", "process": "nested", {{.*}} "offsets": [0, 0]{{.*}}},
// CHECK-NEXT:    {"id": 1, "kernel": "mark", "process": "nested", {{.*}} "offsets": [4, 0]{{.*}}},
// CHECK-NEXT:    {"id": 2, "kernel": "mark", "process": "sender", {{.*}} "offsets": [8, 0]{{.*}}},
// CHECK-NEXT:    {"id": 3, "kernel": "mark", "process": "child", {{.*}} "offsets": [12, 0]{{.*}}}
// CHECK-NEXT:  ],
// CHECK-NEXT:  "edges": [
// CHECK-NEXT:    {"from": 2, "to": 3, "kind": "channel"}
// CHECK-NEXT:  ]
func.func private @mark(memref<4x8xf32, strided<[8, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}
func.func @parent(%y: memref<16x8xf32>) attributes {wsp.process, wsp.access = ["out"]} {
  %d = "wsp.create_channel"() {name = "down", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %q0 = "wsp.in"(%d) : (!wsp.channel<i64>) -> !wsp.arg
  %q1 = "wsp.out"(%y) : (memref<16x8xf32>) -> !wsp.arg
  "wsp.spawn"(%q0, %q1) {process = @child} : (!wsp.arg, !wsp.arg) -> ()
  %s0 = "wsp.out"(%d) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%s0, %q1) {process = @sender} : (!wsp.arg, !wsp.arg) -> ()
  return
}
func.func @sender(%out: !wsp.channel<i64>, %y: memref<16x8xf32>)
    attributes {wsp.process, wsp.access = ["out", "out"]} {
  %v = memref.subview %y[8, 0] [4, 8] [1, 1] : memref<16x8xf32> to memref<4x8xf32, strided<[8, 1], offset: 64>>
  %w = memref.cast %v : memref<4x8xf32, strided<[8, 1], offset: 64>> to memref<4x8xf32, strided<[8, 1], offset: ?>>
  %a = "wsp.out"(%w) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  %tok = arith.constant 3 : i64
  "wsp.send"(%out, %tok, %h) : (!wsp.channel<i64>, i64, !wsp.handle) -> ()
  "wsp.close"(%out) : (!wsp.channel<i64>) -> ()
  return
}
func.func @child(%in: !wsp.channel<i64>, %y: memref<16x8xf32>)
    attributes {wsp.process, wsp.access = ["in", "out"]} {
  %c4 = arith.constant 4 : index
  %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  %t = arith.index_cast %tok : i64 to index
  %off = arith.muli %t, %c4 : index
  %v = memref.subview %y[%off, 0] [4, 8] [1, 1] : memref<16x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  return
}
func.func @nested(%y: memref<16x8xf32>) attributes {wsp.workload} {
  %v0 = memref.subview %y[0, 0] [4, 8] [1, 1] : memref<16x8xf32> to memref<4x8xf32, strided<[8, 1]>>
  %w0 = memref.cast %v0 : memref<4x8xf32, strided<[8, 1]>> to memref<4x8xf32, strided<[8, 1], offset: ?>>
  %a0 = "wsp.out"(%w0) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h0 = "wsp.task"(%a0) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  %p = "wsp.out"(%y) : (memref<16x8xf32>) -> !wsp.arg
  "wsp.spawn"(%p) {process = @parent} : (!wsp.arg) -> ()
  %v1 = memref.subview %y[4, 0] [4, 8] [1, 1] : memref<16x8xf32> to memref<4x8xf32, strided<[8, 1], offset: 32>>
  %w1 = memref.cast %v1 : memref<4x8xf32, strided<[8, 1], offset: 32>> to memref<4x8xf32, strided<[8, 1], offset: ?>>
  %a1 = "wsp.out"(%w1) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h1 = "wsp.task"(%a1) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  return
}
