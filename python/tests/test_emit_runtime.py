"""Runs the bundled examples on pto-runtime's simulator (a2a3sim), on both
runtimes, and asserts the runtime's own runner prints TEST PASSED.

Needs a checkout of pto-runtime at 41d5c94a and of pto-isa (see
docs/running-on-pto-runtime.md): set PTO_RUNTIME_ROOT and PTO_ISA_ROOT,
otherwise every test is skipped. The runner needs torch in the Python that
runs it (PTO_PYTHON, default: this interpreter). Each run rebuilds the
runtime, about 15 s.

Examples are compiled with wsp-compile --target=pto-runtime-41d5c94a (the
default target is simpler-6ebaf771, run in test_simpler_runtime.py); a
build without that pipeline falls back to the hand-lowered taskring inputs
under test/Emit/Inputs and wsp-translate (examples with slot reads need the
pipeline). Every case of a golden.py's ALL_CASES runs (--all) on the one
artifact: flag_branch and indexer take different branches on device per case.

test_symbols_rebind_without_recompiling compiles one artifact whose task
scalar and guard input are host symbols and runs it twice, once per case,
with different symbol values and different expected results.
"""
import hashlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ["scale", "add", "bgemm", "softmax", "flag_branch", "indexer", "csp_pipeline"]
SLOT_EXAMPLES = {"flag_branch", "indexer"}
RUNTIMES = ["tensormap_and_ringbuffer", "host_build_graph"]
RUNTIME_ROOT = os.environ.get("PTO_RUNTIME_ROOT")
ISA_ROOT = os.environ.get("PTO_ISA_ROOT")

pytestmark = pytest.mark.skipif(
    not (RUNTIME_ROOT and ISA_ROOT),
    reason="set PTO_RUNTIME_ROOT (pto-runtime checkout at 41d5c94a) and PTO_ISA_ROOT (pto-isa) "
           "to run emitted artifacts on a2a3sim; see docs/running-on-pto-runtime.md")


def has_pipeline(build_dir, name):
    out = subprocess.run([str(build_dir / "tools" / "wsp-opt"), "--list-passes"],
                         capture_output=True, text=True, check=True).stdout
    return re.search(rf"^\s+{re.escape(name)}\s", out, re.M) is not None


