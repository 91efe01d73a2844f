// Errors the emitter reports for CSP ops in hand-written taskring IR
// (wsp-lower-to-taskring never produces these forms).
// RUN: wsp-translate --taskring-to-pto-runtime --no-verify --split-input-file --verify-diagnostics %s

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "wsp_alloc.kernel", name = "wsp_alloc", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "builtin", source = "alloc"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    %c = "taskring.create_channel"() {name = "c", capacity = 1 : i64, id = 0 : i64} : () -> !taskring.channel
    %t = arith.constant 0 : i64
    // expected-error @+1 {{'taskring.send' may only appear in a taskring.process function: it is a process's yield point or parameter, and the orchestration function is no process; move it into a process body}}
    "taskring.send"(%c, %t) : (!taskring.channel, i64) -> ()
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "wsp_alloc.kernel", name = "wsp_alloc", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "builtin", source = "alloc"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    // expected-error @+1 {{'taskring.spawn' names no func.func with 'taskring.process' and a body; spawn a process function (wsp-lower-to-taskring marks them)}}
    "taskring.spawn"() {process = @nowhere} : () -> ()
    return
  }
  func.func @p() attributes {taskring.process} {
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "wsp_alloc.kernel", name = "wsp_alloc", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "builtin", source = "alloc"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    return
  }
  func.func @p(%b: !taskring.param) attributes {taskring.process} {
    // expected-error @+1 {{'taskring.spawn' argument 0 is not a param; box each argument with taskring.input/output/inout, taskring.scalar or taskring.channel_end}}
    "taskring.spawn"(%b) {process = @q} : (!taskring.param) -> ()
    return
  }
  func.func @q(%n: i64) attributes {taskring.process} {
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    return
  }
  // expected-error @+1 {{processes need the builtin empty kernel for their token tasks, and the module has none; add a taskring.kernel with impl = "builtin" and source = "alloc" (wsp-lower-to-taskring creates it)}}
  func.func @p() attributes {taskring.process} {
    return
  }
}
