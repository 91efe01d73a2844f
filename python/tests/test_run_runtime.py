"""wsp.run (python/wsp/runner.py): artifacts run by pto-runtime's own run_example.py on
a2a3sim. The real runs need a checkout of the pinned runtime and pto-isa
(PTO_RUNTIME_ROOT, PTO_ISA_ROOT) and are skipped without them; the environment checks
run everywhere."""
import importlib.util
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
# Every artifact here is for pto-runtime 41d5c94a (its run_example.py); simpler runs
# are in test_simpler_runtime.py.
TARGET = "pto-runtime-41d5c94a"
sys.path.insert(0, str(ROOT / "python"))

import wsp  # noqa: E402
from wsp.dsl import (dispatch, in_, inout, kernel, matmul, out, scalar, seq, task,  # noqa: E402
                     task_window, tensor, tile, workload)

HAVE_RUNTIME = bool(os.environ.get("PTO_RUNTIME_ROOT") and os.environ.get("PTO_ISA_ROOT"))
needs_runtime = pytest.mark.skipif(
    not HAVE_RUNTIME, reason="set PTO_RUNTIME_ROOT and PTO_ISA_ROOT (checkouts of pto-runtime at "
    "41d5c94a and pto-isa) to run artifacts on a2a3sim")


@pytest.fixture(autouse=True)
def _built(build_dir):
    pass


@kernel(core="aiv", access=["in", "out", "scalar"])
def scale(x, y, s):
    y[...] = x * s


@kernel(core="aic", access=["in", "in", "inout"])
def gemm_acc(a, b, c):
    c[...] += matmul(a, b)


def scale_workload():
    with workload("main") as w:
        x = tensor("x", (64, 64), np.float32)
        y = tensor("y", (64, 64), np.float32)
        s = scalar("s", np.float32)
        task_window(16)
        for t in seq(4):
            h = task(scale, in_(tile(x, (t * 16, 0), (16, 64))),
                     out(tile(y, (t * 16, 0), (16, 64))), scalar(s))
            dispatch(h, "affinity", 3, key=t)
    return w


def bgemm_workload():
    with workload("main") as w:
        A = tensor("A", (64, 64), np.float32)
        B = tensor("B", (64, 64), np.float32)
        C = tensor("C", (64, 64), np.float32)
        task_window(16)
        for m in seq(2):
            for n in seq(2):
                for k in seq(2):
                    task(gemm_acc, in_(tile(A, (m * 32, k * 32), (32, 32))),
                         in_(tile(B, (k * 32, n * 32), (32, 32))),
                         inout(tile(C, (m * 32, n * 32), (32, 32))))
    return w


@pytest.fixture(scope="module")
def scale_artifact(tmp_path_factory, build_dir):
    from wsp import _capi
    if not _capi.api().has_emit:
        pytest.skip("this libwsp has no emit API")
    return wsp.compile(scale_workload(), tmp_path_factory.mktemp("run") / "scale", target=TARGET)


# --- environment checks (no runtime needed) ---------------------------------------------

def test_missing_runtime_root_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.delenv("PTO_RUNTIME_ROOT", raising=False)
    with pytest.raises(wsp.RunError) as ei:
        wsp.check_environment()
    assert "PTO_RUNTIME_ROOT" in str(ei.value) and "41d5c94a" in str(ei.value)
    with pytest.raises(wsp.RunError) as ei:
        wsp.check_environment(runtime_root=tmp_path)
    assert "examples/scripts/run_example.py" in str(ei.value)


def test_missing_isa_root_is_a_clear_error(monkeypatch, tmp_path):
    fake = tmp_path / "rt"
    (fake / "examples" / "scripts").mkdir(parents=True)
    (fake / "examples" / "scripts" / "run_example.py").write_text("")
    monkeypatch.delenv("PTO_ISA_ROOT", raising=False)
    with pytest.raises(wsp.RunError) as ei:
        wsp.check_environment(runtime_root=fake)
    assert "PTO_ISA_ROOT" in str(ei.value)
    with pytest.raises(wsp.RunError) as ei:
        wsp.check_environment(runtime_root=fake, isa_root=tmp_path)
    assert "no include/" in str(ei.value)


def test_missing_gxx_is_a_clear_error(monkeypatch, tmp_path):
    fake = tmp_path / "rt"
    (fake / "examples" / "scripts").mkdir(parents=True)
    (fake / "examples" / "scripts" / "run_example.py").write_text("")
    (tmp_path / "isa" / "include").mkdir(parents=True)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(wsp.RunError) as ei:
        wsp.check_environment(runtime_root=fake, isa_root=tmp_path / "isa")
    assert "g++" in str(ei.value)


