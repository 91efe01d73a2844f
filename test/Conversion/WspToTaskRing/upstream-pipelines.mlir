// Every bundled example survives upstream canonicalize and cse before the
// lowering (canonicalize hoists constants above wsp.task_window), and its
// task window survives into taskring.runtime.
// RUN: wsp-opt %S/../../../examples/add/add.mlir --pass-pipeline='builtin.module(canonicalize,cse,wsp-to-taskring{target=pto-runtime-41d5c94a})' 2>/dev/null | FileCheck %s --check-prefix=ADD
// ADD: "taskring.runtime"(){{.*}}task_window = 8 : i64
// ADD: "taskring.submit"
// RUN: wsp-opt %S/../../../examples/bgemm/bgemm.mlir --pass-pipeline='builtin.module(canonicalize,cse,wsp-to-taskring{target=pto-runtime-41d5c94a})' 2>/dev/null | FileCheck %s --check-prefix=BGEMM
// BGEMM: "taskring.runtime"(){{.*}}task_window = 16 : i64
// BGEMM: "taskring.submit"
// RUN: wsp-opt %S/../../../examples/csp_pipeline/csp_pipeline.mlir --pass-pipeline='builtin.module(canonicalize,cse,wsp-to-taskring{target=pto-runtime-41d5c94a})' 2>/dev/null | FileCheck %s --check-prefix=CSPPIPELINE
// CSPPIPELINE: "taskring.runtime"(){{.*}}task_window = 65536 : i64
// CSPPIPELINE: "taskring.submit"
// RUN: wsp-opt %S/../../../examples/flag_branch/flag_branch.mlir --pass-pipeline='builtin.module(canonicalize,cse,wsp-to-taskring{target=pto-runtime-41d5c94a})' 2>/dev/null | FileCheck %s --check-prefix=FLAGBRANCH
// FLAGBRANCH: "taskring.runtime"(){{.*}}task_window = 65536 : i64
// FLAGBRANCH: "taskring.submit"
// RUN: wsp-opt %S/../../../examples/indexer/indexer.mlir --pass-pipeline='builtin.module(canonicalize,cse,wsp-to-taskring{target=pto-runtime-41d5c94a})' 2>/dev/null | FileCheck %s --check-prefix=INDEXER
// INDEXER: "taskring.runtime"(){{.*}}task_window = 65536 : i64
// INDEXER: "taskring.submit"
// RUN: wsp-opt %S/../../../examples/scale/scale.mlir --pass-pipeline='builtin.module(canonicalize,cse,wsp-to-taskring{target=pto-runtime-41d5c94a})' 2>/dev/null | FileCheck %s --check-prefix=SCALE
// SCALE: "taskring.runtime"(){{.*}}task_window = 16 : i64
// SCALE: "taskring.submit"
// RUN: wsp-opt %S/../../../examples/softmax/softmax.mlir --pass-pipeline='builtin.module(canonicalize,cse,wsp-to-taskring{target=pto-runtime-41d5c94a})' 2>/dev/null | FileCheck %s --check-prefix=SOFTMAX
// SOFTMAX: "taskring.runtime"(){{.*}}task_window = 16 : i64
// SOFTMAX: "taskring.submit"

// Upstream passes nested on func.func, then wsp's lowering.
// RUN: wsp-opt %S/../../../examples/add/add.mlir --pass-pipeline='builtin.module(func.func(canonicalize,cse),wsp-to-taskring{target=pto-runtime-41d5c94a})' | FileCheck %s --check-prefix=NESTED
// NESTED: "taskring.runtime"(){{.*}}task_window = 8 : i64
// NESTED-COUNT-2: "taskring.input"
// NESTED: "taskring.inout"
// NESTED: "taskring.submit"
