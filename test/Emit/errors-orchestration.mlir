// Errors the emitter reports while printing the orchestration: tensors,
// views, submits, and ops that have no runtime call.
// RUN: wsp-translate --taskring-to-pto-runtime --no-verify --split-input-file --verify-diagnostics %s

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    // expected-error @+1 {{'taskring.tensor_alloc' needs a shape of 1 to 5 positive extents and a runtime dtype (float32, float16, bfloat16, int8/16/32/64, uint8, uint64), got dtype 'float64'}}
    %t = "taskring.tensor_alloc"() {shape = array<i64: 4>, dtype = "float64"} : () -> !taskring.tensor
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    // expected-error @+1 {{'taskring.tensor_alloc' needs a shape of 1 to 5 positive extents}}
    %t = "taskring.tensor_alloc"() {shape = array<i64: 4, 0>, dtype = "float32"} : () -> !taskring.tensor
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main(%x: memref<8x8xf32>) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<8x8xf32>) -> !taskring.tensor
    // expected-error @+1 {{'taskring.view' needs a taskring tensor base and one size per dimension of it}}
    %v = "taskring.view"(%t) {sizes = array<i64: 8>, static_offsets = array<i64: 0>} : (!taskring.tensor) -> !taskring.tensor
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main(%x: memref<8x8xf32>) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<8x8xf32>) -> !taskring.tensor
    // expected-error @+1 {{'taskring.view' needs one static_offsets entry per dimension of its base}}
    %v = "taskring.view"(%t) {sizes = array<i64: 4, 8>, static_offsets = array<i64: 0>} : (!taskring.tensor) -> !taskring.tensor
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main(%x: memref<8x8xf32>) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<8x8xf32>) -> !taskring.tensor
    // expected-error @+1 {{'taskring.view' sizes must be positive and fit in the base tensor}}
    %v = "taskring.view"(%t) {sizes = array<i64: 16, 8>, static_offsets = array<i64: 0, 0>} : (!taskring.tensor) -> !taskring.tensor
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main(%x: memref<8x8xf32>) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<8x8xf32>) -> !taskring.tensor
    // expected-error @+1 {{'taskring.view' is out of bounds of its base tensor}}
    %v = "taskring.view"(%t) {sizes = array<i64: 4, 8>, static_offsets = array<i64: 6, 0>} : (!taskring.tensor) -> !taskring.tensor
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main(%x: memref<8x8xf32>) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<8x8xf32>) -> !taskring.tensor
    // expected-error @+1 {{'taskring.view' has fewer offset operands than dynamic offsets}}
    %v = "taskring.view"(%t) {sizes = array<i64: 4, 8>, static_offsets = array<i64: -9223372036854775808, 0>} : (!taskring.tensor) -> !taskring.tensor
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main(%x: memref<8x8xf32>) attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<8x8xf32>) -> !taskring.tensor
    // expected-error @+1 {{'taskring.view' has more offset operands than dynamic offsets}}
    %v = "taskring.view"(%t, %c0) {sizes = array<i64: 4, 8>, static_offsets = array<i64: 0, 0>} : (!taskring.tensor, index) -> !taskring.tensor
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main(%x: memref<8x8xf32>) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<8x8xf32>) -> !taskring.tensor
    %p = "taskring.input"(%t) : (!taskring.tensor) -> !taskring.param
    // expected-error @+1 {{'taskring.submit' names no 'taskring.kernel'}}
    %h = "taskring.submit"(%p) {func_id = 0 : i64, kernel = @nothing, worker = "aiv"} : (!taskring.param) -> !taskring.task
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in", "scalar"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  func.func @main(%x: memref<8x8xf32>, %s: f32) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<8x8xf32>) -> !taskring.tensor
    %p = "taskring.input"(%t) : (!taskring.tensor) -> !taskring.param
    %q = "taskring.scalar"(%s) : (f32) -> !taskring.param
    // expected-error @+1 {{'taskring.submit' of kernel 'k': func_id and worker must repeat the kernel's (0, aiv)}}
    %h = "taskring.submit"(%p, %q) {func_id = 0 : i64, kernel = @k, worker = "aic"} : (!taskring.param, !taskring.param) -> !taskring.task
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in", "scalar"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  func.func @main(%x: memref<8x8xf32>) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<8x8xf32>) -> !taskring.tensor
    %p = "taskring.input"(%t) : (!taskring.tensor) -> !taskring.param
    // expected-error @+1 {{'taskring.submit' of kernel 'k': 1 params for a kernel with 2 parameters}}
    %h = "taskring.submit"(%p) {func_id = 0 : i64, kernel = @k, worker = "aiv"} : (!taskring.param) -> !taskring.task
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in", "scalar"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  func.func @main(%x: memref<8x8xf32>, %s: f32) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<8x8xf32>) -> !taskring.tensor
    %p = "taskring.output"(%t) : (!taskring.tensor) -> !taskring.param
    %q = "taskring.scalar"(%s) : (f32) -> !taskring.param
    // expected-error @+1 {{'taskring.submit' of kernel 'k': param 0 does not match the kernel's mode "in"}}
    %h = "taskring.submit"(%p, %q) {func_id = 0 : i64, kernel = @k, worker = "aiv"} : (!taskring.param, !taskring.param) -> !taskring.task
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in", "in", "in", "in", "in", "in", "in", "in", "in", "in", "in", "in", "in", "in", "in", "in", "in"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  func.func @main(%x: memref<8x8xf32>) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<8x8xf32>) -> !taskring.tensor
    %p = "taskring.input"(%t) : (!taskring.tensor) -> !taskring.param
    // expected-error @+1 {{'taskring.submit' of kernel 'k': 17 params: the runtime takes at most 16 per task}}
    %h = "taskring.submit"(%p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p, %p) {func_id = 0 : i64, kernel = @k, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param) -> !taskring.task
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @body(%a: memref<8xf32>) {
    return
  }
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in"], impl = "generated", source = @body} : () -> ()
  func.func @main(%x: memref<8x8xf32>) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<8x8xf32>) -> !taskring.tensor
    %p = "taskring.input"(%t) : (!taskring.tensor) -> !taskring.param
    // expected-error @+1 {{'taskring.submit' of kernel 'k': param 0 is a rank-2 view but the kernel parameter has rank 1 (rank-reducing views are not supported by the emitter)}}
    %h = "taskring.submit"(%p) {func_id = 0 : i64, kernel = @k, worker = "aiv"} : (!taskring.param) -> !taskring.task
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 3 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "host_build_graph", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in", "in", "in", "in", "in", "in"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  func.func @main(%x: memref<2x2x2xf32>) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<2x2x2xf32>) -> !taskring.tensor
    %p = "taskring.input"(%t) : (!taskring.tensor) -> !taskring.param
    // expected-error @+1 {{'taskring.submit' of kernel 'k': needs 18 add_task arguments (a pointer and rank-1 strides per tensor, one per scalar); host_build_graph takes at most 16}}
    %h = "taskring.submit"(%p, %p, %p, %p, %p, %p) {func_id = 0 : i64, kernel = @k, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param, !taskring.param) -> !taskring.task
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = [], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    %a = "taskring.submit"() {func_id = 0 : i64, kernel = @k, worker = "aiv"} : () -> !taskring.task
    %b = "taskring.submit"() {func_id = 0 : i64, kernel = @k, worker = "aiv"} : () -> !taskring.task
    // expected-error @+1 {{'taskring.edge' has no tensormap_and_ringbuffer call at 41d5c94a (no explicit-edge API): dependencies must come from param modes}}
    "taskring.edge"(%a, %b) : (!taskring.task, !taskring.task) -> ()
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main(%x: memref<8xf32>) attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    // expected-error @+1 {{op 'memref.load' is not supported in the orchestration for runtime tensormap_and_ringbuffer}}
    %v = memref.load %x[%c0] : memref<8xf32>
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    // scf.while is emitted without loop-carried values (a process's recv
    // loop); values carried around the loop are not.
    // expected-error @+1 {{op 'scf.while' is not supported in the orchestration for runtime tensormap_and_ringbuffer: scf.while with loop-carried values; remedy: carry the value in an scf.for, or recompute it in the before region}}
    %r = scf.while (%i = %c0) : (index) -> index {
      %f = arith.constant false
      scf.condition(%f) %i : index
    } do {
    ^bb0(%j: index):
      scf.yield %j : index
    }
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    // expected-error @+1 {{op 'arith.constant' is not supported in the orchestration for runtime tensormap_and_ringbuffer: values of type vector<4xf32> have no C++ form here}}
    %v = arith.constant dense<1.0> : vector<4xf32>
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main(%x: f16) attributes {taskring.orchestration} {
    return
  }
}
// expected-error @-4 {{orchestration argument 0 has type f16; arguments are tensors (memref) or integer, index, f32 or f64 scalars}}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = [], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    %key = arith.constant 5 : i64
    %a = "taskring.submit"() {func_id = 0 : i64, kernel = @k, worker = "aiv"} : () -> !taskring.task
    // expected-error @+1 {{'taskring.dispatch' still carries its raw key (wsp.unassigned): run wsp-assign-domains before emitting}}
    "taskring.dispatch"(%a, %key) {domains = 3 : i64, policy = "hash", wsp.unassigned} : (!taskring.task, i64) -> ()
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  func.func @main(%x: memref<8xf32>) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<8xf32>) -> !taskring.tensor
    %p = "taskring.input"(%t) : (!taskring.tensor) -> !taskring.param
    // expected-error @+1 {{'taskring.submit' of kernel 'k': param 1 does not match the kernel's mode "inout"}}
    %a = "taskring.submit"(%p, %p) {func_id = 0 : i64, kernel = @k, worker = "aiv", wsp.serialized} : (!taskring.param, !taskring.param) -> !taskring.task
    return
  }
}
