#!/usr/bin/env python3
"""One rule for every stage (docs/reliability.md, "Stage matrix"): whatever
wsp-verify accepts, every later stage supports on every runtime; whatever a
later stage would reject, wsp-verify rejects at the offending op, naming the
value and a remedy.

For each element type x shape of a workload tensor parameter (passed to a
kernel), each host scalar type, and each element type x shape of an
intermediate (memref.alloc), runs wsp-verify and then wsp-compile for both
targets and both runtimes. Fails when wsp-verify accepts and a later stage rejects ("LATE"),
or when wsp-verify rejects without naming the parameter (or the alloc op).
Prints one summary line per kind.

Usage: stage_matrix.py WSP_OPT WSP_COMPILE SCRATCH_DIR
"""
import os
import shutil
import sys

from matrix_common import RUNTIMES, TARGETS, finish, run

ELEMENTS = ["f32", "f16", "bf16", "f64", "i1", "i8", "i16", "i32", "i64", "i128", "index",
            "ui8", "ui16", "ui32", "ui64", "si32"]
SHAPES = ["64", "4x16", "2x2x2x2x2", "1x1x1x1x1x1", "", "?", "0", "4x0"]
SCALARS = ["f32", "f16", "bf16", "f64", "i1", "i8", "i16", "i32", "i64", "index", "ui8", "ui32"]


def memref(shape, element):
    return f"memref<{shape}x{element}>" if shape else f"memref<{element}>"


def tensor_program(t):
    return f'''func.func @k(%x: {t}, %y: {t})
    attributes {{wsp.kernel = "aiv", wsp.access = ["in", "out"]}} {{
  return
}}
func.func @main(%x: {t} {{wsp.name = "x"}}, %y: {t} {{wsp.name = "y"}}) attributes {{wsp.workload}} {{
  %a0 = "wsp.in"(%x) : ({t}) -> !wsp.arg
  %a1 = "wsp.out"(%y) : ({t}) -> !wsp.arg
  %h = "wsp.task"(%a0, %a1) {{kernel = @k}} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  return
}}
'''


def scalar_program(t):
    return f'''func.func @k(%x: memref<4xf32>, %s: {t})
    attributes {{wsp.kernel = "aiv", wsp.access = ["out", "scalar"]}} {{
  return
}}
func.func @main(%x: memref<4xf32> {{wsp.name = "x"}}, %s: {t} {{wsp.name = "s"}}) attributes {{wsp.workload}} {{
  %a0 = "wsp.out"(%x) : (memref<4xf32>) -> !wsp.arg
  %a1 = "wsp.scalar"(%s) : ({t}) -> !wsp.arg
  %h = "wsp.task"(%a0, %a1) {{kernel = @k}} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  return
}}
'''


def alloc_program(t):
    sizes = ", ".join(["%c4"] * t.count("?"))  # one size operand per dynamic dimension
    return f'''func.func @k(%x: {t}, %y: memref<4xf32>)
    attributes {{wsp.kernel = "aiv", wsp.access = ["out", "out"]}} {{
  return
}}
func.func @main(%y: memref<4xf32> {{wsp.name = "y"}}) attributes {{wsp.workload}} {{
  %c4 = arith.constant 4 : index
  %t = memref.alloc({sizes}) : {t}
  %a0 = "wsp.out"(%t) : ({t}) -> !wsp.arg
  %a1 = "wsp.out"(%y) : (memref<4xf32>) -> !wsp.arg
  %h = "wsp.task"(%a0, %a1) {{kernel = @k}} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  return
}}
'''


def check(kind, label, text, named, tools, scratch):
    wsp_opt, wsp_compile = tools
    path = os.path.join(scratch, "p.mlir")
    with open(path, "w") as f:
        f.write(text)
    status, err = run([wsp_opt, path, "--pass-pipeline=builtin.module(wsp-verify)", "-o",
                       os.devnull])
    if status:
        first = err.splitlines()[0] if err else ""
        if not (first.startswith(path + ":") and "error:" in first and named in first):
            return f"{kind} {label}: wsp-verify rejects it without naming {named!r}: {first}"
        return None, False
    for target in TARGETS:
        for rt in RUNTIMES:
            out = os.path.join(scratch, "out")
            shutil.rmtree(out, ignore_errors=True)
            status, err = run([wsp_compile, path, "-o", out, f"--target={target}", f"--runtime={rt}"])
            if status:
                return (f"{kind} {label}: LATE: wsp-verify accepts it, wsp-compile --target={target} "
                        f"--runtime={rt} rejects it: {err.splitlines()[0]}")
    return None, True


def main():
    wsp_opt, wsp_compile, scratch = sys.argv[1:4]
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    tools = (wsp_opt, wsp_compile)
    failures = []
    cases = {"tensor": [], "scalar": [], "intermediate": []}
    for e in ELEMENTS:
        for s in SHAPES:
            t = memref(s, e)
            cases["tensor"].append((t, tensor_program(t), "parameter #0 ('x')"))
            cases["intermediate"].append((t, alloc_program(t), "the intermediate tensor"))
    for e in SCALARS:
        cases["scalar"].append((e, scalar_program(e), "parameter #1 ('s')"))
    for kind, items in cases.items():
        accepted = rejected = 0
        for label, text, named in items:
            result = check(kind, label, text, named, tools, scratch)
            if isinstance(result, str):
                failures.append(result)
                continue
            if result[1]:
                accepted += 1
            else:
                rejected += 1
        print(f"{kind}: {len(items)} combinations, {accepted} accepted and compiled for both "
              f"targets and runtimes, {rejected} rejected by wsp-verify at the value")
    finish(failures)


if __name__ == "__main__":
    main()
