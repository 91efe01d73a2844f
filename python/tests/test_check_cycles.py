"""scripts/check-cycles.py on tiny synthetic trees: it finds file-level cycles among C
objects (nm symbols) and Python modules (imports, lazy ones too), prints them, fails on
them, and lets an allow-list tolerate a known cycle without tolerating its growth."""
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check-cycles.py"


def run(*args):
    r = subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True,
                       text=True)
    return r.returncode, r.stdout + r.stderr


def write(root, files):
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


# --------------------------------------------------------------------------- Python

def test_python_lazy_import_cycle(tmp_path):
    write(tmp_path, {
        "pkg/__init__.py": "from .a import f\n",
        "pkg/a.py": "from .b import g\n\ndef f():\n    return g()\n",
        # a lazy import is still a dependency: a -> b -> a
        "pkg/b.py": "def g():\n    from .a import f\n    return f\n",
    })
    rc, out = run("--no-c", "--python", tmp_path / "pkg", "--allow", "none")
    assert rc == 1, out
    assert "Python cycle group of 2 files, NOT ALLOWED" in out
    assert "pkg.a -> pkg.b: line 1" in out and "pkg.b -> pkg.a: line 2" in out
    assert "1 dependency cycle group not allowed" in out


def test_python_no_cycle_through_parent_packages(tmp_path):
    # A package's __init__ imports its modules, which import siblings and the package
    # above (relative, two levels): the implicit import of a parent is not a cycle.
    write(tmp_path, {
        "pkg/__init__.py": "from .sub import h\n",
        "pkg/core.py": "X = 1\n",
        "pkg/sub/__init__.py": "from .one import h\nfrom . import two\n",
        "pkg/sub/one.py": "from ..core import X\nfrom .two import k\n\ndef h():\n    return k()\n",
        "pkg/sub/two.py": "import os\n\ndef k():\n    return os.sep\n",
    })
    rc, out = run("--no-c", "--python", tmp_path / "pkg", "--allow", "none")
    assert rc == 0, out
    assert "no disallowed dependency cycle (5 Python modules)" in out


def test_python_import_of_the_own_package_is_a_cycle(tmp_path):
    # pkg/__init__ imports mod; mod imports pkg (for a name of the package): a cycle.
    write(tmp_path, {
        "pkg/__init__.py": "from .mod import f\nVERSION = 1\n",
        "pkg/mod.py": "def f():\n    from pkg import VERSION\n    return VERSION\n",
    })
    rc, out = run("--no-c", "--python", tmp_path / "pkg", "--allow", "none")
    assert rc == 1, out
    assert "pkg -> pkg.mod" in out and "pkg.mod -> pkg" in out


# --------------------------------------------------------------------------- C

def compile_objects(tmp_path, sources):
    cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if cc is None or not (shutil.which("nm") or shutil.which("llvm-nm")):
        pytest.skip("no C compiler or nm")
    objdir = tmp_path / "build" / "lib" / "CMakeFiles" / "t.dir"
    for name, text in sources.items():
        src = tmp_path / "lib" / name
        src.parent.mkdir(parents=True, exist_ok=True)
        src.write_text(text)
        obj = objdir / (name + ".o")
        obj.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([cc, "-c", "-o", str(obj), str(src)], check=True)
    return objdir


def c_args(tmp_path, objdir, allow):
    return ("--no-python", "--build", tmp_path / "build", "--root", tmp_path,
            "--objects", objdir, "--allow", allow)


TWO = {
    "a.c": "int b(void);\nint c(void);\nint a(void) { return b() + c(); }\n",
    "b.c": "int a(void);\nint b(void) { return a() + 1; }\n",
    "c.c": "int c(void) { return 1; }\n",
}


def test_c_cycle_found_and_printed(tmp_path):
    objdir = compile_objects(tmp_path, TWO)
    rc, out = run(*c_args(tmp_path, objdir, "none"))
    assert rc == 1, out
    assert "C cycle group of 2 files, NOT ALLOWED" in out
    assert "lib/a.c  lib/b.c" in out
    assert "lib/a.c -> lib/b.c: b" in out and "lib/b.c -> lib/a.c: a" in out
    assert "lib/c.c" not in out  # used, but not on a cycle


def test_c_stale_objects_are_skipped(tmp_path):
    # An object whose source is gone (moved since the build) is not a file of the tree.
    objdir = compile_objects(tmp_path, TWO)
    (tmp_path / "lib" / "b.c").unlink()
    rc, out = run(*c_args(tmp_path, objdir, "none"))
    assert rc == 0, out
    assert "note: skipped 1 stale object whose source is gone" in out and "b.c.o" in out
    assert "(2 C files)" in out


def test_c_allow_list_tolerates_but_does_not_let_a_cycle_grow(tmp_path):
    allow = tmp_path / "allowed.txt"
    allow.write_text("# known\nlib/a.c lib/b.c\n")
    objdir = compile_objects(tmp_path, TWO)
    rc, out = run(*c_args(tmp_path, objdir, allow))
    assert rc == 0, out
    assert "allowed (allow-list line 2)" in out
    # d.c joins the cycle (b -> d -> a): the group grows past its line and fails.
    grown = dict(TWO, **{
        "b.c": "int d(void);\nint b(void) { return d() + 1; }\n",
        "d.c": "int a(void);\nint d(void) { return a(); }\n",
    })
    objdir = compile_objects(tmp_path / "grown", grown)
    rc, out = run(*c_args(tmp_path / "grown", objdir, allow))
    assert rc == 1, out
    assert "C cycle group of 3 files, NOT ALLOWED" in out


def test_c_edge_lines_drop_dependencies_and_patterns_cross_folders(tmp_path):
    sources = {
        "Registry.c": "int passA(void);\nint passB(void);\nint count(void) { return 2; }\n"
                      "int all(void) { return passA() + passB(); }\n",
        "passes/X/A.c": "int count(void);\nint passA(void) { return count(); }\n",
        "passes/Y/B.c": "int count(void);\nint passB(void) { return count(); }\n",
    }
    objdir = compile_objects(tmp_path, sources)
    rc, out = run(*c_args(tmp_path, objdir, "none"))
    assert rc == 1 and "C cycle group of 3 files" in out, out
    allow = tmp_path / "allowed.txt"
    allow.write_text("lib/Registry.c -> lib/passes/*.c\n")
    rc, out = run(*c_args(tmp_path, objdir, allow))
    assert rc == 0, out
    assert "C: 2 dependencies dropped" in out
    # A cycle between two passes is still found with the registry's edges dropped.
    sources["passes/Y/B.c"] = "int passA(void);\nint passB(void) { return passA(); }\n"
    sources["passes/X/A.c"] = "int passB(void);\nint passA(void) { return passB(); }\n"
    objdir = compile_objects(tmp_path / "p", sources)
    rc, out = run(*c_args(tmp_path / "p", objdir, allow))
    assert rc == 1, out
    assert "lib/passes/X/A.c  lib/passes/Y/B.c" in out


def test_missing_build_is_a_usage_error(tmp_path):
    rc, out = run("--build", tmp_path / "nothing", "--allow", "none")
    assert rc == 2
    assert "build first" in out
