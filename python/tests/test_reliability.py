"""Hostile use of the Python layer (docs/reliability.md): endless and oversized
inputs stop at wsp's source limit with a clear error; handles used after close()
raise a Python error instead of reaching freed memory; artifacts are written
under the same --force rules as the tools."""
import pathlib
import sys
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))

from wsp import Context, WspError  # noqa: E402

SCALE = ROOT / "examples" / "scale" / "scale.mlir"
LIMIT = 256 << 20  # WSP_MAX_SOURCE_BYTES


@pytest.fixture(autouse=True)
def _built(build_dir):
    """Every test here needs libwsp.so from the build tree conftest points at."""


def test_parse_file_dev_zero_stops_at_the_limit():
    start = time.monotonic()
    with Context() as ctx, pytest.raises(WspError) as e:
        ctx.parse_file("/dev/zero")
    assert time.monotonic() - start < 20
    (d,) = e.value.diagnostics
    assert d.severity == "error" and d.file == "/dev/zero"
    assert d.message == ("input file '/dev/zero' is larger than wsp's limit of 268435456 bytes "
                         "(256 MiB) for a source; split the program into smaller modules")


def test_parse_string_over_the_limit():
    with Context() as ctx, pytest.raises(WspError) as e:
        ctx.parse(" " * (LIMIT + 1), "big.mlir")
    (d,) = e.value.diagnostics
    assert d.file == "big.mlir"
    assert d.message == (f"input 'big.mlir' has {LIMIT + 1} bytes, more than wsp's limit of "
                         f"{LIMIT} bytes (256 MiB) for a source; split the program into smaller "
                         "modules")


@pytest.mark.parametrize("use", ["operation", "verify", "str", "run_pipeline", "emit"])
@pytest.mark.parametrize("closed", ["module", "context"])
def test_module_use_after_close_raises(use, closed, tmp_path):
    ctx = Context()
    m = ctx.parse_file(SCALE)
    (m if closed == "module" else ctx).close()
    calls = {"operation": lambda: m.operation, "verify": m.verify, "str": lambda: str(m),
             "run_pipeline": lambda: m.run_pipeline("wsp-verify"),
             "emit": lambda: m.emit(tmp_path / "out")}
    with pytest.raises(ValueError, match=r"wsp: the (Module|Context) is closed"):
        calls[use]()
    ctx.close()
    assert not (tmp_path / "out").exists()


def test_emit_force_refuses_a_directory_wsp_did_not_write(tmp_path):
    project = tmp_path / "proj"
    project.mkdir()
    (project / "notes.txt").write_text("mine")
    with Context() as ctx:
        m = ctx.parse_file(SCALE).run_pipeline("wsp-to-taskring")
        with pytest.raises(WspError) as e:
            m.emit(project, force=True)
        assert "exists and was not written by wsp" in str(e.value)
        assert (project / "notes.txt").read_text() == "mine"
        out = tmp_path / "art"
        m.emit(out)
        (out / "prog.mlir").write_text("// an input kept in the artifact directory")
        with pytest.raises(WspError) as e:
            m.emit(out, force=True, source_path=out / "prog.mlir")
        assert "holds the input" in str(e.value)
        (out / "prog.mlir").unlink()
        m.emit(out, force=True)
        assert (out / "manifest.json").is_file()
