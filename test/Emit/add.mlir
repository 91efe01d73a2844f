// The add example (Inputs/add.taskring.mlir): two dynamic offsets per view
// and round-robin dispatch counted by a taskring.sequence.

// RUN: rm -rf %t && wsp-translate --taskring-to-pto-runtime %S/Inputs/add.taskring.mlir -o %t > /dev/null
// RUN: FileCheck %s --check-prefix=ORCH --input-file=%t/kernels/orchestration/main_orch.cpp
// ORCH:      void aicpu_orchestration_entry(PTO2Runtime* rt, uint64_t* args, int arg_count) {
// ORCH-NEXT:   int64_t wsp_seq0 = 0;  // sequence 'dispatch_round_robin'
// ORCH:        uint64_t v14_offsets[] = {(uint64_t)v11, (uint64_t)v12};
// ORCH:        const int64_t v17 = wsp_seq0++;
// ORCH-NEXT:   // wsp: {{.*}}add.taskring.mlir:50:14
// ORCH-NEXT:   const int64_t v18 = (int64_t)((uint64_t)v17 % (uint64_t)v5);
// ORCH-NEXT:   // wsp: {{.*}}add.taskring.mlir:51:9
// ORCH-NEXT:   // dispatch (policy round_robin, 3 domains): recorded, not enforced
// RUN: FileCheck %s --check-prefix=MANIFEST --input-file=%t/manifest.json
// MANIFEST: {"kernel": "add", "policy": "round_robin", "domains": 3,
// MANIFEST: {"directive": "dispatch", "status": "recorded", "detail": "1 dispatch op(s), policy round_robin",
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/kernels/orchestration/main_orch.cpp
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/kernels/aiv/add.cpp
// RUN: g++ -std=c++17 -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/tmr_driver.cpp %t/kernels/orchestration/main_orch.cpp -o %t.driver
// RUN: %t.driver t32768 t32768 t32768 | FileCheck %s --check-prefix=HOST
// HOST:      submit func=0 worker=1 in(start=0 shape=32x32) in(start=0 shape=32x32) out(start=0 shape=32x32)
// HOST:      submit func=0 worker=1 in(start=32 shape=32x32)
// HOST:      submit func=0 worker=1 in(start=64 shape=32x32)
// HOST:      submit func=0 worker=1 in(start=96 shape=32x32)
// HOST:      submit func=0 worker=1 in(start=4096 shape=32x32)
// HOST:      submits=8 depth=0
