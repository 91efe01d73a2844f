// The scale example (Inputs/scale.taskring.mlir, the lowered form of
// examples/scale) emitted for tensormap_and_ringbuffer: the golden tree of
// every file, the C++ compiled against the stand-in headers, the orchestration
// run on the host, and the Python files loaded as the runner loads them.

// RUN: rm -rf %t && wsp-translate --taskring-to-pto-runtime %S/Inputs/scale.taskring.mlir -o %t --golden %S/Inputs/golden_scale_numpy.py --capability-report | FileCheck %s --check-prefix=FILES
// FILES:      task_window: enforced (16 tasks, mode stall; RUNTIME_ENV PTO2_RING_TASK_WINDOW=16
// FILES:      {{.*}}/golden.py
// FILES-NEXT: {{.*}}/kernels/aiv/scale.cpp
// FILES-NEXT: {{.*}}/kernels/kernel_config.py
// FILES-NEXT: {{.*}}/kernels/orchestration/main_orch.cpp
// FILES-NEXT: {{.*}}/manifest.json

// RUN: FileCheck %s --check-prefix=CONFIG --input-file=%t/kernels/kernel_config.py
// CONFIG:      from pathlib import Path
// CONFIG:      _KERNELS = Path(__file__).parent
// CONFIG:      ORCHESTRATION = {
// CONFIG-NEXT:     "source": str(_KERNELS / "orchestration" / "main_orch.cpp"),
// CONFIG-NEXT:     "function_name": "aicpu_orchestration_entry",
// CONFIG-NEXT: }
// CONFIG:      KERNELS = [
// CONFIG-NEXT:     {"func_id": 0, "source": str(_KERNELS / "aiv" / "scale.cpp"), "core_type": "aiv", "name": "scale"},
// CONFIG-NEXT: ]
// CONFIG:      RUNTIME_CONFIG = {"runtime": "tensormap_and_ringbuffer", "aicpu_thread_num": 4, "block_dim": 3}
// CONFIG:      RUNTIME_ENV = {"PTO2_RING_TASK_WINDOW": "16"}

// RUN: FileCheck %s --check-prefix=ORCH --input-file=%t/kernels/orchestration/main_orch.cpp
// ORCH:      //   args[0] x: float32 tensor [64, 64], read
// ORCH-NEXT: //   args[1] y: float32 tensor [64, 64], written
// ORCH-NEXT: //   args[2] s: float32 scalar
// ORCH:      #include "pto_orchestration_api.h"
// ORCH:      PTO2OrchestrationConfig aicpu_orchestration_config(uint64_t* args, int arg_count) {
// ORCH:        config.expected_arg_count = 3;
// ORCH:      void aicpu_orchestration_entry(PTO2Runtime* rt, uint64_t* args, int arg_count) {
// ORCH-NEXT:   if (arg_count < 3) {
// ORCH:        pto2_rt_init_tensor_pool(rt);
// ORCH-NOT:    std::memcpy((void*)
// ORCH:        const float v0 = wsp_f32_of_bits(args[2]);  // s
// ORCH:        // wsp: {{.*}}scale.taskring.mlir:32:11
// ORCH-NEXT:   uint64_t v6_shape[] = {64, 64};
// ORCH-NEXT:   Tensor v6 = make_tensor_external((void*)(uintptr_t)args[0], v6_shape, 2, DataType::FLOAT32);
// ORCH:        for (int64_t v8 = v1; v8 < v3; v8 += v2) {
// ORCH-NEXT:     // wsp: {{.*}}scale.taskring.mlir:35:7
// ORCH-NEXT:     pto2_rt_scope_begin(rt);
// ORCH-NEXT:     // wsp: {{.*}}scale.taskring.mlir:36:14
// ORCH-NEXT:     const int64_t v9 = (int64_t)((uint64_t)v8 * (uint64_t)v4);
// ORCH-NEXT:     // wsp: {{.*}}scale.taskring.mlir:37:13
// ORCH-NEXT:     uint64_t v10_sizes[] = {16, 64};
// ORCH-NEXT:     uint64_t v10_offsets[] = {(uint64_t)v9, 0};
// ORCH-NEXT:     Tensor v10 = v6.view(v10_sizes, v10_offsets);
// ORCH:          // wsp: {{.*}}scale.taskring.mlir:42:12
// ORCH-NEXT:     PTOParam v12_params[] = {make_input_param(v10), make_output_param(v11), make_scalar_param(wsp_bits_f32(v0))};
// ORCH-NEXT:     pto2_rt_submit_task(rt, 0, PTO2_WORKER_VECTOR, v12_params, 3);  // scale
// ORCH-NEXT:     {{\[\[maybe_unused\]\]}} const int64_t v12 = wsp_submitted++;
// ORCH:          const int64_t v14 = (int64_t)((uint64_t)v13 % (uint64_t)v5);
// ORCH-NEXT:     // wsp: {{.*}}scale.taskring.mlir:45:7
// ORCH-NEXT:     // dispatch (policy affinity, 3 domains): recorded, not enforced
// ORCH-NEXT:     {{\[\[maybe_unused\]\]}} const int64_t v12_domain = v14;
// ORCH-NEXT:     // wsp: {{.*}}scale.taskring.mlir:46:7
// ORCH-NEXT:     pto2_rt_scope_end(rt);
// ORCH-NEXT:   }
// ORCH-NEXT: }
// ORCH-EMPTY:
// ORCH-NEXT: }  // extern "C"

