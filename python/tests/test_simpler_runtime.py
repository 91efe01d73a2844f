"""Artifacts for target simpler-6ebaf771 run by simpler's own SceneTestCase on a2a3sim
(docs/running-on-simpler.md). The runs need a simpler checkout at 6ebaf771 built for
a2a3sim and the pto-isa checkout at its pin (SIMPLER_ROOT, PTO_ISA_ROOT), with the
environment that document describes; they are skipped without them."""
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))

import wsp  # noqa: E402

HAVE_SIMPLER = bool(os.environ.get("SIMPLER_ROOT") and os.environ.get("PTO_ISA_ROOT"))
needs_simpler = pytest.mark.skipif(
    not HAVE_SIMPLER, reason="set SIMPLER_ROOT and PTO_ISA_ROOT (simpler at 6ebaf771 built for "
    "a2a3sim, pto-isa at its pto_isa.pin; see docs/running-on-simpler.md) to run artifacts "
    "on simpler's a2a3sim")

FLAVORS = ("tensormap_and_ringbuffer", "host_build_graph")
# The bundled MLIR examples with a reference.
EXAMPLES = sorted(p.parent.name for p in ROOT.glob("examples/*/golden.py"))


@pytest.fixture(autouse=True)
def _built(build_dir):
    pass


def _compile(example, flavor, out):
    src = ROOT / "examples" / example / f"{example}.mlir"
    return wsp.compile(src, out, runtime=flavor, golden=ROOT / "examples" / example / "golden.py",
                       target="simpler", force=True)


def _run(art_dir):
    test = next(pathlib.Path(art_dir).glob("test_*.py"))
    return subprocess.run([sys.executable, str(test), "-p", "a2a3sim"], cwd="/",
                          capture_output=True, text=True, timeout=900)


# --- no runtime needed --------------------------------------------------------------------

@pytest.mark.parametrize("flavor", FLAVORS)
def test_simpler_artifact_layout(tmp_path, flavor):
    art = _compile("scale", flavor, tmp_path / "scale")
    files = set(art.files())
    assert {"kernels/orchestration/main_orch.cpp", "kernels/aiv/scale.cpp", "test_main.py",
            "golden.py", "manifest.json"} <= {str(f) for f in files}
    assert art.manifest["abi"] == "wsp-simpler-6ebaf771/1"
    assert art.manifest["runtime"]["repository"] == "hw-native-sys/simpler"
    orch = (art.path / "kernels/orchestration/main_orch.cpp").read_text()
    assert "aicpu_orchestration_entry(const ChipTaskArgs& orch_args)" in orch
    assert "rt_submit_aiv_task(0, " in orch
    test = (art.path / "test_main.py").read_text()
    assert f'@scene_test(level=2, runtime="{flavor}")' in test
    env = '"ring_task_window": 16' in test
    assert env == (flavor == "tensormap_and_ringbuffer")


def test_unknown_target_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="target 'nope' is not one of pto-runtime-41d5c94a, "
                       "simpler-6ebaf771"):
        wsp.compile(ROOT / "examples/scale/scale.mlir", tmp_path / "x", target="nope")


@pytest.mark.parametrize("flavor", FLAVORS)
def test_csp_orders_process_tasks_with_explicit_dependencies(tmp_path, flavor):
    art = _compile("csp_pipeline", flavor, tmp_path / "csp")
    orch = (art.path / "kernels/orchestration/main_orch.cpp").read_text()
    assert orch.count("WspProc& wsp_self) {") == 3  # loader, compute, store
    assert "set_dependencies(" in orch and "wsp_csp.preds(wsp_self)" in orch
    assert "wsp_csp.run()" in orch


# --- on simpler's a2a3sim -----------------------------------------------------------------

@needs_simpler
@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("example", EXAMPLES)
def test_example_runs_on_simpler(tmp_path, example, flavor):
    art = _compile(example, flavor, tmp_path / example)
    r = _run(art.path)
    assert r.returncode == 0 and "PASSED" in r.stdout + r.stderr and "FAILED" not in r.stdout, \
        r.stdout[-4000:] + r.stderr[-4000:]


