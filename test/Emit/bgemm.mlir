// The bgemm example (Inputs/bgemm.taskring.mlir): a cube kernel with a
// loop-carried accumulator, and C read and written by every task.
// tensormap_and_ringbuffer: the runner does not upload tensors it copies
// back, so C's initial contents travel in a hidden argument C_wsp_init that
// the orchestration copies into C before any task, and golden.py supplies it.
// host_build_graph: C is uploaded and recorded; each tile's k chain is
// ordered by add_successor edges, tiles stay independent.

// RUN: rm -rf %t && mkdir -p %t
// RUN: wsp-translate --taskring-to-pto-runtime %S/Inputs/bgemm.taskring.mlir -o %t/tmr --golden %S/Inputs/golden_bgemm_numpy.py > /dev/null

// RUN: FileCheck %s --check-prefix=TMR-MANIFEST --input-file=%t/tmr/manifest.json
// TMR-MANIFEST:      "expected_arg_count": 4},
// TMR-MANIFEST-NEXT: "arguments": [
// TMR-MANIFEST-NEXT:   {"index": 0, "name": "A", "kind": "tensor", "dtype": "float32", "shape": [64, 64], "access": "in"},
// TMR-MANIFEST-NEXT:   {"index": 1, "name": "B", "kind": "tensor", "dtype": "float32", "shape": [64, 64], "access": "in"},
// TMR-MANIFEST-NEXT:   {"index": 2, "name": "C", "kind": "tensor", "dtype": "float32", "shape": [64, 64], "access": "inout"},
// TMR-MANIFEST-NEXT:   {"index": 3, "name": "C_wsp_init", "kind": "tensor", "dtype": "float32", "shape": [64, 64], "access": "in", "initial_value_of": "C"}
// TMR-MANIFEST-NEXT: ],
// TMR-MANIFEST-NEXT: "outputs": ["C"],
// TMR-MANIFEST:      {"func_id": 0, "name": "gemm_acc", "core_type": "aic", "impl": "generated", "source": "kernels/aic/gemm_acc.cpp", "modes": ["in", "in", "inout"]}
// TMR-MANIFEST:      {"kernel": "gemm_acc", "policy": "hash", "domains": 3,

// RUN: FileCheck %s --check-prefix=TMR-ORCH --input-file=%t/tmr/kernels/orchestration/main_orch.cpp
// TMR-ORCH:      //   args[2] C: float32 tensor [64, 64], read and written
// TMR-ORCH-NEXT: //   args[3] C_wsp_init: float32 tensor [64, 64], read; initial contents of 'C'
// TMR-ORCH:      pto2_rt_init_tensor_pool(rt);
// TMR-ORCH-NEXT: // 'C' is read and written: the runner does not upload tensors it copies back,
// TMR-ORCH-NEXT: // so its initial contents arrive in args[3] and are copied in before any task runs.
// TMR-ORCH-NEXT: std::memcpy((void*)(uintptr_t)args[2], (const void*)(uintptr_t)args[3], 16384);
// TMR-ORCH:      PTOParam v{{[0-9]+}}_params[] = {make_input_param(v{{[0-9]+}}), make_input_param(v{{[0-9]+}}), make_inout_param(v{{[0-9]+}})};
// TMR-ORCH-NEXT: pto2_rt_submit_task(rt, 0, PTO2_WORKER_CUBE, v{{[0-9]+}}_params, 3);  // gemm_acc

// The accumulator is carried through the p loop in a local, updated via a temporary.
// RUN: FileCheck %s --check-prefix=KERNEL --input-file=%t/tmr/kernels/aic/gemm_acc.cpp
// KERNEL:      // Kernel 'gemm_acc' (func_id 0, aic)
// KERNEL:      __gm__ float* v2 = reinterpret_cast<__gm__ float*>(v2_t->buffer.addr) + v2_t->start_offset;
// KERNEL:          const float v8 = v2[v6 * v2_s0 + v7 * v2_s1];
// KERNEL-NEXT:     // wsp: {{.*}}bgemm.taskring.mlir:18:16
// KERNEL-NEXT:     float v9 = v8;
// KERNEL-NEXT:     for (int64_t v10 = v3; v10 < v5; v10 += v4) {
// KERNEL:              const float v14 = v9 + v13;
// KERNEL-NEXT:         // wsp: {{.*}}bgemm.taskring.mlir:23:11
// KERNEL-NEXT:         const auto v9_next = v14;
// KERNEL-NEXT:         v9 = v9_next;
// KERNEL-NEXT:       }
// KERNEL-NEXT:       // wsp: {{.*}}bgemm.taskring.mlir:25:9
// KERNEL-NEXT:       v2[v6 * v2_s0 + v7 * v2_s1] = v9;

