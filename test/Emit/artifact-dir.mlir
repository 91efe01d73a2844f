// Writing the artifact directory: atomic, deterministic, never clobbering an
// existing directory without --force; user kernel sources copied verbatim.

// RUN: rm -rf %t && mkdir -p %t

// Deterministic: two emissions are identical.
// RUN: wsp-translate --taskring-to-pto-runtime %s -o %t/a > /dev/null
// RUN: wsp-translate --taskring-to-pto-runtime %s -o %t/b > /dev/null
// RUN: diff -r %t/a %t/b

// An impl = "source" kernel is the user's file, byte for byte (the path
// resolves against the input file's directory).
// RUN: diff %S/Inputs/user_kernel.cpp %t/a/kernels/aiv/user.cpp
// RUN: g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %S/stubs %t/a/kernels/orchestration/main_orch.cpp

// An existing directory is an error without --force, and is left alone.
// RUN: touch %t/a/marker
// RUN: not wsp-translate --taskring-to-pto-runtime %s -o %t/a 2>&1 | FileCheck %s --check-prefix=EXISTS
// EXISTS: {{.*}}/a: error: output directory '{{.*}}/a' exists; pass --force to replace it
// RUN: test -e %t/a/marker

// With --force it is replaced as a whole.
// RUN: wsp-translate --taskring-to-pto-runtime %s -o %t/a --force | FileCheck %s --check-prefix=FORCED
// FORCED: {{.*}}/a/kernels/aiv/user.cpp
// RUN: not test -e %t/a/marker
// RUN: diff -r %t/a %t/b

// A failing emission leaves nothing: no directory, no temporary sibling.
// RUN: not wsp-translate --taskring-to-pto-runtime %s -o %t/c --golden %t/missing_golden.py 2>&1 | FileCheck %s --check-prefix=GOLDEN
// GOLDEN: {{.*}}missing_golden.py: error: cannot read golden file '{{.*}}missing_golden.py': No such file or directory
// RUN: not wsp-translate --taskring-to-pto-runtime %s -o %t/c --golden %S/Inputs 2>&1 | FileCheck %s --check-prefix=GOLDENDIR
// GOLDENDIR: {{.*}}Inputs: error: cannot read golden file '{{.*}}Inputs': not a regular file
// RUN: ls %t | FileCheck %s --check-prefix=LS --implicit-check-not=tmp --implicit-check-not=old
// LS: a
// LS-NEXT: b
// RUN: not test -e %t/c

// The platform is recorded; an unknown one is an error.
// RUN: wsp-translate --taskring-to-pto-runtime %s -o %t/d --platform=a2a3 > /dev/null
// RUN: FileCheck %s --check-prefix=PLATFORM --input-file=%t/d/manifest.json
// PLATFORM: "platform": "a2a3",
// RUN: not wsp-translate --taskring-to-pto-runtime %s -o %t/e --platform=a5sim 2>&1 | FileCheck %s --check-prefix=BADPLATFORM
// BADPLATFORM: {{^}}--platform: error: unknown platform 'a5sim': expected 'a2a3sim' or 'a2a3'
// RUN: not test -e %t/e

// Command-line mistakes.
// RUN: not wsp-translate %s -o %t/f 2>&1 | FileCheck %s --check-prefix=NOMODE
// NOMODE: wsp-translate: error: choose a translation (--taskring-to-pto-runtime)
// RUN: not wsp-translate --taskring-to-pto-runtime %s 2>&1 | FileCheck %s --check-prefix=NOOUT
// NOOUT: wsp-translate: error: no output directory (-o <dir>)
// RUN: not wsp-translate --taskring-to-pto-runtime %s -o %t/f --bogus 2>&1 | FileCheck %s --check-prefix=BOGUS
// BOGUS: wsp-translate: error: unknown option '--bogus'; see 'wsp-translate --help'
// RUN: not wsp-translate --taskring-to-pto-runtime %s -o 2>&1 | FileCheck %s --check-prefix=NOVALUE
// NOVALUE: wsp-translate: error: option '-o' needs a value; see 'wsp-translate --help'
// RUN: not wsp-translate --taskring-to-pto-runtime %t/nonexistent.mlir -o %t/f 2>&1 | FileCheck %s --check-prefix=NOINPUT
// NOINPUT: nonexistent.mlir: error: cannot read input file '{{.*}}nonexistent.mlir': No such file or directory
// RUN: not wsp-compile %s -o %t/f --runtime=aicpu_build_graph 2>&1 | FileCheck %s --check-prefix=RUNTIME
// RUNTIME: wsp-compile: error: --runtime must be tensormap_and_ringbuffer or host_build_graph: aicpu_build_graph
// RUN: not wsp-compile 2>&1 | FileCheck %s --check-prefix=COMPILE-NOINPUT
// COMPILE-NOINPUT: wsp-compile: error: no input file
// RUN: not wsp-compile %s -o %t/f --bogus 2>&1 | FileCheck %s --check-prefix=COMPILE-BOGUS
// COMPILE-BOGUS: wsp-compile: error: unknown option '--bogus'; see 'wsp-compile --help'