@needs_simpler
def test_wrong_golden_fails_on_simpler(tmp_path):
    art = _compile("scale", "tensormap_and_ringbuffer", tmp_path / "scale")
    g = art.path / "golden.py"
    g.write_text(g.read_text().replace("SCALE * torch", "3.0 * torch"))
    r = _run(art.path)
    assert "Golden mismatch on 'y'" in r.stdout + r.stderr


PY_EXAMPLES = ["scale", "add", "bgemm", "softmax", "attention", "topk_indexer", "csp_pipeline"]


@needs_simpler
@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("example", PY_EXAMPLES)
def test_python_example_runs_on_simpler(example, flavor):
    # what a user runs: the example script, compiled for simpler and run against its
    # numpy reference (wsp.run writes it into the artifact's golden.py)
    script = ROOT / "examples" / "python" / f"{example}.py"
    r = subprocess.run([sys.executable, str(script), "--run", "--target=simpler",
                        f"--runtime={flavor}"], capture_output=True, text=True, timeout=900)
    assert r.returncode == 0 and r.stdout.rstrip().endswith("PASS"), \
        r.stdout[-3000:] + r.stderr[-3000:]


@needs_simpler
def test_wsp_run_reports_a_mismatch_on_simpler(tmp_path):
    import numpy as np
    art = _compile("scale", "tensormap_and_ringbuffer", tmp_path / "scale")
    x = np.arange(64 * 64, dtype=np.float32).reshape(64, 64)
    good = wsp.run(art, {"x": x, "s": 2.0}, expected={"y": 2.0 * x})
    assert good.passed is True, good.log[-3000:]
    bad = wsp.run(art, {"x": x, "s": 2.0}, expected={"y": 3.0 * x})
    assert bad.passed is False and "Golden mismatch on 'y'" in bad.log


# --- exact dependencies: readers in parallel, writers after them -------------------------

def _readers_then_writer(readers=4):
    import numpy as np
    from wsp.dsl import in_, inout, kernel, out, scalar, seq, task, tensor, tile, workload

    @kernel(core="aiv", access=["in", "out"])
    def copy(x, y):
        y[...] = x

    @kernel(core="aiv", access=["inout", "scalar"])
    def scale_inplace(x, s):
        x[...] = x * s

    with workload("main") as w:
        x = tensor("x", (16, 64), np.float32)
        y = tensor("y", (16 * readers, 64), np.float32)
        s = scalar("s", np.float32)
        for r in seq(readers):  # N readers of x, unordered among themselves
            task(copy, in_(x), out(tile(y, (r * 16, 0), (16, 64))))
        task(scale_inplace, inout(x), scalar(s))  # overwrites what they read
    return w


@pytest.mark.parametrize("flavor", FLAVORS)
def test_readers_stay_inputs_and_the_writer_waits_for_them(tmp_path, flavor):
    art = wsp.compile(_readers_then_writer(), tmp_path / "war", runtime=flavor,
                      target="simpler")
    orch = (art.path / "kernels/orchestration/main_orch.cpp").read_text()
    # each reader passes x as an input (no inout widening: readers are not ordered among
    # themselves) and is recorded; the writer depends on the readers it overwrites
    assert orch.count(".add_input(") == 1 and orch.count("wsp_readers.read(") == 1
    assert "add_inout(" in orch and "wsp_readers.writer_deps(" in orch
    assert "set_dependencies(" in orch


@needs_simpler
@pytest.mark.parametrize("flavor", FLAVORS)
def test_writer_after_readers_on_simpler(tmp_path, flavor):
    import numpy as np
    art = wsp.compile(_readers_then_writer(), tmp_path / "war", runtime=flavor,
                      target="simpler")
    x = np.arange(16 * 64, dtype=np.float32).reshape(16, 64) + 1
    r = wsp.run(art, {"x": x, "s": -2.0},
                expected={"y": np.tile(x, (4, 1)), "x": -2.0 * x})
    assert r.passed is True, r.log[-3000:]


