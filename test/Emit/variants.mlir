// Kernel variants (docs/slots.md, "Kernel variant ABI"): what the emitter
// prints for the taskring.kernel ops with `base`/`guards`/`slot_scalars` that
// taskring-predicate-slots creates, on both runtimes; the files compile, and
// the variants' entries run on the host with the stand-in headers:
// - fill_v0/fill_v1 run the generated @fill when guard @__wsp_guard0 holds /
//   does not hold; the guard divides by the element (by zero: 0, no trap) and
//   takes the host symbol `d` as a scalar input;
// - fill_v2 reads an i32 element as i1 (non-zero);
// - show_v0 (a user source) gets two slot scalars loaded (an i32 from a
//   rank-2 view, an f32); on host_build_graph the params after a rank-2 view
//   move down, as the base kernel expects one slot per scalar.

// RUN: rm -rf %t && mkdir -p %t
// RUN: wsp-translate --taskring-to-pto-runtime %s -o %t/tmr --capability-report | FileCheck %s --check-prefix=FILES
// FILES: slot_reads: enforced (3 slot(s), 4 kernel variant(s), 3 guarded; predicated execution
// FILES: {{.*}}/kernels/aiv/fill_v0.cpp
// FILES: {{.*}}/kernels/aiv/show_v0.cpp
// FILES-NOT: guard

// RUN: FileCheck %s --check-prefix=CONFIG --input-file=%t/tmr/kernels/kernel_config.py
// CONFIG:      {"func_id": 1, "source": str(_KERNELS / "aiv" / "fill_v0.cpp"), "core_type": "aiv", "name": "fill_v0"},
// CONFIG-NEXT: {"func_id": 2, "source": str(_KERNELS / "aiv" / "fill_v1.cpp"), "core_type": "aiv", "name": "fill_v1"},
// CONFIG-NEXT: {"func_id": 3, "source": str(_KERNELS / "aiv" / "fill_v2.cpp"), "core_type": "aiv", "name": "fill_v2"},
// CONFIG-NEXT: {"func_id": 4, "source": str(_KERNELS / "aiv" / "show.cpp"), "core_type": "aiv", "name": "show"},
// CONFIG-NEXT: {"func_id": 5, "source": str(_KERNELS / "aiv" / "show_v0.cpp"), "core_type": "aiv", "name": "show_v0"},
// CONFIG-NEXT: ]

// RUN: FileCheck %s --check-prefix=MANIFEST --input-file=%t/tmr/manifest.json
// MANIFEST:      {"index": 0, "name": "k", "kind": "tensor", "dtype": "int32", "shape": [2, 4], "access": "in"},
// MANIFEST-NEXT: {"index": 1, "name": "f", "kind": "tensor", "dtype": "float32", "shape": [4], "access": "in"},
// MANIFEST-NEXT: {"index": 2, "name": "y", "kind": "tensor", "dtype": "int64", "shape": [8], "access": "inout"},
// MANIFEST-NEXT: {"index": 3, "name": "d", "kind": "scalar", "dtype": "int64", "symbol": true},
// MANIFEST-NEXT: {"index": 4, "name": "y_wsp_init", "kind": "tensor", "dtype": "int64", "shape": [8], "access": "in", "initial_value_of": "y"}
// MANIFEST:      "slots": [
// MANIFEST-NEXT:   {"slot": 0, "tensor": "k", "index": [1, 2], "dtype": "int32", "type": "i32", "read_by": ["fill_v0", "fill_v1", "show_v0"], "location": "{{.*}}variants.mlir:{{[0-9]+}}:{{[0-9]+}}"},
// MANIFEST-NEXT:   {"slot": 1, "tensor": "k", "index": [0, null], "dtype": "int32", "type": "i1", "read_by": ["fill_v2"], "location":
// MANIFEST-NEXT:   {"slot": 2, "tensor": "f", "index": [3], "dtype": "float32", "type": "f32", "read_by": ["show_v0"], "location":
// MANIFEST-NEXT: ],

