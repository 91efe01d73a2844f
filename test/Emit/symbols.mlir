// Host symbols (taskring.arg): scalar orchestration arguments after the
// function's own, listed in the manifest with stable ids (FNV-1a-64 of the
// name), read on every run: here `seq_len` bounds a loop, so the same
// artifact submits a different number of tasks per run. (x is read and
// written, so tensormap_and_ringbuffer also takes its initial value, args[3].)

// RUN: rm -rf %t && wsp-translate --taskring-to-pto-runtime %s -o %t --capability-report | FileCheck %s --check-prefix=REPORT
// REPORT: dependencies: enforced (1 submit op(s);
// REPORT: symbols: enforced (host symbols; orchestration scalar arguments read on every run

// RUN: FileCheck %s --check-prefix=MANIFEST --input-file=%t/manifest.json
// MANIFEST:      {"index": 1, "name": "seq_len", "kind": "scalar", "dtype": "int64", "symbol": true},
// MANIFEST-NEXT: {"index": 2, "name": "alpha", "kind": "scalar", "dtype": "float32", "symbol": true},
// MANIFEST-NEXT: {"index": 3, "name": "x_wsp_init", "kind": "tensor", "dtype": "float32", "shape": [4, 64], "access": "in", "initial_value_of": "x"}
// MANIFEST:      "symbols": [
// MANIFEST-NEXT:   {"name": "seq_len", "id": "0xc28eecfd70042fb0", "index": 1, "dtype": "int64"},
// MANIFEST-NEXT:   {"name": "alpha", "id": "0x8ac625bb85ed202b", "index": 2, "dtype": "float32"}
// MANIFEST-NEXT: ],

// RUN: FileCheck %s --check-prefix=ORCH --input-file=%t/kernels/orchestration/main_orch.cpp
// ORCH: //   args[1] seq_len: int64 scalar (host symbol)
// ORCH: const int64_t v{{[0-9]+}} = (int64_t)(args[1]);  // host symbol 'seq_len'
// ORCH: const float v{{[0-9]+}} = wsp_f32_of_bits(args[2]);  // host symbol 'alpha'

// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/kernels/orchestration/main_orch.cpp
// RUN: g++ -std=c++17 -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/tmr_driver.cpp %t/kernels/orchestration/main_orch.cpp -o %t.driver
// RUN: %t.driver t1024 s2 s0x3f800000 t1024 | FileCheck %s --check-prefix=TWO
// TWO:      submit func=0 worker=1 inout(start=0 shape=1x64) scalar(0x3f800000)
// TWO:      submit func=0 worker=1 inout(start=64 shape=1x64) scalar(0x3f800000)
// TWO:      submits=2
// RUN: %t.driver t1024 s3 s0x40000000 t1024 | FileCheck %s --check-prefix=THREE
// THREE: submits=3

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64,
      block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer",
      heap_bytes = 0 : i64, task_window = 65536 : i64, window_mode = "default"} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["inout", "scalar"],
      impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  func.func @main(%x: memref<4x64xf32>) attributes {taskring.orchestration, taskring.arg_names = ["x"]} {
    %n = "taskring.arg"() {index = 1 : i64, name = "seq_len"} : () -> i64
    %alpha = "taskring.arg"() {index = 2 : i64, name = "alpha"} : () -> f32
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %ub = arith.index_cast %n : i64 to index
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<4x64xf32>) -> !taskring.tensor
    scf.for %i = %c0 to %ub step %c1 {
      "taskring.scope_begin"() : () -> ()
      %v = "taskring.view"(%t, %i) {sizes = array<i64: 1, 64>, static_offsets = array<i64: -9223372036854775808, 0>} : (!taskring.tensor, index) -> !taskring.tensor
      %p = "taskring.inout"(%v) : (!taskring.tensor) -> !taskring.param
      %q = "taskring.scalar"(%alpha) : (f32) -> !taskring.param
      %h = "taskring.submit"(%p, %q) {func_id = 0 : i64, kernel = @k, worker = "aiv"} : (!taskring.param, !taskring.param) -> !taskring.task
      "taskring.scope_end"() : () -> ()
    }
    return
  }
}
