// Nesting deeper than MLIR's recursive-descent parser can take on an 8 MB
// stack: regions nested ~2800 deep, attributes nested ~5000-20000 deep.
// Was a SIGSEGV (stack overflow) inside mlir::parseSourceString (docs/
// reliability.md, B7); wspParseSourceString now refuses nesting deeper than
// 2048 levels before parsing, with a located error. replay.py accepts that
// or a successful compile; it rejects a crash.
// RUN: %python %S/Inputs/gen_nested.py 5000 -o %t.for5000.mlir
// RUN: %python -c "print('module attributes {wsp.x = ' + '[' * 20000 + ']' * 20000 + '} {}')" > %t.attr20000.mlir
// RUN: %python %S/Inputs/replay.py --timeout=120 %t.for5000.mlir %t.attr20000.mlir | FileCheck %s
// CHECK: replay: 2 inputs ok
