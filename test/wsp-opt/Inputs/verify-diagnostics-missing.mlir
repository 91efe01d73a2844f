// Input of verify-diagnostics.mlir: the expected error is never produced,
// so `wsp-opt --verify-diagnostics` must fail.

func.func @missing() {
  // The directive below is on line 6.
  // expected-error @+1 {{this error is never produced}}
  return
}
