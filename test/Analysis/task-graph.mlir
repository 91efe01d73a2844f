// RUN: wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-print-task-graph)' -o /dev/null | FileCheck %s
// RUN: wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-print-task-graph{format=dot})' -o /dev/null | FileCheck %s --check-prefix=DOT
// RUN: wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-print-task-graph)' | FileCheck %s --check-prefix=IR

// wsp-print-task-graph: the task instances a statically bounded workload
// submits and the exact dependency edges between them (docs/dependencies.md).
// The graph goes to stdout, the (unchanged) IR to -o. Each case asserts the
// whole edge list: CHECK-NEXT from "edges" to the closing bracket.

// The pass leaves the IR alone.
// IR-LABEL: func.func @independent
// IR: "wsp.task"

// Independent tiles: four tasks on disjoint tiles of x and y, no edges.
// CHECK-LABEL: "workload": "independent",
// CHECK-NEXT:  "nodes": [
// CHECK-NEXT:    {"id": 0, "kernel": "scale", "process": "independent", "loc": "{{.*}}task-graph.mlir:{{[0-9]+}}:{{[0-9]+}}", "args": [{"mode": "in", "root": "x", "offsets": [0, 0], "sizes": [16, 64]}, {"mode": "out", "root": "y", "offsets": [0, 0], "sizes": [16, 64]}, {"mode": "scalar"}]},
// CHECK-NEXT:    {"id": 1, "kernel": "scale", {{.*}} "offsets": [16, 0], {{.*}} "offsets": [16, 0], {{.*}}},
// CHECK-NEXT:    {"id": 2, "kernel": "scale", {{.*}} "offsets": [32, 0], {{.*}} "offsets": [32, 0], {{.*}}},
// CHECK-NEXT:    {"id": 3, "kernel": "scale", {{.*}} "offsets": [48, 0], {{.*}} "offsets": [48, 0], {{.*}}}
// CHECK-NEXT:  ],
// CHECK-NEXT:  "edges": []
// CHECK-NEXT: }
// DOT-LABEL: digraph tasks {
// DOT-NEXT:    t0 [label="t0: scale"]
// DOT-NEXT:    t1 [label="t1: scale"]
// DOT-NEXT:    t2 [label="t2: scale"]
// DOT-NEXT:    t3 [label="t3: scale"]
// DOT-NEXT:  }
func.func private @scale(memref<16x64xf32, strided<[64, 1], offset: ?>>,
                         memref<16x64xf32, strided<[64, 1], offset: ?>>, f32)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "out", "scalar"], wsp.source = "scale.cpp"}
