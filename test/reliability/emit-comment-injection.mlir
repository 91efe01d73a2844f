// User-chosen text that reaches comments of the emitted C++ — a location's
// file name (`loc("...")`, or the input's own path) and a kernel's symbol name
// — must not end the comment: a newline in it would turn the rest into code.
// KNOWN BUG (docs/reliability.md, B9): both are printed raw
// (codegen/EmitModule.c wspEmitLocationString, used for every `// wsp:`
// comment; codegen/EmitKernel.c generateKernel's header), so the lines
// `int injected_by_location = 1;` and `int injected_by_name = 1;` below become
// C++ statements of the artifact. Remove the XFAIL line when it is fixed.
// XFAIL: *
// RUN: rm -rf %t && wsp-compile %s -o %t
// RUN: cat %t/kernels/orchestration/main_orch.cpp %t/kernels/aiv/*.cpp | FileCheck %s
// CHECK-NOT: {{^}}int injected
// CHECK: pto2_rt_submit_task
// CHECK-NOT: {{^}}int injected

func.func @"scale\0Aint injected_by_name = 1;//"(%x: memref<16xf32, strided<[1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in"]} {
  return
}

func.func @main(%x: memref<64xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %v = memref.subview %x[%c0] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1], offset: ?>>
  %a = "wsp.in"(%v) : (memref<16xf32, strided<[1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @"scale\0Aint injected_by_name = 1;//"} : (!wsp.arg) -> !wsp.handle loc("x.mlir\0Aint injected_by_location = 1;//":3:1)
  return
}
