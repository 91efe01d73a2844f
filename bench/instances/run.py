#!/usr/bin/env python3
"""Peak RSS and time of the task-instance analyses against the instance count
(docs/performance.md, "Instances"). Two generated workloads:

  bgemm       a T x T x T nest of tiled matmul tasks (in A[i,k], in B[k,j],
              inout C[i,j], 16x16 tiles): T^3 instances, about 30 ops.
  interleave  one loop of N iterations: write row i of t, then read the
              whole of t into row i of s: 2N instances (bench/shapes).

Each size runs `wsp-opt` with wsp-check-fanin and wsp-check-deadlock (max-tasks
raised to the instance count, max-memory theirs unless --max-memory; these
programs spawn no process, so wsp-check-deadlock returns at once and the
figures are wsp-check-fanin's). wsp-check-fanin gets target=pto-runtime-41d5c94a
unless --target: its tensormap_and_ringbuffer limit is counted on the reduced
graph, which is what the hazard tracker's records are sized for (on simpler the
count is unreduced: every hazard pair, quadratic on interleave, which that
target rejects past 16448 producers anyway). It prints the instances, wall time, peak RSS
(GNU time's maximum resident set) and bytes per instance above a one-task
baseline. Default sizes are about 10^5 and 10^6 instances; `--large` adds 10^7.

Usage: run.py [--build DIR] [--large] [--shape bgemm|interleave] [--max-memory MB]
              [--target pto-runtime-41d5c94a|simpler]
"""
import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
T = 16  # tile edge


def gen_bgemm(n):
    """n tiles per dimension: n^3 task instances."""
    e = n * T
    full = f"memref<{e}x{e}xf32>"
    tile = f"memref<{T}x{T}xf32, strided<[{e}, 1], offset: ?>>"
    out = [f"// bench/instances: bgemm, {n}^3 instances\n",
           f"func.func @mm(%a: {tile}, %b: {tile}, %c: {tile}) attributes "
           f"{{wsp.kernel = \"aic\", wsp.access = [\"in\", \"in\", \"inout\"]}} {{\n  return\n}}\n",
           f"func.func @main(%A: {full}, %B: {full}, %C: {full}) attributes {{wsp.workload}} {{\n",
           "  \"wsp.task_window\"() {size = 1024 : i64, unit = \"tasks\", mode = \"stall\"} : () -> ()\n",
           f"  %c0 = arith.constant 0 : index\n  %c1 = arith.constant 1 : index\n"
           f"  %cn = arith.constant {n} : index\n  %ct = arith.constant {T} : index\n",
           "  scf.for %i = %c0 to %cn step %c1 {\n",
           "    %io = arith.muli %i, %ct : index\n",
           "    scf.for %j = %c0 to %cn step %c1 {\n",
           "      %jo = arith.muli %j, %ct : index\n",
           "      scf.for %k = %c0 to %cn step %c1 {\n",
           "        %ko = arith.muli %k, %ct : index\n"]
    for name, src, r, c in (("ta", "%A", "%io", "%ko"), ("tb", "%B", "%ko", "%jo"),
                            ("tc", "%C", "%io", "%jo")):
        out.append(f"        %{name} = memref.subview {src}[{r}, {c}] [{T}, {T}] [1, 1] : "
                   f"{full} to {tile}\n")
    for j, (mode, v) in enumerate((("in", "%ta"), ("in", "%tb"), ("inout", "%tc"))):
        out.append(f"        %x{j} = \"wsp.{mode}\"({v}) : ({tile}) -> !wsp.arg\n")
    out += ["        %h = \"wsp.task\"(%x0, %x1, %x2) {kernel = @mm} : "
            "(!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle\n",
            "        \"wsp.dispatch\"(%h) {policy = \"round_robin\", domains = 3 : i64} : "
            "(!wsp.handle) -> ()\n",
            "      }\n    }\n  }\n  return\n}\n"]
    return "".join(out), n ** 3


def gen_interleave(n):
    text = subprocess.run([sys.executable, os.path.join(HERE, "..", "shapes", "gen_shapes.py"),
                           "interleave", str(n)], check=True, capture_output=True,
                          text=True).stdout
    return text, 2 * n


SIZES = {"bgemm": [1, 46, 100, 215], "interleave": [1, 50000, 500000, 5000000]}
GEN = {"bgemm": gen_bgemm, "interleave": gen_interleave}


def measure(opt, path, instances, memory, target):
    limit = "" if memory is None else f" max-memory={memory}"
    n = max(instances, 1)
    cmd = ["/usr/bin/time", "-f", "%e %M", opt, path, "-o", "/dev/null",
           f"--pass-pipeline=builtin.module(wsp-check-fanin{{max-tasks={n}{limit} target={target}}},"
           f"wsp-check-deadlock{{max-tasks={n}{limit}}})"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    last = r.stderr.strip().splitlines()[-1].split()
    warned = "warning" in r.stderr
    return float(last[0]), int(last[1]) * 1024, r.returncode, warned


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(HERE, "..", "..", "build"))
    ap.add_argument("--large", action="store_true", help="add the 10^7-instance size")
    ap.add_argument("--shape", choices=sorted(GEN), default="bgemm")
    ap.add_argument("--max-memory", type=int, help="the checks' max-memory in MB "
                    "(default: theirs, 700; 0: no limit)")
    ap.add_argument("--target", default="pto-runtime-41d5c94a",
                    help="wsp-check-fanin's target (default: %(default)s, counted reduced)")
    args = ap.parse_args()
    opt = os.path.join(args.build, "tools", "wsp-opt")
    sizes = SIZES[args.shape] if args.large else SIZES[args.shape][:-1]
    print(f"{'shape':<11} {'instances':>10} {'time s':>7} {'peak MB':>8} {'B/instance':>10}  note")
    base = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            text, instances = GEN[args.shape](n)
            path = os.path.join(tmp, "w.mlir")
            with open(path, "w") as f:
                f.write(text)
            secs, rss, rc, warned = measure(opt, path, instances, args.max_memory, args.target)
            if base is None:
                base = rss
            per = (rss - base) / instances if instances > 1 else 0.0
            note = "FAILED" if rc else ("warning" if warned else "checked")
            print(f"{args.shape:<11} {instances:>10} {secs:>7.2f} {rss / 2**20:>8.0f} {per:>10.0f}  {note}",
                  flush=True)


if __name__ == "__main__":
    main()