// The guard, its early return and the base body, in that file order.
// RUN: FileCheck %s --check-prefix=V0 --input-file=%t/tmr/kernels/aiv/fill_v0.cpp
// V0:      // Kernel variant 'fill_v0' (func_id 1, aiv) for pto-runtime 41d5c94a, tensormap_and_ringbuffer
// V0-NEXT: // It runs base kernel 'fill' only when its guards hold on device (docs/slots.md):
// V0-NEXT: // its first 2 params are the base kernel's, the rest the guard inputs.
// V0:      #include <limits>
// V0:      #include "tensor.h"
// V0:      template <typename T> static inline T wsp_divs0(T a, T b) {
// V0:      template <typename T> static inline T wsp_element(__gm__ int64_t* args, int i) {
// V0-NEXT:   __gm__ TensorData* t = reinterpret_cast<__gm__ TensorData*>(args[i]);
// V0-NEXT:   return reinterpret_cast<__gm__ const T*>(t->buffer.addr)[t->start_offset];
// V0:      // ---- base kernel: generated from @fill ----
// V0-NEXT: static __aicore__ void wsp_base_kernel(__gm__ int64_t* args) {
// V0-NEXT:   __gm__ TensorData* v0_t = reinterpret_cast<__gm__ TensorData*>(args[0]);
// V0:        const int64_t v1 = (int64_t)((uint64_t)args[1]);
// V0:          v0[v5 * v0_s0] = v1;
// V0:      // Guard @__wsp_guard0 ({{.*}}variants.mlir:{{[0-9]+}}:{{[0-9]+}}), with total arithmetic.
// V0-NEXT: static bool wsp_guard0(const int32_t v0, const int64_t v1) {
// V0:        const int64_t v2 = (int64_t)v0;
// V0:        const int64_t v3 = wsp_divs0(v1, v2);
// V0:        return v5;
// V0-NEXT: }
// V0:      extern "C" __aicore__ void kernel_entry(__gm__ int64_t* args) {
// V0-NEXT:   // 2. Guards: every term must hold, else the task does nothing (predicated execution).
// V0-NEXT:   const int32_t wsp_in2 = wsp_element<int32_t>(args, 2);
// V0-NEXT:   const int64_t wsp_in3 = (int64_t)((uint64_t)args[3]);
// V0-NEXT:   if (!wsp_guard0(wsp_in2, wsp_in3)) return;  // term 0: @__wsp_guard0
// V0-NEXT:   // 3. The base kernel, on its 2 params.
// V0-NEXT:   wsp_base_kernel(args);
// V0-NEXT: }
// RUN: FileCheck %s --check-prefix=V1 --input-file=%t/tmr/kernels/aiv/fill_v1.cpp
// V1: if (wsp_guard0(wsp_in2, wsp_in3)) return;  // term 0: not @__wsp_guard0
// RUN: FileCheck %s --check-prefix=V2 --input-file=%t/tmr/kernels/aiv/fill_v2.cpp
// V2: static bool wsp_guard_is_set(const bool v0) {
// V2: const bool wsp_in2 = (wsp_element<int32_t>(args, 2) != 0);
// V2: if (!wsp_guard_is_set(wsp_in2)) return;  // term 0: @is_set

// The user's source, copied with its kernel_entry renamed, then the entry.
// RUN: FileCheck %s --check-prefix=SHOW --input-file=%t/tmr/kernels/aiv/show_v0.cpp
// SHOW:      // ---- base kernel: the user's 'Inputs/show_args.cpp', copied verbatim; its kernel_entry is renamed ----
// SHOW-NEXT: #define kernel_entry wsp_base_kernel
// SHOW-NEXT: // A user-written kernel (impl = "source") for the kernel-variant tests: it
// SHOW:      extern "C" __aicore__ void kernel_entry(__gm__ int64_t* args) {
// SHOW:      #undef kernel_entry
// SHOW-NEXT: // ---- end of the user's kernel ----
// SHOW:      extern "C" __aicore__ void kernel_entry(__gm__ int64_t* args) {
// SHOW-NEXT:   // 1. Slot scalars: the base kernel reads these params as scalars; load each from its element.
// SHOW-NEXT:   args[1] = (int64_t)(uint64_t)wsp_element<int32_t>(args, 1);  // param 1: slot scalar i32
// SHOW-NEXT:   args[2] = (int64_t)wsp_bits_f32(wsp_element<float>(args, 2));  // param 2: slot scalar f32
// SHOW-NEXT:   // 3. The base kernel, on its 4 params.
// SHOW-NEXT:   wsp_base_kernel(args);
// SHOW-NEXT: }

// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/tmr/kernels/aiv/fill.cpp %t/tmr/kernels/aiv/fill_v0.cpp %t/tmr/kernels/aiv/fill_v1.cpp %t/tmr/kernels/aiv/fill_v2.cpp %t/tmr/kernels/aiv/show.cpp %t/tmr/kernels/aiv/show_v0.cpp %t/tmr/kernels/orchestration/main_orch.cpp

