// RUN: wsp-opt %s --split-input-file --verify-diagnostics --wsp-verify
// The workload option, on the same chunks (each chunk without @entry reports
// that, so only the messages of interest are checked, in file order):
// RUN: not wsp-opt %s --split-input-file --wsp-verify=workload=entry 2>&1 >/dev/null \
// RUN:   | FileCheck %s --check-prefix=ENTRY
// With the option, no chunk reports a second workload:
// ENTRY-NOT: is a second 'wsp.workload' function

// Invalid programs for wsp-verify: one rule per chunk, each error located at
// the offending op. The rules and their messages are listed in
// docs/verify.md; verify-valid.mlir holds a valid program of every construct.
// Structural errors (IRDL's) are in irdl-invalid.mlir.

//===--- module: exactly one workload ---------------------------------------===//

// expected-error@+1 {{'builtin.module' op: no function has 'wsp.workload'; mark the entry function with attributes {wsp.workload}}}
module {
  func.func @not_marked() {
    return
  }
}

// -----

// expected-note@+1 {{first workload @entry defined here}}
func.func @entry() attributes {wsp.workload} {
  return
}

// expected-error@+1 {{'func.func' op: @other is a second 'wsp.workload' function (the first is @entry); a module has at most one workload, its entry: remove 'wsp.workload' from all but one, or choose the entry with wsp-verify{workload=<name>}}}
func.func @other() attributes {wsp.workload} {
  return
}

// -----

// Valid without the option; with workload=entry, @entry must be a workload.
func.func @main() attributes {wsp.workload} {
  return
}

// ENTRY: verify.mlir:[[@LINE+1]]:1: error: 'func.func' op: wsp-verify{workload=entry} names @entry, which has no 'wsp.workload'; mark it with attributes {wsp.workload} or name another function
func.func @entry() {
  return
}

// -----

// With workload=entry and no @entry at all:
// ENTRY: verify.mlir:[[@LINE+1]]:1: error: 'builtin.module' op: wsp-verify{workload=entry}: no function @entry in the module; name an existing function marked 'wsp.workload'
module {
  func.func @main() attributes {wsp.workload} {
    return
  }
}

//===--- functions: one role ------------------------------------------------===//

// -----

func.func @main() attributes {wsp.workload} {
  return
}

// expected-error@+1 {{'func.func' op: @both has both 'wsp.kernel' and 'wsp.process'; a function is exactly one of kernel, workload or process: remove one of the two attributes}}
func.func @both(%x: memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.process, wsp.access = ["in"]} {
  return
}

//===--- kernels ------------------------------------------------------------===//

// -----

func.func @main() attributes {wsp.workload} {
  return
}

// expected-error@+1 {{'func.func' op: kernel @k has wsp.kernel = "gpu"; the core type is "aiv" (vector) or "aic" (cube): write wsp.kernel = "aiv" or "aic"}}
func.func private @k(memref<16xf32>) attributes {wsp.kernel = "gpu", wsp.access = ["in"], wsp.source = "k.cpp"}

// -----

func.func @main() attributes {wsp.workload} {
  return
}

// expected-error@+1 {{'func.func' op: kernel @k has no 'wsp.access'; give one mode per parameter, e.g. wsp.access = ["in", "out", "scalar"]}}
func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.source = "k.cpp"}

// -----

func.func @main() attributes {wsp.workload} {
  return
}

// expected-error@+1 {{'func.func' op: kernel @k has wsp.access = "in"; give one mode per parameter}}
func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = "in", wsp.source = "k.cpp"}

// -----

func.func @main() attributes {wsp.workload} {
  return
}

