// Errors the emitter reports for malformed kernel variants (docs/slots.md):
// each is located and says what is wrong, instead of printing C++ that would
// not compile or would read the wrong argument.
// RUN: wsp-translate --taskring-to-pto-runtime --no-verify --split-input-file --verify-diagnostics %s

// A guard term must name a guard function.
module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["scalar"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  // expected-error @+1 {{kernel variant 'k_v0': a guard term's 'fn' must name a func.func with 'taskring.guard', a body, 'params' arguments and one i1 result}}
  "taskring.kernel"() {sym_name = "k_v0", func_id = 1 : i64, worker = "aiv", modes = ["scalar", "in"], impl = "source", source = "Inputs/user_kernel.cpp", base = @k, base_params = 1 : i64, slot_scalars = array<i64>, guards = [{fn = @not_a_guard, negate = false, params = 1 : i64}]} : () -> ()
  func.func private @not_a_guard(%x: i32) -> i1 {
    %c = arith.trunci %x : i32 to i1
    return %c : i1
  }
  func.func @main() attributes {taskring.orchestration} {
    return
  }
}

// -----

// The params must be the base kernel's followed by the guard inputs.
module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["scalar"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  // expected-error @+1 {{kernel variant 'k_v0': its params must be the base kernel's ('base_params') followed by each guard term's inputs ('params'), one mode each}}
  "taskring.kernel"() {sym_name = "k_v0", func_id = 1 : i64, worker = "aiv", modes = ["scalar", "in", "in"], impl = "source", source = "Inputs/user_kernel.cpp", base = @k, base_params = 1 : i64, slot_scalars = array<i64>, guards = [{fn = @g, negate = false, params = 1 : i64}]} : () -> ()
  func.func private @g(%x: i32) -> i1 attributes {taskring.guard} {
    %c = arith.trunci %x : i32 to i1
    return %c : i1
  }
  func.func @main() attributes {taskring.orchestration} {
    return
  }
}

// -----

// A variant no task runs: the types of its inputs are unknown.
module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["scalar"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  // expected-error @+1 {{kernel variant 'k_v0': no 'taskring.submit' runs it, so the types of its slot and guard inputs are unknown}}
  "taskring.kernel"() {sym_name = "k_v0", func_id = 1 : i64, worker = "aiv", modes = ["scalar", "in"], impl = "source", source = "Inputs/user_kernel.cpp", base = @k, base_params = 1 : i64, slot_scalars = array<i64>, guards = [{fn = @g, negate = false, params = 1 : i64}]} : () -> ()
  func.func private @g(%x: i32) -> i1 attributes {taskring.guard} {
    %c = arith.trunci %x : i32 to i1
    return %c : i1
  }
  func.func @main() attributes {taskring.orchestration} {
    return
  }
}

// -----

// The base must be an ordinary kernel with base_params params.
module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["scalar", "scalar"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  // expected-error @+1 {{kernel variant 'k_v0': 'base' must name an ordinary kernel with 'base_params' parameters and the same impl}}
  "taskring.kernel"() {sym_name = "k_v0", func_id = 1 : i64, worker = "aiv", modes = ["scalar", "in"], impl = "source", source = "Inputs/user_kernel.cpp", base = @k, base_params = 1 : i64, slot_scalars = array<i64>, guards = [{fn = @g, negate = false, params = 1 : i64}]} : () -> ()
  func.func private @g(%x: i32) -> i1 attributes {taskring.guard} {
    %c = arith.trunci %x : i32 to i1
    return %c : i1
  }
  func.func @main(%t: memref<4xi32>) attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : i64
    %tt = "taskring.tensor_external"(%t) {index = 0 : i64, name = "t"} : (memref<4xi32>) -> !taskring.tensor
    %e = "taskring.view"(%tt, %c0) {sizes = array<i64: 1>, static_offsets = array<i64: -9223372036854775808>} : (!taskring.tensor, index) -> !taskring.tensor
    %p0 = "taskring.scalar"(%c1) : (i64) -> !taskring.param
    %p1 = "taskring.input"(%e) : (!taskring.tensor) -> !taskring.param
    %h = "taskring.submit"(%p0, %p1) {func_id = 1 : i64, kernel = @k_v0, worker = "aiv"} : (!taskring.param, !taskring.param) -> !taskring.task
    return
  }
}