def test_bad_inputs_are_rejected_before_running(scale_artifact, monkeypatch, tmp_path):
    # a fake but complete environment: input validation happens before the runner starts
    fake = tmp_path / "rt"
    (fake / "examples" / "scripts").mkdir(parents=True)
    (fake / "examples" / "scripts" / "run_example.py").write_text("raise SystemExit(3)\n")
    (tmp_path / "isa" / "include").mkdir(parents=True)
    kw = dict(runtime_root=fake, isa_root=tmp_path / "isa", work_dir=tmp_path)
    x = np.zeros((64, 64), np.float32)
    with pytest.raises(ValueError, match="missing input tensor 'x'"):
        wsp.run(scale_artifact, {"s": 1.0}, **kw)
    with pytest.raises(ValueError, match="missing input scalar 's'"):
        wsp.run(scale_artifact, {"x": x}, **kw)
    with pytest.raises(ValueError, match="unknown input"):
        wsp.run(scale_artifact, {"x": x, "s": 1.0, "z": x}, **kw)
    with pytest.raises(ValueError, match="shape"):
        wsp.run(scale_artifact, {"x": x[:32], "s": 1.0}, **kw)
    with pytest.raises(ValueError, match="not an output"):
        wsp.run(scale_artifact, {"x": x, "s": 1.0}, expected={"x": x}, **kw)
    with pytest.raises(ValueError, match="no golden.py"):
        wsp.run(scale_artifact, None, **kw)
    # a runner that fails: RunError with the command and the kept run directory
    if importlib.util.find_spec("torch") is None:
        return  # check_environment requires torch before the runner can start
    with pytest.raises(wsp.RunError) as ei:
        wsp.run(scale_artifact, {"x": x, "s": 1.0}, **kw)
    assert "exit 3" in str(ei.value) and ei.value.run_dir.is_dir()


# --- real runs on a2a3sim ---------------------------------------------------------------

@needs_runtime
def test_run_returns_outputs_and_the_runner_compares(scale_artifact):
    x = np.random.default_rng(0).standard_normal((64, 64)).astype(np.float32)
    r = wsp.run(scale_artifact, {"x": x, "s": 1.5}, expected=lambda i: {"y": i["s"] * i["x"]})
    assert r.passed is True and r.returncode == 0 and r.compared == ["y"]
    np.testing.assert_allclose(r.outputs["y"], 1.5 * x, rtol=1e-6)
    assert "TEST PASSED" in r.log and r.run_dir is None


@needs_runtime
def test_mismatch_is_reported_with_the_outputs(scale_artifact, tmp_path):
    x = np.ones((64, 64), np.float32)
    r = wsp.run(scale_artifact, {"x": x, "s": 2.0}, expected={"y": 3 * x}, work_dir=tmp_path)
    assert r.passed is False
    np.testing.assert_array_equal(r.outputs["y"], 2 * x)  # still the actual outputs
    assert r.run_dir is not None and (r.run_dir / "golden.py").is_file()
    with pytest.raises(wsp.RunError, match="does not match"):
        r.check()


@needs_runtime
def test_inout_tensor_and_no_expected_values(tmp_path):
    art = wsp.compile(bgemm_workload(), tmp_path / "bgemm", target=TARGET)
    rng = np.random.default_rng(5)
    a, b, c = (rng.standard_normal((64, 64), dtype=np.float32) for _ in range(3))
    r = wsp.run(art, {"A": a, "B": b, "C": c})
    assert r.passed is None and r.compared == []
    np.testing.assert_allclose(r.outputs["C"], c + a @ b, rtol=1e-4, atol=1e-4)


@needs_runtime
def test_artifact_golden_file(tmp_path):
    art = wsp.compile(ROOT / "examples" / "scale" / "scale.mlir", tmp_path / "g",
                      golden=ROOT / "examples" / "scale" / "golden.py", target=TARGET)
    r = wsp.run(art)  # the artifact's own generate_inputs/compute_golden
    assert r.passed is True
    assert r.outputs["y"].shape == (64, 64) and np.abs(r.outputs["y"]).max() > 0


# --- the Python examples that are lowered -----------------------------------------------



