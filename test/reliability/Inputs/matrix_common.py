"""What stage_matrix.py and view_matrix.py share: the targets and runtime flavors every
program wsp-verify accepts must compile for, and running a tool on one case."""
import subprocess
import sys

TARGETS = ["pto-runtime-41d5c94a", "simpler-6ebaf771"]
RUNTIMES = ["tensormap_and_ringbuffer", "host_build_graph"]


def run(argv):
    """(exit status, stderr) of a tool that must either succeed or report an error
    (status 1); anything else (a crash, a signal) ends the whole matrix."""
    p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    if p.returncode not in (0, 1):
        who = sys.argv[0].rsplit("/", 1)[-1].removesuffix(".py")
        raise SystemExit(f"{who}: FAIL: {argv} exited with {p.returncode}: {p.stderr}")
    return p.returncode, p.stderr


def finish(failures):
    """Prints each failure (FileCheck's CHECK-NOT: FAIL sees them) and exits 1 if any."""
    who = sys.argv[0].rsplit("/", 1)[-1].removesuffix(".py")
    for f in failures:
        print(f"{who}: FAIL: {f}")
    sys.exit(1 if failures else 0)
