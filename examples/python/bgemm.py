"""C += A @ B for 64x64 f32 matrices in 32x32 tiles (examples/bgemm/bgemm.mlir in Python).

For each output tile (m, n) a chain of tasks of the cube kernel `gemm_acc` accumulates
A[m, k] @ B[k, n] into C[m, n] over k. C is read and written (inout): its initial contents
take part in the result. Tiles of different (m, n) are independent; the k chain of one
tile is ordered by its inout accesses. Tasks are dispatched by a hash of the tile id.
"""
import sys

import _common  # noqa: F401
import numpy as np

from wsp.dsl import (dispatch, in_, inout, kernel, matmul, seq, task, task_window, tensor, tile,
                     workload)


@kernel(core="aic", access=["in", "in", "inout"])
def gemm_acc(a, b, c):
    c[...] += matmul(a, b)


with workload("main") as w:
    A = tensor("A", (64, 64), np.float32)
    B = tensor("B", (64, 64), np.float32)
    C = tensor("C", (64, 64), np.float32)
    task_window(16)
    for m in seq(2):
        for n in seq(2):
            for k in seq(2):
                h = task(gemm_acc, in_(tile(A, (m * 32, k * 32), (32, 32))),
                         in_(tile(B, (k * 32, n * 32), (32, 32))),
                         inout(tile(C, (m * 32, n * 32), (32, 32))))
                dispatch(h, "hash", 3, key=m * 2 + n)


def reference(inputs):
    return {"C": inputs["C"] + inputs["A"] @ inputs["B"]}


if __name__ == "__main__":
    rng = np.random.default_rng(5)
    inputs = {name: rng.standard_normal((64, 64), dtype=np.float32) for name in "ABC"}
    sys.exit(_common.main(w, inputs, reference, rtol=1e-4, atol=1e-4))
