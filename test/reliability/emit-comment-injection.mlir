// User-chosen text that reaches the emitted C++ — a location's file name
// (`loc("...")`, or the input's own path) and a kernel's symbol name — must
// not end a comment: a newline in it would turn the rest into code.
// Was a bug (docs/reliability.md, B9), fixed since: wsp-verify requires
// kernel, process and workload names to be C identifiers (they also name
// files), and location text is printed with control bytes, backslashes and
// quotes replaced by '?'.
// RUN: rm -rf %t && wsp-compile %s -o %t --target=pto-runtime-41d5c94a
// RUN: cat %t/kernels/orchestration/main_orch.cpp %t/kernels/aiv/*.cpp | FileCheck %s
// CHECK-NOT: {{^}}int injected
// CHECK: x.mlir?int injected_by_location = 1;//:3:1
// CHECK: pto2_rt_submit_task
// CHECK-NOT: {{^}}int injected
// RUN: rm -rf %t.s && wsp-compile %s -o %t.s --target=simpler
// RUN: cat %t.s/kernels/orchestration/main_orch.cpp %t.s/kernels/aiv/*.cpp | FileCheck %s --check-prefix=SIMPLER
// SIMPLER-NOT: {{^}}int injected
// SIMPLER: x.mlir?int injected_by_location = 1;//:3:1
// SIMPLER: rt_submit_aiv_task
// SIMPLER-NOT: {{^}}int injected
// RUN: not wsp-opt %S/Inputs/kernel-name-injection.mlir --wsp-verify 2>&1 | FileCheck %s --check-prefix=NAME
// NAME: error: 'func.func' op: the name of a kernel, process or workload must be a C identifier ([A-Za-z_][A-Za-z0-9_]*): it names the artifact's files and C++ symbols; rename the function

func.func @scale(%x: memref<16xf32, strided<[1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in"]} {
  return
}

func.func @main(%x: memref<64xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %v = memref.subview %x[%c0] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1], offset: ?>>
  %a = "wsp.in"(%v) : (memref<16xf32, strided<[1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @scale} : (!wsp.arg) -> !wsp.handle loc("x.mlir\0Aint injected_by_location = 1;//":3:1)
  return
}
