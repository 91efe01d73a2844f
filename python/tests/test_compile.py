"""wsp.compile (python/wsp/compiler.py): programs to pto-runtime artifacts through the C
emit API, with located errors."""
import inspect
import json
import pathlib
import sys

import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))

import wsp  # noqa: E402
from wsp.dsl import (channel, dispatch, in_, kernel, out, process, recv_each,  # noqa: E402
                     scalar, send, seq, spawn, symbol, task, task_window, tensor, tile, workload)

SCALE = ROOT / "examples" / "scale" / "scale.mlir"
PTO = "pto-runtime-41d5c94a"  # the tests that check that target's layout or limits name it


@pytest.fixture(autouse=True)
def _emit_api(build_dir):
    from wsp import _capi
    if not _capi.api().has_emit:
        pytest.skip(f"{_capi.api().path} has no emit API (include/wsp-c/Emit.h) yet")


@kernel(core="aiv", access=["in", "out", "scalar"])
def scale(x, y, s):
    y[...] = x * s


def scale_workload(window=16):
    with workload("main") as w:
        x = tensor("x", (64, 64), np.float32)
        y = tensor("y", (64, 64), np.float32)
        s = scalar("s", np.float32)
        task_window(window)
        for t in seq(4):
            h = task(scale, in_(tile(x, (t * 16, 0), (16, 64))),
                     out(tile(y, (t * 16, 0), (16, 64))), scalar(s))
            dispatch(h, "affinity", 3, key=t)
    return w


def test_dsl_workload_to_artifact(tmp_path):
    art = wsp.compile(scale_workload(), tmp_path / "scale", target=PTO)
    assert art.path == tmp_path / "scale"
    files = art.files()
    for f in ("kernels/kernel_config.py", "kernels/orchestration/main_orch.cpp",
              "kernels/aiv/scale.cpp", "manifest.json"):
        assert f in files
    assert art.golden_path is None
    assert json.loads((art.path / "manifest.json").read_text()) == art.manifest
    assert [a["name"] for a in art.arguments][:3] == ["x", "y", "s"]
    assert art.outputs == ["y"]
    assert art.runtime == "tensormap_and_ringbuffer"
    assert art.manifest["runtime"]["platform"] == "a2a3sim"
    assert "task_window: enforced" in art.capability_report
    assert "dispatch: recorded" in art.capability_report
    # the dispatch is recorded with its Python location
    loc = art.manifest["schedule"]["dispatch"][0]["location"]
    assert loc.startswith(__file__ + ":")
    # generated sources carry the Python locations too
    assert __file__ in (art.path / "kernels" / "orchestration" / "main_orch.cpp").read_text()


def test_workload_compile_method(tmp_path):
    """Workload.compile is wsp.compile (same files, options passed through)."""
    a = scale_workload().compile(tmp_path / "m", runtime="host_build_graph")
    b = wsp.compile(scale_workload(), tmp_path / "f", runtime="host_build_graph")
    assert isinstance(a, wsp.Artifact) and a.runtime == "host_build_graph"
    assert a.files() == b.files()
    for f in a.files():
        if f != "manifest.json":
            assert (a.path / f).read_bytes() == (b.path / f).read_bytes(), f

def test_host_build_graph_and_platform(tmp_path):
    art = wsp.compile(scale_workload(), tmp_path / "hbg", runtime="host_build_graph",
                      platform="a2a3", target=PTO)
    assert art.runtime == "host_build_graph"
    assert art.manifest["runtime"]["platform"] == "a2a3"
    assert any(d.severity == "warning" for d in art.warnings)  # the window is only recorded


def test_mlir_path_text_and_module(tmp_path):
    a = wsp.compile(SCALE, tmp_path / "a")
    b = wsp.compile(str(SCALE), tmp_path / "b")
    c = wsp.compile(SCALE.read_text(), tmp_path / "c")
    assert a.manifest["arguments"] == b.manifest["arguments"] == c.manifest["arguments"]
    with wsp.Context() as ctx:
        m = ctx.parse_file(SCALE)
        before = str(m)
        d = wsp.compile(m, tmp_path / "d")
        assert str(m) == before  # the caller's module is not lowered in place
    assert d.files() == a.files()


def test_golden_is_copied(tmp_path):
    art = wsp.compile(SCALE, tmp_path / "g", golden=ROOT / "examples" / "scale" / "golden.py")
    text = art.golden_path.read_text()
    assert "def compute_golden" in text and "__outputs__" in text
    assert art.manifest["golden"] == "golden.py"


