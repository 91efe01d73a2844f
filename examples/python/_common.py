"""Shared driver of the Python examples: verify, compile, and (with --run) run on a2a3sim.

Each example builds a DSL workload and a numpy reference and calls :func:`main`.
Run one from the repository root:

    python3 examples/python/scale.py            # verify, compile, print the artifact
    python3 examples/python/scale.py --run      # ... and run it on simpler's a2a3sim
    python3 examples/python/scale.py --run --target=pto-runtime-41d5c94a   # ... on pto-runtime's

The examples find the ``wsp`` package in ``<repo>/python`` when it is not installed,
and libwsp in ``build/`` (``WSP_BUILD_DIR`` or ``WSP_LIBRARY`` to change it).
"""
import argparse
import importlib.util
import os
import pathlib
import sys
import tempfile

_REPO = pathlib.Path(__file__).resolve().parents[2]
if importlib.util.find_spec("wsp") is None:
    sys.path.insert(0, str(_REPO / "python"))

import numpy as np  # noqa: E402

import wsp  # noqa: E402


def main(w, inputs, reference, rtol=1e-5, atol=1e-5, argv=None):
    """``w``: the workload; ``inputs``: {name: array or number}; ``reference``: a function
    of the inputs returning the expected outputs."""
    p = argparse.ArgumentParser(description=sys.modules["__main__"].__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", action="store_true", help="run on the target's a2a3sim")
    p.add_argument("--print-ir", action="store_true", help="print the generated wsp IR")
    p.add_argument("-o", "--out", help="artifact directory (default: a temporary one)")
    p.add_argument("--runtime", default="tensormap_and_ringbuffer",
                   choices=["tensormap_and_ringbuffer", "host_build_graph"])
    p.add_argument("--target", default=wsp.compiler.DEFAULT_TARGET,
                   choices=list(wsp.compiler.TARGETS) + ["simpler"],
                   help="the runtime the artifact is for (docs/artifact.md; default "
                        f"{wsp.compiler.DEFAULT_TARGET})")
    args = p.parse_args(argv)

    if args.print_ir:
        print(w.mlir)
    w.verify()
    print(f"{w.name}: wsp-verify ok ({len(w.mlir.splitlines())} lines of IR)")
    expected = reference({k: (np.array(v) if isinstance(v, np.ndarray) else v)
                          for k, v in inputs.items()})
    print("reference outputs:", ", ".join(f"{k} {list(np.shape(v))}" for k, v in expected.items()))
    out = args.out or os.path.join(tempfile.mkdtemp(prefix="wsp-example-"), w.name)
    art = wsp.compile(w, out, runtime=args.runtime, force=True, target=args.target)
    print(f"artifact: {art.path}")
    for f in art.files():
        print(f"  {f}")
    print(art.capability_report)
    if not args.run:
        return 0
    simpler = art.manifest.get("abi", "").startswith("wsp-simpler-")
    try:
        if simpler:
            missing = [v for v in ("SIMPLER_ROOT", "PTO_ISA_ROOT") if not os.environ.get(v)]
            if missing:
                raise wsp.RunError(f"set {' and '.join(missing)} (docs/running-on-simpler.md)")
        else:
            wsp.check_environment()
    except wsp.RunError as e:
        print(f"not running: {e}")
        return 2
    result = wsp.run(art, inputs, expected=expected, rtol=rtol, atol=atol)
    if simpler:  # simpler compares on its side and hands no outputs back
        print("PASS" if result.passed else "FAIL\n" + result.log[-3000:])
        return 0 if result.passed else 1
    for name, value in result.outputs.items():
        err = float(np.max(np.abs(value.astype(np.float64) - expected[name])))
        print(f"{name}: max |actual - reference| = {err:.3g}")
    print("PASS" if result.passed else "FAIL")
    return 0 if result.passed else 1