// expected-error@+1 {{'func.func' op: kernel @k has 1 wsp.access entries for 2 parameters; give exactly one mode per parameter}}
func.func private @k(memref<16xf32>, memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

// -----

func.func @main() attributes {wsp.workload} {
  return
}

// expected-error@+1 {{'func.func' op: kernel @k: wsp.access entry #1 is "read", not one of "in", "out", "inout", "scalar"; use one of those modes}}
func.func private @k(memref<16xf32>, memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in", "read"], wsp.source = "k.cpp"}

// -----

func.func @main() attributes {wsp.workload} {
  return
}

// expected-error@+1 {{'func.func' op: kernel @k: parameter #0 has mode "in" but type 'f32'; in/out/inout parameters are memrefs (tile views): fix the type, or use mode "scalar" for a scalar}}
func.func private @k(f32) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

// -----

func.func @main() attributes {wsp.workload} {
  return
}

// expected-error@+1 {{'func.func' op: kernel @k: parameter #1 has mode "scalar" but type 'memref<16xf32>'; scalar parameters are an integer of at most 64 bits, index, bf16, f16, f32 or f64: fix the type or the mode}}
func.func private @k(memref<16xf32>, memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in", "scalar"], wsp.source = "k.cpp"}

// -----

func.func @main() attributes {wsp.workload} {
  return
}

// A scalar travels as one 64-bit word.
// expected-error@+1 {{'func.func' op: kernel @k: parameter #0 has mode "scalar" but type 'i128'}}
func.func private @k(i128) attributes {wsp.kernel = "aiv", wsp.access = ["scalar"], wsp.source = "k.cpp"}

// -----

func.func @main() attributes {wsp.workload} {
  return
}

// expected-error@+1 {{'func.func' op: kernel @k has no body and no 'wsp.source'; add wsp.source = "kernels/aiv/k.cpp" (the user's source) or give it a body}}
func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"]}

// -----

func.func @main() attributes {wsp.workload} {
  return
}

// expected-error@+1 {{'func.func' op: kernel @k has both a body and wsp.source = "k.cpp"; remove the body (a user kernel) or remove 'wsp.source' (a generated kernel)}}
func.func @k(%x: memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"} {
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  return
}

// expected-error@+1 {{'func.func' op: kernel @k has wsp.source = ""; it must be a non-empty string, the path of the kernel's source file}}
func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = ""}

//===--- processes and workloads --------------------------------------------===//

// -----

func.func @main() attributes {wsp.workload} {
  return
}

// expected-error@+1 {{'func.func' op: process @p has no body; a process runs the code in its body when wsp.spawn starts it: give it one}}
func.func private @p(memref<16xf32>) attributes {wsp.process, wsp.access = ["in"]}

// -----

func.func @main() attributes {wsp.workload} {
  return
}

// expected-error@+1 {{'func.func' op: process @p has no 'wsp.access'; give one mode per parameter}}
func.func @p(%x: memref<16xf32>) attributes {wsp.process} {
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  return
}

// expected-error@+1 {{'func.func' op: process @p: parameter #0 is a channel ('!wsp.channel<i64>') with mode "inout"; a process receives from a channel ("in") or sends on it ("out"): pick one}}
func.func @p(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["inout"]} {
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  return
}

// expected-error@+1 {{'func.func' op: process @p: parameter #0 has mode "in" but type '!wsp.handle'; in/out/inout parameters are memrefs (tile views) or channels: fix the type, or use mode "scalar" for a scalar}}
func.func @p(%h: !wsp.handle) attributes {wsp.process, wsp.access = ["in"]} {
  return
}

// -----

// expected-error@+1 {{'func.func' op: workload @main has no body; the workload is the program that submits tasks: give it one}}
func.func private @main(memref<16xf32>) attributes {wsp.workload}

// -----

// expected-error@+1 {{'func.func' op: workload @main: parameter #1 has type '!wsp.channel<i64>'; workload parameters are tensors (memrefs) or host scalars (an integer of at most 64 bits, index, bf16, f16, f32 or f64): create channels and handles inside the workload instead}}
func.func @main(%x: memref<16xf32>, %c: !wsp.channel<i64>) attributes {wsp.workload} {
  return
}

//===--- tasks --------------------------------------------------------------===//

// -----

func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main() attributes {wsp.workload} {
  return
}

func.func @helper(%x: memref<16xf32>) {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  // expected-error@+1 {{'wsp.task' op: tasks are submitted only from a workload or a process, not from @helper (a plain function); move it into the workload or into a process}}
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main() attributes {wsp.workload} {
  return
}

// A kernel never submits tasks.
func.func @outer(%x: memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"]} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  // expected-error@+1 {{'wsp.task' op: tasks are submitted only from a workload or a process, not from @outer (a kernel)}}
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  // expected-error@+1 {{'wsp.task' op: kernel = @lib::@k is not a flat symbol reference; name a top-level kernel, e.g. kernel = @name}}
  %h = "wsp.task"(%a) {kernel = @lib::@k} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  // expected-error@+1 {{'wsp.task' op: kernel @missing does not exist; define func.func @missing with wsp.kernel = "aiv" (or "aic") and wsp.access, or fix the name}}
  %h = "wsp.task"(%a) {kernel = @missing} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

func.func private @plain(memref<16xf32>)

func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  // expected-error@+1 {{'wsp.task' op: @plain is not a kernel (it has no 'wsp.kernel'); add wsp.kernel = "aiv" (or "aic") and wsp.access to @plain, or name a kernel}}
  %h = "wsp.task"(%a) {kernel = @plain} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

func.func private @k(memref<16xf32>, memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"], wsp.source = "k.cpp"}

func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  // expected-error@+1 {{'wsp.task' op: 1 arguments for kernel @k, which has 2 parameters; pass exactly one argument per parameter}}
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main(%x: memref<16xf32>, %y: memref<16xf32>, %p: i1) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  %b = "wsp.in"(%y) : (memref<16xf32>) -> !wsp.arg
  %c = scf.if %p -> !wsp.arg {
    scf.yield %a : !wsp.arg
  } else {
    scf.yield %b : !wsp.arg
  }
  // expected-error@+1 {{'wsp.task' op: argument #0 is not made by wsp.in, wsp.out, wsp.inout or wsp.scalar, so its access mode is unknown; box each argument with the op of its mode}}
  %h = "wsp.task"(%c) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

func.func private @k(memref<16xf32>, memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"], wsp.source = "k.cpp"}

func.func @main(%x: memref<16xf32>, %y: memref<16xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  %b = "wsp.in"(%y) : (memref<16xf32>) -> !wsp.arg
  // expected-error@+1 {{'wsp.task' op: argument #1 is passed as 'wsp.in' but kernel @k declares parameter #1 "out"; box it with 'wsp.out' (or change wsp.access of @k)}}
  %h = "wsp.task"(%a, %b) {kernel = @k} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  return
}

// -----

func.func private @k(memref<16x64xf32, strided<[64, 1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main(%x: memref<64x64xf32>) attributes {wsp.workload} {
  %v = memref.subview %x[0, 0] [8, 64] [1, 1] : memref<64x64xf32> to memref<8x64xf32, strided<[64, 1]>>
  %a = "wsp.in"(%v) : (memref<8x64xf32, strided<[64, 1]>>) -> !wsp.arg
  // expected-error@+1 {{'wsp.task' op: argument #0 has type 'memref<8x64xf32, strided<[64, 1]>>' but kernel @k expects 'memref<16x64xf32, strided<[64, 1], offset: ?>>' (parameter #0); tensors agree in element type, rank and static sizes (layouts may differ): pass a view of that shape}}
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main(%x: memref<16xi32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xi32>) -> !wsp.arg
  // expected-error@+1 {{'wsp.task' op: argument #0 has type 'memref<16xi32>' but kernel @k expects 'memref<16xf32>' (parameter #0)}}
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

func.func private @k(f32) attributes {wsp.kernel = "aiv", wsp.access = ["scalar"], wsp.source = "k.cpp"}

func.func @main(%n: i32) attributes {wsp.workload} {
  %a = "wsp.scalar"(%n) : (i32) -> !wsp.arg
  // expected-error@+1 {{'wsp.task' op: argument #0 has type 'i32' but kernel @k expects 'f32' (parameter #0); convert the value (e.g. with arith.extsi, arith.sitofp or arith.index_cast) before boxing it}}
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main() attributes {wsp.workload} {
  return
}

func.func @p(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %a = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  // expected-error@+1 {{'wsp.task' op: argument #0 is a channel ('!wsp.channel<i64>'); channels are passed only to wsp.spawn, a task takes tiles and scalars: pass the channel to a process}}
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}

//===--- spawns -------------------------------------------------------------===//

// -----

func.func @p(%x: memref<16xf32>) attributes {wsp.process, wsp.access = ["in"]} {
  return
}

func.func @main() attributes {wsp.workload} {
  return
}

func.func @helper(%x: memref<16xf32>) {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  // expected-error@+1 {{'wsp.spawn' op: processes are started only from a workload or a process, not from @helper (a plain function); move it into the workload or into a process}}
  "wsp.spawn"(%a) {process = @p} : (!wsp.arg) -> ()
  return
}

// -----

func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  // expected-error@+1 {{'wsp.spawn' op: process @missing does not exist; define func.func @missing with wsp.process and wsp.access, or fix the name}}
  "wsp.spawn"(%a) {process = @missing} : (!wsp.arg) -> ()
  return
}

// -----

func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  // expected-error@+1 {{'wsp.spawn' op: @k is not a process (it has no 'wsp.process'); add wsp.process and wsp.access to @k, or name a process}}
  "wsp.spawn"(%a) {process = @k} : (!wsp.arg) -> ()
  return
}

// -----

func.func @p(%x: memref<16xf32>, %s: f32) attributes {wsp.process, wsp.access = ["in", "scalar"]} {
  return
}

func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  // expected-error@+1 {{'wsp.spawn' op: 1 arguments for process @p, which has 2 parameters; pass exactly one argument per parameter}}
  "wsp.spawn"(%a) {process = @p} : (!wsp.arg) -> ()
  return
}

// -----

func.func @producer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  return
}

func.func @consumer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  return
}

func.func @main() attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "tiles", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %p = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p) {process = @producer} : (!wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  // A second consumer started as if it were a producer.
  // expected-error@+1 {{'wsp.spawn' op: argument #0 is passed as 'wsp.out' but process @consumer declares parameter #0 "in"; box it with 'wsp.in' (or change wsp.access of @consumer)}}
  "wsp.spawn"(%p) {process = @consumer} : (!wsp.arg) -> ()
  return
}

// -----

func.func @producer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  return
}

func.func @consumer(%c: !wsp.channel<i32>) attributes {wsp.process, wsp.access = ["in"]} {
  return
}

func.func @main() attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "ids", capacity = 2 : i64} : () -> !wsp.channel<i32>
  %p = "wsp.out"(%c) : (!wsp.channel<i32>) -> !wsp.arg
  // expected-error@+1 {{'wsp.spawn' op: argument #0 has type '!wsp.channel<i32>' but process @producer expects '!wsp.channel<i64>' (parameter #0); pass a channel of that token type}}
  "wsp.spawn"(%p) {process = @producer} : (!wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i32>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  return
}

//===--- argument boxes -----------------------------------------------------===//

// -----

func.func @main() attributes {wsp.workload} {
  %n = arith.constant 1 : i128
  // expected-error@+1 {{'wsp.scalar' op: boxes a 'i128'; a scalar argument travels as one 64-bit word: use an integer of at most 64 bits, index, bf16, f16, f32 or f64}}
  %a = "wsp.scalar"(%n) : (i128) -> !wsp.arg
  return
}

// -----

memref.global "private" @table : memref<16xf32> = dense<0.0>

func.func @main() attributes {wsp.workload} {
  // V2 reports the global at the op that makes it (B2 stays quiet: one mistake, one error).
  // expected-error@+1 {{'memref.get_global' op: makes the memref 'memref<16xf32>' (result #0) in @main (a workload); the runtime addresses only tensor parameters, allocations (memref.alloc / memref.alloca) and tiles of them made by memref.subview and memref.cast, so no later stage can use this value as a tensor: take the tile with memref.subview of the tensor itself (reshape or reinterpret it inside the kernel)}}
  %g = memref.get_global @table : memref<16xf32>
  %v = memref.subview %g[0] [8] [1] : memref<16xf32> to memref<8xf32, strided<[1]>>
  %a = "wsp.out"(%v) : (memref<8xf32, strided<[1]>>) -> !wsp.arg
  return
}

// -----

func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %r = scf.for %i = %c0 to %c4 step %c1 iter_args(%m = %x) -> (memref<16xf32>) {
    // expected-error@+1 {{'wsp.inout' op: the tile written is not a view of a workload tensor or of an allocation (it comes from a block argument of 'scf.for'); pass a memref.subview / memref.cast of a function parameter or of memref.alloc / memref.alloca}}
    %a = "wsp.inout"(%m) : (memref<16xf32>) -> !wsp.arg
    scf.yield %m : memref<16xf32>
  }
  return
}

// -----

// B2 holds for read tiles too (the lowering could not address them either).
func.func @main(%x: memref<16xf32>, %p: i1) attributes {wsp.workload} {
  %m = memref.alloc() : memref<16xf32>
  %r = scf.if %p -> memref<16xf32> {
    scf.yield %x : memref<16xf32>
  } else {
    scf.yield %m : memref<16xf32>
  }
  // expected-error@+1 {{'wsp.in' op: the tile read is not a view of a workload tensor or of an allocation (it comes from 'scf.if'); pass a memref.subview / memref.cast of a function parameter or of memref.alloc / memref.alloca}}
  %a = "wsp.in"(%r) : (memref<16xf32>) -> !wsp.arg
  return
}

//===--- dispatch -----------------------------------------------------------===//

// -----

func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  // expected-error@+1 {{'wsp.dispatch' op: unknown policy "random"; use one of "round_robin", "affinity", "hash", "work_steal"}}
  "wsp.dispatch"(%h) {policy = "random", domains = 3 : i64} : (!wsp.handle) -> ()
  return
}