def test_existing_directory_needs_force(tmp_path):
    out_dir = tmp_path / "x"
    wsp.compile(scale_workload(), out_dir)
    with pytest.raises(wsp.WspError) as ei:
        wsp.compile(scale_workload(), out_dir)
    assert str(out_dir) in str(ei.value)
    wsp.compile(scale_workload(), out_dir, force=True)


def test_bad_arguments(tmp_path):
    with pytest.raises(ValueError):
        wsp.compile(scale_workload(), tmp_path / "x", runtime="simpler")
    with pytest.raises(ValueError):
        wsp.compile(scale_workload(), tmp_path / "x", platform="gpu")
    with pytest.raises(FileNotFoundError):
        wsp.compile(scale_workload(), tmp_path / "x", golden=tmp_path / "none.py")
    with pytest.raises(TypeError):
        wsp.compile(42, tmp_path / "x")


def test_lowering_error_is_located_at_the_python_line(tmp_path):
    with workload("main") as w:
        line = inspect.currentframe().f_lineno + 1
        task_window(6)  # the ring needs a power of two >= 4
        x = tensor("x", (16, 64), np.float32)
        task(scale, in_(x), out(x), scalar(1.0))
    with pytest.raises(wsp.WspError) as ei:
        wsp.compile(w, tmp_path / "x", target=PTO)
    d = ei.value.errors[0]
    assert (d.file, d.line) == (__file__, line)
    assert "power of two" in d.message
    assert not (tmp_path / "x").exists()


def test_csp_recv_each_is_checked_at_compile_time(tmp_path):
    @process(access=["out"])
    def producer(ch):
        for t in seq(4):
            send(ch, t)

    @process(access=["in"])
    def consumer(ch):
        for tok in recv_each(ch):  # an scf.while the analysis runs
            pass

    with workload("main") as w:
        task_window(16)
        c = channel("c", 2)
        spawn(producer, out(c))
        spawn(consumer, in_(c))
    art = wsp.compile(w, tmp_path / "x")
    assert not [d for d in art.warnings if "wsp-check-deadlock" in d.message]
    orch = (tmp_path / "x" / "kernels" / "orchestration" / "main_orch.cpp").read_text()
    assert "wsp_csp.run()" in orch and "wsp_csp.recv(" in orch and "wsp_csp.send(" in orch


def test_csp_compiles_and_warns_at_the_python_line_when_dynamic(tmp_path):
    @process(access=["out", "scalar"])
    def producer(ch, n):
        for t in seq(n):  # a host symbol's trip count: not static
            send(ch, t)

    @process(access=["in"])
    def consumer(ch):
        for tok in recv_each(ch):
            pass

    with workload("main") as w:
        task_window(16)
        line = inspect.currentframe().f_lineno + 1
        c = channel("c", 2)
        spawn(producer, out(c), scalar(symbol("tiles")))
        spawn(consumer, in_(c))
    art = wsp.compile(w, tmp_path / "x")
    deadlock = [d for d in art.warnings if "wsp-check-deadlock" in d.message]
    assert len(deadlock) == 1
    assert "detects a deadlock at run time" in deadlock[0].message
    assert "parameter #1 of process 'producer'" in deadlock[0].message


def test_artifact_load(tmp_path):
    art = wsp.compile(scale_workload(), tmp_path / "s")
    again = wsp.Artifact.load(tmp_path / "s")
    assert again.manifest == art.manifest
    with pytest.raises(FileNotFoundError):
        wsp.Artifact.load(tmp_path)


def test_timing_and_progress(tmp_path, capfd):
    src = ROOT / "examples" / "add" / "add.mlir"
    calls = []
    art = wsp.compile(src, tmp_path / "a", progress=lambda *c: calls.append(c))
    assert list(art.timings) == ["parse", "lower", "emit"]
    assert all(t >= 0 for t in art.timings.values())
    assert [(c[0], c[1], c[2] is None) for c in calls] == [
        ("parse", 1, True), ("parse", 1, False), ("lower", 2, True), ("lower", 2, False),
        ("emit", 3, True), ("emit", 3, False)]
    capfd.readouterr()
    wsp.compile(src, tmp_path / "b", timing=True, progress=True)
    err = capfd.readouterr().err
    assert "wsp.compile: [1/3] parse ..." in err
    assert "wsp.compile: [3/3] emit done (" in err
    # MLIR's per-pass report of the lowering (printed by the C library), then the phases.
    assert "... Execution time report ..." in err
    assert "wsp-lower-to-taskring" in err
    assert err.index("wsp-lower-to-taskring") < err.index("... wsp.compile phase report ...")
    assert "(100.0%)  Total" in err
