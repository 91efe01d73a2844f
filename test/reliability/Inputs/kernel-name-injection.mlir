func.func @"scale\0Aint injected_by_name = 1;//"(%x: memref<16xf32, strided<[1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in"]} {
  return
}

func.func @main(%x: memref<64xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %v = memref.subview %x[%c0] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1], offset: ?>>
  %a = "wsp.in"(%v) : (memref<16xf32, strided<[1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @"scale\0Aint injected_by_name = 1;//"} : (!wsp.arg) -> !wsp.handle
  return
}
