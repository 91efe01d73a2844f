// A write that fails after the file was opened (a full disk, an I/O error) is
// an error naming the output, exit status 1: never silently lost output with
// exit status 0. /dev/full fails every write with ENOSPC.
// Was a bug (docs/reliability.md, B8): writeOutput in tools/wsp-opt/wsp-opt.c
// ignored fwrite's result, so `-o /dev/full` exited 1 without a message and
// standard output on /dev/full exited 0.
// RUN: not wsp-opt %S/../../examples/scale/scale.mlir --wsp-to-taskring -o /dev/full 2>&1 | FileCheck %s --check-prefix=FILE
// FILE: /dev/full: error: cannot write
// RUN: %python -c "import subprocess, sys; p = subprocess.run(['wsp-opt', sys.argv[1], '--wsp-to-taskring'], stdout=open('/dev/full', 'w'), stderr=subprocess.PIPE); print('exit', p.returncode); sys.stdout.write(p.stderr.decode())" %S/../../examples/scale/scale.mlir | FileCheck %s --check-prefix=STDOUT
// STDOUT: exit 1
// STDOUT-NEXT: error: cannot write
