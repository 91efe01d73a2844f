"""CSP on simpler 6ebaf771 at run time: a deadlock the compiler cannot prove absent is
reported by the emitted orchestration, in the compile-time report's words, and the run
stops instead of hanging (docs/csp.md, "Deadlocks"). The same program runs on pto-runtime
41d5c94a in test_emit_runtime.py. Needs SIMPLER_ROOT and PTO_ISA_ROOT (see
docs/running-on-simpler.md); skipped without them."""
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import wsp  # noqa: E402
from test_emit_runtime import DEADLOCK_GOLDEN, DEADLOCK_PROGRAM  # noqa: E402

pytestmark = pytest.mark.skipif(
    not (os.environ.get("SIMPLER_ROOT") and os.environ.get("PTO_ISA_ROOT")),
    reason="set SIMPLER_ROOT and PTO_ISA_ROOT (simpler at 6ebaf771 built for a2a3sim, "
    "pto-isa at its pto_isa.pin; see docs/running-on-simpler.md) to run artifacts on "
    "simpler's a2a3sim")


@pytest.mark.parametrize("flavor", ["tensormap_and_ringbuffer", "host_build_graph"])
def test_dynamic_deadlock_is_reported_on_simpler(build_dir, tmp_path, flavor):
    src = tmp_path / "deadlock.mlir"
    src.write_text(DEADLOCK_PROGRAM)
    golden = tmp_path / "golden.py"
    golden.write_text(DEADLOCK_GOLDEN)
    art = wsp.compile(src, tmp_path / "artifact", runtime=flavor, golden=golden,
                      target="simpler-6ebaf771")
    assert any("deadlock freedom is not checked at compile time" in d.message
               for d in art.warnings)
    test = next(art.path.glob("test_*.py"))
    run = subprocess.run([sys.executable, str(test), "-p", "a2a3sim"], cwd="/",
                         capture_output=True, text=True, timeout=600, check=False)
    log = run.stdout + run.stderr
    assert run.returncode != 0, log[-4000:]
    assert ("deadlock: every process that has not returned is blocked: "
            "'ping' #0 waits at wsp.recv (") in log, log[-4000:]
    assert ("on channel 'pong2ping' (capacity 1, holding 0 tokens); 'ping' #1 waits at "
            "wsp.recv (") in log, log[-4000:]
    assert "no process can make progress; remedy: reorder the sends and recvs" in log
