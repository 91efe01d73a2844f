"""wsp.run: run an artifact on its target runtime with the runtime's own tooling.

An artifact of target simpler-6ebaf771 (the default) runs through its own
test_<workload>.py (python/wsp/simpler.py). An artifact of target
pto-runtime-41d5c94a runs with
``<runtime_root>/examples/scripts/run_example.py -k <artifact>/kernels -g <golden.py>
-p a2a3sim``. That runner builds the runtime, the orchestration and the
kernels, takes the orchestration arguments from ``generate_inputs()`` of the
golden file, launches, copies the outputs back and compares them with what
``compute_golden()`` wrote. It has no way to hand the outputs back to a
caller. ``wsp.run`` therefore never reimplements the runner: it writes a small
golden.py into a fresh run directory that

* ``generate_inputs``: returns the caller's inputs (saved next to it as
  ``inputs.npz``) in orchestration-argument order, from the artifact's
  manifest, as torch tensors that share memory with numpy arrays it keeps;
* ``compute_golden``: fills in the caller's expected outputs when given
  (``expected.npz``), so the runner's own comparison (RTOL/ATOL) is the
  verdict; for outputs without an expected value it makes the expected tensor
  an alias of the output tensor, so the runner's comparison of that output is
  vacuous (it passes unless the output holds NaN);
* at interpreter exit (``atexit``, after the runner has copied the outputs
  back and compared them) saves the output tensors to ``outputs.npz``, which
  ``wsp.run`` reads back as numpy arrays.

See docs/python.md ("Running artifacts") for the limits of this design.
"""
import importlib.util
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import warnings
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from .compiler import Artifact
from .run_error import RunError

__all__ = ["run", "RunResult", "RunError", "check_environment", "RuntimeEnvironment"]

PINNED_COMMIT = "41d5c94a"


@dataclass
class RuntimeEnvironment:
    runtime_root: pathlib.Path
    isa_root: pathlib.Path
    runner: pathlib.Path
    gxx: str
    gxx15: Optional[str]   # None: a g++-15 shim is needed
    runtime_commit: Optional[str]


@dataclass
class RunResult:
    """What a run produced.

    ``outputs``: the artifact's output tensors (manifest "outputs") as numpy arrays.
    ``passed``: the runner's comparison verdict when expected values were given
    (True/False), None when nothing was compared. ``log``: the runner's output."""
    outputs: Dict[str, "object"]
    passed: Optional[bool]
    returncode: int
    log: str
    command: List[str]
    run_dir: Optional[pathlib.Path] = None
    compared: List[str] = field(default_factory=list)

    def check(self) -> "RunResult":
        """Raises RunError when the runner reported a mismatch."""
        if self.passed is False:
            lines = [ln for ln in self.log.splitlines() if "does not match" in ln or
                     "Mismatched" in ln]
            raise RunError("wsp.run: outputs do not match the expected values:\n" +
                           "\n".join(lines), self.log, self.run_dir)
        return self


def _git_commit(root):
    try:
        r = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                           text=True, timeout=10, check=False)
        return r.stdout.strip() or None if r.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        return None


def check_environment(runtime_root=None, isa_root=None) -> RuntimeEnvironment:
    """Finds pto-runtime, pto-isa, g++ and torch; raises RunError naming what is missing.

    ``runtime_root`` defaults to $PTO_RUNTIME_ROOT, ``isa_root`` to $PTO_ISA_ROOT."""
    root = runtime_root or os.environ.get("PTO_RUNTIME_ROOT")
    if not root:
        raise RunError("wsp.run: no pto-runtime checkout: pass runtime_root= or set "
                       f"PTO_RUNTIME_ROOT to a checkout of uv-xiao/pto-runtime at {PINNED_COMMIT}")
    root = pathlib.Path(root).expanduser().resolve()
    runner = root / "examples" / "scripts" / "run_example.py"
    if not runner.is_file():
        raise RunError(f"wsp.run: {root} is not a pto-runtime checkout with the pinned runner "
                       f"(no examples/scripts/run_example.py); check out {PINNED_COMMIT} "
                       "(PTO_RUNTIME_ROOT / runtime_root=)")
    isa = isa_root or os.environ.get("PTO_ISA_ROOT")
    if not isa:
        raise RunError("wsp.run: no pto-isa checkout: pass isa_root= or set PTO_ISA_ROOT (the "
                       "runner would otherwise try to clone pto-isa from the network)")
    isa = pathlib.Path(isa).expanduser().resolve()
    if not (isa / "include").is_dir():
        raise RunError(f"wsp.run: {isa} is not a pto-isa checkout (no include/ directory) "
                       "(PTO_ISA_ROOT / isa_root=)")
    gxx = shutil.which("g++")
    if not gxx:
        raise RunError("wsp.run: g++ is not on PATH; the runtime builds its host and simulated "
                       "binaries with g++ (Debian: apt-get install g++)")
    if importlib.util.find_spec("torch") is None:
        raise RunError(f"wsp.run: {sys.executable} cannot import torch, which pto-runtime's "
                       "runner needs (Debian: apt-get install python3-torch)")
    commit = _git_commit(root)
    if commit and not commit.startswith(PINNED_COMMIT):
        warnings.warn(f"wsp.run: {root} is at {commit[:8]}, not the pinned {PINNED_COMMIT}; "
                      "artifacts target the pinned runtime", stacklevel=3)
    return RuntimeEnvironment(root, isa, runner, gxx, shutil.which("g++-15"), commit)


