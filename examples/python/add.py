"""z = x + y over 64x128 f32 tensors in 32x32 tiles (examples/add/add.mlir in Python).

A 2 x 4 grid of independent tasks of the generated `add` kernel; at most 8 tasks are in
flight, and tasks are spread over 3 scheduler domains round-robin.
"""
import sys

import _common  # noqa: F401
import numpy as np

from wsp.dsl import dispatch, in_, kernel, out, seq, task, task_window, tensor, tile, workload


@kernel(core="aiv", access=["in", "in", "out"])
def add(x, y, z):
    z[...] = x + y


with workload("main") as w:
    x = tensor("x", (64, 128), np.float32)
    y = tensor("y", (64, 128), np.float32)
    z = tensor("z", (64, 128), np.float32)
    task_window(8)
    for i in seq(2):
        for j in seq(4):
            r, c = i * 32, j * 32
            h = task(add, in_(tile(x, (r, c), (32, 32))), in_(tile(y, (r, c), (32, 32))),
                     out(tile(z, (r, c), (32, 32))))
            dispatch(h, "round_robin", 3)


def reference(inputs):
    return {"z": inputs["x"] + inputs["y"]}


if __name__ == "__main__":
    rng = np.random.default_rng(11)
    inputs = {"x": rng.standard_normal((64, 128), dtype=np.float32),
              "y": rng.standard_normal((64, 128), dtype=np.float32)}
    sys.exit(_common.main(w, inputs, reference, rtol=1e-6, atol=1e-6))
