// An indexer: the number of valid tokens is known only on device (a task
// sums the per-segment lengths into `total`, an intermediate), yet it picks
// the padding bucket and clamps the positions of the batch.
//
// The orchestration cannot read device data at pto-runtime 41d5c94a, so
// taskring-predicate-slots (docs/slots.md) turns the else-if chain on the
// slot read into predicated execution: all four `emit_pad` tasks are
// submitted, each with the total's element as an extra input, and each
// one's guard (the conjunction of its branch conditions, negated in else
// branches) lets exactly one of them write `pad`. The total also goes
// unchanged to `clamp` as a scalar: that task's variant loads it on device.
//
//   pad    = 2048 if n <= 2048 else 8192 if n <= 8192 else 65536 if n <= 65536 else 131072
//   pos[i] = min(i * 4096, n)   for i in 0..32
func.func @count(%seg: memref<8xi64>, %total: memref<1xi64>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "out"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0 : i64
  %sum = scf.for %i = %c0 to %c8 step %c1 iter_args(%acc = %zero) -> (i64) {
    %s = memref.load %seg[%i] : memref<8xi64>
    %next = arith.addi %acc, %s : i64
    scf.yield %next : i64
  }
  memref.store %sum, %total[%c0] : memref<1xi64>
  return
}

func.func @emit_pad(%pad: memref<1xi64>, %value: i64)
    attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"]} {
  %c0 = arith.constant 0 : index
  memref.store %value, %pad[%c0] : memref<1xi64>
  return
}

func.func @clamp(%pos: memref<32xi64>, %n: i64)
    attributes {wsp.kernel = "aiv", wsp.access = ["out", "scalar"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  %step = arith.constant 4096 : i64
  scf.for %i = %c0 to %c32 step %c1 {
    %ii = arith.index_cast %i : index to i64
    %p = arith.muli %ii, %step : i64
    %c = arith.minsi %p, %n : i64
    memref.store %c, %pos[%i] : memref<32xi64>
  }
  return
}

func.func @main(%seg: memref<8xi64> {wsp.name = "seg"}, %pad: memref<1xi64> {wsp.name = "pad"},
                %pos: memref<32xi64> {wsp.name = "pos"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %total = memref.alloc() : memref<1xi64>
  %a0 = "wsp.in"(%seg) : (memref<8xi64>) -> !wsp.arg
  %a1 = "wsp.out"(%total) : (memref<1xi64>) -> !wsp.arg
  %t0 = "wsp.task"(%a0, %a1) {kernel = @count} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  %n = "wsp.slot_read"(%total, %c0) : (memref<1xi64>, index) -> i64
  %c2048 = arith.constant 2048 : i64
  %c8192 = arith.constant 8192 : i64
  %c65536 = arith.constant 65536 : i64
  %c131072 = arith.constant 131072 : i64
  %le2k = arith.cmpi sle, %n, %c2048 : i64
  scf.if %le2k {
    %b0 = "wsp.out"(%pad) : (memref<1xi64>) -> !wsp.arg
    %b1 = "wsp.scalar"(%c2048) : (i64) -> !wsp.arg
    %t = "wsp.task"(%b0, %b1) {kernel = @emit_pad} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  } else {
    %le8k = arith.cmpi sle, %n, %c8192 : i64
    scf.if %le8k {
      %b0 = "wsp.out"(%pad) : (memref<1xi64>) -> !wsp.arg
      %b1 = "wsp.scalar"(%c8192) : (i64) -> !wsp.arg
      %t = "wsp.task"(%b0, %b1) {kernel = @emit_pad} : (!wsp.arg, !wsp.arg) -> !wsp.handle
    } else {
      %le64k = arith.cmpi sle, %n, %c65536 : i64
      scf.if %le64k {
        %b0 = "wsp.out"(%pad) : (memref<1xi64>) -> !wsp.arg
        %b1 = "wsp.scalar"(%c65536) : (i64) -> !wsp.arg
        %t = "wsp.task"(%b0, %b1) {kernel = @emit_pad} : (!wsp.arg, !wsp.arg) -> !wsp.handle
      } else {
        %b0 = "wsp.out"(%pad) : (memref<1xi64>) -> !wsp.arg
        %b1 = "wsp.scalar"(%c131072) : (i64) -> !wsp.arg
        %t = "wsp.task"(%b0, %b1) {kernel = @emit_pad} : (!wsp.arg, !wsp.arg) -> !wsp.handle
      }
    }
  }
  %p0 = "wsp.out"(%pos) : (memref<32xi64>) -> !wsp.arg
  %p1 = "wsp.scalar"(%n) : (i64) -> !wsp.arg
  %t1 = "wsp.task"(%p0, %p1) {kernel = @clamp} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  return
}