# --- inputs -----------------------------------------------------------------

def _np_dtype(name):
    import numpy as np
    if name == "bfloat16":
        raise RunError("wsp.run: bfloat16 tensors cannot be passed from numpy (numpy has no "
                       "bfloat16); use a golden.py (wsp.compile(golden=...)) and run with "
                       "inputs=None")
    return np.dtype(name)


def _prepare_inputs(art: Artifact, inputs):
    import numpy as np
    program_args = [a for a in art.arguments
                    if "initial_value_of" not in a and not a.get("scratch")]
    known = {a["name"] for a in program_args}
    unknown = sorted(set(inputs) - known)
    if unknown:
        raise ValueError(f"wsp.run: unknown input(s) {unknown}; the artifact's arguments are "
                         f"{[a['name'] for a in program_args]}")
    tensors, scalars = {}, {}
    for a in program_args:
        name = a["name"]
        if a["kind"] == "tensor":
            dt = _np_dtype(a["dtype"])
            shape = tuple(a["shape"])
            if name not in inputs:
                if a.get("access") in ("out", "inout"):
                    tensors[name] = np.zeros(shape, dt)  # written by the program
                    continue
                raise ValueError(f"wsp.run: missing input tensor {name!r} {list(shape)} "
                                 f"{a['dtype']} (the program reads it)")
            arr = np.asarray(inputs[name])
            if arr.shape != shape:
                raise ValueError(f"wsp.run: input {name!r} has shape {list(arr.shape)}, the "
                                 f"artifact expects {list(shape)}")
            if arr.dtype != dt:
                if not np.can_cast(arr.dtype, dt, casting="same_kind"):
                    raise ValueError(f"wsp.run: input {name!r} is {arr.dtype}, the artifact "
                                     f"expects {dt}")
                arr = arr.astype(dt)
            tensors[name] = np.ascontiguousarray(arr)
        else:
            if name not in inputs:
                raise ValueError(f"wsp.run: missing input scalar {name!r} ({a['dtype']})")
            v = inputs[name]
            v = v.item() if hasattr(v, "item") else v
            if not isinstance(v, (int, float, bool)):
                raise ValueError(f"wsp.run: scalar {name!r} must be a number, not "
                                 f"{type(v).__name__}")
            scalars[name] = v
    for a in art.arguments:  # intermediates the compiler made arguments: zeros
        if a.get("scratch"):
            tensors[a["name"]] = np.zeros(tuple(a["shape"]), _np_dtype(a["dtype"]))
    return tensors, scalars


def _prepare_expected(art: Artifact, expected, tensors, scalars):
    import numpy as np
    if expected is None:
        return {}
    if callable(expected):
        expected = expected({**{k: v.copy() for k, v in tensors.items()}, **scalars})
    out = {}
    outs = {a["name"]: a for a in art.arguments if a["name"] in art.outputs}
    for name, value in expected.items():
        if name not in outs:
            raise ValueError(f"wsp.run: expected value for {name!r}, which is not an output "
                             f"(outputs: {art.outputs})")
        arr = np.asarray(value, dtype=_np_dtype(outs[name]["dtype"]))
        if arr.shape != tuple(outs[name]["shape"]):
            raise ValueError(f"wsp.run: expected {name!r} has shape {list(arr.shape)}, the "
                             f"output is {outs[name]['shape']}")
        out[name] = np.ascontiguousarray(arr)
    return out


