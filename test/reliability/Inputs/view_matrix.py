#!/usr/bin/env python3
"""One rule for views (docs/reliability.md, "What is guaranteed"): every way of
making the memref a task or spawn takes (memref.subview, memref.cast,
memref.reinterpret_cast, memref.expand_shape, memref.collapse_shape,
memref.transpose, memref.view, memref.get_global, arith.select, scf.if, ...),
in a workload and in a process, is either accepted by wsp-verify and then
compiled by wsp-compile for both targets and both runtime flavors, or rejected
by wsp-verify at the op that makes it (or, for control flow, at the box that
passes it), naming that op.

One restriction depends on the runtime flavor, which wsp-verify does not know:
an allocation inside a process is not supported on tensormap_and_ringbuffer
(its memory would be released while the process is blocked). The lowering,
which knows the flavor, rejects it at the memref.alloc with a remedy; it
compiles for host_build_graph. The matrix checks exactly that.

Usage: view_matrix.py WSP_OPT WSP_COMPILE SCRATCH_DIR
Prints one line per case ("accepted" or "rejected at <op>") and a summary;
exits 1 on a case that wsp-verify accepts and a later stage rejects ("LATE"),
or that wsp-verify rejects at another op than expected.
"""
import os
import shutil
import sys

from matrix_common import RUNTIMES, TARGETS, finish, run


TILE = "memref<1x16xf32, strided<[16, 1], offset: ?>>"
# (name, tile type the kernel takes, body lines making %t from %x : memref<4x16xf32>,
#  None when accepted, else the op wsp-verify must name first)
CASES = [
    ("subview, static offset", "memref<1x16xf32, strided<[16, 1], offset: 16>>",
     ["%t = memref.subview %x[1, 0] [1, 16] [1, 1] : memref<4x16xf32> to memref<1x16xf32, strided<[16, 1], offset: 16>>"],
     None),
    ("subview, dynamic offset", TILE,
     ["%t = memref.subview %x[%c1, 0] [1, 16] [1, 1] : memref<4x16xf32> to " + TILE], None),
    ("subview of a subview", "memref<1x8xf32, strided<[16, 1], offset: ?>>",
     ["%s = memref.subview %x[%c1, 0] [2, 16] [1, 1] : memref<4x16xf32> to memref<2x16xf32, strided<[16, 1], offset: ?>>",
      "%t = memref.subview %s[1, 8] [1, 8] [1, 1] : memref<2x16xf32, strided<[16, 1], offset: ?>> to memref<1x8xf32, strided<[16, 1], offset: ?>>"],
     None),
    ("cast of the tensor", "memref<?x16xf32>",
     ["%t = memref.cast %x : memref<4x16xf32> to memref<?x16xf32>"], None),
    ("cast of a subview", TILE,
     ["%s = memref.subview %x[1, 0] [1, 16] [1, 1] : memref<4x16xf32> to memref<1x16xf32, strided<[16, 1], offset: 16>>",
      "%t = memref.cast %s : memref<1x16xf32, strided<[16, 1], offset: 16>> to " + TILE], None),
    ("subview of an allocation", TILE,
     ["%m = memref.alloc() : memref<4x16xf32>",
      "%t = memref.subview %m[%c1, 0] [1, 16] [1, 1] : memref<4x16xf32> to " + TILE], None),
    ("subview, stride 2", "memref<1x8xf32, strided<[16, 2], offset: ?>>",
     ["%t = memref.subview %x[%c1, 0] [1, 8] [1, 2] : memref<4x16xf32> to memref<1x8xf32, strided<[16, 2], offset: ?>>"],
     "memref.subview"),
    ("subview, dynamic size", "memref<?x16xf32, strided<[16, 1], offset: ?>>",
     ["%t = memref.subview %x[%c1, 0] [%c1, 16] [1, 1] : memref<4x16xf32> to memref<?x16xf32, strided<[16, 1], offset: ?>>"],
     "memref.subview"),
    ("subview, rank-reducing", "memref<16xf32, strided<[1], offset: ?>>",
     ["%t = memref.subview %x[%c1, 0] [1, 16] [1, 1] : memref<4x16xf32> to memref<16xf32, strided<[1], offset: ?>>"],
     "memref.subview"),
    ("reinterpret_cast", "memref<1x16xf32>",
     ["%t = memref.reinterpret_cast %x to offset: [0], sizes: [1, 16], strides: [16, 1] : memref<4x16xf32> to memref<1x16xf32>"],
     "memref.reinterpret_cast"),
    ("expand_shape", "memref<4x2x8xf32>",
     ["%t = memref.expand_shape %x [[0], [1, 2]] output_shape [4, 2, 8] : memref<4x16xf32> into memref<4x2x8xf32>"],
     "memref.expand_shape"),
    ("collapse_shape", "memref<64xf32>",
     ["%t = memref.collapse_shape %x [[0, 1]] : memref<4x16xf32> into memref<64xf32>"],
     "memref.collapse_shape"),
    ("subview of a collapse_shape", "memref<16xf32, strided<[1], offset: 16>>",
     ["%s = memref.collapse_shape %x [[0, 1]] : memref<4x16xf32> into memref<64xf32>",
      "%t = memref.subview %s[16] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1], offset: 16>>"],
     "memref.collapse_shape"),
    ("transpose", "memref<16x4xf32, strided<[1, 16]>>",
     ["%t = memref.transpose %x (i, j) -> (j, i) : memref<4x16xf32> to memref<16x4xf32, strided<[1, 16]>>"],
     "memref.transpose"),
    ("view of a byte buffer", "memref<1x16xf32>",
     ["%b = memref.alloc() : memref<256xi8>",
      "%t = memref.view %b[%c0][] : memref<256xi8> to memref<1x16xf32>"],
     "memref.view"),
    ("get_global", "memref<1x16xf32>",
     ["%t = memref.get_global @table : memref<1x16xf32>"], "memref.get_global"),
    ("select of two tensors", "memref<4x16xf32>",
     ["%m = memref.alloc() : memref<4x16xf32>",
      "%t = arith.select %p, %x, %m : memref<4x16xf32>"], "arith.select"),
    ("scf.if result", "memref<4x16xf32>",
     ["%m = memref.alloc() : memref<4x16xf32>",
      "%t = scf.if %p -> memref<4x16xf32> { scf.yield %x : memref<4x16xf32> } else { scf.yield %m : memref<4x16xf32> }"],
     "wsp.in"),
]