// -----

// A guard input must be one element, readable as the guard's argument.
module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["scalar"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  // expected-error @+1 {{kernel variant 'k_v0' param 1: a slot input must be a one-element view of a tensor}}
  "taskring.kernel"() {sym_name = "k_v0", func_id = 1 : i64, worker = "aiv", modes = ["scalar", "in"], impl = "source", source = "Inputs/user_kernel.cpp", base = @k, base_params = 1 : i64, slot_scalars = array<i64>, guards = [{fn = @g, negate = false, params = 1 : i64}]} : () -> ()
  func.func private @g(%x: i32) -> i1 attributes {taskring.guard} {
    %c = arith.trunci %x : i32 to i1
    return %c : i1
  }
  func.func @main(%t: memref<4xi32>) attributes {taskring.orchestration} {
    %c1 = arith.constant 1 : i64
    %tt = "taskring.tensor_external"(%t) {index = 0 : i64, name = "t"} : (memref<4xi32>) -> !taskring.tensor
    %p0 = "taskring.scalar"(%c1) : (i64) -> !taskring.param
    %p1 = "taskring.input"(%tt) : (!taskring.tensor) -> !taskring.param
    %h = "taskring.submit"(%p0, %p1) {func_id = 1 : i64, kernel = @k_v0, worker = "aiv"} : (!taskring.param, !taskring.param) -> !taskring.task
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["scalar"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  // expected-error @+1 {{kernel variant 'k_v0' param 1: the element's type cannot be read as the value the variant needs (the same type, or i1 for an integer element)}}
  "taskring.kernel"() {sym_name = "k_v0", func_id = 1 : i64, worker = "aiv", modes = ["scalar", "in"], impl = "source", source = "Inputs/user_kernel.cpp", base = @k, base_params = 1 : i64, slot_scalars = array<i64>, guards = [{fn = @g, negate = false, params = 1 : i64}]} : () -> ()
  func.func private @g(%x: i32) -> i1 attributes {taskring.guard} {
    %c = arith.trunci %x : i32 to i1
    return %c : i1
  }
  func.func @main(%t: memref<4xf32>) attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : i64
    %tt = "taskring.tensor_external"(%t) {index = 0 : i64, name = "t"} : (memref<4xf32>) -> !taskring.tensor
    %e = "taskring.view"(%tt, %c0) {sizes = array<i64: 1>, static_offsets = array<i64: -9223372036854775808>} : (!taskring.tensor, index) -> !taskring.tensor
    %p0 = "taskring.scalar"(%c1) : (i64) -> !taskring.param
    %p1 = "taskring.input"(%e) : (!taskring.tensor) -> !taskring.param
    %h = "taskring.submit"(%p0, %p1) {func_id = 1 : i64, kernel = @k_v0, worker = "aiv"} : (!taskring.param, !taskring.param) -> !taskring.task
    return
  }
}

// -----

// A slot scalar needs its type; every submit of one variant passes the same.
module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["scalar"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  // expected-error @+1 {{kernel variant 'k_v0' param 0: a slot scalar's input needs 'taskring.slot_scalar = <type>'}}
  "taskring.kernel"() {sym_name = "k_v0", func_id = 1 : i64, worker = "aiv", modes = ["in"], impl = "source", source = "Inputs/user_kernel.cpp", base = @k, base_params = 1 : i64, slot_scalars = array<i64: 0>, guards = []} : () -> ()
  func.func @main(%t: memref<4xi32>) attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %tt = "taskring.tensor_external"(%t) {index = 0 : i64, name = "t"} : (memref<4xi32>) -> !taskring.tensor
    %e = "taskring.view"(%tt, %c0) {sizes = array<i64: 1>, static_offsets = array<i64: -9223372036854775808>} : (!taskring.tensor, index) -> !taskring.tensor
    %p0 = "taskring.input"(%e) : (!taskring.tensor) -> !taskring.param
    %h = "taskring.submit"(%p0) {func_id = 1 : i64, kernel = @k_v0, worker = "aiv"} : (!taskring.param) -> !taskring.task
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["scalar"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  "taskring.kernel"() {sym_name = "k_v0", func_id = 1 : i64, worker = "aiv", modes = ["in"], impl = "source", source = "Inputs/user_kernel.cpp", base = @k, base_params = 1 : i64, slot_scalars = array<i64: 0>, guards = []} : () -> ()
  func.func @main(%t: memref<4xi32>, %u: memref<4xi64>) attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %tt = "taskring.tensor_external"(%t) {index = 0 : i64, name = "t"} : (memref<4xi32>) -> !taskring.tensor
    %tu = "taskring.tensor_external"(%u) {index = 1 : i64, name = "u"} : (memref<4xi64>) -> !taskring.tensor
    %e = "taskring.view"(%tt, %c0) {sizes = array<i64: 1>, static_offsets = array<i64: -9223372036854775808>} : (!taskring.tensor, index) -> !taskring.tensor
    %p0 = "taskring.input"(%e) {taskring.slot_scalar = i32} : (!taskring.tensor) -> !taskring.param
    %h = "taskring.submit"(%p0) {func_id = 1 : i64, kernel = @k_v0, worker = "aiv"} : (!taskring.param) -> !taskring.task
    %f = "taskring.view"(%tu, %c0) {sizes = array<i64: 1>, static_offsets = array<i64: -9223372036854775808>} : (!taskring.tensor, index) -> !taskring.tensor
    %q0 = "taskring.input"(%f) {taskring.slot_scalar = i64} : (!taskring.tensor) -> !taskring.param
    // expected-error @+1 {{'taskring.submit' of kernel variant 'k_v0': param 0 differs in type, rank or slot type from an earlier submit of the same variant (its entry is compiled once)}}
    %g = "taskring.submit"(%q0) {func_id = 1 : i64, kernel = @k_v0, worker = "aiv"} : (!taskring.param) -> !taskring.task
    return
  }
}

// -----

// Guards are arith only: anything else has no total C++ form on device.
module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["scalar"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  "taskring.kernel"() {sym_name = "k_v0", func_id = 1 : i64, worker = "aiv", modes = ["scalar", "in"], impl = "source", source = "Inputs/user_kernel.cpp", base = @k, base_params = 1 : i64, slot_scalars = array<i64>, guards = [{fn = @g, negate = false, params = 1 : i64}]} : () -> ()
  func.func private @g(%x: i32) -> i1 attributes {taskring.guard} {
    // expected-error @+1 {{op 'math.absi' is not supported in the guard @g: a guard evaluated on device is arith only}}
    %a = math.absi %x : i32
    %c = arith.trunci %a : i32 to i1
    return %c : i1
  }
  func.func @main(%t: memref<4xi32>) attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : i64
    %tt = "taskring.tensor_external"(%t) {index = 0 : i64, name = "t"} : (memref<4xi32>) -> !taskring.tensor
    %e = "taskring.view"(%tt, %c0) {sizes = array<i64: 1>, static_offsets = array<i64: -9223372036854775808>} : (!taskring.tensor, index) -> !taskring.tensor
    %p0 = "taskring.scalar"(%c1) : (i64) -> !taskring.param
    %p1 = "taskring.input"(%e) : (!taskring.tensor) -> !taskring.param
    %h = "taskring.submit"(%p0, %p1) {func_id = 1 : i64, kernel = @k_v0, worker = "aiv"} : (!taskring.param, !taskring.param) -> !taskring.task
    return
  }
}
