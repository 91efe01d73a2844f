// Target selection: --target=simpler-6ebaf771 (alias simpler) emits simpler's layout;
// an unknown target is an error naming the valid ones; the lowered module's abi names
// its target, and emitting it for another target is a located error.

// RUN: rm -rf %t && mkdir -p %t
// RUN: wsp-compile %S/../../examples/scale/scale.mlir -o %t/s --target=simpler --golden %S/../../examples/scale/golden.py | FileCheck %s --check-prefix=FILES
// FILES: {{.*}}/s/golden.py
// FILES-NEXT: {{.*}}/s/kernels/aiv/scale.cpp
// FILES-NEXT: {{.*}}/s/kernels/orchestration/main_orch.cpp
// FILES-NEXT: {{.*}}/s/manifest.json
// FILES-NEXT: {{.*}}/s/test_main.py

// RUN: FileCheck %s --check-prefix=ORCH --input-file=%t/s/kernels/orchestration/main_orch.cpp
// ORCH-LABEL: void aicpu_orchestration_entry(const ChipTaskArgs& orch_args) {
// ORCH: const float [[S:v[0-9]+]] = wsp_f32_of_bits(orch_args.scalar(0));  // s
// ORCH: const ChipTensor& [[X:v[0-9]+]] = orch_args.tensor(0).ref();  // x
// ORCH: rt_scope_begin();
// ORCH: ChipTensor [[XV:v[0-9]+]] = [[X]].view(
// ORCH: CoreTaskArgs [[T:v[0-9]+]]_args;
// ORCH-NEXT: [[T]]_args.add_input([[XV]]);
// ORCH-NEXT: [[T]]_args.add_inout(
// ORCH-NEXT: [[T]]_args.add_scalar((uint64_t)(wsp_bits_f32([[S]])));
// The writer waits for the earlier readers of what it writes (write-after-read).
// ORCH-NEXT: std::vector<PTO2TaskId> [[T]]_deps;
// ORCH-NEXT: wsp_readers.writer_deps([[YV:v[0-9]+]], [[T]]_deps);
// ORCH-NEXT: if (![[T]]_deps.empty()) [[T]]_args.set_dependencies([[T]]_deps.data(), (uint32_t)[[T]]_deps.size());
// ORCH-NEXT: rt_submit_aiv_task(0, [[T]]_args);  // scale
// ORCH: wsp_readers.read([[XV]], [[T]]_out.task_id());
// ORCH: rt_scope_end();

// CoreTaskArgs takes every tensor before any scalar, whatever the kernel's param order.
// (The else-if chain's inner tasks keep kernel variants: (out, scalar) + element inputs.)
// RUN: wsp-compile %S/../../examples/indexer/indexer.mlir -o %t/f --target=simpler > /dev/null
// RUN: FileCheck %s --check-prefix=ORDER --input-file=%t/f/kernels/orchestration/main_orch.cpp
// ORDER: PredicateOp::LE
// ORDER: CoreTaskArgs [[F:v[0-9]+]]_args;
// ORDER-NEXT: [[F]]_args.add_inout(
// ORDER-NEXT: [[F]]_args.add_input(
// ORDER-NEXT: [[F]]_args.add_input(
// ORDER-NEXT: [[F]]_args.add_scalar(
// ORDER: rt_submit_aiv_task(3, [[F]]_args);  // emit_pad_v0

// The kernel reads ChipTensor descriptors (element strides), tensors before scalars.
// RUN: FileCheck %s --check-prefix=KERNEL --input-file=%t/s/kernels/aiv/scale.cpp
// KERNEL: #define __aicore__
// KERNEL: #include "tensor.h"
// KERNEL: __gm__ ChipTensor* v0_t = reinterpret_cast<__gm__ ChipTensor*>(args[0]);
// KERNEL: const int64_t v0_s0 = (int64_t)v0_t->strides[0];
// KERNEL: const float v2 = wsp_f32_of_bits((uint64_t)args[2]);

