// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-print-task-graph)' -o /dev/null

// What wsp-print-task-graph cannot evaluate statically is an error located at
// the op that needs the value, naming where the unknown comes from; ordering
// the graph does not model yet (slot reads) is a warning. Errors of CSP
// programs (deadlocks, misused channels) are in csp-errors.mlir.

func.func private @k(memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @bound_from_argument(%x: memref<64x64xf32>, %n: index) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // expected-error @+1 {{'scf.for' op: wsp-print-task-graph needs static loop bounds; the upper bound depends on a function argument (#1); remedy: compute loop bounds from constants}}
  scf.for %t = %c0 to %n step %c1 {
    %v = memref.subview %x[%t, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  }
  return
}

// -----

// Through arith: the bound is 2 * seq_len, a host symbol.
func.func @bound_from_symbol() attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %n = "wsp.symbol"() {name = "seq_len"} : () -> i64
  %ni = arith.index_cast %n : i64 to index
  %ub = arith.muli %ni, %c2 : index
  // expected-error @+1 {{needs static loop bounds; the upper bound depends on the host symbol 'seq_len' (wsp.symbol), bound only at run time}}
  scf.for %t = %c0 to %ub step %c1 {
  }
  return
}

// -----

// A named argument is named in the message; the lower bound is checked too.
func.func @lower_bound(%lo: index {wsp.name = "start"}) attributes {wsp.workload} {
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  // expected-error @+1 {{the lower bound depends on a function argument (#0, 'start')}}
  scf.for %t = %lo to %c4 step %c1 {
  }
  return
}

// -----

func.func @zero_step() attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  // expected-error @+1 {{'scf.for' op: wsp-print-task-graph: the step is 0; it must be positive}}
  scf.for %t = %c0 to %c4 step %c0 {
  }
  return
}

// -----

// scf.while is run (test/Analysis/scf-while.mlir); other region ops are not.
func.func @region_op() attributes {wsp.workload} {
  // expected-error @+1 {{'scf.execute_region' op: wsp-print-task-graph cannot evaluate this op; it runs only scf.for with static bounds, and scf.while and scf.if with static conditions}}
  scf.execute_region {
    scf.yield
  }
  return
}

// -----

func.func private @k(memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @dynamic_offset(%x: memref<64x64xf32>, %f: f32) attributes {wsp.workload} {
  %i = arith.fptosi %f : f32 to i64
  %off = arith.index_cast %i : i64 to index
  // expected-error @+1 {{'memref.subview' op: wsp-print-task-graph needs static view offsets, sizes and strides; offset #0 depends on the result of 'arith.fptosi', which wsp-print-task-graph does not evaluate}}
  %v = memref.subview %x[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// A loop-carried value that starts from an argument.
func.func private @k(memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @carried(%x: memref<64x64xf32>, %start: index) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c16 = arith.constant 16 : index
  %r = scf.for %t = %c0 to %c2 step %c1 iter_args(%off = %start) -> (index) {
    // expected-error @+1 {{offset #0 depends on a value carried by 'scf.for', initially a function argument (#1)}}
    %v = memref.subview %x[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
    %next = arith.addi %off, %c16 : index
    scf.yield %next : index
  }
  return
}

// -----

// A condition from a slot read: the read itself is only a warning (its
// ordering is not modelled yet); branching on it is an error.
func.func private @k(memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @slot_condition(%flags: memref<4xi1>, %x: memref<64x64xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  // expected-warning @+1 {{'wsp.slot_read' op: wsp-print-task-graph does not include slot edges yet; the graph lacks the ordering that slot reads imply}}
  %done = "wsp.slot_read"(%flags, %c0) : (memref<4xi1>, index) -> i1
  // expected-error @+1 {{'scf.if' op: wsp-print-task-graph needs conditions that fold to constants; the condition depends on a slot read (wsp.slot_read), known only at run time}}
  scf.if %done {
    %v = memref.subview %x[0, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1]>>
    %c = memref.cast %v : memref<16x64xf32, strided<[64, 1]>> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %a = "wsp.out"(%c) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  }
  return
}

// -----

// Channels and processes are part of the graph now (docs/csp.md): no
// warning, and a program whose processes finish is analysed without a word.
func.func @producer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  "wsp.close"(%c) : (!wsp.channel<i64>) -> ()
  return
}
func.func @consumer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %ok, %tok = "wsp.recv"(%c) : (!wsp.channel<i64>) -> (i1, i64)
  return
}
func.func @channels() attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "tiles", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %p = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p) {process = @producer} : (!wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  return
}

// -----

func.func private @helper()
func.func @calls() attributes {wsp.workload} {
  // expected-error @+1 {{'func.call' op: wsp-print-task-graph does not follow calls (the callee could submit tasks); remedy: inline the callee first}}
  func.call @helper() : () -> ()
  return
}

// -----

// Views are followed through memref.subview and memref.cast only.
func.func private @k(memref<16x64xf32>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @other_view(%x: memref<1024xf32>) attributes {wsp.workload} {
  // expected-error @+1 {{'memref.expand_shape' op: wsp-print-task-graph follows tensor views only through memref.subview and memref.cast}}
  %v = memref.expand_shape %x [[0, 1]] output_shape [16, 64] : memref<1024xf32> into memref<16x64xf32>
  %a = "wsp.out"(%v) : (memref<16x64xf32>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// expected-error @+1 {{wsp-print-task-graph: no function has 'wsp.workload'; remedy: mark the entry function with it}}
module {
  func.func @not_a_workload() {
    return
  }
}

// -----

func.func @first() attributes {wsp.workload} {
  return
}
// expected-error @+1 {{'func.func' op: wsp-print-task-graph: several functions have 'wsp.workload'; remedy: choose one with the option workload=<name>}}
func.func @second() attributes {wsp.workload} {
  return
}

// -----

// The task limit (max-tasks, default 100000) is checked as tasks are
// submitted: the 100001st is an error.
func.func private @w(memref<1x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @too_many(%x: memref<100001x64xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 100001 : index
  scf.for %t = %c0 to %n step %c1 {
    %v = memref.subview %x[%t, 0] [1, 64] [1, 1] : memref<100001x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    // expected-error @+1 {{'wsp.task' op: wsp-print-task-graph: the program submits more than 100000 tasks (the max-tasks limit); remedy: raise max-tasks or analyse a smaller problem size}}
    %h = "wsp.task"(%a) {kernel = @w} : (!wsp.arg) -> !wsp.handle
  }
  return
}

// -----

// A loop-carried value that becomes unknown in the body.
func.func private @k(memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @carried_update(%x: memref<64x64xf32>, %step: index) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %r = scf.for %t = %c0 to %c2 step %c1 iter_args(%off = %c0) -> (index) {
    // expected-error @+1 {{offset #0 depends on a value carried by 'scf.for', updated to a function argument (#1)}}
    %v = memref.subview %x[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
    %next = arith.addi %off, %step : index
    scf.yield %next : index
  }
  return
}
