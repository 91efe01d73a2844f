"""A top-1 block indexer with slot reads (the selection step of sparse attention).

scores (64x64, queries x keys) are reduced per query row to the best key and its score
(phase 1: one `block_top1` task per 16-row query block). Phase 2 reads, for each query
block, the best key of its first row and that score back from the tensors the phase-1
tasks wrote (wsp.slot_read: the values are only known on the device, during the run).
When the score passes the host-bound threshold (a wsp.symbol, changed per run without
recompiling), the block's output takes the 16 value rows of the selected key block;
otherwise it is zeroed.

The pinned runtime cannot hand a slot value to the orchestration, so the selected key
block cannot be a view offset (docs/slots.md). The gather is therefore written in guard
form: for each query block, one `gather` task per *candidate* key block, guarded by
`score > threshold` and `key // 16 == kb`, and one `zero` task in the else branch. All
five tasks of a block are submitted; the compiler turns them into kernel variants that
read the two slots on device and run their body only when their guards hold, so exactly
one of them writes the block's output. The price of this form is one task per candidate
key block (here 4 gathers + 1 zero per query block, instead of 1 task).

    python3 examples/python/topk_indexer.py --run      # threshold 2.0 (3 blocks gathered)
"""
import sys

import _common  # noqa: F401
import numpy as np

from wsp.dsl import (argmax, dispatch, else_, if_, in_, kernel, out, row_max, seq, slot_read,
                     symbol, task, tensor, tile, workload)

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
    # No task_window: at pto-runtime 41d5c94a the scheduler's per-slot counters
    # (pto2_scheduler_init: `new std::atomic<int32_t>[window]`, C++17) are left
    # uninitialised, and a small window gets them from recycled heap memory; then tasks
    # never become ready (seen on a2a3sim with windows 16 and 32 for this program). The
    # default window (65536) is allocated fresh, zeroed.
    threshold = symbol("threshold", np.float32)
    for b in seq(Q // BLOCK):
        r = b * BLOCK
        task(block_top1, in_(tile(scores, (r, 0), (BLOCK, KEYS))),
             out(tile(best, (r, 0), (BLOCK, 1))), out(tile(best_score, (r, 0), (BLOCK, 1))))
    for b in seq(Q // BLOCK):
        r = b * BLOCK
        key_block = slot_read(best, r, 0) // BLOCK      # i32, only known on device
        score = slot_read(best_score, r, 0)
        with if_(score > threshold):
            for kb in seq(KEYS // BLOCK):               # every candidate key block
                with if_(key_block.eq(kb.to(np.int32))):
                    h = task(gather, in_(tile(values, (kb * BLOCK, 0), (BLOCK, D))),
                             out(tile(o, (r, 0), (BLOCK, D))))
                    dispatch(h, "affinity", 4, key=kb)
        with else_():
            task(zero, out(tile(o, (r, 0), (BLOCK, D))))


def make_inputs(threshold=2.0, seed=19):
    """Scores with planted maxima: query block 0 selects key 37 (key block 2) with score
    3.0, block 1 key 5 (block 0) with 3.5, block 2 key 60 (block 3) with 2.5, block 3 key
    21 (block 1) with 1.5; every other score is in (-1, 1). With the default threshold
    2.0, blocks 0-2 are gathered and block 3 is zeroed; with 1.0 all four are gathered."""
    rng = np.random.default_rng(seed)
    sc = rng.uniform(-1.0, 1.0, (Q, KEYS)).astype(np.float32)
    for b, (key, s) in enumerate([(37, 3.0), (5, 3.5), (60, 2.5), (21, 1.5)]):
        sc[b * BLOCK, key] = s
    return {"scores": sc, "values": rng.standard_normal((KEYS, D), dtype=np.float32),
            "threshold": float(threshold)}


def reference(inputs):
    sc, vals, thr = inputs["scores"], inputs["values"], np.float32(inputs["threshold"])
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
    sys.exit(_common.main(w, make_inputs(), reference))
