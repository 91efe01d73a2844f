// One rule for every stage: whatever wsp-verify accepts, every later stage
// supports on both runtimes; everything else wsp-verify rejects at the value,
// naming it (Inputs/stage_matrix.py: element types x shapes of tensor
// parameters and intermediates, host scalar types). Before W2, f16, bf16,
// f64, i1 and index tensors, rank-0 and dynamic shapes and f16/bf16 scalars
// passed wsp-verify and failed in the emitter at the function line, and
// zero-extent tensors compiled.
// RUN: %python %S/Inputs/stage_matrix.py wsp-opt wsp-compile %t | FileCheck %s
// CHECK: tensor: 128 combinations, 24 accepted and compiled for both targets and runtimes, 104 rejected by wsp-verify at the value
// CHECK: scalar: 12 combinations, 10 accepted and compiled for both targets and runtimes, 2 rejected by wsp-verify at the value
// CHECK: intermediate: 128 combinations, 24 accepted and compiled for both targets and runtimes, 104 rejected by wsp-verify at the value
// CHECK-NOT: FAIL
