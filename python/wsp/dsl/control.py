"""Control flow of workload and process bodies: seq/par loops (scf.for) and
if_/else_ (scf.if).

Invariant: every region a construct opens is closed when its
Python block ends, also on exceptions.
"""

from .errors import DSLError, _user_loc
from .builder import _RegionOp, _fn
from .values import Value, _as_value, _check_visible


def _loop(args, parallel, loc):
    what = "par()" if parallel else "seq()"
    fn = _fn(what, loc)
    if not 1 <= len(args) <= 3:
        raise DSLError(f"{what} takes (stop), (start, stop) or (start, stop, step)", loc)
    start, stop, step = (0, args[0], 1) if len(args) == 1 else (
        args[0], args[1], args[2] if len(args) == 3 else 1)
    if isinstance(step, int) and step <= 0:
        raise DSLError(f"{what}: step {step} must be positive", loc)
    lb = _as_value(start, "index", loc, "loop start")
    ub = _as_value(stop, "index", loc, "loop stop")
    st = _as_value(step, "index", loc, "loop step")
    iv = fn.fresh("i")
    rng = None
    if lb.range and ub.range and st.range and lb.range[0] == lb.range[1]:
        lo, hi = lb.range[0], ub.range[1] - 1
        if st.range[0] == st.range[1] and hi >= lo:
            hi = lo + (hi - lo) // st.range[0] * st.range[0]
        rng = (lo, max(lo, hi))
    op = _RegionOp(f"scf.for {iv} = {lb.ssa} to {ub.ssa} step {st.ssa}", loc,
                   " {wsp.parallel}" if parallel else "")
    fn.cur.items.append(op)
    body = op.add_region(fn.cur)
    fn.stack.append(body)
    try:
        yield Value(fn, iv, "index", body, rng)
    finally:
        if fn.stack and fn.stack[-1] is body:
            fn.stack.pop()


def seq(*args):
    """``for i in seq(n)`` / ``seq(start, stop[, step])``: an scf.for over the body.

    The body is traced once, with ``i`` a symbolic index; bounds may be Python
    ints or index values (symbols, loop indices). ``scf.for`` orders
    submission, not execution: independent iterations still run in parallel."""
    return _loop(args, False, _user_loc(2))


def par(*args):
    """As :func:`seq`, marked ``{wsp.parallel}``: the iterations are declared independent
    (an annotation for readers and later passes; nothing checks it yet)."""
    return _loop(args, True, _user_loc(2))


class if_:
    """``with if_(cond):`` — an scf.if on an i1 value (a comparison, a recv's ok, a slot read)."""

    def __init__(self, cond):
        self.loc = _user_loc(2)
        fn = _fn("if_()", self.loc)
        if not isinstance(cond, Value) or cond.type != "i1":
            got = cond.type if isinstance(cond, Value) else type(cond).__name__
            raise DSLError(f"if_() needs an i1 condition (a comparison such as v > 0, a recv's ok, "
                           f"or slot_read(..., dtype=bool)), got {got}", self.loc)
        _check_visible(cond, self.loc, "the condition")
        self.fn, self.cond = fn, cond

    def __enter__(self):
        self.op = _RegionOp(f"scf.if {self.cond.ssa}", self.loc)
        self.fn.cur.items.append(self.op)
        self.body = self.op.add_region(self.fn.cur)
        self.fn.stack.append(self.body)
        return self

    def __exit__(self, *exc):
        if self.fn.stack and self.fn.stack[-1] is self.body:
            self.fn.stack.pop()
        self.fn.last_if = self.op
        return False


class else_:
    """``with else_():`` directly after a ``with if_(...)`` block."""

    def __init__(self):
        self.loc = _user_loc(2)
        self.fn = _fn("else_()", self.loc)
        op = self.fn.last_if
        if op is None or not self.fn.cur.items or self.fn.cur.items[-1] is not op or \
                len(op.regions) != 1:
            raise DSLError("else_() must directly follow a 'with if_(...)' block", self.loc)
        self.op = op

    def __enter__(self):
        self.body = self.op.add_region(self.fn.cur, " else ")
        self.fn.stack.append(self.body)
        return self

    def __exit__(self, *exc):
        if self.fn.stack and self.fn.stack[-1] is self.body:
            self.fn.stack.pop()
        self.fn.last_if = None
        return False
