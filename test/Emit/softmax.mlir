// The softmax example (Inputs/softmax.taskring.mlir): three kernels with
// loop-carried reductions and math.exp, and three intermediates made real
// by tasks of the builtin alloc kernel.

// RUN: rm -rf %t && mkdir -p %t
// RUN: wsp-translate --taskring-to-pto-runtime %S/Inputs/softmax.taskring.mlir -o %t/tmr | FileCheck %s --check-prefix=FILES
// FILES:      kernels/aiv/expsum.cpp
// FILES-NEXT: kernels/aiv/normalize.cpp
// FILES-NEXT: kernels/aiv/rowmax.cpp
// FILES-NEXT: kernels/aiv/wsp_alloc.cpp
// FILES-NEXT: kernels/kernel_config.py
// FILES-NEXT: kernels/orchestration/main_orch.cpp
// FILES-NEXT: manifest.json

// RUN: FileCheck %s --check-prefix=CONFIG --input-file=%t/tmr/kernels/kernel_config.py
// CONFIG:      {"func_id": 0, "source": str(_KERNELS / "aiv" / "rowmax.cpp"), "core_type": "aiv", "name": "rowmax"},
// CONFIG-NEXT: {"func_id": 1, "source": str(_KERNELS / "aiv" / "expsum.cpp"), "core_type": "aiv", "name": "expsum"},
// CONFIG-NEXT: {"func_id": 2, "source": str(_KERNELS / "aiv" / "normalize.cpp"), "core_type": "aiv", "name": "normalize"},
// CONFIG-NEXT: {"func_id": 3, "source": str(_KERNELS / "aiv" / "wsp_alloc.cpp"), "core_type": "aiv", "name": "wsp_alloc"},

// RUN: FileCheck %s --check-prefix=ALLOC --input-file=%t/tmr/kernels/aiv/wsp_alloc.cpp
// ALLOC: // Builtin kernel 'wsp_alloc' (func_id 3)
// ALLOC: extern "C" __aicore__ void kernel_entry(__gm__ int64_t* args) { (void)args; }

// RUN: FileCheck %s --check-prefix=ORCH --input-file=%t/tmr/kernels/orchestration/main_orch.cpp
// ORCH:      uint64_t v6_shape[] = {64, 1};
// ORCH-NEXT: Tensor v6 = make_tensor(v6_shape, 2, DataType::FLOAT32);
// ORCH:      PTOParam v7_params[] = {make_output_param(v6)};
// ORCH-NEXT: pto2_rt_submit_task(rt, 3, PTO2_WORKER_VECTOR, v7_params, 1);  // wsp_alloc

// -infinity, maximumf with NaN propagation, exp.
// RUN: FileCheck %s --check-prefix=ROWMAX --input-file=%t/tmr/kernels/aiv/rowmax.cpp
// ROWMAX: const float v6 = -__builtin_inff();
// ROWMAX: const float v11 = wsp_maximumf(v8, v10);
// RUN: FileCheck %s --check-prefix=EXPSUM --input-file=%t/tmr/kernels/aiv/expsum.cpp
// EXPSUM: const float v{{[0-9]+}} = 0.0f;
// EXPSUM: const float v{{[0-9]+}} = std::exp(v{{[0-9]+}});

// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/tmr/kernels/orchestration/main_orch.cpp
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/tmr/kernels/aiv/rowmax.cpp
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/tmr/kernels/aiv/expsum.cpp
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/tmr/kernels/aiv/normalize.cpp
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/tmr/kernels/aiv/wsp_alloc.cpp

// RUN: g++ -std=c++17 -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/tmr_driver.cpp %t/tmr/kernels/orchestration/main_orch.cpp -o %t/tmr.driver
// RUN: %t/tmr.driver t16384 t16384 | FileCheck %s --check-prefix=TMR-HOST
// TMR-HOST:      submit func=3 worker=1 out(start=0 shape=64x1)
// TMR-HOST-NEXT: submit func=3 worker=1 out(start=0 shape=64x1)
// TMR-HOST-NEXT: submit func=3 worker=1 out(start=0 shape=64x64)
// TMR-HOST-NEXT: submit func=0 worker=1 in(start=0 shape=16x64) out(start=0 shape=16x1)
// TMR-HOST:      submit func=1 worker=1 in(start=1024 shape=16x64) in(start=16 shape=16x1) out(start=1024 shape=16x64) out(start=16 shape=16x1)
// TMR-HOST:      submits=15 depth=0

// host_build_graph: exactly one edge per phase and tile (no edges to the
// builtin alloc tasks, which do nothing there).
// RUN: sed -e 's/aicpu_threads = 4/aicpu_threads = 3/' -e 's/"tensormap_and_ringbuffer"/"host_build_graph"/' %S/Inputs/softmax.taskring.mlir > %t/hbg.mlir
// RUN: wsp-translate --taskring-to-pto-runtime %t/hbg.mlir -o %t/hbg > /dev/null 2>&1
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/hbg/kernels/orchestration/main_orch.cpp
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/hbg/kernels/aiv/rowmax.cpp
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/hbg/kernels/aiv/expsum.cpp
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/hbg/kernels/aiv/normalize.cpp
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/hbg/kernels/aiv/wsp_alloc.cpp
// RUN: g++ -std=c++17 -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/hbg_driver.cpp %t/hbg/kernels/orchestration/main_orch.cpp -o %t/hbg.driver
// RUN: %t/hbg.driver t16384 t16384 | FileCheck %s --check-prefix=HBG-HOST
// HBG-HOST:      task 6 func=0 core=1 args=4
// HBG-HOST-NEXT: task 7 func=1 core=1 args=8
// HBG-HOST-NEXT: edge 3 -> 7
// HBG-HOST-NEXT: task 8 func=1 core=1 args=8
// HBG-HOST-NEXT: edge 4 -> 8
// HBG-HOST-NEXT: task 9 func=1 core=1 args=8
// HBG-HOST-NEXT: edge 5 -> 9
// HBG-HOST-NEXT: task 10 func=1 core=1 args=8
// HBG-HOST-NEXT: edge 6 -> 10
// HBG-HOST-NEXT: task 11 func=2 core=1 args=6
// HBG-HOST-NEXT: edge 7 -> 11
// HBG-HOST-NEXT: task 12 func=2 core=1 args=6
// HBG-HOST-NEXT: edge 8 -> 12
// HBG-HOST-NEXT: task 13 func=2 core=1 args=6
// HBG-HOST-NEXT: edge 9 -> 13
// HBG-HOST-NEXT: task 14 func=2 core=1 args=6
// HBG-HOST-NEXT: edge 10 -> 14
// HBG-HOST-NEXT: status=0 tasks=15
