// RUN: wsp-opt %s --split-input-file --taskring-size-resources | FileCheck %s

// Per-ring sizing (docs/passes.md, taskring-size-resources). On simpler a
// task's ring is its scope depth, at most 3: the outer loop's task (depth 1)
// is on ring 1, the inner loop's two (depth 2) on ring 2, so each ring holds
// only its own scope's tasks. Rings 0 and 3 are never used and get the
// runtime's minimums (window 4, heap 1024, dep pool 4); used rings keep the
// program's window and the runtime's default heap and pool (0).
// CHECK-LABEL: "taskring.runtime"
// CHECK-SAME: min_task_window = 4 : i64
// CHECK-SAME: ring_dep_pool_need = array<i64: 0, 16, 32, 0>, ring_dep_pools = array<i64: 4, 0, 0, 4>
// CHECK-SAME: ring_heaps = array<i64: 1024, 0, 0, 1024>
// CHECK-SAME: ring_task_need = array<i64: 0, 1, 2, 0>, ring_windows = array<i64: 4, 16, 16, 4>
module {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "wsp-simpler-6ebaf771/1"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    scf.for %i = %c0 to %c4 step %c1 {
      "taskring.scope_begin"() : () -> ()
      %t = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
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

// The same program on pto-runtime 41d5c94a: one ring. The outer task stays
// until its scope ends, and every inner task submitted after it stays behind
// it: 1 + 4 x 2 = 9 tasks at once, so the window must be at least 16. The
// pool wraps around over live entries there, so it needs 32 x (16 - 1) + 1.
// CHECK-LABEL: "taskring.runtime"
// CHECK-SAME: min_task_window = 16 : i64
// CHECK-SAME: ring_dep_pool_need = array<i64: 481, 0, 0, 0>
// CHECK-SAME: ring_task_need = array<i64: 9, 0, 0, 0>, ring_windows = array<i64: 16, 16, 16, 16>
module {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "wsp-pto-runtime-41d5c94a/1"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    scf.for %i = %c0 to %c4 step %c1 {
      "taskring.scope_begin"() : () -> ()
      %t = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
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

// Depths 3 and 4 share simpler's ring 3: the depth-3 task stays while the
// depth-4 loop's 3 x 2 tasks pile up behind it (7), and a window of 8 holds
// that. Intermediates are on the heap of their alloc's ring and stay as long
// as its task: 4 KiB on ring 1; on ring 3 the depth-3 scope's 1 KiB and,
// behind it, all three depth-4 iterations' 2 KiB each.
// CHECK-LABEL: "taskring.runtime"
// CHECK-SAME: min_task_window = 8 : i64
// CHECK-SAME: ring_heap_need = array<i64: 0, 4096, 0, 7168>
// CHECK-SAME: ring_task_need = array<i64: 0, 1, 1, 7>
module {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 8 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "wsp-simpler-6ebaf771/1"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c3 = arith.constant 3 : index
    scf.for %i = %c0 to %c3 step %c1 {
      "taskring.scope_begin"() : () -> ()
      %a = "taskring.tensor_alloc"() {shape = array<i64: 1024>, dtype = "float32"} : () -> !taskring.tensor
      %t = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
      scf.for %j = %c0 to %c3 step %c1 {
        "taskring.scope_begin"() : () -> ()
        %u = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
        scf.for %k = %c0 to %c3 step %c1 {
          "taskring.scope_begin"() : () -> ()
          %b = "taskring.tensor_alloc"() {shape = array<i64: 256>, dtype = "float32"} : () -> !taskring.tensor
          %v = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
          scf.for %l = %c0 to %c3 step %c1 {
            "taskring.scope_begin"() : () -> ()
            %c = "taskring.tensor_alloc"() {shape = array<i64: 512>, dtype = "float32"} : () -> !taskring.tensor
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

// Processes: the CSP support runs them after the workload, each run in
// scopes renewed every window / 4 tasks, so at window 64 a scope holds at
// most 15 tasks, on ring 1. That fits any window the runtime accepts: the
// program's minimum is 4, while the dependency pool must hold 16 entries for
// each of the 15.
// CHECK-LABEL: "taskring.runtime"
// CHECK-SAME: min_task_window = 4 : i64
// CHECK-SAME: ring_dep_pool_need = array<i64: 0, 240, 0, 0>
// CHECK-SAME: ring_task_need = array<i64: 0, 15, 0, 0>
module {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 64 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "wsp-simpler-6ebaf771/1"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    return
  }
  func.func @p() attributes {taskring.process} {
    %t = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
    return
  }
}
