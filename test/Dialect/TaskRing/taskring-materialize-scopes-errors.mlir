// RUN: wsp-opt %s --split-input-file --verify-diagnostics --taskring-materialize-scopes

// Both branches of the scf.if count: 1 + 1 + 1 + 1 = 4 tasks per iteration
// against a window of 4: the runtime would wait forever for a ring slot.
module {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 4 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "x"} : () -> ()
  func.func @main(%b: i1) attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c8 = arith.constant 8 : index
    // expected-error@+1 {{one iteration of this loop submits 4 tasks inside one PTO2 scope, but task_window is 4: a task's ring slot is freed only after its scope ends, so the runtime would deadlock (SCOPE_DEADLOCK); raise the wsp.task_window size above 4 (a power of two), or move tasks into a loop so each iteration gets its own scope}}
    scf.for %i = %c0 to %c8 step %c1 {
      %t = "taskring.submit"() {kernel = @k, func_id = 0 : i64, worker = "aiv"} : () -> !taskring.task
      %u = "taskring.submit"() {kernel = @k, func_id = 0 : i64, worker = "aiv"} : () -> !taskring.task
      scf.if %b {
        %v = "taskring.submit"() {kernel = @k, func_id = 0 : i64, worker = "aiv"} : () -> !taskring.task
      } else {
        %v = "taskring.submit"() {kernel = @k, func_id = 0 : i64, worker = "aiv"} : () -> !taskring.task
      }
    }
    return
  }
}

// -----

module {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 4 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "x"} : () -> ()
  func.func @main(%b: i1) attributes {taskring.orchestration} {
    // expected-error@+1 {{this op outside loops submits 4 tasks inside one PTO2 scope, but task_window is 4}}
    scf.if %b {
      %t0 = "taskring.submit"() {kernel = @k, func_id = 0 : i64, worker = "aiv"} : () -> !taskring.task
      %t1 = "taskring.submit"() {kernel = @k, func_id = 0 : i64, worker = "aiv"} : () -> !taskring.task
    } else {
      %t2 = "taskring.submit"() {kernel = @k, func_id = 0 : i64, worker = "aiv"} : () -> !taskring.task
      %t3 = "taskring.submit"() {kernel = @k, func_id = 0 : i64, worker = "aiv"} : () -> !taskring.task
    }
    return
  }
}

// -----

// expected-error@+1 {{taskring-materialize-scopes: no taskring.runtime op or no function with 'taskring.orchestration'; run wsp-lower-to-taskring first}}
module {
  func.func @main() { return }
}
