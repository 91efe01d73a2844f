"""The static CSP analysis at scale (docs/csp.md, Complexity): scheduling
costs O(log P) per switch, so the producer benchmark grows near-linearly,
and a deadlock among many processes is reported in a few lines."""
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_producer_benchmark_runs_and_grows_near_linearly(build_dir):
    env = dict(os.environ, WSP_BUILD_DIR=str(build_dir))
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "csp_scale.py"), "2000", "20000"],
                         env=env, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    rows = [line.split() for line in run.stdout.splitlines()[1:]]
    assert [int(r[0]) for r in rows] == [2000, 20000]
    small, large = float(rows[0][1]), float(rows[1][1])
    # 10x the processes: a quadratic scheduler took ~50x (20000: 2.2 s before);
    # allow generous noise on a shared machine, far below quadratic.
    assert large < 30 * max(small, 0.05), run.stdout
    assert large < 20, run.stdout


def test_deadlock_among_20000_processes_is_summarised(build_dir, tmp_path):
    src = tmp_path / "many.mlir"
    src.write_text("""
func.func @producer(%out: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["out"]} {
  %t = arith.constant 0 : i64
  "wsp.send"(%out, %t) : (!wsp.channel<i64>, i64) -> ()
  "wsp.send"(%out, %t) : (!wsp.channel<i64>, i64) -> ()
  return
}
func.func @consumer(%in: !wsp.channel<i64>) attributes {wsp.process, wsp.access = ["in"]} {
  %ok, %t = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
  return
}
func.func @many() attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 20000 : index
  %c = "wsp.create_channel"() {name = "c", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %o = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  scf.for %i = %c0 to %n step %c1 {
    "wsp.spawn"(%o) {process = @producer} : (!wsp.arg) -> ()
  }
  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q) {process = @consumer} : (!wsp.arg) -> ()
  return
}
""")
    run = subprocess.run([str(build_dir / "tools" / "wsp-opt"), str(src),
                          "--pass-pipeline=builtin.module(wsp-check-deadlock)", "-o", os.devnull],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode != 0
    assert "and 19991 more: 19991 wait at wsp.send" in run.stderr
    assert len(run.stderr) < 8000, len(run.stderr)
    assert run.stderr.count("note:") == 8
