// Every bundled example (examples/*/*.mlir) cut short at 20 places: each cut
// must compile or be rejected with a located error (exit 1), never crash or
// hang. Cuts between top-level ops can be valid programs; most are parse
// errors.
// RUN: rm -rf %t && %python %S/Inputs/truncate.py --cuts 20 %t %S/../../examples | FileCheck %s --check-prefix=MADE
// MADE: truncate: {{[1-9][0-9]+}} files from {{[1-9][0-9]*}} inputs
// RUN: %python %S/Inputs/replay.py --no-compile %t | FileCheck %s
// CHECK: replay: {{[1-9][0-9]+}} inputs ok
