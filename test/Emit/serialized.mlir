// A submit of wsp-lower-to-taskring{serialize=true} (docs/passes.md) carries one
// trailing inout token the kernel does not declare: the emitter passes it as an
// extra trailing argument, which the kernel ignores.
// RUN: rm -rf %t && wsp-translate --taskring-to-pto-runtime %s -o %t > /dev/null
// RUN: FileCheck %s --input-file=%t/kernels/orchestration/main_orch.cpp
// CHECK: PTOParam v{{[0-9]+}}_params[] = {make_input_param(v{{[0-9]+}}), make_inout_param(v{{[0-9]+}})};
// CHECK: pto2_rt_submit_task(rt, 0, PTO2_WORKER_VECTOR, v{{[0-9]+}}_params, 2);
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/kernels/orchestration/main_orch.cpp
module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64,
      block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer",
      heap_bytes = 0 : i64, task_window = 65536 : i64, window_mode = "default"} : () -> ()
  "taskring.kernel"() {sym_name = "k", func_id = 0 : i64, worker = "aiv", modes = ["in"],
      impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  "taskring.kernel"() {sym_name = "wsp_alloc.kernel", name = "wsp_alloc", func_id = 1 : i64, worker = "aiv",
      modes = ["out"], impl = "builtin", source = "alloc"} : () -> ()
  func.func @main(%x: memref<8xf32>) attributes {taskring.orchestration, taskring.arg_names = ["x"]} {
    %token = "taskring.tensor_alloc"() {shape = array<i64: 1>, dtype = "int32"} : () -> !taskring.tensor
    %q = "taskring.output"(%token) : (!taskring.tensor) -> !taskring.param
    %a = "taskring.submit"(%q) {func_id = 1 : i64, kernel = @wsp_alloc.kernel, worker = "aiv"} : (!taskring.param) -> !taskring.task
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<8xf32>) -> !taskring.tensor
    %p = "taskring.input"(%t) : (!taskring.tensor) -> !taskring.param
    %s = "taskring.inout"(%token) : (!taskring.tensor) -> !taskring.param
    %h = "taskring.submit"(%p, %s) {func_id = 0 : i64, kernel = @k, worker = "aiv", wsp.serialized} : (!taskring.param, !taskring.param) -> !taskring.task
    return
  }
}
