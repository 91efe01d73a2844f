"""Row softmax of a 64x64 f32 tensor in three phases over 16-row tiles.

    1. rowmax:    m[r]    = max_j x[r, j]
    2. expsum:    e[r, j] = exp(x[r, j] - m[r]),  s[r] = sum_j e[r, j]
    3. normalize: y[r, j] = e[r, j] / s[r]

m, s and e are intermediates (alloc). Each phase is a loop of independent tasks; a tile's
phase-2 task waits only for its own phase-1 task (dependencies are derived from the tile
views), so phases of different tiles overlap. (examples/softmax/softmax.mlir in Python.)
"""
import sys

import _common  # noqa: F401
import numpy as np

from wsp.dsl import (alloc, exp, in_, kernel, out, row_max, row_sum, seq, task, task_window,
                     tensor, tile, workload)


@kernel(core="aiv", access=["in", "out"])
def rowmax(x, m):
    m[...] = row_max(x)


@kernel(core="aiv", access=["in", "in", "out", "out"])
def expsum(x, m, e, s):
    e[...] = exp(x - m)
    s[...] = row_sum(exp(x - m))


@kernel(core="aiv", access=["in", "in", "out"])
def normalize(e, s, y):
    y[...] = e / s


with workload("main") as w:
    x = tensor("x", (64, 64), np.float32)
    y = tensor("y", (64, 64), np.float32)
    task_window(16)
    m = alloc((64, 1), np.float32, "m")
    s = alloc((64, 1), np.float32, "s")
    e = alloc((64, 64), np.float32, "e")
    for t in seq(4):
        task(rowmax, in_(tile(x, (t * 16, 0), (16, 64))), out(tile(m, (t * 16, 0), (16, 1))))
    for t in seq(4):
        r = t * 16
        task(expsum, in_(tile(x, (r, 0), (16, 64))), in_(tile(m, (r, 0), (16, 1))),
             out(tile(e, (r, 0), (16, 64))), out(tile(s, (r, 0), (16, 1))))
    for t in seq(4):
        r = t * 16
        task(normalize, in_(tile(e, (r, 0), (16, 64))), in_(tile(s, (r, 0), (16, 1))),
             out(tile(y, (r, 0), (16, 64))))


def reference(inputs):
    x = inputs["x"].astype(np.float64)
    ex = np.exp(x - x.max(axis=1, keepdims=True))
    return {"y": (ex / ex.sum(axis=1, keepdims=True)).astype(np.float32)}


if __name__ == "__main__":
    rng = np.random.default_rng(3)
    inputs = {"x": 4 * rng.standard_normal((64, 64), dtype=np.float32)}
    sys.exit(_common.main(w, inputs, reference, rtol=1e-5, atol=1e-6))
