// RUN: wsp-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(wsp-verify)' -o /dev/null
// Names that would break the artifact (docs/verify.md, F2, F3, C1): names in
// the namespace wsp reserves for generated symbols, parameter names with a
// NUL byte or invalid UTF-8 (manifest.json became unreadable), and a
// parameter named like the name wsp gives an unnamed one (a duplicate
// manifest entry).

// expected-error@+1 {{'func.func' op: @__wsp_guard0 is in the namespace wsp reserves for the symbols it generates (names starting with 'wsp_' and '__wsp'): rename the function}}
func.func private @__wsp_guard0(%a: i32) -> i1

// expected-error@+1 {{'func.func' op: @wsp_alloc is in the namespace wsp reserves for the symbols it generates}}
func.func @wsp_alloc(%x: memref<4xf32>) attributes {wsp.kernel = "aiv", wsp.access = ["out"]} {
  return
}

func.func @main(%x: memref<4xf32>) attributes {wsp.workload} {
  return
}

// -----

// expected-error@+1 {{'func.func' op: workload @main: parameter #0 is named 'wsp_scratch0', in the namespace wsp reserves for the names it generates (names starting with 'wsp_' and '__wsp'): rename it}}
func.func @main(%x: memref<4xf32> {wsp.name = "wsp_scratch0"}) attributes {wsp.workload} {
  return
}

// -----

// expected-error@+1 {{'func.func' op: workload @main: the wsp.name of parameter #0 has a control byte (0x00 at byte 1); it names the tensor in manifest.json and the orchestration: use printable UTF-8}}
func.func @main(%x: memref<4xf32> {wsp.name = "x\00y"}) attributes {wsp.workload} {
  return
}

// -----

// expected-error@+1 {{'func.func' op: workload @main: the wsp.name of parameter #1 has invalid UTF-8 (0xc3 at byte 1)}}
func.func @main(%x: memref<4xf32> {wsp.name = "x"}, %y: memref<4xf32> {wsp.name = "y\C3"}) attributes {wsp.workload} {
  return
}

// -----

// expected-error@+1 {{'func.func' op: workload @main: parameter #0 has an empty wsp.name; it names the tensor in manifest.json: give it a name or drop wsp.name}}
func.func @main(%x: memref<4xf32> {wsp.name = ""}) attributes {wsp.workload} {
  return
}

// -----

// expected-error@+1 {{'func.func' op: workload @main: parameters #0 and #1 are both named 'arg1' (the name wsp gives an unnamed parameter); names identify the tensors in manifest.json and must be unique: rename one}}
func.func @main(%x: memref<4xf32> {wsp.name = "arg1"}, %y: memref<4xf32>) attributes {wsp.workload} {
  return
}

// -----

// expected-error@+1 {{'func.func' op: workload @main: parameters #0 and #2 are both named 'x'; names identify the tensors in manifest.json and must be unique: rename one}}
func.func @main(%x: memref<4xf32> {wsp.name = "x"}, %y: memref<4xf32> {wsp.name = "y"}, %z: memref<4xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  return
}

// -----

// UTF-8 names are fine; so are names that only contain "wsp".
func.func @main(%x: memref<4xf32> {wsp.name = "größe"}, %y: memref<4xf32> {wsp.name = "my_wsp_y"}) attributes {wsp.workload} {
  return
}

// -----

func.func @p(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %ok, %tok = "wsp.recv"(%c) : (!wsp.channel<i64>) -> (i1, i64)
  return
}

func.func @q(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  "wsp.close"(%c) : (!wsp.channel<i64>) -> ()
  return
}

func.func @main() attributes {wsp.workload} {
  // expected-error@+1 {{'wsp.create_channel' op: the name has invalid UTF-8 (0xff at byte 0); a channel's name is printed in the orchestration and in deadlock reports: use printable UTF-8, e.g. name = "tiles"}}
  %c = "wsp.create_channel"() {name = "\FFtiles", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %a = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %b = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%a) {process = @p} : (!wsp.arg) -> ()
  "wsp.spawn"(%b) {process = @q} : (!wsp.arg) -> ()
  return
}
