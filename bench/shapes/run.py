#!/usr/bin/env python3
"""Compile time and peak memory per program shape and size, next to
mlir-opt-22's parse+verify+print of the same file (docs/performance.md).

For each shape (gen_shapes.py) and size N it measures, as the median of
--repeat runs (1 for N >= 10^5):

  wsp-opt      wsp-opt FILE --wsp-to-taskring -o /dev/null
  wsp-compile  wsp-compile FILE -o DIR   (parse to artifact)
  mlir-opt     mlir-opt-22 --irdl-file=dialect/wsp.irdl.mlir FILE -o /dev/null

with peak RSS (GNU time), the ratios wsp-opt/mlir-opt and wsp-compile/mlir-opt,
the same two ratios of CPU time (user + system: a shared machine's load
disturbs them less than wall time), the growth exponent of each tool between
successive sizes (log-log slope of the wall time; 1.00 = linear) and, with --stages, the per-pass times of one
extra `wsp-opt --mlir-timing` run (its "Rest" row is parsing, printing and
the context: everything outside the passes).

  bench/shapes/run.py --quick                 # N = 10^3, 10^4: about a minute
  bench/shapes/run.py --sizes 1e4,1e5 --shapes flat,nest --stages
  bench/shapes/run.py --sizes 1e5,1e6 --repeat 1

The machine may be shared: wall times are noisy, so medians are printed and
exponents below ~1.15 are not distinguishable from linear at 2 sizes.
Benchmarks are measurements, never test assertions.
"""
import argparse
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHAPES = ["flat", "nest", "deep", "kernels", "tensors", "interleave", "procs"]
# interleave compiles for pto-runtime 41d5c94a unless --target says otherwise.
# On the default target, simpler 6ebaf771, its tensormap_and_ringbuffer
# finds every earlier row writer of t, so the program is invalid past 16 448
# iterations (64 + the default dep pool of 16 384 producers), and
# wsp-check-fanin, which counts what that TensorMap finds, grows with the
# square of the iterations until it rejects it (docs/performance.md, F1).
# 41d5c94a's TensorMap limit is checked on the reduced graph, linear here.
SHAPE_TARGET = {"interleave": "pto-runtime-41d5c94a"}


def run_timed(cmd):
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one run;
    raises on failure."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as tf:
        t0 = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", tf.name] + cmd,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
        user, system, rss = tf.read().strip().splitlines()[-1].split()
    return wall, float(user) + float(system), int(rss) / 1024.0


def measure_all(jobs, repeat):
    """Runs the (cmd, cleanup) jobs `repeat` times, interleaved so that a load
    change hits every tool alike; per job the median wall and CPU seconds and
    the largest peak RSS."""
    runs = [[] for _ in jobs]
    for _ in range(repeat):
        for i, (cmd, cleanup) in enumerate(jobs):
            if cleanup:
                cleanup()
            runs[i].append(run_timed(cmd))
    return [(statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs),
             max(r[2] for r in rs)) for rs in runs]


def stages(opt, program):
    proc = subprocess.run([opt, program, "--wsp-to-taskring", "--mlir-timing", "-o", os.devnull],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"\s+([0-9.]+) \(\s*[0-9.]+%\)\s+(\S+)$", line)
        if m and m.group(2) != "Total":
            rows.append((m.group(2), float(m.group(1))))
    return rows


