// Inputs are read up to wsp's limit of 256 MiB (WSP_MAX_SOURCE_BYTES) and no
// further: an endless input such as /dev/zero stops right away with an error
// naming it and the limit (it read 7-12 GB in 30 s before). Every tool and
// every way in: a file, standard input. The Python layer:
// python/tests/test_reliability.py.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: not wsp-opt /dev/zero 2>&1 | FileCheck %s --check-prefix=ZERO
// RUN: not wsp-opt --split-input-file /dev/zero 2>&1 | FileCheck %s --check-prefix=ZERO
// RUN: not wsp-translate --taskring-to-pto-runtime /dev/zero -o %t/a 2>&1 | FileCheck %s --check-prefix=ZERO
// RUN: not wsp-compile /dev/zero -o %t/a 2>&1 | FileCheck %s --check-prefix=ZERO
// ZERO: /dev/zero: error: input file '/dev/zero' is larger than wsp's limit of 268435456 bytes (256 MiB) for a source; split the program into smaller modules
//
// One byte over the limit, on standard input.
// RUN: %python -c "import sys; sys.stdout.buffer.write(b' ' * (256 * 2**20 + 1))" > %t/big.mlir
// RUN: not wsp-opt - < %t/big.mlir 2>&1 | FileCheck %s --check-prefix=STDIN
// RUN: not wsp-compile - -o %t/a < %t/big.mlir 2>&1 | FileCheck %s --check-prefix=STDIN
// STDIN: -: error: input file '-' is larger than wsp's limit of 268435456 bytes (256 MiB)
// RUN: not ls %t/a
