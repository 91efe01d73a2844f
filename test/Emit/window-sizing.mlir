// The task window a program needs, per target (docs/csp.md, "Sizing";
// docs/passes.md, taskring-size-resources), and what the artifact asks of
// the runtime.

// simpler: the outer loop's tasks are on ring 1, the inner loop's on ring 2,
// so window 8 suffices; runtime_env gets one entry per ring, the unused
// rings 0 and 3 the runtime's minimums.
// RUN: rm -rf %t && mkdir -p %t
// RUN: wsp-compile %S/Inputs/nested-scopes.mlir -o %t/s --target=simpler-6ebaf771 --golden %S/Inputs/golden_nested_scopes.py --capability-report | FileCheck %s --check-prefix=REPORT
// REPORT: task_window: enforced (8 tasks, mode stall; the program needs at least 4; CASES config runtime_env ring_task_window=[4, 8, 8, 4] (one entry per ring; a task's ring is its scope depth, at most 3): submit blocks while a ring's window is full)
// RUN: FileCheck %s --check-prefix=SCENE --input-file=%t/s/test_main.py
// SCENE: _CONFIG = {"runtime_env": {"ring_task_window": [4, 8, 8, 4], "ring_heap": [1024, 0, 0, 1024], "ring_dep_pool": [4, 0, 0, 4]}}
// RUN: FileCheck %s --check-prefix=MANIFEST --input-file=%t/s/manifest.json
// MANIFEST:      "scope_ops": 2,
// MANIFEST-NEXT: "min_task_window": 4,
// MANIFEST-NEXT: "rings": {"task_window": [4, 8, 8, 4], "heap": [1024, 0, 0, 1024], "dep_pool": [4, 0, 0, 4]},

// pto-runtime 41d5c94a has one ring: the inner tasks pile up behind the outer
// iteration's task, 1 + 4 x 2 = 9 of them, so window 8 is rejected at the
// inner loop with the window it needs.
// RUN: not wsp-compile %S/Inputs/nested-scopes.mlir -o %t/p --target=pto-runtime-41d5c94a 2>&1 | FileCheck %s --check-prefix=ONE-RING
// ONE-RING: nested-scopes.mlir:28:5: error: taskring-size-resources: task_window=8 is too small for this program: 9 task(s) cannot be reclaimed at once here {{.*}}so pto-runtime 41d5c94a needs a window of at least 16; raise wsp.task_window to 16 or more
// RUN: sed 's/size = 8 : i64/size = 16 : i64/' %S/Inputs/nested-scopes.mlir > %t/w16.mlir
// RUN: wsp-compile %t/w16.mlir -o %t/p16 --target=pto-runtime-41d5c94a
// RUN: FileCheck %s --check-prefix=ONE-RING-16 --input-file=%t/p16/manifest.json
// ONE-RING-16: "min_task_window": 16,
// ONE-RING-16-NEXT: "rings": {"task_window": [16, 16, 16, 16],

// The CSP pipeline: processes run in per-run scopes of at most
// max(window / 4 - 1, 1) tasks, so their minimum is the runtime's, 4, on
// both targets, and the example compiles at exactly that window.
// RUN: sed 's/^  %%n = arith.constant 8 : index/  "wsp.task_window"() {size = 4 : i64, unit = "tasks", mode = "stall"} : () -> ()\n  %%n = arith.constant 8 : index/' %S/../../examples/csp_pipeline/csp_pipeline.mlir > %t/csp4.mlir
// RUN: wsp-compile %t/csp4.mlir -o %t/csp-s --target=simpler-6ebaf771
// RUN: FileCheck %s --check-prefix=CSP-S --input-file=%t/csp-s/manifest.json
// CSP-S: "min_task_window": 4,
// CSP-S-NEXT: "rings": {"task_window": [4, 4, 4, 4],
// RUN: FileCheck %s --check-prefix=CSP-S-ENV --input-file=%t/csp-s/test_main.py
// CSP-S-ENV: _CONFIG = {"runtime_env": {"ring_task_window": 4}}
// RUN: wsp-compile %t/csp4.mlir -o %t/csp-p --target=pto-runtime-41d5c94a
// RUN: FileCheck %s --check-prefix=CSP-P --input-file=%t/csp-p/manifest.json
// CSP-P: "min_task_window": 4,

// A process program whose workload also nests: its minimum is the
// workload's, and a window below it is rejected with the number.
// RUN: not wsp-compile %S/Inputs/csp-nested-window.mlir -o %t/cn --target=pto-runtime-41d5c94a 2>&1 | FileCheck %s --check-prefix=CSP-NESTED
// CSP-NESTED: csp-nested-window.mlir:{{[0-9]+}}:5: error: taskring-size-resources: task_window=8 is too small for this program: 9 task(s) cannot be reclaimed at once here {{.*}}needs a window of at least 16
