// Inputs that cannot carry their own RUN line (empty, binary, cut short) live
// in Inputs/; each is run here through both tools with bad_input.py's checks:
// exit status 1, a located error, no crash or sanitizer report, no output.
//
// RUN: %python %S/../Inputs/bad_input.py %S/Inputs/empty.mlir | FileCheck %s --check-prefix=EMPTY
// EMPTY:      == wsp-opt: exit 1
// EMPTY-NEXT: empty.mlir:1:1: error: 'builtin.module' op: no function has 'wsp.workload'
// EMPTY:      == wsp-compile: exit 1
// EMPTY-NEXT: empty.mlir:1:1: error: 'builtin.module' op: no function has 'wsp.workload'
// EMPTY:      bad_input: ok
//
// RUN: %python %S/../Inputs/bad_input.py %S/Inputs/whitespace-only.mlir | FileCheck %s --check-prefix=BLANK
// BLANK:      == wsp-opt: exit 1
// BLANK-NEXT: whitespace-only.mlir:1:1: error: 'builtin.module' op: no function has 'wsp.workload'
// BLANK:      bad_input: ok
//
// 512 random bytes (Python's random.Random(20261124)).
// RUN: %python %S/../Inputs/bad_input.py %S/Inputs/binary-garbage.mlir | FileCheck %s --check-prefix=GARBAGE
// GARBAGE:      == wsp-opt: exit 1
// GARBAGE-NEXT: binary-garbage.mlir:1:2: error: unexpected character
// GARBAGE:      == wsp-compile: exit 1
// GARBAGE-NEXT: binary-garbage.mlir:1:2: error: unexpected character
// GARBAGE:      bad_input: ok
//
// examples/scale/scale.mlir cut short at four places.
// RUN: %python %S/../Inputs/bad_input.py %S/Inputs/truncated-in-kernel.mlir | FileCheck %s --check-prefix=TRUNC-KERNEL
// TRUNC-KERNEL:      == wsp-opt: exit 1
// TRUNC-KERNEL-NEXT: truncated-in-kernel.mlir:12:20: error: custom op 'scf.for' expected 'to'
// TRUNC-KERNEL:      bad_input: ok
// RUN: %python %S/../Inputs/bad_input.py %S/Inputs/truncated-in-type.mlir | FileCheck %s --check-prefix=TRUNC-TYPE
// TRUNC-TYPE:      == wsp-opt: exit 1
// TRUNC-TYPE-NEXT: truncated-in-type.mlir:22:30: error: expected non-function type
// TRUNC-TYPE:      bad_input: ok
// RUN: %python %S/../Inputs/bad_input.py %S/Inputs/truncated-in-string.mlir | FileCheck %s --check-prefix=TRUNC-STRING
// TRUNC-STRING:      == wsp-opt: exit 1
// TRUNC-STRING-NEXT: truncated-in-string.mlir:37:42: error: expected '"' in string literal
// TRUNC-STRING:      bad_input: ok
// RUN: %python %S/../Inputs/bad_input.py %S/Inputs/truncated-last-brace.mlir | FileCheck %s --check-prefix=TRUNC-BRACE
// TRUNC-BRACE:      == wsp-opt: exit 1
// TRUNC-BRACE-NEXT: truncated-last-brace.mlir:39:9: error: expected operation name in quotes
// TRUNC-BRACE:      bad_input: ok
//
// Odd bytes: NUL bytes between ops are whitespace to MLIR's lexer (as in
// mlir-opt) and compile. String attributes are bytes to MLIR, but a
// parameter's wsp.name goes into manifest.json, which invalid UTF-8 made
// unreadable: wsp-verify rejects it (F3), located; replay.py checks the
// status and that nothing crashes.
// RUN: %python %S/../Inputs/replay.py %S/Inputs/nul-bytes.mlir %S/Inputs/invalid-utf8.mlir | FileCheck %s --check-prefix=ODD
// ODD: nul-bytes.mlir wsp-opt: exit 0
// ODD: invalid-utf8.mlir wsp-opt: exit 1 {{.*}}invalid-utf8.mlir:22:1: error: 'func.func' op: workload @main: the wsp.name of parameter #0 has invalid UTF-8 (0xff at byte 1); it names the tensor in manifest.json and the orchestration: use printable UTF-8
// ODD: replay: 2 inputs ok
