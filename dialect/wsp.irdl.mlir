// wsp.irdl.mlir — the `wsp` dialect (workload–schedule programs), in IRDL.
//
// The contract is docs/dialects/wsp.md (and the design note's §3). This file
// defines STRUCTURE only: which operands, results and attributes an op has and
// their base types. Everything IRDL cannot say lives in the C pass wsp-verify
// (docs/verify.md): attribute values (policy names, domains >= 1, i64 widths),
// symbol references resolving to kernels/processes, modes matching wsp.access,
// one task_window per workload, and so on.
//
// Rules of thumb for reading this file (IRDL in MLIR 22):
//  * Every op is used in generic syntax; no op has regions or properties: all
//    data is in ordinary (discardable) attributes `{...}`.
//  * Attributes listed in `irdl.attributes` are mandatory; extra attributes are
//    accepted. Optional attributes cannot be declared, so this dialect has none.
//  * A constraint SSA value binds once per op instance: using the same value
//    twice forces the two types (or two attribute values!) to be equal. That
//    is used on purpose by wsp.send and wsp.recv (token type = channel
//    element type); everywhere else each operand, result and attribute gets
//    its own constraint value.
//  * `irdl.base "#builtin.integer"` accepts any IntegerAttr (any width); that
//    the value is an i64 is checked by wsp-verify.
//  * Every op has at most one variadic/optional operand group, so no op needs
//    an `operandSegmentSizes` attribute.
//
// This file must stay a plain sequence of top-level ops (no `module`, no
// `// -----`): libwsp concatenates it with taskring.irdl.mlir and parses both
// as one module.