_GOLDEN_INPUTS = r'''# Written by wsp.run (python/wsp/runner.py) for pto-runtime's run_example.py.
# generate_inputs: the caller's inputs (inputs.npz) in orchestration-argument order.
# compute_golden: the caller's expected outputs (expected.npz); an output without
#   one is made an alias of the actual output, so its comparison is vacuous.
# At exit the outputs (copied back by the runner) are saved to outputs.npz.
import atexit
import ctypes
import json
import pathlib

import numpy as np
import torch

_HERE = pathlib.Path(__file__).resolve().parent
_RUN = json.loads((_HERE / "wsp_run.json").read_text())
__outputs__ = list(_RUN["outputs"])
RTOL = _RUN["rtol"]
ATOL = _RUN["atol"]
_TENSORS = {}
_CTYPES = {"float32": ctypes.c_float, "float64": ctypes.c_double, "int8": ctypes.c_int8,
           "int16": ctypes.c_int16, "int32": ctypes.c_int32, "int64": ctypes.c_int64,
           "uint8": ctypes.c_uint8, "uint16": ctypes.c_uint16, "uint32": ctypes.c_uint32,
           "uint64": ctypes.c_uint64, "index": ctypes.c_int64, "bool": ctypes.c_bool}


def _scalar(dtype, value):
    if dtype == "float16":
        return ctypes.c_uint64(int(np.array(value, np.float16).view(np.uint16)))
    if dtype == "bfloat16":
        bits = int(np.array(value, np.float32).view(np.uint32))
        return ctypes.c_uint64(((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16) & 0xFFFF)
    return _CTYPES[dtype](value)


def generate_inputs(params):
    data = np.load(_HERE / "inputs.npz")
    args = []
    for a in _RUN["arguments"]:
        name = a["name"]
        if a["kind"] == "tensor":
            arr = np.ascontiguousarray(data[a.get("initial_value_of") or name]).copy()
            t = torch.from_numpy(arr)
            _TENSORS[name] = t
            args.append((name, t))
        else:
            args.append((name, _scalar(a["dtype"], _RUN["scalars"][name])))
    return args


def compute_golden(tensors, params):
    path = _HERE / "expected.npz"
    expected = np.load(path) if path.exists() else {}
    for name in __outputs__:
        if name in expected:
            tensors[name][:] = torch.from_numpy(np.ascontiguousarray(expected[name]))
        else:
            tensors[name].set_(_TENSORS[name])


def _save():
    if _TENSORS:
        np.savez(_HERE / "outputs.npz",
                 **{n: _TENSORS[n].numpy() for n in __outputs__ if n in _TENSORS})


atexit.register(_save)
'''

_GOLDEN_WRAP = r'''# Written by wsp.run (python/wsp/runner.py): the artifact's own golden.py,
# with the tensors it generates recorded and saved to outputs.npz at exit.
import atexit
import importlib.util
import json
import pathlib

import numpy as np
import torch

_HERE = pathlib.Path(__file__).resolve().parent
_RUN = json.loads((_HERE / "wsp_run.json").read_text())
_spec = importlib.util.spec_from_file_location("wsp_artifact_golden", _RUN["golden"])
_user = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_user)
__outputs__ = list(getattr(_user, "__outputs__", _RUN["outputs"]))
RTOL = getattr(_user, "RTOL", 1e-5)
ATOL = getattr(_user, "ATOL", 1e-5)
for _n in ("ALL_CASES", "DEFAULT_CASE", "TENSOR_ORDER"):
    if hasattr(_user, _n):
        globals()[_n] = getattr(_user, _n)
_TENSORS = {}


def generate_inputs(params):
    args = _user.generate_inputs(params)
    if not isinstance(args, list):
        return args
    out = []
    for name, value in args:
        if isinstance(value, (torch.Tensor, np.ndarray)):
            value = torch.as_tensor(value).cpu().contiguous()
            _TENSORS[name] = value
        out.append((name, value))
    return out


def compute_golden(tensors, params):
    _user.compute_golden(tensors, params)


def _save():
    if _TENSORS:
        np.savez(_HERE / "outputs.npz",
                 **{n: _TENSORS[n].numpy() for n in __outputs__ if n in _TENSORS})


atexit.register(_save)
'''


def _run_simpler(art, inputs, expected, rtol, atol, platform, timeout):
    """An artifact of target simpler-6ebaf771: its own test_<workload>.py runs it
    (python/wsp/simpler.py); outputs are compared there and not returned."""
    from .simpler import run_on_simpler, simpler_command
    if inputs is None:
        if art.golden_path is None:
            raise ValueError("wsp.run: no inputs and the artifact has no golden.py; pass inputs= "
                             "(or compile with golden=...)")
        cmd = simpler_command(art, platform)
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        log = r.stdout + r.stderr
        passed = r.returncode == 0 and "PASSED" in log and "FAILED" not in log
        return RunResult({}, passed, r.returncode, log, cmd, art.path, list(art.outputs))
    passed, code, log, cmd = run_on_simpler(art, inputs, expected, rtol, atol, platform, timeout)
    return RunResult({}, passed, code, log, cmd, art.path, list(art.outputs))


