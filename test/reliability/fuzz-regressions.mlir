// Inputs found by wsp-fuzz (scripts/fuzz.sh), kept in fuzz-regressions/Inputs
// as the fuzzer saved them (minimized with -minimize_crash=1; they may hold
// raw control bytes). Each must compile or fail with a located error, without
// a crash, hang or sanitizer report, through both tools.
//
// symbol-name-nul-byte.mlir: a wsp.symbol whose name is one raw NUL byte.
//   Found as a UBSan report (memcpy from the NULL data of the empty name the
//   lowering made of it: docs/reliability.md B4, fixed at that call site). It
//   still compiles, binding the symbol "" (B5, bad-inputs/symbol-nul.mlir);
//   replay.py accepts either outcome, it rejects the crash.
//
// index-dense-array.mlir: a taskring program whose view offsets were mutated
//   to `array<index-9223372036854775808, 0>`: a SIGSEGV in MLIR 22's parser
//   (parseDenseArrayAttr takes index for a float type). Found once the 60 s
//   run reached 2*10^5 inputs; wspParseSourceString now refuses the text
//   (bad-inputs/index-dense-array.mlir).
//
// index-dense-array-nul.mlir: the same crash with NUL bytes between `array`
//   and `<index`, which MLIR's lexer skips as whitespace and the pre-scan did
//   not: found by CI's 60 s run right after the fix above.
//
// RUN: %python %S/Inputs/replay.py %S/fuzz-regressions/Inputs | FileCheck %s
// CHECK: index-dense-array-nul.mlir wsp-opt: exit
// CHECK: index-dense-array.mlir wsp-opt: exit
// CHECK: symbol-name-nul-byte.mlir wsp-opt: exit
// CHECK: replay: {{[0-9]+}} inputs ok
