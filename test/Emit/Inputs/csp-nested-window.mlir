// A workload with nested loops that also spawns a process
// (test/Emit/window-sizing.mlir).
func.func @inc(%a: memref<16xf32, strided<[1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["inout"]} {
  return
}
func.func @main(%x: memref<320xf32> {wsp.name = "x"}, %y: memref<64xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  "wsp.task_window"() {size = 8 : i64, unit = "tasks", mode = "stall"} : () -> ()
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %c80 = arith.constant 80 : index
  %py = "wsp.inout"(%y) : (memref<64xf32>) -> !wsp.arg
  "wsp.spawn"(%py) {process = @worker} : (!wsp.arg) -> ()
  scf.for %i = %c0 to %c4 step %c1 {
    %o = arith.muli %i, %c80 : index
    %v = memref.subview %x[%o] [16] [1] : memref<320xf32> to memref<16xf32, strided<[1], offset: ?>>
    %p = "wsp.inout"(%v) : (memref<16xf32, strided<[1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%p) {kernel = @inc} : (!wsp.arg) -> !wsp.handle
    scf.for %j = %c0 to %c4 step %c1 {
      %o2 = arith.muli %j, %c16 : index
      %o3 = arith.addi %o, %o2 : index
      %o4 = arith.addi %o3, %c16 : index
      %w = memref.subview %x[%o4] [16] [1] : memref<320xf32> to memref<16xf32, strided<[1], offset: ?>>
      %q = "wsp.inout"(%w) : (memref<16xf32, strided<[1], offset: ?>>) -> !wsp.arg
      %h2 = "wsp.task"(%q) {kernel = @inc} : (!wsp.arg) -> !wsp.handle
      %h3 = "wsp.task"(%q) {kernel = @inc} : (!wsp.arg) -> !wsp.handle
    }
  }
  return
}
func.func @worker(%y: memref<64xf32>) attributes {wsp.process, wsp.access = ["inout"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  scf.for %t = %c0 to %c4 step %c1 {
    %off = arith.muli %t, %c16 : index
    %v = memref.subview %y[%off] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1], offset: ?>>
    %p = "wsp.inout"(%v) : (memref<16xf32, strided<[1], offset: ?>>) -> !wsp.arg
    %h = "wsp.task"(%p) {kernel = @inc} : (!wsp.arg) -> !wsp.handle
  }
  return
}
