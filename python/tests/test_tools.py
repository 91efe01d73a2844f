"""Smoke tests of the command-line tools as Python users drive them (subprocess)."""
import subprocess


def run(build_dir, *args, input_text=None):
    return subprocess.run([str(build_dir / "tools" / "wsp-opt"), *args], input=input_text,
                          capture_output=True, text=True, check=False)


def test_version_names_pinned_runtime(build_dir):
    result = run(build_dir, "--version")
    assert result.returncode == 0
    assert result.stdout.startswith("wsp ")
    assert "41d5c94a" in result.stdout


def test_stdin_round_trip(build_dir):
    source = '%0 = "wsp.symbol"() {name = "n"} : () -> i64\n'
    result = run(build_dir, "-", input_text=source)
    assert result.returncode == 0, result.stderr
    assert '"wsp.symbol"() {name = "n"} : () -> i64' in result.stdout


def test_parse_error_is_located_on_stdin(build_dir):
    result = run(build_dir, input_text='%0 = "wsp.symbol"() : () -> i64\n')
    assert result.returncode == 1
    assert result.stderr.startswith("<stdin>:1:")
    assert "error:" in result.stderr