def parse_sizes(text):
    return [int(float(s)) for s in text.split(",") if s]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.environ.get("WSP_BUILD_DIR", os.path.join(ROOT, "build")))
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--sizes", default="1e3,1e4,1e5")
    ap.add_argument("--quick", action="store_true", help="sizes 10^3 and 10^4")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--stages", action="store_true", help="per-pass times (one extra run)")
    ap.add_argument("--keep", help="keep the generated programs in this directory")
    ap.add_argument("--target", help="compile every shape for this target (default: simpler-6ebaf771, "
                    "interleave pto-runtime-41d5c94a)")
    args = ap.parse_args()
    sizes = parse_sizes("1e3,1e4" if args.quick else args.sizes)
    opt = os.path.join(args.build, "tools", "wsp-opt")
    compile_ = os.path.join(args.build, "tools", "wsp-compile")
    mlir_opt = shutil.which("mlir-opt-22") or "/usr/lib/llvm-22/bin/mlir-opt"
    irdl = os.path.join(ROOT, "dialect", "wsp.irdl.mlir")
    for tool in (opt, compile_, "/usr/bin/time"):
        if not os.access(tool, os.X_OK):
            sys.exit(f"run.py: {tool} missing (scripts/build.sh; apt-get install time)")
    work = args.keep or tempfile.mkdtemp(prefix="wsp-shapes-")
    os.makedirs(work, exist_ok=True)
    print(f"# {os.cpu_count()} cpu(s); medians of {args.repeat} (1 for N >= 1e5); "
          f"load average {os.getloadavg()[0]:.1f} at start")
    print(f"{'shape':<14}{'N':>8}{'ops':>9} {'wsp-opt s':>10}{'MB':>6} {'compile s':>10}{'MB':>6} "
          f"{'mlir-opt s':>10}{'MB':>6} {'opt/mlir':>8} {'cmp/mlir':>8} {'cpu opt':>7} {'cpu cmp':>7}  "
          f"{'exp opt':>7} {'exp cmp':>7} {'exp mlir':>8}")
    try:
        for shape in args.shapes.split(","):
            prev = None
            for n in sizes:
                program = os.path.join(work, f"{shape}-{n}.mlir")
                subprocess.run([sys.executable, os.path.join(ROOT, "bench", "shapes", "gen_shapes.py"),
                                shape, str(n), "-o", program], check=True)
                ops = sum(1 for line in open(program) if "=" in line or '"wsp.' in line or "scf.for" in line)
                repeat = 1 if n >= 100000 else args.repeat
                artifact = os.path.join(work, "artifact")
                target = args.target or SHAPE_TARGET.get(shape)
                lower = ([f"--pass-pipeline=builtin.module(wsp-to-taskring{{target={target}}})"]
                         if target else ["--wsp-to-taskring"])
                t_opt, t_cmp, t_mlir = measure_all([
                    ([opt, program] + lower + ["-o", os.devnull], None),
                    ([compile_, program, "-o", artifact, "--force"]
                     + ([f"--target={target}"] if target else []),
                     lambda: shutil.rmtree(artifact, ignore_errors=True)),
                    ([mlir_opt, f"--irdl-file={irdl}", program, "-o", os.devnull], None),
                ], repeat)
                cur = (n, t_opt[0], t_cmp[0], t_mlir[0])
                exps = ["-", "-", "-"]
                if prev:
                    exps = [f"{math.log(cur[i] / prev[i]) / math.log(cur[0] / prev[0]):.2f}"
                            for i in (1, 2, 3)]
                label = shape + ("@41d" if target == "pto-runtime-41d5c94a" else "")
                print(f"{label:<14}{n:>8}{ops:>9} {t_opt[0]:>10.3f}{t_opt[2]:>6.0f} "
                      f"{t_cmp[0]:>10.3f}{t_cmp[2]:>6.0f} {t_mlir[0]:>10.3f}{t_mlir[2]:>6.0f} "
                      f"{t_opt[0] / t_mlir[0]:>8.2f} {t_cmp[0] / t_mlir[0]:>8.2f} "
                      f"{t_opt[1] / t_mlir[1]:>7.2f} {t_cmp[1] / t_mlir[1]:>7.2f}  "
                      f"{exps[0]:>7} {exps[1]:>7} {exps[2]:>8}", flush=True)
                if args.stages:
                    print("    stages (s): " + ", ".join(f"{k} {v:.3f}" for k, v in stages(opt, program)),
                          flush=True)
                prev = cur
                if not args.keep:
                    os.remove(program)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("# exp: log-log growth of the wall time from the previous size (1.00 = linear); "
          "ops: lines defining a value, wsp ops and loops (about the op count); "
          "cpu opt, cpu cmp: the ratios of CPU time (user + system), which a loaded machine "
          "disturbs less than wall time")


if __name__ == "__main__":
    main()
