#!/usr/bin/env python3
"""Writes a wsp program whose workload nests `depth` scf.for loops (trip count
`trips` each, default 1) around one task, to stdout or -o FILE.

Usage: gen_nested.py DEPTH [--trips N] [--kind for|if|region] [-o FILE]

kind=for:    nested scf.for loops around a task (the interpreter and lowering
             recurse once per level).
kind=if:     nested scf.if with constant-true conditions around a task.
kind=region: nested scf.execute_region ops (regions the task-graph
             interpreter does not evaluate: a located error is expected).
"""
import argparse
import sys

HEADER = """\
func.func @k(%x: memref<16xf32, strided<[1], offset: ?>>)
    attributes {wsp.kernel = "aiv", wsp.access = ["in"]} {
  return
}

func.func @main(%x: memref<16xf32> {wsp.name = "x"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant TRIPS : index
  %true = arith.constant true
"""

TASK = """\
%v = memref.subview %x[%c0] [16] [1] : memref<16xf32> to memref<16xf32, strided<[1], offset: ?>>
%a = "wsp.in"(%v) : (memref<16xf32, strided<[1], offset: ?>>) -> !wsp.arg
%h = "wsp.task"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("depth", type=int)
    ap.add_argument("--trips", type=int, default=1)
    ap.add_argument("--kind", choices=["for", "if", "region"], default="for")
    ap.add_argument("-o", dest="output")
    args = ap.parse_args()

    out = [HEADER.replace("TRIPS", str(args.trips))]
    # Indentation stops growing at 8 levels: a file of depth N stays O(N) bytes.
    def pad(level):
        return "  " * (min(level, 8) + 1)

    for level in range(args.depth):
        indent = pad(level)
        if args.kind == "for":
            out.append(f"{indent}scf.for %i{level} = %c0 to %cn step %c1 {{\n")
        elif args.kind == "if":
            out.append(f"{indent}scf.if %true {{\n")
        else:
            out.append(f"{indent}scf.execute_region {{\n")
    indent = pad(args.depth)
    out.extend(indent + line + "\n" for line in TASK.splitlines())
    for level in reversed(range(args.depth)):
        indent = pad(level)
        out.append(f"{indent}  scf.yield\n" if args.kind == "region" else "")
        out.append(f"{indent}}}\n")
    out.append("  return\n}\n")
    text = "".join(out)
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
