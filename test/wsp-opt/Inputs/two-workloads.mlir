// Input that parses but fails wsp-verify (two workload entries). Used by
// print-ir.mlir and tool-options.mlir; line numbers are checked there.
func.func @first() attributes {wsp.workload} {
  return
}
func.func @second() attributes {wsp.workload} {
  return
}