// -----

func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  // expected-error@+1 {{'wsp.dispatch' op: domains = 0 must be at least 1 (a task goes to one of the domains [0, N))}}
  "wsp.dispatch"(%h) {policy = "round_robin", domains = 0 : i64} : (!wsp.handle) -> ()
  return
}

// -----

func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  // expected-error@+1 {{'wsp.dispatch' op: domains = 3 : i32 must be an i64; write domains = N : i64}}
  "wsp.dispatch"(%h) {policy = "round_robin", domains = 3 : i32} : (!wsp.handle) -> ()
  return
}

// -----

// At most 65536 domains: 65536 is accepted, 65537 is not.
func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  "wsp.dispatch"(%h) {policy = "round_robin", domains = 65536 : i64} : (!wsp.handle) -> ()
  %h2 = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  // expected-error@+1 {{'wsp.dispatch' op: domains = 65537 is more than 65536, the most scheduler domains a dispatch may name (a domain is a scheduler thread, cluster or core of the device, of which there are at most a few hundred); give the number of domains of the target, e.g. domains = 3 : i64}}
  "wsp.dispatch"(%h2) {policy = "round_robin", domains = 65537 : i64} : (!wsp.handle) -> ()
  return
}

// -----

func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  // expected-error@+1 {{'wsp.dispatch' op: policy 'affinity' needs a key operand (the value whose residue mod 3 picks the domain); add one, e.g. the loop index}}
  "wsp.dispatch"(%h) {policy = "affinity", domains = 3 : i64} : (!wsp.handle) -> ()
  return
}

