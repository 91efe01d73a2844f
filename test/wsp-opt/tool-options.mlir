// Driver options that are not about pipelines or diagnostics: information
// flags, command-line errors, input and output files, reproducers.

// RUN: wsp-opt --version | FileCheck %s --check-prefix=VERSION
// The MLIR version is that of the libraries loaded at run time.
// VERSION:      wsp {{[0-9]+\.[0-9]+\.[0-9]+}} ({{.+}})
// VERSION-NEXT: MLIR 22.{{[0-9]+\.[0-9]+}} (loaded: {{.*}}libMLIR.so.22{{.*}}, {{.*}}libLLVM.so.22{{.*}})
// VERSION-NEXT: dialects: wsp, taskring (IRDL)
// VERSION-NEXT: targets: simpler-6ebaf771, pto-runtime-41d5c94a (default simpler-6ebaf771)

// RUN: wsp-opt --help | FileCheck %s --check-prefix=HELP
// RUN: wsp-opt -h | FileCheck %s --check-prefix=HELP
// HELP: USAGE: wsp-opt [options] <input file | ->
// HELP: --pass-pipeline=<text>
// HELP: --verify-diagnostics

// RUN: wsp-opt --list-passes | FileCheck %s --check-prefix=LIST
// LIST: wsp-verify Check the semantic rules of the wsp dialect

// Command-line errors: a message on stderr, nothing on stdout, exit status 1.
// RUN: not wsp-opt %s --no-such-flag 2>&1 | FileCheck %s --check-prefix=BADFLAG
// BADFLAG: wsp-opt: error: unknown option '--no-such-flag'; see 'wsp-opt --help'
// RUN: %python %S/Inputs/exit-code.py 1 wsp-opt %s --no-such-flag 2>/dev/null | count 0
// RUN: not wsp-opt %s %s 2>&1 | FileCheck %s --check-prefix=TWOINPUTS
// TWOINPUTS: wsp-opt: error: more than one input file
// RUN: not wsp-opt %s -o 2>&1 | FileCheck %s --check-prefix=NOOUTPUT
// NOOUTPUT: wsp-opt: error: option '-o' needs a value; see 'wsp-opt --help'

// --verify-each takes a boolean.
// RUN: wsp-opt %s --verify-each=false | FileCheck %s
// RUN: wsp-opt %s --verify-each=true --wsp-verify | FileCheck %s
// RUN: not wsp-opt %s --verify-each=maybe 2>&1 | FileCheck %s --check-prefix=VERIFYEACH
// VERIFYEACH: wsp-opt: error: '--verify-each' expects true or false, got 'maybe'

// Input files: missing, unreadable (a directory), standard input.
// RUN: not wsp-opt %t.does-not-exist.mlir 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: does-not-exist.mlir: error: cannot read input file '{{.*}}does-not-exist.mlir': No such file or directory
// RUN: not wsp-opt %S 2>&1 | FileCheck %s --check-prefix=DIRECTORY
// DIRECTORY: error: cannot read input file
// RUN: wsp-opt < %s | FileCheck %s
// RUN: wsp-opt - < %s | FileCheck %s
// RUN: not wsp-opt --wsp-verify < %S/Inputs/two-workloads.mlir 2>&1 | FileCheck %s --check-prefix=STDIN
// STDIN:      <stdin>:6:1: error: 'func.func' op: @second is a second 'wsp.workload' function
// STDIN-NEXT: <stdin>:3:1: note: first workload @first defined here

// -o writes the result to a file and nothing to stdout; an unwritable one fails.
// RUN: rm -f %t.out
// RUN: wsp-opt %s -o %t.out | count 0
// RUN: FileCheck %s --input-file=%t.out
// RUN: wsp-opt %s -o=%t.out2
// RUN: FileCheck %s --input-file=%t.out2
// RUN: not wsp-opt %s -o %t.does-not-exist/out.mlir 2>&1 | FileCheck %s --check-prefix=BADOUT
// BADOUT: out.mlir: error: cannot open output file

// --mlir-generate-reproducer: when a pass fails, the file holds a command
// line with the whole pipeline (shorthands spelled out) and the input. It
// reproduces the failure.
// RUN: rm -f %t.repro
// RUN: not wsp-opt %S/Inputs/two-workloads.mlir --pass-pipeline='func.func(canonicalize)' --wsp-verify \
// RUN:   --mlir-generate-reproducer=%t.repro 2>&1 | FileCheck %s --check-prefix=REPRO-MSG
// REPRO-MSG: error: 'func.func' op: @second is a second 'wsp.workload' function
// REPRO-MSG: wsp-opt: wrote reproducer to '{{.*}}.repro'
// RUN: FileCheck %s --check-prefix=REPRO --input-file=%t.repro
// REPRO:      // wsp-opt reproducer (wsp {{.*}}); rerun with:
// REPRO-NEXT: //   wsp-opt --pass-pipeline='func.func(canonicalize)' --pass-pipeline='wsp-verify' {{.*}}.repro
// REPRO-NEXT: // Input that parses but fails wsp-verify
// REPRO:      func.func @first() attributes {wsp.workload} {
// REPRO:      func.func @second() attributes {wsp.workload} {
// RUN: not wsp-opt %t.repro --pass-pipeline='func.func(canonicalize)' --pass-pipeline='wsp-verify' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=REPRO-AGAIN
// REPRO-AGAIN: .repro:{{[0-9]+}}:1: error: 'func.func' op: @second is a second 'wsp.workload' function
// No reproducer when nothing fails.
// RUN: rm -f %t.ok.repro
// RUN: wsp-opt %s --wsp-verify --mlir-generate-reproducer=%t.ok.repro | FileCheck %s
// RUN: not test -e %t.ok.repro

// CHECK-LABEL: func.func @f
// CHECK-NEXT:    return

func.func @f() attributes {wsp.workload} {
  return
}
