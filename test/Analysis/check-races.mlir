// The race analysis (docs/csp.md, Races): happens-before between the tasks
// of different processes, from program order, send -> recv and
// recv #k -> send #k+capacity; two tasks that touch overlapping regions, one
// writing, and are ordered by neither direction are a race.

// The double-buffer mistake: 2 staging slots, capacity 2. The loader writes
// tile 2 into slot 0 before the consumer's task for tile 0 has read it.
// RUN: sed 's/CAPACITY/2/; s/SLOTS/2/g' %S/Inputs/double_buffer.mlir > %t.c2.mlir
// RUN: not wsp-opt %t.c2.mlir --pass-pipeline='builtin.module(wsp-verify,wsp-check-deadlock,wsp-check-races)' -o /dev/null 2>&1 | FileCheck %s --check-prefix=C2
// C2:      c2.mlir:49:10: error: 'wsp.task' op: race on 'stage'[0:1, 0:64] between processes: 'consumer' reads it here in iteration 0, after receiving message #0 (token 0) on channel 'l2c'; 'loader' writes it at {{.*}}c2.mlir:29:10 in iteration 2, after sending message #1 (token 1) on channel 'l2c'; nothing orders the two tasks (happens-before: program order, send -> recv, recv #k -> send #k+capacity), so which one the other sees depends on the schedule; remedy: channel 'l2c' has capacity 2 but 'stage' has 2 slots: use capacity 1, or 3 slots
// C2-NEXT: c2.mlir:29:10: note: 'loader' writes 'stage'[0:1, 0:64] here, racing with the task above
// C2-NEXT: c2.mlir:29:10: error: 'wsp.task' op: race on 'stage'[1:2, 0:64] between processes: 'loader' writes it here in iteration 3, after sending message #2 (token 2) on channel 'l2c'; 'consumer' reads it at {{.*}}c2.mlir:49:10 in iteration 1, after receiving message #1 (token 1) on channel 'l2c'; {{.*}}; remedy: channel 'l2c' has capacity 2 but 'stage' has 2 slots: use capacity 1, or 3 slots
// C2-NEXT: c2.mlir:49:10: note: 'consumer' reads 'stage'[1:2, 0:64] here, racing with the task above
// C2-NEXT: c2.mlir:49:10: error: 'wsp.task' op: race on 'stage'[0:1, 0:64] {{.*}}
// C2-NEXT: c2.mlir:29:10: note:
// C2-NEXT: c2.mlir:54:1: error: 'func.func' op: wsp-check-races: 3 more races between processes like the ones above (6 in all; the first 3 are shown)
// C2-NOT:  error

// The same mistake with one slot, capacity 1: no capacity helps.
// RUN: sed 's/CAPACITY/1/; s/SLOTS/1/g' %S/Inputs/double_buffer.mlir > %t.s1.mlir
// RUN: not wsp-opt %t.s1.mlir --pass-pipeline='builtin.module(wsp-check-races)' -o /dev/null 2>&1 | FileCheck %s --check-prefix=S1
// S1: error: 'wsp.task' op: race on 'stage'[0:1, 0:64] between processes: 'consumer' reads it here in iteration 0, after receiving message #0 (token 0) on channel 'l2c'; 'loader' writes it at {{.*}} in iteration 1, after sending message #0 (token 0) on channel 'l2c'; {{.*}}; remedy: channel 'l2c' has capacity 1 but 'stage' has 1 slot: use 2 slots
// ... and with a rendezvous (capacity 0).
// RUN: sed 's/CAPACITY/0/; s/SLOTS/1/g' %S/Inputs/double_buffer.mlir > %t.r1.mlir
// RUN: not wsp-opt %t.r1.mlir --pass-pipeline='builtin.module(wsp-check-races)' -o /dev/null 2>&1 | FileCheck %s --check-prefix=R1
// R1: remedy: channel 'l2c' has capacity 0 but 'stage' has 1 slot: use 2 slots
// Three slots, capacity 3: the remedy is computed, not fixed.
// RUN: sed 's/CAPACITY/3/; s/SLOTS/3/g' %S/Inputs/double_buffer.mlir > %t.c3.mlir
// RUN: not wsp-opt %t.c3.mlir --pass-pipeline='builtin.module(wsp-check-races)' -o /dev/null 2>&1 | FileCheck %s --check-prefix=C3
// C3: remedy: channel 'l2c' has capacity 3 but 'stage' has 3 slots: use capacity 2, or 4 slots

