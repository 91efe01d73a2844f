"""The ctypes bindings (python/wsp/_capi.py, ir.py): parsing, diagnostics, verification,
pipelines, the pass list, ownership, and library lookup."""
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))

import wsp  # noqa: E402
from wsp import Context, Diagnostic, WspError  # noqa: E402

SCALE = ROOT / "examples" / "scale" / "scale.mlir"

BAD_WINDOW = """func.func @main() attributes {wsp.workload} {
  "wsp.task_window"() {size = 0 : i64, unit = "tasks", mode = "stall"} : () -> () loc("my.py":12:5)
  return
}
"""


@pytest.fixture(autouse=True)
def _built(build_dir):
    """Every test here needs libwsp.so from the build tree conftest points at."""


def test_version_and_library_path(build_dir):
    assert wsp.version().startswith("wsp ")
    expected = os.environ.get("WSP_LIBRARY") or build_dir / "lib" / "libwsp.so"
    assert pathlib.Path(wsp.library_path()).resolve() == pathlib.Path(expected).resolve()


def test_parse_file_verify_and_print():
    with Context() as ctx:
        m = ctx.parse_file(SCALE)
        assert m.verify() is m
        text = str(m)
        assert '"wsp.task"' in text and "func.func @main" in text
        generic = m.to_string(generic=True)
        assert '"func.func"' in generic
        assert "loc(" in m.to_string(debug_info=True)


def test_parse_error_has_line_and_column():
    src = 'func.func @f() {\n  %0 = "wsp.symbol"() : () -> i64\n  return\n}\n'
    with Context() as ctx:
        with pytest.raises(WspError) as ei:
            ctx.parse(src, "bad.mlir")
    d = ei.value.diagnostics[0]
    assert (d.severity, d.file, d.line, d.column) == ("error", "bad.mlir", 2, 8)
    assert "attribute \"name\"" in d.message
    assert str(ei.value).startswith("bad.mlir:2:8: error: ")
    assert ei.value.errors == [d]


def test_unreadable_file_is_a_located_error(tmp_path):
    missing = tmp_path / "nope.mlir"
    with Context() as ctx:
        with pytest.raises(WspError) as ei:
            ctx.parse_file(missing)
    assert str(missing) in str(ei.value)


def test_verify_error_is_located_at_the_op():
    with Context() as ctx:
        m = ctx.parse(BAD_WINDOW, "bad.mlir")
        with pytest.raises(WspError) as ei:
            m.verify()
    errs = ei.value.errors
    assert len(errs) == 1
    assert (errs[0].file, errs[0].line, errs[0].column) == ("my.py", 12, 5)
    assert "size = 0" in errs[0].message
    assert str(ei.value).startswith("my.py:12:5: error: 'wsp.task_window' op: size = 0")


def test_structural_verify_only():
    with Context() as ctx:
        m = ctx.parse(BAD_WINDOW, "bad.mlir")
        m.verify(semantic=False)  # IRDL structure is fine; the value rule is wsp-verify's


def test_pipeline_lowers_to_taskring():
    with Context() as ctx:
        m = ctx.parse_file(SCALE)
        m.run_pipeline("builtin.module(wsp-to-taskring{runtime=tensormap_and_ringbuffer})")
        text = str(m)
        assert '"taskring.submit"' in text and '"wsp.task"' not in text
        # upstream passes mix with ours
        m.run_pipeline("canonicalize,cse")


def test_pipeline_errors_are_located():
    with Context() as ctx:
        m = ctx.parse_file(SCALE)
        with pytest.raises(WspError) as ei:
            m.run_pipeline("wsp-verify,no-such-pass")
        d = ei.value.errors[0]
        assert d.file == "<pass-pipeline>" and d.line == 1 and d.column > 1
        assert "no-such-pass" in d.message
        with pytest.raises(WspError):
            m.run_pipeline("wsp-lower-to-taskring{runtime=bogus}")


def test_failing_pass_reports_the_op(tmp_path):
    src = BAD_WINDOW.replace("size = 0", "size = 6")  # not a power of two for the ring
    with Context() as ctx:
        m = ctx.parse(src, "w.mlir")
        m.verify()
        with pytest.raises(WspError) as ei:
            m.run_pipeline("wsp-to-taskring{target=pto-runtime-41d5c94a}")
    d = ei.value.errors[0]
    assert (d.file, d.line, d.column) == ("my.py", 12, 5)
    assert "power of two" in d.message


def test_pass_list():
    infos = {p.name: p for p in wsp.passes()}
    for name in ("wsp-verify", "wsp-lower-to-taskring", "taskring-verify", "wsp-to-taskring"):
        assert name in infos
    assert infos["wsp-to-taskring"].pipeline and "wsp-verify" in infos["wsp-to-taskring"].pipeline
    assert infos["wsp-verify"].pipeline is None
    opts = {o.name: o for o in infos["wsp-lower-to-taskring"].options}
    assert "runtime" in opts and opts["runtime"].default == "tensormap_and_ringbuffer"
    assert all(p.summary for p in infos.values())


