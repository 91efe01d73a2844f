// The runtime's kernel table holds RUNTIME_MAX_FUNC_ID = 32 kernels (func_id
// 0..31). Whoever takes the 33rd func_id is reported at the user's op, never
// at an internal taskring.kernel: wsp-verify at the 33rd kernel function (K3),
// the lowering at the op that needs wsp's alloc kernel, taskring-predicate-slots
// at the guarded task whose variant would be the 33rd.
// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-verify,wsp-lower-to-taskring{target=pto-runtime-41d5c94a},taskring-predicate-slots,taskring-verify)' -o /dev/null

// 33 kernels: the 33rd is reported (once, with the module's count).
func.func private @k0(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k1(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k2(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k3(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k4(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k5(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k6(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k7(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k8(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k9(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k10(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k11(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k12(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k13(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k14(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k15(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k16(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k17(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k18(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k19(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k20(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k21(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k22(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k23(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k24(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k25(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k26(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k27(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k28(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k29(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k30(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k31(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
// expected-error@+1 {{'func.func' op: kernel @k32 is kernel #33 of the module, which has 34; the runtime's kernel table has RUNTIME_MAX_FUNC_ID = 32 entries (func_id 0 to 31, one per kernel in module order), so a program has at most 32 kernels, one fewer when it has intermediates or processes (wsp's alloc kernel) and fewer still with guarded tasks (one variant each): merge kernels that differ only in a value (pass it as a wsp.scalar), or split the program}}
func.func private @k32(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k33(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @main(%y: memref<16xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %a = "wsp.out"(%y) : (memref<16xf32>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k0} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// 32 kernels, and processes: wsp's alloc kernel (channel tokens) would be the
// 33rd; reported at the first wsp.spawn.
func.func private @k0(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k1(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k2(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k3(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k4(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k5(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k6(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k7(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k8(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k9(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k10(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k11(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k12(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k13(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k14(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k15(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k16(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k17(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k18(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k19(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k20(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k21(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k22(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k23(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k24(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k25(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k26(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k27(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k28(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k29(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k30(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k31(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @consumer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %ok, %t = "wsp.recv"(%c) : (!wsp.channel<i64>) -> (i1, i64)
  return
}
func.func @producer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  "wsp.close"(%c) : (!wsp.channel<i64>) -> ()
  return
}
func.func @main(%y: memref<16xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "ids", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %i = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  // expected-error@+1 {{'wsp.spawn' op: a program with processes needs wsp's builtin alloc kernel (for its channel tokens), which would be kernel #33 of the program (32 are its own); the runtime's kernel table has RUNTIME_MAX_FUNC_ID = 32 entries; remedy: use at most 31 kernels of your own in this program}}
  "wsp.spawn"(%i) {process = @consumer} : (!wsp.arg) -> ()
  %o = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%o) {process = @producer} : (!wsp.arg) -> ()
  %a = "wsp.out"(%y) : (memref<16xf32>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k0} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

// 30 + 2 kernels, and a task guarded by device data: its variant would be the
// 33rd; reported at that task.
func.func private @k0(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k1(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k2(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k3(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k4(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k5(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k6(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k7(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k8(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k9(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k10(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k11(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k12(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k13(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k14(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k15(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k16(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k17(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k18(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k19(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k20(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k21(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k22(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k23(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k24(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k25(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k26(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k27(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k28(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @k29(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @set_flag(memref<1xi32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func private @fill(memref<64xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @main(%flag: memref<1xi32> {wsp.name = "flag"}, %y: memref<64xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %a0 = "wsp.out"(%flag) : (memref<1xi32>) -> !wsp.arg
  %t0 = "wsp.task"(%a0) {kernel = @set_flag} : (!wsp.arg) -> !wsp.handle
  %c0 = arith.constant 0 : index
  %f = "wsp.slot_read"(%flag, %c0) : (memref<1xi32>, index) -> i32
  %zero = arith.constant 0 : i32
  %set = arith.cmpi ne, %f, %zero : i32
  scf.if %set {
    %b0 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    // expected-error@+1 {{'wsp.task' op: this guarded task needs its own kernel variant (fill_v0 of @fill), which would be kernel #33 of the program; the runtime's kernel table has RUNTIME_MAX_FUNC_ID = 32 entries; remedy: guard fewer tasks with device data (wsp.slot_read), or use fewer kernels}}
    %t1 = "wsp.task"(%b0) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  }
  return
}
