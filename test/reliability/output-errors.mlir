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
//
// wsp-translate -o under a regular file.
// RUN: not wsp-translate --taskring-to-pto-runtime %S/../Emit/Inputs/scale.taskring.mlir -o %t/file/artifact 2>&1 | FileCheck %s --check-prefix=TRANSLATE-NOTDIR
// TRANSLATE-NOTDIR: {{.*}}/file/artifact: error: cannot write the artifact under '{{.*}}/file/artifact': Not a directory
//
// wsp-opt --mlir-print-ir-tree-dir that cannot be a directory (under a regular
// file, the file itself, in /proc): exit 1 naming the directory, before any
// pass runs and without IR on stdout (MLIR alone prints a line and exits 0).
// RUN: not wsp-opt %S/../../examples/scale/scale.mlir --wsp-to-taskring --mlir-print-ir-after-all --mlir-print-ir-tree-dir=%t/file/dumps 2>&1 | FileCheck %s --check-prefix=TREE-NOTDIR
// TREE-NOTDIR: wsp-opt: error: --mlir-print-ir-tree-dir: cannot write IR dumps under '{{.*}}/file/dumps': Not a directory; name a directory wsp-opt can create or write
// TREE-NOTDIR-NOT: module
// RUN: not wsp-opt %S/../../examples/scale/scale.mlir --wsp-to-taskring --mlir-print-ir-after=wsp-verify --mlir-print-ir-tree-dir=%t/file 2>&1 | FileCheck %s --check-prefix=TREE-FILE
// TREE-FILE: error: --mlir-print-ir-tree-dir: cannot write IR dumps under '{{.*}}/file': Not a directory
// RUN: not wsp-opt %S/../../examples/scale/scale.mlir --wsp-to-taskring --mlir-print-ir-before-all --mlir-print-ir-tree-dir=/proc/wsp-no-such-dir 2>&1 | FileCheck %s --check-prefix=TREE-PROC
// TREE-PROC: error: --mlir-print-ir-tree-dir: cannot write IR dumps under '/proc/wsp-no-such-dir': No such file or directory
// A directory that does not exist yet is created, parents included.
// RUN: wsp-opt %S/../../examples/scale/scale.mlir --wsp-to-taskring --mlir-print-ir-after=wsp-verify --mlir-print-ir-tree-dir=%t/new/dumps -o /dev/null
// RUN: ls %t/new/dumps | FileCheck %s --check-prefix=TREE-NEW
// TREE-NEW: builtin_module
//
// --mlir-generate-reproducer that cannot be written, on a failing run: the
// error names the path and why (the run fails: status 1 either way).
// RUN: not wsp-opt %S/bad-inputs/no-workload.mlir --pass-pipeline='builtin.module(wsp-verify)' --mlir-generate-reproducer=%t/file/repro.mlir 2>&1 | FileCheck %s --check-prefix=REPRO-NOTDIR
// REPRO-NOTDIR: error: --mlir-generate-reproducer: cannot write '{{.*}}/file/repro.mlir': Not a directory; name a file in a writable directory
// RUN: not wsp-opt %S/bad-inputs/no-workload.mlir --pass-pipeline='builtin.module(wsp-verify)' --mlir-generate-reproducer=/dev/full 2>&1 | FileCheck %s --check-prefix=REPRO-FULL
// REPRO-FULL: error: --mlir-generate-reproducer: cannot write '/dev/full': No space left on device; the reproducer is incomplete