// -----

func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  // expected-error@+1 {{'wsp.dispatch' op: policy 'hash' needs a key operand (the value whose hash mod 4 picks the domain); add one, e.g. the loop index}}
  "wsp.dispatch"(%h) {policy = "hash", domains = 4 : i64} : (!wsp.handle) -> ()
  return
}

// -----

func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main(%x: memref<16xf32>, %t: index) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  // expected-error@+1 {{'wsp.dispatch' op: policy 'round_robin' takes no key (got one of type 'index'); remove the key operand, or use policy "affinity" or "hash" to pick the domain from it}}
  "wsp.dispatch"(%h, %t) {policy = "round_robin", domains = 3 : i64} : (!wsp.handle, index) -> ()
  return
}

// -----

func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main(%x: memref<16xf32>, %t: index) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  // expected-error@+1 {{'wsp.dispatch' op: policy 'work_steal' takes no key (got one of type 'index')}}
  "wsp.dispatch"(%h, %t) {policy = "work_steal", domains = 3 : i64} : (!wsp.handle, index) -> ()
  return
}

// -----

func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  %key = arith.constant 7 : i128
  // expected-error@+1 {{'wsp.dispatch' op: key of type 'i128'; a key is an integer of at most 64 bits or index: convert it (e.g. with arith.trunci)}}
  "wsp.dispatch"(%h, %key) {policy = "hash", domains = 3 : i64} : (!wsp.handle, i128) -> ()
  return
}

