// mlir-opt's flags and spellings, as users type them (docs/tools/wsp-opt.md).

// Single-dash spellings, `-o=`, and a value as the next argument.
// RUN: wsp-opt %s -split-input-file -pass-pipeline 'builtin.module(canonicalize)' -o=%t.single
// RUN: FileCheck %s --check-prefix=SPLIT --input-file=%t.single
// RUN: wsp-opt %s --split-input-file --pass-pipeline 'builtin.module(cse)' | FileCheck %s --check-prefix=SPLIT
// SPLIT-LABEL: func.func @main
// SPLIT:       // -----
// SPLIT-LABEL: func.func @other

// --split-input-file=<marker> and --output-split-marker.
// RUN: sed 's|^// -----$|// ==== chunk|' %s > %t.marker.mlir
// RUN: wsp-opt %t.marker.mlir --split-input-file='// ==== chunk' --output-split-marker='// ++++' \
// RUN:   | FileCheck %s --check-prefix=MARKER
// MARKER-LABEL: func.func @main
// MARKER:       // ++++
// MARKER-LABEL: func.func @other
// With the default marker the renamed file is one chunk (two workloads: an error).
// RUN: not wsp-opt %t.marker.mlir --split-input-file --wsp-verify 2>&1 | FileCheck %s --check-prefix=ONECHUNK
// ONECHUNK: error: 'func.func' op: @other is a second 'wsp.workload' function

// --emit-bytecode writes MLIR bytecode, which wsp-opt reads back.
// RUN: sed '/^\/\/ -----$/,$d' %s > %t.first.mlir
// RUN: wsp-opt %t.first.mlir --emit-bytecode -o %t.mlirbc
// RUN: head -c 4 %t.mlirbc | FileCheck %s --check-prefix=MAGIC
// MAGIC: ML{{.}}R
// RUN: wsp-opt %t.mlirbc --wsp-verify | FileCheck %s --check-prefix=ROUNDTRIP
// ROUNDTRIP: "wsp.task"
// RUN: not wsp-opt %s --emit-bytecode --split-input-file 2>&1 | FileCheck %s --check-prefix=BCSPLIT
// BCSPLIT: wsp-opt: error: '--emit-bytecode' writes one module; it cannot be combined with '--split-input-file'

// --allow-unregistered-dialect.
// RUN: echo '"foo.bar"() : () -> ()' > %t.unreg.mlir
// RUN: not wsp-opt %t.unreg.mlir 2>&1 | FileCheck %s --check-prefix=UNREG
// UNREG: unreg.mlir:1:10: error: operation being parsed with an unregistered dialect
// RUN: wsp-opt %t.unreg.mlir --allow-unregistered-dialect | FileCheck %s --check-prefix=ALLOWED
// RUN: wsp-opt %t.unreg.mlir -allow-unregistered-dialect | FileCheck %s --check-prefix=ALLOWED
// ALLOWED: "foo.bar"() : () -> ()

// --show-dialects.
// RUN: wsp-opt --show-dialects | FileCheck %s --check-prefix=DIALECTS
// DIALECTS: Available Dialects: arith, builtin, cf, func, index, irdl, math, memref, scf, taskring, ub, wsp

// --mlir-print-ir-before=<pass> / --mlir-print-ir-after=<pass>: only those
// passes' dumps, in pipeline order, on stderr.
// RUN: wsp-opt %t.first.mlir --pass-pipeline='builtin.module(canonicalize,cse,wsp-verify)' \
// RUN:   --mlir-print-ir-after=cse --mlir-print-ir-before=wsp-verify,canonicalize 2>&1 >/dev/null \
// RUN:   | FileCheck %s --check-prefix=PRINTIR
// PRINTIR:     // -----// IR Dump Before Canonicalizer (canonicalize) ('builtin.module' operation) //----- //
// PRINTIR-NOT: IR Dump After Canonicalizer
// PRINTIR:     // -----// IR Dump After CSE (cse) ('builtin.module' operation) //----- //
// PRINTIR:     "wsp.task"
// PRINTIR:     // -----// IR Dump Before wsp-verify (wsp-verify) ('builtin.module' operation) //----- //
// PRINTIR-NOT: IR Dump
// With a tree directory, only the chosen dumps are kept there.
// RUN: rm -rf %t.tree
// RUN: wsp-opt %t.first.mlir --pass-pipeline='builtin.module(canonicalize,cse)' \
// RUN:   --mlir-print-ir-after=cse --mlir-print-ir-tree-dir=%t.tree >/dev/null
// RUN: ls -R %t.tree | FileCheck %s --check-prefix=TREE
// TREE-NOT: canonicalize
// TREE:     _cse.mlir
// TREE-NOT: canonicalize

