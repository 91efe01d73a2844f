// RUN: rm -rf %t && mkdir -p %t
// RUN: wsp-compile %S/../../examples/csp_pipeline/csp_pipeline.mlir -o %t/tmr --target=pto-runtime-41d5c94a --runtime=tensormap_and_ringbuffer
// RUN: FileCheck %s --check-prefix=TMR < %t/tmr/kernels/orchestration/main_orch.cpp
// RUN: wsp-compile %S/../../examples/csp_pipeline/csp_pipeline.mlir -o %t/hbg --target=pto-runtime-41d5c94a --runtime=host_build_graph
// RUN: FileCheck %s --check-prefix=HBG < %t/hbg/kernels/orchestration/main_orch.cpp
// RUN: FileCheck %s --check-prefix=CAP < %t/tmr/manifest.json

// CAP: {"directive": "csp", "status": "enforced", "detail": "3 process function(s), 3 spawn op(s), 2 channel(s)"

// The CSP pipeline's orchestration: the support code, one coroutine per
// process function, spawns in the workload, then the scheduler.

// TMR: #define WSP_CSP_TMR 1
// TMR: struct WspCsp : WspCspCore<WspCsp> {
// TMR: void wsp_proc0(WspCsp& wsp_csp, WspProc& wsp_self);  // loader
// TMR: void wsp_proc1(WspCsp& wsp_csp, WspProc& wsp_self);  // compute
// TMR: void wsp_proc2(WspCsp& wsp_csp, WspProc& wsp_self);  // store

// The load task is named by a send: it writes a done slot (true).
// TMR-LABEL: // Process 'loader'
// TMR: const int64_t [[H:v[0-9]+]] = wsp_submitted++;
// TMR: const int [[H]]_n = wsp_csp.sync_params(wsp_self, [[H]]_params, 2, [[H]], true, "{{.*}}csp_pipeline.mlir:{{[0-9]+}}:{{[0-9]+}}");
// TMR: pto2_rt_submit_task(rt, 0, PTO2_WORKER_VECTOR, [[H]]_params, [[H]]_n);  // load
// TMR: if (!wsp_csp.send(wsp_self, v0, (int64_t){{v[0-9]+}}, {(int64_t)[[H]]}, "{{.*}}")) return;

// The zero task is not named by a send (false); recv binds ok and the token.
// TMR-LABEL: // Process 'compute'
// TMR: if (!wsp_csp.recv(wsp_self, v0, &[[OK:v[0-9]+]]_ok, &[[TOK:v[0-9]+]]_raw, "{{.*}}")) return;
// TMR: wsp_csp.sync_params(wsp_self, {{v[0-9]+}}_params, 1, {{v[0-9]+}}, false,

// TMR-LABEL: void aicpu_orchestration_entry(
// TMR: WspCsp wsp_csp(rt, 4, {{[0-9]+}});
// TMR: const int [[L2C:v[0-9]+]] = wsp_csp.channel("l2c", 2);
// TMR: WspProc& [[P:wsp_spawn[0-9]+]] = wsp_csp.spawn("loader", &wsp_proc0);
// TMR: [[P]].args[0].channel = [[L2C]];
// TMR: if (!wsp_csp.add_end([[P]], [[L2C]], false, "{{.*}}")) return;
// TMR: [[P]].args[1].tensor =
// TMR: [[P]].args[3].bits =
// TMR: if (!wsp_csp.run()) return;

// host_build_graph: the channel and credit edges join the tracker's.
// HBG-LABEL: // Process 'compute'
// HBG: if ({{v[0-9]+}} < 0 || !wsp.submit({{.*}}, wsp_csp.preds(wsp_self))) {
// HBG: wsp_csp.submitted_task(wsp_self, {{v[0-9]+}});
// HBG-LABEL: extern "C" int main_build_graph(
// HBG: WspCsp wsp_csp(rt, 4, {{[0-9]+}});
// HBG: wsp_csp.graph = &wsp;
// HBG: if (!wsp_csp.run()) return -1;