// -----

func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main(%x: memref<16xf32>, %p: i1) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  %h = scf.if %p -> !wsp.handle {
    %h1 = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
    scf.yield %h1 : !wsp.handle
  } else {
    %h2 = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
    scf.yield %h2 : !wsp.handle
  }
  // expected-error@+1 {{'wsp.dispatch' op: the task operand is not the result of a wsp.task (it is the result of 'scf.if'); dispatch the handle that wsp.task returns}}
  "wsp.dispatch"(%h) {policy = "round_robin", domains = 3 : i64} : (!wsp.handle) -> ()
  return
}

// -----

func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  // expected-note@+1 {{first wsp.dispatch of the task here}}
  "wsp.dispatch"(%h) {policy = "round_robin", domains = 3 : i64} : (!wsp.handle) -> ()
  // expected-error@+1 {{'wsp.dispatch' op: this task is already dispatched; a task has one domain: remove one of the two wsp.dispatch ops}}
  "wsp.dispatch"(%h) {policy = "work_steal", domains = 3 : i64} : (!wsp.handle) -> ()
  return
}

//===--- task_window --------------------------------------------------------===//

// -----

func.func @main() attributes {wsp.workload} {
  return
}

func.func @p(%x: memref<16xf32>) attributes {wsp.process, wsp.access = ["in"]} {
  // expected-error@+1 {{'wsp.task_window' op: only a workload sets a task window, not @p (a process); move it to the top of the workload}}
  "wsp.task_window"() {size = 16 : i64, unit = "tasks", mode = "stall"} : () -> ()
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  // expected-note@+1 {{first task window here}}
  "wsp.task_window"() {size = 16 : i64, unit = "tasks", mode = "stall"} : () -> ()
  // expected-error@+1 {{'wsp.task_window' op: a second task window in workload @main; it bounds the whole run, so keep exactly one}}
  "wsp.task_window"() {size = 8 : i64, unit = "tasks", mode = "stall"} : () -> ()
  return
}

// -----

// Constants may come first (canonicalize hoists them above the window).
func.func @main() attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.addi %c0, %c1 : index
  "wsp.task_window"() {size = 16 : i64, unit = "tasks", mode = "stall"} : () -> ()
  return
}

// -----

func.func private @k(memref<4xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}
func.func @main(%x: memref<4xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %c1 step %c1 {
    %a = "wsp.in"(%x) : (memref<4xf32>) -> !wsp.arg
    // expected-note@+1 {{work submitted before the task window here}}
    %t = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  }
  // expected-error@+1 {{'wsp.task_window' op: must come before any task of workload @main (it is after 'wsp.task'); move it to the top of @main}}
  "wsp.task_window"() {size = 16 : i64, unit = "tasks", mode = "stall"} : () -> ()
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %c1 step %c1 {
    // expected-error@+1 {{'wsp.task_window' op: must be at the top level of workload @main, before any task (it is inside 'scf.for'); move it to the top of @main}}
    "wsp.task_window"() {size = 16 : i64, unit = "tasks", mode = "stall"} : () -> ()
  }
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{'wsp.task_window' op: size = 0 must be at least 1 (the number of tasks in flight)}}
  "wsp.task_window"() {size = 0 : i64, unit = "tasks", mode = "stall"} : () -> ()
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{'wsp.task_window' op: size = 16 : i32 must be an i64; write size = N : i64}}
  "wsp.task_window"() {size = 16 : i32, unit = "tasks", mode = "stall"} : () -> ()
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{'wsp.task_window' op: unknown unit "bytes"; the only unit is "tasks"}}
  "wsp.task_window"() {size = 16 : i64, unit = "bytes", mode = "stall"} : () -> ()
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{'wsp.task_window' op: unknown mode "block"; use one of "stall", "abort", "benchmark"}}
  "wsp.task_window"() {size = 16 : i64, unit = "tasks", mode = "block"} : () -> ()
  return
}

//===--- channels -----------------------------------------------------------===//

// -----

func.func @producer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  return
}

func.func @consumer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  return
}

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{'wsp.create_channel' op: capacity = -1 must be at least 0 (0 is a rendezvous channel)}}
  %c = "wsp.create_channel"() {name = "tiles", capacity = -1 : i64} : () -> !wsp.channel<i64>
  %p = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p) {process = @producer} : (!wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  return
}

// -----

func.func @producer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  return
}

func.func @consumer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  return
}

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{'wsp.create_channel' op: capacity = 2 : i32 must be an i64; write capacity = N : i64}}
  %c = "wsp.create_channel"() {name = "tiles", capacity = 2 : i32} : () -> !wsp.channel<i64>
  %p = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p) {process = @producer} : (!wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  return
}

// -----

func.func @producer(%c: !wsp.channel<i128>) attributes {wsp.process, wsp.access = ["out"]} {
  return
}

