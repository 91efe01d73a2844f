#!/usr/bin/env python3
"""Compiles a copy of an example whose file name is not UTF-8 (byte 0xFF):
the name reaches manifest.json as the workload's source location, which JSON
cannot carry. Prints each run's status and stderr, and whether an artifact
was left behind.

Usage: utf8_file_name.py WSP_COMPILE EXAMPLE SCRATCH_DIR
"""
import os
import shutil
import subprocess
import sys

wsp_compile, example, scratch = sys.argv[1:4]
shutil.rmtree(scratch, ignore_errors=True)
os.makedirs(scratch)
src = os.path.join(os.fsencode(scratch), b"bad\xffname.mlir")
shutil.copyfile(example, src)
for target in ("pto-runtime-41d5c94a", "simpler-6ebaf771"):
    out = os.path.join(os.fsencode(scratch), target.encode())
    p = subprocess.run([os.fsencode(wsp_compile), src, b"-o", out, b"--target=" + target.encode()],
                       capture_output=True)
    print(f"== {target}: exit {p.returncode}")
    sys.stdout.write(p.stderr.decode("utf-8", "backslashreplace"))
    print(f"artifact left: {os.path.exists(out)}")