// RUN: FileCheck %s --check-prefix=KERNEL --input-file=%t/kernels/aiv/scale.cpp
// KERNEL:      // Kernel 'scale' (func_id 0, aiv) for pto-runtime 41d5c94a, tensormap_and_ringbuffer
// KERNEL:      #include "tensor.h"
// KERNEL:      extern "C" __aicore__ void kernel_entry(__gm__ int64_t* args) {
// KERNEL-NEXT:   __gm__ TensorData* v0_t = reinterpret_cast<__gm__ TensorData*>(args[0]);
// KERNEL-NEXT:   __gm__ const float* v0 = reinterpret_cast<__gm__ const float*>(v0_t->buffer.addr) + v0_t->start_offset;
// KERNEL-NEXT:   const int64_t v0_s1 = 1;
// KERNEL-NEXT:   const int64_t v0_s0 = v0_s1 * (int64_t)v0_t->raw_shapes[1];
// KERNEL-NEXT:   __gm__ TensorData* v1_t = reinterpret_cast<__gm__ TensorData*>(args[1]);
// KERNEL-NEXT:   __gm__ float* v1 = reinterpret_cast<__gm__ float*>(v1_t->buffer.addr) + v1_t->start_offset;
// KERNEL:        const float v2 = wsp_f32_of_bits((uint64_t)args[2]);
// KERNEL:        for (int64_t v7 = v3; v7 < v5; v7 += v4) {
// KERNEL-NEXT:     // wsp: {{.*}}scale.taskring.mlir:15:7
// KERNEL-NEXT:     for (int64_t v8 = v3; v8 < v6; v8 += v4) {
// KERNEL-NEXT:       // wsp: {{.*}}scale.taskring.mlir:16:14
// KERNEL-NEXT:       const float v9 = v0[v7 * v0_s0 + v8 * v0_s1];
// KERNEL-NEXT:       // wsp: {{.*}}scale.taskring.mlir:17:14
// KERNEL-NEXT:       const float v10 = v9 * v2;
// KERNEL-NEXT:       // wsp: {{.*}}scale.taskring.mlir:18:9
// KERNEL-NEXT:       v1[v7 * v1_s0 + v8 * v1_s1] = v10;

