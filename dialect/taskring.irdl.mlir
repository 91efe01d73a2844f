// taskring.irdl.mlir — the `taskring` dialect, in IRDL.
//
// taskring mirrors the pto-runtime orchestration API at the pinned commit
// (tensormap_and_ringbuffer "PTO2", and host_build_graph): one op per runtime
// call, so the emitter is a dumb one-op-to-one-call printer. Every decision
// (scopes, resource sizes, dispatch domains, process interleaving) is made by
// passes and is visible here as an operand or an attribute.
// Reference page: docs/dialects/taskring.md.
//
// Like wsp.irdl.mlir this defines STRUCTURE only (IRDL in MLIR 22): generic
// syntax, no regions, no properties; attributes in `irdl.attributes` are
// mandatory, extra (discardable) attributes are accepted, so passes may annotate
// ops (e.g. a submit's recorded `domain`). Values, ranges and runtime limits are
// checked by the C pass taskring-verify (docs/verify.md). At most one
// variadic group per op: no `operandSegmentSizes` is ever needed. A constraint
// SSA value binds once per op instance, so each attribute has its own
// constraint value (sharing one would force the attribute values to be equal).
// Variables shared on purpose: view's base/result and edge's from/to (the
// types have no parameters, so this only says "same type").
//
// This file must stay a plain sequence of top-level ops (no `module`, no
// `// -----`): libwsp concatenates it with wsp.irdl.mlir and parses both as
// one module.

