// IR printing and timing flags: mlir-opt's --mlir-print-ir-* family, tree
// dumps, --mlir-timing, generic form and locations. Dumps and timing go to
// stderr; the result goes to stdout (here -o /dev/null when only dumps matter).

// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-verify,func.func(canonicalize),cse)' \
// RUN:   --mlir-print-ir-before-all -o /dev/null 2>&1 | FileCheck %s --check-prefix=BEFORE
// BEFORE:      // -----// IR Dump Before wsp-verify (wsp-verify) ('builtin.module' operation) //----- //
// BEFORE-NEXT: module {
// BEFORE:      // -----// IR Dump Before Canonicalizer (canonicalize) ('func.func' operation: @f) //----- //
// BEFORE:        arith.addi
// BEFORE:      // -----// IR Dump Before CSE (cse) ('builtin.module' operation) //----- //
// BEFORE-NOT:  IR Dump

// Our C passes show up under their pass name (MLIR prints an external pass's
// name both as its name and as its argument).
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-verify,func.func(canonicalize),cse)' \
// RUN:   --mlir-print-ir-after-all -o /dev/null 2>&1 | FileCheck %s --check-prefix=AFTER
// AFTER:      // -----// IR Dump After wsp-verify (wsp-verify) ('builtin.module' operation) //----- //
// AFTER-NEXT: module {
// AFTER:        arith.addi
// AFTER:      // -----// IR Dump After Canonicalizer (canonicalize) ('func.func' operation: @f) //----- //
// AFTER-NEXT: module {
// AFTER-NEXT:   func.func @f() -> i32 attributes {wsp.workload} {
// AFTER-NEXT:     %[[C:.*]] = arith.constant 3 : i32
// AFTER-NEXT:     return %[[C]] : i32
// AFTER:      // -----// IR Dump After CSE (cse) ('builtin.module' operation) //----- //
// AFTER-NOT:  IR Dump

// Only canonicalize changes this IR.
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-verify,func.func(canonicalize),cse)' \
// RUN:   --mlir-print-ir-after-change -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHANGE --implicit-check-not='IR Dump'
// CHANGE: // -----// IR Dump After Canonicalizer (canonicalize) ('func.func' operation: @f) //----- //

// After a failure only, in generic form when asked.
// RUN: not wsp-opt %S/Inputs/two-workloads.mlir --pass-pipeline='cse,wsp-verify' \
// RUN:   --mlir-print-ir-after-failure --mlir-print-op-generic 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FAILURE --implicit-check-not='IR Dump'
// FAILURE: error: 'func.func' op: @second is a second 'wsp.workload' function
// FAILURE: // -----// IR Dump After wsp-verify Failed (wsp-verify) ('builtin.module' operation) //----- //
// FAILURE-NEXT: "builtin.module"() ({

// --mlir-print-ir-tree-dir writes one file per dump, in a directory per op,
// instead of printing to stderr.
// RUN: rm -rf %t
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-verify,func.func(canonicalize),cse)' \
// RUN:   --mlir-print-ir-after-all --mlir-print-ir-tree-dir=%t -o /dev/null 2>&1 | count 0
// RUN: find %t -type f | sort | FileCheck %s --check-prefix=TREE
// TREE:      builtin_module_no-symbol-name/0_wsp-verify.mlir
// TREE-NEXT: builtin_module_no-symbol-name/1_cse.mlir
// TREE-NEXT: builtin_module_no-symbol-name/func_func_f/0_0_canonicalize.mlir
// RUN: FileCheck %s --check-prefix=TREE-FILE \
// RUN:   --input-file=%t/builtin_module_no-symbol-name/func_func_f/0_0_canonicalize.mlir
// TREE-FILE: arith.constant 3 : i32

// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-verify,func.func(canonicalize),cse)' \
// RUN:   --mlir-timing -o /dev/null 2>&1 | FileCheck %s --check-prefix=TIMING
// TIMING:      Execution time report
// TIMING:      Total Execution Time:
// TIMING:      wsp-verify
// TIMING-NEXT: 'func.func' Pipeline
// TIMING-NEXT:   Canonicalizer
// TIMING-NEXT: CSE
// TIMING:      Total

// RUN: wsp-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// GENERIC:      "builtin.module"() ({
// GENERIC-NEXT:   "func.func"() <{function_type = () -> i32, sym_name = "f"}> ({
// GENERIC:          "arith.addi"(%{{.*}}, %{{.*}})

// Locations name this file and its lines.
// RUN: wsp-opt %s --mlir-print-debuginfo | FileCheck %s --check-prefix=DEBUG
// DEBUG: arith.addi %{{.*}}, %{{.*}} : i32 loc(#[[ADD:loc[0-9]*]])

// A print flag alone, without a pipeline, prints nothing (there is no pass).
// RUN: wsp-opt %s --mlir-print-ir-after-all -o /dev/null 2>&1 | count 0

func.func @f() -> i32 attributes {wsp.workload} {
  %a = arith.constant 1 : i32
  %b = arith.constant 2 : i32
  // DEBUG: #[[ADD]] = loc("{{.*}}print-ir.mlir":[[@LINE+1]]:8)
  %c = arith.addi %a, %b : i32
  return %c : i32
}