func.func @independent(%x: memref<64x64xf32> {wsp.name = "x"}, %y: memref<64x64xf32> {wsp.name = "y"}, %s: f32) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  scf.for %t = %c0 to %c4 step %c1 {
    %off = arith.muli %t, %c16 : index
    %xv = memref.subview %x[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %yv = memref.subview %y[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %a0 = "wsp.in"(%xv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a1 = "wsp.out"(%yv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a2 = "wsp.scalar"(%s) : (f32) -> !wsp.arg
    %h = "wsp.task"(%a0, %a1, %a2) {kernel = @scale} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}

// -----

// Accumulation (bgemm-like): C[i] += A[i,k] * B[k] for k = 0..2, with k the
// outer loop so the two C tiles' chains interleave. Each C tile gets a chain
// of raw edges k -> k+1 (inout = read + write: raw beats waw); the two tiles
// are independent, and A and B (only read) add nothing.
// CHECK-LABEL: "workload": "accumulate",
// CHECK:       {"id": 5, "kernel": "gemm", {{.*}} "args": [{"mode": "in", "root": "a", "offsets": [16, 32], "sizes": [16, 16]}, {"mode": "in", "root": "b", "offsets": [32, 0], "sizes": [16, 32]}, {"mode": "inout", "root": "c", "offsets": [16, 0], "sizes": [16, 32]}]}
// CHECK-NEXT:  ],
// CHECK-NEXT:  "edges": [
// CHECK-NEXT:    {"from": 0, "to": 2, "kind": "raw"},
// CHECK-NEXT:    {"from": 1, "to": 3, "kind": "raw"},
// CHECK-NEXT:    {"from": 2, "to": 4, "kind": "raw"},
// CHECK-NEXT:    {"from": 3, "to": 5, "kind": "raw"}
// CHECK-NEXT:  ]
// CHECK-NEXT: }
// DOT-LABEL: digraph tasks {
// DOT:         t5 [label="t5: gemm"]
// DOT-NEXT:    t0 -> t2 [label="raw"]
// DOT-NEXT:    t1 -> t3 [label="raw"]
// DOT-NEXT:    t2 -> t4 [label="raw"]
// DOT-NEXT:    t3 -> t5 [label="raw"]
// DOT-NEXT:  }
func.func private @gemm(memref<16x16xf32, strided<[48, 1], offset: ?>>,
                        memref<16x32xf32, strided<[32, 1], offset: ?>>,
                        memref<16x32xf32, strided<[32, 1], offset: ?>>)
    attributes {wsp.kernel = "aic", wsp.access = ["in", "in", "inout"], wsp.source = "gemm.cpp"}
func.func @accumulate(%a: memref<32x48xf32> {wsp.name = "a"}, %b: memref<48x32xf32> {wsp.name = "b"}, %c: memref<32x32xf32> {wsp.name = "c"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c16 = arith.constant 16 : index
  scf.for %k = %c0 to %c3 step %c1 {
    scf.for %i = %c0 to %c2 step %c1 {
      %row = arith.muli %i, %c16 : index
      %kk = arith.muli %k, %c16 : index
      %av = memref.subview %a[%row, %kk] [16, 16] [1, 1] : memref<32x48xf32> to memref<16x16xf32, strided<[48, 1], offset: ?>>
      %bv = memref.subview %b[%kk, 0] [16, 32] [1, 1] : memref<48x32xf32> to memref<16x32xf32, strided<[32, 1], offset: ?>>
      %cv = memref.subview %c[%row, 0] [16, 32] [1, 1] : memref<32x32xf32> to memref<16x32xf32, strided<[32, 1], offset: ?>>
      %p0 = "wsp.in"(%av) : (memref<16x16xf32, strided<[48, 1], offset: ?>>) -> !wsp.arg
      %p1 = "wsp.in"(%bv) : (memref<16x32xf32, strided<[32, 1], offset: ?>>) -> !wsp.arg
      %p2 = "wsp.inout"(%cv) : (memref<16x32xf32, strided<[32, 1], offset: ?>>) -> !wsp.arg
      %h = "wsp.task"(%p0, %p1, %p2) {kernel = @gemm} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
    }
  }
  return
}

// -----

// Three-phase softmax: rowmax (x -> tmp), exp-sum (x, tmp -> y, sum),
// normalize (sum, y -> y). Per row tile r: rowmax(r) -> expsum(r) -> norm(r),
// all raw; nothing within a phase, nothing across row tiles. tmp and sum are
// intermediates (allocs): their roots are named by execution order.
// CHECK-LABEL: "workload": "softmax",
// CHECK:       {"id": 4, "kernel": "expsum", {{.*}} "args": [{"mode": "in", "root": "x", "offsets": [0, 0], "sizes": [16, 64]}, {"mode": "in", "root": "alloc0", "offsets": [0, 0], "sizes": [16, 1]}, {"mode": "out", "root": "y", "offsets": [0, 0], "sizes": [16, 64]}, {"mode": "out", "root": "alloc1", "offsets": [0, 0], "sizes": [16, 1]}]},
// CHECK:       "edges": [
// CHECK-NEXT:    {"from": 0, "to": 4, "kind": "raw"},
// CHECK-NEXT:    {"from": 1, "to": 5, "kind": "raw"},
// CHECK-NEXT:    {"from": 2, "to": 6, "kind": "raw"},
// CHECK-NEXT:    {"from": 3, "to": 7, "kind": "raw"},
// CHECK-NEXT:    {"from": 4, "to": 8, "kind": "raw"},
// CHECK-NEXT:    {"from": 5, "to": 9, "kind": "raw"},
// CHECK-NEXT:    {"from": 6, "to": 10, "kind": "raw"},
// CHECK-NEXT:    {"from": 7, "to": 11, "kind": "raw"}
// CHECK-NEXT:  ]
// CHECK-NEXT: }
func.func private @rowmax(memref<16x64xf32, strided<[64, 1], offset: ?>>, memref<16x1xf32, strided<[1, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"], wsp.source = "rowmax.cpp"}
func.func private @expsum(memref<16x64xf32, strided<[64, 1], offset: ?>>, memref<16x1xf32, strided<[1, 1], offset: ?>>,
                          memref<16x64xf32, strided<[64, 1], offset: ?>>, memref<16x1xf32, strided<[1, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "in", "out", "out"], wsp.source = "expsum.cpp"}
func.func private @norm(memref<16x1xf32, strided<[1, 1], offset: ?>>, memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "inout"], wsp.source = "norm.cpp"}
func.func @softmax(%x: memref<64x64xf32> {wsp.name = "x"}, %y: memref<64x64xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %tmp = memref.alloc() : memref<64x1xf32>
  %sum = memref.alloc() : memref<64x1xf32>
  scf.for %r = %c0 to %c4 step %c1 {
    %off = arith.muli %r, %c16 : index
    %xv = memref.subview %x[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %tv = memref.subview %tmp[%off, 0] [16, 1] [1, 1] : memref<64x1xf32> to memref<16x1xf32, strided<[1, 1], offset: ?>>
    %a0 = "wsp.in"(%xv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a1 = "wsp.out"(%tv) : (memref<16x1xf32, strided<[1, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a0, %a1) {kernel = @rowmax} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  scf.for %r = %c0 to %c4 step %c1 {
    %off = arith.muli %r, %c16 : index
    %xv = memref.subview %x[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %tv = memref.subview %tmp[%off, 0] [16, 1] [1, 1] : memref<64x1xf32> to memref<16x1xf32, strided<[1, 1], offset: ?>>
    %yv = memref.subview %y[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %sv = memref.subview %sum[%off, 0] [16, 1] [1, 1] : memref<64x1xf32> to memref<16x1xf32, strided<[1, 1], offset: ?>>
    %a0 = "wsp.in"(%xv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a1 = "wsp.in"(%tv) : (memref<16x1xf32, strided<[1, 1], offset: ?>>) -> !wsp.arg
    %a2 = "wsp.out"(%yv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %a3 = "wsp.out"(%sv) : (memref<16x1xf32, strided<[1, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a0, %a1, %a2, %a3) {kernel = @expsum} : (!wsp.arg, !wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
  }
  scf.for %r = %c0 to %c4 step %c1 {
    %off = arith.muli %r, %c16 : index
    %sv = memref.subview %sum[%off, 0] [16, 1] [1, 1] : memref<64x1xf32> to memref<16x1xf32, strided<[1, 1], offset: ?>>
    %yv = memref.subview %y[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %a0 = "wsp.in"(%sv) : (memref<16x1xf32, strided<[1, 1], offset: ?>>) -> !wsp.arg
    %a1 = "wsp.inout"(%yv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a0, %a1) {kernel = @norm} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}

// -----

// Write after read: t0 reads x[0:16], t1 overwrites x[0:16] (one war edge),
// t2 overwrites x[16:32], which nobody read (no edge). Then the hazard kinds:
// t3 rewrites y[0:16], written by t0 (waw); t4 reads and rewrites y[0:16]
// through an inout (raw and waw against t3: one edge, the stronger raw).
// CHECK-LABEL: "workload": "war",
// CHECK:       "edges": [
// CHECK-NEXT:    {"from": 0, "to": 1, "kind": "war"},
// CHECK-NEXT:    {"from": 0, "to": 3, "kind": "waw"},
// CHECK-NEXT:    {"from": 3, "to": 4, "kind": "raw"}
// CHECK-NEXT:  ]
// CHECK-NEXT: }
func.func private @copy(memref<16x64xf32, strided<[64, 1], offset: ?>>, memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"], wsp.source = "copy.cpp"}
func.func private @acc(memref<16x64xf32, strided<[64, 1], offset: ?>>, memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "inout"], wsp.source = "acc.cpp"}
func.func @war(%x: memref<64x64xf32>, %y: memref<64x64xf32>, %z: memref<64x64xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %x0 = memref.subview %x[%c0, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
  %x1 = memref.subview %x[%c16, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
  %y0 = memref.subview %y[%c0, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
  %z0 = memref.subview %z[%c0, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
  %z1 = memref.subview %z[%c16, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
  %ix0 = "wsp.in"(%x0) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
  %oy0 = "wsp.out"(%y0) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
  %t0 = "wsp.task"(%ix0, %oy0) {kernel = @copy} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  %iz0 = "wsp.in"(%z0) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
  %ox0 = "wsp.out"(%x0) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
  %t1 = "wsp.task"(%iz0, %ox0) {kernel = @copy} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  %iz1 = "wsp.in"(%z1) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
  %ox1 = "wsp.out"(%x1) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
  %t2 = "wsp.task"(%iz1, %ox1) {kernel = @copy} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  %t3 = "wsp.task"(%iz0, %oy0) {kernel = @copy} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  %ioy0 = "wsp.inout"(%y0) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
  %t4 = "wsp.task"(%iz1, %ioy0) {kernel = @acc} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  return
}

// -----

// Partially overlapping views: t0 writes rows 0-15; t1 reads rows 8-23
// (overlap: raw); t2 reads rows 16-31 (disjoint: no edge). Then t3 writes
// rows 4-11, inside t0's rows but not covering them: t0 stays a last writer
// of rows 0-3 and 12-15, so t4, reading rows 0-3, depends on t0 only; t3 is
// ordered after t0 (waw) and after t1's read (war).
// CHECK-LABEL: "workload": "partial",
// CHECK:       {"id": 1, "kernel": "read", {{.*}} "args": [{"mode": "in", "root": "x", "offsets": [8, 0], "sizes": [16, 64]}]},
// CHECK:       "edges": [
// CHECK-NEXT:    {"from": 0, "to": 1, "kind": "raw"},
// CHECK-NEXT:    {"from": 0, "to": 3, "kind": "waw"},
// CHECK-NEXT:    {"from": 1, "to": 3, "kind": "war"},
// CHECK-NEXT:    {"from": 0, "to": 4, "kind": "raw"}
// CHECK-NEXT:  ]
// CHECK-NEXT: }
func.func private @write(memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "write.cpp"}
func.func private @write8(memref<8x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "write.cpp"}
func.func private @read(memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "read.cpp"}
func.func private @read4(memref<4x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "read.cpp"}
func.func @partial(%x: memref<64x64xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  %ws = memref.subview %x[0, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1]>>
  %r1s = memref.subview %x[8, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: 512>>
  %r2s = memref.subview %x[16, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: 1024>>
  %w2s = memref.subview %x[4, 0] [8, 64] [1, 1] : memref<64x64xf32> to memref<8x64xf32, strided<[64, 1], offset: 256>>
  %r3s = memref.subview %x[0, 0] [4, 64] [1, 1] : memref<64x64xf32> to memref<4x64xf32, strided<[64, 1]>>
  %w = memref.cast %ws : memref<16x64xf32, strided<[64, 1]>> to memref<16x64xf32, strided<[64, 1], offset: ?>>
  %r1 = memref.cast %r1s : memref<16x64xf32, strided<[64, 1], offset: 512>> to memref<16x64xf32, strided<[64, 1], offset: ?>>
  %r2 = memref.cast %r2s : memref<16x64xf32, strided<[64, 1], offset: 1024>> to memref<16x64xf32, strided<[64, 1], offset: ?>>
  %w2 = memref.cast %w2s : memref<8x64xf32, strided<[64, 1], offset: 256>> to memref<8x64xf32, strided<[64, 1], offset: ?>>
  %r3 = memref.cast %r3s : memref<4x64xf32, strided<[64, 1]>> to memref<4x64xf32, strided<[64, 1], offset: ?>>
  %a0 = "wsp.out"(%w) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
  %t0 = "wsp.task"(%a0) {kernel = @write} : (!wsp.arg) -> !wsp.handle
  %a1 = "wsp.in"(%r1) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
  %t1 = "wsp.task"(%a1) {kernel = @read} : (!wsp.arg) -> !wsp.handle
  %a2 = "wsp.in"(%r2) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
  %t2 = "wsp.task"(%a2) {kernel = @read} : (!wsp.arg) -> !wsp.handle
  %a3 = "wsp.out"(%w2) : (memref<8x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
  %t3 = "wsp.task"(%a3) {kernel = @write8} : (!wsp.arg) -> !wsp.handle
  %a4 = "wsp.in"(%r3) : (memref<4x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
  %t4 = "wsp.task"(%a4) {kernel = @read4} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// A two-level nest with offsets from both induction variables (i*32 + j*16)
// writes rows 0, 16, 32, 48; a second loop reads them back in reverse order
// (row (3-t)*16): each reader depends on exactly the writer of its rows.
// CHECK-LABEL: "workload": "nest",
// CHECK-NEXT:  "nodes": [
// CHECK-NEXT:    {"id": 0, {{.*}} "offsets": [0, 0], "sizes": [16, 64]}]},
// CHECK-NEXT:    {"id": 1, {{.*}} "offsets": [16, 0], "sizes": [16, 64]}]},
// CHECK-NEXT:    {"id": 2, {{.*}} "offsets": [32, 0], "sizes": [16, 64]}]},
// CHECK-NEXT:    {"id": 3, {{.*}} "offsets": [48, 0], "sizes": [16, 64]}]},
// CHECK-NEXT:    {"id": 4, {{.*}} "offsets": [48, 0], "sizes": [16, 64]}]},
// CHECK:       "edges": [
// CHECK-NEXT:    {"from": 3, "to": 4, "kind": "raw"},
// CHECK-NEXT:    {"from": 2, "to": 5, "kind": "raw"},
// CHECK-NEXT:    {"from": 1, "to": 6, "kind": "raw"},
// CHECK-NEXT:    {"from": 0, "to": 7, "kind": "raw"}
// CHECK-NEXT:  ]
// CHECK-NEXT: }
func.func private @write(memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "write.cpp"}
func.func private @read(memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "read.cpp"}
func.func @nest(%x: memref<64x64xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  scf.for %i = %c0 to %c2 step %c1 {
    scf.for %j = %c0 to %c2 step %c1 {
      %oi = arith.muli %i, %c32 : index
      %oj = arith.muli %j, %c16 : index
      %off = arith.addi %oi, %oj : index
      %v = memref.subview %x[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
      %a = "wsp.out"(%v) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
      %h = "wsp.task"(%a) {kernel = @write} : (!wsp.arg) -> !wsp.handle
    }
  }
  scf.for %t = %c0 to %c4 step %c1 {
    %rev = arith.subi %c3, %t : index
    %off = arith.muli %rev, %c16 : index
    %v = memref.subview %x[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %a = "wsp.in"(%v) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @read} : (!wsp.arg) -> !wsp.handle
  }
  return
}

// -----

// Each execution of an alloc is its own tensor: the two iterations' buffers
// are distinct roots (alloc0, alloc1), so iteration 1's fill does not wait
// for iteration 0's consumer (no war/waw across iterations).
// CHECK-LABEL: "workload": "allocs",
// CHECK:       {"id": 2, "kernel": "fill", {{.*}} "args": [{"mode": "out", "root": "alloc1", "offsets": [0, 0], "sizes": [16, 64]}]},
// CHECK:       "edges": [
// CHECK-NEXT:    {"from": 0, "to": 1, "kind": "raw"},
// CHECK-NEXT:    {"from": 2, "to": 3, "kind": "raw"}
// CHECK-NEXT:  ]
// CHECK-NEXT: }
func.func private @fill(memref<16x64xf32>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
func.func private @consume(memref<16x64xf32>, memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"], wsp.source = "consume.cpp"}
func.func @allocs(%x: memref<32x64xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c16 = arith.constant 16 : index
  scf.for %t = %c0 to %c2 step %c1 {
    %buf = memref.alloc() : memref<16x64xf32>
    %a = "wsp.out"(%buf) : (memref<16x64xf32>) -> !wsp.arg
    %h0 = "wsp.task"(%a) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
    %off = arith.muli %t, %c16 : index
    %xv = memref.subview %x[%off, 0] [16, 64] [1, 1] : memref<32x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %b0 = "wsp.in"(%buf) : (memref<16x64xf32>) -> !wsp.arg
    %b1 = "wsp.out"(%xv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %h1 = "wsp.task"(%b0, %b1) {kernel = @consume} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}

// -----

// Views of views compose: rows 16 + 8 = 24, columns 32. A rank-reducing
// subview (one row) keeps the root's rank with size 1 in the dropped
// dimension. A stride-2 view prints its strides and is treated as its
// bounding box (columns 1..63). Row 40 is nobody's: no edge for t3.
// CHECK-LABEL: "workload": "compose",
// CHECK-NEXT:  "nodes": [
// CHECK-NEXT:    {"id": 0, "kernel": "w8x32", {{.*}} "args": [{"mode": "out", "root": "x", "offsets": [24, 32], "sizes": [8, 32]}]},
// CHECK-NEXT:    {"id": 1, "kernel": "rrow", {{.*}} "args": [{"mode": "in", "root": "x", "offsets": [30, 0], "sizes": [1, 64]}]},
// CHECK-NEXT:    {"id": 2, "kernel": "rodd", {{.*}} "args": [{"mode": "in", "root": "x", "offsets": [30, 1], "sizes": [1, 32], "strides": [1, 2]}]},
// CHECK-NEXT:    {"id": 3, "kernel": "wrow", {{.*}} "args": [{"mode": "out", "root": "x", "offsets": [40, 0], "sizes": [1, 64]}]}
// CHECK-NEXT:  ],
// CHECK-NEXT:  "edges": [
// CHECK-NEXT:    {"from": 0, "to": 1, "kind": "raw"},
// CHECK-NEXT:    {"from": 0, "to": 2, "kind": "raw"}
// CHECK-NEXT:  ]
// CHECK-NEXT: }
func.func private @w8x32(memref<8x32xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @rrow(memref<64xf32, strided<[1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}
func.func private @rodd(memref<32xf32, strided<[2], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}
func.func private @wrow(memref<64xf32, strided<[1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @compose(%x: memref<64x64xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c30 = arith.constant 30 : index
  %c40 = arith.constant 40 : index
  %outer = memref.subview %x[16, 0] [32, 64] [1, 1] : memref<64x64xf32> to memref<32x64xf32, strided<[64, 1], offset: 1024>>
  %inner = memref.subview %outer[%c8, 32] [8, 32] [1, 1] : memref<32x64xf32, strided<[64, 1], offset: 1024>> to memref<8x32xf32, strided<[64, 1], offset: ?>>
  %a0 = "wsp.out"(%inner) : (memref<8x32xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
  %t0 = "wsp.task"(%a0) {kernel = @w8x32} : (!wsp.arg) -> !wsp.handle
  %row = memref.subview %x[%c30, 0] [1, 64] [1, 1] : memref<64x64xf32> to memref<64xf32, strided<[1], offset: ?>>
  %a1 = "wsp.in"(%row) : (memref<64xf32, strided<[1], offset: ?>>) -> !wsp.arg
  %t1 = "wsp.task"(%a1) {kernel = @rrow} : (!wsp.arg) -> !wsp.handle
  %odd = memref.subview %row[%c1] [32] [2] : memref<64xf32, strided<[1], offset: ?>> to memref<32xf32, strided<[2], offset: ?>>
  %a2 = "wsp.in"(%odd) : (memref<32xf32, strided<[2], offset: ?>>) -> !wsp.arg
  %t2 = "wsp.task"(%a2) {kernel = @rodd} : (!wsp.arg) -> !wsp.handle
  %row40 = memref.subview %x[%c40, 0] [1, 64] [1, 1] : memref<64x64xf32> to memref<64xf32, strided<[1], offset: ?>>
  %a3 = "wsp.out"(%row40) : (memref<64xf32, strided<[1], offset: ?>>) -> !wsp.arg
  %t3 = "wsp.task"(%a3) {kernel = @wrow} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// scf.if with a condition that folds per iteration (init on k == 0, then
// accumulate), a value carried by scf.for (the offset after the loop is
// 3 * 16 - 48 = 0). t4 overwrites the whole of c: it waits for the last
// writer (waw) and the reader since (war); t5 then depends on t4 only.
// CHECK-LABEL: "workload": "control",
// CHECK-NEXT:  "nodes": [
// CHECK-NEXT:    {"id": 0, "kernel": "init", {{.*}}},
// CHECK-NEXT:    {"id": 1, "kernel": "accum", {{.*}}},
// CHECK-NEXT:    {"id": 2, "kernel": "accum", {{.*}}},
// CHECK-NEXT:    {"id": 3, "kernel": "read", {{.*}} "args": [{"mode": "in", "root": "c", "offsets": [0, 0], "sizes": [16, 64]}]},
// CHECK-NEXT:    {"id": 4, "kernel": "clear", {{.*}} "args": [{"mode": "out", "root": "c", "offsets": [0, 0], "sizes": [64, 64]}]},
// CHECK-NEXT:    {"id": 5, "kernel": "read", {{.*}}}
// CHECK-NEXT:  ],
// CHECK-NEXT:  "edges": [
// CHECK-NEXT:    {"from": 0, "to": 1, "kind": "raw"},
// CHECK-NEXT:    {"from": 1, "to": 2, "kind": "raw"},
// CHECK-NEXT:    {"from": 2, "to": 3, "kind": "raw"},
// CHECK-NEXT:    {"from": 2, "to": 4, "kind": "waw"},
// CHECK-NEXT:    {"from": 3, "to": 4, "kind": "war"},
// CHECK-NEXT:    {"from": 4, "to": 5, "kind": "raw"}
// CHECK-NEXT:  ]
// CHECK-NEXT: }
func.func private @init(memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @accum(memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["inout"], wsp.source = "k.cpp"}
func.func private @read(memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}
func.func private @clear(memref<64x64xf32>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @control(%c: memref<64x64xf32> {wsp.name = "c"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c16 = arith.constant 16 : index
  %c48 = arith.constant 48 : index
  %tile = memref.subview %c[0, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1]>>
  %cv = memref.cast %tile : memref<16x64xf32, strided<[64, 1]>> to memref<16x64xf32, strided<[64, 1], offset: ?>>
  %end = scf.for %k = %c0 to %c3 step %c1 iter_args(%acc = %c0) -> (index) {
    %first = arith.cmpi eq, %k, %c0 : index
    scf.if %first {
      %o = "wsp.out"(%cv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
      %h = "wsp.task"(%o) {kernel = @init} : (!wsp.arg) -> !wsp.handle
    } else {
      %io = "wsp.inout"(%cv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
      %h = "wsp.task"(%io) {kernel = @accum} : (!wsp.arg) -> !wsp.handle
    }
    %next = arith.addi %acc, %c16 : index
    scf.yield %next : index
  }
  %off = arith.subi %end, %c48 : index
  %rv = memref.subview %c[%off, 0] [16, 64] [1, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
  %r = "wsp.in"(%rv) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
  %t3 = "wsp.task"(%r) {kernel = @read} : (!wsp.arg) -> !wsp.handle
  %all = "wsp.out"(%c) : (memref<64x64xf32>) -> !wsp.arg
  %t4 = "wsp.task"(%all) {kernel = @clear} : (!wsp.arg) -> !wsp.handle
  %t5 = "wsp.task"(%r) {kernel = @read} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// Supersession: four disjoint tile writes, then one write of the whole
// tensor that covers them all (waw from each). It supersedes them: t5,
// reading tile 2, depends on t4 only, not on t2 as well. x has a dynamic
// dimension, so the whole-tensor size prints as null (unbounded).
// CHECK-LABEL: "workload": "supersede",
// CHECK:       {"id": 4, "kernel": "clear", {{.*}} "args": [{"mode": "out", "root": "x", "offsets": [0, 0], "sizes": [null, 64]}]},
// CHECK:       "edges": [
// CHECK-NEXT:    {"from": 0, "to": 4, "kind": "waw"},
// CHECK-NEXT:    {"from": 1, "to": 4, "kind": "waw"},
// CHECK-NEXT:    {"from": 2, "to": 4, "kind": "waw"},
// CHECK-NEXT:    {"from": 3, "to": 4, "kind": "waw"},
// CHECK-NEXT:    {"from": 4, "to": 5, "kind": "raw"}
// CHECK-NEXT:  ]
// CHECK-NEXT: }
func.func private @write(memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @read(memref<16x64xf32, strided<[64, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}
func.func private @clear(memref<?x64xf32>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @supersede(%x: memref<?x64xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  scf.for %t = %c0 to %c4 step %c1 {
    %off = arith.muli %t, %c16 : index
    %v = memref.subview %x[%off, 0] [16, 64] [1, 1] : memref<?x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%a) {kernel = @write} : (!wsp.arg) -> !wsp.handle
  }
  %all = "wsp.out"(%x) : (memref<?x64xf32>) -> !wsp.arg
  %t4 = "wsp.task"(%all) {kernel = @clear} : (!wsp.arg) -> !wsp.handle
  %v2 = memref.subview %x[%c32, 0] [16, 64] [1, 1] : memref<?x64xf32> to memref<16x64xf32, strided<[64, 1], offset: ?>>
  %r = "wsp.in"(%v2) : (memref<16x64xf32, strided<[64, 1], offset: ?>>) -> !wsp.arg
  %t5 = "wsp.task"(%r) {kernel = @read} : (!wsp.arg) -> !wsp.handle
  return
}
