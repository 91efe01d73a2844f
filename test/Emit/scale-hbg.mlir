// The scale example emitted for host_build_graph (the lowered form of
// Inputs/scale.taskring.mlir with the flavor switched): host pointers in,
// device copies and record_tensor_pair for the written tensor, the
// pointer-and-strides kernel ABI, and the task window diagnosed.

// RUN: rm -rf %t && sed -e 's/aicpu_threads = 4/aicpu_threads = 3/' -e 's/"tensormap_and_ringbuffer"/"host_build_graph"/' %S/Inputs/scale.taskring.mlir > %t.mlir
// The emitter itself prints nothing: the lowering warns once about the window,
// at the wsp.task_window op; the emitter records the status in the manifest.
// RUN: wsp-translate --taskring-to-pto-runtime %t.mlir -o %t --golden %S/Inputs/golden_scale_numpy.py 2>&1 >/dev/null | FileCheck %s --allow-empty --check-prefix=QUIET
// QUIET-NOT: warning

// RUN: FileCheck %s --check-prefix=CONFIG --input-file=%t/kernels/kernel_config.py
// CONFIG:      "function_name": "main_build_graph",
// CONFIG:      RUNTIME_CONFIG = {"runtime": "host_build_graph", "aicpu_thread_num": 3, "block_dim": 3}
// CONFIG:      # host_build_graph reads no ring-buffer knobs.
// CONFIG-NEXT: RUNTIME_ENV = {}

// RUN: FileCheck %s --check-prefix=ORCH --input-file=%t/kernels/orchestration/main_orch.cpp
// ORCH:      // args[] (HOST pointers for tensors, raw u64 bits for scalars):
// ORCH:      #include "runtime.h"
// ORCH:      class WspGraph {
// ORCH:      extern "C" int main_build_graph(Runtime* rt, uint64_t* args, int arg_count) {
// ORCH-NEXT:   if (arg_count < 3) {
// ORCH:        WspGraph wsp(rt);
// ORCH-NEXT:   const uint64_t wsp_arg0_shape[] = {64, 64};  // x
// ORCH-NEXT:   WspTensor wsp_arg0 = wsp.external(args[0], wsp_arg0_shape, 2, 4, false);
// ORCH-NEXT:   if (!wsp_arg0.base) return -1;
// ORCH-NEXT:   const uint64_t wsp_arg1_shape[] = {64, 64};  // y
// ORCH-NEXT:   WspTensor wsp_arg1 = wsp.external(args[1], wsp_arg1_shape, 2, 4, true);
// ORCH:          WspTensor v10 = wsp_view(v6, v10_sizes, v10_offsets);
// ORCH:          uint64_t v12_args[] = {wsp_addr(v10), wsp_stride(v10, 0), wsp_addr(v11), wsp_stride(v11, 0), wsp_bits_f32(v0)};
// ORCH-NEXT:     const int v12 = rt->add_task(v12_args, 5, 0, CoreType::AIV);  // scale
// ORCH-NEXT:     const WspUse v12_uses[] = {{[{][{]}}&v10, WSP_READ}, {&v11, WSP_WRITE}};
// ORCH-NEXT:     if (v12 < 0 || !wsp.submit(v12, v12_uses, 2)) return -1;
// ORCH:          // scope end: host_build_graph has no scopes
// ORCH-NEXT:   }
// ORCH-NEXT:   return 0;
// ORCH-NEXT: }

// RUN: FileCheck %s --check-prefix=KERNEL --input-file=%t/kernels/aiv/scale.cpp
// KERNEL:      // args[] follows the kernel's parameters: a tensor is a device pointer to its first element
// KERNEL-NOT:  #include "tensor.h"
// KERNEL:      extern "C" __aicore__ void kernel_entry(__gm__ int64_t* args) {
// KERNEL-NEXT:   __gm__ const float* v0 = reinterpret_cast<__gm__ const float*>(args[0]);
// KERNEL-NEXT:   const int64_t v0_s0 = (int64_t)args[1];
// KERNEL-NEXT:   const int64_t v0_s1 = 1;
// KERNEL-NEXT:   __gm__ float* v1 = reinterpret_cast<__gm__ float*>(args[2]);
// KERNEL-NEXT:   const int64_t v1_s0 = (int64_t)args[3];
// KERNEL-NEXT:   const int64_t v1_s1 = 1;
// KERNEL-NEXT:   const float v2 = wsp_f32_of_bits((uint64_t)args[4]);

// RUN: FileCheck %s --check-prefix=MANIFEST --input-file=%t/manifest.json
// MANIFEST:      "flavor": "host_build_graph",
// MANIFEST:      "env": {}
// MANIFEST:      "function_name": "main_build_graph", "expected_arg_count": 3},
// MANIFEST:      {"directive": "dependencies", "status": "enforced", "detail": "1 submit op(s)", "how": "add_successor edges from the hazard tracker
// MANIFEST-NEXT: {"directive": "task_window", "status": "diagnosed",
// MANIFEST-NEXT: {"directive": "dispatch", "status": "recorded",

// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/kernels/orchestration/main_orch.cpp
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/kernels/aiv/scale.cpp

// Independent tiles: four tasks, no edges; only y is copied back.
// RUN: g++ -std=c++17 -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/hbg_driver.cpp %t/kernels/orchestration/main_orch.cpp -o %t.driver
// RUN: %t.driver t16384 t16384 s0x3fc00000 | FileCheck %s --check-prefix=HOST
// HOST:      record_tensor_pair 16384 bytes
// HOST-NEXT: task 0 func=0 core=1 args=5
// HOST-NEXT: task 1 func=0 core=1 args=5
// HOST-NEXT: task 2 func=0 core=1 args=5
// HOST-NEXT: task 3 func=0 core=1 args=5
// HOST-NEXT: status=0 tasks=4

// RUN: %python %S/Inputs/check_artifact.py %t | FileCheck %s --check-prefix=PY
// PY: orchestration kernels/orchestration/main_orch.cpp exists=True function=main_build_graph
// PY: runtime {'runtime': 'host_build_graph', 'aicpu_thread_num': 3, 'block_dim': 3} env {}
// PY: compute_golden ok
