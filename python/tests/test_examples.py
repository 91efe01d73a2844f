"""The Python examples (examples/python/) build, verify and, where they are lowered,
compile — without the runtime. Their runs on a2a3sim are in test_run_runtime.py."""
import pathlib
import sys

import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))

import wsp  # noqa: E402




@pytest.fixture(autouse=True)
def _built(build_dir):
    pass


@pytest.fixture(scope="module")
def topk(load_example):
    return load_example("topk_indexer")


@pytest.mark.parametrize("runtime", ["tensormap_and_ringbuffer", "host_build_graph"])
def test_csp_pipeline_compiles(load_example, runtime, tmp_path):
    ex = load_example("csp_pipeline")
    ex.w.verify()
    assert '"wsp.create_channel"' in ex.w.mlir and '"wsp.spawn"' in ex.w.mlir
    art = wsp.compile(ex.w, tmp_path / "csp", runtime=runtime)
    orch = (art.path / "kernels" / "orchestration" / "main_orch.cpp").read_text()
    # one coroutine per process function, spawned by the workload, then the scheduler
    assert orch.count("WspProc& wsp_self) {") == 2
    assert 'wsp_csp.spawn("producer"' in orch and 'wsp_csp.spawn("consumer"' in orch
    assert "wsp_csp.run()" in orch


def test_topk_indexer_reference(topk):
    inp = topk.make_inputs()
    ref = topk.reference(inp)
    vals = inp["values"]
    # the planted maxima: blocks 0-2 pass the threshold 2.0 (key blocks 2, 0, 3), block 3
    # (score 1.5, key block 1) does not and is zeroed
    assert ref["best"][::16, 0].tolist() == [37, 5, 60, 21]
    np.testing.assert_array_equal(ref["o"][0:16], vals[32:48])
    np.testing.assert_array_equal(ref["o"][16:32], vals[0:16])
    np.testing.assert_array_equal(ref["o"][32:48], vals[48:64])
    assert not ref["o"][48:64].any()
    # with threshold 1.0 block 3 gathers key block 1
    np.testing.assert_array_equal(topk.reference(topk.make_inputs(1.0))["o"][48:64], vals[16:32])


@pytest.mark.parametrize("runtime", ["tensormap_and_ringbuffer", "host_build_graph"])
def test_topk_indexer_compiles_with_guarded_variants(topk, runtime, tmp_path):
    from wsp import _capi
    if not _capi.api().has_emit:
        pytest.skip("this libwsp has no emit API")
    topk.w.verify()
    art = wsp.compile(topk.w, tmp_path / "topk", runtime=runtime, target="pto-runtime-41d5c94a")
    m = art.manifest
    assert art.runtime == runtime and art.outputs == ["best", "best_score", "o"]
    # the threshold is a host symbol (an orchestration scalar argument), not a constant
    assert [(s["name"], s["dtype"]) for s in m["symbols"]] == [("threshold", "float32")]
    # both slot reads stay on device: read by the gather and zero variants
    slots = {s["tensor"]: s for s in m["slots"]}
    assert set(slots) == {"best", "best_score"}
    assert slots["best"]["type"] == "i32" and slots["best"]["read_by"] == ["gather_v0"]
    assert slots["best_score"]["type"] == "f32"
    assert sorted(slots["best_score"]["read_by"]) == ["gather_v0", "zero_v1"]
    for s in slots.values():
        assert "topk_indexer.py:" in s["location"]  # located at the Python slot_read line
    kernels = {k["name"]: k for k in m["kernels"]}
    # gather_v0: the base params, then per guard term its slot element and host scalar
    # (key block == kb: element + loop index; score > threshold: element + symbol)
    assert kernels["gather_v0"]["modes"] == ["in", "out", "in", "scalar", "in", "scalar"]
    assert kernels["zero_v1"]["modes"] == ["out", "in", "scalar"]
    assert "slot_reads: enforced" in art.capability_report
    for f in ("kernels/aiv/gather_v0.cpp", "kernels/aiv/zero_v1.cpp"):
        assert (art.path / f).is_file()
