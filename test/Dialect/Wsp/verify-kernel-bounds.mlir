// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-verify)' -o /dev/null
// Rule K4 (docs/verify.md): in a kernel body, every memref.load and
// memref.store index lies inside the memref it accesses (the kernel's tile, or
// a memref.alloca), by the interval analysis of "Bounds": certainly outside is
// an error, unprovable a "cannot prove" warning, proven inside silent. (MLIR
// checks none of these: the generated C++ read and wrote past the tile.)

func.func @k(%x: memref<16x64xf32, strided<[64, 1], offset: ?>>, %y: memref<16xf32>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"]} {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %cm1 = arith.constant -1 : index
  %c64 = arith.constant 64 : index
  // expected-error@+1 {{'memref.load' op: index 64 in dimension 1 is outside the tile of parameter #0 of kernel @k, 'memref<16x64xf32, strided<[64, 1], offset: ?>>' (extent 64); the kernel would read memory outside it: use an index in [0, 64)}}
  %a = memref.load %x[%c0, %c64] : memref<16x64xf32, strided<[64, 1], offset: ?>>
  // expected-error@+1 {{'memref.store' op: index 16 in dimension 0 is outside the tile of parameter #1 of kernel @k, 'memref<16xf32>' (extent 16); the kernel would write memory outside it: use an index in [0, 16)}}
  memref.store %a, %y[%c16] : memref<16xf32>
  // expected-error@+1 {{'memref.store' op: index -1 in dimension 0 is outside the tile of parameter #1 of kernel @k}}
  memref.store %a, %y[%cm1] : memref<16xf32>
  return
}
func.func @main() attributes {wsp.workload} { return }

// -----

// Indices from loops and arithmetic: the loop runs one row too far; i + 1
// leaves the tile at the last iteration; a scratch buffer is checked too.
func.func @k(%x: memref<16xf32>, %y: memref<16xf32>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %c17 = arith.constant 17 : index
  %buf = memref.alloca() : memref<8xf32>
  // expected-note@+1 {{the index depends on the induction variable of this loop, which runs from 0 to 16}}
  scf.for %i = %c0 to %c17 step %c1 {
    // expected-error@+1 {{'memref.load' op: index 16 in dimension 0 is outside the tile of parameter #0 of kernel @k, 'memref<16xf32>' (extent 16); the kernel would read memory outside it: use an index in [0, 16) (bound the loop or the index expression)}}
    %v = memref.load %x[%i] : memref<16xf32>
    memref.store %v, %y[%c0] : memref<16xf32>
  }
  // expected-note@+1 {{which runs from 0 to 15}}
  scf.for %i = %c0 to %c16 step %c1 {
    %n = arith.addi %i, %c1 : index
    // expected-error@+1 {{'memref.load' op: index 16 in dimension 0 is outside the tile of parameter #0}}
    %v = memref.load %x[%n] : memref<16xf32>
    memref.store %v, %y[%i] : memref<16xf32>
  }
  // expected-note@+1 {{which runs from 0 to 15}}
  scf.for %i = %c0 to %c16 step %c1 {
    %v = memref.load %x[%i] : memref<16xf32>
    // expected-error@+1 {{'memref.store' op: index 15 in dimension 0 is outside the result of memref.alloca of kernel @k, 'memref<8xf32>' (extent 8); the kernel would write memory outside it: use an index in [0, 8)}}
    memref.store %v, %buf[%i] : memref<8xf32>
  }
  return
}
func.func @main() attributes {wsp.workload} { return }

// -----

// Unprovable: an index from a scalar parameter is a warning with a note at
// what could not be bounded; a negative constant into a dynamic extent is
// still an error.
// expected-note@+1 {{the analysis cannot bound a function argument (known only at run time) here}}
func.func @k(%x: memref<16xf32>, %z: memref<?xf32>, %y: memref<16xf32>, %n: index)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "in", "out", "scalar"]} {
  %cm2 = arith.constant -2 : index
  // expected-warning@+1 {{'memref.load' op: cannot prove the index in dimension 0 inside the tile of parameter #0 of kernel @k, 'memref<16xf32>' (extent 16): it ranges over [-9223372036854775808, 9223372036854775807] (it depends on a function argument (known only at run time)); an index outside the tile makes the kernel read memory outside it: bound it (clamp it with arith.minsi/arith.maxsi, or guard the access with scf.if)}}
  %v = memref.load %x[%n] : memref<16xf32>
  // expected-error@+1 {{'memref.load' op: index -2 in dimension 0 is outside the tile of parameter #1 of kernel @k, 'memref<?xf32>' (extent dynamic); the kernel would read memory outside it: use an index of at least 0}}
  %w = memref.load %z[%cm2] : memref<?xf32>
  %s = arith.addf %v, %w : f32
  %c0 = arith.constant 0 : index
  memref.store %s, %y[%c0] : memref<16xf32>
  return
}
func.func @main() attributes {wsp.workload} { return }

// -----

// Proven inside: silent. A clamped index, one guarded by the one-compare
// bounds check (unsigned: negative values are huge), a loop that never
// runs, and every index of a dynamic extent that is not negative.
func.func @k(%x: memref<16xf32>, %z: memref<?xf32>, %y: memref<16xf32>, %n: index)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "in", "out", "scalar"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c15 = arith.constant 15 : index
  %c16 = arith.constant 16 : index
  %c99 = arith.constant 99 : index
  %lo = arith.maxsi %n, %c0 : index
  %clamped = arith.minsi %lo, %c15 : index
  %a = memref.load %x[%clamped] : memref<16xf32>
  memref.store %a, %y[%clamped] : memref<16xf32>
  %ok = arith.cmpi ult, %n, %c16 : index
  scf.if %ok {
    %b = memref.load %x[%n] : memref<16xf32>
    memref.store %b, %y[%n] : memref<16xf32>
  }
  scf.for %i = %c16 to %c0 step %c1 {
    %j = arith.addi %i, %c99 : index
    %b = memref.load %x[%j] : memref<16xf32>
    memref.store %b, %y[%i] : memref<16xf32>
  }
  %d = memref.load %z[%c99] : memref<?xf32>
  memref.store %d, %y[%c0] : memref<16xf32>
  return
}
func.func @main() attributes {wsp.workload} { return }
