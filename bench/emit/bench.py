#!/usr/bin/env python3
"""Emitter benchmarks (not a test).

1. Compile time per task op: wsp-compile on synthetic programs of N independent
   `wsp.task` ops (straight-line, static offsets), for growing N, both runtimes.
2. With PTO_RUNTIME_ROOT (and PTO_ISA_ROOT) set: wall time on a2a3sim of the
   emitted scale and bgemm artifacts next to the runtime's own vector_example
   and bgemm, as a ratio. Two times per run: the whole runner (dominated by
   rebuilding the runtime and compiling kernels) and the launch (from
   "=== Launching Runtime ===" to "Launch completed successfully"), which is
   where the orchestration and kernels run. The workloads differ in size
   (printed), so the ratio is a sanity check of overheads, not a speedup.

Usage: bench/emit/bench.py [--build build] [--sizes 64,256,1024] [--runs 1]
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]


def synthetic_program(n):
    """n independent tasks of a 16x16 scale kernel over n row tiles (offsets
    are index constants, so views have the kernel's dynamic-offset layout)."""
    lines = [
        "func.func @scale(%x: memref<16x16xf32, strided<[16, 1], offset: ?>>,",
        "                 %y: memref<16x16xf32, strided<[16, 1], offset: ?>>, %s: f32)",
        '    attributes {wsp.kernel = "aiv", wsp.access = ["in", "out", "scalar"]} {',
        "  %c0 = arith.constant 0 : index", "  %c1 = arith.constant 1 : index",
        "  %c16 = arith.constant 16 : index",
        "  scf.for %i = %c0 to %c16 step %c1 {", "    scf.for %j = %c0 to %c16 step %c1 {",
        "      %v = memref.load %x[%i, %j] : memref<16x16xf32, strided<[16, 1], offset: ?>>",
        "      %r = arith.mulf %v, %s : f32",
        "      memref.store %r, %y[%i, %j] : memref<16x16xf32, strided<[16, 1], offset: ?>>",
        "    }", "  }", "  return", "}",
        f'func.func @main(%x: memref<{16 * n}x16xf32> {{wsp.name = "x"}}, '
        f'%y: memref<{16 * n}x16xf32> {{wsp.name = "y"}}, %s: f32 {{wsp.name = "s"}}) '
        "attributes {wsp.workload} {",
    ]
    t = f"memref<{16 * n}x16xf32>"
    v = "memref<16x16xf32, strided<[16, 1], offset: ?>>"
    for i in range(n):
        lines += [
            f"  %o{i} = arith.constant {16 * i} : index",
            f"  %xv{i} = memref.subview %x[%o{i}, 0] [16, 16] [1, 1] : {t} to {v}",
            f"  %yv{i} = memref.subview %y[%o{i}, 0] [16, 16] [1, 1] : {t} to {v}",
            f'  %a{i} = "wsp.in"(%xv{i}) : ({v}) -> !wsp.arg',
            f'  %b{i} = "wsp.out"(%yv{i}) : ({v}) -> !wsp.arg',
            f'  %c{i} = "wsp.scalar"(%s) : (f32) -> !wsp.arg',
            f'  %h{i} = "wsp.task"(%a{i}, %b{i}, %c{i}) {{kernel = @scale}} : '
            "(!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle",
        ]
    lines += ["  return", "}"]
    return "\n".join(lines) + "\n"


def compile_times(build, sizes, runs):
    print("== compile time per task op (wsp-compile, synthetic straight-line programs)")
    print(f"{'runtime':<26} {'tasks':>6} {'seconds':>9} {'ms/task':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for n in sizes:
            src = tmp / f"synthetic{n}.mlir"
            src.write_text(synthetic_program(n))
            for runtime in ("tensormap_and_ringbuffer", "host_build_graph"):
                best = None
                for _ in range(runs):
                    out = tmp / f"out{n}-{runtime}"
                    start = time.perf_counter()
                    r = subprocess.run([str(build / "tools" / "wsp-compile"), str(src), "-o", str(out),
                                        f"--runtime={runtime}", "--force"],
                                       capture_output=True, text=True, check=False)
                    elapsed = time.perf_counter() - start
                    if r.returncode != 0:
                        print(f"{runtime:<26} {n:>6}  failed: {r.stderr.strip()[:200]}")
                        break
                    best = elapsed if best is None else min(best, elapsed)
                if best is not None:
                    print(f"{runtime:<26} {n:>6} {best:>9.3f} {1000 * best / n:>9.3f}")


def run_example(kernels, golden, env, runtime_root):
    """(total seconds, launch seconds) of one run_example.py run, or None."""
    python = os.environ.get("PTO_PYTHON", sys.executable)
    cmd = [python, str(runtime_root / "examples" / "scripts" / "run_example.py"),
           "-k", str(kernels), "-g", str(golden), "-p", "a2a3sim"]
    start = time.perf_counter()
    launch_start = launch_end = None
    passed = False
    proc = subprocess.Popen(cmd, cwd=runtime_root, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    for line in proc.stdout:
        now = time.perf_counter()
        if "=== Launching Runtime ===" in line:
            launch_start = now
        elif "Launch completed successfully" in line:
            launch_end = now
        elif "TEST PASSED" in line:
            passed = True
    proc.wait()
    total = time.perf_counter() - start
    if proc.returncode != 0 or not passed or launch_start is None or launch_end is None:
        return None
    return total, launch_end - launch_start


# The runtime's own examples read Tensor.nbytes, which Debian's torch 1.13 lacks;
# a sitecustomize on PYTHONPATH adds it to the runner's interpreter only.
TORCH_NBYTES_SHIM = """try:
    import torch
    if not hasattr(torch.Tensor, "nbytes"):
        torch.Tensor.nbytes = property(lambda t: t.element_size() * t.numel())
except ImportError:
    pass
"""


def runtime_times(build, runs):
    runtime_root = pathlib.Path(os.environ["PTO_RUNTIME_ROOT"])
    env = dict(os.environ)
    shim_dir = pathlib.Path(tempfile.mkdtemp())
    (shim_dir / "sitecustomize.py").write_text(TORCH_NBYTES_SHIM)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(shim_dir), env.get("PYTHONPATH")]))
    if shutil.which("g++-15") is None:  # the runner's sim kernel compiler; g++ 12 works under that name
        shim = pathlib.Path(tempfile.mkdtemp()) / "gxx15"
        shim.mkdir()
        (shim / "g++-15").symlink_to(shutil.which("g++"))
        env["PATH"] = f"{shim}{os.pathsep}{env['PATH']}"
    pairs = [("scale", "vector_example"), ("bgemm", "bgemm")]
    print("\n== a2a3sim wall time: emitted artifact vs the runtime's own example")
    print(f"{'runtime':<26} {'wsp / runtime example':<26} {'total s':>16} {'launch s':>18} {'launch ratio':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for runtime in ("tensormap_and_ringbuffer", "host_build_graph"):
            for ours, theirs in pairs:
                out = tmp / f"{ours}-{runtime}"
                r = subprocess.run([str(build / "tools" / "wsp-compile"),
                                    str(ROOT / "examples" / ours / f"{ours}.mlir"), "-o", str(out),
                                    f"--runtime={runtime}", "--target=pto-runtime-41d5c94a",
                                    "--golden", str(ROOT / "examples" / ours / "golden.py")],
                                   capture_output=True, text=True, check=False)
                if r.returncode != 0:
                    print(f"{runtime:<26} {ours}: wsp-compile failed: {r.stderr.strip()[:200]}")
                    continue
                ref = runtime_root / "examples" / runtime / theirs
                a = [run_example(out / "kernels", out / "golden.py", env, runtime_root) for _ in range(runs)]
                b = [run_example(ref / "kernels", ref / "golden.py", env, runtime_root) for _ in range(runs)]
                if None in a or None in b:
                    print(f"{runtime:<26} {ours} / {theirs}: a run failed")
                    continue
                ta, la = min(x[0] for x in a), min(x[1] for x in a)
                tb, lb = min(x[0] for x in b), min(x[1] for x in b)
                print(f"{runtime:<26} {ours + ' / ' + theirs:<26} {ta:>7.2f} / {tb:<7.2f} "
                      f"{la:>8.3f} / {lb:<8.3f} {la / lb:>12.2f}")
    print("(workloads differ: wsp scale = 4 tasks on 64x64, bgemm = 8 tasks on 64x64 with 32x32 tiles;"
          " see the runtime examples' golden.py for theirs)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.environ.get("WSP_BUILD_DIR", str(ROOT / "build")))
    parser.add_argument("--sizes", default="64,256,1024")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    build = pathlib.Path(args.build)
    compile_times(build, [int(s) for s in args.sizes.split(",")], args.runs)
    if os.environ.get("PTO_RUNTIME_ROOT"):
        runtime_times(build, args.runs)
    else:
        print("\n(set PTO_RUNTIME_ROOT and PTO_ISA_ROOT to time artifacts on a2a3sim)")


if __name__ == "__main__":
    main()