// The tools share getopt_long_only conventions (tools/common/ToolOptions.c):
// single-dash flags, values after '=' or as the next argument.
// RUN: rm -rf %t/g && wsp-translate -taskring-to-pto-runtime %s -o=%t/g -platform a2a3 | count 4
// RUN: FileCheck %s --check-prefix=PLATFORM --input-file=%t/g/manifest.json
// RUN: wsp-translate --version | FileCheck %s --check-prefix=VERSION
// RUN: wsp-compile -version | FileCheck %s --check-prefix=VERSION
// VERSION:      wsp {{[0-9.]+}} ({{.+}})
// VERSION-NEXT: MLIR 22.{{[0-9]+\.[0-9]+}} (loaded: {{.*}}libMLIR.so{{.*}})
// VERSION:      artifact ABIs: wsp-pto-runtime-41d5c94a/1, wsp-simpler-6ebaf771/1

// wsp-compile --progress and --timing (stderr): each phase as it runs, MLIR's
// pass timing of the lowering, then the phase report.
// RUN: rm -rf %t/h && wsp-compile %S/../../examples/add/add.mlir -o %t/h --progress --timing 2>&1 >/dev/null \
// RUN:   | FileCheck %s --check-prefix=PROGRESS
// PROGRESS:      wsp-compile: [1/3] parse {{.*}}add.mlir ...
// PROGRESS-NEXT: wsp-compile: [1/3] parse done ({{[0-9.]+}} s)
// PROGRESS-NEXT: wsp-compile: [2/3] lower wsp-to-taskring ...
// PROGRESS:      ... Execution time report ...
// PROGRESS:      {{^ +[0-9.]+ \( *[0-9.]+%\)  wsp-lower-to-taskring$}}
// PROGRESS:      wsp-compile: [2/3] lower done ({{[0-9.]+}} s)
// PROGRESS-NEXT: wsp-compile: [3/3] emit {{.*}}h ...
// PROGRESS-NEXT: wsp-compile: [3/3] emit done ({{[0-9.]+}} s)
// PROGRESS:      ... wsp-compile phase report ...
// PROGRESS:      {{^ +[0-9.]+ \( *[0-9.]+%\)  parse$}}
// PROGRESS-NEXT: {{^ +[0-9.]+ \( *[0-9.]+%\)  lower$}}
// PROGRESS-NEXT: {{^ +[0-9.]+ \( *[0-9.]+%\)  emit$}}
// PROGRESS-NEXT: {{^ +[0-9.]+ \(100.0%\)  Total$}}
// A failing phase says so and the later ones do not run.
// RUN: not wsp-compile %S/../wsp-opt/Inputs/two-workloads.mlir -o %t/i --progress 2>&1 | FileCheck %s --check-prefix=FAILED
// FAILED:     wsp-compile: [2/3] lower failed ({{[0-9.]+}} s)
// FAILED-NOT: [3/3]

module {
  "taskring.runtime"() {abi = "wsp-pto-runtime-41d5c94a/1", aicpu_threads = 4 : i64,
      block_dim = 3 : i64, dep_pool = 0 : i64, flavor = "tensormap_and_ringbuffer",
      heap_bytes = 0 : i64, task_window = 65536 : i64, window_mode = "default"} : () -> ()
  "taskring.kernel"() {sym_name = "user", func_id = 0 : i64, worker = "aiv", modes = ["in", "scalar"],
      impl = "source", source = "Inputs/user_kernel.cpp"} : () -> ()
  func.func @main(%x: memref<8xf32>, %n: i32) attributes {taskring.orchestration, taskring.arg_names = ["x", "n"]} {
    %t = "taskring.tensor_external"(%x) {index = 0 : i64, name = "x"} : (memref<8xf32>) -> !taskring.tensor
    %p = "taskring.input"(%t) : (!taskring.tensor) -> !taskring.param
    %q = "taskring.scalar"(%n) : (i32) -> !taskring.param
    %h = "taskring.submit"(%p, %q) {func_id = 0 : i64, kernel = @user, worker = "aiv"} : (!taskring.param, !taskring.param) -> !taskring.task
    return
  }
}
