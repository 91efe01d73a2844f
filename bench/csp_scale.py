#!/usr/bin/env python3
"""Static CSP analysis time against the number of processes (docs/csp.md,
Complexity).

    bench/csp_scale.py [P ...]        default P: 1000 10000 40000 100000

For each P, writes a program with P producer processes, spawned by the
workload with their index: producer i writes tile i of 'y' and sends i on
the shared channel 'tiles' (capacity 4); one consumer receives until the
channel is closed (an scf.while) and copies each tile to 'z'. Then it times
wsp-opt running wsp-verify, wsp-check-deadlock and wsp-check-races (the
analyses of the default pipeline that interpret the processes) and prints
seconds, microseconds per process, and the log-log slope between successive
P (1.0 = linear). The producers all block on the one full channel, so a
scheduler that rescans every process at each switch is quadratic here.

Environment: WSP_BUILD_DIR (default build/)."""
import math
import os
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD = pathlib.Path(os.environ.get("WSP_BUILD_DIR", ROOT / "build"))
TILE = "memref<1x8xf32, strided<[8, 1], offset: ?>>"


def program(p: int) -> str:
    return f"""
func.func private @mark(%t: {TILE}) attributes {{wsp.kernel = "aiv", wsp.access = ["out"], wsp.source = "mark.cpp"}}
func.func private @copy(%a: {TILE}, %b: {TILE}) attributes {{wsp.kernel = "aiv", wsp.access = ["in", "out"], wsp.source = "copy.cpp"}}
func.func @producer(%out: !wsp.channel<i64>, %y: memref<{p}x8xf32>, %i: index)
    attributes {{wsp.process, wsp.access = ["out", "out", "scalar"]}} {{
  %v = memref.subview %y[%i, 0] [1, 8] [1, 1] : memref<{p}x8xf32> to {TILE}
  %a = "wsp.out"(%v) : ({TILE}) -> !wsp.arg
  %h = "wsp.task"(%a) {{kernel = @mark}} : (!wsp.arg) -> !wsp.handle
  %t = arith.index_cast %i : index to i64
  "wsp.send"(%out, %t, %h) : (!wsp.channel<i64>, i64, !wsp.handle) -> ()
  return
}}
func.func @consumer(%in: !wsp.channel<i64>, %y: memref<{p}x8xf32>, %z: memref<{p}x8xf32>)
    attributes {{wsp.process, wsp.access = ["in", "in", "out"]}} {{
  %r = scf.while : () -> i64 {{
    %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
    scf.condition(%ok) %tok : i64
  }} do {{
  ^bb0(%t: i64):
    %i = arith.index_cast %t : i64 to index
    %yv = memref.subview %y[%i, 0] [1, 8] [1, 1] : memref<{p}x8xf32> to {TILE}
    %zv = memref.subview %z[%i, 0] [1, 8] [1, 1] : memref<{p}x8xf32> to {TILE}
    %a = "wsp.in"(%yv) : ({TILE}) -> !wsp.arg
    %b = "wsp.out"(%zv) : ({TILE}) -> !wsp.arg
    %h = "wsp.task"(%a, %b) {{kernel = @copy}} : (!wsp.arg, !wsp.arg) -> !wsp.handle
    scf.yield
  }}
  return
}}
func.func @main(%y: memref<{p}x8xf32> {{wsp.name = "y"}}, %z: memref<{p}x8xf32> {{wsp.name = "z"}})
    attributes {{wsp.workload}} {{
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cp = arith.constant {p} : index
  %c = "wsp.create_channel"() {{name = "tiles", capacity = 4 : i64}} : () -> !wsp.channel<i64>
  %o = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %ya = "wsp.out"(%y) : (memref<{p}x8xf32>) -> !wsp.arg
  scf.for %i = %c0 to %cp step %c1 {{
    %s = "wsp.scalar"(%i) : (index) -> !wsp.arg
    "wsp.spawn"(%o, %ya, %s) {{process = @producer}} : (!wsp.arg, !wsp.arg, !wsp.arg) -> ()
  }}
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  %yi = "wsp.in"(%y) : (memref<{p}x8xf32>) -> !wsp.arg
  %zo = "wsp.out"(%z) : (memref<{p}x8xf32>) -> !wsp.arg
  "wsp.spawn"(%q, %yi, %zo) {{process = @consumer}} : (!wsp.arg, !wsp.arg, !wsp.arg) -> ()
  return
}}
"""


def main() -> int:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000, 40000, 100000]
    opt = BUILD / "tools" / "wsp-opt"
    passes = ",".join(f"{name}{{max-tasks=1000000}}" if name != "wsp-verify" else name
                      for name in ("wsp-verify", "wsp-check-deadlock", "wsp-check-races"))
    print(f"{'P':>8} {'seconds':>9} {'us/process':>11} {'slope':>6}")
    previous = None
    with tempfile.TemporaryDirectory() as tmp:
        for p in sizes:
            src = pathlib.Path(tmp) / f"csp_{p}.mlir"
            src.write_text(program(p))
            start = time.perf_counter()
            run = subprocess.run([str(opt), str(src), f"--pass-pipeline=builtin.module({passes})",
                                  "-o", os.devnull], capture_output=True, text=True, check=False)
            seconds = time.perf_counter() - start
            if run.returncode != 0 or run.stderr:
                print(run.stderr[:2000], file=sys.stderr)
                return 1
            slope = ""
            if previous:
                slope = f"{math.log(seconds / previous[1]) / math.log(p / previous[0]):.2f}"
            print(f"{p:>8} {seconds:>9.3f} {1e6 * seconds / p:>11.1f} {slope:>6}", flush=True)
            previous = (p, seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
