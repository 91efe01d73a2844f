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
