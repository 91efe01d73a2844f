// Input of verify-diagnostics.mlir: every chunk violates its expectations in
// one way. Line numbers are checked there; keep them stable.

// An expectation on a line that has no diagnostic.

func.func @wrong_line() attributes {wsp.workload} {
  // expected-error @+1 {{no such message}}
  return
}

// -----

func.func @wrong_severity() {
  // expected-warning @+1 {{attribute "kernel" is expected}}
  %h = "wsp.task"() : () -> !wsp.handle
  return
}

// -----

func.func @wrong_line_offset() {
  // expected-error @+3 {{attribute "kernel"}}
  %h = "wsp.task"() : () -> !wsp.handle
  return
}

// -----

func.func @workload_a() attributes {wsp.workload} {
  return
}
// expected-error @+1 {{is a second 'wsp.workload' function}}
func.func @workload_b() attributes {wsp.workload} {
  return
}

// -----

// expected-error @+1 garbage {{before the message}}
func.func @malformed() attributes {wsp.workload} {
  return
}
