"""A builder DSL that writes wsp IR from Python, located at the Python source lines.

A workload is written as ordinary Python inside ``with workload("main") as w:``;
each DSL call appends IR (wsp ops in generic form, upstream ops in custom
syntax) with a trailing ``loc("file.py":line:col)`` naming the Python line that
made it, so every diagnostic of the verifier, the lowering and the emitter
points at the Python source. Misuse the DSL can see by itself (a wrong number
of task arguments, a mode that does not match the kernel's access, a tile
outside its tensor, ...) raises :class:`DSLError` (a :class:`wsp.WspError`)
immediately, located at the offending Python line.

Example (the scale workload of ``examples/scale/scale.mlir``)::

    @kernel(core="aiv", access=["in", "out", "scalar"])
    def scale(x, y, s):
        y[...] = x * s

    with workload("main") as w:
        x = tensor("x", (64, 64), np.float32)
        y = tensor("y", (64, 64), np.float32)
        s = scalar("s", np.float32)
        task_window(16)
        for t in seq(4):
            h = task(scale, in_(tile(x, (t * 16, 0), (16, 64))),
                     out(tile(y, (t * 16, 0), (16, 64))), scalar(s))
            dispatch(h, "affinity", 3, key=t)
    w.verify()

See docs/python.md for the full surface. The DSL's modules, one concern each (each
depends only on those listed before it, except that tasks/csp use kernels):

    errors       locations and DSLError
    dtypes       element types, constant literals, quoting
    builder      the IR text builder and its rendering, the tracing state
    values       values of workload/process functions, constants, conversions, ranges
    workloads    workload(), tensor(), scalar(), alloc(), symbol()
    control      seq/par loops, if_/else_
    tasks        tile(), in_/out/inout, task(), dispatch(), task_window()
    csp          channels, send/recv/close, slot_read(), spawn()
    kernels      @kernel and @process
    kernel_body  kernel-body expressions over tiles and their loop nests
"""

from ..ir import Context, Diagnostic, WspError  # noqa: F401 (importable from wsp.dsl as before)
from .errors import DSLError, Loc
from .dtypes import dtype_name
from .values import Buffer, Channel, Handle, MemRef, Tensor, Tile, Value
from .workloads import Workload, alloc, scalar, symbol, tensor, workload
from .control import else_, if_, par, seq
from .tasks import MAX_DOMAINS, dispatch, in_, inout, out, task, task_window, tile
from .csp import channel, close, recv, recv_each, send, slot_read, spawn
from .kernels import Kernel, Process, kernel, process
from .kernel_body import (Binary, Cast, Compare, Const, Expr, KScalar, KTile, Matmul, Reduce,
                          Transpose, Unary, Where, abs_, argmax, cast, col_max, col_min, col_sum,
                          eq, exp, log, matmul, maximum, minimum, ne, reduce_max, reduce_min,
                          reduce_sum, row_max, row_min, row_sum, rsqrt, sqrt, tanh, transpose,
                          where)

__all__ = [
    "DSLError", "kernel", "process", "workload", "tensor", "scalar", "alloc", "symbol",
    "seq", "par", "if_", "else_", "tile", "task", "in_", "out", "inout", "dispatch",
    "task_window", "channel", "spawn", "send", "recv", "recv_each", "close", "slot_read",
    # kernel bodies
    "exp", "log", "sqrt", "rsqrt", "tanh", "abs_", "maximum", "minimum", "where", "cast",
    "matmul", "transpose", "reduce_sum", "reduce_max", "reduce_min", "row_sum", "row_max",
    "row_min", "col_sum", "col_max", "col_min", "argmax", "eq", "ne",
]