func.func @consumer(%c: !wsp.channel<i128>) attributes {wsp.process, wsp.access = ["in"]} {
  return
}

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{'wsp.create_channel' op: token type 'i128' is wider than 64 bits; a token travels as one 64-bit word: use an integer of at most 64 bits or index}}
  %c = "wsp.create_channel"() {name = "wide", capacity = 2 : i64} : () -> !wsp.channel<i128>
  %p = "wsp.out"(%c) : (!wsp.channel<i128>) -> !wsp.arg
  "wsp.spawn"(%p) {process = @producer} : (!wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i128>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  return
}

// -----

func.func @producer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  return
}

func.func @consumer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  return
}

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{'wsp.create_channel' op: empty name; name the channel (it appears in deadlock reports), e.g. name = "tiles"}}
  %c = "wsp.create_channel"() {name = "", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %p = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p) {process = @producer} : (!wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  return
}

// -----

func.func @producer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  return
}

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{'wsp.create_channel' op: channel "tiles" is received (passed as 'wsp.in') by 0 spawns; exactly one process receives from a channel: pass it with wsp.in to the spawn of its consumer}}
  %c = "wsp.create_channel"() {name = "tiles", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %p = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p) {process = @producer} : (!wsp.arg) -> ()
  return
}

// -----

func.func @producer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  return
}

func.func @consumer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  return
}

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{'wsp.create_channel' op: channel "tiles" is received (passed as 'wsp.in') by 2 spawns; exactly one process receives from a channel: give each consumer its own channel}}
  %c = "wsp.create_channel"() {name = "tiles", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %p = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p) {process = @producer} : (!wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  return
}

// -----

func.func @consumer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  return
}

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{'wsp.create_channel' op: channel "tiles" is sent on (passed as 'wsp.out') by no spawn; pass it with wsp.out to the spawn of its producer}}
  %c = "wsp.create_channel"() {name = "tiles", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  return
}

// -----

func.func @consumer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  return
}

func.func @main(%t: i64) attributes {wsp.workload} {
  // expected-error@+1 {{channel "tiles" is sent on (passed as 'wsp.out') by no spawn}}
  %c = "wsp.create_channel"() {name = "tiles", capacity = 2 : i64} : () -> !wsp.channel<i64>
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  // The workload itself is not a process.
  // expected-error@+1 {{'wsp.send' op: channel operations run only inside a process, not in @main (a workload); move it into a process and pass the channel to its wsp.spawn}}
  "wsp.send"(%c, %t) : (!wsp.channel<i64>, i64) -> ()
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  return
}

func.func @p(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  // expected-error@+1 {{'wsp.recv' op: receives from parameter #0 of process @p, which is declared "out"; a process receives from only its "in" channels: declare it "in" (and pass it with wsp.in)}}
  %ok, %tok = "wsp.recv"(%c) : (!wsp.channel<i64>) -> (i1, i64)
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  return
}

func.func @p(%t: i64, %c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["scalar", "in"]} {
  // expected-error@+1 {{'wsp.send' op: sends on parameter #1 of process @p, which is declared "in"; a process sends on and closes only its "out" channels: declare it "out" (and pass it with wsp.out)}}
  "wsp.send"(%c, %t) : (!wsp.channel<i64>, i64) -> ()
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  return
}

func.func @p(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  // expected-error@+1 {{'wsp.close' op: closes parameter #0 of process @p, which is declared "in"; a process sends on and closes only its "out" channels}}
  "wsp.close"(%c) : (!wsp.channel<i64>) -> ()
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  return
}

func.func @p() attributes {wsp.process, wsp.access = []} {
  // expected-error@+2 {{channel "own" is received (passed as 'wsp.in') by 0 spawns}}
  // expected-error@+1 {{channel "own" is sent on (passed as 'wsp.out') by no spawn}}
  %c = "wsp.create_channel"() {name = "own", capacity = 2 : i64} : () -> !wsp.channel<i64>
  // expected-error@+1 {{'wsp.recv' op: the channel is not a parameter of process @p (it is the result of 'wsp.create_channel'); a process uses only channels passed to it: add a parameter with mode "in"}}
  %ok, %tok = "wsp.recv"(%c) : (!wsp.channel<i64>) -> (i1, i64)
  return
}

//===--- host symbols -------------------------------------------------------===//

// -----

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{'wsp.symbol' op: empty name; a host symbol is bound by name (its id is the name's hash): name it, e.g. name = "seq_len"}}
  %n = "wsp.symbol"() {name = ""} : () -> i64
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{'wsp.symbol' op: symbol "big" has type 'i128'; a host symbol travels as one 64-bit word: use an integer of at most 64 bits, index, bf16, f16, f32 or f64}}
  %n = "wsp.symbol"() {name = "big"} : () -> i128
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  // expected-note@+1 {{symbol "seq_len" first used here with type 'i64'}}
  %n = "wsp.symbol"() {name = "seq_len"} : () -> i64
  return
}

