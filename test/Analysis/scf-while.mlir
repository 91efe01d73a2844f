// RUN: not wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-print-task-graph{max-tasks=100})' -o /dev/null 2>&1 | FileCheck %s
// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-print-task-graph{max-tasks=100})' -o /dev/null

// scf.while is interpreted whenever its condition folds in every iteration
// (docs/csp.md, Execution model: Loops): a consumer that receives until the channel
// is closed, and a loop over statically known scalars. Its iterations count
// against the evaluation budget, like scf.for's.

// The idiomatic consumer: recv in the `before` region, scf.condition(%ok),
// the token passed to the `do` region. Three tokens (5, 6, 7), then the
// channel is closed when the producer returns: three consumer tasks, one
// channel edge each, and the loop's result is the last token passed on.
// CHECK-LABEL: "workload": "recv_until_closed",
// CHECK-NEXT:  "nodes": [
// CHECK-NEXT:    {"id": 0, "kernel": "mark", "process": "producer", {{.*}} "root": "p", "offsets": [0, 0]{{.*}}},
// CHECK-NEXT:    {"id": 1, "kernel": "mark", "process": "producer", {{.*}} "root": "p", "offsets": [4, 0]{{.*}}},
// CHECK-NEXT:    {"id": 2, "kernel": "mark", "process": "producer", {{.*}} "root": "p", "offsets": [8, 0]{{.*}}},
// CHECK-NEXT:    {"id": 3, "kernel": "mark", "process": "consumer", {{.*}} "root": "y", "offsets": [20, 0]{{.*}}},
// CHECK-NEXT:    {"id": 4, "kernel": "mark", "process": "consumer", {{.*}} "root": "y", "offsets": [24, 0]{{.*}}},
// CHECK-NEXT:    {"id": 5, "kernel": "mark", "process": "consumer", {{.*}} "root": "y", "offsets": [28, 0]{{.*}}},
// CHECK-NEXT:    {"id": 6, "kernel": "mark", "process": "consumer", {{.*}} "root": "y", "offsets": [0, 0]{{.*}}}
// CHECK-NEXT:  ],
// CHECK-NEXT:  "edges": [
// CHECK-NEXT:    {"from": 0, "to": 3, "kind": "channel"},
// CHECK-NEXT:    {"from": 1, "to": 4, "kind": "channel"},
// CHECK-NEXT:    {"from": 2, "to": 5, "kind": "channel"}
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
func.func @consumer(%in: !wsp.channel<i64>, %y: memref<32x8xf32>)
    attributes {wsp.process, wsp.access = ["in", "out"]} {
  %c4 = arith.constant 4 : index
  %none = arith.constant 0 : i64
  %last = scf.while (%prev = %none) : (i64) -> i64 {
    %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
    scf.condition(%ok) %tok : i64
  } do {
  ^bb0(%t: i64):
    %ti = arith.index_cast %t : i64 to index
    %off = arith.muli %ti, %c4 : index
    %v = memref.subview %y[%off, 0] [4, 8] [1, 1] : memref<32x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
    scf.yield %t : i64
  }
  // The loop's result is what scf.condition passed on last: the closed
  // recv's token, 0. So this task writes tile 0.
  %li = arith.index_cast %last : i64 to index
  %off = arith.muli %li, %c4 : index
  %v = memref.subview %y[%off, 0] [4, 8] [1, 1] : memref<32x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  return
}
func.func @recv_until_closed(%p: memref<32x8xf32> {wsp.name = "p"}, %y: memref<32x8xf32> {wsp.name = "y"})
    attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "tokens", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %p0 = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %p1 = "wsp.out"(%p) : (memref<32x8xf32>) -> !wsp.arg
  "wsp.spawn"(%p0, %p1) {process = @producer} : (!wsp.arg, !wsp.arg) -> ()
  %q0 = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %q1 = "wsp.out"(%y) : (memref<32x8xf32>) -> !wsp.arg
  "wsp.spawn"(%q0, %q1) {process = @consumer} : (!wsp.arg, !wsp.arg) -> ()
  return
}

// -----

