// User kernels whose wsp.source is not a regular file: /dev/zero (endless)
// and a directory. The emitter refuses both with a located error instead of
// reading without end or failing obscurely.
// RUN: sed 's|KERNEL_SOURCE|/dev/zero|' %s > %t.zero.mlir
// RUN: %python %S/../Inputs/bad_input.py --tools=wsp-compile --timeout=60 %t.zero.mlir | FileCheck %s --check-prefix=ZERO
// ZERO:      == wsp-compile: exit 1
// ZERO-NEXT: zero.mlir:[[@LINE+8]]:{{[0-9]+}}: error: kernel 'k.kernel': cannot read its source file '/dev/zero' {{.*}}not a regular file
// ZERO:      bad_input: ok
// RUN: sed 's|KERNEL_SOURCE|%S|' %s > %t.dir.mlir
// RUN: %python %S/../Inputs/bad_input.py --tools=wsp-compile %t.dir.mlir | FileCheck %s --check-prefix=DIR
// DIR:      == wsp-compile: exit 1
// DIR-NEXT: dir.mlir:[[@LINE+3]]:{{[0-9]+}}: error: kernel 'k.kernel': cannot read its source file {{.*}}not a regular file
// DIR:      bad_input: ok

func.func private @k(memref<16xf32, strided<[1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "KERNEL_SOURCE"}
func.func @main(%x: memref<64xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %v = memref.subview %x[%c0] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1], offset: ?>>
  %a = "wsp.in"(%v) : (memref<16xf32, strided<[1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}
