// Module-level errors of the emitter: the runtime configuration, kernels,
// the orchestration function and its arguments. taskring-verify is skipped
// (--no-verify) so that each check of the emitter itself is exercised, as the
// in-memory API used by the fuzzer sees it.
// RUN: wsp-translate --taskring-to-pto-runtime --no-verify --split-input-file --verify-diagnostics %s

// expected-error @+1 {{no 'taskring.runtime' op: the module is not in the lowered taskring form (run the wsp-to-taskring pipeline first)}}
module {
  func.func @main() attributes {taskring.orchestration} {
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{a module holds one artifact: a second 'taskring.runtime' op}}
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
}

// -----

module {
  // expected-error @+1 {{unknown runtime flavor 'aicpu_build_graph': expected 'tensormap_and_ringbuffer' or 'host_build_graph'}}
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "aicpu_build_graph", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
}

// -----

module {
  // expected-error @+1 {{artifact ABI 'wsp-artifact/1' is not one this emitter produces ('wsp-pto-runtime-41d5c94a/1' or 'wsp-simpler-6ebaf771/1'); lower the program again with this compiler}}
  "taskring.runtime"() {abi = "wsp-artifact/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
}

// -----

module {
  // expected-error @+1 {{'taskring.runtime' sizes must be non-negative and block_dim, aicpu_threads positive}}
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 0 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
}

// -----

module {
  // expected-error @+1 {{tensormap_and_ringbuffer at 41d5c94a needs aicpu_threads = 4 (3 schedulers + the orchestrator on thread 3), got 3}}
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 3 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
}

// -----

module {
  // expected-error @+1 {{task_window 12 cannot be honoured by tensormap_and_ringbuffer: PTO2_RING_TASK_WINDOW must be a power of two >= 4}}
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 12 : i64} : () -> ()
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{kernel 'k': worker must be "aiv" or "aic"}}
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aicpu", modes = ["out"], impl = "builtin", source = "alloc"} : () -> ()
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{kernel 'k': func_id must be an integer in [0, 32) (RUNTIME_MAX_FUNC_ID at 41d5c94a)}}
  "taskring.kernel"() {sym_name = "k", func_id = 32 : i64, worker = "aiv", modes = ["out"], impl = "builtin", source = "alloc"} : () -> ()
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{kernel 'k' mode 1 must be one of "in", "out", "inout", "scalar"}}
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["out", "output"], impl = "builtin", source = "alloc"} : () -> ()
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{kernel 'k' has impl = "generated": 'source' must be a symbol reference to its func.func}}
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "generated", source = "k.cpp"} : () -> ()
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{kernel 'k': no func.func @missing with a body}}
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "generated", source = @missing} : () -> ()
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{kernel body @body has 2 parameters but kernel 'k' declares 1 modes}}
  func.func @body(%a: memref<4xf32>, %b: memref<4xf32>) {
    return
  }
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "generated", source = @body} : () -> ()
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{kernel body @body parameter 0: mode "scalar" needs a scalar parameter}}
  func.func @body(%a: memref<4xf32>) {
    return
  }
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["scalar"], impl = "generated", source = @body} : () -> ()
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{kernel 'k' has impl = "source": 'source' must be a string}}
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "source", source = @k} : () -> ()
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{kernel 'k': unknown builtin kernel 'zero' (the emitter knows 'alloc')}}
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "builtin", source = "zero"} : () -> ()
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{kernel 'k': impl must be "generated", "source" or "builtin", got 'binary'}}
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "binary", source = "k.o"} : () -> ()
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "a", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "builtin", source = "alloc"} : () -> ()
  // expected-error @+1 {{kernel 'b' reuses func_id 0 of kernel 'a'}}
  "taskring.kernel"() {sym_name = "b", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "builtin", source = "alloc"} : () -> ()
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  "taskring.kernel"() {sym_name = "a", name = "same", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "builtin", source = "alloc"} : () -> ()
  // expected-error @+1 {{kernels 'a' and 'b' would both be written to kernels/aiv/same.cpp; give them distinct names}}
  "taskring.kernel"() {sym_name = "b", name = "same", func_id = 1 : i64, worker = "aiv", modes = ["out"], impl = "builtin", source = "alloc"} : () -> ()
}