// Correct buffers: capacity = slots - 1, a rendezvous, and capacity 2 with
// 3 slots are silent, in wsp-check-races and in the whole default pipeline.
// RUN: sed 's/CAPACITY/1/; s/SLOTS/2/g' %S/Inputs/double_buffer.mlir > %t.ok1.mlir
// RUN: wsp-opt %t.ok1.mlir --pass-pipeline='builtin.module(wsp-verify,wsp-check-races)' -o /dev/null 2>&1 | count 0
// RUN: sed 's/CAPACITY/0/; s/SLOTS/2/g' %S/Inputs/double_buffer.mlir > %t.ok0.mlir
// RUN: wsp-opt %t.ok0.mlir --pass-pipeline='builtin.module(wsp-verify,wsp-check-races)' -o /dev/null 2>&1 | count 0
// RUN: sed 's/CAPACITY/2/; s/SLOTS/3/g' %S/Inputs/double_buffer.mlir > %t.ok3.mlir
// RUN: wsp-opt %t.ok3.mlir --pass-pipeline='builtin.module(wsp-verify,wsp-check-races)' -o /dev/null 2>&1 | count 0
// RUN: rm -rf %t.art && wsp-compile %t.ok1.mlir -o %t.art/tmr --runtime=tensormap_and_ringbuffer 2>&1 | FileCheck %s --check-prefix=QUIET
// RUN: wsp-compile %t.ok1.mlir -o %t.art/hbg --runtime=host_build_graph 2>&1 | FileCheck %s --check-prefix=QUIET
// QUIET-NOT: {{warning|error}}
// The mistake fails the default pipeline (both targets).
// RUN: not wsp-compile %t.c2.mlir -o %t.art/bad 2>&1 | FileCheck %s --check-prefix=PIPE
// RUN: not wsp-compile %t.c2.mlir -o %t.art/badh --runtime=host_build_graph 2>&1 | FileCheck %s --check-prefix=PIPE
// PIPE: error: 'wsp.task' op: race on 'stage'[0:1, 0:64] between processes

// The bundled CSP example is race-free.
// RUN: wsp-opt %S/../../examples/csp_pipeline/csp_pipeline.mlir --pass-pipeline='builtin.module(wsp-check-races)' -o /dev/null 2>&1 | count 0

// Siblings, one per split (see below).
// RUN: not wsp-opt %s --split-input-file --pass-pipeline='builtin.module(wsp-check-races)' -o /dev/null 2>&1 | FileCheck %s
// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-check-races)' -o /dev/null