// RUN: FileCheck %s --check-prefix=TEST --input-file=%t/s/test_main.py
// TEST: "signature": [D.IN, D.INOUT],
// TEST: _CONFIG = {"runtime_env": {"ring_task_window": 16}}
// TEST: @scene_test(level=2, runtime="tensormap_and_ringbuffer")

// RUN: FileCheck %s --check-prefix=MANIFEST --input-file=%t/s/manifest.json
// MANIFEST: "abi": "wsp-simpler-6ebaf771/1",
// MANIFEST: "repository": "hw-native-sys/simpler",
// MANIFEST-NEXT: "commit": "6ebaf771",

// simpler-6ebaf771 is the default: no --target gives the same artifact, the
// lowering's abi names it, and the help says so; pto-runtime-41d5c94a is one flag away.
// RUN: wsp-compile %S/../../examples/scale/scale.mlir -o %t/d --golden %S/../../examples/scale/golden.py > /dev/null
// RUN: diff -r %t/s %t/d
// RUN: wsp-opt %S/../../examples/scale/scale.mlir --wsp-to-taskring | FileCheck %s --check-prefix=DEFAULT-ABI
// DEFAULT-ABI: "taskring.runtime"() {abi = "wsp-simpler-6ebaf771/1"
// RUN: wsp-compile --help | FileCheck %s --check-prefix=HELP
// HELP: --target=<target> simpler-6ebaf771 (alias simpler) | pto-runtime-41d5c94a
// HELP-NEXT: (default simpler-6ebaf771)
// RUN: wsp-compile %S/../../examples/scale/scale.mlir -o %t/p --target=pto-runtime-41d5c94a | FileCheck %s --check-prefix=PTO
// PTO: {{.*}}/p/kernels/kernel_config.py
// PTO-NOT: test_main.py

// The alias and the canonical name give the same artifact.
// RUN: wsp-compile %S/../../examples/scale/scale.mlir -o %t/c --target=simpler-6ebaf771 --golden %S/../../examples/scale/golden.py > /dev/null
// RUN: diff -r %t/s %t/c

// RUN: not wsp-compile %S/../../examples/scale/scale.mlir -o %t/u --target=simplr 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: wsp-compile: error: unknown target 'simplr': expected one of pto-runtime-41d5c94a, simpler-6ebaf771 (alias simpler)
// RUN: not wsp-translate --taskring-to-pto-runtime %s -o %t/u --target=pto 2>&1 | FileCheck %s --check-prefix=UNKNOWN-T
// UNKNOWN-T: wsp-translate: error: unknown target 'pto': expected one of pto-runtime-41d5c94a, simpler-6ebaf771 (alias simpler)
// RUN: not test -e %t/u

// A module lowered for one target, emitted for the other.
// RUN: wsp-opt %S/../../examples/scale/scale.mlir --pass-pipeline='builtin.module(wsp-to-taskring{target=simpler})' -o %t/lowered.mlir
// RUN: not wsp-translate --taskring-to-pto-runtime %t/lowered.mlir -o %t/m --target=pto-runtime-41d5c94a 2>&1 | FileCheck %s --check-prefix=MISMATCH
// MISMATCH: error: artifact ABI 'wsp-simpler-6ebaf771/1' is not the one target 'pto-runtime-41d5c94a' produces ('wsp-pto-runtime-41d5c94a/1'); lower the program again for that target (wsp-to-taskring{target=pto-runtime-41d5c94a})
// Without --target the module's abi decides.
// RUN: wsp-translate --taskring-to-pto-runtime %t/lowered.mlir -o %t/m | FileCheck %s --check-prefix=BYABI
// BYABI: {{.*}}/m/kernels/orchestration/main_orch.cpp
// RUN: FileCheck %s --check-prefix=MANIFEST --input-file=%t/m/manifest.json

module {}
