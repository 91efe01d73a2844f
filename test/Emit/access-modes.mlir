// Which tensors are read and which are written comes from the kernels'
// declared modes, not from the param ops: the lowering widens in/out params
// to inout only so that the TensorMap orders write-after-write and
// write-after-read (docs/passes.md, "Modes"). Here y is written twice
// (widened to inout) and x is read before a write of x (widened to inout),
// yet y is only written and x only read by kernels: y gets no hidden initial
// value, x none either, and only the tensors kernels write are compared. A
// serialization token (past the kernel's modes; t here) is neither read nor
// written.
// A guarded variant may skip its write, which leaves the old contents: such
// a tensor is read and written (see variants.mlir).

// RUN: rm -rf %t && wsp-translate --taskring-to-pto-runtime %s -o %t > /dev/null
// RUN: FileCheck %s --input-file=%t/manifest.json
// CHECK:      "expected_arg_count": 5},
// CHECK:      {"index": 0, "name": "x", "kind": "tensor", "dtype": "float32", "shape": [8], "access": "in"},
// CHECK-NEXT: {"index": 1, "name": "y", "kind": "tensor", "dtype": "float32", "shape": [8], "access": "out"},
// CHECK-NEXT: {"index": 2, "name": "z", "kind": "tensor", "dtype": "float32", "shape": [8], "access": "inout"},
// CHECK-NEXT: {"index": 3, "name": "t", "kind": "tensor", "dtype": "float32", "shape": [8], "access": "none"},
// CHECK-NEXT: {"index": 4, "name": "z_wsp_init", "kind": "tensor", "dtype": "float32", "shape": [8], "access": "in", "initial_value_of": "z"}
// CHECK-NEXT: ],
// CHECK-NEXT: "outputs": ["y", "z"],
// RUN: FileCheck %s --check-prefix=ORCH --input-file=%t/kernels/orchestration/main_orch.cpp
// ORCH:     //   args[0] x: float32 tensor [8], read
// ORCH:     //   args[1] y: float32 tensor [8], written
// ORCH-NOT: std::memcpy((void*)(uintptr_t)args[1]
// ORCH:     std::memcpy((void*)(uintptr_t)args[2], (const void*)(uintptr_t)args[4], 32);
// ORCH-NOT: std::memcpy
// The params keep their (widened) modes: they order the tasks.
// ORCH:     PTOParam v{{[0-9]+}}_params[] = {make_inout_param(v{{[0-9]+}})};
// ORCH:     PTOParam v{{[0-9]+}}_params[] = {make_inout_param(v{{[0-9]+}})};
// ORCH:     PTOParam v{{[0-9]+}}_params[] = {make_inout_param(v{{[0-9]+}}), make_inout_param(v{{[0-9]+}})};
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/kernels/orchestration/main_orch.cpp
module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64, block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer", heap_bytes = 0 : i64, task_window = 65536 : i64, window_mode = "default"} : () -> ()
  "taskring.kernel"() {sym_name = "w", func_id = 0 : i64, worker = "aiv", modes = ["out"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  "taskring.kernel"() {sym_name = "r", func_id = 1 : i64, worker = "aiv", modes = ["in"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  "taskring.kernel"() {sym_name = "rw", func_id = 2 : i64, worker = "aiv", modes = ["inout"], impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  func.func @main(%x: memref<8xf32>, %y: memref<8xf32>, %z: memref<8xf32>, %t: memref<8xf32>)
      attributes {taskring.orchestration, taskring.arg_names = ["x", "y", "z", "t"]} {
    %tx = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<8xf32>) -> !taskring.tensor
    %ty = "taskring.tensor_external"(%y) {index = 1 : i64, name = "y"} : (memref<8xf32>) -> !taskring.tensor
    %tz = "taskring.tensor_external"(%z) {index = 2 : i64, name = "z"} : (memref<8xf32>) -> !taskring.tensor
    %p0 = "taskring.inout"(%ty) : (!taskring.tensor) -> !taskring.param
    %h0 = "taskring.submit"(%p0) {func_id = 0 : i64, kernel = @w, worker = "aiv"} : (!taskring.param) -> !taskring.task
    %p1 = "taskring.inout"(%ty) : (!taskring.tensor) -> !taskring.param
    %h1 = "taskring.submit"(%p1) {func_id = 0 : i64, kernel = @w, worker = "aiv"} : (!taskring.param) -> !taskring.task
    %p2 = "taskring.inout"(%tx) : (!taskring.tensor) -> !taskring.param
    %tt = "taskring.tensor_external"(%t) {index = 3 : i64, name = "t"} : (memref<8xf32>) -> !taskring.tensor
    %p3 = "taskring.inout"(%tt) : (!taskring.tensor) -> !taskring.param
    %h2 = "taskring.submit"(%p2, %p3) {func_id = 1 : i64, kernel = @r, worker = "aiv", wsp.serialized} : (!taskring.param, !taskring.param) -> !taskring.task
    %p4 = "taskring.inout"(%tz) : (!taskring.tensor) -> !taskring.param
    %h3 = "taskring.submit"(%p4) {func_id = 2 : i64, kernel = @rw, worker = "aiv"} : (!taskring.param) -> !taskring.task
    return
  }
}
