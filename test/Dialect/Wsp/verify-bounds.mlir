// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-verify)' -o /dev/null
// Sound bounds (docs/verify.md, "Bounds"): every value that reaches a tile
// offset (V1), a loop's step or induction variable (L1, L2) or a slot-read
// index (R3) is bounded by wsp-verify's interval analysis over arith, index
// and scf. Proven: silent. Certainly wrong (exact ranges): an error. Not
// provable: a "cannot prove" warning with a note where the unbounded value
// comes from. Never silence on a value the analysis could not bound.

// Proven in bounds, through every kind of op the analysis evaluates: no
// diagnostic at all.
func.func @main(%x: memref<8x64xf32>, %flags: memref<4xi32>, %n: index, %c: i1) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c7 = arith.constant 7 : index
  %c8 = arith.constant 8 : index
  scf.for %t = %c0 to %c8 step %c1 {
    // select of two in-bounds values
    %s = arith.select %c, %t, %c0 : index
    %v0 = memref.subview %x[%s, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    // (t + 8) / 2 in [4, 7]
    %a = arith.addi %t, %c8 : index
    %d = arith.divui %a, %c2 : index
    %v1 = memref.subview %x[%d, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    // trunci to i8 and back: the values fit
    %i = arith.index_cast %t : index to i64
    %tr = arith.trunci %i : i64 to i8
    %e = arith.extsi %tr : i8 to i64
    %b = arith.index_cast %e : i64 to index
    %v2 = memref.subview %x[%b, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    // a run-time value, reduced or clamped
    %r = arith.remui %n, %c8 : index
    %v3 = memref.subview %x[%r, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    %m = arith.andi %n, %c7 : index
    %v4 = memref.subview %x[%m, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    %k = arith.minsi %n, %c7 : index
    %k2 = arith.maxsi %k, %c0 : index
    %v5 = memref.subview %x[%k2, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    // scf.if results in range; the index dialect
    %f = scf.if %c -> (index) {
      scf.yield %c3 : index
    } else {
      scf.yield %c7 : index
    }
    %v6 = memref.subview %x[%f, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    %h = index.shru %t, %c1
    %v7 = memref.subview %x[%h, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    // a guard on the offset itself
    %in = arith.cmpi slt, %n, %c8 : index
    %pos = arith.cmpi sge, %n, %c0 : index
    scf.if %in {
      scf.if %pos {
        %v8 = memref.subview %x[%n, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
      }
    }
    // slot reads inside the tensor
    %q = arith.divui %t, %c2 : index
    %rd = "wsp.slot_read"(%flags, %q) : (memref<4xi32>, index) -> i32
  }
  // a loop-carried offset that wraps around: the analysis finds [0, 7]
  %acc = scf.for %t = %c0 to %c8 step %c1 iter_args(%o = %c0) -> (index) {
    %v = memref.subview %x[%o, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    %nx = arith.addi %o, %c1 : index
    %w = arith.remui %nx, %c8 : index
    scf.yield %w : index
  }
  // a run-time upper bound with step 1 cannot overflow
  scf.for %t = %c0 to %n step %c1 {
  }
  return
}

// -----

// Certainly wrong: errors.
func.func @main(%x: memref<8x64xf32>, %flags: memref<4xi32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  // expected-note@+1 {{the offset depends on the induction variable of this loop, which runs from 0 to 7}}
  scf.for %t = %c0 to %c8 step %c1 {
    // t + 8 divided by 1: exactly [8, 15]
    %a = arith.addi %t, %c8 : index
    %d = arith.divui %a, %c1 : index
    // expected-error@+1 {{'memref.subview' op: the tile leaves its tensor in dimension 0: offset up to 15 + size 1 = 16 exceeds the extent 8 of 'memref<8x64xf32>'}}
    %v = memref.subview %x[%d, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    // expected-error@+1 {{'wsp.slot_read' op: index 7 in dimension 0 is outside 'memref<4xi32>' (extent 4); the read would access memory outside the tensor: use an index in [0, 4)}}
    %rd = "wsp.slot_read"(%flags, %t) : (memref<4xi32>, index) -> i32
  }
  // expected-error@+1 {{'wsp.slot_read' op: index 4 in dimension 0 is outside 'memref<4xi32>' (extent 4)}}
  %r4 = "wsp.slot_read"(%flags, %c4) : (memref<4xi32>, index) -> i32
  %m1 = arith.constant -1 : index
  // expected-error@+1 {{'wsp.slot_read' op: index -1 in dimension 0 is outside 'memref<4xi32>' (extent 4)}}
  %rm = "wsp.slot_read"(%flags, %m1) : (memref<4xi32>, index) -> i32
  // expected-error@+1 {{'scf.for' op: the step is 0; a loop's step must be positive (with 0 the loop never ends, with a negative step it runs until its induction variable wraps around): use a step of at least 1}}
  scf.for %t = %c0 to %c8 step %c0 {
  }
  // expected-error@+1 {{'scf.for' op: the step is -1}}
  scf.for %t = %c0 to %c8 step %m1 {
  }
  %lb = arith.constant 100 : i8
  %ub = arith.constant 127 : i8
  %st = arith.constant 20 : i8
  // expected-error@+1 {{'scf.for' op: the induction variable overflows its type 'i8': its last value 120 plus the step 20 is past the largest 'i8', 127 (the loop would wrap around instead of ending): lower the upper bound or the step, or use a wider type}}
  scf.for %t = %lb to %ub step %st : i8 {
  }
  %max = arith.constant 9223372036854775807 : index
  %c2 = arith.constant 2 : index
  // expected-error@+1 {{'scf.for' op: the induction variable overflows its type 'index': its last value 9223372036854775806 plus the step 2 is past the largest 'index', 9223372036854775807}}
  scf.for %t = %c0 to %max step %c2 {
  }
  return
}

// -----

// Not provable: warnings, each with a note at what could not be bounded.
// expected-note@+4 {{the analysis cannot bound a function argument (known only at run time) here}}
// expected-note@+3 {{the analysis cannot bound a function argument (known only at run time) here}}
// expected-note@+2 {{the analysis cannot bound a function argument (known only at run time) here}}
// expected-note@+1 {{the analysis cannot bound a function argument (known only at run time) here}}
func.func @main(%x: memref<8x64xf32>, %flags: memref<4xi32>, %n: index, %c: i1, %s: index) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c8 = arith.constant 8 : index
  %big = arith.constant 4611686018427387904 : index
  scf.for %t = %c0 to %c8 step %c1 {
    // wrapping multiplication
    %w = arith.muli %t, %big : index
    // expected-note@-1 {{the analysis cannot bound arithmetic that may wrap around its type here}}
    // expected-warning@+1 {{'memref.subview' op: cannot prove the tile in bounds in dimension 0 of 'memref<8x64xf32>': the offset ranges over [-9223372036854775808, 9223372036854775807] (it depends on arithmetic that may wrap around its type), which includes negative values}}
    %v1 = memref.subview %x[%w, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    // select and scf.if that may give 8
    %sel = arith.select %c, %t, %c8 : index
    // expected-warning@+1 {{'memref.subview' op: cannot prove the tile in bounds in dimension 0 of 'memref<8x64xf32>': its last index may reach 8 (offset in [0, 8]), at or past the extent 8}}
    %v2 = memref.subview %x[%sel, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    %f = scf.if %c -> (index) {
      scf.yield %c3 : index
    } else {
      scf.yield %c8 : index
    }
    // expected-warning@+1 {{its last index may reach 8 (offset in [3, 8]), at or past the extent 8}}
    %v3 = memref.subview %x[%f, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    // a run-time value clamped above only
    %k = arith.minsi %n, %c3 : index
    // expected-warning@+1 {{the offset ranges over [-9223372036854775808, 3] (it depends on a function argument (known only at run time)), which includes negative values}}
    %v4 = memref.subview %x[%k, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    // expected-warning@+1 {{'wsp.slot_read' op: cannot prove the index in dimension 0 inside 'memref<4xi32>' (extent 4): it ranges over [-9223372036854775808, 9223372036854775807] (it depends on a function argument (known only at run time)); an index outside the tensor reads memory outside it: bound it (clamp it with arith.minsi/arith.maxsi, or guard the read with scf.if)}}
    %rd = "wsp.slot_read"(%flags, %n) : (memref<4xi32>, index) -> i32
  }
  // a loop-carried offset that grows
  // expected-note@+1 {{the analysis cannot bound a loop-carried value (scf.for iter_args) not bounded by its initial value here}}
  %acc = scf.for %t = %c0 to %c8 step %c1 iter_args(%o = %c0) -> (index) {
    // expected-warning@+1 {{cannot prove the tile in bounds in dimension 0 of 'memref<8x64xf32>'}}
    %v = memref.subview %x[%o, 0] [1, 64] [1, 1] : memref<8x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    %nx = arith.addi %o, %c1 : index
    scf.yield %nx : index
  }
  // expected-warning@+1 {{'scf.for' op: cannot prove the step positive: it ranges over [-9223372036854775808, 9223372036854775807] (it depends on a function argument (known only at run time)) (with 0 the loop never ends, with a negative step it runs until its induction variable wraps around): bound it (e.g. arith.maxsi with 1)}}
  scf.for %t = %c0 to %c8 step %s {
  }
  // expected-warning@+1 {{'scf.for' op: cannot prove that the induction variable does not overflow its type 'index': the upper bound ranges over [-9223372036854775808, 9223372036854775807] (it depends on a function argument (known only at run time)) and the step up to 8, and the last value plus the step may pass 9223372036854775807 (the loop would wrap around instead of ending): clamp the upper bound (e.g. arith.minsi) or use a wider type}}
  scf.for %t = %c0 to %n step %c8 {
  }
  return
}

// -----

// The largest offset: its end (offset + size) is computed without overflow
// (found by the IR-level fuzzer).
func.func private @k(%t: memref<1x8xf32, strided<[8, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @main(%y: memref<8x8xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %i = arith.constant 9223372036854775807 : index
  // expected-error@+1 {{'memref.subview' op: the tile leaves its tensor in dimension 0: offset 9223372036854775807 + size 1 = 9223372036854775808 exceeds the extent 8 of 'memref<8x8xf32>'}}
  %v = memref.subview %y[%i, 0] [1, 8] [1, 1] : memref<8x8xf32> to memref<1x8xf32, strided<[8, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<1x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}
