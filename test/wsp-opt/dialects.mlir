// The cf dialect loads: what convert-scf-to-cf produces reads back, and the
// lowering runs on it.
// RUN: wsp-opt %S/../../examples/add/add.mlir --pass-pipeline='builtin.module(convert-scf-to-cf)' \
// RUN:   | wsp-opt --pass-pipeline='builtin.module(wsp-to-taskring)' 2>/dev/null | FileCheck %s --check-prefix=CF
// CF-LABEL: func.func @main
// CF: cf.cond_br
// CF: "taskring.submit"

// A dialect wsp does not load is a located error naming it.
// RUN: not wsp-opt %s --split-input-file 2>&1 | FileCheck %s
// CHECK: dialects.mlir:[[# @LINE + 2]]:8: error: Dialect `tensor' not found for custom op 'tensor.empty'
func.func @f() {
  %0 = tensor.empty() : tensor<4xf32>
  return
}

// -----

// CHECK: dialects.mlir:[[# @LINE + 2]]:12: error: operation being parsed with an unregistered dialect
func.func @g() {
  "foo.bar"() : () -> ()
  return
}