def run(artifact, inputs=None, runtime_root=None, isa_root=None, platform: str = "a2a3sim",
        expected=None, rtol: float = 1e-5, atol: float = 1e-5, timeout: float = 1800,
        keep: bool = False, work_dir=None, verbose: bool = False) -> RunResult:
    """Runs ``artifact`` with its runtime's own runner: pto-runtime's ``run_example.py``
    (target pto-runtime-41d5c94a), returning the outputs, or simpler's
    ``test_<workload>.py`` (target simpler-6ebaf771), which compares on its side and
    returns no outputs (``RunResult.outputs`` is empty).

    ``inputs``: {argument name: numpy array or number} for the artifact's arguments
    (manifest "arguments"; output-only tensors may be omitted and start as zeros).
    ``inputs=None`` runs the artifact's own golden.py (``wsp.compile(golden=...)``).
    ``expected``: {output name: array}, or a function of the inputs returning one;
    the runner then compares with ``rtol``/``atol`` and ``RunResult.passed`` is its
    verdict. ``runtime_root``/``isa_root`` default to $PTO_RUNTIME_ROOT/$PTO_ISA_ROOT.
    ``keep`` keeps the run directory (always kept on failure).
    Raises :class:`RunError` when the runtime is missing or the run fails."""
    if platform not in ("a2a3sim", "a2a3"):
        raise ValueError(f"wsp.run: platform {platform!r} is not a2a3sim or a2a3")
    art = artifact if isinstance(artifact, Artifact) else Artifact.load(artifact)
    if str(art.manifest.get("abi", "")).startswith("wsp-simpler-"):
        return _run_simpler(art, inputs, expected, rtol, atol, platform, timeout)
    import numpy as np

    # Validate everything cheap before looking for the runtime.
    meta = {"arguments": art.arguments, "outputs": art.outputs, "rtol": rtol, "atol": atol}
    if inputs is None:
        if art.golden_path is None:
            raise ValueError("wsp.run: no inputs and the artifact has no golden.py; pass inputs= "
                             "(or compile with golden=...)")
        meta["golden"] = str(art.golden_path.resolve())
        golden_text = _GOLDEN_WRAP
        compared = list(art.outputs)
        tensors, exp = {}, {}
    else:
        tensors, scalars = _prepare_inputs(art, inputs)
        exp = _prepare_expected(art, expected, tensors, scalars)
        compared = sorted(exp)
        meta["scalars"] = scalars
        golden_text = _GOLDEN_INPUTS
    env = check_environment(runtime_root, isa_root)

    run_dir = pathlib.Path(tempfile.mkdtemp(prefix="wsp-run-", dir=work_dir))
    if inputs is not None:
        np.savez(run_dir / "inputs.npz", **tensors)
        if exp:
            np.savez(run_dir / "expected.npz", **exp)
    (run_dir / "wsp_run.json").write_text(json.dumps(meta, indent=1))
    (run_dir / "golden.py").write_text(golden_text)

    path = os.environ.get("PATH", "")
    if env.gxx15 is None:
        # The pinned runner compiles simulated kernels with `g++-15`; g++ 12 works under
        # that name (docs/python.md).
        shim = run_dir / "bin"
        shim.mkdir()
        (shim / "g++-15").symlink_to(env.gxx)
        path = f"{shim}{os.pathsep}{path}"
    child_env = dict(os.environ, PTO_ISA_ROOT=str(env.isa_root), PATH=path,
                     PYTHONDONTWRITEBYTECODE="1")
    cmd = [sys.executable, str(env.runner), "-k", str(art.kernels_dir.resolve()), "-g",
           str(run_dir / "golden.py"), "-p", platform]
    try:
        proc = subprocess.run(cmd, cwd=run_dir, env=child_env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=timeout, check=False)
        log, rc = proc.stdout, proc.returncode
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        raise RunError(f"wsp.run: the runner did not finish in {timeout} s (run directory "
                       f"{run_dir})\n{_tail(out)}", out, run_dir) from None
    if verbose:
        sys.stdout.write(log)

    outputs = {}
    out_file = run_dir / "outputs.npz"
    if out_file.exists():
        with np.load(out_file) as data:
            outputs = {k: data[k].copy() for k in data.files}
    mismatch = "does not match golden" in log
    if rc == 0:
        passed = True if compared else None
    elif mismatch and outputs:
        passed = False if compared else None
    else:
        raise RunError(f"wsp.run: the pto-runtime runner failed (exit {rc}); command: "
                       f"{' '.join(cmd)}; run directory kept at {run_dir}\n{_tail(log)}",
                       log, run_dir)
    result = RunResult(outputs, passed, rc, log, cmd, run_dir, compared)
    if not keep and passed is not False:
        shutil.rmtree(run_dir, ignore_errors=True)
        result.run_dir = None
    return result


def _tail(log, n=25):
    lines = log.splitlines()
    return "\n".join(lines[-n:])