def emit(build_dir, example, runtime, out):
    golden = ROOT / "examples" / example / "golden.py"
    if example in SLOT_EXAMPLES and not has_pipeline(build_dir, "wsp-to-taskring"):
        pytest.skip("slot reads need the wsp-to-taskring pipeline")
    if has_pipeline(build_dir, "wsp-to-taskring"):
        cmd = [str(build_dir / "tools" / "wsp-compile"), str(ROOT / "examples" / example / f"{example}.mlir"),
               "-o", str(out), f"--runtime={runtime}", "--target=pto-runtime-41d5c94a",
               "--golden", str(golden)]
    else:
        text = (ROOT / "test" / "Emit" / "Inputs" / f"{example}.taskring.mlir").read_text()
        if runtime == "host_build_graph":
            text = text.replace('"tensormap_and_ringbuffer"', '"host_build_graph"')
            text = text.replace("aicpu_threads = 4", "aicpu_threads = 3")
        lowered = out.parent / f"{example}-{runtime}.mlir"
        lowered.write_text(text)
        cmd = [str(build_dir / "tools" / "wsp-translate"), "--taskring-to-pto-runtime",
               str(lowered), "-o", str(out), "--golden", str(golden)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def compile_program(build_dir, src, out, runtime, golden):
    """wsp-compile `src` into `out`; returns its stderr (warnings) after asserting success."""
    result = subprocess.run(
        [str(build_dir / "tools" / "wsp-compile"), str(src), "-o", str(out),
         f"--runtime={runtime}", "--target=pto-runtime-41d5c94a", "--golden", str(golden)],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stderr


def runner_env(tmp_path):
    """The runner compiles sim kernels with `g++-15`; g++ 12 works under that
    name (reference/pto-runtime.md §2.5), so a shim directory provides it
    when the system has none."""
    env = dict(os.environ, PTO_ISA_ROOT=ISA_ROOT)
    if shutil.which("g++-15") is None:
        shim = tmp_path / "gxx15"
        shim.mkdir(exist_ok=True)
        if not (shim / "g++-15").exists():  # a test may run several artifacts
            (shim / "g++-15").symlink_to(shutil.which("g++"))
        env["PATH"] = f"{shim}{os.pathsep}{env['PATH']}"
    return env


def run_artifact(tmp_path, out, *runner_args):
    """Runs an artifact with pto-runtime's runner; returns its log after
    asserting TEST PASSED."""
    python = os.environ.get("PTO_PYTHON", sys.executable)
    runner = pathlib.Path(RUNTIME_ROOT) / "examples" / "scripts" / "run_example.py"
    result = subprocess.run(
        [python, str(runner), "-k", str(out / "kernels"), "-g", str(out / "golden.py"),
         "-p", "a2a3sim", *runner_args],
        cwd=RUNTIME_ROOT, env=runner_env(tmp_path), capture_output=True, text=True,
        timeout=600, check=False)
    log = result.stdout + result.stderr
    assert result.returncode == 0 and "TEST PASSED" in log, log[-4000:]
    return log


@pytest.mark.parametrize("runtime", RUNTIMES)
@pytest.mark.parametrize("example", EXAMPLES)
def test_example_passes_on_a2a3sim(build_dir, tmp_path, example, runtime):
    out = tmp_path / "artifact"
    emit(build_dir, example, runtime, out)
    log = run_artifact(tmp_path, out, "--all")
    cases = re.search(r"=== All (\d+) cases passed ===", log)
    assert cases, log[-4000:]
    if example == "flag_branch":
        assert cases.group(1) == "2"  # the flag set and the flag clear, one artifact
    if example == "indexer":
        assert cases.group(1) == "5"  # every branch of the else-if chain and its boundaries


# --- host symbols: one artifact, rebound per run -----------------------------------------

# y = alpha * x when lens[0] > limit, else y = 2 * alpha * x. alpha is a task
# scalar and limit a guard input (the slot lens[0] is compared on device):
# both are host symbols, orchestration arguments read on every run.
SYMBOL_PROGRAM = """
func.func @axpy(%x: memref<64xf32>, %y: memref<64xf32>, %a: f32)
    attributes {wsp.kernel = "aiv", wsp.access = ["in", "out", "scalar"]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c64 step %c1 {
    %v = memref.load %x[%i] : memref<64xf32>
    %p = arith.mulf %v, %a : f32
    memref.store %p, %y[%i] : memref<64xf32>
  }
  return
}

func.func @main(%lens: memref<1xi64> {wsp.name = "lens"}, %x: memref<64xf32> {wsp.name = "x"},
                %y: memref<64xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %alpha = "wsp.symbol"() {name = "alpha"} : () -> f32
  %limit = "wsp.symbol"() {name = "limit"} : () -> i64
  %c0 = arith.constant 0 : index
  %n = "wsp.slot_read"(%lens, %c0) : (memref<1xi64>, index) -> i64
  %big = arith.cmpi sgt, %n, %limit : i64
  scf.if %big {
    %a0 = "wsp.in"(%x) : (memref<64xf32>) -> !wsp.arg
    %a1 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %a2 = "wsp.scalar"(%alpha) : (f32) -> !wsp.arg
    %t = "wsp.task"(%a0, %a1, %a2) {kernel = @axpy} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
  } else {
    %two = arith.constant 2.0 : f32
    %twice = arith.mulf %alpha, %two : f32
    %a0 = "wsp.in"(%x) : (memref<64xf32>) -> !wsp.arg
    %a1 = "wsp.out"(%y) : (memref<64xf32>) -> !wsp.arg
    %a2 = "wsp.scalar"(%twice) : (f32) -> !wsp.arg
    %t = "wsp.task"(%a0, %a1, %a2) {kernel = @axpy} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
  }
  return
}
"""

SYMBOL_GOLDEN = """
import ctypes

import torch

ALL_CASES = {"Big": {"alpha": 1.5, "limit": 10}, "Small": {"alpha": -0.5, "limit": 1000}}
DEFAULT_CASE = "Big"
LENGTH = 100


def generate_inputs(params):
    x = torch.arange(64, dtype=torch.float32) - 20.0
    y = torch.zeros(64, dtype=torch.float32)
    return [("lens", torch.tensor([LENGTH], dtype=torch.int64)), ("x", x), ("y", y),
            ("alpha", ctypes.c_float(params["alpha"])), ("limit", ctypes.c_int64(params["limit"]))]


def compute_golden(tensors, params):
    factor = params["alpha"] if LENGTH > params["limit"] else 2 * params["alpha"]
    tensors["y"][:] = factor * torch.as_tensor(tensors["x"])
"""


def fnv1a64(name):
    h = 0xcbf29ce484222325
    for byte in name.encode():
        h = ((h ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"0x{h:016x}"


def tree_digest(root):
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_symbols_rebind_without_recompiling(build_dir, tmp_path, runtime):
    if not has_pipeline(build_dir, "wsp-to-taskring"):
        pytest.skip("slot reads need the wsp-to-taskring pipeline")
    program = tmp_path / "symbols.mlir"
    program.write_text(SYMBOL_PROGRAM)
    golden = tmp_path / "symbols_golden.py"
    golden.write_text(SYMBOL_GOLDEN)
    out = tmp_path / "artifact"
    compile_program(build_dir, program, out, runtime, golden)

    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["symbols"] == [
        {"name": "alpha", "id": fnv1a64("alpha"), "index": 3, "dtype": "float32"},
        {"name": "limit", "id": fnv1a64("limit"), "index": 4, "dtype": "int64"}]
    orch = next((out / "kernels" / "orchestration").glob("*.cpp")).read_text()
    assert "wsp_f32_of_bits(args[3]);  // host symbol 'alpha'" in orch
    assert "(int64_t)(args[4]);  // host symbol 'limit'" in orch

    before = tree_digest(out)
    for case in ("Big", "Small"):  # the same files, two bindings of the symbols
        log = run_artifact(tmp_path, out, "--case", case)
        assert "y: PASS (64/64 elements matched)" in log, log[-4000:]
    assert tree_digest(out) == before


# --- CSP: a deadlock the compiler cannot see is reported by the orchestration ----------

# ping and pong each receive first; whether they run their recv loops depends
# on the host symbol 'rounds' (not static), so wsp-check-deadlock only warns
# and the emitted scheduler must catch it.
DEADLOCK_PROGRAM = """
func.func @fill(%o: memref<16x64xf32>)
    attributes {wsp.kernel = "aiv", wsp.access = ["out"]} {
  return
}
func.func @main(%y: memref<16x64xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %f = "wsp.out"(%y) : (memref<16x64xf32>) -> !wsp.arg
  %h = "wsp.task"(%f) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  %r = "wsp.symbol"() {name = "rounds"} : () -> i64
  %n = "wsp.scalar"(%r) : (i64) -> !wsp.arg
  %a = "wsp.create_channel"() {name = "ping2pong", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %b = "wsp.create_channel"() {name = "pong2ping", capacity = 1 : i64} : () -> !wsp.channel<i64>
  %p0 = "wsp.out"(%a) : (!wsp.channel<i64>) -> !wsp.arg
  %p1 = "wsp.in"(%b) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%p0, %p1, %n) {process = @ping} : (!wsp.arg, !wsp.arg, !wsp.arg) -> ()
  %q0 = "wsp.out"(%b) : (!wsp.channel<i64>) -> !wsp.arg
  %q1 = "wsp.in"(%a) : (!wsp.channel<i64>) -> !wsp.arg
  "wsp.spawn"(%q0, %q1, %n) {process = @ping} : (!wsp.arg, !wsp.arg, !wsp.arg) -> ()
  return
}
func.func @ping(%out: !wsp.channel<i64>, %in: !wsp.channel<i64>, %rounds: i64)
    attributes {wsp.process, wsp.access = ["out", "in", "scalar"]} {
  %zero = arith.constant 0 : i64
  %go = arith.cmpi sgt, %rounds, %zero : i64
  scf.if %go {
    %t = scf.while : () -> i64 {
      %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)
      scf.condition(%ok) %tok : i64
    } do {
    ^bb0(%v: i64):
      "wsp.send"(%out, %v) : (!wsp.channel<i64>, i64) -> ()
      scf.yield
    }
  }
  return
}
"""

DEADLOCK_GOLDEN = """
import ctypes
import torch
ALL_CASES = {"Default": {"rounds": 1}}
DEFAULT_CASE = "Default"
def generate_inputs(params):
    return [("y", torch.zeros(16, 64, dtype=torch.float32)),
            ("rounds", ctypes.c_int64(params["rounds"]))]
def compute_golden(tensors, params):
    pass
"""


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_dynamic_deadlock_is_reported_by_the_orchestration(build_dir, tmp_path, runtime):
    src = tmp_path / "deadlock.mlir"
    src.write_text(DEADLOCK_PROGRAM)
    golden = tmp_path / "golden.py"
    golden.write_text(DEADLOCK_GOLDEN)
    out = tmp_path / "artifact"
    warnings = compile_program(build_dir, src, out, runtime, golden)
    assert "deadlock freedom is not checked at compile time" in warnings
    python = os.environ.get("PTO_PYTHON", sys.executable)
    runner = pathlib.Path(RUNTIME_ROOT) / "examples" / "scripts" / "run_example.py"
    run = subprocess.run(
        [python, str(runner), "-k", str(out / "kernels"), "-g", str(out / "golden.py"),
         "-p", "a2a3sim"],
        cwd=RUNTIME_ROOT, env=runner_env(tmp_path), capture_output=True, text=True,
        timeout=600, check=False)
    log = run.stdout + run.stderr
    # The same words as the compile-time report (docs/csp.md), then a stop: no hang.
    assert ("deadlock: every process that has not returned is blocked: "
            "'ping' #0 waits at wsp.recv (") in log, log[-4000:]
    assert ("on channel 'pong2ping' (capacity 1, holding 0 tokens); 'ping' #1 waits at "
            "wsp.recv (") in log, log[-4000:]
    assert "no process can make progress; remedy: reorder the sends and recvs" in log


@pytest.mark.parametrize("runtime", RUNTIMES)
@pytest.mark.parametrize("capacity", [0, 1])
def test_csp_pipeline_capacity_passes_on_a2a3sim(build_dir, tmp_path, capacity, runtime):
    """Rendezvous (0) and capacity 1 give the same result as capacity 2: the
    token and credit ordering holds whatever the capacity."""
    text = (ROOT / "examples" / "csp_pipeline" / "csp_pipeline.mlir").read_text()
    src = tmp_path / "csp.mlir"
    src.write_text(text.replace("capacity = 2 : i64", f"capacity = {capacity} : i64"))
    out = tmp_path / "artifact"
    compile_program(build_dir, src, out, runtime, ROOT / "examples" / "csp_pipeline" / "golden.py")
    log = run_artifact(tmp_path, out)
    assert "y: PASS (8192/8192 elements matched)" in log


# --- CSP: the corrected double buffer of test/Analysis/check-races.mlir -------------

DOUBLE_BUFFER_GOLDEN = """
import torch

RTOL = 0
ATOL = 0


def generate_inputs(params):
    g = torch.Generator().manual_seed(5)
    x = torch.randn(8, 64, generator=g, dtype=torch.float32)
    return [("x", x), ("stage", torch.zeros(2, 64, dtype=torch.float32)),
            ("y", torch.zeros(8, 64, dtype=torch.float32))]


def compute_golden(tensors, params):
    x = torch.as_tensor(tensors["x"])
    tensors["y"][:] = x
    tensors["stage"][0] = x[6]
    tensors["stage"][1] = x[7]
"""


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_corrected_double_buffer_passes_on_a2a3sim(build_dir, tmp_path, runtime):
    """2 staging slots and capacity 1 (capacity 2 is a race, rejected at
    compile time): every tile arrives intact."""
    text = (ROOT / "test" / "Analysis" / "Inputs" / "double_buffer.mlir").read_text()
    src = tmp_path / "double_buffer.mlir"
    src.write_text(text.replace("CAPACITY", "1").replace("SLOTS", "2"))
    golden = tmp_path / "golden.py"
    golden.write_text(DOUBLE_BUFFER_GOLDEN)
    out = tmp_path / "artifact"
    warnings = compile_program(build_dir, src, out, runtime, golden)
    assert "warning" not in warnings
    log = run_artifact(tmp_path, out)
    assert "y: PASS (512/512 elements matched)" in log, log[-4000:]


def test_double_buffer_race_is_real_on_a2a3sim(build_dir, tmp_path):
    """The mistake wsp-check-races rejects (2 slots, capacity 2), compiled with
    every other pass of the default pipeline: the run gives a wrong answer
    (the loader overwrites a slot before the consumer's copy of it runs)."""
    text = (ROOT / "test" / "Analysis" / "Inputs" / "double_buffer.mlir").read_text()
    src = tmp_path / "double_buffer.mlir"
    src.write_text(text.replace("CAPACITY", "2").replace("SLOTS", "2"))
    opt = build_dir / "tools" / "wsp-opt"
    rejected = subprocess.run([str(opt), str(src), "--pass-pipeline=builtin.module(wsp-check-races)",
                               "-o", os.devnull], capture_output=True, text=True, check=False)
    assert rejected.returncode != 0 and "use capacity 1, or 3 slots" in rejected.stderr
    lowered = tmp_path / "double_buffer.taskring.mlir"
    passes = ("wsp-verify,wsp-check-deadlock,wsp-check-fanin,"
              "wsp-lower-to-taskring{target=pto-runtime-41d5c94a},"
              "taskring-predicate-slots,wsp-assign-domains,taskring-materialize-scopes,"
              "taskring-size-resources,taskring-verify")
    subprocess.run([str(opt), str(src), f"--pass-pipeline=builtin.module({passes})", "-o",
                    str(lowered)], check=True)
    golden = tmp_path / "golden.py"
    golden.write_text(DOUBLE_BUFFER_GOLDEN)
    out = tmp_path / "artifact"
    subprocess.run([str(build_dir / "tools" / "wsp-translate"), "--taskring-to-pto-runtime",
                    str(lowered), "-o", str(out), "--golden", str(golden)], check=True)
    python = os.environ.get("PTO_PYTHON", sys.executable)
    runner = pathlib.Path(RUNTIME_ROOT) / "examples" / "scripts" / "run_example.py"
    run = subprocess.run(
        [python, str(runner), "-k", str(out / "kernels"), "-g", str(out / "golden.py"),
         "-p", "a2a3sim"],
        cwd=RUNTIME_ROOT, env=runner_env(tmp_path), capture_output=True, text=True,
        timeout=600, check=False)
    log = run.stdout + run.stderr
    assert run.returncode != 0, log[-4000:]
    assert "Output 'y' does not match golden" in log and "Mismatched elements: 192/512" in log