// A loop over statically known scalars, with two carried values swapped
// every iteration (the swap reads the old values): i = 0, 1, 2 and
// tiles 0, 3, 0 (a, b start as 0, 3).
// CHECK-LABEL: "workload": "static_scalars",
// CHECK-NEXT:  "nodes": [
// CHECK-NEXT:    {"id": 0, {{.*}} "offsets": [0, 0]{{.*}}},
// CHECK-NEXT:    {"id": 1, {{.*}} "offsets": [12, 0]{{.*}}},
// CHECK-NEXT:    {"id": 2, {{.*}} "offsets": [0, 0]{{.*}}}
// CHECK-NEXT:  ],
func.func private @mark(memref<4x8xf32, strided<[8, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}
func.func @static_scalars(%y: memref<32x8xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %r:3 = scf.while (%i = %c0, %a = %c0, %b = %c3) : (index, index, index) -> (index, index, index) {
    %go = arith.cmpi slt, %i, %c3 : index
    scf.condition(%go) %i, %a, %b : index, index, index
  } do {
  ^bb0(%j: index, %x: index, %z: index):
    %off = arith.muli %x, %c4 : index
    %v = memref.subview %y[%off, 0] [4, 8] [1, 1] : memref<32x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
    %n = arith.addi %j, %c1 : index
    scf.yield %n, %z, %x : index, index, index
  }
  return
}

// -----

// A condition that depends on a function argument stays not static: a
// located error naming where the unknown comes from.
func.func @unknown_condition(%b: i1) attributes {wsp.workload} {
  // expected-error @+1 {{'scf.while' op: wsp-print-task-graph needs loop conditions that fold to constants in every iteration; the condition depends on a function argument (#0); remedy: make the condition a function of constants, statically bounded induction variables and wsp.recv's ok (a loop that receives until the channel is closed)}}
  scf.while : () -> () {
    scf.condition(%b)
  } do {
    scf.yield
  }
  return
}

// -----

// Made unknown in the loop: the carried value is traced through the update.
func.func @unknown_update(%f: f32) attributes {wsp.workload} {
  %c0 = arith.constant 0 : i64
  %c4 = arith.constant 4 : i64
  // expected-error @+1 {{'scf.while' op: wsp-print-task-graph needs loop conditions that fold to constants in every iteration; the condition depends on a value carried by 'scf.while', updated to the result of 'arith.fptosi', which wsp-print-task-graph does not evaluate}}
  %r = scf.while (%i = %c0) : (i64) -> i64 {
    %go = arith.cmpi slt, %i, %c4 : i64
    scf.condition(%go) %i : i64
  } do {
  ^bb0(%j: i64):
    %n = arith.fptosi %f : f32 to i64
    scf.yield %n : i64
  }
  return
}

// -----

// A loop whose condition is always true and whose iterations start from
// the same values, with scalar work only, never ends: said at once, at the
// loop, instead of after the evaluation budget.
func.func @endless() attributes {wsp.workload} {
  %true = arith.constant true
  // expected-error @+1 {{'scf.while' op: wsp-print-task-graph: this loop never ends: iteration #1 starts with the same values as iteration #0, and no iteration since then submitted a task or completed a spawn, send, recv or close, so the loop repeats them forever; remedy: make the loop update a value its condition depends on}}
  scf.while : () -> () {
    scf.condition(%true)
  } do {
    scf.yield
  }
  return
}

// -----

// Values that come back after two iterations (a swap: (0, 3), (3, 0),
// (0, 3), ...) are a cycle too, caught when iteration #4 repeats #2.
func.func @endless_swap() attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c3 = arith.constant 3 : index
  // expected-error @+1 {{'scf.while' op: wsp-print-task-graph: this loop never ends: iteration #4 starts with the same values as iteration #2}}
  %r:2 = scf.while (%a = %c0, %b = %c3) : (index, index) -> (index, index) {
    %go = arith.cmpi ne, %a, %b : index
    scf.condition(%go) %a, %b : index, index
  } do {
  ^bb0(%x: index, %y: index):
    scf.yield %y, %x : index, index
  }
  return
}

// -----

// A counter that only grows never repeats a state: such a loop runs into the
// evaluation budget, located at the loop, as a very long scf.for would.
func.func @counting_forever() attributes {wsp.workload} {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %true = arith.constant true
  // expected-error @+1 {{'scf.while' op: wsp-print-task-graph stopped after 101600 evaluation steps (16 per allowed task, plus 1000 per allowed task up to 10^7); remedy: raise max-tasks or analyse a smaller problem size}}
  %r = scf.while (%i = %c0) : (i64) -> i64 {
    scf.condition(%true) %i : i64
  } do {
  ^bb0(%j: i64):
    %n = arith.addi %j, %c1 : i64
    scf.yield %n : i64
  }
  return
}

// -----

