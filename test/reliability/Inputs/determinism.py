#!/usr/bin/env python3
"""Compiles every example twice, from two different working directories, and
requires identical results: wsp-opt's output, status and diagnostics, and
(when wsp-compile is built) the two artifact directories byte for byte.

Each run is a new process, so pointer values (address-space layout
randomisation), allocation order and the working directory all differ: any
output that depends on a hash of pointers, on uninitialised memory or on the
current directory shows up as a difference.

Usage: determinism.py SCRATCH EXAMPLES_DIR [wsp-opt pipeline args...]
The pipeline defaults to --wsp-to-taskring.
"""
import filecmp
import glob
import os
import shutil
import subprocess
import sys


def run(argv, cwd):
    p = subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


def tree(root):
    """Relative path -> bytes for every file under root."""
    out = {}
    for dirpath, _, files in os.walk(root):
        for f in files:
            path = os.path.join(dirpath, f)
            out[os.path.relpath(path, root)] = open(path, "rb").read()
    return out


def main():
    scratch, examples = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    pipeline = sys.argv[3:] or ["--wsp-to-taskring"]
    shutil.rmtree(scratch, ignore_errors=True)
    dirs = [os.path.join(scratch, "first"), os.path.join(scratch, "second", "nested")]
    for d in dirs:
        os.makedirs(d)
    inputs = sorted(glob.glob(os.path.join(examples, "*", "*.mlir")))
    compile_too = shutil.which("wsp-compile") is not None
    ok, compiled = True, 0
    for path in inputs:
        name = os.path.relpath(path, examples)
        results = [run(["wsp-opt", path, *pipeline], cwd=d) for d in dirs]
        if results[0] != results[1]:
            print(f"determinism: FAIL: wsp-opt {name}: the two runs differ "
                  f"(status {results[0][0]} vs {results[1][0]})")
            ok = False
        else:
            print(f"{name} wsp-opt: exit {results[0][0]}, {len(results[0][1])} bytes, same twice")
        if not compile_too:
            continue
        golden = os.path.join(os.path.dirname(path), "golden.py")
        extra = ["--golden", golden] if os.path.exists(golden) else []
        statuses = []
        for d in dirs:
            # Different output names too: nothing in the artifact may record it.
            status, _, err = run(["wsp-compile", path, "-o", os.path.join(d, "artifact"), *extra], cwd=d)
            statuses.append((status, err))
        if statuses[0] != statuses[1]:
            print(f"determinism: FAIL: wsp-compile {name}: the two runs differ")
            ok = False
        elif statuses[0][0] == 0:
            a, b = (tree(os.path.join(d, "artifact")) for d in dirs)
            if a != b:
                differing = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
                print(f"determinism: FAIL: wsp-compile {name}: artifacts differ in {differing}")
                ok = False
            else:
                compiled += 1
                print(f"{name} wsp-compile: {len(a)} files, same twice")
        for d in dirs:
            shutil.rmtree(os.path.join(d, "artifact"), ignore_errors=True)
    print(f"determinism: {len(inputs)} examples, {compiled} artifacts, "
          + ("all identical" if ok else "FAILED"))
    return 0 if ok and inputs else 1


if __name__ == "__main__":
    sys.exit(main())
