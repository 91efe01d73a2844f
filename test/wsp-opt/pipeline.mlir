// Pass pipelines: the textual syntax wsp-opt parses itself, wsp passes and
// upstream MLIR passes mixed, the shorthand flag for wsp passes, and several
// --pass-pipeline flags appended in command-line order.

// The full form: a builtin.module anchor, a wsp pass, an upstream pass nested
// under func.func, an upstream pass on the module.
// RUN: wsp-opt %s --pass-pipeline='builtin.module(wsp-verify,func.func(canonicalize),cse)' \
// RUN:   | FileCheck %s --check-prefix=FULL

// The bare list form: the builtin.module anchor is implied.
// RUN: wsp-opt %s --pass-pipeline='wsp-verify,cse' | FileCheck %s --check-prefix=CSE

// Options on an upstream pass, in MLIR's {key=value} form.
// RUN: wsp-opt %s --pass-pipeline='func.func(canonicalize{max-iterations=3 region-simplify=disabled})' \
// RUN:   | FileCheck %s --check-prefix=FOLD

// The shorthand --wsp-verify is the pipeline 'wsp-verify': it runs and leaves
// the IR as it was.
// RUN: wsp-opt %s --wsp-verify | FileCheck %s --check-prefix=NOCHANGE
// RUN: wsp-opt %s --wsp-verify --mlir-print-ir-after-all -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SHORTHAND

// No pipeline at all: parse and print.
// RUN: wsp-opt %s | FileCheck %s --check-prefix=NOCHANGE

// Several pipeline flags (and shorthands) run in command-line order.
// RUN: wsp-opt %s --pass-pipeline='func.func(canonicalize)' --wsp-verify --pass-pipeline='cse' \
// RUN:   --mlir-print-ir-after-all -o /dev/null 2>&1 | FileCheck %s --check-prefix=ORDER1
// RUN: wsp-opt %s --pass-pipeline='cse' --pass-pipeline='func.func(canonicalize)' --wsp-verify \
// RUN:   --mlir-print-ir-after-all -o /dev/null 2>&1 | FileCheck %s --check-prefix=ORDER2
// ... and their effects compose: canonicalize, then cse.
// RUN: wsp-opt %s --pass-pipeline='func.func(canonicalize)' --pass-pipeline='cse' \
// RUN:   | FileCheck %s --check-prefix=FULL

// FULL-LABEL: func.func @fold
// FULL-NEXT:    %[[C:.*]] = arith.constant 3 : i32
// FULL-NEXT:    return %[[C]] : i32
// FULL-LABEL: func.func @dup
// FULL-NEXT:    %[[M:.*]] = arith.muli %{{.*}}, %{{.*}} : i32
// FULL-NEXT:    return %[[M]], %[[M]] : i32, i32

// CSE-LABEL: func.func @fold
// CSE:         arith.addi
// CSE-LABEL: func.func @dup
// CSE-NEXT:    %[[M:.*]] = arith.muli
// CSE-NEXT:    return %[[M]], %[[M]] : i32, i32

// FOLD-LABEL: func.func @fold
// FOLD-NEXT:    arith.constant 3 : i32
// FOLD-LABEL: func.func @dup
// FOLD-COUNT-2: arith.muli

// NOCHANGE-LABEL: func.func @fold
// NOCHANGE:         arith.addi
// NOCHANGE-LABEL: func.func @dup
// NOCHANGE-COUNT-2: arith.muli

// SHORTHAND: IR Dump After wsp-verify (wsp-verify) ('builtin.module' operation)

// ORDER1: IR Dump After Canonicalizer (canonicalize) ('func.func' operation: @fold)
// ORDER1: IR Dump After wsp-verify (wsp-verify)
// ORDER1: IR Dump After CSE (cse)

// ORDER2: IR Dump After CSE (cse)
// ORDER2: IR Dump After Canonicalizer (canonicalize) ('func.func' operation: @fold)
// ORDER2: IR Dump After wsp-verify (wsp-verify)

func.func @fold() -> i32 attributes {wsp.workload} {
  %a = arith.constant 1 : i32
  %b = arith.constant 2 : i32
  %c = arith.addi %a, %b : i32
  return %c : i32
}

func.func @dup(%x: i32) -> (i32, i32) {
  %0 = arith.muli %x, %x : i32
  %1 = arith.muli %x, %x : i32
  return %0, %1 : i32, i32
}