// golden.py hands the runner C's initial contents as the hidden argument.
// RUN: %python %S/Inputs/check_artifact.py %t/tmr | FileCheck %s --check-prefix=TMR-PY
// TMR-PY: manifest abi=wsp-pto-runtime-41d5c94a/1 args=['A', 'B', 'C', 'C_wsp_init'] outputs=['C']
// TMR-PY: __outputs__ ['C']
// TMR-PY: generate_inputs ['A', 'B', 'C', 'C_wsp_init']
// TMR-PY: compute_golden ok

// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/tmr/kernels/orchestration/main_orch.cpp
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/tmr/kernels/aic/gemm_acc.cpp
// RUN: g++ -std=c++17 -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/tmr_driver.cpp %t/tmr/kernels/orchestration/main_orch.cpp -o %t/tmr.driver
// RUN: %t/tmr.driver t16384 t16384 t16384 t16384 | FileCheck %s --check-prefix=TMR-HOST
// TMR-HOST:      expected_arg_count=4
// TMR-HOST:      submit func=0 worker=0 in(start=0 shape=32x32) in(start=0 shape=32x32) inout(start=0 shape=32x32)
// TMR-HOST:      submit func=0 worker=0 in(start=32 shape=32x32) in(start=2048 shape=32x32) inout(start=0 shape=32x32)
// TMR-HOST:      submits=8 depth=0

// RUN: sed -e 's/aicpu_threads = 4/aicpu_threads = 3/' -e 's/"tensormap_and_ringbuffer"/"host_build_graph"/' %S/Inputs/bgemm.taskring.mlir > %t/hbg.mlir
// RUN: wsp-translate --taskring-to-pto-runtime %t/hbg.mlir -o %t/hbg --golden %S/Inputs/golden_bgemm_numpy.py > /dev/null 2>&1
// RUN: FileCheck %s --check-prefix=HBG-MANIFEST --input-file=%t/hbg/manifest.json
// HBG-MANIFEST:     "expected_arg_count": 3},
// HBG-MANIFEST-NOT: C_wsp_init
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/hbg/kernels/orchestration/main_orch.cpp
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/hbg/kernels/aic/gemm_acc.cpp
// RUN: g++ -std=c++17 -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/hbg_driver.cpp %t/hbg/kernels/orchestration/main_orch.cpp -o %t/hbg.driver
// RUN: %t/hbg.driver t16384 t16384 t16384 | FileCheck %s --check-prefix=HBG-HOST
// HBG-HOST:      record_tensor_pair 16384 bytes
// HBG-HOST-NEXT: task 0 func=0 core=0 args=6
// HBG-HOST-NEXT: task 1 func=0 core=0 args=6
// HBG-HOST-NEXT: edge 0 -> 1
// HBG-HOST-NEXT: task 2 func=0 core=0 args=6
// HBG-HOST-NEXT: task 3 func=0 core=0 args=6
// HBG-HOST-NEXT: edge 2 -> 3
// HBG-HOST-NEXT: task 4 func=0 core=0 args=6
// HBG-HOST-NEXT: task 5 func=0 core=0 args=6
// HBG-HOST-NEXT: edge 4 -> 5
// HBG-HOST-NEXT: task 6 func=0 core=0 args=6
// HBG-HOST-NEXT: task 7 func=0 core=0 args=6
// HBG-HOST-NEXT: edge 6 -> 7
// HBG-HOST-NEXT: status=0 tasks=8
// RUN: %python %S/Inputs/check_artifact.py %t/hbg | FileCheck %s --check-prefix=HBG-PY
// HBG-PY: generate_inputs ['A', 'B', 'C']
