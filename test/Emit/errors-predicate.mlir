// Errors the emitter reports for dispatch predicates (taskring.predicate) in
// hand-written taskring IR for target simpler-6ebaf771 (taskring-predicate-slots
// only makes them on i8..i64 elements of the workload's own tasks).
// RUN: wsp-translate --taskring-to-pto-runtime --target=simpler-6ebaf771 --no-verify --split-input-file --verify-diagnostics %s

// A float element: the scheduler compares integers.
module {
  "taskring.runtime"() {abi = "wsp-simpler-6ebaf771/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 16 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "fill.kernel", name = "fill", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  func.func @main(%y: memref<4xi32>, %g: memref<2xf32>) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%y) {index = 0 : i64, name = "y"} : (memref<4xi32>) -> !taskring.tensor
    %f = "taskring.tensor_external"(%g) {index = 1 : i64, name = "g"} : (memref<2xf32>) -> !taskring.tensor
    %e = "taskring.view"(%f) {static_offsets = array<i64: 1>, sizes = array<i64: 1>} : (!taskring.tensor) -> !taskring.tensor
    %p0 = "taskring.inout"(%t) : (!taskring.tensor) -> !taskring.param
    // expected-error @+1 {{'taskring.predicate' needs a one-element view of an i8, i16, i32 or i64 tensor (simpler's scheduler reads the element's 1, 2, 4 or 8 bytes and sign-extends them), got an element of another type; guard the task with a kernel variant instead (taskring-predicate-slots does for other elements)}}
    %pp = "taskring.predicate"(%e) {op = "gt", target = 0 : i64} : (!taskring.tensor) -> !taskring.param
    %k = "taskring.submit"(%p0, %pp) {kernel = @fill.kernel, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param) -> !taskring.task
    return
  }
}

// -----

// A view of two elements: which one would be compared?
module {
  "taskring.runtime"() {abi = "wsp-simpler-6ebaf771/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "host_build_graph", heap_bytes = 0 : i64, task_window = 16 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "fill.kernel", name = "fill", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  func.func @main(%y: memref<4xi32>, %g: memref<2xi32>) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%y) {index = 0 : i64, name = "y"} : (memref<4xi32>) -> !taskring.tensor
    %f = "taskring.tensor_external"(%g) {index = 1 : i64, name = "g"} : (memref<2xi32>) -> !taskring.tensor
    %p0 = "taskring.inout"(%t) : (!taskring.tensor) -> !taskring.param
    // expected-error @+1 {{'taskring.predicate' needs a one-element view of an i8, i16, i32 or i64 tensor (simpler's scheduler reads the element's 1, 2, 4 or 8 bytes and sign-extends them), got a view of more than one element;}}
    %pp = "taskring.predicate"(%f) {op = "gt", target = 0 : i64} : (!taskring.tensor) -> !taskring.param
    %k = "taskring.submit"(%p0, %pp) {kernel = @fill.kernel, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param) -> !taskring.task
    return
  }
}

// -----

// A bad comparison (taskring-verify reports it in detail; here it is skipped).
module {
  "taskring.runtime"() {abi = "wsp-simpler-6ebaf771/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 16 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "fill.kernel", name = "fill", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  func.func @main(%y: memref<4xi32>, %g: memref<2xi32>) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%y) {index = 0 : i64, name = "y"} : (memref<4xi32>) -> !taskring.tensor
    %f = "taskring.tensor_external"(%g) {index = 1 : i64, name = "g"} : (memref<2xi32>) -> !taskring.tensor
    %e = "taskring.view"(%f) {static_offsets = array<i64: 1>, sizes = array<i64: 1>} : (!taskring.tensor) -> !taskring.tensor
    %p0 = "taskring.inout"(%t) : (!taskring.tensor) -> !taskring.param
    // expected-error @+1 {{'taskring.predicate' needs 'op' "eq", "ne", "gt", "lt", "ge" or "le" and an integer 'target' (simpler's PredicateOp and int64 target); run taskring-verify for the details}}
    %pp = "taskring.predicate"(%e) {op = "ult", target = 0 : i64} : (!taskring.tensor) -> !taskring.param
    %k = "taskring.submit"(%p0, %pp) {kernel = @fill.kernel, func_id = 0 : i64, worker = "aiv"} : (!taskring.param, !taskring.param) -> !taskring.task
    return
  }
}

// -----

// Inside a process: the process does not track the element's writers.
module {
  "taskring.runtime"() {abi = "wsp-simpler-6ebaf771/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 16 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "wsp_alloc.kernel", name = "wsp_alloc", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "builtin", source = "alloc"} : () -> ()
  "taskring.kernel"() {sym_name = "fill.kernel", name = "fill", func_id = 1 : i64, worker = "aiv", modes = ["out"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  func.func @main(%y: memref<4xi32>) attributes {taskring.orchestration} {
    %t = "taskring.tensor_external"(%y) {index = 0 : i64, name = "y"} : (memref<4xi32>) -> !taskring.tensor
    %p = "taskring.inout"(%t) : (!taskring.tensor) -> !taskring.param
    "taskring.spawn"(%p) {process = @p} : (!taskring.param) -> ()
    return
  }
  func.func @p(%m: memref<4xi32>) attributes {taskring.process, wsp.access = ["inout"]} {
    %t = "taskring.tensor_param"(%m) {index = 0 : i64} : (memref<4xi32>) -> !taskring.tensor
    %e = "taskring.view"(%t) {static_offsets = array<i64: 0>, sizes = array<i64: 1>} : (!taskring.tensor) -> !taskring.tensor
    %p0 = "taskring.inout"(%t) : (!taskring.tensor) -> !taskring.param
    %pp = "taskring.predicate"(%e) {op = "eq", target = 1 : i64} : (!taskring.tensor) -> !taskring.param
    // expected-error @+1 {{'taskring.submit' with a dispatch predicate inside a process is not supported by target simpler-6ebaf771 yet (the process does not track the element's writers); submit the predicated task from the workload}}
    %k = "taskring.submit"(%p0, %pp) {kernel = @fill.kernel, func_id = 1 : i64, worker = "aiv"} : (!taskring.param, !taskring.param) -> !taskring.task
    return
  }
}
