// The compiler is deterministic: every bundled example gives the same
// wsp-opt output and the same wsp-compile artifact, byte for byte, when run
// twice from different working directories into differently named outputs
// (Inputs/determinism.py says what that exposes).
// RUN: %python %S/Inputs/determinism.py %t %S/../../examples | FileCheck %s
// CHECK: scale/scale.mlir wsp-opt: exit 0
// CHECK: scale/scale.mlir wsp-compile: {{[0-9]+}} files, same twice
// CHECK: determinism: {{[0-9]+}} examples, {{[0-9]+}} artifacts, all identical
//
// The host_build_graph flavor too.
// RUN: %python %S/Inputs/determinism.py %t.hbg %S/../../examples --pass-pipeline='builtin.module(wsp-to-taskring{runtime=host_build_graph})' | FileCheck %s --check-prefix=HBG
// HBG: determinism: {{[0-9]+}} examples, {{[0-9]+}} artifacts, all identical