// -----

// expected-error @+1 {{no orchestration function (a func.func with a body and the 'taskring.orchestration' attribute)}}
module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @a() attributes {taskring.orchestration} {
    return
  }
  // expected-error @+1 {{a second orchestration function: an artifact has exactly one}}
  func.func @b() attributes {taskring.orchestration} {
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{orchestration argument 0 has type vector<4xf32>; arguments are tensors (memref) or integer, index, f32 or f64 scalars}}
  func.func @main(%v: vector<4xf32>) attributes {taskring.orchestration} {
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{an orchestration tensor argument has a dynamic dimension; artifact tensors need static shapes}}
  func.func @main(%t: memref<?x4xf32>) attributes {taskring.orchestration} {
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{an orchestration tensor argument has rank 6; the runtime's tensors have rank 1 to 5}}
  func.func @main(%t: memref<1x1x1x1x1x1xf32>) attributes {taskring.orchestration} {
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{an orchestration tensor argument has element type f64, which the emitter does not support}}
  func.func @main(%t: memref<4xf64>) attributes {taskring.orchestration} {
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main(%s: i64) attributes {taskring.orchestration} {
    // expected-error @+1 {{'taskring.arg' index must be an integer in [1, 32): after the orchestration function's own arguments, below the runner's limit}}
    %n = "taskring.arg"() {index = 0 : i64, name = "n"} : () -> i64
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    %n = "taskring.arg"() {index = 0 : i64, name = "n"} : () -> i64
    // expected-error @+1 {{orchestration argument 0 is defined twice}}
    %m = "taskring.arg"() {index = 0 : i64, name = "m"} : () -> i64
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    // expected-error @+1 {{'taskring.arg' of this type cannot be passed through the runtime's u64 argument slots (use an integer, index, f32 or f64)}}
    %n = "taskring.arg"() {index = 0 : i64, name = "n"} : () -> f16
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{orchestration argument 0 is never defined: 'taskring.arg' indices must follow the function's arguments without gaps}}
  func.func @main() attributes {taskring.orchestration} {
    %n = "taskring.arg"() {index = 1 : i64, name = "n"} : () -> i64
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main(%x: i64) attributes {taskring.orchestration, taskring.arg_names = ["n"]} {
    // expected-error @+1 {{two orchestration arguments are named 'n'; golden.py and the manifest address arguments by name}}
    %n = "taskring.arg"() {index = 1 : i64, name = "n"} : () -> i64
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  func.func @main(%x: memref<4xf32>, %y: memref<4xf32>) attributes {taskring.orchestration} {
    // expected-error @+1 {{'taskring.tensor_external' must take an argument of the orchestration function, with 'index' equal to its position}}
    %t = "taskring.tensor_external"(%x) {index = 1 : i64, name = "x"} : (memref<4xf32>) -> !taskring.tensor
    return
  }
}

// -----

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 0 : i64} : () -> ()
  // expected-error @+1 {{the artifact needs 33 orchestration arguments (33 from the program, 0 hidden initial-value copies of read-and-written tensors); the runner passes at most 32}}
  func.func @main(%a0: i64, %a1: i64, %a2: i64, %a3: i64, %a4: i64, %a5: i64, %a6: i64, %a7: i64, %a8: i64, %a9: i64, %a10: i64, %a11: i64, %a12: i64, %a13: i64, %a14: i64, %a15: i64, %a16: i64, %a17: i64, %a18: i64, %a19: i64, %a20: i64, %a21: i64, %a22: i64, %a23: i64, %a24: i64, %a25: i64, %a26: i64, %a27: i64, %a28: i64, %a29: i64, %a30: i64, %a31: i64, %a32: i64) attributes {taskring.orchestration} {
    return
  }
}
