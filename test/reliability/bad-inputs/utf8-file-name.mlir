// An input file whose name is not UTF-8 reaches manifest.json as the
// workload's source location. The manifest was written anyway, and Python's
// json.load (the runtime tests, wsp.compile) failed on it; jansson refuses the
// text, so it is an error naming the location, on both targets, and no
// artifact is left.
// RUN: %python %S/../Inputs/utf8_file_name.py wsp-compile %S/../../../examples/scale/scale.mlir %t | FileCheck %s
// CHECK:      == pto-runtime-41d5c94a: exit 1
// CHECK-NEXT: {{.*}}name.mlir:{{[0-9]+}}:1: error: manifest.json: the source location (the input file's name) "{{.*}}bad\FFname.mlir:{{[0-9]+}}:1" is not valid UTF-8, which JSON cannot carry; rename it to valid UTF-8
// CHECK:      artifact left: False
// CHECK:      == simpler-6ebaf771: exit 1
// CHECK-NEXT: {{.*}}error: manifest.json: the source location (the input file's name)
// CHECK:      artifact left: False
