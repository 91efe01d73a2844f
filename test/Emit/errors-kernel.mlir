// Errors the emitter reports while printing kernels.
// RUN: wsp-translate --taskring-to-pto-runtime --no-verify --split-input-file --verify-diagnostics %s

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @body(%a: memref<8xf32>, %b: memref<8xf32>) {
    %c0 = arith.constant 0 : index
    %v = memref.load %b[%c0] : memref<8xf32>
    // expected-error @+1 {{kernel 'k' stores into a parameter whose mode is "in"; make it "out" or "inout"}}
    memref.store %v, %a[%c0] : memref<8xf32>
    return
  }
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in", "out"], impl = "generated", source = @body} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @body(%a: memref<8xf32>) {
    %c0 = arith.constant 0 : index
    // expected-error @+1 {{op 'memref.subview' is not supported in the kernel 'k' for runtime tensormap_and_ringbuffer}}
    %s = memref.subview %a[0] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1]>>
    return
  }
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "generated", source = @body} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @body(%a: memref<8xf32>, %n: index) {
    // expected-error @+1 {{'memref.alloca' in a kernel needs a static shape of at most 65536 elements of a scalar type}}
    %s = memref.alloca(%n) : memref<?xf32>
    return
  }
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["out", "scalar"], impl = "generated", source = @body} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{kernel 'k' parameter 0 has type memref<8xf16>, which has no C++ form in a kernel for runtime tensormap_and_ringbuffer}}
  func.func @body(%a: memref<8xf16>) {
    return
  }
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "generated", source = @body} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @body(%a: memref<8xf32>, %x: f32) {
    // expected-error @+1 {{op 'arith.bitcast' is not supported in the kernel 'k' for runtime tensormap_and_ringbuffer}}
    %b = arith.bitcast %x : f32 to i32
    return
  }
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["out", "scalar"], impl = "generated", source = @body} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @body(%a: memref<8xf32>, %x: i64) {
    // expected-error @+1 {{op 'arith.extsi' is not supported in the kernel 'k' for runtime tensormap_and_ringbuffer: values of type i128 have no C++ form here}}
    %w = arith.extsi %x : i64 to i128
    return
  }
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["out", "scalar"], impl = "generated", source = @body} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{kernel 'k': cannot read its source file 'Inputs/missing_kernel.cpp' (resolved to '}}
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "source", source = "Inputs/missing_kernel.cpp"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error-re @+1 {{kernel 'k': cannot read its source file 'Inputs' (resolved to '{{.*}}Inputs'): not a regular file}}
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "source", source = "Inputs"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @body(%a: memref<8xf32>) {
    // expected-error @+1 {{'memref.alloca' in a kernel needs a static shape of at most 65536 elements of a scalar type}}
    %s = memref.alloca() : memref<2305843009213693952x4xf32>
    return
  }
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "generated", source = @body} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    return
  }
}