func.func @helper() {
  // expected-error@+1 {{'wsp.symbol' op: symbol "seq_len" has type 'i32' here but 'i64' where it is first used; the host binds one value per name: use 'i64' and convert it after reading, or rename one of them}}
  %m = "wsp.symbol"() {name = "seq_len"} : () -> i32
  return
}

// -----

// Host symbols and slot reads are the workload's: a process gets its values
// from its spawn (the lowering cannot place either inside a process).
func.func @p(%x: memref<16xi32>) attributes {wsp.process, wsp.access = ["in"]} {
  // expected-error@+1 {{'wsp.symbol' op: not supported inside a process (@p): the orchestration runs processes as coroutines that get their values from their spawn; remedy: read the symbol in the workload and pass it to wsp.spawn as wsp.scalar}}
  %m = "wsp.symbol"() {name = "seq_len"} : () -> i64
  %c0 = arith.constant 0 : index
  // expected-error@+1 {{'wsp.slot_read' op: not supported inside a process (@p): the orchestration runs processes as coroutines that get their values from their spawn; remedy: read the slot in the workload, where slot reads become device-side guards}}
  %f = "wsp.slot_read"(%x, %c0) : (memref<16xi32>, index) -> i32
  return
}
func.func @main() attributes {wsp.workload} {
  return
}

//===--- slot reads ---------------------------------------------------------===//

// -----

func.func @main(%flags: memref<4x8xi32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  // expected-error@+1 {{'wsp.slot_read' op: 1 indices for a view of rank 2 ('memref<4x8xi32>'); give one index per dimension}}
  %v = "wsp.slot_read"(%flags, %c0) : (memref<4x8xi32>, index) -> i32
  return
}

// -----

func.func @main(%flags: memref<4x8xi32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  // expected-error@+1 {{'wsp.slot_read' op: result type 'f32' is not the element type 'i32' of 'memref<4x8xi32>'; read a 'i32' (or an 'i1' to test it for non-zero)}}
  %v = "wsp.slot_read"(%flags, %c0, %c0) : (memref<4x8xi32>, index, index) -> f32
  return
}

// -----

func.func @main(%xs: memref<4xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  // An i1 tests an integer for non-zero; a float has no such reading.
  // expected-error@+1 {{'wsp.slot_read' op: result type 'i1' is not the element type 'f32' of 'memref<4xf32>'; read a 'f32'}}
  %v = "wsp.slot_read"(%xs, %c0) : (memref<4xf32>, index) -> i1
  return
}

// -----

// expected-error@+1 {{'func.func' op: workload @main: parameter #0 has element type 'i128', which the emitter and the runtime do not support for tensors}}
func.func @main(%xs: memref<4xi128>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  // expected-error@+1 {{'wsp.slot_read' op: result type 'i128' is wider than 64 bits; a slot holds one 64-bit word: store the value in a tensor of an integer of at most 64 bits, index, bf16, f16, f32 or f64}}
  %v = "wsp.slot_read"(%xs, %c0) : (memref<4xi128>, index) -> i128
  return
}

//===--- tile bounds --------------------------------------------------------===//

// -----

// An offset passed as an SSA constant (MLIR's own verifier checks only the
// offsets written as attributes).
func.func @main(%x: memref<4x64xf32>) attributes {wsp.workload} {
  %c60 = arith.constant 60 : index
  // expected-error@+1 {{'memref.subview' op: the tile leaves its tensor in dimension 1: offset 60 + size 8 = 68 exceeds the extent 64 of 'memref<4x64xf32>'; a tile must lie inside its tensor (the device would access memory past it): make the tile end at or before the extent}}
  %v = memref.subview %x[0, %c60] [4, 8] [1, 1] : memref<4x64xf32> to memref<4x8xf32, strided<[64, 1], offset: ?>>
  return
}

// -----

// An offset computed from a statically bounded loop's induction variable:
// its largest value, 4 * 16, is out of bounds.
func.func @main(%x: memref<64xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c5 = arith.constant 5 : index
  %c16 = arith.constant 16 : index
  // expected-note@+1 {{the offset depends on the induction variable of this loop, which runs from 0 to 4}}
  scf.for %t = %c0 to %c5 step %c1 {
    %off = arith.muli %t, %c16 : index
    // expected-error@+1 {{'memref.subview' op: the tile leaves its tensor in dimension 0: offset up to 64 + size 16 = 80 exceeds the extent 64 of 'memref<64xf32>'; a tile must lie inside its tensor (the device would access memory past it): bound the loop so that the last tile ends at or before the extent, or make the tile or the tensor fit}}
    %v = memref.subview %x[%off] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1], offset: ?>>
  }
  return
}

// -----

// A negative offset, in a process (loop from 0 to 6 step 2, offset t - 1).
func.func @p(%x: memref<64xf32>) attributes {wsp.process, wsp.access = ["in"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c6 = arith.constant 6 : index
  // expected-note@+1 {{the offset depends on the induction variable of this loop, which runs from 0 to 4}}
  scf.for %t = %c0 to %c6 step %c2 {
    %off = arith.subi %t, %c1 : index
    // expected-error@+1 {{'memref.subview' op: the tile leaves its tensor in dimension 0: offset down to -1 is negative, before the start of 'memref<64xf32>'; a tile must lie inside its tensor (the device would access memory outside it): make the offset at least 0}}
    %v = memref.subview %x[%off] [8] [1] : memref<64xf32> to memref<8xf32, strided<[1], offset: ?>>
  }
  return
}
func.func @main(%x: memref<64xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<64xf32>) -> !wsp.arg
  "wsp.spawn"(%a) {process = @p} : (!wsp.arg) -> ()
  return
}

