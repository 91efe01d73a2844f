// A generated kernel exercising the scalar ops the emitter translates (arith
// integer and float ops with MLIR's semantics: wrapping, floor/ceil division,
// unsigned ops, NaN-propagating maximumf, predicates; casts; math; scf.if
// with results; loop-carried values including a swap; a memref.alloca), compiled and run on the
// host through both runtimes' kernel ABIs. a = 7, b = -3, x = 2.5, y = -0.5.

// RUN: rm -rf %t && mkdir -p %t
// RUN: wsp-translate --taskring-to-pto-runtime %s -o %t/tmr > /dev/null
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/tmr/kernels/aiv/ops.cpp
// RUN: g++ -std=c++17 -DWSP_DRIVER_TMR -I %S/stubs %S/Inputs/kernel_driver.cpp %t/tmr/kernels/aiv/ops.cpp -o %t/tmr.driver
// RUN: %t/tmr.driver i25 f13 s7 s0xfffffffffffffffd s0x40200000 s0xbf000000 | FileCheck %s
// RUN: sed -e 's/aicpu_threads = 4/aicpu_threads = 3/' -e 's/"tensormap_and_ringbuffer"/"host_build_graph"/' %s > %t/hbg.mlir
// RUN: wsp-translate --taskring-to-pto-runtime %t/hbg.mlir -o %t/hbg > /dev/null
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/hbg/kernels/aiv/ops.cpp
// RUN: g++ -std=c++17 -I %S/stubs %S/Inputs/kernel_driver.cpp %t/hbg/kernels/aiv/ops.cpp -o %t/hbg.driver
// RUN: %t/hbg.driver i25 f13 s7 s0xfffffffffffffffd s0x40200000 s0xbf000000 | FileCheck %s

