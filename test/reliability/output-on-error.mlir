// A run that fails must not leave an output file: a stale or empty file looks
// like a result to make, scripts and the next tool (mlir-opt keeps its -o file
// only on success; wsp-compile stages its directory and renames it at the end).
// Was a bug (docs/reliability.md, B6): `wsp-opt -o FILE` wrote FILE whatever
// the outcome. bad_input.py now checks this for every bad input; this test
// keeps the check explicit.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/bad_input.py --strict-opt-output --opt-output=%t/out.mlir %S/bad-inputs/unknown-op.mlir | FileCheck %s
// CHECK: bad_input: ok
// RUN: not ls %t/out.mlir
