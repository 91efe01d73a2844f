// --split-input-file: every chunk between `// -----` lines is parsed and run
// on its own. Outputs are separated by `// -----`; a failing chunk prints
// nothing, is reported at line numbers of this file, does not stop the chunks
// after it, and makes the exit status 1.

// RUN: not wsp-opt %s --split-input-file --wsp-verify 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=ERR --input-file=%t.err --implicit-check-not=error:
// RUN: %python %S/Inputs/exit-code.py 1 wsp-opt %s --split-input-file -o /dev/null 2>/dev/null

// Locations in later chunks are the original file's too.
// RUN: not wsp-opt %s --split-input-file --mlir-print-debuginfo 2>/dev/null \
// RUN:   | FileCheck %s --check-prefix=LOC

// Without the flag the markers are plain comments: one module, one error.
// RUN: not wsp-opt %s --wsp-verify 2>&1 | FileCheck %s --check-prefix=WHOLE --implicit-check-not=error:

// CHECK-LABEL: func.func @first
// CHECK:       // -----
// CHECK-NEXT:  // -----
// CHECK-NEXT:  // -----
// CHECK-NEXT:  module {
// CHECK-NEXT:    func.func @last
// CHECK-NOT:   // -----

func.func @first() attributes {wsp.workload} {
  return
}

// -----

func.func @bad_task() {
  // ERR:   split-input-file.mlir:[[@LINE+2]]:8: error: 'wsp.task' op attribute "kernel" is expected but not provided
  // WHOLE: split-input-file.mlir:[[@LINE+1]]:8: error: 'wsp.task' op attribute "kernel" is expected but not provided
  %h = "wsp.task"() : () -> !wsp.handle
  return
}

// -----

// Parses, but wsp-verify rejects it.
// ERR:      split-input-file.mlir:[[@LINE+5]]:1: error: 'func.func' op: @workload_b is a second 'wsp.workload' function
// ERR-NEXT: split-input-file.mlir:[[@LINE+1]]:1: note: first workload @workload_a defined here
func.func @workload_a() attributes {wsp.workload} {
  return
}
func.func @workload_b() attributes {wsp.workload} {
  return
}

// -----

// LOC: #loc{{[0-9]*}} = loc("{{.*}}split-input-file.mlir":[[@LINE+1]]:1)
func.func @last() attributes {wsp.workload} {
  return
}
