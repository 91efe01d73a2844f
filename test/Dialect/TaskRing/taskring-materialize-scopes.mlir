// RUN: wsp-opt %s --split-input-file --taskring-materialize-scopes | FileCheck %s

// One scope per iteration of every loop body that submits: a nested loop's
// body gets its own, and a loop that only contains other loops gets none.
// An op outside loops that submits gets a scope of its own: the runtime frees
// ring slots in order, so a task left in the orchestration's outer scope
// would hold every later slot until the run ends.

// CHECK-LABEL: func.func @main(
// CHECK:         scf.for
// CHECK-NEXT:      scf.for
// CHECK-NEXT:        "taskring.scope_begin"
// CHECK-NEXT:        "taskring.submit"
// CHECK-NEXT:        "taskring.scope_end"
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    scf.for
// CHECK-NEXT:      "taskring.scope_begin"
// CHECK-NEXT:      "taskring.submit"
// CHECK-NEXT:      scf.if
// CHECK:           "taskring.scope_end"
// CHECK-NEXT:    }
// CHECK-NEXT:    "taskring.scope_begin"
// CHECK-NEXT:    "taskring.submit"
// CHECK-NEXT:    "taskring.scope_end"
// CHECK-NEXT:    "taskring.scope_begin"
// CHECK-NEXT:    scf.if
// CHECK-NEXT:      "taskring.submit"{{.*}}!taskring.task
// CHECK-NEXT:    }
// CHECK-NEXT:    "taskring.scope_end"
// CHECK-NEXT:    return
module {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 4 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "x"} : () -> ()
  func.func @main(%b: i1) attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c8 = arith.constant 8 : index
    scf.for %i = %c0 to %c8 step %c1 {
      scf.for %j = %c0 to %c8 step %c1 {
        %t = "taskring.submit"() {kernel = @k, func_id = 0 : i64, worker = "aiv"} : () -> !taskring.task
      }
    }
    scf.for %i = %c0 to %c8 step %c1 {
      %t = "taskring.submit"() {kernel = @k, func_id = 0 : i64, worker = "aiv"} : () -> !taskring.task
      scf.if %b {
        %u = "taskring.submit"() {kernel = @k, func_id = 0 : i64, worker = "aiv"} : () -> !taskring.task
      } else {
        %u = "taskring.submit"() {kernel = @k, func_id = 0 : i64, worker = "aiv"} : () -> !taskring.task
      }
    }
    %t = "taskring.submit"() {kernel = @k, func_id = 0 : i64, worker = "aiv"} : () -> !taskring.task
    scf.if %b {
      %u = "taskring.submit"() {kernel = @k, func_id = 0 : i64, worker = "aiv"} : () -> !taskring.task
    }
    return
  }
}

// -----

// host_build_graph has no scopes: unchanged.
// CHECK-LABEL: func.func @main(
// CHECK-NOT:     taskring.scope_begin
module {
  "taskring.runtime"() {flavor = "host_build_graph", task_window = 4 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 3 : i64, block_dim = 3 : i64, abi = "x"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c8 = arith.constant 8 : index
    scf.for %i = %c0 to %c8 step %c1 {
      %t = "taskring.submit"() {kernel = @k, func_id = 0 : i64, worker = "aiv"} : () -> !taskring.task
    }
    return
  }
}
