// Output paths that cannot be written. Each is an error naming the path, exit
// status 1, and nothing is left behind. (The tests run as any user, root
// included, so they use paths no permission bit can make writable: a regular
// file used as a directory, a missing directory.)
//
// RUN: rm -rf %t && mkdir -p %t && echo "not a directory" > %t/file
//
// wsp-opt -o under a regular file, and in a directory that does not exist.
// RUN: %python %S/../wsp-opt/Inputs/exit-code.py 1 wsp-opt %S/../../examples/scale/scale.mlir --wsp-to-taskring -o %t/file/out.mlir 2>&1 | FileCheck %s --check-prefix=OPT-NOTDIR
// OPT-NOTDIR: {{.*}}/file/out.mlir: error: cannot open output file: Not a directory
// RUN: not wsp-opt %S/../../examples/scale/scale.mlir --wsp-to-taskring -o %t/missing/out.mlir 2>&1 | FileCheck %s --check-prefix=OPT-MISSING
// OPT-MISSING: {{.*}}/missing/out.mlir: error: cannot open output file: No such file or directory
// RUN: not ls %t/missing
//
// wsp-compile -o under a regular file; an existing directory without --force
// (one wsp did not write; output/force-refusals.mlir has the rest).
// RUN: not wsp-compile %S/../../examples/scale/scale.mlir -o %t/file/artifact 2>&1 | FileCheck %s --check-prefix=COMPILE-NOTDIR
// COMPILE-NOTDIR: {{.*}}/file/artifact: error: cannot write the artifact under '{{.*}}/file/artifact': Not a directory
// RUN: mkdir -p %t/existing && echo keep > %t/existing/mine
// RUN: not wsp-compile %S/../../examples/scale/scale.mlir -o %t/existing 2>&1 | FileCheck %s --check-prefix=COMPILE-EXISTS
// COMPILE-EXISTS: {{.*}}/existing: error: output directory '{{.*}}/existing' exists and was not written by wsp
// RUN: ls %t/existing | FileCheck %s --check-prefix=UNTOUCHED
// UNTOUCHED: mine
// UNTOUCHED-NOT: manifest.json
// RUN: ls %t | FileCheck %s --check-prefix=NO-STAGING --implicit-check-not=.tmp.
// NO-STAGING: existing
