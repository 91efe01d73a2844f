"""A two-stage CSP pipeline: y = s * x + b, tile by tile, through a bounded channel.

The producer process scales tile t of x into an intermediate and sends t on the channel
`tiles` once that task has completed; the consumer receives tile indices until the channel
is closed and drained, and adds b to each received tile. The channel holds at most 2
unreceived tokens, so the producer runs at most two tiles ahead.

The processes become coroutines of the emitted orchestration (docs/csp.md): `--run`
runs it on pto-runtime's a2a3sim and compares y with the numpy reference. The consumer's
recv loop runs until the channel closes; the compiler runs it too, so deadlocks and races
between the processes are checked at compile time (wsp-check-deadlock, wsp-check-races).
"""
import sys

import _common  # noqa: F401
import numpy as np

from wsp.dsl import (alloc, channel, close, in_, kernel, out, process, recv_each, scalar, send,
                     seq, spawn, task, task_window, tensor, tile, workload)

ROWS = 16


@kernel(core="aiv", access=["in", "out", "scalar"])
def scale(x, y, s):
    y[...] = x * s


@kernel(core="aiv", access=["in", "out", "scalar"])
def shift(x, y, b):
    y[...] = x + b


@process(access=["out", "in", "out", "scalar"])
def producer(tiles, x, tmp, s):
    for t in seq(4):
        h = task(scale, in_(tile(x, (t * ROWS, 0), (ROWS, 64))),
                 out(tile(tmp, (t * ROWS, 0), (ROWS, 64))), scalar(s))
        send(tiles, t, after=h)
    close(tiles)


@process(access=["in", "in", "out", "scalar"])
def consumer(tiles, tmp, y, b):
    for tok in recv_each(tiles):
        r = tok.index() * ROWS
        task(shift, in_(tile(tmp, (r, 0), (ROWS, 64))), out(tile(y, (r, 0), (ROWS, 64))),
             scalar(b))


with workload("main") as w:
    x = tensor("x", (64, 64), np.float32)
    y = tensor("y", (64, 64), np.float32)
    s = scalar("s", np.float32)
    b = scalar("b", np.float32)
    task_window(16)
    tmp = alloc((64, 64), np.float32, "tmp")
    tiles = channel("tiles", 2)
    spawn(producer, out(tiles), in_(x), out(tmp), scalar(s))
    spawn(consumer, in_(tiles), in_(tmp), out(y), scalar(b))


def reference(inputs):
    return {"y": inputs["s"] * inputs["x"] + inputs["b"]}


if __name__ == "__main__":
    rng = np.random.default_rng(17)
    inputs = {"x": rng.standard_normal((64, 64), dtype=np.float32), "s": 2.0, "b": 0.5}
    sys.exit(_common.main(w, inputs, reference))
