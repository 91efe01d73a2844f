// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-verify)' -o /dev/null
// Bounds across processes, channels and scf.while (docs/verify.md,
// "Bounds"): a process argument ranges over what every wsp.spawn of it
// passes, a received token over every token sent on its channel (and 0, the
// token of a closed channel), an scf.while region argument is carried like
// an scf.for iter_arg and narrowed by the loop's condition.

// Proven in bounds: a process spawned per tile with its index, a process
// looping to a count its spawn passes, a token sent per tile and received
// by another process (in an scf.for and in an scf.while). No diagnostic.
func.func private @mark(%t: memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}
func.func @one(%y: memref<8x8xf32>, %i: index) attributes {wsp.process, wsp.access = ["out", "scalar"]} {
  %v = memref.subview %y[%i, 0] [1, 8] [1, 1] : memref<8x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  return
}
func.func @sender(%out: !wsp.channel<i64>, %out2: !wsp.channel<i64>, %n: index) attributes {wsp.process, wsp.access = ["out", "out", "scalar"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %t = %c0 to %n step %c1 {
    %tok = arith.index_cast %t : index to i64
    "wsp.send"(%out, %tok) : (!wsp.channel<i64>, i64) -> ()
    "wsp.send"(%out2, %tok) : (!wsp.channel<i64>, i64) -> ()
  }
  return
}
func.func @receiver(%in: !wsp.channel<i64>, %y: memref<8x8xf32>, %n: index) attributes {wsp.process, wsp.access = ["in", "out", "scalar"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %k = %c0 to %n step %c1 {
    %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
    %t = arith.index_cast %tok : i64 to index
    %v = memref.subview %y[%t, 0] [1, 8] [1, 1] : memref<8x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  }
  return
}
func.func @drain(%in: !wsp.channel<i64>, %y: memref<8x8xf32>) attributes {wsp.process, wsp.access = ["in", "out"]} {
  %last = scf.while : () -> i64 {
    %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
    scf.condition(%ok) %tok : i64
  } do {
  ^bb0(%t64: i64):
    %t = arith.index_cast %t64 : i64 to index
    %v = memref.subview %y[%t, 0] [1, 8] [1, 1] : memref<8x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
    scf.yield
  }
  return
}
func.func @main(%y: memref<8x8xf32> {wsp.name = "y"}, %z: memref<8x8xf32> {wsp.name = "z"},
                %w: memref<8x8xf32> {wsp.name = "w"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %ya = "wsp.out"(%y) : (memref<8x8xf32>) -> !wsp.arg
  scf.for %i = %c0 to %c8 step %c1 {
    %s = "wsp.scalar"(%i) : (index) -> !wsp.arg
    "wsp.spawn"(%ya, %s) {process = @one} : (!wsp.arg, !wsp.arg) -> ()
  }
  %c = "wsp.create_channel"() {name = "c", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %d = "wsp.create_channel"() {name = "d", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %o = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %o2 = "wsp.out"(%d) : (!wsp.channel<i64>) -> !wsp.arg
  %n = "wsp.scalar"(%c8) : (index) -> !wsp.arg
  "wsp.spawn"(%o, %o2, %n) {process = @sender} : (!wsp.arg, !wsp.arg, !wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %za = "wsp.out"(%z) : (memref<8x8xf32>) -> !wsp.arg
  "wsp.spawn"(%q, %za, %n) {process = @receiver} : (!wsp.arg, !wsp.arg, !wsp.arg) -> ()
  %q2 = "wsp.in"(%d) : (!wsp.channel<i64>) -> !wsp.arg
  %wa = "wsp.out"(%w) : (memref<8x8xf32>) -> !wsp.arg
  "wsp.spawn"(%q2, %wa) {process = @drain} : (!wsp.arg, !wsp.arg) -> ()
  return
}

// -----

// A process argument out of bounds: every spawn passes it, so the offsets
// are certainly taken (an error). From a loop of the spawner, the note
// names that loop.
func.func private @mark(%t: memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}
func.func @one(%y: memref<8x8xf32>, %i: index) attributes {wsp.process, wsp.access = ["out", "scalar"]} {
  // expected-error@+1 {{'memref.subview' op: the tile leaves its tensor in dimension 0: offset up to 8 + size 1 = 9 exceeds the extent 8 of 'memref<8x8xf32>'}}
  %v = memref.subview %y[%i, 0] [1, 8] [1, 1] : memref<8x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  return
}
func.func @last(%y: memref<8x8xf32>, %i: index) attributes {wsp.process, wsp.access = ["out", "scalar"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %k = %c0 to %c1 step %c1 {
    // expected-error@+1 {{'memref.subview' op: the tile leaves its tensor in dimension 0: offset 8 + size 1 = 9 exceeds the extent 8 of 'memref<8x8xf32>'}}
    %v = memref.subview %y[%i, 0] [1, 8] [1, 1] : memref<8x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  }
  return
}
func.func @main(%y: memref<8x8xf32> {wsp.name = "y"}, %z: memref<8x8xf32> {wsp.name = "z"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c9 = arith.constant 9 : index
  %ya = "wsp.out"(%y) : (memref<8x8xf32>) -> !wsp.arg
  // expected-note@+1 {{the offset depends on the induction variable of this loop, which runs from 0 to 8}}
  scf.for %i = %c0 to %c9 step %c1 {
    %s = "wsp.scalar"(%i) : (index) -> !wsp.arg
    "wsp.spawn"(%ya, %s) {process = @one} : (!wsp.arg, !wsp.arg) -> ()
  }
  %za = "wsp.out"(%z) : (memref<8x8xf32>) -> !wsp.arg
  %s8 = "wsp.scalar"(%c8) : (index) -> !wsp.arg
  "wsp.spawn"(%za, %s8) {process = @last} : (!wsp.arg, !wsp.arg) -> ()
  "wsp.spawn"(%za, %s8) {process = @last} : (!wsp.arg, !wsp.arg) -> ()
  return
}

// -----

// Two spawns passing different values: the argument's range is their hull,
// an over-approximation (a warning, not an error), and a received token
// that may reach past the tensor is never silent.
func.func private @mark(%t: memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}
func.func @one(%y: memref<8x8xf32>, %i: index) attributes {wsp.process, wsp.access = ["out", "scalar"]} {
  // expected-warning@+1 {{'memref.subview' op: cannot prove the tile in bounds in dimension 0 of 'memref<8x8xf32>': its last index may reach 8 (offset in [2, 8]), at or past the extent 8}}
  %v = memref.subview %y[%i, 0] [1, 8] [1, 1] : memref<8x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  return
}
func.func @sender(%out: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  %c1 = arith.constant 1 : i64
  %c8 = arith.constant 8 : i64
  "wsp.send"(%out, %c1) : (!wsp.channel<i64>, i64) -> ()
  "wsp.send"(%out, %c8) : (!wsp.channel<i64>, i64) -> ()
  return
}
func.func @receiver(%in: !wsp.channel<i64>, %y: memref<8x8xf32>) attributes {wsp.process, wsp.access = ["in", "out"]} {
  %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  %t = arith.index_cast %tok : i64 to index
  // expected-warning@+1 {{'memref.subview' op: cannot prove the tile in bounds in dimension 0 of 'memref<8x8xf32>': its last index may reach 8 (offset in [0, 8]), at or past the extent 8}}
  %v = memref.subview %y[%t, 0] [1, 8] [1, 1] : memref<8x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  return
}
func.func @main(%y: memref<8x8xf32> {wsp.name = "y"}, %z: memref<8x8xf32> {wsp.name = "z"}) attributes {wsp.workload} {
  %c2 = arith.constant 2 : index
  %c8 = arith.constant 8 : index
  %ya = "wsp.out"(%y) : (memref<8x8xf32>) -> !wsp.arg
  %s2 = "wsp.scalar"(%c2) : (index) -> !wsp.arg
  %s8 = "wsp.scalar"(%c8) : (index) -> !wsp.arg
  "wsp.spawn"(%ya, %s2) {process = @one} : (!wsp.arg, !wsp.arg) -> ()
  "wsp.spawn"(%ya, %s8) {process = @one} : (!wsp.arg, !wsp.arg) -> ()
  %c = "wsp.create_channel"() {name = "c", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %o = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%o) {process = @sender} : (!wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %za = "wsp.out"(%z) : (memref<8x8xf32>) -> !wsp.arg
  "wsp.spawn"(%q, %za) {process = @receiver} : (!wsp.arg, !wsp.arg) -> ()
  return
}

// -----

// scf.while: a counter carried from 0 while it is below 8 is in [0, 7] in
// the body and 8 after the loop; a workload argument received nowhere is
// still not bounded.
func.func private @mark(%t: memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}
func.func @main(%y: memref<8x8xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %r = scf.while (%i = %c0) : (index) -> index {
    %go = arith.cmpi slt, %i, %c8 : index
    scf.condition(%go) %i : index
  } do {
  ^bb0(%j: index):
    %v = memref.subview %y[%j, 0] [1, 8] [1, 1] : memref<8x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
    %n = arith.addi %j, %c1 : index
    scf.yield %n : index
  }
  %last = arith.subi %r, %c1 : index
  %v2 = memref.subview %y[%last, 0] [1, 8] [1, 1] : memref<8x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
  %a2 = "wsp.out"(%v2) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h2 = "wsp.task"(%a2) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  // expected-warning@+1 {{'memref.subview' op: cannot prove the tile in bounds in dimension 0 of 'memref<8x8xf32>': its last index may reach 8 (offset in [8, 8]), at or past the extent 8}}
  %v3 = memref.subview %y[%r, 0] [1, 8] [1, 1] : memref<8x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
  %a3 = "wsp.out"(%v3) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h3 = "wsp.task"(%a3) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// A channel handed on by a process to the sender it spawns is traced to its
// wsp.create_channel; the tokens of another channel do not count (here
// out of range, but sent on %other).
func.func private @mark(%t: memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}
func.func @sender(%out: !wsp.channel<i64>, %other: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out", "out"]} {
  %c7 = arith.constant 7 : i64
  %c99 = arith.constant 99 : i64
  "wsp.send"(%out, %c7) : (!wsp.channel<i64>, i64) -> ()
  "wsp.send"(%other, %c99) : (!wsp.channel<i64>, i64) -> ()
  return
}
func.func @mid(%out: !wsp.channel<i64>, %other: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out", "out"]} {
  %o = "wsp.out"(%out) : (!wsp.channel<i64>) -> !wsp.arg
  %p = "wsp.out"(%other) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%o, %p) {process = @sender} : (!wsp.arg, !wsp.arg) -> ()
  return
}
func.func @receiver(%in: !wsp.channel<i64>, %junk: !wsp.channel<i64>, %y: memref<8x8xf32>) attributes {wsp.process, wsp.access = ["in", "in", "out"]} {
  %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  %ok2, %tok2 = "wsp.recv"(%junk) : (!wsp.channel<i64>) -> (i1, i64)
  %t = arith.index_cast %tok : i64 to index
  %v = memref.subview %y[%t, 0] [1, 8] [1, 1] : memref<8x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  return
}
func.func @main(%y: memref<8x8xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "c", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %d = "wsp.create_channel"() {name = "d", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %o = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %p = "wsp.out"(%d) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%o, %p) {process = @mid} : (!wsp.arg, !wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %r = "wsp.in"(%d) : (!wsp.channel<i64>) -> !wsp.arg
  %ya = "wsp.out"(%y) : (memref<8x8xf32>) -> !wsp.arg
  "wsp.spawn"(%q, %r, %ya) {process = @receiver} : (!wsp.arg, !wsp.arg, !wsp.arg) -> ()
  return
}

// -----

// Never silent: a token computed from a workload argument, and a process
// that spawns itself with a growing argument (the evaluation stops at its
// budget) are "cannot prove" warnings.
func.func private @mark(%t: memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}
func.func @sender(%out: !wsp.channel<i64>, %n: i64) attributes {wsp.process, wsp.access = ["out", "scalar"]} {
  "wsp.send"(%out, %n) : (!wsp.channel<i64>, i64) -> ()
  return
}
func.func @receiver(%in: !wsp.channel<i64>, %y: memref<8x8xf32>) attributes {wsp.process, wsp.access = ["in", "out"]} {
  %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  %t = arith.index_cast %tok : i64 to index
  // expected-warning@+1 {{cannot prove the tile in bounds in dimension 0 of 'memref<8x8xf32>': the offset ranges over [-9223372036854775808, 9223372036854775807] (it depends on a function argument (known only at run time)), which includes negative values}}
  %v = memref.subview %y[%t, 0] [1, 8] [1, 1] : memref<8x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  return
}
func.func @grow(%y: memref<8x8xf32>, %i: index) attributes {wsp.process, wsp.access = ["out", "scalar"]} {
  %c1 = arith.constant 1 : index
  // expected-warning@+1 {{cannot prove the tile in bounds in dimension 0 of 'memref<8x8xf32>': the offset ranges over [-9223372036854775808, 9223372036854775807] (it depends on an expression too deep or too large to evaluate), which includes negative values}}
  %v = memref.subview %y[%i, 0] [1, 8] [1, 1] : memref<8x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  %n = arith.addi %i, %c1 : index
  %ya = "wsp.out"(%y) : (memref<8x8xf32>) -> !wsp.arg
  %s = "wsp.scalar"(%n) : (index) -> !wsp.arg
  // Rule P2 rejects the cycle itself (verify-spawn-cycles.mlir); the bounds
  // analysis still ends in its budget on it.
  // expected-error@+1 {{'wsp.spawn' op: process @grow spawns itself (@grow -> @grow)}}
  "wsp.spawn"(%ya, %s) {process = @grow} : (!wsp.arg, !wsp.arg) -> ()
  return
}
// expected-note@+1 {{the analysis cannot bound a function argument (known only at run time) here}}
func.func @main(%y: memref<8x8xf32> {wsp.name = "y"}, %z: memref<8x8xf32> {wsp.name = "z"}, %n: i64) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c = "wsp.create_channel"() {name = "c", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %o = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %s = "wsp.scalar"(%n) : (i64) -> !wsp.arg
  "wsp.spawn"(%o, %s) {process = @sender} : (!wsp.arg, !wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %ya = "wsp.out"(%y) : (memref<8x8xf32>) -> !wsp.arg
  "wsp.spawn"(%q, %ya) {process = @receiver} : (!wsp.arg, !wsp.arg) -> ()
  %za = "wsp.out"(%z) : (memref<8x8xf32>) -> !wsp.arg
  %s0 = "wsp.scalar"(%c0) : (index) -> !wsp.arg
  "wsp.spawn"(%za, %s0) {process = @grow} : (!wsp.arg, !wsp.arg) -> ()
  return
}
