// A host symbol whose name starts with a NUL byte ("\00" in MLIR's string
// syntax): wsp-verify sees a non-empty name, but the name is a C string
// everywhere after it.
// Was a bug (docs/reliability.md, B5), fixed since: accepted; wsp-lower-to-taskring copies
// the name as a C string (passes/WspLowerToTaskRing.c, lowerSymbol), so the
// artifact binds the symbol "" (and wspStrndup then memcpy's from NULL, which
// the sanitized build reports). Expected: wsp-verify rejects names with NUL
// (or any control) bytes. Remove the XFAIL line when it is fixed.
// RUN: %python %S/../Inputs/bad_input.py %s | FileCheck %s
// CHECK:      == wsp-opt: exit 1
// CHECK-NEXT: symbol-nul.mlir:[[@LINE+5]]:8: error: 'wsp.symbol' op:
// CHECK:      == wsp-compile: exit 1
// CHECK:      bad_input: ok

func.func @main() attributes {wsp.workload} {
  %n = "wsp.symbol"() {name = "\00seq_len"} : () -> i32
  return
}
