// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-lower-to-taskring{target=pto-runtime-41d5c94a},taskring-predicate-slots)'

func.func private @k(memref<8xf32, strided<[1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "k.cpp"}
func.func @main(%n: memref<1xi64>, %y: memref<64xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %raw = "wsp.slot_read"(%n, %c0) : (memref<1xi64>, index) -> i64
  %len = arith.index_cast %raw : i64 to index
  // expected-error@+1 {{'scf.for' op: uses a value read from device data (wsp.slot_read), which pto-runtime 41d5c94a cannot deliver to the orchestration; slot values may only decide an scf.if (predicated on device), be passed unchanged as a task scalar, or key a dispatch — for a loop bound or an offset, give the host the value as a wsp.symbol instead}}
  scf.for %i = %c0 to %len step %c1 {
    %v = memref.subview %y[%i] [8] [1] : memref<64xf32> to memref<8xf32, strided<[1], offset: ?>>
    %a = "wsp.out"(%v) : (memref<8xf32, strided<[1], offset: ?>>) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  }
  return
}

// -----

func.func @main(%f: memref<1xi32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %v = "wsp.slot_read"(%f, %c0) : (memref<1xi32>, index) -> i32
  %z = arith.constant 0 : i32
  %c = arith.cmpi eq, %v, %z : i32
  // expected-error@+1 {{'scf.if' op: its condition depends on a slot read (device data), so both branches are submitted and guarded on device; such an scf.if cannot yield values to the host}}
  %r = scf.if %c -> (i32) {
    scf.yield %z : i32
  } else {
    scf.yield %v : i32
  }
  return
}
