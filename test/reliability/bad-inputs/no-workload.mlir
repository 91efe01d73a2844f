// Valid MLIR without a workload: nothing to compile. The error is located at
// the module, i.e. at its only op (a single top-level op becomes the module).
// RUN: %python %S/../Inputs/bad_input.py %s | FileCheck %s
// CHECK:      == wsp-opt: exit 1
// CHECK-NEXT: no-workload.mlir:[[@LINE+4]]:1: error: 'builtin.module' op: no function has 'wsp.workload'
// CHECK:      == wsp-compile: exit 1
// CHECK:      bad_input: ok

func.func @f() {
  return
}
