"""PEP 517 build backend for ``pip install .`` without a network.

pip builds in an isolated environment and would download ``setuptools``
into it. This backend requires nothing: it uses the setuptools of the
interpreter pip runs (on Debian, python3-setuptools and python3-wheel), and
builds from a copy of the package sources in a temporary directory, so
setuptools' own ``build/`` and ``*.egg-info`` never land in the source tree
(whose ``build/`` is CMake's).
"""
import os
import pathlib
import shutil
import sys
import sysconfig
import tempfile

_ROOT = pathlib.Path(__file__).resolve().parents[2]
_COPY = ["pyproject.toml", "README.md", "python/wsp"]


def _setuptools():
    try:
        from setuptools import build_meta
        return build_meta
    except ImportError:
        pass
    # The isolated environment hides the interpreter's own site directories.
    dirs = {sysconfig.get_paths(vars={"base": sys.base_prefix,
                                      "platbase": sys.base_prefix})["purelib"],
            "/usr/lib/python3/dist-packages"}
    for d in sorted(dirs):
        if os.path.isdir(os.path.join(d, "setuptools")) and d not in sys.path:
            sys.path.append(d)
    try:
        from setuptools import build_meta
    except ImportError as e:
        raise RuntimeError("wsp: building needs setuptools (Debian: apt-get install "
                           "python3-setuptools python3-wheel)") from e
    return build_meta


def _in_copy(fn, *args, **kwargs):
    """Runs fn in a temporary copy of the package sources."""
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="wsp-build-") as tmp:
        for rel in _COPY:
            src, dst = _ROOT / rel, pathlib.Path(tmp) / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(src, dst)
        os.chdir(tmp)
        try:
            return fn(*args, **kwargs)
        finally:
            os.chdir(cwd)


def _abs(directory):
    return os.path.abspath(directory)


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    return _in_copy(_setuptools().prepare_metadata_for_build_wheel, _abs(metadata_directory),
                    config_settings)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _in_copy(_setuptools().build_wheel, _abs(wheel_directory), config_settings,
                    _abs(metadata_directory) if metadata_directory else None)


def build_sdist(sdist_directory, config_settings=None):
    return _in_copy(_setuptools().build_sdist, _abs(sdist_directory), config_settings)
