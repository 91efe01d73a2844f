"""Shared fixtures: where the build tree is (WSP_BUILD_DIR, else ./build), and the
Python examples as modules."""
import importlib.util
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def build_dir() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("WSP_BUILD_DIR", ROOT / "build"))
    if not (path / "tools" / "wsp-opt").exists():
        pytest.fail(f"no wsp build at {path}; run scripts/build.sh or set WSP_BUILD_DIR")
    return path


def _load_example(name):
    """Imports examples/python/<name>.py (building its workload) without running main."""
    examples = ROOT / "examples" / "python"
    if str(examples) not in sys.path:
        sys.path.insert(0, str(examples))  # the examples import _common
    spec = importlib.util.spec_from_file_location(f"wsp_example_{name}", examples / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def load_example():
    """``load_example("csp_pipeline")``: the example's module (its ``w``, inputs, reference)."""
    return _load_example
