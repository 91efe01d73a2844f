"""A small attention head: O = softmax(Q K^T / sqrt(d)) V, Q, K, V, O of shape 64x32 f32.

Per 16-row block of queries, three tasks:
    qk      (cube):   S[b] = Q[b] @ K^T * scale        (K passed whole)
    softmax (vector): P[b] = exp(S[b] - rowmax) / rowsum
    pv      (cube):   O[b] = P[b] @ V                  (V passed whole)
S and P are intermediates. Blocks are independent; within a block the three tasks are
ordered by their tile views (S[b] written then read, P[b] written then read).
"""
import sys

import _common  # noqa: F401
import numpy as np

from wsp.dsl import (alloc, dispatch, exp, in_, kernel, matmul, out, row_max, row_sum, scalar,
                     seq, task, task_window, tensor, tile, transpose, workload)

N, D, BLOCK = 64, 32, 16


@kernel(core="aic", access=["in", "in", "out", "scalar"])
def qk(q, k, s, scale):
    s[...] = matmul(q, transpose(k)) * scale


@kernel(core="aiv", access=["in", "out"])
def softmax(s, p):
    e = exp(s - row_max(s))
    p[...] = e / row_sum(e)


@kernel(core="aic", access=["in", "in", "out"])
def pv(p, v, o):
    o[...] = matmul(p, v)


with workload("main") as w:
    Q = tensor("Q", (N, D), np.float32)
    K = tensor("K", (N, D), np.float32)
    V = tensor("V", (N, D), np.float32)
    O = tensor("O", (N, D), np.float32)
    scale = scalar("scale", np.float32)
    task_window(16)
    S = alloc((N, N), np.float32, "S")
    P = alloc((N, N), np.float32, "P")
    for b in seq(N // BLOCK):
        r = b * BLOCK
        h = task(qk, in_(tile(Q, (r, 0), (BLOCK, D))), in_(K), out(tile(S, (r, 0), (BLOCK, N))),
                 scalar(scale))
        dispatch(h, "affinity", 2, key=b)
        task(softmax, in_(tile(S, (r, 0), (BLOCK, N))), out(tile(P, (r, 0), (BLOCK, N))))
        h = task(pv, in_(tile(P, (r, 0), (BLOCK, N))), in_(V), out(tile(O, (r, 0), (BLOCK, D))))
        dispatch(h, "affinity", 2, key=b)


def reference(inputs):
    q, k, v = (inputs[n].astype(np.float64) for n in "QKV")
    s = q @ k.T * inputs["scale"]
    p = np.exp(s - s.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    return {"O": (p @ v).astype(np.float32)}


if __name__ == "__main__":
    rng = np.random.default_rng(13)
    inputs = {n: rng.standard_normal((N, D), dtype=np.float32) for n in "QKV"}
    inputs["scale"] = 1.0 / np.sqrt(D)
    sys.exit(_common.main(w, inputs, reference, rtol=1e-4, atol=1e-5))