@needs_simpler
@pytest.mark.parametrize("flavor", FLAVORS)
def test_host_symbol_rebound_between_runs_on_simpler(load_example, tmp_path, flavor):
    # one artifact, two values of the host symbol `threshold`: block 3 is zeroed at 2.0
    # and gathered at 1.0 (slot reads decide on device)
    ex = load_example("topk_indexer")
    art = wsp.compile(ex.w, tmp_path / "topk", runtime=flavor, target="simpler")
    for threshold in (2.0, 1.0):
        inputs = ex.make_inputs(threshold)
        expected = ex.reference(inputs)
        assert bool(expected["o"][48:64].any()) == (threshold == 1.0)
        r = wsp.run(art, inputs, expected=expected)
        assert r.passed is True, (threshold, r.log[-3000:])


# --- task window and ring sizes (taskring-size-resources, docs/csp.md "Sizing") -----------

def _with_window(text, size):
    """`text` (a bundled example's MLIR) with a wsp.task_window of `size` at the top of
    its workload."""
    marker = "    attributes {wsp.workload} {\n"
    assert marker in text
    return text.replace(marker, marker + f'  "wsp.task_window"() {{size = {size} : i64, '
                        'unit = "tasks", mode = "stall"} : () -> ()\n', 1)


def test_nested_scopes_get_a_window_per_ring(tmp_path):
    src = ROOT / "test" / "Emit" / "Inputs" / "nested-scopes.mlir"
    art = wsp.compile(src, tmp_path / "n", target="simpler", force=True)
    assert art.manifest["schedule"]["min_task_window"] == 4
    assert art.manifest["schedule"]["rings"]["task_window"] == [4, 8, 8, 4]
    test = (art.path / "test_main.py").read_text()
    assert '"ring_task_window": [4, 8, 8, 4]' in test


@needs_simpler
def test_nested_scopes_run_with_per_ring_runtime_env(tmp_path):
    # the outer loop's tasks on ring 1, the inner loop's on ring 2 (simpler's
    # current_ring_id = min(scope depth, 3)), rings 0 and 3 at the runtime's minimums
    src = ROOT / "test" / "Emit" / "Inputs" / "nested-scopes.mlir"
    art = wsp.compile(src, tmp_path / "n", target="simpler", force=True,
                      golden=ROOT / "test" / "Emit" / "Inputs" / "golden_nested_scopes.py")
    assert '"ring_task_window": [4, 8, 8, 4]' in (art.path / "test_main.py").read_text()
    r = _run(art.path)
    assert r.returncode == 0 and "PASSED" in r.stdout + r.stderr and "FAILED" not in r.stdout, \
        r.stdout[-4000:] + r.stderr[-4000:]


CSP_EXAMPLES = sorted(p.parent.name for p in ROOT.glob("examples/csp_*/golden.py"))


@needs_simpler
@pytest.mark.parametrize("example", CSP_EXAMPLES)
def test_csp_example_runs_at_its_minimum_window_on_simpler(tmp_path, example):
    # the window taskring-size-resources computes as the program's minimum, exactly
    text = (ROOT / "examples" / example / f"{example}.mlir").read_text()
    golden = ROOT / "examples" / example / "golden.py"
    probe = wsp.compile(ROOT / "examples" / example / f"{example}.mlir", tmp_path / "probe",
                        target="simpler", force=True)
    minimum = probe.manifest["schedule"]["min_task_window"]
    src = tmp_path / f"{example}-w{minimum}.mlir"
    src.write_text(_with_window(text, minimum))
    art = wsp.compile(src, tmp_path / "art", target="simpler", golden=golden, force=True)
    assert art.manifest["schedule"]["task_window"]["size"] == minimum
    assert f'"ring_task_window": {minimum}' in (art.path / "test_main.py").read_text()
    r = _run(art.path)
    assert r.returncode == 0 and "PASSED" in r.stdout + r.stderr and "FAILED" not in r.stdout, \
        r.stdout[-4000:] + r.stderr[-4000:]
