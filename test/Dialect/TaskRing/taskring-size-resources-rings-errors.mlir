// RUN: wsp-opt %s --split-input-file --verify-diagnostics --taskring-size-resources

// pto-runtime 41d5c94a has one ring: the outer iteration's task is held until
// its scope ends, and the inner loop's 4 x 2 tasks stay behind it in the ring
// (slots are freed in submission order): 9 tasks need a window of 16.
module {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 8 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "wsp-pto-runtime-41d5c94a/1"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    scf.for %i = %c0 to %c4 step %c1 {
      "taskring.scope_begin"() : () -> ()
      %t = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
      // expected-error@+1 {{taskring-size-resources: task_window=8 is too small for this program: 9 task(s) cannot be reclaimed at once here (a slot is freed only after its task's scope ends, and in submission order, so tasks submitted after one whose scope is still open stay too; a submit needs one slot left empty), so pto-runtime 41d5c94a needs a window of at least 16; raise wsp.task_window to 16 or more, or submit an enclosing scope's tasks after its inner loops}}
      scf.for %j = %c0 to %c4 step %c1 {
        "taskring.scope_begin"() : () -> ()
        %u = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
        %v = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
        "taskring.scope_end"() : () -> ()
      }
      "taskring.scope_end"() : () -> ()
    }
    return
  }
}

// -----

// simpler: scope depths 3 and 4 share ring 3 (min(depth, 3)); 1 + 3 x 2 = 7
// tasks there need a window of 8. Rings 1 and 2 alone would fit in 4.
module {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 4 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "wsp-simpler-6ebaf771/1"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c3 = arith.constant 3 : index
    scf.for %i = %c0 to %c3 step %c1 {
      "taskring.scope_begin"() : () -> ()
      scf.for %j = %c0 to %c3 step %c1 {
        "taskring.scope_begin"() : () -> ()
        scf.for %k = %c0 to %c3 step %c1 {
          "taskring.scope_begin"() : () -> ()
          %v = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
          // expected-error@+1 {{task_window=4 is too small for this program: 7 task(s) on ring 3 cannot be reclaimed at once here}}
          scf.for %l = %c0 to %c3 step %c1 {
            "taskring.scope_begin"() : () -> ()
            %w = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
            %x = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
            "taskring.scope_end"() : () -> ()
          }
          "taskring.scope_end"() : () -> ()
        }
        "taskring.scope_end"() : () -> ()
      }
      "taskring.scope_end"() : () -> ()
    }
    return
  }
}

// -----

// A trip count known only at run time, behind a held task of the same ring:
// no window can be shown to suffice. A warning, as the runtime may still
// run it when the count is small.
module {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "wsp-pto-runtime-41d5c94a/1"} : () -> ()
  func.func @main(%n: index) attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    scf.for %i = %c0 to %c4 step %c1 {
      "taskring.scope_begin"() : () -> ()
      %t = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
      // expected-warning@+1 {{taskring-size-resources: this loop's trip count is not static and each iteration leaves its tasks in the ring behind an earlier task of an enclosing scope that is still open, so no task window can be shown to suffice; submit the enclosing scope's tasks after the loop, or give the loop static bounds}}
      scf.for %j = %c0 to %n step %c1 {
        "taskring.scope_begin"() : () -> ()
        %u = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
        "taskring.scope_end"() : () -> ()
      }
      "taskring.scope_end"() : () -> ()
    }
    return
  }
}

// -----

// The same shape on simpler: the inner loop is on ring 2, so nothing piles
// up behind ring 1's task and the window suffices (no diagnostic).
module {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 4 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "wsp-simpler-6ebaf771/1"} : () -> ()
  func.func @main(%n: index) attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    scf.for %i = %c0 to %c4 step %c1 {
      "taskring.scope_begin"() : () -> ()
      %t = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
      scf.for %j = %c0 to %n step %c1 {
        "taskring.scope_begin"() : () -> ()
        %u = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
        "taskring.scope_end"() : () -> ()
      }
      "taskring.scope_end"() : () -> ()
    }
    return
  }
}

// -----

// 41d5c94a's pool must outlast every task the window admits, 32 entries each,
// and it counts in int32: a window of 2^27 cannot be served.
module {
  // expected-error@+1 {{taskring-size-resources: task_window=134217728 needs a dependency pool of 4294967265 entries on pto-runtime 41d5c94a (32 per task in flight), more than its int32 pool can index; use a task_window of at most 67108864}}
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 134217728 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "wsp-pto-runtime-41d5c94a/1"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    return
  }
}

// -----

// A static trip count so large (2^63 iterations) that the held tasks overflow
// any count: the need saturates and no window the runtime takes holds it. An
// error, not silence (and the count is computed without overflow: lb < 0 < ub).
module {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "wsp-pto-runtime-41d5c94a/1"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %lo = arith.constant -4611686018427387904 : index
    %hi = arith.constant 4611686018427387904 : index
    scf.for %i = %c0 to %c4 step %c1 {
      "taskring.scope_begin"() : () -> ()
      %t = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
      // expected-error@+1 {{taskring-size-resources: 9223372036854775807 task(s) cannot be reclaimed at once here (a slot is freed only after its task's scope ends, and in submission order), more than the largest task window (1073741824) holds, so no task_window suffices; submit an enclosing scope's tasks after its inner loops, or shorten the loop}}
      scf.for %j = %lo to %hi step %c1 {
        "taskring.scope_begin"() : () -> ()
        %u = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
        "taskring.scope_end"() : () -> ()
      }
      "taskring.scope_end"() : () -> ()
    }
    return
  }
}
