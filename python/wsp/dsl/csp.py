"""CSP and slots: channels, send/recv/recv_each/close, slot_read(), spawn()."""

from .errors import DSLError, _user_loc
from .dtypes import _elem, _is_float, _is_int, _quote, dtype_name
from .builder import _RegionOp, _fn
from .values import Channel, Handle, MemRef, Value, _as_value, _check_visible
from .tasks import _call
from .kernels import Process


def channel(name: str, capacity: int, dtype="int64") -> Channel:
    """A bounded channel of integer tokens (capacity 0 = rendezvous)."""
    loc = _user_loc(2)
    fn = _fn("channel()", loc)
    if not isinstance(capacity, int) or capacity < 0:
        raise DSLError(f"channel {name!r}: capacity {capacity!r} must be an int >= 0", loc)
    elem = _elem(dtype, loc)
    if not _is_int(elem):
        raise DSLError(f"channel {name!r}: tokens are integers, not {dtype_name(elem)}", loc)
    r = fn.fresh(name)
    c = Channel(fn, r, fn.cur, elem, name)
    fn.emit(f'{r} = "wsp.create_channel"() {{capacity = {capacity} : i64, name = {_quote(name)}}}'
            f' : () -> {c.type}', loc)
    return c


def _chan(ch, what, loc):
    fn = _fn(what, loc)
    if not isinstance(ch, Channel):
        raise DSLError(f"{what} needs a channel, not {type(ch).__name__}", loc)
    _check_visible(ch, loc, "the channel")
    return fn


def send(ch: Channel, token, after=()) -> None:
    """Publishes ``token``; the receiver sees it once the tasks ``after`` have completed."""
    loc = _user_loc(2)
    fn = _chan(ch, "send()", loc)
    after = [after] if isinstance(after, Value) else list(after)
    for h in after:
        if not isinstance(h, Handle):
            raise DSLError(f"send(after=...) takes task handles, not {type(h).__name__}", loc)
        _check_visible(h, loc, "the task")
    tok = _as_value(token, ch.elem, loc, "the token")
    ops = ", ".join([ch.ssa, tok.ssa] + [h.ssa for h in after])
    types = ", ".join([ch.type, ch.elem] + ["!wsp.handle"] * len(after))
    fn.emit(f'"wsp.send"({ops}) : ({types}) -> ()', loc)


def recv(ch: Channel):
    """Takes the next token: returns ``(ok, token)``; ``ok`` (i1) is false once the channel
    is closed and drained."""
    loc = _user_loc(2)
    fn = _chan(ch, "recv()", loc)
    ok, tok = fn.fresh("ok"), fn.fresh("tok")
    fn.emit(f'{ok}, {tok} = "wsp.recv"({ch.ssa}) : ({ch.type}) -> (i1, {ch.elem})', loc)
    return Value(fn, ok, "i1", fn.cur), Value(fn, tok, ch.elem, fn.cur)


def recv_each(ch: Channel):
    """``for tok in recv_each(ch):`` — receives until the channel is closed and drained
    (an scf.while whose condition is the recv's ok)."""
    loc = _user_loc(2)
    fn = _chan(ch, "recv_each()", loc)
    return _recv_loop(fn, ch, loc)


def _recv_loop(fn, ch, loc):
    w, ok, tok, arg = fn.fresh("w"), fn.fresh("ok"), fn.fresh("tok"), fn.fresh("tok")
    op = _RegionOp(f"{w} = scf.while : () -> {ch.elem}", loc)
    fn.cur.items.append(op)
    before = op.add_region(fn.cur)
    before.items.append(f'{ok}, {tok} = "wsp.recv"({ch.ssa}) : ({ch.type}) -> (i1, {ch.elem}) '
                        f'{loc.mlir()}')
    before.items.append(f"scf.condition({ok}) {tok} : {ch.elem} {loc.mlir()}")
    body = op.add_region(fn.cur, " do ")
    body.items.append(f"^bb0({arg}: {ch.elem}):")
    fn.stack.append(body)
    try:
        yield Value(fn, arg, ch.elem, body)
    finally:
        if fn.stack and fn.stack[-1] is body:
            body.items.append(f"scf.yield {loc.mlir()}")
            fn.stack.pop()


def close(ch: Channel) -> None:
    """No more sends on ``ch`` (a process's produced channels also close when it returns)."""
    loc = _user_loc(2)
    fn = _chan(ch, "close()", loc)
    fn.emit(f'"wsp.close"({ch.ssa}) : ({ch.type}) -> ()', loc)


def slot_read(view: MemRef, *idx, dtype=None) -> Value:
    """Reads one element of a tensor once every task writing it has completed (wsp.slot_read).

    The value may drive ``if_``, dispatch keys and task scalars. ``dtype`` defaults to the
    element type (``dtype=bool`` reads an i1 predicate)."""
    loc = _user_loc(2)
    fn = _fn("slot_read()", loc)
    if not isinstance(view, MemRef):
        raise DSLError(f"slot_read() needs a tensor, buffer or tile, not {type(view).__name__}",
                       loc)
    _check_visible(view, loc, "the tensor")
    if len(idx) != view.rank:
        raise DSLError(f"slot_read({view.name or view.ssa}, ...): {len(idx)} indices for a rank-"
                       f"{view.rank} tensor", loc)
    vals = []
    for d, i in enumerate(idx):
        v = _as_value(i, "index", loc, f"index #{d}")
        if v.range and (v.range[0] < 0 or v.range[1] >= view.shape[d]):
            raise DSLError(f"slot_read({view.name or view.ssa}, ...): index #{d} may be "
                           f"{v.range[1] if v.range[1] >= view.shape[d] else v.range[0]}, outside "
                           f"[0, {view.shape[d]})", loc)
        vals.append(v)
    elem = _elem(dtype, loc) if dtype is not None else view.elem
    if not (_is_int(elem) or _is_float(elem)) or elem == "index":
        raise DSLError(f"slot_read: cannot read a {elem}", loc)
    r = fn.fresh("slot")
    fn.emit(f'{r} = "wsp.slot_read"({", ".join([view.ssa] + [v.ssa for v in vals])}) : '
            f'({", ".join([view.type] + ["index"] * len(vals))}) -> {elem}', loc)
    return Value(fn, r, elem, fn.cur)


def spawn(proc: "Process", *args) -> None:
    """Starts process ``proc`` with boxed arguments: tensors with their modes, scalars, and
    channels as ``in_`` (it receives) or ``out`` (it sends)."""
    loc = _user_loc(2)
    _fn("spawn()", loc)
    if not isinstance(proc, Process):
        raise DSLError(f"spawn() needs a @process function, not {type(proc).__name__}", loc)
    fn, boxes = _call("spawn", proc, args, loc)
    fn.emit(f'"wsp.spawn"({", ".join(boxes)}) {{process = @{proc.name}}} : '
            f'({", ".join("!wsp.arg" for _ in boxes)}) -> ()', loc)
