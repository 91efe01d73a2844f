"""A top-1 block indexer with slot reads (the selection step of sparse attention).

scores (64x64, queries x keys) are reduced per query row to the best key and its score
(phase 1: one `block_top1` task per 16-row query block). Phase 2 reads, for each query
block, the best key of its first row and that score back from the tensors the phase-1
tasks wrote (wsp.slot_read: the values are only known during the run). When the score
passes the host-bound threshold (a wsp.symbol), the block's output takes the 16 value
rows of the selected key block (a `gather` task dispatched by key block); otherwise it
is zeroed.

Lowering is pending: slot reads (and a branch on them) are accepted by wsp-verify but
not lowered to taskring yet, so this example builds the IR, verifies it and shows the
lowering's located error; `--run` is not available yet.
"""
import sys

import _common  # noqa: F401
import numpy as np

from wsp.dsl import (argmax, dispatch, else_, if_, in_, kernel, out, row_max, seq, slot_read,
                     symbol, task, task_window, tensor, tile, workload)

Q, KEYS, D, BLOCK = 64, 64, 32, 16


@kernel(core="aiv", access=["in", "out", "out"])
def block_top1(scores, best, best_score):
    best[...] = argmax(scores, axis=1)
    best_score[...] = row_max(scores)


@kernel(core="aiv", access=["in", "out"])
def gather(values, o):
    o[...] = values


@kernel(core="aiv", access=["out"])
def zero(o):
    o[...] = 0.0


with workload("main") as w:
    scores = tensor("scores", (Q, KEYS), np.float32)
    values = tensor("values", (KEYS, D), np.float32)
    best = tensor("best", (Q, 1), np.int32)
    best_score = tensor("best_score", (Q, 1), np.float32)
    o = tensor("o", (Q, D), np.float32)
    task_window(16)
    threshold = symbol("threshold", np.float32)
    for b in seq(Q // BLOCK):
        r = b * BLOCK
        task(block_top1, in_(tile(scores, (r, 0), (BLOCK, KEYS))),
             out(tile(best, (r, 0), (BLOCK, 1))), out(tile(best_score, (r, 0), (BLOCK, 1))))
    for b in seq(Q // BLOCK):
        r = b * BLOCK
        key = slot_read(best, r, 0)
        score = slot_read(best_score, r, 0)
        with if_(score > threshold):
            kb = (key // BLOCK).index()
            h = task(gather, in_(tile(values, (kb * BLOCK, 0), (BLOCK, D))),
                     out(tile(o, (r, 0), (BLOCK, D))))
            dispatch(h, "affinity", 4, key=kb)
        with else_():
            task(zero, out(tile(o, (r, 0), (BLOCK, D))))


def reference(inputs):
    sc, vals, thr = inputs["scores"], inputs["values"], inputs["threshold"]
    best = sc.argmax(axis=1).astype(np.int32)[:, None]
    best_score = sc.max(axis=1, keepdims=True)
    o = np.zeros((Q, D), np.float32)
    for b in range(Q // BLOCK):
        r = b * BLOCK
        if best_score[r, 0] > thr:
            kb = int(best[r, 0]) // BLOCK
            o[r:r + BLOCK] = vals[kb * BLOCK:(kb + 1) * BLOCK]
    return {"best": best, "best_score": best_score, "o": o}


if __name__ == "__main__":
    rng = np.random.default_rng(19)
    inputs = {"scores": rng.standard_normal((Q, KEYS), dtype=np.float32),
              "values": rng.standard_normal((KEYS, D), dtype=np.float32), "threshold": 2.0}
    sys.exit(_common.main(w, inputs, reference, lowering=False))
