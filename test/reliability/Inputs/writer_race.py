#!/usr/bin/env python3
"""Concurrent and interrupted writers of one artifact directory
(docs/reliability.md, "Output directories").

The artifact writer moves its staging directory into place under an exclusive
flock on the parent directory. Holding that lock here stops every writer right
after it has written `<out>.tmp.<pid>`, which makes the races and signals below
deterministic:

  race      N writers of one new output, released together: exactly one wins,
            the others fail naming the output; none leaves a staging directory.
  free-race N writers without the lock held: the same.
  force     N writers with --force: serialised, each replaces the artifact
            whole; the result is one complete artifact.
  SIGINT, SIGTERM
            the writer removes its staging directory and dies of the signal;
            the previous artifact is untouched.
  SIGKILL   the staging directory stays; the next writer removes it with a
            warning naming it and the dead pid.

Every wait is bounded; prints PASS lines, exits 1 on the first failure.
Usage: writer_race.py WSP_COMPILE PROGRAM SCRATCH_DIR
"""
import fcntl
import glob
import os
import shutil
import signal
import subprocess
import sys
import time

TIMEOUT = 60


def fail(message):
    print(f"writer_race: FAIL: {message}")
    sys.exit(1)


class ParentLock:
    def __init__(self, directory):
        self.fd = os.open(directory, os.O_RDONLY)
        fcntl.flock(self.fd, fcntl.LOCK_EX)

    def release(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def default_signals():
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)


def start(compiler, program, out, *extra):
    # lit may run us with SIGINT ignored, which children inherit (and wsp
    # keeps: an ignored signal interrupts nothing); give them the default.
    return subprocess.Popen([compiler, program, "-o", out, *extra], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=default_signals)


def wait_staged(procs, out):
    """Waits until each process has written its staging directory."""
    deadline = time.monotonic() + TIMEOUT
    for p in procs:
        staging = f"{out}.tmp.{p.pid}"
        while not os.path.isfile(os.path.join(staging, "manifest.json")):
            if p.poll() is not None:
                fail(f"writer {p.pid} ended ({p.returncode}) before staging: "
                     f"{p.stderr.read().decode()}")
            if time.monotonic() > deadline:
                fail(f"writer {p.pid} did not stage {staging} within {TIMEOUT} s")
            time.sleep(0.01)


def finish(procs):
    results = []
    for p in procs:
        try:
            stdout, stderr = p.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            p.kill()
            fail(f"writer {p.pid} did not finish within {TIMEOUT} s")
        results.append((p.returncode, stderr.decode()))
    return results


def no_staging(out, what):
    left = glob.glob(glob.escape(out) + ".tmp.*") + glob.glob(glob.escape(out) + ".old.*")
    if left:
        fail(f"{what}: staging left behind: {left}")


def complete_artifact(out, what):
    with open(os.path.join(out, "manifest.json")) as f:
        if '"abi": "wsp-' not in f.read():
            fail(f"{what}: {out}/manifest.json is not wsp's")
    if not os.path.isdir(os.path.join(out, "kernels")):
        fail(f"{what}: {out} has no kernels/")


def one_winner(results, out, what):
    winners = [r for r in results if r[0] == 0]
    if len(winners) != 1:
        fail(f"{what}: {len(winners)} writers succeeded: {results}")
    for status, stderr in results:
        if status not in (0, 1):
            fail(f"{what}: a writer exited with {status}: {stderr}")
        if status == 1 and f"{out}: error: " not in stderr:
            fail(f"{what}: a losing writer does not name the output: {stderr}")
    no_staging(out, what)
    complete_artifact(out, what)
    print(f"PASS {what}: 1 of {len(results)} writers won")


def main():
    compiler, program, scratch = sys.argv[1:4]
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    os.chdir(scratch)
    out = "out"

    lock = ParentLock(".")
    procs = [start(compiler, program, out) for _ in range(4)]
    wait_staged(procs, out)
    lock.release()
    one_winner(finish(procs), out, "race")

    shutil.rmtree(out)
    one_winner(finish([start(compiler, program, out) for _ in range(6)]), out, "free-race")

    results = finish([start(compiler, program, out, "--force") for _ in range(4)])
    if any(status != 0 for status, _ in results):
        fail(f"force: a writer failed: {results}")
    no_staging(out, "force")
    complete_artifact(out, "force")
    print(f"PASS force: {len(results)} writers replaced the artifact in turn")

    marker = os.path.join(out, "kernels", "marker")
    open(marker, "w").close()
    for sig in (signal.SIGINT, signal.SIGTERM):
        lock = ParentLock(".")
        p = start(compiler, program, out, "--force")
        wait_staged([p], out)
        p.send_signal(sig)
        status, _ = finish([p])[0]
        lock.release()
        if status != -sig:
            fail(f"{sig.name}: exit {status}, expected death by the signal")
        no_staging(out, sig.name)
        if not os.path.exists(marker):
            fail(f"{sig.name}: the previous artifact was changed")
        print(f"PASS {sig.name}: staging removed, previous artifact untouched")

    lock = ParentLock(".")
    p = start(compiler, program, out, "--force")
    wait_staged([p], out)
    p.kill()
    finish([p])
    lock.release()
    staging = f"{out}.tmp.{p.pid}"
    if not os.path.isdir(staging):
        fail("SIGKILL: no staging directory to clean up (test setup)")
    status, stderr = finish([start(compiler, program, out, "--force")])[0]
    expected = (f"{out}: warning: removed '{staging}', left behind by an interrupted wsp run "
                f"(pid {p.pid})")
    if status != 0 or expected not in stderr:
        fail(f"SIGKILL: the next writer exited {status} and said: {stderr!r}")
    no_staging(out, "SIGKILL")
    complete_artifact(out, "SIGKILL")
    if os.path.exists(marker):
        fail("SIGKILL: the next writer did not replace the artifact")
    print("PASS SIGKILL: the next writer removed the staging directory, with a warning")


if __name__ == "__main__":
    main()
