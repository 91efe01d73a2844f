// Every bundled example passes wsp-verify without a single diagnostic: no
// warning a user could not act on (docs/verify.md, "Bounds"). The CSP
// pipeline's tile offsets come from process arguments and received tokens,
// bounded through the spawns and sends (verify-bounds-csp.mlir).
// RUN: wsp-opt %S/../../../examples/add/add.mlir --pass-pipeline='builtin.module(wsp-verify)' -o /dev/null 2>&1 | count 0
// RUN: wsp-opt %S/../../../examples/bgemm/bgemm.mlir --pass-pipeline='builtin.module(wsp-verify)' -o /dev/null 2>&1 | count 0
// RUN: wsp-opt %S/../../../examples/csp_pipeline/csp_pipeline.mlir --pass-pipeline='builtin.module(wsp-verify)' -o /dev/null 2>&1 | count 0
// RUN: wsp-opt %S/../../../examples/flag_branch/flag_branch.mlir --pass-pipeline='builtin.module(wsp-verify)' -o /dev/null 2>&1 | count 0
// RUN: wsp-opt %S/../../../examples/indexer/indexer.mlir --pass-pipeline='builtin.module(wsp-verify)' -o /dev/null 2>&1 | count 0
// RUN: wsp-opt %S/../../../examples/scale/scale.mlir --pass-pipeline='builtin.module(wsp-verify)' -o /dev/null 2>&1 | count 0
// RUN: wsp-opt %S/../../../examples/softmax/softmax.mlir --pass-pipeline='builtin.module(wsp-verify)' -o /dev/null 2>&1 | count 0