// -----

// A stride: the tile's last element is at offset + (size - 1) * stride.
func.func @main(%x: memref<64xf32>) attributes {wsp.workload} {
  %c8 = arith.constant 8 : index
  // expected-error@+2 {{'memref.subview' op: the tile leaves its tensor in dimension 0: offset 8 + (size 8 - 1) * stride 8 = 64, its last index, is not below the extent 64 of 'memref<64xf32>'; a tile must lie inside its tensor (the device would access memory past it): make the tile end at or before the extent}}
  // expected-error@+1 {{'memref.subview' op: dimension 0 of the tile has stride 8; the runtime addresses a tile by offsets and a shape, with unit strides (Tensor::view on both targets): use stride 1 and pick the elements inside the kernel}}
  %v = memref.subview %x[%c8] [8] [8] : memref<64xf32> to memref<8xf32, strided<[8], offset: ?>>
  return
}

// -----

// Not errors, not warnings: tiles the interval analysis proves inside. A
// subview guarded by scf.if on its offset (the guard keeps the last
// iterations out), a loop that never runs, and tiles that fit exactly.
func.func @main(%x: memref<4x64xf32>, %n: index) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %true = arith.constant true
  scf.for %t = %c0 to %c8 step %c1 {
    %in = arith.cmpi ult, %t, %c4 : index
    scf.if %in {
      %v = memref.subview %x[%t, 0] [1, 64] [1, 1] : memref<4x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    }
  }
  scf.for %t = %c8 to %c4 step %c1 {
    %v = memref.subview %x[%t, 0] [1, 64] [1, 1] : memref<4x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
  }
  scf.for %t = %c0 to %c4 step %c1 {
    %off = arith.muli %t, %c8 : index
    %v = memref.subview %x[%t, %off] [1, 40] [1, 1] : memref<4x64xf32> to memref<1x40xf32, strided<[64, 1], offset: ?>>
  }
  return
}

// -----

// Warnings, not errors: what the analysis cannot bound (an offset from a
// run-time value, a loop-carried offset that grows) is "cannot prove the
// tile in bounds", with a note where the unbounded value comes from.
// expected-note@+1 {{the analysis cannot bound a function argument (known only at run time) here}}
func.func @main(%x: memref<4x64xf32>, %n: index) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  // expected-warning@+1 {{'memref.subview' op: cannot prove the tile in bounds in dimension 0 of 'memref<4x64xf32>': the offset ranges over [-9223372036854775808, 9223372036854775807] (it depends on a function argument (known only at run time)), which includes negative values; a tile outside its tensor makes the device access memory outside it: bound the offset (clamp it with arith.minsi/arith.maxsi, or guard the tile with scf.if on an arith.cmpi of the offset) or the values it depends on}}
  %w = memref.subview %x[%n, 0] [1, 64] [1, 1] : memref<4x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
  // expected-note@+1 {{the analysis cannot bound a loop-carried value (scf.for iter_args) not bounded by its initial value here}}
  %r = scf.for %t = %c0 to %c8 step %c1 iter_args(%o = %c0) -> (index) {
    // expected-warning@+1 {{cannot prove the tile in bounds in dimension 0 of 'memref<4x64xf32>'}}
    %v = memref.subview %x[%o, 0] [1, 64] [1, 1] : memref<4x64xf32> to memref<1x64xf32, strided<[64, 1], offset: ?>>
    %next = arith.addi %o, %c1 : index
    scf.yield %next : index
  }
  return
}

//===--- several errors in one run ------------------------------------------===//

// -----

// Every violation is reported, not just the first.
func.func private @k(memref<16xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}

func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {
  // expected-error@+1 {{unknown mode "block"}}
  "wsp.task_window"() {size = 16 : i64, unit = "tasks", mode = "block"} : () -> ()
  %a = "wsp.in"(%x) : (memref<16xf32>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  // expected-error@+2 {{unknown policy "random"}}
  // expected-error@+1 {{domains = 0 must be at least 1}}
  "wsp.dispatch"(%h) {policy = "random", domains = 0 : i64} : (!wsp.handle) -> ()
  // expected-error@+1 {{symbol "big" has type 'i128'}}
  %n = "wsp.symbol"() {name = "big"} : () -> i128
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{'wsp.symbol' op: the name has a control byte (0x0a at byte 3); host symbol names are bound as text by the host: use printable characters}}
  %n = "wsp.symbol"() {name = "seq\0Alen"} : () -> i64
  return
}

// -----

// expected-error@+1 {{'func.func' op: the name of a kernel, process or workload must be a C identifier ([A-Za-z_][A-Za-z0-9_]*): it names the artifact's files and C++ symbols; rename the function}}
func.func private @"k/../evil"(memref<4xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}
func.func @main() attributes {wsp.workload} {
  return
}
