// An op the wsp dialect does not define, next to valid ones: a located parse
// error from both tools, exit status 1, no output.
// RUN: %python %S/../Inputs/bad_input.py %s | FileCheck %s
// CHECK:      == wsp-opt: exit 1
// CHECK-NEXT: unknown-op.mlir:[[@LINE+6]]:3: error: unregistered operation 'wsp.bogus' found in dialect ('wsp')
// CHECK:      == wsp-compile: exit 1
// CHECK-NEXT: unknown-op.mlir:[[@LINE+4]]:3: error: unregistered operation 'wsp.bogus'
// CHECK:      bad_input: ok

func.func @main() attributes {wsp.workload} {
  "wsp.bogus"() : () -> ()
  return
}
