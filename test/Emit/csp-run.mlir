// The emitted CSP support, run on the host against the stand-in runtime
// headers (test/Emit/stubs): the schedule, the channel and credit edges, the
// scopes, and the run-time deadlock report. The real runtime runs the same
// programs in python/tests/test_emit_runtime.py.

// RUN: rm -rf %t && mkdir -p %t
// RUN: wsp-compile %S/../../examples/csp_pipeline/csp_pipeline.mlir -o %t/hbg --target=pto-runtime-41d5c94a --runtime=host_build_graph
// RUN: g++ -std=c++17 -Wall -Wextra -Werror -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/hbg_driver.cpp %t/hbg/kernels/orchestration/main_orch.cpp -o %t/hbg.driver
// RUN: %t/hbg.driver t32768 t32768 | FileCheck %s --check-prefix=HBG

// host_build_graph: the task ids and edges of test/Analysis/csp-pipeline.mlir
// (docs/csp.md, worked example), shifted by the two allocation tasks: the
// loader runs L0 L1 L2 until l2c is full, compute takes tokens 0 and 1,
// store writes tiles 0 and 1, and so on.
// HBG:      task 0 func=4
// HBG-NEXT: task 1 func=4
// HBG-NEXT: task 2 func=0
// HBG-NEXT: task 3 func=0
// HBG-NEXT: task 4 func=0
// The channel edge L0 -> Z0: Z0 touches nothing L0 wrote; only the token orders it.
// HBG-NEXT: task 5 func=1
// HBG-NEXT: edge 2 -> 5
// A0 reads L0's tile too, but 2 -> 6 is implied by 2 -> 5 -> 6: the
// transitive reduction leaves it out.
// HBG-NEXT: task 6 func=2
// HBG-NEXT: edge 5 -> 6
// HBG:      task 11 func=0
// HBG-NEXT: task 12 func=0
// The credit edges Z0 -> L4 and A0 -> L4: L4 follows l2c send #3, and epoch
// 3 - 2 - 1 = 0 of l2c must be done before its slot is reused (Z0 -> L4 is
// implied by Z0 -> A0 -> L4, so only A0 -> L4 is added).
// HBG-NEXT: edge 6 -> 12

// RUN: wsp-compile %S/../../examples/csp_pipeline/csp_pipeline.mlir -o %t/tmr --target=pto-runtime-41d5c94a --runtime=tensormap_and_ringbuffer
// RUN: g++ -std=c++17 -Wall -Wextra -Werror -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/tmr_driver.cpp %t/tmr/kernels/orchestration/main_orch.cpp -o %t/tmr.driver
// RUN: %t/tmr.driver t32768 t32768 t32768 t32768 | FileCheck %s --check-prefix=TMR

// tensormap_and_ringbuffer: each run of a process in a scope of its own; a
// load writes its done slot (shape 1), its send submits the token task (the
// empty kernel, func 4) that reads it and writes token slot k; compute's
// tasks read token slot k and write credit slot k.
// TMR:      expected_arg_count=4
// TMR-NEXT: scope_begin depth=1
// TMR-NEXT: submit func=0 worker=1 in(start=0 shape=16x64) inout(start=0 shape=16x64) out(start=0 shape=1)
// TMR-NEXT: submit func=4 worker=1 in(start=0 shape=1) out(start=0 shape=1)
// TMR-NEXT: submit func=0 worker=1 in(start=1024 shape=16x64) inout(start=1024 shape=16x64) out(start=1 shape=1)
// TMR-NEXT: submit func=4 worker=1 in(start=1 shape=1) out(start=1 shape=1)
// TMR-NEXT: submit func=0 worker=1 in(start=2048 shape=16x64) inout(start=2048 shape=16x64) out(start=2 shape=1)
// TMR-NEXT: scope_end depth=1
// TMR-NEXT: scope_begin depth=1
// TMR-NEXT: submit func=1 worker=1 inout(start=0 shape=16x64) in(start=0 shape=1) out(start=0 shape=1)
// TMR-NEXT: submit func=2 worker=1 inout(start=0 shape=16x64) inout(start=0 shape=16x64) in(start=0 shape=1) out(start=0 shape=1) out(start=4 shape=1)
// The credit read: L4 (tile 4, start=4096) reads credit slot 0 of l2c.
// TMR:      submit func=0 worker=1 in(start=4096 shape=16x64) inout(start=4096 shape=16x64) in(start=0 shape=1) out(start=10 shape=1)
// 32 tasks of the program and 16 token tasks (8 sends on each channel).
// TMR:      submits=48 depth=0

// RUN: wsp-compile %S/Inputs/csp_deadlock.mlir -o %t/dl --target=pto-runtime-41d5c94a --runtime=tensormap_and_ringbuffer 2>&1 | FileCheck %s --check-prefix=WARN
// RUN: g++ -std=c++17 -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/tmr_driver.cpp %t/dl/kernels/orchestration/main_orch.cpp -o %t/dl.driver
// RUN: %t/dl.driver t4096 s1 2>&1 | FileCheck %s --check-prefix=DEADLOCK
// RUN: wsp-compile %S/Inputs/csp_deadlock.mlir -o %t/dlh --target=pto-runtime-41d5c94a --runtime=host_build_graph 2>/dev/null
// RUN: g++ -std=c++17 -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/hbg_driver.cpp %t/dlh/kernels/orchestration/main_orch.cpp -o %t/dlh.driver
// RUN: %t/dlh.driver t4096 s1 2>&1 | FileCheck %s --check-prefix=DEADLOCK

