"""Runs a command and succeeds only if it exits with the given status.

Usage (in a RUN line): %python %S/Inputs/exit-code.py <status> <command> [args...]

`not` accepts any failing status; this pins the exact one (wsp-opt reports
every ordinary error with status 1). The command's output passes through
unchanged.
"""
import subprocess
import sys

expected = int(sys.argv[1])
status = subprocess.run(sys.argv[2:]).returncode
if status != expected:
    sys.stderr.write(f"exit-code.py: expected exit status {expected}, got {status}\n")
    sys.exit(1)
