// A dense array of index elements crashes MLIR 22's parser (a null pointer in
// mlir::detail::Parser::parseDenseArrayAttr, which asks the index type for a
// float width; found by wsp-fuzz). wspParseSourceString refuses the text
// before MLIR sees it, with a located error; whitespace, comments and type
// aliases do not hide it, a string literal that spells it is not refused.
// RUN: not wsp-opt %s --split-input-file -o /dev/null 2>&1 | FileCheck %s

// CHECK: index-dense-array.mlir:[[#@LINE+1]]:32: error: a dense array of 'index' elements (array<index ...>): the MLIR 22 parser crashes on it; use a fixed-width element type, e.g. array<i64: ...>
module attributes {wsp.sizes = array<index: 1, 2>} {}

// -----

// CHECK: index-dense-array.mlir:[[#@LINE+1]]:32: error: a dense array of 'index' elements
module attributes {wsp.sizes = array < // the element type:
    index>} {}

// -----

// NUL bytes, which MLIR's lexer skips like spaces (fuzz-regressions has the
// raw input the fuzzer found; lit inputs are text).
// RUN: printf 'module attributes {wsp.sizes = array\000\000<\000index: 1>} {}\n' > %t.nul.mlir
// RUN: not wsp-opt %t.nul.mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=NUL
// NUL: nul.mlir:1:32: error: a dense array of 'index' elements

// -----

// Through type aliases, in either order.
// CHECK: index-dense-array.mlir:[[#@LINE+3]]:32: error: a dense array of 'index' elements
!i = index
!j = !i
module attributes {wsp.sizes = array<!j: 1>} {}

// -----

// CHECK: index-dense-array.mlir:[[#@LINE+1]]:32: error: a dense array of 'index' elements
module attributes {wsp.sizes = array<!late: 1>} {}
!late = index

// -----

// Nothing to refuse here: the last CHECK above matched the last error.
// CHECK-NOT: error:
!k = i64
module attributes {wsp.note = "array<index>", wsp.sizes = array<i64: 1, 2>, wsp.k = array<!k: 3>} {}
