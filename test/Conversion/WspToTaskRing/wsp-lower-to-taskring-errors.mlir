// RUN: wsp-opt %s --split-input-file --verify-diagnostics --wsp-lower-to-taskring=target=pto-runtime-41d5c94a

// expected-error@+1 {{the module has no function with 'wsp.workload'}}
module {
  func.func @f() { return }
}

// -----

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{'wsp.task_window' op: size 12 cannot be honoured on tensormap_and_ringbuffer: pto-runtime 41d5c94a needs PTO2_RING_TASK_WINDOW to be a power of two >= 4, and wsp never rounds it silently; use size = 8 or 16}}
  "wsp.task_window"() {size = 12 : i64, unit = "tasks", mode = "stall"} : () -> ()
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{size 2 cannot be honoured}}
  "wsp.task_window"() {size = 2 : i64, unit = "tasks", mode = "stall"} : () -> ()
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  // expected-warning@+1 {{mode 'abort' is diagnosed, not enforced: pto-runtime 41d5c94a can only stall submission when the window is full, so the window of 16 tasks behaves as mode 'stall'}}
  "wsp.task_window"() {size = 16 : i64, unit = "tasks", mode = "abort"} : () -> ()
  return
}

// -----

func.func private @k(memref<?x64xf32, strided<[64, 1]>>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}
func.func @main(%x: memref<64x64xf32>, %n: index) attributes {wsp.workload} {
  // expected-error@+1 {{'memref.subview' op: dimension 0 has a dynamic size; task tile views must have static sizes and unit strides}}
  %v = memref.subview %x[0, 0] [%n, 64] [1, 1] : memref<64x64xf32> to memref<?x64xf32, strided<[64, 1]>>
  %a = "wsp.in"(%v) : (memref<?x64xf32, strided<[64, 1]>>) -> !wsp.arg
  %t = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

func.func private @k(memref<16x64xf32, strided<[128, 1]>>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}
func.func @main(%x: memref<64x64xf32>) attributes {wsp.workload} {
  // expected-error@+1 {{dimension 0 has a non-unit stride}}
  %v = memref.subview %x[0, 0] [16, 64] [2, 1] : memref<64x64xf32> to memref<16x64xf32, strided<[128, 1]>>
  %a = "wsp.in"(%v) : (memref<16x64xf32, strided<[128, 1]>>) -> !wsp.arg
  %t = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

func.func @main(%x: memref<64xf32>) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  // expected-error@+1 {{'memref.load' op: a workload cannot access tensor data on the host}}
  %v = memref.load %x[%c0] : memref<64xf32>
  return
}


// -----

func.func private @k(memref<4x4xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}
func.func @main(%x: memref<4x4xf32>, %d: index) attributes {wsp.workload} {
  // expected-error@+1 {{'memref.alloc' op: an intermediate tensor needs a static shape}}
  %m = memref.alloc(%d) : memref<?x4xf32>
  return
}

// -----

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{'wsp.task_window' op: size 9223372036854775807 is larger than the task ring can hold: pto-runtime 41d5c94a keeps the window in an int32 (pto_ring_buffer.h), at most 1073741824 tasks; use a power of two <= 1073741824}}
  "wsp.task_window"() {size = 9223372036854775807 : i64, unit = "tasks", mode = "stall"} : () -> ()
  return
}