// RUN: FileCheck %s --check-prefix=MANIFEST --input-file=%t/manifest.json
// MANIFEST:      "abi": "wsp-pto-runtime-41d5c94a/1",
// MANIFEST:        "commit": "41d5c94a",
// MANIFEST-NEXT:   "flavor": "tensormap_and_ringbuffer",
// MANIFEST-NEXT:   "platform": "a2a3sim",
// MANIFEST:        "env": {"PTO2_RING_TASK_WINDOW": "16"}
// MANIFEST:      "orchestration": {"source": "kernels/orchestration/main_orch.cpp", "function_name": "aicpu_orchestration_entry", "expected_arg_count": 3},
// MANIFEST-NEXT: "arguments": [
// MANIFEST-NEXT:   {"index": 0, "name": "x", "kind": "tensor", "dtype": "float32", "shape": [64, 64], "access": "in"},
// MANIFEST-NEXT:   {"index": 1, "name": "y", "kind": "tensor", "dtype": "float32", "shape": [64, 64], "access": "out"},
// MANIFEST-NEXT:   {"index": 2, "name": "s", "kind": "scalar", "dtype": "float32"}
// MANIFEST-NEXT: ],
// MANIFEST-NEXT: "outputs": ["y"],
// MANIFEST-NEXT: "kernels": [
// MANIFEST-NEXT:   {"func_id": 0, "name": "scale", "core_type": "aiv", "impl": "generated", "source": "kernels/aiv/scale.cpp", "modes": ["in", "out", "scalar"]}
// MANIFEST-NEXT: ],
// MANIFEST-NEXT: "symbols": [],
// MANIFEST-NEXT: "slots": [],
// MANIFEST-NEXT: "schedule": {
// MANIFEST-NEXT:   "task_window": {"size": 16, "mode": "stall"},
// MANIFEST-NEXT:   "scope_ops": 1,
// MANIFEST-NEXT:   "dispatch": [
// MANIFEST-NEXT:     {"kernel": "scale", "policy": "affinity", "domains": 3, "location": "{{.*}}scale.taskring.mlir:45:7"}
// MANIFEST-NEXT:   ]
// MANIFEST-NEXT: },
// MANIFEST-NEXT: "capabilities": [
// MANIFEST-NEXT:   {"directive": "dependencies", "status": "enforced",
// MANIFEST-NEXT:   {"directive": "task_window", "status": "enforced",
// MANIFEST-NEXT:   {"directive": "dispatch", "status": "recorded",
// MANIFEST-NEXT: ],
// MANIFEST-NEXT: "golden": "golden.py"

// Every emitted C++ file compiles against the stand-in headers.
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/kernels/orchestration/main_orch.cpp
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/kernels/aiv/scale.cpp

// The orchestration, run on the host: one submit per 16-row tile, each in its own scope.
// RUN: g++ -std=c++17 -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/tmr_driver.cpp %t/kernels/orchestration/main_orch.cpp -o %t.driver
// RUN: %t.driver t16384 t16384 s0x3fc00000 | FileCheck %s --check-prefix=HOST
// HOST-LABEL: expected_arg_count=3
// HOST-NEXT: scope_begin depth=1
// HOST-NEXT: submit func=0 worker=1 in(start=0 shape=16x64) out(start=0 shape=16x64) scalar(0x3fc00000)
// HOST-NEXT: scope_end depth=1
// HOST-NEXT: scope_begin depth=1
// HOST-NEXT: submit func=0 worker=1 in(start=1024 shape=16x64) out(start=1024 shape=16x64) scalar(0x3fc00000)
// HOST:      submit func=0 worker=1 in(start=2048 shape=16x64)
// HOST:      submit func=0 worker=1 in(start=3072 shape=16x64)
// HOST:      submits=4 depth=0

// The Python files load as the runner loads them; __outputs__ was appended.
// RUN: %python %S/Inputs/check_artifact.py %t | FileCheck %s --check-prefix=PY
// PY:      orchestration kernels/orchestration/main_orch.cpp exists=True function=aicpu_orchestration_entry
// PY-NEXT: kernel 0 aiv scale kernels/aiv/scale.cpp exists=True
// PY-NEXT: runtime {'runtime': 'tensormap_and_ringbuffer', 'aicpu_thread_num': 4, 'block_dim': 3} env {'PTO2_RING_TASK_WINDOW': '16'}
// PY-NEXT: manifest abi=wsp-pto-runtime-41d5c94a/1 args=['x', 'y', 's'] outputs=['y']
// PY-NEXT: __outputs__ ['y']
// PY-NEXT: generate_inputs ['x', 'y', 's']
// PY-NEXT: compute_golden ok

// A reference that returns the arguments in the wrong order is stopped by the
// appended check, with the expected order, before the runner can use them.
// RUN: wsp-translate --taskring-to-pto-runtime %S/Inputs/scale.taskring.mlir -o %t.wrong --force --golden %S/Inputs/golden_wrong_order.py > /dev/null
// RUN: %python %S/Inputs/check_artifact.py %t.wrong | FileCheck %s --check-prefix=WRONG
// WRONG: generate_inputs raised: golden.py: generate_inputs must return [(name, value), ...] for the orchestration arguments ['x', 'y', 's'] in this order; got ['y', 'x', 's']
