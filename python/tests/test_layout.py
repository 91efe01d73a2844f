"""The source layout has no file-level dependency cycle (docs/architecture.md): checked
with scripts/check-deps.py on the build's object files (a file depends on another when
it uses a symbol the other defines)."""
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("prefix", ["codegen/", "passes/"])
def test_no_dependency_cycle(build_dir, prefix):
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "check-deps.py"), str(build_dir),
                        prefix], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no dependency cycle" in r.stdout


def test_a_cycle_is_reported(tmp_path):
    # two object files that use each other's function
    objdir = tmp_path / "lib" / "CMakeFiles" / "wsp_objects.dir" / "__" / "codegen"
    objdir.mkdir(parents=True)
    src = tmp_path / "codegen"
    src.mkdir()
    for name, other in (("a", "b"), ("b", "a")):
        c = src / f"{name}.c"
        c.write_text(f"void {other}_fn(void);\nvoid {name}_fn(void) {{ {other}_fn(); }}\n")
        subprocess.run(["cc", "-c", str(c), "-o", str(objdir / f"{name}.c.o")], check=True)
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "check-deps.py"), str(tmp_path),
                        "codegen/", "--root", str(tmp_path)], capture_output=True, text=True)
    assert r.returncode == 1 and "dependency cycle" in r.stdout, r.stdout + r.stderr