// On the host: element 0 (a division by zero) passes guard 0, 1 does not,
// -1 with d = INT64_MIN wraps (no SIGFPE) and does not.
// RUN: g++ -std=c++17 -DWSP_DRIVER_TMR -I %S/stubs %S/Inputs/kernel_driver.cpp %t/tmr/kernels/aiv/fill_v0.cpp -o %t/tmr-v0
// RUN: g++ -std=c++17 -DWSP_DRIVER_TMR -I %S/stubs %S/Inputs/kernel_driver.cpp %t/tmr/kernels/aiv/fill_v1.cpp -o %t/tmr-v1
// RUN: g++ -std=c++17 -DWSP_DRIVER_TMR -I %S/stubs %S/Inputs/kernel_driver.cpp %t/tmr/kernels/aiv/fill_v2.cpp -o %t/tmr-v2
// RUN: g++ -std=c++17 -DWSP_DRIVER_TMR -I %S/stubs %S/Inputs/kernel_driver.cpp %t/tmr/kernels/aiv/show_v0.cpp -o %t/tmr-show
// RUN: %t/tmr-v0 i8 s42 e0 s5 | FileCheck %s --check-prefix=RUNS
// RUN: %t/tmr-v1 i8 s42 e0 s5 | FileCheck %s --check-prefix=SKIPS
// RUN: %t/tmr-v0 i8 s42 e1 s5 | FileCheck %s --check-prefix=SKIPS
// RUN: %t/tmr-v1 i8 s42 e1 s5 | FileCheck %s --check-prefix=RUNS
// RUN: %t/tmr-v0 i8 s42 e0xffffffff s0x8000000000000000 | FileCheck %s --check-prefix=SKIPS
// RUN: %t/tmr-v2 i8 s42 e0x100000000 | FileCheck %s --check-prefix=SKIPS
// RUN: %t/tmr-v2 i8 s42 e0x80000000 | FileCheck %s --check-prefix=RUNS
// RUNS:      0.0 = 42
// RUNS:      0.7 = 42
// SKIPS:     0.0 = 0
// SKIPS:     0.7 = 0
// RUN: %t/tmr-show s7 e0xfffffffd e0x3fc00000 s9 | FileCheck %s --check-prefix=SHOWED
// SHOWED: show: 7 -3 0x3fc00000

