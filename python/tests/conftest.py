"""Shared fixtures: where the build tree is (WSP_BUILD_DIR, else ./build)."""
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def build_dir() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("WSP_BUILD_DIR", ROOT / "build"))
    if not (path / "tools" / "wsp-opt").exists():
        pytest.fail(f"no wsp build at {path}; run scripts/build.sh or set WSP_BUILD_DIR")
    return path
