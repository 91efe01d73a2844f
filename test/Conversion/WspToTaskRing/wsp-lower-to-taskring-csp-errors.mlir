// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-lower-to-taskring{target=pto-runtime-41d5c94a})' -o /dev/null
// RUN: wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-lower-to-taskring{runtime=host_build_graph target=pto-runtime-41d5c94a})' -o /dev/null

// On tensormap_and_ringbuffer a heap tensor lives as long as the task that
// allocated it, and process tasks are released while the process is blocked:
// intermediates a process uses come from the workload's entry block (where
// they become scratch arguments). host_build_graph allocates with
// device_malloc and accepts both programs.

func.func private @fill(memref<8xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
func.func @main() attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "c", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %a = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%a) {process = @p} : (!wsp.arg) -> ()
  %b = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%b) {process = @q} : (!wsp.arg) -> ()
  return
}
func.func @p(%out: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  // expected-error @+1 {{'memref.alloc' op: an intermediate allocated inside process 'p' is not supported on tensormap_and_ringbuffer: its memory lives only as long as its alloc task, and a process's tasks are released while the process is blocked; remedy: allocate it in the workload, outside loops, and pass it to wsp.spawn}}
  %t = memref.alloc() : memref<8xf32>
  %o = "wsp.out"(%t) : (memref<8xf32>) -> !wsp.arg
  %h = "wsp.task"(%o) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  %k = arith.constant 0 : i64
  "wsp.send"(%out, %k, %h) : (!wsp.channel<i64>, i64, !wsp.handle) -> ()
  return
}
func.func @q(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  return
}

// -----

func.func private @fill(memref<8xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "fill.cpp"}
func.func @main() attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c = "wsp.create_channel"() {name = "c", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %b = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%b) {process = @q} : (!wsp.arg) -> ()
  scf.for %i = %c0 to %c2 step %c1 {
    %t = memref.alloc() : memref<8xf32>
    %a = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
    %o = "wsp.out"(%t) : (memref<8xf32>) -> !wsp.arg
    // expected-error @+1 {{'wsp.spawn' op: argument 1 is a tensor allocated inside a loop or branch; on tensormap_and_ringbuffer its memory is freed when that scope ends, before the process runs; remedy: allocate it in the workload's entry block (outside loops)}}
    "wsp.spawn"(%a, %o) {process = @p} : (!wsp.arg, !wsp.arg) -> ()
  }
  return
}
func.func @p(%out: !wsp.channel<i64>, %t: memref<8xf32>) attributes {wsp.process, wsp.access = ["out", "out"]} {
  %o = "wsp.out"(%t) : (memref<8xf32>) -> !wsp.arg
  %h = "wsp.task"(%o) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  %k = arith.constant 0 : i64
  "wsp.send"(%out, %k, %h) : (!wsp.channel<i64>, i64, !wsp.handle) -> ()
  return
}
func.func @q(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  return
}

