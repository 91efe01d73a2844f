// --verify-diagnostics: the diagnostics of each chunk must match its
// `expected-*` comments exactly; then wsp-opt exits 0 and prints nothing on
// stderr. Diagnostic sources used here: the parser, the IRDL verifier of
// wsp ops, and wsp-verify.

// RUN: wsp-opt %s --split-input-file --verify-diagnostics --wsp-verify 2>&1 >/dev/null | count 0
// Chunks without diagnostics still print their output.
// RUN: wsp-opt %s --split-input-file --verify-diagnostics --wsp-verify | FileCheck %s

// The matcher must be able to fail: these inputs violate their expectations.
// RUN: not wsp-opt %S/Inputs/verify-diagnostics-missing.mlir --verify-diagnostics 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MISSING --implicit-check-not=error:
// MISSING: verify-diagnostics-missing.mlir:6:6: error: expected error "this error is never produced" was not produced

// RUN: not wsp-opt %S/Inputs/verify-diagnostics-unexpected.mlir --verify-diagnostics 2>&1 \
// RUN:   | FileCheck %s --check-prefix=UNEXPECTED --implicit-check-not=error:
// UNEXPECTED: verify-diagnostics-unexpected.mlir:6:8: error: unexpected error: 'wsp.task' op attribute "kernel" is expected but not provided

// One file, one kind of mismatch per chunk; each chunk is checked and
// reported, in file order, and the exit status is 1.
// RUN: not wsp-opt %S/Inputs/verify-diagnostics-mismatches.mlir --split-input-file \
// RUN:   --verify-diagnostics --wsp-verify 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MISMATCH --implicit-check-not=error:
// RUN: %python %S/Inputs/exit-code.py 1 wsp-opt %S/Inputs/verify-diagnostics-mismatches.mlir \
// RUN:   --split-input-file --verify-diagnostics --wsp-verify -o /dev/null 2>/dev/null
// MISMATCH: verify-diagnostics-mismatches.mlir:7:6: error: expected error "no such message" was not produced
// MISMATCH: verify-diagnostics-mismatches.mlir:14:6: error: 'error' diagnostic emitted when expecting a 'warning'
// MISMATCH: verify-diagnostics-mismatches.mlir:14:6: error: expected warning "attribute "kernel" is expected" was not produced
// MISMATCH: verify-diagnostics-mismatches.mlir:23:8: error: unexpected error: 'wsp.task' op attribute "kernel" is expected but not provided
// MISMATCH: verify-diagnostics-mismatches.mlir:22:6: error: expected error "attribute "kernel"" was not produced
// MISMATCH: verify-diagnostics-mismatches.mlir:29:1: error: unexpected note: first workload @workload_a defined here
// MISMATCH: verify-diagnostics-mismatches.mlir:39:4: error: expected '{{[{][{]}}' to begin the message of 'expected-{{error}}'

// CHECK-LABEL: func.func @no_diagnostics
// CHECK-NOT:   func.func

//===--- designators ---------------------------------------------------------===//

func.func @same_line() {
  %h = "wsp.task"() : () -> !wsp.handle // expected-error {{attribute "kernel" is expected but not provided}}
  return
}

// -----

func.func @plus() {
  // expected-error @+2 {{attribute "kernel" is expected}}

  %h = "wsp.task"() : () -> !wsp.handle
  return
}

// -----

func.func @minus() {
  %h = "wsp.task"() : () -> !wsp.handle
  // expected-error @-1 {{attribute "kernel" is expected}}
  return
}

// -----

func.func @below() {
  // expected-error @below {{attribute "kernel" is expected}}
  %h = "wsp.task"() : () -> !wsp.handle
  return
}

// -----

func.func @above() {
  %h = "wsp.task"() : () -> !wsp.handle
  // expected-error @above {{attribute "kernel" is expected}}
  return
}

// -----

// Regular expressions inside {{...}} with -re.
func.func @regex() {
  // expected-error-re @+1 {{'wsp.{{[a-z]+}}' op attribute "{{[a-z]+}}" is expected}}
  %h = "wsp.task"() : () -> !wsp.handle
  return
}

//===--- errors with notes (wsp-verify) ---------------------------------------===//

// -----

// expected-note @+1 {{first workload @workload_a defined here}}
func.func @workload_a() attributes {wsp.workload} {
  return
}
// expected-error @+1 {{@workload_b is a second 'wsp.workload' function}}
func.func @workload_b() attributes {wsp.workload} {
  return
}

//===--- parse errors ---------------------------------------------------------===//

// -----

func.func @parse_error(%x: i32) {
  // expected-error @+1 {{use of undeclared SSA value name}}
  %y = arith.addi %x, %undefined : i32
  return
}

// -----

// A chunk with no diagnostics and no expectations passes too.
func.func @no_diagnostics() attributes {wsp.workload} {
  return
}