@needs_runtime
@pytest.mark.parametrize("runtime", ["tensormap_and_ringbuffer", "host_build_graph"])
def test_topk_indexer_example(load_example, runtime, tmp_path):
    # slot reads decide, on device, which of a block's guarded gather/zero tasks writes;
    # one artifact, two host thresholds (the symbol is rebound without recompiling)
    ex = load_example("topk_indexer")
    art = wsp.compile(ex.w, tmp_path / "topk", runtime=runtime, target=TARGET)
    for threshold in (2.0, 1.0):
        inputs = ex.make_inputs(threshold)
        expected = ex.reference(inputs)
        r = wsp.run(art, inputs, expected=expected)
        assert r.passed is True, r.log[-3000:]
        assert sorted(r.compared) == ["best", "best_score", "o"]
        for name, value in expected.items():
            np.testing.assert_array_equal(r.outputs[name], value)
        zeroed = [b for b in range(4) if not r.outputs["o"][b * 16:(b + 1) * 16].any()]
        assert zeroed == ([3] if threshold == 2.0 else [])


@needs_runtime
@pytest.mark.parametrize("runtime", ["tensormap_and_ringbuffer", "host_build_graph"])
def test_csp_pipeline_example(load_example, runtime, tmp_path):
    # two processes over a channel of capacity 2; the consumer drains it until it closes
    # (an scf.while the compiler runs: deadlocks and races are checked at compile time)
    ex = load_example("csp_pipeline")
    art = wsp.compile(ex.w, tmp_path / "csp", runtime=runtime, target=TARGET)
    assert not any("wsp-check-" in d.message for d in art.warnings)
    rng = np.random.default_rng(17)
    inputs = {"x": rng.standard_normal((64, 64), dtype=np.float32), "s": 2.0, "b": 0.5}
    expected = ex.reference(inputs)
    r = wsp.run(art, inputs, expected=expected)
    assert r.passed is True, r.log[-3000:]
    np.testing.assert_allclose(r.outputs["y"], expected["y"], rtol=1e-5, atol=1e-5)


@needs_runtime
@pytest.mark.parametrize("runtime", ["tensormap_and_ringbuffer", "host_build_graph"])
@pytest.mark.parametrize("example", ["scale", "add", "bgemm", "softmax", "attention"])
def test_example_script_runs(example, runtime):
    # what a user runs: the example script itself, compiled and run, against its numpy
    # reference (the other examples have tests of their own above)
    script = ROOT / "examples" / "python" / f"{example}.py"
    r = subprocess.run([sys.executable, str(script), "--run", "--runtime", runtime,
                        f"--target={TARGET}"],
                       capture_output=True, text=True, timeout=900, check=False)
    assert r.returncode == 0 and r.stdout.rstrip().endswith("PASS"), r.stdout[-3000:] + r.stderr[-3000:]


# --- task window: the CSP examples at the minimum taskring-size-resources computes ------

CSP_EXAMPLES = sorted(p.parent.name for p in ROOT.glob("examples/csp_*/golden.py"))


@needs_runtime
@pytest.mark.parametrize("example", CSP_EXAMPLES)
def test_csp_example_runs_at_its_minimum_window(tmp_path, example):
    src = ROOT / "examples" / example / f"{example}.mlir"
    probe = wsp.compile(src, tmp_path / "probe", target="pto-runtime-41d5c94a")
    minimum = probe.manifest["schedule"]["min_task_window"]
    marker = "    attributes {wsp.workload} {\n"
    text = src.read_text()
    assert marker in text
    windowed = tmp_path / f"{example}-w{minimum}.mlir"
    windowed.write_text(text.replace(marker, marker + f'  "wsp.task_window"() {{size = {minimum} '
                                     ': i64, unit = "tasks", mode = "stall"} : () -> ()\n', 1))
    art = wsp.compile(windowed, tmp_path / "art", target="pto-runtime-41d5c94a",
                      golden=ROOT / "examples" / example / "golden.py")
    assert art.manifest["schedule"]["task_window"]["size"] == minimum
    try:
        r = wsp.run(art)  # the example's own generate_inputs/compute_golden
    except wsp.RunError as e:
        # The pinned runtime stalls at small windows for two reasons of its own, and
        # passes once both are fixed (docs/csp.md, "Why csp_pipeline at window 16
        # stopped"): uninitialised per-slot counters, and TensorMap validity refreshed
        # before, not after, the wait for a ring slot.
        if "Flow Control Deadlock" in str(e):
            pytest.xfail("pto-runtime 41d5c94a's small-window stall (docs/csp.md)")
        raise
    assert r.passed is True, r.log[-3000:]