irdl.dialect @taskring {

  //===--------------------------------------------------------------------===//
  // Types
  //===--------------------------------------------------------------------===//

  // !taskring.tensor — an orchestration Tensor: an external tensor, a runtime
  // heap tensor, or a view of one.
  irdl.type @tensor {}

  // !taskring.param — one PTOParam (the boxed submit parameter with its mode).
  irdl.type @param {}

  // !taskring.task — a submitted task id (host_build_graph add_task's result),
  // used only by taskring.edge.
  irdl.type @task {}

  // !taskring.channel — a CSP channel of the emitted orchestration's process
  // scheduler (an index into its channel table).
  irdl.type @channel {}

  //===--------------------------------------------------------------------===//
  // Module-level configuration
  //===--------------------------------------------------------------------===//

  // "taskring.runtime"() {flavor, task_window, heap_bytes, dep_pool,
  //                       aicpu_threads, block_dim, abi} : () -> ()
  // The runtime configuration of the artifact: which runtime flavor
  // ("tensormap_and_ringbuffer" | "host_build_graph"), the ring window
  // (PTO2_RING_TASK_WINDOW), heap-ring bytes, dependency-pool entries, AICPU
  // threads (aicpu_thread_num), block_dim, and the artifact ABI string.
  // Mirrors kernel_config.py's RUNTIME_CONFIG / RUNTIME_ENV; one per module.
  irdl.operation @runtime {
    %flavor = irdl.base "#builtin.string"
    %window = irdl.base "#builtin.integer"
    %heap = irdl.base "#builtin.integer"
    %pool = irdl.base "#builtin.integer"
    %threads = irdl.base "#builtin.integer"
    %blocks = irdl.base "#builtin.integer"
    %abi = irdl.base "#builtin.string"
    irdl.attributes {
      "flavor" = %flavor,
      "task_window" = %window,
      "heap_bytes" = %heap,
      "dep_pool" = %pool,
      "aicpu_threads" = %threads,
      "block_dim" = %blocks,
      "abi" = %abi
    }
  }

  // "taskring.kernel"() {sym_name, func_id, worker, modes, impl, source} : () -> ()
  // One entry of kernel_config.py's KERNELS list (func_id, core type
  // "aiv" | "aic", source file). `modes` has one string per kernel parameter
  // ("in" | "out" | "inout" | "scalar"). impl = "generated": `source` is a
  // symbol reference to the func.func (in this module) whose body is the
  // kernel; impl = "source": `source` is the path of a user .cpp file.
  // A symbol (sym_name) so that submits refer to it as @name.
  irdl.operation @kernel {
    %name = irdl.base "#builtin.string"
    %id = irdl.base "#builtin.integer"
    %worker = irdl.base "#builtin.string"
    %modes = irdl.base "#builtin.array"
    %impl = irdl.base "#builtin.string"
    %func = irdl.base "#builtin.symbol_ref"
    %path = irdl.base "#builtin.string"
    %source = irdl.any_of(%func, %path)
    irdl.attributes {
      "sym_name" = %name,
      "func_id" = %id,
      "worker" = %worker,
      "modes" = %modes,
      "impl" = %impl,
      "source" = %source
    }
  }

  //===--------------------------------------------------------------------===//
  // Tensors
  //===--------------------------------------------------------------------===//

  // %t = "taskring.tensor_external"(%arg) {index, name} : (memref<...>) -> !taskring.tensor
  // make_tensor_external(args[index], shape, ndims, dtype): an orchestration
  // tensor argument. %arg is the orchestration function's memref argument
  // (shape and dtype come from its type); `index` is its position in the
  // orchestration argument list.
  irdl.operation @tensor_external {
    %mem = irdl.base "!builtin.memref"
    %tensor = irdl.base @taskring::@tensor
    %index = irdl.base "#builtin.integer"
    %name = irdl.base "#builtin.string"
    irdl.operands(value: %mem)
    irdl.results(tensor: %tensor)
    irdl.attributes {"index" = %index, "name" = %name}
  }

  // %t = "taskring.tensor_alloc"() {shape = array<i64: ...>, dtype = "float32"}
  //     : () -> !taskring.tensor
  // make_tensor(shape, ndims, dtype): a tensor allocated from the runtime's
  // heap ring when its first writer is submitted.
  irdl.operation @tensor_alloc {
    %tensor = irdl.base @taskring::@tensor
    %shape = irdl.base "#builtin.dense_array"
    %dtype = irdl.base "#builtin.string"
    irdl.results(tensor: %tensor)
    irdl.attributes {"shape" = %shape, "dtype" = %dtype}
  }

  // %v = "taskring.view"(%base, %off...) {static_offsets = array<i64: ...>,
  //     sizes = array<i64: ...>} : (!taskring.tensor, index...) -> !taskring.tensor
  // Tensor::view(sizes, offsets). One static_offsets entry per dimension; an
  // entry equal to the dynamic marker -9223372036854775808 (INT64_MIN, as
  // memref's ShapedType::kDynamic) takes the next %off operand, in order.
  irdl.operation @view {
    %tensor = irdl.base @taskring::@tensor
    %idx = irdl.is index
    %offsets = irdl.base "#builtin.dense_array"
    %sizes = irdl.base "#builtin.dense_array"
    irdl.operands(base: %tensor, offsets: variadic %idx)
    irdl.results(view: %tensor)
    irdl.attributes {"static_offsets" = %offsets, "sizes" = %sizes}
  }

  //===--------------------------------------------------------------------===//
  // Submit parameters
  //===--------------------------------------------------------------------===//

  // %p = "taskring.input"(%t) : (!taskring.tensor) -> !taskring.param
  // make_input_param(t).
  irdl.operation @input {
    %tensor = irdl.base @taskring::@tensor
    %param = irdl.base @taskring::@param
    irdl.operands(tensor: %tensor)
    irdl.results(param: %param)
  }

  // %p = "taskring.output"(%t) : (!taskring.tensor) -> !taskring.param
  // make_output_param(t).
  irdl.operation @output {
    %tensor = irdl.base @taskring::@tensor
    %param = irdl.base @taskring::@param
    irdl.operands(tensor: %tensor)
    irdl.results(param: %param)
  }

  // %p = "taskring.inout"(%t) : (!taskring.tensor) -> !taskring.param
  // make_inout_param(t).
  irdl.operation @inout {
    %tensor = irdl.base @taskring::@tensor
    %param = irdl.base @taskring::@param
    irdl.operands(tensor: %tensor)
    irdl.results(param: %param)
  }

  // %p = "taskring.scalar"(%s) : (iN | index | bf16 | f16 | f32 | f64) -> !taskring.param
  // make_scalar_param(uint64_t): the value's bits in one 64-bit word.
  irdl.operation @scalar {
    %int = irdl.base "!builtin.integer"
    %idx = irdl.is index
    %bf16 = irdl.is bf16
    %f16 = irdl.is f16
    %f32 = irdl.is f32
    %f64 = irdl.is f64
    %value = irdl.any_of(%int, %idx, %bf16, %f16, %f32, %f64)
    %param = irdl.base @taskring::@param
    irdl.operands(value: %value)
    irdl.results(param: %param)
  }

  // %p = "taskring.predicate"(%element) {op = "gt", target = 0 : i64}
  //     : (!taskring.tensor) -> !taskring.param
  // CoreTaskArgs::set_predicate (simpler 6ebaf771 only): the task runs only
  // when `element <op> target` holds (op: eq, ne, gt, lt, ge, le, signed on
  // the element sign-extended to 64 bits); %element is a one-element view.
  // Not a kernel param: at most one, the submit's last operand.
  irdl.operation @predicate {
    %tensor = irdl.base @taskring::@tensor
    %param = irdl.base @taskring::@param
    %op = irdl.base "#builtin.string"
    %target = irdl.base "#builtin.integer"
    irdl.operands(element: %tensor)
    irdl.results(param: %param)
    irdl.attributes {"op" = %op, "target" = %target}
  }

  //===--------------------------------------------------------------------===//
  // Tasks, edges, scopes
  //===--------------------------------------------------------------------===//

  // %task = "taskring.submit"(%p...) {kernel = @k, func_id = N : i64, worker = "aiv"}
  //     : (!taskring.param, ...) -> !taskring.task
  // pto2_rt_submit_task(rt, func_id, worker, params, n) (PTO2) or
  // add_task(args, n, func_id, core_type) (host_build_graph). @k names a
  // taskring.kernel; func_id and worker repeat its facts so the emitter needs
  // no lookup. Passes add discardable attributes (e.g. the recorded domain).
  irdl.operation @submit {
    %param = irdl.base @taskring::@param
    %task = irdl.base @taskring::@task
    %sym = irdl.base "#builtin.symbol_ref"
    %id = irdl.base "#builtin.integer"
    %worker = irdl.base "#builtin.string"
    irdl.operands(params: variadic %param)
    irdl.results(task: %task)
    irdl.attributes {"kernel" = %sym, "func_id" = %id, "worker" = %worker}
  }

  // "taskring.edge"(%from, %to) : (!taskring.task, !taskring.task) -> ()
  // add_successor(from, to): an explicit dependency (host_build_graph).
  irdl.operation @edge {
    %task = irdl.base @taskring::@task
    irdl.operands(from: %task, to: %task)
  }

  // "taskring.dispatch"(%task, %domain) {policy = "...", domains = N : i64}
  //     : (!taskring.task, i64) -> ()
  // Records the scheduler domain the program assigned to a submitted task.
  // The pinned runtime has no per-task scheduler selection, so this is
  // recorded (an orchestration comment and the manifest's schedule payload),
  // never enforced. The domain is computed by ordinary arith ops in the IR.
  irdl.operation @dispatch {
    %task = irdl.base @taskring::@task
    %domain = irdl.is i64
    %policy = irdl.base "#builtin.string"
    %domains = irdl.base "#builtin.integer"
    irdl.operands(task: %task, domain: %domain)
    irdl.attributes {"policy" = %policy, "domains" = %domains}
  }

  // %n = "taskring.sequence"() {name = "..."} : () -> i64
  // The next value (0, 1, 2, ...) of a named orchestration-local counter, in
  // submission order; round-robin dispatch counts with it.
  irdl.operation @sequence {
    %name = irdl.base "#builtin.string"
    %value = irdl.is i64
    irdl.results(value: %value)
    irdl.attributes {"name" = %name}
  }

  // %v = "taskring.slot_read"(%element) {slot = N : i64} : (!taskring.tensor) -> T
  // A scalar read from device data (wsp.slot_read): %element is a view of the
  // one element read. The pinned runtime cannot read tensor data from the
  // orchestration, so the value exists only symbolically: the
  // taskring-predicate-slots pass moves every use into device-side guards
  // (kernel variants that take the element as an extra input) and erases it.
  irdl.operation @slot_read {
    %tensor = irdl.base @taskring::@tensor
    %slot = irdl.base "#builtin.integer"
    %int = irdl.base "!builtin.integer"
    %idx = irdl.is index
    %f16 = irdl.is f16
    %bf16 = irdl.is bf16
    %f32 = irdl.is f32
    %f64 = irdl.is f64
    %value = irdl.any_of(%int, %idx, %f16, %bf16, %f32, %f64)
    irdl.operands(element: %tensor)
    irdl.results(value: %value)
    irdl.attributes {"slot" = %slot}
  }

  // "taskring.scope_begin"() : () -> ()
  // pto2_rt_scope_begin(rt): opens a PTO2_SCOPE.
  irdl.operation @scope_begin {
  }

  // "taskring.scope_end"() : () -> ()
  // pto2_rt_scope_end(rt): closes the innermost PTO2_SCOPE.
  irdl.operation @scope_end {
  }

  //===--------------------------------------------------------------------===//
  // Orchestration scalars
  //===--------------------------------------------------------------------===//

  // %v = "taskring.arg"() {index = N : i64, name = "..."} : () -> (iN | index | bf16 | f16 | f32 | f64)
  // An orchestration scalar argument, args[index] (a host symbol bound per
  // run), decoded to the result type.
  irdl.operation @arg {
    %index = irdl.base "#builtin.integer"
    %name = irdl.base "#builtin.string"
    %int = irdl.base "!builtin.integer"
    %idx = irdl.is index
    %bf16 = irdl.is bf16
    %f16 = irdl.is f16
    %f32 = irdl.is f32
    %f64 = irdl.is f64
    %value = irdl.any_of(%int, %idx, %bf16, %f16, %f32, %f64)
    irdl.results(value: %value)
    irdl.attributes {"index" = %index, "name" = %name}
  }

  //===--------------------------------------------------------------------===//
  // CSP: channels and processes (docs/csp.md, "Lowering")
  //===--------------------------------------------------------------------===//

  // %c = "taskring.create_channel"() {name = "l2c", capacity = N : i64, id = K : i64}
  //     : () -> !taskring.channel
  // A bounded channel of integer tokens in the orchestration's process
  // scheduler; `id` numbers the channels of the artifact from 0, and keys the
  // channel's token and credit tensors (tensormap_and_ringbuffer) or its
  // recorded task lists (host_build_graph).
  irdl.operation @create_channel {
    %chan = irdl.base @taskring::@channel
    %name = irdl.base "#builtin.string"
    %capacity = irdl.base "#builtin.integer"
    %id = irdl.base "#builtin.integer"
    irdl.results(channel: %chan)
    irdl.attributes {"name" = %name, "capacity" = %capacity, "id" = %id}
  }

  // %p = "taskring.channel_end"(%c) {mode = "in" | "out"} : (!taskring.channel) -> !taskring.param
  // A channel passed to taskring.spawn: "in" = the process receives from it,
  // "out" = it sends on it (one sending end of the channel).
  irdl.operation @channel_end {
    %chan = irdl.base @taskring::@channel
    %param = irdl.base @taskring::@param
    %mode = irdl.base "#builtin.string"
    irdl.operands(channel: %chan)
    irdl.results(param: %param)
    irdl.attributes {"mode" = %mode}
  }

  // %t = "taskring.tensor_param"(%arg) {index = N : i64} : (memref<...>) -> !taskring.tensor
  // A process's tensor parameter: the view its spawn passed at position
  // `index` (%arg is the process function's memref argument there).
  irdl.operation @tensor_param {
    %mem = irdl.base "!builtin.memref"
    %tensor = irdl.base @taskring::@tensor
    %index = irdl.base "#builtin.integer"
    irdl.operands(value: %mem)
    irdl.results(tensor: %tensor)
    irdl.attributes {"index" = %index}
  }

  // "taskring.spawn"(%p...) {process = @p} : (!taskring.param...) -> ()
  // Starts an instance of process @p (a func.func with `taskring.process`):
  // tensors as taskring.input/output/inout, scalars as taskring.scalar,
  // channels as taskring.channel_end, in the process's parameter order. The
  // instance runs when the scheduler resumes it (docs/csp.md).
  irdl.operation @spawn {
    %param = irdl.base @taskring::@param
    %sym = irdl.base "#builtin.symbol_ref"
    irdl.operands(args: variadic %param)
    irdl.attributes {"process" = %sym}
  }

  // "taskring.send"(%c, %token, %after...) : (!taskring.channel, iN | index, !taskring.task...) -> ()
  // A yield point: blocks the calling process while the channel is full,
  // then publishes the token, visible to the receiver's tasks once the tasks
  // %after... complete (a token task on tensormap_and_ringbuffer, recorded
  // edges on host_build_graph).
  irdl.operation @send {
    %chan = irdl.base @taskring::@channel
    %int = irdl.base "!builtin.integer"
    %idx = irdl.is index
    %token = irdl.any_of(%int, %idx)
    %task = irdl.base @taskring::@task
    irdl.operands(channel: %chan, token: %token, after: variadic %task)
  }

  // %ok, %tok = "taskring.recv"(%c) : (!taskring.channel) -> (i1, iN | index)
  // A yield point: blocks the calling process while the channel is empty and
  // open; %ok is false (and %tok 0) once it is closed and drained.
  irdl.operation @recv {
    %chan = irdl.base @taskring::@channel
    %i1 = irdl.is i1
    %int = irdl.base "!builtin.integer"
    %idx = irdl.is index
    %token = irdl.any_of(%int, %idx)
    irdl.operands(channel: %chan)
    irdl.results(ok: %i1, token: %token)
  }

  // "taskring.close"(%c) : (!taskring.channel) -> ()
  // Closes the calling process's sending end of the channel.
  irdl.operation @close {
    %chan = irdl.base @taskring::@channel
    irdl.operands(channel: %chan)
  }
}
