"""Runs the bundled examples on pto-runtime's simulator (a2a3sim), on both
runtimes, and asserts the runtime's own runner prints TEST PASSED.

Needs a checkout of pto-runtime at 41d5c94a and of pto-isa (see
docs/running-on-pto-runtime.md): set PTO_RUNTIME_ROOT and PTO_ISA_ROOT,
otherwise every test is skipped. The runner needs torch in the Python that
runs it (PTO_PYTHON, default: this interpreter). Each run rebuilds the
runtime, about 15 s.

Examples are compiled with wsp-compile (the wsp-to-taskring pipeline); a
build without that pipeline falls back to the hand-lowered taskring inputs
under test/Emit/Inputs and wsp-translate.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ["scale", "add", "bgemm", "softmax"]
RUNTIMES = ["tensormap_and_ringbuffer", "host_build_graph"]
RUNTIME_ROOT = os.environ.get("PTO_RUNTIME_ROOT")
ISA_ROOT = os.environ.get("PTO_ISA_ROOT")

pytestmark = pytest.mark.skipif(
    not (RUNTIME_ROOT and ISA_ROOT),
    reason="set PTO_RUNTIME_ROOT (pto-runtime checkout at 41d5c94a) and PTO_ISA_ROOT (pto-isa) "
           "to run emitted artifacts on a2a3sim; see docs/running-on-pto-runtime.md")


def has_pipeline(build_dir, name):
    out = subprocess.run([str(build_dir / "tools" / "wsp-opt"), "--list-passes"],
                         capture_output=True, text=True, check=True).stdout
    return re.search(rf"^\s+{re.escape(name)}\s", out, re.M) is not None


def emit(build_dir, example, runtime, out):
    golden = ROOT / "examples" / example / "golden.py"
    if has_pipeline(build_dir, "wsp-to-taskring"):
        cmd = [str(build_dir / "tools" / "wsp-compile"), str(ROOT / "examples" / example / f"{example}.mlir"),
               "-o", str(out), f"--runtime={runtime}", "--golden", str(golden)]
    else:
        text = (ROOT / "test" / "Emit" / "Inputs" / f"{example}.taskring.mlir").read_text()
        if runtime == "host_build_graph":
            text = text.replace('"tensormap_and_ringbuffer"', '"host_build_graph"')
            text = text.replace("aicpu_threads = 4", "aicpu_threads = 3")
        lowered = out.parent / f"{example}-{runtime}.mlir"
        lowered.write_text(text)
        cmd = [str(build_dir / "tools" / "wsp-translate"), "--taskring-to-pto-runtime",
               str(lowered), "-o", str(out), "--golden", str(golden)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def runner_env(tmp_path):
    """The runner compiles sim kernels with `g++-15`; g++ 12 works under that
    name (reference/pto-runtime.md §2.5), so a shim directory provides it
    when the system has none."""
    env = dict(os.environ, PTO_ISA_ROOT=ISA_ROOT)
    if shutil.which("g++-15") is None:
        shim = tmp_path / "gxx15"
        shim.mkdir(exist_ok=True)
        (shim / "g++-15").symlink_to(shutil.which("g++"))
        env["PATH"] = f"{shim}{os.pathsep}{env['PATH']}"
    return env


@pytest.mark.parametrize("runtime", RUNTIMES)
@pytest.mark.parametrize("example", EXAMPLES)
def test_example_passes_on_a2a3sim(build_dir, tmp_path, example, runtime):
    out = tmp_path / "artifact"
    emit(build_dir, example, runtime, out)
    python = os.environ.get("PTO_PYTHON", sys.executable)
    runner = pathlib.Path(RUNTIME_ROOT) / "examples" / "scripts" / "run_example.py"
    result = subprocess.run(
        [python, str(runner), "-k", str(out / "kernels"), "-g", str(out / "golden.py"),
         "-p", "a2a3sim"],
        cwd=RUNTIME_ROOT, env=runner_env(tmp_path), capture_output=True, text=True,
        timeout=600, check=False)
    log = result.stdout + result.stderr
    assert result.returncode == 0 and "TEST PASSED" in log, log[-4000:]