// Not a repetition: a task in every iteration (the same tile each time) is
// work, so the loop runs until max-tasks stops it.
func.func private @mark(memref<4x8xf32, strided<[8, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}
func.func @task_forever(%y: memref<32x8xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %true = arith.constant true
  %c0 = arith.constant 0 : index
  %v = memref.subview %y[%c0, 0] [4, 8] [1, 1] : memref<32x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
  scf.while : () -> () {
    scf.condition(%true)
  } do {
    %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    // expected-error @+1 {{'wsp.task' op: wsp-print-task-graph: the program submits more than 100 tasks (the max-tasks limit)}}
    %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
    scf.yield
  }
  return
}

// -----

// Not a repetition either: each recv brings a value in, here the same token
// three times, so the consumer's iterations start alike and the loop still
// ends when the channel is closed (three consumer tasks).
// CHECK-LABEL: "workload": "same_tokens",
// CHECK-NEXT:  "nodes": [
// CHECK-NEXT:    {"id": 0, "kernel": "mark", "process": "consumer", {{.*}} "offsets": [28, 0]{{.*}}},
// CHECK-NEXT:    {"id": 1, "kernel": "mark", "process": "consumer", {{.*}} "offsets": [28, 0]{{.*}}},
// CHECK-NEXT:    {"id": 2, "kernel": "mark", "process": "consumer", {{.*}} "offsets": [28, 0]{{.*}}}
// CHECK-NEXT:  ],
func.func private @mark(memref<4x8xf32, strided<[8, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}
func.func @producer(%out: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c7 = arith.constant 7 : i64
  scf.for %i = %c0 to %c3 step %c1 {
    "wsp.send"(%out, %c7) : (!wsp.channel<i64>, i64) -> ()
  }
  return
}
func.func @consumer(%in: !wsp.channel<i64>, %y: memref<32x8xf32>)
    attributes {wsp.process, wsp.access = ["in", "out"]} {
  %c4 = arith.constant 4 : index
  %none = arith.constant 7 : i64
  %last = scf.while (%prev = %none) : (i64) -> i64 {
    %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
    scf.condition(%ok) %tok : i64
  } do {
  ^bb0(%t: i64):
    %ti = arith.index_cast %t : i64 to index
    %off = arith.muli %ti, %c4 : index
    %v = memref.subview %y[%off, 0] [4, 8] [1, 1] : memref<32x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
    scf.yield %t : i64
  }
  return
}
func.func @same_tokens(%y: memref<32x8xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "tokens", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %p0 = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p0) {process = @producer} : (!wsp.arg) -> ()
  %q0 = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %q1 = "wsp.out"(%y) : (memref<32x8xf32>) -> !wsp.arg
  "wsp.spawn"(%q0, %q1) {process = @consumer} : (!wsp.arg, !wsp.arg) -> ()
  return
}

// -----

// A close is an effect too: the loop's second close is the program's error,
// not a repetition.
func.func @close_forever(%out: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  %true = arith.constant true
  scf.while : () -> () {
    scf.condition(%true)
  } do {
    // expected-error @+1 {{'wsp.close' op: channel 'tiles' is closed twice (first at}}
    "wsp.close"(%out) : (!wsp.channel<i64>) -> ()
    scf.yield
  }
  return
}
func.func @sink(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  return
}
func.func @closes() attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "tiles", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %p = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p) {process = @close_forever} : (!wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @sink} : (!wsp.arg) -> ()
  return
}

// -----

// Recv-until-closed loops are checked for deadlock like any other: two
// instances of @ping each receive first (the program of
// test/Emit/Inputs/csp_deadlock.mlir, there made dynamic by a host symbol).
func.func @ping(%out: !wsp.channel<i64>, %in: !wsp.channel<i64>)
    attributes {wsp.process, wsp.access = ["out", "in"]} {
  %t = scf.while : () -> i64 {
    // expected-note @+2 {{'ping' #0 is blocked here}}
    // expected-note @+1 {{'ping' #1 is blocked here}}
    %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
    scf.condition(%ok) %tok : i64
  } do {
  ^bb0(%v: i64):
    "wsp.send"(%out, %v) : (!wsp.channel<i64>, i64) -> ()
    scf.yield
  }
  return
}
// expected-error @+1 {{'func.func' op: deadlock: every process that has not returned is blocked: 'ping' #0 waits at wsp.recv}}
func.func @ping_pong() attributes {wsp.workload} {
  %a = "wsp.create_channel"() {name = "ping2pong", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %b = "wsp.create_channel"() {name = "pong2ping", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %p0 = "wsp.out"(%a) : (!wsp.channel<i64>) -> !wsp.arg
  %p1 = "wsp.in"(%b) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p0, %p1) {process = @ping} : (!wsp.arg, !wsp.arg) -> ()
  %q0 = "wsp.out"(%b) : (!wsp.channel<i64>) -> !wsp.arg
  %q1 = "wsp.in"(%a) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q0, %q1) {process = @ping} : (!wsp.arg, !wsp.arg) -> ()
  return
}
