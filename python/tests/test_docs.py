"""Runs the shell examples of the docs, so they cannot drift.

A fenced ``sh`` block preceded by the line ``<!-- doc-test -->`` is run with
bash in a scratch directory that looks like the repository root (``build``,
``examples``, ``dialect``, ``python`` link to the real ones; ``build`` is
$WSP_BUILD_DIR when set), and must exit 0 unless an output block follows.
A plain fenced block preceded by ``<!-- doc-test: output -->`` right after it is
the expected output: each of its lines must be a line of the run's stdout+stderr.
"""
import pathlib
import re
import subprocess

import pytest

from conftest import ROOT

DOCS = sorted((ROOT / "docs").rglob("*.md"))
FENCE = re.compile(r"<!-- doc-test -->\n```sh\n(.*?)```\n(?:\s*<!-- doc-test: output -->\n```\n(.*?)```)?",
                   re.S)


def _blocks():
    for doc in DOCS:
        text = doc.read_text()
        for i, m in enumerate(FENCE.finditer(text)):
            line = text.count("\n", 0, m.start()) + 1
            yield pytest.param(doc, m.group(1), m.group(2), id=f"{doc.relative_to(ROOT)}:{line}")


BLOCKS = list(_blocks())


def test_the_docs_have_tested_examples():
    assert any("getting-started.md" in str(p.values[0]) for p in BLOCKS)


@pytest.mark.parametrize("doc,script,expected", BLOCKS)
def test_doc_example(doc, script, expected, build_dir, tmp_path):
    for name in ("examples", "dialect", "python"):
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / "build").symlink_to(build_dir.resolve())
    r = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True,
                       timeout=300)
    output = r.stdout + r.stderr
    if expected is None:
        assert r.returncode == 0, f"{doc.name}: the example failed:\n{script}\n{output}"
        return
    lines = set(output.splitlines())
    for want in expected.splitlines():
        assert want in lines, f"{doc.name}: expected line not in the output:\n{want}\n---\n{output}"