// Two processes writing disjoint halves of one tensor, with no channel
// between them: no race, no message.
func.func private @mark(memref<4x8xf32, strided<[8, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}
func.func @half(%y: memref<8x8xf32>, %row: index) attributes {wsp.process, wsp.access = ["out", "scalar"]} {
  %v = memref.subview %y[%row, 0] [4, 8] [1, 1] : memref<8x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  return
}
func.func @disjoint(%y: memref<8x8xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %a0 = "wsp.out"(%y) : (memref<8x8xf32>) -> !wsp.arg
  %a1 = "wsp.scalar"(%c0) : (index) -> !wsp.arg
  "wsp.spawn"(%a0, %a1) {process = @half} : (!wsp.arg, !wsp.arg) -> ()
  %b1 = "wsp.scalar"(%c4) : (index) -> !wsp.arg
  "wsp.spawn"(%a0, %b1) {process = @half} : (!wsp.arg, !wsp.arg) -> ()
  return
}

// -----

// The same two processes on overlapping rows (0..3 and 2..5): nothing
// orders them, and no channel joins them. Instances are named by rank.
// CHECK-LABEL: error: 'wsp.task' op: race on 'y'[2:4, 0:8] between processes: 'half' #1 writes it here, before any channel op; 'half' #0 writes it at {{.*}}, before any channel op; {{.*}}; remedy: no channel joins the two processes; order the two through a channel (send a token after the first task and receive it before the second), or give them disjoint regions
func.func private @mark(memref<4x8xf32, strided<[8, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}
func.func @half(%y: memref<8x8xf32>, %row: index) attributes {wsp.process, wsp.access = ["out", "scalar"]} {
  %v = memref.subview %y[%row, 0] [4, 8] [1, 1] : memref<8x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  // expected-error @+2 {{race on 'y'[2:4, 0:8] between processes: 'half' #1 writes it here}}
  // expected-note @+1 {{'half' #0 writes 'y'[2:4, 0:8] here, racing with the task above}}
  %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  return
}
func.func @overlapping(%y: memref<8x8xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %a0 = "wsp.out"(%y) : (memref<8x8xf32>) -> !wsp.arg
  %a1 = "wsp.scalar"(%c0) : (index) -> !wsp.arg
  "wsp.spawn"(%a0, %a1) {process = @half} : (!wsp.arg, !wsp.arg) -> ()
  %b1 = "wsp.scalar"(%c2) : (index) -> !wsp.arg
  "wsp.spawn"(%a0, %b1) {process = @half} : (!wsp.arg, !wsp.arg) -> ()
  return
}

// -----

// The workload's tasks happen before every process's (the workload runs to
// its end before any process does); a process's task after a recv happens
// after the sender's tasks before the matching send: no race.
func.func private @mark(memref<4x8xf32, strided<[8, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}
func.func @first(%out: !wsp.channel<i64>, %y: memref<8x8xf32>) attributes {wsp.process, wsp.access = ["out", "out"]} {
  %z0 = arith.constant 0 : index
  %v = memref.subview %y[%z0, 0] [4, 8] [1, 1] : memref<8x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  %t = arith.constant 0 : i64
  "wsp.send"(%out, %t) : (!wsp.channel<i64>, i64) -> ()
  return
}
func.func @second(%in: !wsp.channel<i64>, %y: memref<8x8xf32>) attributes {wsp.process, wsp.access = ["in", "out"]} {
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  %z0 = arith.constant 0 : index
  %v = memref.subview %y[%z0, 0] [4, 8] [1, 1] : memref<8x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  return
}
func.func @ordered(%y: memref<8x8xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %z0 = arith.constant 0 : index
  %v = memref.subview %y[%z0, 0] [4, 8] [1, 1] : memref<8x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
  %w = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  %h = "wsp.task"(%w) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  %c = "wsp.create_channel"() {name = "go", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %a0 = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %a1 = "wsp.out"(%y) : (memref<8x8xf32>) -> !wsp.arg
  "wsp.spawn"(%a0, %a1) {process = @first} : (!wsp.arg, !wsp.arg) -> ()
  %b0 = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%b0, %a1) {process = @second} : (!wsp.arg, !wsp.arg) -> ()
  return
}

// -----

// The sender writes after its send (the token announces nothing yet): the
// receiver's task is not ordered after that write. A recv that finds the
// channel closed follows every close, so the last task is ordered.
func.func private @mark(memref<4x8xf32, strided<[8, 1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}
func.func @late(%out: !wsp.channel<i64>, %y: memref<8x8xf32>) attributes {wsp.process, wsp.access = ["out", "out"]} {
  %t = arith.constant 0 : i64
  "wsp.send"(%out, %t) : (!wsp.channel<i64>, i64) -> ()
  %z0 = arith.constant 0 : index
  %v = memref.subview %y[%z0, 0] [4, 8] [1, 1] : memref<8x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  // expected-note @+1 {{'late' writes 'y'[0:4, 0:8] here, racing with the task above}}
  %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  return
}
func.func @reader(%in: !wsp.channel<i64>, %y: memref<8x8xf32>) attributes {wsp.process, wsp.access = ["in", "out"]} {
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  %z0 = arith.constant 0 : index
  %v = memref.subview %y[%z0, 0] [4, 8] [1, 1] : memref<8x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
  %a = "wsp.out"(%v) : (memref<4x8xf32, strided<[8, 1], offset: ?>>) -> !wsp.arg
  // expected-error @+1 {{race on 'y'[0:4, 0:8] between processes: 'reader' writes it here, after receiving message #0 (token 0) on channel 'c'; 'late' writes it at}}
  %h = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  %ok2, %t2 = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  %h2 = "wsp.task"(%a) {kernel = @mark} : (!wsp.arg) -> !wsp.handle
  return
}
func.func @after_send(%y: memref<8x8xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "c", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %a0 = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %a1 = "wsp.out"(%y) : (memref<8x8xf32>) -> !wsp.arg
  "wsp.spawn"(%a0, %a1) {process = @late} : (!wsp.arg, !wsp.arg) -> ()
  %b0 = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%b0, %a1) {process = @reader} : (!wsp.arg, !wsp.arg) -> ()
  return
}

// -----

// A program the analysis cannot run: one warning saying what is not proven.
func.func @producer(%out: !wsp.channel<i64>, %n: i64) attributes {wsp.process, wsp.access = ["out", "scalar"]} {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  scf.for %i = %c0 to %n step %c1 : i64 {
    "wsp.send"(%out, %i) : (!wsp.channel<i64>, i64) -> ()
  }
  return
}
func.func @consumer(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  return
}
// expected-warning @+1 {{wsp-check-races: freedom from races between processes is not proven: the program cannot be run statically}}
func.func @dynamic() attributes {wsp.workload} {
  %n = "wsp.symbol"() {name = "tiles"} : () -> i64
  %c = "wsp.create_channel"() {name = "c", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %p = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %s = "wsp.scalar"(%n) : (i64) -> !wsp.arg
  "wsp.spawn"(%p, %s) {process = @producer} : (!wsp.arg, !wsp.arg) -> ()
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  return
}
