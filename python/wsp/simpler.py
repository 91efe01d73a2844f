"""Running an artifact of target simpler-6ebaf771 on simpler's a2a3sim.

The artifact carries its own runner, ``test_<workload>.py`` (a SceneTestCase): it
takes its inputs and expected outputs from the artifact's ``golden.py``. Given
``inputs`` and ``expected`` (numpy arrays and numbers), :func:`run_on_simpler`
writes them next to the artifact (``wsp_inputs.npz``, ``wsp_expected.npz``) with a
``golden.py`` that serves them, then runs the test file with ``/usr/bin/python3``
(see docs/running-on-simpler.md for the environment: SIMPLER_ROOT, PTO_ISA_ROOT,
PYTHONPATH with the torch shim and simpler's python directories, ``g++-15``).
``wsp.run`` calls it for simpler artifacts.
"""
import os
import pathlib
import subprocess
import sys

_GOLDEN = '''# golden.py written by wsp.run for target simpler-6ebaf771: the inputs and expected
# outputs the caller gave, saved next to this file.
import pathlib

import numpy as np
import torch

_HERE = pathlib.Path(__file__).resolve().parent
RTOL = {rtol!r}
ATOL = {atol!r}
_ORDER = {order!r}
_SCALARS = {scalars!r}


def generate_inputs(params):
    data = np.load(_HERE / "wsp_inputs.npz")
    return [(name, torch.from_numpy(np.ascontiguousarray(data[name])) if kind == "tensor"
             else _SCALARS[name]) for name, kind in _ORDER]


def compute_golden(tensors, params):
    expected = np.load(_HERE / "wsp_expected.npz")
    for name in expected.files:
        tensors[name][:] = torch.from_numpy(np.ascontiguousarray(expected[name]))
'''


def _np_dtype(name):
    import numpy as np
    return {"float32": np.float32, "float64": np.float64, "float16": np.float16,
            "int8": np.int8, "int16": np.int16, "int32": np.int32, "int64": np.int64,
            "uint8": np.uint8, "uint64": np.int64, "bool": np.bool_}[name]


def run_on_simpler(art, inputs, expected=None, rtol=1e-5, atol=1e-5, platform="a2a3sim",
                   timeout=1800):
    """Runs ``art`` (an Artifact of target simpler-6ebaf771) on simpler. Returns
    ``(passed, returncode, log, command)``; ``passed`` is simpler's own comparison
    verdict."""
    import numpy as np
    env_missing = [v for v in ("SIMPLER_ROOT", "PTO_ISA_ROOT") if not os.environ.get(v)]
    if env_missing:
        from .run_error import RunError
        raise RunError(f"wsp.run: set {' and '.join(env_missing)} to run on simpler "
                       "(docs/running-on-simpler.md)")
    args = [a for a in art.arguments if not a.get("scratch")]
    known = {a["name"] for a in args}
    unknown = sorted(set(inputs) - known)
    if unknown:
        raise ValueError(f"wsp.run: unknown input(s) {unknown}; the artifact's arguments are "
                         f"{[a['name'] for a in args]}")
    tensors, scalars = {}, {}
    for a in args:
        name = a["name"]
        if a["kind"] == "tensor":
            dt, shape = _np_dtype(a["dtype"]), tuple(a["shape"])
            if name not in inputs:
                if a.get("access") not in ("out", "inout"):
                    raise ValueError(f"wsp.run: missing input tensor {name!r} {list(shape)} "
                                     f"{a['dtype']} (the program reads it)")
                tensors[name] = np.zeros(shape, dt)
                continue
            arr = np.asarray(inputs[name])
            if arr.shape != shape:
                raise ValueError(f"wsp.run: input {name!r} has shape {list(arr.shape)}, the "
                                 f"artifact expects {list(shape)}")
            tensors[name] = np.ascontiguousarray(arr.astype(dt, copy=False))
        else:
            if name not in inputs:
                raise ValueError(f"wsp.run: missing input scalar {name!r} ({a['dtype']})")
            v = inputs[name]
            scalars[name] = v.item() if hasattr(v, "item") else v
    if callable(expected):
        expected = expected({**tensors, **scalars})
    expected = dict(expected or {})
    for name in art.outputs:  # an output without expected values must come back unchanged
        expected.setdefault(name, tensors[name])
    exp = {n: np.ascontiguousarray(np.asarray(v).astype(tensors[n].dtype, copy=False))
           for n, v in expected.items()}
    np.savez(art.path / "wsp_inputs.npz", **tensors)
    np.savez(art.path / "wsp_expected.npz", **exp)
    order = [(a["name"], a["kind"]) for a in args]
    (art.path / "golden.py").write_text(_GOLDEN.format(rtol=rtol, atol=atol, order=order,
                                                       scalars=scalars))
    cmd = simpler_command(art, platform)
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    log = r.stdout + r.stderr
    passed = r.returncode == 0 and "PASSED" in log and "FAILED" not in log
    return passed, r.returncode, log, cmd


def simpler_command(art, platform="a2a3sim"):
    """``python3 <artifact>/test_<workload>.py -p <platform>`` (Debian's python3, which
    has torch; see docs/running-on-simpler.md)."""
    test = next(pathlib.Path(art.path).glob("test_*.py"))
    python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    return [python, str(test), "-p", platform]