def program(tile, lines, in_process):
    body = "\n  ".join(lines)
    kernel = f'''memref.global "private" @table : memref<1x16xf32> = dense<0.0>
func.func @k(%t: {tile}, %y: memref<4xf32>)
    attributes {{wsp.kernel = "aiv", wsp.access = ["in", "out"]}} {{
  return
}}
'''
    use = f'''%c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %p = arith.constant true
  {body}
  %a0 = "wsp.in"(%t) : ({tile}) -> !wsp.arg
  %a1 = "wsp.out"(%y) : (memref<4xf32>) -> !wsp.arg
  %h = "wsp.task"(%a0, %a1) {{kernel = @k}} : (!wsp.arg, !wsp.arg) -> !wsp.handle'''
    if not in_process:
        return kernel + f'''func.func @main(%x: memref<4x16xf32> {{wsp.name = "x"}}, %y: memref<4xf32> {{wsp.name = "y"}}) attributes {{wsp.workload}} {{
  {use}
  return
}}
'''
    return kernel + f'''func.func @proc(%x: memref<4x16xf32>, %y: memref<4xf32>) attributes {{wsp.process, wsp.access = ["in", "out"]}} {{
  {use}
  return
}}
func.func @main(%x: memref<4x16xf32> {{wsp.name = "x"}}, %y: memref<4xf32> {{wsp.name = "y"}}) attributes {{wsp.workload}} {{
  %a0 = "wsp.in"(%x) : (memref<4x16xf32>) -> !wsp.arg
  %a1 = "wsp.out"(%y) : (memref<4xf32>) -> !wsp.arg
  "wsp.spawn"(%a0, %a1) {{process = @proc}} : (!wsp.arg, !wsp.arg) -> ()
  return
}}
'''


def main():
    wsp_opt, wsp_compile, scratch = sys.argv[1:4]
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    path = os.path.join(scratch, "p.mlir")
    failures = []
    accepted = rejected = 0
    for where in ("workload", "process"):
        for name, tile, lines, expected in CASES:
            label = f"{where}: {name}"
            with open(path, "w") as f:
                f.write(program(tile, lines, where == "process"))
            status, err = run([wsp_opt, path, "--pass-pipeline=builtin.module(wsp-verify)",
                               "-o", os.devnull])
            errors = [l for l in err.splitlines() if "error:" in l]
            if status:
                first = errors[0] if errors else ""
                if expected is None or f"error: '{expected}' op:" not in first:
                    failures.append(f"{label}: expected {expected or 'acceptance'}, got: {first}")
                    continue
                rejected += 1
                print(f"{label}: rejected at {expected}")
                continue
            if expected is not None:
                failures.append(f"{label}: wsp-verify accepts it, expected an error at {expected}")
                continue
            late = None
            flavor_only = where == "process" and any("memref.alloc()" in l for l in lines)
            for target in TARGETS:
                for rt in RUNTIMES:
                    out = os.path.join(scratch, "out")
                    shutil.rmtree(out, ignore_errors=True)
                    status, err = run([wsp_compile, path, "-o", out, f"--target={target}",
                                       f"--runtime={rt}"])
                    if flavor_only and rt == "tensormap_and_ringbuffer":
                        first = ([l for l in err.splitlines() if "error:" in l] or [""])[0]
                        if not status or "'memref.alloc' op: an intermediate allocated inside process" not in first:
                            late = f"{label}: expected the lowering's error at the memref.alloc for {rt}, got: {first}"
                        continue
                    if status and late is None:
                        first = [l for l in err.splitlines() if "error:" in l][:1]
                        late = f"{label}: LATE: wsp-verify accepts it, wsp-compile --target={target} --runtime={rt} rejects it: {first}"
            if late:
                failures.append(late)
                continue
            accepted += 1
            if flavor_only:
                print(f"{label}: accepted, compiled for host_build_graph on both targets, "
                      f"rejected at the memref.alloc by the lowering for tensormap_and_ringbuffer")
            else:
                print(f"{label}: accepted, compiled for both targets and runtimes")
    print(f"views: {accepted + rejected + len(failures)} cases, {accepted} accepted and compiled, "
          f"{rejected} rejected by wsp-verify at the op")
    finish(failures)


if __name__ == "__main__":
    main()
