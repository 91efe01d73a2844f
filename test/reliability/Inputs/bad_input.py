#!/usr/bin/env python3
"""Runs the compiler's tools on an input that must be rejected, and checks the
contract every rejection keeps:

  - exit status exactly 1: not 0, not a signal (crash), not a hang (timeout);
  - no sanitizer report on stderr (an ASan build exits 1 on a report too);
  - at least one `error:` on stderr, located (`FILE:LINE:COL: error:`) unless
    --unlocated says the input has no location to give (e.g. a missing file);
  - no output: wsp-opt prints nothing on stdout, and wsp-compile leaves neither
    the artifact directory nor a `<dir>.tmp.*` staging directory behind.

It then prints each tool's stderr under a `== <tool>: exit <status>` header,
for FileCheck to match the message.

Usage: bad_input.py [options] FILE [-- wsp-opt arguments]
  --tools=wsp-opt,wsp-compile   which tools to run (default both; wsp-compile
                                is skipped when it is not built)
  --unlocated                   accept an error without FILE:LINE:COL
  --opt-output=PATH             wsp-opt writes -o PATH (default: a scratch file)
  --compile-output=PATH         wsp-compile writes -o PATH (default: scratch dir)
  --lenient-opt-output          do not require that a failing `wsp-opt -o` leaves
                                no file (the check is on by default)
  --timeout=SECONDS             per run (default 120)
The wsp-opt arguments default to --wsp-to-taskring.

A failing `wsp-opt -o FILE` must not create FILE (docs/reliability.md, B6:
it did until the fix; test/reliability/output-on-error.mlir).
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

SANITIZER = re.compile(r"ERROR: (Address|Leak|Memory|Thread|UndefinedBehavior)Sanitizer|"
                       r"runtime error:|SUMMARY: \w+Sanitizer|==\d+==ERROR")


def fail(message):
    print(f"bad_input: FAIL: {message}")
    return False


def run(argv, timeout):
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        err = (e.stderr or b"").decode("utf-8", "replace")
        return None, "", err


def check_common(tool, status, stderr, path, opts):
    ok = True
    if status is None:
        ok = fail(f"{tool} did not finish within {opts['timeout']} s (a hang)")
    elif status < 0:
        ok = fail(f"{tool} died of signal {-status} (a crash)")
    elif status != 1:
        ok = fail(f"{tool} exited with status {status}, expected 1")
    if SANITIZER.search(stderr):
        ok = fail(f"{tool} printed a sanitizer report")
    if "error:" not in stderr:
        ok = fail(f"{tool} printed no error")
    elif not opts["unlocated"]:
        located = re.compile(re.escape(path) + r":\d+:\d+: error: ")
        if not located.search(stderr):
            ok = fail(f"{tool}'s error is not located as {path}:LINE:COL")
    return ok


def main():
    args = sys.argv[1:]
    extra = []
    if "--" in args:
        i = args.index("--")
        args, extra = args[:i], args[i + 1:]
    opts = {"tools": ["wsp-opt", "wsp-compile"], "unlocated": False, "opt_output": None,
            "compile_output": None, "strict_opt_output": True, "timeout": 120}
    files = []
    for a in args:
        if a.startswith("--tools="):
            opts["tools"] = a.split("=", 1)[1].split(",")
        elif a == "--unlocated":
            opts["unlocated"] = True
        elif a.startswith("--opt-output="):
            opts["opt_output"] = a.split("=", 1)[1]
        elif a.startswith("--compile-output="):
            opts["compile_output"] = a.split("=", 1)[1]
        elif a == "--strict-opt-output":  # the default; kept for old RUN lines
            opts["strict_opt_output"] = True
        elif a == "--lenient-opt-output":
            opts["strict_opt_output"] = False
        elif a.startswith("--timeout="):
            opts["timeout"] = float(a.split("=", 1)[1])
        else:
            files.append(a)
    if len(files) != 1:
        print(__doc__)
        return 2
    path = files[0]
    extra = extra or ["--wsp-to-taskring"]
    ok = True
    scratch = tempfile.mkdtemp(prefix="wsp-bad-input-")
    try:
        if "wsp-opt" in opts["tools"]:
            out = opts["opt_output"] or os.path.join(scratch, "out.mlir")
            existed = os.path.exists(out)
            status, stdout, stderr = run(["wsp-opt", path, *extra, "-o", out], opts["timeout"])
            print(f"== wsp-opt: exit {status}")
            sys.stdout.write(stderr)
            ok &= check_common("wsp-opt", status, stderr, path, opts)
            if stdout:
                ok &= fail(f"wsp-opt printed {len(stdout)} bytes on stdout")
            if opts["strict_opt_output"] and not existed and os.path.exists(out):
                ok &= fail(f"wsp-opt failed but left its output file ({os.path.getsize(out)} bytes)")
            # Without -o, nothing may reach stdout either (skipped after a hang
            # or crash: it would only repeat it).
            stdout2 = ""
            if status is not None and status >= 0:
                _, stdout2, _ = run(["wsp-opt", path, *extra], opts["timeout"])
            if stdout2:
                ok &= fail(f"wsp-opt (to stdout) printed {len(stdout2)} bytes though it failed")
        if "wsp-compile" in opts["tools"] and shutil.which("wsp-compile"):
            out = opts["compile_output"] or os.path.join(scratch, "artifact")
            existed = os.path.exists(out)
            status, stdout, stderr = run(["wsp-compile", path, "-o", out], opts["timeout"])
            print(f"== wsp-compile: exit {status}")
            sys.stdout.write(stderr)
            ok &= check_common("wsp-compile", status, stderr, path, opts)
            if not existed and os.path.exists(out):
                ok &= fail(f"wsp-compile failed but left {out}")
            leftovers = glob.glob(glob.escape(out) + ".tmp.*") + glob.glob(glob.escape(out) + ".old.*")
            if leftovers:
                ok &= fail(f"wsp-compile left staging directories: {leftovers}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("bad_input: ok" if ok else "bad_input: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