irdl.dialect @wsp {

  //===--------------------------------------------------------------------===//
  // Types
  //===--------------------------------------------------------------------===//

  // !wsp.arg — one boxed argument of a wsp.task or wsp.spawn, made by
  // wsp.in / wsp.out / wsp.inout / wsp.scalar (boxing keeps the variadic
  // argument group homogeneous, which IRDL requires).
  irdl.type @arg {}

  // !wsp.handle — a submitted task (result of wsp.task).
  irdl.type @handle {}

  // !wsp.channel<T> — a bounded channel of integer tokens; T is an integer or
  // index type.
  irdl.type @channel {
    %int = irdl.base "!builtin.integer"
    %idx = irdl.is index
    %elem = irdl.any_of(%int, %idx)
    irdl.parameters(elem: %elem)
  }

  //===--------------------------------------------------------------------===//
  // Task and spawn arguments (PTO2 make_input/output/inout/scalar_param)
  //===--------------------------------------------------------------------===//

  // "wsp.in"(%v) : (memref<...> | !wsp.channel<T>) -> !wsp.arg
  // An argument read by the task (a tile view), or, for a spawn, a channel
  // the process receives from.
  irdl.operation @in {
    %mem = irdl.base "!builtin.memref"
    %chan = irdl.base @wsp::@channel
    %value = irdl.any_of(%mem, %chan)
    %arg = irdl.base @wsp::@arg
    irdl.operands(value: %value)
    irdl.results(arg: %arg)
  }

  // "wsp.out"(%v) : (memref<...> | !wsp.channel<T>) -> !wsp.arg
  // An argument written by the task, or, for a spawn, a channel the process
  // sends on.
  irdl.operation @out {
    %mem = irdl.base "!builtin.memref"
    %chan = irdl.base @wsp::@channel
    %value = irdl.any_of(%mem, %chan)
    %arg = irdl.base @wsp::@arg
    irdl.operands(value: %value)
    irdl.results(arg: %arg)
  }

  // "wsp.inout"(%v) : (memref<...>) -> !wsp.arg
  // An argument read and written by the task. Tensors only: a channel has no
  // in-and-out role.
  irdl.operation @inout {
    %mem = irdl.base "!builtin.memref"
    %arg = irdl.base @wsp::@arg
    irdl.operands(value: %mem)
    irdl.results(arg: %arg)
  }

  // "wsp.scalar"(%s) : (iN | index | bf16 | f16 | f32 | f64) -> !wsp.arg
  // A scalar argument, passed by value (one 64-bit runtime word; wider types
  // are rejected by wsp-verify, f80/f128 already here).
  irdl.operation @scalar {
    %int = irdl.base "!builtin.integer"
    %idx = irdl.is index
    %bf16 = irdl.is bf16
    %f16 = irdl.is f16
    %f32 = irdl.is f32
    %f64 = irdl.is f64
    %value = irdl.any_of(%int, %idx, %bf16, %f16, %f32, %f64)
    %arg = irdl.base @wsp::@arg
    irdl.operands(value: %value)
    irdl.results(arg: %arg)
  }

  //===--------------------------------------------------------------------===//
  // Tasks and their schedule
  //===--------------------------------------------------------------------===//

  // %h = "wsp.task"(%a...) {kernel = @k} : (!wsp.arg, ...) -> !wsp.handle
  // Submit one instance of kernel @k (a func.func with wsp.kernel), one
  // boxed argument per kernel parameter.
  irdl.operation @task {
    %arg = irdl.base @wsp::@arg
    %handle = irdl.base @wsp::@handle
    %sym = irdl.base "#builtin.symbol_ref"
    irdl.operands(args: variadic %arg)
    irdl.results(handle: %handle)
    irdl.attributes {"kernel" = %sym}
  }

  // "wsp.dispatch"(%h [, %key]) {policy = "...", domains = N : i64}
  //     : (!wsp.handle [, iN | index]) -> ()
  // Assign task %h to a scheduler domain in [0, N). policy is one of
  // round_robin | affinity | hash | work_steal; key present iff the policy is
  // affinity or hash (wsp-verify).
  irdl.operation @dispatch {
    %handle = irdl.base @wsp::@handle
    %int = irdl.base "!builtin.integer"
    %idx = irdl.is index
    %key = irdl.any_of(%int, %idx)
    %str = irdl.base "#builtin.string"
    %num = irdl.base "#builtin.integer"
    irdl.operands(task: %handle, key: optional %key)
    irdl.attributes {"policy" = %str, "domains" = %num}
  }

  // "wsp.task_window"() {size = N : i64, unit = "tasks", mode = "..."} : () -> ()
  // Bound on tasks in flight for the whole run; mode is stall | abort |
  // benchmark. At most one per workload, first in its entry block (wsp-verify).
  irdl.operation @task_window {
    %num = irdl.base "#builtin.integer"
    %unit = irdl.base "#builtin.string"
    %mode = irdl.base "#builtin.string"
    irdl.attributes {"size" = %num, "unit" = %unit, "mode" = %mode}
  }

  //===--------------------------------------------------------------------===//
  // CSP: channels and processes
  //===--------------------------------------------------------------------===//

  // %c = "wsp.create_channel"() {name = "...", capacity = N : i64}
  //     : () -> !wsp.channel<T>
  // A bounded channel; capacity 0 is a rendezvous channel.
  irdl.operation @create_channel {
    %chan = irdl.base @wsp::@channel
    %name = irdl.base "#builtin.string"
    %cap = irdl.base "#builtin.integer"
    irdl.results(channel: %chan)
    irdl.attributes {"name" = %name, "capacity" = %cap}
  }

  // "wsp.send"(%c, %tok, %after...) : (!wsp.channel<T>, T, !wsp.handle...) -> ()
  // Publish %tok; the receiver sees it once the tasks %after... complete.
  // %elem is used twice: the token's type must be the channel's T.
  irdl.operation @send {
    %int = irdl.base "!builtin.integer"
    %idx = irdl.is index
    %elem = irdl.any_of(%int, %idx)
    %chan = irdl.parametric @wsp::@channel<%elem>
    %handle = irdl.base @wsp::@handle
    irdl.operands(channel: %chan, token: %elem, after: variadic %handle)
  }

  // %ok, %tok = "wsp.recv"(%c) : (!wsp.channel<T>) -> (i1, T)
  // Take the next token; %ok is false once the channel is closed and drained.
  irdl.operation @recv {
    %int = irdl.base "!builtin.integer"
    %idx = irdl.is index
    %elem = irdl.any_of(%int, %idx)
    %chan = irdl.parametric @wsp::@channel<%elem>
    %i1 = irdl.is i1
    irdl.operands(channel: %chan)
    irdl.results(ok: %i1, token: %elem)
  }

  // "wsp.close"(%c) : (!wsp.channel<T>) -> ()
  // No more sends on %c.
  irdl.operation @close {
    %chan = irdl.base @wsp::@channel
    irdl.operands(channel: %chan)
  }

  // "wsp.spawn"(%a...) {process = @p} : (!wsp.arg, ...) -> ()
  // Start process @p (a func.func with wsp.process); channels are passed as
  // wsp.in (the process receives) or wsp.out (the process sends).
  irdl.operation @spawn {
    %arg = irdl.base @wsp::@arg
    %sym = irdl.base "#builtin.symbol_ref"
    irdl.operands(args: variadic %arg)
    irdl.attributes {"process" = %sym}
  }

  //===--------------------------------------------------------------------===//
  // Values from outside the program: host symbols and slot reads
  //===--------------------------------------------------------------------===//

  // %v = "wsp.symbol"() {name = "seq_len"} : () -> (iN | index | bf16 | f16 | f32 | f64)
  // A host-bound scalar, stable id = FNV-1a-64 of the name.
  irdl.operation @symbol {
    %name = irdl.base "#builtin.string"
    %int = irdl.base "!builtin.integer"
    %idx = irdl.is index
    %bf16 = irdl.is bf16
    %f16 = irdl.is f16
    %f32 = irdl.is f32
    %f64 = irdl.is f64
    %value = irdl.any_of(%int, %idx, %bf16, %f16, %f32, %f64)
    irdl.results(value: %value)
    irdl.attributes {"name" = %name}
  }

  // %v = "wsp.slot_read"(%view, %i...) : (memref<...>, index...) -> (iN | bf16 | f16 | f32 | f64)
  // Read one element of a tensor once every task writing it has completed
  // (i1 is an integer type, so predicates are allowed). Index count = rank
  // and result type = element type are checked by wsp-verify.
  irdl.operation @slot_read {
    %mem = irdl.base "!builtin.memref"
    %idx = irdl.is index
    %int = irdl.base "!builtin.integer"
    %bf16 = irdl.is bf16
    %f16 = irdl.is f16
    %f32 = irdl.is f32
    %f64 = irdl.is f64
    %value = irdl.any_of(%int, %bf16, %f16, %f32, %f64)
    irdl.operands(view: %mem, indices: variadic %idx)
    irdl.results(value: %value)
  }
}
