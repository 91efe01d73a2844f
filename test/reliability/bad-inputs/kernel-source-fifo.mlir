// A user kernel whose wsp.source names a FIFO. The emitter reads the file to
// copy it into the artifact; anything but a regular file must be refused with
// a located error, without blocking.
// Was a hang (docs/reliability.md, E1): codegen/Emit.c wspEmitReadFile called
// fopen() before it checked S_ISREG, and opening a FIFO for reading blocks
// until a writer appears (5 s timeout here). Fixed in f8a25a2.
// RUN: rm -rf %t && mkdir -p %t && mkfifo %t/kernel.cpp
// RUN: sed 's|KERNEL_SOURCE|%t/kernel.cpp|' %s > %t/input.mlir
// RUN: %python %S/../Inputs/bad_input.py --tools=wsp-compile --timeout=5 %t/input.mlir | FileCheck %s
// CHECK:      == wsp-compile: exit 1
// CHECK-NEXT: input.mlir:[[@LINE+3]]:{{[0-9]+}}: error: kernel 'k.kernel': cannot read its source file {{.*}}not a regular file
// CHECK:      bad_input: ok

func.func private @k(memref<16xf32, strided<[1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in"], wsp.source = "KERNEL_SOURCE"}
func.func @main(%x: memref<64xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %v = memref.subview %x[%c0] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1], offset: ?>>
  %a = "wsp.in"(%v) : (memref<16xf32, strided<[1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
  return
}
