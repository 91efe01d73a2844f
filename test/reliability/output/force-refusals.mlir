// --force replaces only an artifact directory wsp wrote (its manifest.json
// names a wsp "abi" and "generator"); everything else at the output path is
// refused with an error naming it and the rule, and is left untouched
// (docs/reliability.md, "Output directories"). It once deleted a regular file,
// a FIFO, /dev/null (as root) and the directory holding the input program.
//
// RUN: rm -rf %t && mkdir -p %t && cd %t && cp %S/../../../examples/scale/scale.mlir prog.mlir
//
// A regular file.
// RUN: echo keep > file
// RUN: not wsp-compile prog.mlir -o file --force 2>&1 | FileCheck %s --check-prefix=FILE
// FILE: file: error: output 'file' exists and is a regular file; wsp writes and replaces only artifact directories (with --force, one holding wsp's manifest.json); remove or rename it yourself, or choose another -o
// RUN: grep -q keep file
//
// A FIFO (opening it would block: it must not be opened at all).
// RUN: mkfifo fifo
// RUN: not wsp-compile prog.mlir -o fifo --force 2>&1 | FileCheck %s --check-prefix=FIFO
// FIFO: fifo: error: output 'fifo' exists and is a FIFO; wsp writes
// RUN: test -p fifo
//
// A device node, with and without --force.
// RUN: not wsp-compile prog.mlir -o /dev/null --force 2>&1 | FileCheck %s --check-prefix=DEV
// RUN: not wsp-compile prog.mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=DEV
// DEV: /dev/null: error: output '/dev/null' exists and is a character device;
// RUN: test -c /dev/null
//
// A symbolic link, even to an artifact: links are not followed or replaced.
// RUN: wsp-compile prog.mlir -o artifact > /dev/null
// RUN: not wsp-compile prog.mlir -o artifact 2>&1 | FileCheck %s --check-prefix=EXISTS
// EXISTS: artifact: error: output directory 'artifact' exists; pass --force to replace it
// RUN: ln -s artifact link
// RUN: not wsp-compile prog.mlir -o link --force 2>&1 | FileCheck %s --check-prefix=LINK
// LINK: link: error: output 'link' exists and is a symbolic link;
// RUN: test -L link
//
// A directory wsp did not write: the project holding the input and notes.
// RUN: mkdir proj && cp prog.mlir proj/ && echo notes > proj/notes.txt
// RUN: not wsp-compile proj/prog.mlir -o proj --force 2>&1 | FileCheck %s --check-prefix=PROJ
// PROJ: proj: error: output directory 'proj' exists and was not written by wsp (no manifest.json naming a wsp "abi" and "generator"); --force replaces only artifact directories wsp wrote; remove or rename it yourself, or choose another -o
// RUN: test -f proj/prog.mlir && test -f proj/notes.txt
//
// A manifest.json that is not wsp's.
// RUN: mkdir other && echo '{"abi": "other"}' > other/manifest.json
// RUN: not wsp-compile prog.mlir -o other --force 2>&1 | FileCheck %s --check-prefix=OTHER
// OTHER: other: error: output directory 'other' exists and was not written by wsp
// RUN: test -f other/manifest.json
//
// An artifact directory that holds the input program, or the golden file.
// RUN: cp prog.mlir artifact/ && cp %S/../../../examples/scale/golden.py artifact/
// RUN: not wsp-compile artifact/prog.mlir -o artifact --force 2>&1 | FileCheck %s --check-prefix=INPUT
// INPUT: artifact: error: output directory 'artifact' holds the input 'artifact/prog.mlir'; wsp never replaces a directory holding one of its inputs; choose another -o
// RUN: not wsp-compile prog.mlir --golden artifact/golden.py -o artifact/ --force 2>&1 | FileCheck %s --check-prefix=GOLDEN
// GOLDEN: artifact: error: output directory 'artifact' holds the input 'artifact/golden.py'; wsp never replaces
// RUN: test -f artifact/prog.mlir && test -f artifact/golden.py
//
// The working directory (an artifact here), '/', '.', '..'.
// RUN: cd artifact && not wsp-compile ../prog.mlir -o ../artifact --force 2>&1 | FileCheck %s --check-prefix=CWD
// CWD: ../artifact: error: output directory '../artifact' is or contains the working directory; wsp never replaces it; choose another -o
// RUN: cd %t/artifact && not wsp-compile ../prog.mlir -o . --force 2>&1 | FileCheck %s --check-prefix=DOT
// DOT: .: error: output directory '.' names '/', '.' or '..'; wsp never writes or replaces these; give the artifact a directory name of its own
// RUN: cd %t/artifact && not wsp-compile ../prog.mlir -o kernels/.. --force 2>&1 | FileCheck %s --check-prefix=DOTDOT
// DOTDOT: kernels/..: error: output directory 'kernels/..' names '/', '.' or '..'
// RUN: cd %t && not wsp-compile prog.mlir -o / --force 2>&1 | FileCheck %s --check-prefix=ROOT
// RUN: cd %t && not wsp-compile prog.mlir -o /// --force 2>&1 | FileCheck %s --check-prefix=ROOT
// ROOT: /: error: output directory '/' names '/', '.' or '..'
//
// What wsp wrote is replaced with --force, and wsp-translate keeps the same rules.
// RUN: cd %t && rm artifact/prog.mlir artifact/golden.py
// RUN: wsp-compile prog.mlir -o artifact --force | FileCheck %s --check-prefix=REPLACED
// REPLACED: artifact/manifest.json
// RUN: wsp-opt prog.mlir --wsp-to-taskring -o lowered.mlir
// RUN: not wsp-translate lowered.mlir --taskring-to-pto-runtime -o file --force 2>&1 | FileCheck %s --check-prefix=FILE
// RUN: wsp-translate lowered.mlir --taskring-to-pto-runtime -o artifact --force | FileCheck %s --check-prefix=REPLACED
//
// Nothing was staged and left behind.
// RUN: ls -a %t %t/artifact | FileCheck %s --check-prefix=CLEAN --implicit-check-not=.tmp. --implicit-check-not=.old.
// CLEAN: artifact
//
// Errors about command-line values name the option, not a place in the input.
// RUN: not wsp-compile prog.mlir -o "" 2>&1 | FileCheck %s --check-prefix=EMPTY-O
// EMPTY-O: wsp-compile: error: option '-o' needs a non-empty value; see 'wsp-compile --help'
// RUN: not wsp-compile prog.mlir -o x --golden= 2>&1 | FileCheck %s --check-prefix=EMPTY-GOLDEN
// EMPTY-GOLDEN: wsp-compile: error: option '--golden' needs a non-empty value; see 'wsp-compile --help'
// RUN: not wsp-compile prog.mlir -o bogus --platform=bogus 2>&1 | FileCheck %s --check-prefix=PLATFORM --implicit-check-not=prog.mlir
// PLATFORM: {{^}}--platform: error: unknown platform 'bogus': expected 'a2a3sim' or 'a2a3'
// RUN: not test -e bogus