// CHECK:      0.0 = 4
// CHECK-NEXT: 0.1 = 10
// CHECK-NEXT: 0.2 = -21
// CHECK-NEXT: 0.3 = -2
// CHECK-NEXT: 0.4 = 1
// CHECK-NEXT: 0.5 = -3
// CHECK-NEXT: 0.6 = -2
// CHECK-NEXT: 0.7 = 7
// CHECK-NEXT: 0.8 = -3
// CHECK-NEXT: 0.9 = 0
// CHECK-NEXT: 0.10 = 28
// CHECK-NEXT: 0.11 = -2
// CHECK-NEXT: 0.12 = 15
// CHECK-NEXT: 0.13 = 5
// CHECK-NEXT: 0.14 = -6
// CHECK-NEXT: 0.15 = 0
// CHECK-NEXT: 0.16 = 1
// CHECK-NEXT: 0.17 = 7
// CHECK-NEXT: 0.18 = 253
// CHECK-NEXT: 0.19 = 21
// CHECK-NEXT: 0.20 = 2
// CHECK-NEXT: 0.21 = 100
// CHECK-NEXT: 0.22 = 21
// CHECK-NEXT: 0.23 = 2
// CHECK-NEXT: 0.24 = 7
// CHECK-NEXT: 1.0 = 2
// CHECK-NEXT: 1.1 = -1.25
// CHECK-NEXT: 1.2 = -5
// CHECK-NEXT: 1.3 = -2.5
// CHECK-NEXT: 1.4 = nan
// CHECK-NEXT: 1.5 = 2.5
// CHECK-NEXT: 1.6 = 1.58114
// CHECK-NEXT: 1.7 = 0.606531
// CHECK-NEXT: 1.8 = 0.5
// CHECK-NEXT: 1.9 = -3
// CHECK-NEXT: 1.10 = 1
// CHECK-NEXT: 1.11 = 1.25
// CHECK-NEXT: 1.12 = 1

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64,
      block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer",
      heap_bytes = 0 : i64, task_window = 65536 : i64, window_mode = "default"} : () -> ()
  func.func @ops(%io: memref<25xi64>, %fo: memref<13xf32>, %a: i64, %b: i64, %x: f32, %y: f32) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c3 = arith.constant 3 : index
    %c4 = arith.constant 4 : index
    %c5 = arith.constant 5 : index
    %c6 = arith.constant 6 : index
    %c7 = arith.constant 7 : index
    %c8 = arith.constant 8 : index
    %c9 = arith.constant 9 : index
    %c10 = arith.constant 10 : index
    %c11 = arith.constant 11 : index
    %c12 = arith.constant 12 : index
    %c13 = arith.constant 13 : index
    %c14 = arith.constant 14 : index
    %c15 = arith.constant 15 : index
    %c16 = arith.constant 16 : index
    %c17 = arith.constant 17 : index
    %c18 = arith.constant 18 : index
    %c19 = arith.constant 19 : index
    %c20 = arith.constant 20 : index
    %c21 = arith.constant 21 : index
    %c22 = arith.constant 22 : index
    %c23 = arith.constant 23 : index
    %i1 = arith.constant 1 : i64
    %i2 = arith.constant 2 : i64
    %i7 = arith.constant 7 : i64
    %i60 = arith.constant 60 : i64
    %i100 = arith.constant 100 : i64
    %i200 = arith.constant 200 : i64
    %r0 = arith.addi %a, %b : i64
    memref.store %r0, %io[%c0] : memref<25xi64>
    %r1 = arith.subi %a, %b : i64
    memref.store %r1, %io[%c1] : memref<25xi64>
    %r2 = arith.muli %a, %b : i64
    memref.store %r2, %io[%c2] : memref<25xi64>
    %r3 = arith.divsi %a, %b : i64
    memref.store %r3, %io[%c3] : memref<25xi64>
    %r4 = arith.remsi %a, %b : i64
    memref.store %r4, %io[%c4] : memref<25xi64>
    %r5 = arith.floordivsi %a, %b : i64
    memref.store %r5, %io[%c5] : memref<25xi64>
    %r6 = arith.ceildivsi %a, %b : i64
    memref.store %r6, %io[%c6] : memref<25xi64>
    %r7 = arith.maxsi %a, %b : i64
    memref.store %r7, %io[%c7] : memref<25xi64>
    %r8 = arith.minsi %a, %b : i64
    memref.store %r8, %io[%c8] : memref<25xi64>
    %r9 = arith.divui %a, %b : i64
    memref.store %r9, %io[%c9] : memref<25xi64>
    %r10 = arith.shli %a, %i2 : i64
    memref.store %r10, %io[%c10] : memref<25xi64>
    %r11 = arith.shrsi %b, %i1 : i64
    memref.store %r11, %io[%c11] : memref<25xi64>
    %r12 = arith.shrui %b, %i60 : i64
    memref.store %r12, %io[%c12] : memref<25xi64>
    %r13 = arith.andi %a, %b : i64
    memref.store %r13, %io[%c13] : memref<25xi64>
    %r14 = arith.xori %a, %b : i64
    memref.store %r14, %io[%c14] : memref<25xi64>
    %p15 = arith.cmpi slt, %a, %b : i64
    %r15 = arith.extui %p15 : i1 to i64
    memref.store %r15, %io[%c15] : memref<25xi64>
    %p16 = arith.cmpi ult, %a, %b : i64
    %r16 = arith.extui %p16 : i1 to i64
    memref.store %r16, %io[%c16] : memref<25xi64>
    %p17 = arith.cmpi sgt, %a, %b : i64
    %r17 = arith.select %p17, %a, %b : i64
    memref.store %r17, %io[%c17] : memref<25xi64>
    %t18 = arith.trunci %b : i64 to i8
    %r18 = arith.extui %t18 : i8 to i64
    memref.store %r18, %io[%c18] : memref<25xi64>
    %ai = arith.index_cast %a : i64 to index
    %m19 = arith.muli %ai, %c3 : index
    %r19 = arith.index_cast %m19 : index to i64
    memref.store %r19, %io[%c19] : memref<25xi64>
    %r20 = arith.fptosi %x : f32 to i64
    memref.store %r20, %io[%c20] : memref<25xi64>
    %p21 = arith.cmpi eq, %a, %i7 : i64
    %r21 = scf.if %p21 -> (i64) {
      scf.yield %i100 : i64
    } else {
      scf.yield %i200 : i64
    }
    memref.store %r21, %io[%c21] : memref<25xi64>
    %i0 = arith.constant 0 : i64
    %sum = scf.for %k = %c0 to %ai step %c1 iter_args(%acc = %i0) -> (i64) {
      %ki = arith.index_cast %k : index to i64
      %n = arith.addi %acc, %ki : i64
      scf.yield %n : i64
    }
    memref.store %sum, %io[%c22] : memref<25xi64>
    %p, %q = scf.for %k = %c0 to %c3 step %c1 iter_args(%u = %i1, %v = %i2) -> (i64, i64) {
      scf.yield %v, %u : i64, i64
    }
    memref.store %p, %io[%c23] : memref<25xi64>
    %buf = memref.alloca() : memref<2x3xi64>
    memref.store %a, %buf[%c1, %c2] : memref<2x3xi64>
    %back = memref.load %buf[%c1, %c2] : memref<2x3xi64>
    %c24 = arith.constant 24 : index
    memref.store %back, %io[%c24] : memref<25xi64>
    %nan = arith.constant 0x7FC00000 : f32
    %one = arith.constant 1.0 : f32
    %zero = arith.constant 0.0 : f32
    %f0 = arith.addf %x, %y : f32
    memref.store %f0, %fo[%c0] : memref<13xf32>
    %f1 = arith.mulf %x, %y : f32
    memref.store %f1, %fo[%c1] : memref<13xf32>
    %f2 = arith.divf %x, %y : f32
    memref.store %f2, %fo[%c2] : memref<13xf32>
    %f3 = arith.negf %x : f32
    memref.store %f3, %fo[%c3] : memref<13xf32>
    %f4 = arith.maximumf %x, %nan : f32
    memref.store %f4, %fo[%c4] : memref<13xf32>
    %f5 = arith.maxnumf %y, %x : f32
    memref.store %f5, %fo[%c5] : memref<13xf32>
    %f6 = math.sqrt %x : f32
    memref.store %f6, %fo[%c6] : memref<13xf32>
    %f7 = math.exp %y : f32
    memref.store %f7, %fo[%c7] : memref<13xf32>
    %f8 = math.absf %y : f32
    memref.store %f8, %fo[%c8] : memref<13xf32>
    %f9 = arith.sitofp %b : i64 to f32
    memref.store %f9, %fo[%c9] : memref<13xf32>
    %p10 = arith.cmpf olt, %y, %x : f32
    %f10 = arith.select %p10, %one, %zero : f32
    memref.store %f10, %fo[%c10] : memref<13xf32>
    %f11 = math.fma %x, %y, %x : f32
    memref.store %f11, %fo[%c11] : memref<13xf32>
    %p12 = arith.cmpf uno, %x, %nan : f32
    %f12 = arith.uitofp %p12 : i1 to f32
    memref.store %f12, %fo[%c12] : memref<13xf32>
    return
  }
  "taskring.kernel"() {sym_name = "ops.kernel", name = "ops", func_id = 0 : i64, worker = "aiv",
      modes = ["out", "out", "scalar", "scalar", "scalar", "scalar"], impl = "generated", source = @ops} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    return
  }
}
