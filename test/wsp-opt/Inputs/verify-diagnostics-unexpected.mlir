// Input of verify-diagnostics.mlir: an error without an expectation, so
// `wsp-opt --verify-diagnostics` must fail.

func.func @unexpected() {
  // The op below, on line 6, lacks its required `kernel` attribute.
  %h = "wsp.task"() : () -> !wsp.handle
  return
}
