// Explicit heap-bytes / dep-pool below what one of simpler's rings needs.
// RUN: not wsp-opt %s --split-input-file --pass-pipeline='builtin.module(taskring-size-resources{dep-pool=16})' 2>&1 | FileCheck %s --check-prefix=POOL
// RUN: not wsp-opt %s --split-input-file --pass-pipeline='builtin.module(taskring-size-resources{heap-bytes=4096})' 2>&1 | FileCheck %s --check-prefix=HEAP
// RUN: not wsp-opt %s --split-input-file --pass-pipeline='builtin.module(taskring-size-resources{dep-pool=128})' 2>&1 | FileCheck %s --check-prefix=CSP

// Ring 2 holds two tasks of one scope at once (32 pool entries); ring 3 the
// depth-3 task and, behind it, the three depth-4 iterations' tasks: 4 x 16.
// Ring 3's heap holds 1 KiB, then three 2 KiB intermediates behind it.
// POOL: rings-options.mlir:[[@LINE+3]]:3: error: taskring-size-resources: dep-pool=16 is too small: one task records up to 16 producers in the dependency pool, and 4 task(s) on ring 3 cannot be reclaimed at once, so the pool needs 64 entries; use dep-pool >= 64 or leave it unset
// HEAP: error: taskring-size-resources: heap-bytes=4096 is too small: the program keeps 7168 bytes of intermediates live at once on ring 3; use heap-bytes >= 7168 or leave it unset
module {
  "taskring.runtime"() {flavor = "tensormap_and_ringbuffer", task_window = 16 : i64, heap_bytes = 0 : i64, dep_pool = 0 : i64, aicpu_threads = 4 : i64, block_dim = 3 : i64, abi = "wsp-simpler-6ebaf771/1"} : () -> ()
  func.func @main() attributes {taskring.orchestration} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c3 = arith.constant 3 : index
    scf.for %i = %c0 to %c3 step %c1 {
      "taskring.scope_begin"() : () -> ()
      scf.for %j = %c0 to %c3 step %c1 {
        "taskring.scope_begin"() : () -> ()
        %u = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
        %u2 = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
        scf.for %k = %c0 to %c3 step %c1 {
          "taskring.scope_begin"() : () -> ()
          %b = "taskring.tensor_alloc"() {shape = array<i64: 256>, dtype = "float32"} : () -> !taskring.tensor
          %v = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
          scf.for %l = %c0 to %c3 step %c1 {
            "taskring.scope_begin"() : () -> ()
            %c = "taskring.tensor_alloc"() {shape = array<i64: 512>, dtype = "float32"} : () -> !taskring.tensor
            %w = "taskring.submit"() {func_id = 0 : i64, kernel = @k.kernel, worker = "aiv"} : () -> !taskring.task
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

// Processes at window 64: a per-run scope holds up to 64/4 - 1 = 15 tasks on
// ring 1, 16 pool entries each.
// CSP: error: taskring-size-resources: dep-pool=128 is too small: one task records up to 16 producers in the dependency pool, and 15 task(s) on ring 1 cannot be reclaimed at once, so the pool needs 240 entries; use dep-pool >= 240 or leave it unset
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
