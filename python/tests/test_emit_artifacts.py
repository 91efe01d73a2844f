"""The bundled examples compiled to artifacts, checked without the runtime:
every file is there, kernel_config.py and golden.py load as pto-runtime's
runner loads them, golden.py hands over the arguments the manifest lists
(plus the hidden initial values tensormap_and_ringbuffer needs), and every
C++ file compiles against the stand-in headers of test/Emit/stubs."""
import importlib.util
import json
import pathlib
import re
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ["scale", "add", "bgemm", "softmax", "flag_branch", "indexer"]
RUNTIMES = ["tensormap_and_ringbuffer", "host_build_graph"]


def has_pipeline(build_dir, name):
    out = subprocess.run([str(build_dir / "tools" / "wsp-opt"), "--list-passes"],
                         capture_output=True, text=True, check=True).stdout
    return re.search(rf"^\s+{re.escape(name)}\s", out, re.M) is not None


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def compile_example(build_dir, tmp_path):
    if not has_pipeline(build_dir, "wsp-to-taskring"):
        pytest.skip("this build has no wsp-to-taskring pipeline (test/Emit covers the emitter)")

    def run(example, runtime):
        out = tmp_path / f"{example}-{runtime}"
        result = subprocess.run(
            [str(build_dir / "tools" / "wsp-compile"), str(ROOT / "examples" / example / f"{example}.mlir"),
             "-o", str(out), f"--runtime={runtime}", "--target=pto-runtime-41d5c94a", "--golden",
             str(ROOT / "examples" / example / "golden.py")],
            capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        listed = [pathlib.Path(line) for line in result.stdout.splitlines()]
        assert listed and all(p.is_file() for p in listed)
        return out

    return run


@pytest.mark.parametrize("runtime", RUNTIMES)
@pytest.mark.parametrize("example", EXAMPLES)
def test_artifact_loads_and_compiles(compile_example, example, runtime):
    out = compile_example(example, runtime)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["abi"] == "wsp-pto-runtime-41d5c94a/1"
    assert manifest["runtime"]["flavor"] == runtime
    config = load(out / "kernels" / "kernel_config.py", f"kc_{example}_{runtime}")
    assert config.RUNTIME_CONFIG["runtime"] == runtime
    assert config.RUNTIME_CONFIG["aicpu_thread_num"] == (4 if runtime.startswith("tensormap") else 3)
    sources = [pathlib.Path(config.ORCHESTRATION["source"])]
    sources += [pathlib.Path(k["source"]) for k in config.KERNELS]
    assert all(s.is_file() for s in sources)
    assert sorted(k["func_id"] for k in config.KERNELS) == list(range(len(config.KERNELS)))
    gxx = shutil.which("g++")
    if gxx:
        for src in sources:
            result = subprocess.run([gxx, "-std=c++17", "-fsyntax-only", "-Wall", "-Wextra", "-Werror",
                                     "-I", str(ROOT / "test" / "Emit" / "stubs"), str(src)],
                                    capture_output=True, text=True, check=False)
            assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("runtime", RUNTIMES)
@pytest.mark.parametrize("example", EXAMPLES)
def test_golden_supplies_manifest_arguments(compile_example, example, runtime):
    pytest.importorskip("torch", reason="the examples' references use torch, as the runner does")
    out = compile_example(example, runtime)
    manifest = json.loads((out / "manifest.json").read_text())
    golden = load(out / "golden.py", f"golden_{example}_{runtime}")
    assert golden.__outputs__ == manifest["outputs"]
    args = golden.generate_inputs({})
    assert [name for name, _ in args] == [a["name"] for a in manifest["arguments"]]
    hidden = [a for a in manifest["arguments"] if "initial_value_of" in a]
    if runtime == "host_build_graph":
        assert not hidden
    values = dict(args)
    for a in hidden:  # a copy, not the tensor the runner copies back
        assert values[a["name"]] is not values[a["initial_value_of"]]
        assert (values[a["name"]] == values[a["initial_value_of"]]).all()


def test_written_only_tensor_gets_no_initial_value(compile_example):
    # scale's y is widened to inout by the lowering (it is written in a loop),
    # but the kernel only writes it: no hidden y_wsp_init argument.
    out = compile_example("scale", "tensormap_and_ringbuffer")
    manifest = json.loads((out / "manifest.json").read_text())
    assert [(a["name"], a.get("access")) for a in manifest["arguments"]] == [
        ("x", "in"), ("y", "out"), ("s", None)]
    assert manifest["outputs"] == ["y"]


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_slot_table_lists_variants(compile_example, runtime):
    out = compile_example("indexer", runtime)
    manifest = json.loads((out / "manifest.json").read_text())
    [slot] = manifest["slots"]
    # the slot's tensor is an intermediate: on tensormap_and_ringbuffer a scratch
    # argument (named), on host_build_graph a device allocation (no argument)
    scratch = "wsp_scratch0" if runtime == "tensormap_and_ringbuffer" else None
    assert {k: slot[k] for k in ("slot", "tensor", "index", "dtype", "type")} == {
        "slot": 0, "tensor": scratch, "index": [0], "dtype": "int64", "type": "i64"}
    assert slot["read_by"] == ["emit_pad_v0", "emit_pad_v1", "emit_pad_v2", "emit_pad_v3",
                               "clamp_v4"]
    variants = {k["name"]: k for k in manifest["kernels"] if k["name"] in slot["read_by"]}
    assert all(k["source"] == f"kernels/aiv/{name}.cpp" for name, k in variants.items())
    assert len({k["func_id"] for k in manifest["kernels"]}) == len(manifest["kernels"])
    caps = {c["directive"]: c["status"] for c in manifest["capabilities"]}
    assert caps["slot_reads"] == "enforced"
    # no kernel file is a guard function
    assert not any("guard" in p.name for p in (out / "kernels" / "aiv").iterdir())
