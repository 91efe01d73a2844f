#!/usr/bin/env python3
"""Replays inputs through wsp-opt --wsp-to-taskring and wsp-compile and checks
the contract for *any* input, valid or not:

  - the tool ends (no hang) without a signal (no crash), with status 0 or 1;
  - no sanitizer report on stderr;
  - status 1 comes with an `error:`; unless the input has no location to give,
    a located one (`NAME:LINE:COL: error:`);
  - status 0 prints no `error:`;
  - wsp-compile with status 1 leaves no artifact directory behind.

Usage: replay.py [--timeout=S] [--no-compile] PATH...
  PATH is a file or a directory (every regular file in it, sorted).

Prints one line per input and tool: `<name> <tool>: exit <status>` plus the
first error, so FileCheck can pin what each input must produce; ends with
`replay: N inputs ok` or `replay: FAILED`.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SANITIZER = re.compile(r"ERROR: (Address|Leak|Memory|UndefinedBehavior)Sanitizer|runtime error:|"
                       r"SUMMARY: \w+Sanitizer|==\d+==ERROR")


def run(argv, timeout):
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        return p.returncode, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None, ""


def check(name, tool, status, stderr, path):
    problems = []
    if status is None:
        problems.append("hang (timeout)")
    elif status < 0:
        problems.append(f"crash (signal {-status})")
    elif status not in (0, 1):
        problems.append(f"exit status {status}")
    if SANITIZER.search(stderr):
        problems.append("sanitizer report")
    errors = [l for l in stderr.splitlines() if "error:" in l]
    if status == 1 and not errors:
        problems.append("status 1 without an error")
    if status == 1 and errors and not any(l.startswith(path + ":") and re.match(
            re.escape(path) + r":\d+:\d+: error:", l) for l in errors):
        problems.append("no located error")
    if status == 0 and errors:
        problems.append("status 0 with an error")
    first = errors[0].replace(path, name) if errors else ""
    print(f"{name} {tool}: exit {status} {first}".rstrip())
    for p in problems:
        print(f"replay: FAIL: {name} {tool}: {p}")
    return not problems


def main():
    timeout, compile_too, paths = 60.0, True, []
    for a in sys.argv[1:]:
        if a.startswith("--timeout="):
            timeout = float(a.split("=", 1)[1])
        elif a == "--no-compile":
            compile_too = False
        else:
            paths.append(a)
    inputs = []
    for p in paths:
        if os.path.isdir(p):
            inputs += sorted(os.path.join(p, f) for f in os.listdir(p)
                             if os.path.isfile(os.path.join(p, f)))
        else:
            inputs.append(p)
    if not inputs:
        print("replay: no inputs")
        return 1
    ok = True
    scratch = tempfile.mkdtemp(prefix="wsp-replay-")
    try:
        for path in inputs:
            name = os.path.basename(path)
            status, stderr = run(["wsp-opt", path, "--wsp-to-taskring", "-o", os.devnull], timeout)
            ok &= check(name, "wsp-opt", status, stderr, path)
            if compile_too and shutil.which("wsp-compile"):
                out = os.path.join(scratch, name + ".artifact")
                status, stderr = run(["wsp-compile", path, "-o", out], timeout)
                ok &= check(name, "wsp-compile", status, stderr, path)
                if status != 0 and os.path.exists(out):
                    print(f"replay: FAIL: {name} wsp-compile: failed but left {out}")
                    ok = False
                shutil.rmtree(out, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"replay: {len(inputs)} inputs ok" if ok else "replay: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