def test_ownership_context_closes_its_modules():
    ctx = Context()
    m = ctx.parse_file(SCALE)
    ctx.close()
    assert ctx.closed
    with pytest.raises(ValueError):
        str(m)
    m.close()      # harmless after the context closed it
    ctx.close()    # idempotent
    with pytest.raises(ValueError):
        ctx.parse("", "x")


def test_many_contexts_and_modules():
    for _ in range(20):
        with Context() as ctx:
            with ctx.parse_file(SCALE) as m:
                m.verify()
            kept = ctx.parse_file(SCALE)  # left for the context to destroy
            ctx.parse_file(SCALE)         # dropped: destroyed when collected
        assert kept._m is None


def test_diagnostic_formatting():
    assert str(Diagnostic("error", "m", "f.py", 3, 7)) == "f.py:3:7: error: m"
    assert str(Diagnostic("warning", "m", "f.py")) == "f.py: warning: m"
    assert str(Diagnostic("note", "m")) == "note: m"
    e = WspError("s", [Diagnostic("error", "a", "f", 1, 2), Diagnostic("note", "b", "f", 3, 4)])
    assert str(e) == "f:1:2: error: a\nf:3:4: note: b"
    assert WspError("plain").diagnostics == [] and str(WspError("plain")) == "plain"


def test_emit_to_memory():
    from wsp import _capi
    if not _capi.api().has_emit:
        pytest.skip("this libwsp has no emit API")
    with Context() as ctx:
        m = ctx.parse_file(SCALE)
        m.run_pipeline("wsp-to-taskring{target=pto-runtime-41d5c94a}")
        files, report = m.emit_to_memory()
    assert "kernels/kernel_config.py" in files and "manifest.json" in files
    assert b"aicpu_orchestration_entry" in files["manifest.json"]
    assert "task_window: enforced" in report


def test_default_target_is_simpler():
    """Without a target the lowering names simpler-6ebaf771 and the emitter follows
    the module's abi: simpler's layout, test_<workload>.py and no kernel_config.py."""
    from wsp import _capi
    if not _capi.api().has_emit:
        pytest.skip("this libwsp has no emit API")
    assert wsp.compiler.DEFAULT_TARGET == "simpler-6ebaf771"
    # the C side's default (WSP_EMIT_DEFAULT_TARGET) is the same, for both lowering entries
    for p in wsp.passes():
        if p.name in ("wsp-to-taskring", "wsp-lower-to-taskring"):
            assert {o.name: o.default for o in p.options}["target"] == wsp.compiler.DEFAULT_TARGET
    with Context() as ctx:
        m = ctx.parse_file(SCALE)
        m.run_pipeline("wsp-to-taskring")
        assert 'abi = "wsp-simpler-6ebaf771/1"' in str(m)
        files, _ = m.emit_to_memory()
    assert "test_main.py" in files and "kernels/orchestration/main_orch.cpp" in files
    assert "kernels/kernel_config.py" not in files
    assert b'"abi": "wsp-simpler-6ebaf771/1"' in files["manifest.json"]


def _python(code, **env):
    full = dict(os.environ, PYTHONPATH=str(ROOT / "python"), **env)
    for k, v in env.items():
        if v is None:
            full.pop(k)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=full,
                          check=False)


def test_library_not_found_with_wsp_library_pointing_nowhere(tmp_path):
    bogus = tmp_path / "nowhere" / "libwsp.so"
    r = _python("import wsp; wsp.version()", WSP_LIBRARY=str(bogus))
    assert r.returncode != 0
    assert "LibraryNotFoundError" in r.stderr
    assert f"{bogus}  (WSP_LIBRARY): no such file" in r.stderr
    assert "unset WSP_LIBRARY" in r.stderr


def test_library_not_found_lists_every_place(tmp_path):
    r = _python("import wsp; wsp.version()", WSP_LIBRARY=None,
                WSP_BUILD_DIR=str(tmp_path / "nobuild"))
    assert r.returncode != 0
    assert str(tmp_path / "nobuild" / "lib" / "libwsp.so") in r.stderr
    assert "(build tree (WSP_BUILD_DIR))" in r.stderr
    assert "(install prefix)" in r.stderr
    assert "scripts/build.sh" in r.stderr


def test_wsp_library_selects_the_library(build_dir):
    lib = (build_dir / "lib" / "libwsp.so").resolve()
    r = _python("import wsp; print(wsp.library_path()); print(wsp.version())",
                WSP_LIBRARY=str(lib), WSP_BUILD_DIR="/nonexistent")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == str(lib)
