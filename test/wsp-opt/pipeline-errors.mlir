// Every way a --pass-pipeline can be wrong. Each is reported once, located at
// `<pass-pipeline>:1:<column>` (the column of the offending element in the
// text as written), nothing is run or printed, and wsp-opt exits with 1.

// Unknown pass name, top level and nested.
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(cse,no-such-pass)' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: <pass-pipeline>:1:20: error: 'no-such-pass' is neither a wsp pass nor a registered MLIR pass
// RUN: not wsp-opt %s --pass-pipeline='cse,no-such-pass' 2>&1 | FileCheck %s --check-prefix=UNKNOWN-BARE
// UNKNOWN-BARE: <pass-pipeline>:1:5: error: 'no-such-pass' is neither a wsp pass nor a registered MLIR pass
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(func.func(cse,no-such-pass))' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=UNKNOWN-NESTED
// UNKNOWN-NESTED: <pass-pipeline>:1:30: error: 'no-such-pass' is neither a wsp pass nor a registered MLIR pass

// A bad element in a later --pass-pipeline flag: columns count within that flag's text.
// RUN: not wsp-opt %s --pass-pipeline=cse --pass-pipeline='canonicalize,bad' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SECOND
// SECOND: <pass-pipeline>:1:14: error: 'bad' is neither a wsp pass nor a registered MLIR pass

// Malformed text.
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(cse' 2>&1 | FileCheck %s --check-prefix=UNCLOSED
// UNCLOSED: <pass-pipeline>:1:19: error: malformed pass pipeline: expected ')' to close 'builtin.module(' opened at column 15
// RUN: not wsp-opt %s --pass-pipeline='cse)' 2>&1 | FileCheck %s --check-prefix=UNOPENED
// UNOPENED: <pass-pipeline>:1:4: error: malformed pass pipeline: unexpected ')' at column 4 with no matching '('
// RUN: not wsp-opt %s --pass-pipeline='cse,,canonicalize' 2>&1 | FileCheck %s --check-prefix=EMPTY
// EMPTY: <pass-pipeline>:1:5: error: malformed pass pipeline: empty pipeline element at column 5
// RUN: not wsp-opt %s --pass-pipeline='cse{' 2>&1 | FileCheck %s --check-prefix=BRACE
// BRACE: <pass-pipeline>:1:5: error: malformed pass pipeline: expected '}' to close 'cse{' opened at column 4
// RUN: not wsp-opt %s --pass-pipeline='cse canonicalize' 2>&1 | FileCheck %s --check-prefix=NOCOMMA
// NOCOMMA: <pass-pipeline>:1:5: error: malformed pass pipeline: unexpected 'canonicalize' at column 5 after 'cse'

// wsp passes run on builtin.module only.
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(func.func(wsp-verify))' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=WSP-NESTED
// WSP-NESTED: <pass-pipeline>:1:26: error: pass 'wsp-verify' runs on 'builtin.module' operations and cannot be nested under 'func.func'

// Options: unknown ones on a wsp pass (in a pipeline and through the shorthand),
// unknown ones and bad values on an upstream pass.
// RUN: not wsp-opt %s --pass-pipeline='cse,wsp-verify{foo=1}' 2>&1 | FileCheck %s --check-prefix=WSP-OPTION
// RUN: not wsp-opt %s --wsp-verify=foo=1 2>&1 | FileCheck %s --check-prefix=WSP-OPTION-SHORT
// WSP-OPTION: <pass-pipeline>:1:5: error: pass 'wsp-verify' has no option 'foo'; its options are:
// WSP-OPTION-SHORT: <pass-pipeline>:1:1: error: pass 'wsp-verify' has no option 'foo'; its options are:
// RUN: not wsp-opt %s --pass-pipeline='func.func(canonicalize{bogus=1})' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=UP-OPTION
// UP-OPTION: <pass-pipeline>:1:11: error: pass 'canonicalize': <Pass-Options-Parser>: no such option bogus
// RUN: not wsp-opt %s --pass-pipeline='canonicalize{max-iterations=abc}' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=UP-VALUE
// UP-VALUE: <pass-pipeline>:1:1: error: pass 'canonicalize': failed to add `canonicalize` with options `max-iterations=abc`

// Nesting under something that is not a registered operation.
// RUN: not wsp-opt %s --pass-pipeline='builtin.module(cse,foo.bar(cse))' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOT-AN-OP
// NOT-AN-OP: <pass-pipeline>:1:20: error: 'foo.bar(...)' nests passes under 'foo.bar', which is not a registered operation

// A bad pipeline is reported once (not once per --split-input-file chunk) and
// under --verify-diagnostics it is shown, never matched against expectations.
// RUN: not wsp-opt %s --split-input-file --pass-pipeline=no-such-pass 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ONCE --implicit-check-not=error:
// RUN: not wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline=no-such-pass 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ONCE --implicit-check-not=error:
// ONCE: <pass-pipeline>:1:1: error: 'no-such-pass' is neither a wsp pass nor a registered MLIR pass

// Nothing is printed on stdout, and the exit status is exactly 1.
// RUN: not wsp-opt %s --pass-pipeline='cse,no-such-pass' 2>/dev/null | count 0
// RUN: %python %S/Inputs/exit-code.py 1 wsp-opt %s --pass-pipeline='cse,no-such-pass' 2>/dev/null
// RUN: %python %S/Inputs/exit-code.py 1 wsp-opt %s --pass-pipeline='cse)' 2>/dev/null

func.func @f() {
  return
}

// -----

func.func @g() {
  return
}
