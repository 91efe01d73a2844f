"""y = s * x over a 64x64 tensor in four 16-row tiles (examples/scale/scale.mlir in Python).

Each tile is one task of the generated `scale` kernel; the tiles are independent, so all
four may run in parallel. At most 16 tasks are in flight (stall = real backpressure), and
each task is assigned a scheduler domain by tile index (affinity, 3 domains).
"""
import sys

import _common  # noqa: F401  (finds the wsp package)
import numpy as np

from wsp.dsl import (dispatch, in_, kernel, out, scalar, seq, task, task_window, tensor, tile,
                     workload)


@kernel(core="aiv", access=["in", "out", "scalar"])
def scale(x, y, s):
    y[...] = x * s


with workload("main") as w:
    x = tensor("x", (64, 64), np.float32)
    y = tensor("y", (64, 64), np.float32)
    s = scalar("s", np.float32)
    task_window(16)
    for t in seq(4):
        xv = tile(x, (t * 16, 0), (16, 64))
        yv = tile(y, (t * 16, 0), (16, 64))
        h = task(scale, in_(xv), out(yv), scalar(s))
        dispatch(h, "affinity", 3, key=t)


def reference(inputs):
    return {"y": inputs["s"] * inputs["x"]}


if __name__ == "__main__":
    rng = np.random.default_rng(7)
    inputs = {"x": rng.standard_normal((64, 64), dtype=np.float32), "s": 1.5}
    sys.exit(_common.main(w, inputs, reference))