// --mlir-timing-display=list: rows merged and sorted, Rest and Total last.
// RUN: wsp-opt %t.first.mlir --pass-pipeline='builtin.module(func.func(cse),func.func(cse),wsp-verify)' \
// RUN:   --mlir-timing --mlir-timing-display=list 2>&1 >/dev/null | FileCheck %s --check-prefix=TIMING
// TIMING:      ... Execution time report ...
// TIMING:      ----Wall Time----  ----Name----
// TIMING-NOT:  Pipeline
// TIMING-DAG:  {{^ +[0-9.]+ \( *[0-9.]+%\)  CSE$}}
// TIMING-DAG:  {{^ +[0-9.]+ \( *[0-9.]+%\)  wsp-verify$}}
// TIMING:      {{^ +[0-9.]+ \( *[0-9.]+%\)  Rest$}}
// TIMING-NEXT: {{^ +[0-9.]+ \(100.0%\)  Total$}}
// RUN: not wsp-opt %s --mlir-timing-display=pie 2>&1 | FileCheck %s --check-prefix=BADDISPLAY
// BADDISPLAY: wsp-opt: error: '--mlir-timing-display' expects one of list|tree, got 'pie'

// --mlir-pass-statistics (Debian's LLVM is built without statistics
// counters, so the report has no rows, as with mlir-opt-22).
// RUN: wsp-opt %t.first.mlir --pass-pipeline='builtin.module(cse)' --mlir-pass-statistics \
// RUN:   --mlir-pass-statistics-display=list 2>&1 >/dev/null | FileCheck %s --check-prefix=STATS
// STATS: ... Pass statistics report ...

// --mlir-disable-threading is accepted (wsp-opt is single-threaded).
// RUN: wsp-opt %t.first.mlir --mlir-disable-threading --wsp-verify | FileCheck %s --check-prefix=ROUNDTRIP

// --verify-diagnostics=only-expected: unexpected diagnostics are not
// checked, expected ones still must appear; =all is the plain flag.
// RUN: wsp-opt %s --split-input-file --wsp-verify --verify-diagnostics=only-expected
// RUN: not wsp-opt %s --split-input-file --wsp-verify --verify-diagnostics=all 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ALL
// ALL: mlir-opt-parity.mlir:[[# @LINE + 21]]:3: error: unexpected error: 'wsp.task_window' op
// RUN: not wsp-opt %s --verify-diagnostics=some 2>&1 | FileCheck %s --check-prefix=BADVERIFY
// BADVERIFY: wsp-opt: error: '--verify-diagnostics' expects one of all|only-expected, got 'some'

// A comment that only mentions expected-error, without a message in double
// braces, is not a directive.
// RUN: wsp-opt %t.first.mlir --verify-diagnostics --wsp-verify | FileCheck %s --check-prefix=ROUNDTRIP

// This chunk only mentions expected-error in prose; it expects nothing.
func.func private @k(memref<4xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "k.cpp"}
func.func @main(%x: memref<4xf32>) attributes {wsp.workload} {
  %a = "wsp.in"(%x) : (memref<4xf32>) -> !wsp.arg
  %t = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}

// -----

func.func private @j(memref<4xf32>)
func.func @other(%x: memref<4xf32>) attributes {wsp.workload} {
  // Not expected: only checked without only-expected.
  "wsp.task_window"() {size = 0 : i64, unit = "tasks", mode = "stall"} : () -> ()
  %a = "wsp.in"(%x) : (memref<4xf32>) -> !wsp.arg
  // expected-error @+1 {{@j is not a kernel}}
  %t = "wsp.task"(%a) {kernel = @j} : (!wsp.arg) -> !wsp.handle
  return
}