// host_build_graph: the same module with the flavor switched. A tensor param
// is its address then rank - 1 strides, so the rank-2 element k[1,2] takes two
// slots (the drivers pass its stride, 4, after it).
// RUN: sed -e 's/aicpu_threads = 4/aicpu_threads = 3/' -e 's/"tensormap_and_ringbuffer"/"host_build_graph"/' -e 's|"Inputs/|"%S/Inputs/|' %s > %t/hbg.mlir
// RUN: wsp-translate --taskring-to-pto-runtime %t/hbg.mlir -o %t/hbg > /dev/null
// RUN: FileCheck %s --check-prefix=HBG --input-file=%t/hbg/kernels/aiv/show_v0.cpp
// HBG:      template <typename T> static inline T wsp_element(__gm__ int64_t* args, int i) {
// HBG-NEXT:   return *reinterpret_cast<__gm__ const T*>(args[i]);
// HBG:      extern "C" __aicore__ void kernel_entry(__gm__ int64_t* args) {
// HBG-NEXT:   // 1. Slot scalars: the base kernel reads these params as scalars; load each from its element.
// HBG-NEXT:   args[1] = (int64_t)(uint64_t)wsp_element<int32_t>(args, 1);  // param 1: slot scalar i32
// HBG-NEXT:   args[2] = (int64_t)wsp_bits_f32(wsp_element<float>(args, 3));  // param 2: slot scalar f32
// HBG-NEXT:   args[3] = args[4];  // param 3 moves down
// HBG-NEXT:   // 3. The base kernel, on its 4 params.
// RUN: FileCheck %s --check-prefix=HBG-ORCH --input-file=%t/hbg/kernels/orchestration/main_orch.cpp
// HBG-ORCH: uint64_t v{{[0-9]+}}_args[] = {(uint64_t)v{{[0-9]+}}, wsp_addr(v{{[0-9]+}}), wsp_stride(v{{[0-9]+}}, 0), wsp_addr(v{{[0-9]+}}), (uint64_t)v{{[0-9]+}}};
// HBG-ORCH: const int v{{[0-9]+}} = rt->add_task(v{{[0-9]+}}_args, 5, 5, CoreType::AIV);  // show_v0
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/hbg/kernels/aiv/fill.cpp %t/hbg/kernels/aiv/fill_v0.cpp %t/hbg/kernels/aiv/fill_v1.cpp %t/hbg/kernels/aiv/fill_v2.cpp %t/hbg/kernels/aiv/show.cpp %t/hbg/kernels/aiv/show_v0.cpp %t/hbg/kernels/orchestration/main_orch.cpp
// RUN: g++ -std=c++17 -I %S/stubs %S/Inputs/kernel_driver.cpp %t/hbg/kernels/aiv/fill_v0.cpp -o %t/hbg-v0
// RUN: g++ -std=c++17 -I %S/stubs %S/Inputs/kernel_driver.cpp %t/hbg/kernels/aiv/show_v0.cpp -o %t/hbg-show
// RUN: %t/hbg-v0 i8 s42 e0 s4 s5 | FileCheck %s --check-prefix=RUNS
// RUN: %t/hbg-v0 i8 s42 e1 s4 s5 | FileCheck %s --check-prefix=SKIPS
// RUN: %t/hbg-show s7 e0xfffffffd s4 e0x3fc00000 s9 | FileCheck %s --check-prefix=SHOWED

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64,
      block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer",
      heap_bytes = 0 : i64, task_window = 65536 : i64, window_mode = "default"} : () -> ()
  func.func @fill(%y: memref<8xi64>, %v: i64) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c8 = arith.constant 8 : index
    scf.for %i = %c0 to %c8 step %c1 {
      memref.store %v, %y[%i] : memref<8xi64>
    }
    return
  }
  "taskring.kernel"() {sym_name = "fill.kernel", name = "fill", func_id = 0 : i64, worker = "aiv",
      modes = ["out", "scalar"], impl = "generated", source = @fill} : () -> ()
  "taskring.kernel"() {sym_name = "fill_v0.kernel", name = "fill_v0", func_id = 1 : i64, worker = "aiv",
      modes = ["out", "scalar", "in", "scalar"], impl = "generated", source = @fill,
      base = @fill.kernel, base_params = 2 : i64, slot_scalars = array<i64>,
      guards = [{fn = @__wsp_guard0, negate = false, params = 2 : i64}]} : () -> ()
  "taskring.kernel"() {sym_name = "fill_v1.kernel", name = "fill_v1", func_id = 2 : i64, worker = "aiv",
      modes = ["out", "scalar", "in", "scalar"], impl = "generated", source = @fill,
      base = @fill.kernel, base_params = 2 : i64, slot_scalars = array<i64>,
      guards = [{fn = @__wsp_guard0, negate = true, params = 2 : i64}]} : () -> ()
  "taskring.kernel"() {sym_name = "fill_v2.kernel", name = "fill_v2", func_id = 3 : i64, worker = "aiv",
      modes = ["out", "scalar", "in"], impl = "generated", source = @fill,
      base = @fill.kernel, base_params = 2 : i64, slot_scalars = array<i64>,
      guards = [{fn = @is_set, negate = false, params = 1 : i64}]} : () -> ()
  "taskring.kernel"() {sym_name = "show.kernel", name = "show", func_id = 4 : i64, worker = "aiv",
      modes = ["scalar", "scalar", "scalar", "scalar"], impl = "source", source = "Inputs/show_args.cpp"} : () -> ()
  "taskring.kernel"() {sym_name = "show_v0.kernel", name = "show_v0", func_id = 5 : i64, worker = "aiv",
      modes = ["scalar", "in", "in", "scalar"], impl = "source", source = "Inputs/show_args.cpp",
      base = @show.kernel, base_params = 4 : i64, slot_scalars = array<i64: 1, 2>, guards = []} : () -> ()
  // (d / k[1,2]) == 0, with the division of a guard: by zero gives 0.
  func.func private @__wsp_guard0(%e: i32, %d: i64) -> i1 attributes {taskring.guard} {
    %x = arith.extsi %e : i32 to i64
    %q = arith.divsi %d, %x : i64
    %zero = arith.constant 0 : i64
    %c = arith.cmpi eq, %q, %zero : i64
    return %c : i1
  }
  func.func private @is_set(%b: i1) -> i1 attributes {taskring.guard} {
    return %b : i1
  }
  func.func @main(%k: memref<2x4xi32>, %f: memref<4xf32>, %y: memref<8xi64>)
      attributes {taskring.orchestration, taskring.arg_names = ["k", "f", "y"]} {
    %d = "taskring.arg"() {index = 3 : i64, name = "d"} : () -> i64
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %tk = "taskring.tensor_external"(%k) {index = 0 : i64, name = "k"} : (memref<2x4xi32>) -> !taskring.tensor
    %tf = "taskring.tensor_external"(%f) {index = 1 : i64, name = "f"} : (memref<4xf32>) -> !taskring.tensor
    %ty = "taskring.tensor_external"(%y) {index = 2 : i64, name = "y"} : (memref<8xi64>) -> !taskring.tensor
    %e = "taskring.view"(%tk, %c1, %c2) {sizes = array<i64: 1, 1>, static_offsets = array<i64: -9223372036854775808, -9223372036854775808>} : (!taskring.tensor, index, index) -> !taskring.tensor
    %v42 = arith.constant 42 : i64
    %a0 = "taskring.inout"(%ty) : (!taskring.tensor) -> !taskring.param
    %a1 = "taskring.scalar"(%v42) : (i64) -> !taskring.param
    %a2 = "taskring.input"(%e) : (!taskring.tensor) -> !taskring.param
    %a3 = "taskring.scalar"(%d) : (i64) -> !taskring.param
    %t0 = "taskring.submit"(%a0, %a1, %a2, %a3) {func_id = 1 : i64, kernel = @fill_v0.kernel, worker = "aiv", guards = [{fn = @__wsp_guard0, negate = false, params = 2 : i64}]} : (!taskring.param, !taskring.param, !taskring.param, !taskring.param) -> !taskring.task
    %b0 = "taskring.inout"(%ty) : (!taskring.tensor) -> !taskring.param
    %b1 = "taskring.scalar"(%v42) : (i64) -> !taskring.param
    %b2 = "taskring.input"(%e) : (!taskring.tensor) -> !taskring.param
    %b3 = "taskring.scalar"(%d) : (i64) -> !taskring.param
    %t1 = "taskring.submit"(%b0, %b1, %b2, %b3) {func_id = 2 : i64, kernel = @fill_v1.kernel, worker = "aiv", guards = [{fn = @__wsp_guard0, negate = true, params = 2 : i64}]} : (!taskring.param, !taskring.param, !taskring.param, !taskring.param) -> !taskring.task
    // An element whose second index is only known at run time (a symbol).
    %j = arith.index_cast %d : i64 to index
    %e2 = "taskring.view"(%tk, %c0, %j) {sizes = array<i64: 1, 1>, static_offsets = array<i64: -9223372036854775808, -9223372036854775808>} : (!taskring.tensor, index, index) -> !taskring.tensor
    %c0b = "taskring.inout"(%ty) : (!taskring.tensor) -> !taskring.param
    %c1b = "taskring.scalar"(%v42) : (i64) -> !taskring.param
    %c2b = "taskring.input"(%e2) : (!taskring.tensor) -> !taskring.param
    %t2 = "taskring.submit"(%c0b, %c1b, %c2b) {func_id = 3 : i64, kernel = @fill_v2.kernel, worker = "aiv", guards = [{fn = @is_set, negate = false, params = 1 : i64}]} : (!taskring.param, !taskring.param, !taskring.param) -> !taskring.task
    %c7 = arith.constant 7 : i64
    %c9 = arith.constant 9 : i64
    %c3 = arith.constant 3 : index
    %ef3 = "taskring.view"(%tf, %c3) {sizes = array<i64: 1>, static_offsets = array<i64: -9223372036854775808>} : (!taskring.tensor, index) -> !taskring.tensor
    %s0 = "taskring.scalar"(%c7) : (i64) -> !taskring.param
    %s1 = "taskring.input"(%e) {taskring.slot_scalar = i32} : (!taskring.tensor) -> !taskring.param
    %s2 = "taskring.input"(%ef3) {taskring.slot_scalar = f32} : (!taskring.tensor) -> !taskring.param
    %s3 = "taskring.scalar"(%c9) : (i64) -> !taskring.param
    %t3 = "taskring.submit"(%s0, %s1, %s2, %s3) {func_id = 5 : i64, kernel = @show_v0.kernel, worker = "aiv"} : (!taskring.param, !taskring.param, !taskring.param, !taskring.param) -> !taskring.task
    return
  }
}
