// wspParseSourceString(context, text, length, name) must not read past
// text[length - 1]: callers (the Python layer, other embedders) pass buffers
// that are not NUL-terminated. The text is placed right before an
// inaccessible page.
// Was a bug (docs/reliability.md, B1): MLIR's lexer finds the end by the NUL
// after the text and mlir::parseSourceString does not copy, so e.g.
// "module {" at a page end faulted (SIGSEGV) in mlir::Lexer::lexToken;
// wspParseSourceString now parses a NUL-terminated copy. (The sanitized build
// cannot host libwsp.so in python3, hence UNSUPPORTED there.)
// UNSUPPORTED: asan
// RUN: %python %S/Inputs/parse_unterminated.py | FileCheck %s
// CHECK: parsed: 3 ok, 11 failed as expected
