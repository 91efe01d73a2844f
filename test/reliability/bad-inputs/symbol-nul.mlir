// A host symbol whose name starts with a NUL byte ("\00" in MLIR's string
// syntax): wsp-verify sees a non-empty name, but the name is a C string
// everywhere after it.
// Was a bug (docs/reliability.md, B5): wsp-verify accepted it and
// wsp-lower-to-taskring copied the name as a C string, so the artifact bound
// the symbol "". wsp-verify now rejects control bytes in symbol names.
// RUN: %python %S/../Inputs/bad_input.py %s | FileCheck %s
// CHECK:      == wsp-opt: exit 1
// CHECK-NEXT: symbol-nul.mlir:[[@LINE+5]]:8: error: 'wsp.symbol' op:
// CHECK:      == wsp-compile: exit 1
// CHECK:      bad_input: ok

func.func @main() attributes {wsp.workload} {
  %n = "wsp.symbol"() {name = "\00seq_len"} : () -> i32
  return
}
