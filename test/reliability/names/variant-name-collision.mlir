// A user kernel named like a variant taskring-predicate-slots generates
// (<kernel>_v<N>, docs/slots.md) turned a valid program into a
// "redefinition" error; variants now take the next free name.
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-to-taskring{target=pto-runtime-41d5c94a})' | FileCheck %s
// CHECK-DAG: name = "fill_v0", source = @fill_v0, sym_name = "fill_v0.kernel"
// CHECK-DAG: base = @fill.kernel{{.*}}name = "fill_v1"{{.*}}sym_name = "fill_v1.kernel"
// CHECK-DAG: base = @fill.kernel{{.*}}name = "fill_v2"{{.*}}sym_name = "fill_v2.kernel"
// RUN: rm -rf %t && wsp-compile %s -o %t > /dev/null
func.func @set_flag(%flag: memref<1xi32>, %v: i32)
    attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"]} {
  %c0 = arith.constant 0 : index
  memref.store %v, %flag[%c0] : memref<1xi32>
  return
}

func.func @fill(%y: memref<64xf32>, %value: f32)
    attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c64 step %c1 {
    memref.store %value, %y[%i] : memref<64xf32>
  }
  return
}

func.func @main(%flag: memref<1xi32> {wsp.name = "flag"}, %y: memref<64xf32> {wsp.name = "y"},
                %v: i32 {wsp.name = "v"}) attributes {wsp.workload} {
  %a0 = "wsp.out"(%flag) : (memref<1xi32>) -> !wsp.arg
  %a1 = "wsp.scalar"(%v) : (i32) -> !wsp.arg
  %t0 = "wsp.task"(%a0, %a1) {kernel = @set_flag} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  %c0 = arith.constant 0 : index
  %f = "wsp.slot_read"(%flag, %c0) : (memref<1xi32>, index) -> i32
  %zero = arith.constant 0 : i32
  %set = arith.cmpi ne, %f, %zero : i32
  scf.if %set {
    %seven = arith.constant 7.0 : f32
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %b1 = "wsp.scalar"(%seven) : (f32) -> !wsp.arg
    %t1 = "wsp.task"(%b0, %b1) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  } else {
    %three = arith.constant 3.0 : f32
    %c0b = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %c1b = "wsp.scalar"(%three) : (f32) -> !wsp.arg
    %t2 = "wsp.task"(%c0b, %c1b) {kernel = @fill} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}
// A user kernel named like the first variant wsp makes of @fill.
func.func @fill_v0(%y: memref<64xf32>, %value: f32)
    attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"]} {
  return
}
