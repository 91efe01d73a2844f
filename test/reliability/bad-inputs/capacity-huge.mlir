// A channel of capacity 2^40 (it ran the orchestration out of memory,
// bad_alloc). The bound is 65536 (docs/verify.md, C1); the verifier
// (first in wsp-to-taskring) must name the capacity, located at the op.
// RUN: %python %S/../Inputs/bad_input.py %s | FileCheck %s
// CHECK:      == wsp-opt: exit 1
// CHECK:      capacity-huge.mlir:[[@LINE+17]]:8: error: 'wsp.create_channel' op: capacity = 1099511627776 is more than 65536, wsp's bound on a channel's capacity (the orchestration keeps capacity + 2 token and credit slots per channel): use a capacity of at most 65536
// CHECK:      == wsp-compile: exit 1
// CHECK:      capacity-huge.mlir:[[@LINE+15]]:8: error: 'wsp.create_channel' op: capacity = 1099511627776 is more than 65536, wsp's bound on a channel's capacity (the orchestration keeps capacity + 2 token and credit slots per channel): use a capacity of at most 65536
// CHECK:      bad_input: ok

func.func @producer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  %t = arith.constant 1 : i64
  "wsp.close"(%c) : (!wsp.channel<i64>) -> ()
  return
}

func.func @consumer(%c: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %ok, %tok = "wsp.recv"(%c) : (!wsp.channel<i64>) -> (i1, i64)
  return
}

func.func @main() attributes {wsp.workload} {
  %c = "wsp.create_channel"() {name = "tiles", capacity = 1099511627776 : i64} : () -> !wsp.channel<i64>
  %p = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p) {process = @producer} : (!wsp.arg) -> ()
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  return
}