// The same cycle over rendezvous channels (capacity 0).
// RUN: sed 's/capacity = 1 : i64/capacity = 0 : i64/' %S/Inputs/csp_deadlock.mlir > %t/rdv.mlir
// RUN: wsp-compile %t/rdv.mlir -o %t/rdv --target=pto-runtime-41d5c94a --runtime=tensormap_and_ringbuffer 2>/dev/null
// RUN: g++ -std=c++17 -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/tmr_driver.cpp %t/rdv/kernels/orchestration/main_orch.cpp -o %t/rdv.driver
// RUN: %t/rdv.driver t4096 s1 2>&1 | FileCheck %s --check-prefix=RENDEZVOUS
// RENDEZVOUS: wsp: error: deadlock: every process that has not returned is blocked: 'ping' #0 waits at wsp.recv ({{.*}}rdv.mlir:31:19) on channel 'pong2ping' (capacity 0, holding 0 tokens); 'ping' #1 waits at wsp.recv ({{.*}}rdv.mlir:31:19) on channel 'ping2pong' (capacity 0, holding 0 tokens); no process can make progress

// WARN: warning: wsp-check-deadlock: deadlock freedom is not checked at compile time

// The same words as the compile-time report; the orchestration then stops.
// DEADLOCK: wsp: error: deadlock: every process that has not returned is blocked: 'ping' #0 waits at wsp.recv ({{.*}}csp_deadlock.mlir:31:19) on channel 'pong2ping' (capacity 1, holding 0 tokens); 'ping' #1 waits at wsp.recv ({{.*}}csp_deadlock.mlir:31:19) on channel 'ping2pong' (capacity 1, holding 0 tokens); no process can make progress; remedy: reorder the sends and recvs, or raise a capacity

// A send after close that only a run can see (a loop on a host symbol): reported at the
// send, on both runtimes, and the orchestration stops.
// RUN: wsp-compile %S/Inputs/csp_send_after_close.mlir -o %t/sac --target=pto-runtime-41d5c94a --runtime=tensormap_and_ringbuffer 2>/dev/null
// RUN: g++ -std=c++17 -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/tmr_driver.cpp %t/sac/kernels/orchestration/main_orch.cpp -o %t/sac.driver
// RUN: %t/sac.driver s1 2>&1 | FileCheck %s --check-prefix=CLOSED
// RUN: wsp-compile %S/Inputs/csp_send_after_close.mlir -o %t/sach --target=pto-runtime-41d5c94a --runtime=host_build_graph 2>/dev/null
// RUN: g++ -std=c++17 -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/hbg_driver.cpp %t/sach/kernels/orchestration/main_orch.cpp -o %t/sach.driver
// RUN: %t/sach.driver s1 2>&1 | FileCheck %s --check-prefix=CLOSED
// CLOSED: csp_send_after_close.mlir:24:5: error: 'wsp.send' op: send on channel 'tiles' after it was closed; remedy: send every token before closing the channel

// A deadlock among many processes is summarised at run time too: the first
// 8 blocked processes in full, the others counted by where they wait.
// RUN: wsp-compile %S/Inputs/csp_many_deadlock.mlir -o %t/many --target=pto-runtime-41d5c94a --runtime=tensormap_and_ringbuffer 2>/dev/null
// RUN: g++ -std=c++17 -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/tmr_driver.cpp %t/many/kernels/orchestration/main_orch.cpp -o %t/many.driver
// RUN: %t/many.driver s20 2>&1 | FileCheck %s --check-prefix=MANY
// RUN: wsp-compile %S/Inputs/csp_many_deadlock.mlir -o %t/manyh --target=pto-runtime-41d5c94a --runtime=host_build_graph 2>/dev/null
// RUN: g++ -std=c++17 -DWSP_STUB_TRACE -I %S/stubs %S/Inputs/hbg_driver.cpp %t/manyh/kernels/orchestration/main_orch.cpp -o %t/manyh.driver
// RUN: %t/manyh.driver s20 2>&1 | FileCheck %s --check-prefix=MANY
// MANY: wsp: error: deadlock: every process that has not returned is blocked: 'producer' #1 waits at wsp.send ({{[^)]*}}csp_many_deadlock.mlir:8:3) on channel 'c' (capacity 1, holding 1 token, whose receiver 'consumer' has returned);
// MANY-SAME: 'producer' #8 waits at wsp.send ({{[^)]*}}csp_many_deadlock.mlir:8:3) on channel 'c' (capacity 1, holding 1 token, whose receiver 'consumer' has returned); and 11 more: 11 wait at wsp.send ({{[^)]*}}csp_many_deadlock.mlir:8:3) on channel 'c'; no process can make progress
