// An op of a dialect wsp does not load. wsp-opt has no
// --allow-unregistered-dialect: the error must be located, not a crash.
// RUN: %python %S/../Inputs/bad_input.py %s | FileCheck %s
// CHECK:      == wsp-opt: exit 1
// CHECK-NEXT: unregistered-dialect.mlir:[[@LINE+5]]:26: error: operation being parsed with an unregistered dialect
// CHECK:      == wsp-compile: exit 1
// CHECK:      bad_input: ok

func.func @main() attributes {wsp.workload} {
  "gpu.launch_everything"() : () -> ()
  return
}
