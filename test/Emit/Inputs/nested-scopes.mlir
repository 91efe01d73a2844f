// Nested loops that submit at two depths: the outer iteration's task stays in
// its scope while the inner loop's tasks run (test/Emit/window-sizing.mlir).
func.func @inc(%a: memref<16xf32, strided<[1], offset: ?>>) attributes {wsp.kernel = "aiv", wsp.access = ["inout"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  scf.for %i = %c0 to %c16 step %c1 {
    %v = memref.load %a[%i] : memref<16xf32, strided<[1], offset: ?>>
    %one = arith.constant 1.0 : f32
    %r = arith.addf %v, %one : f32
    memref.store %r, %a[%i] : memref<16xf32, strided<[1], offset: ?>>
  }
  return
}
func.func @main(%x: memref<320xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  "wsp.task_window"() {size = 8 : i64, unit = "tasks", mode = "stall"} : () -> ()
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %c80 = arith.constant 80 : index
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
