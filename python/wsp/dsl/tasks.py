"""Tiles, tasks and the schedule: tile(), the in_/out/inout boxes, task(),
dispatch(), task_window(), and the argument checks shared with spawn().

Invariant: a kernel's or process's parameter types are fixed by its first use in a
program; every later call must match them.
"""

from .errors import DSLError, _user_loc
from .dtypes import _is_int, _quote
from .builder import _S, _fn
from .values import Channel, Handle, MemRef, Tile, Value, _as_value, _check_visible
from .kernels import Kernel


def tile(x: MemRef, offsets, sizes) -> Tile:
    """A tile view of ``x`` (memref.subview, unit strides): ``offsets`` are ints or index
    values (e.g. ``t * 16``), ``sizes`` Python ints. A tile that provably leaves its
    tensor (static offsets, or loop indices with static bounds) raises here."""
    loc = _user_loc(2)
    fn = _fn("tile()", loc)
    if not isinstance(x, MemRef):
        raise DSLError(f"tile() needs a tensor, buffer or tile, not {type(x).__name__}", loc)
    _check_visible(x, loc, "the tiled tensor")
    offsets = tuple(offsets) if isinstance(offsets, (tuple, list)) else (offsets,)
    sizes = tuple(sizes) if isinstance(sizes, (tuple, list)) else (sizes,)
    what = x.name or x.ssa
    if len(offsets) != x.rank or len(sizes) != x.rank:
        raise DSLError(f"tile({what}, ...): {len(offsets)} offsets and {len(sizes)} sizes for a "
                       f"rank-{x.rank} tensor {list(x.shape)}", loc)
    for d, s in enumerate(sizes):
        if not isinstance(s, int) or isinstance(s, bool):
            raise DSLError(f"tile({what}, ...): size #{d} must be a Python int (the lowering "
                           "needs static tile shapes)", loc)
        if s <= 0:
            raise DSLError(f"tile({what}, ...): size #{d} is {s}; sizes are positive", loc)
    offs = []
    for d, o in enumerate(offsets):
        v = _as_value(o, "index", loc, f"offset #{d}")
        lo, hi = (v.range if v.range else (None, None))
        if lo is not None and (lo < 0 or hi + sizes[d] > x.shape[d]):
            how = (f"offset {lo}, size {sizes[d]}" if lo == hi else
                   f"offsets {lo}..{hi}, size {sizes[d]}")
            raise DSLError(f"tile({what}, ...) is outside its tensor: in dimension {d} it covers "
                           f"[{lo}, {hi + sizes[d]}) ({how}), but {what} has size {x.shape[d]} "
                           f"there (shape {list(x.shape)})", loc)
        offs.append(v)
    t = Tile(fn, fn.fresh((x.name or "t") + "_tile"), fn.cur, sizes, x.elem, x.strides, True,
             name=x.name, base=x.base)
    fn.emit(f"{t.ssa} = memref.subview {x.ssa}[{', '.join(v.ssa for v in offs)}] "
            f"[{', '.join(str(s) for s in sizes)}] [{', '.join('1' for _ in sizes)}] : "
            f"{x.type} to {t.type}", loc)
    return t


class _Box:
    """A boxed task/spawn argument: its mode and value (made by in_/out/inout/scalar)."""

    def __init__(self, mode, value, loc, dtype=None):
        self.mode, self.value, self.loc, self.dtype = mode, value, loc, dtype

    def describe(self):
        v = self.value
        name = getattr(v, "name", None) or getattr(v, "ssa", None) or repr(v)
        return f"{'in_' if self.mode == 'in' else self.mode}({name})"


def in_(value) -> _Box:
    """An input argument (a tile/tensor the task reads; for spawns: a channel the process
    receives from)."""
    return _Box("in", value, _user_loc(2))


def out(value) -> _Box:
    """An output argument (written; for spawns: a channel the process sends on)."""
    return _Box("out", value, _user_loc(2))


def inout(value) -> _Box:
    """A read-and-written tile/tensor argument."""
    return _Box("inout", value, _user_loc(2))


class _Spec:
    """The parameter types a kernel/process got in one program (fixed by its first use)."""

    def __init__(self, types, loc, protos):
        self.types, self.loc, self.protos = types, loc, protos


def _box_value(box: _Box, want_type, callee, i, loc, for_spawn):
    """Resolves a box to the Value it passes (whole tensors become full tile views)."""
    v = box.value
    if box.mode == "scalar":
        if isinstance(v, (MemRef, Channel, Handle)):
            raise DSLError(f"argument #{i} of {callee}: scalar() boxes a scalar, not a "
                           f"{type(v).__name__.lower()}", box.loc)
        t = box.dtype or want_type
        if t is None:
            if isinstance(v, Value):
                t = v.type
            elif isinstance(v, float):
                t = "f32"
            elif isinstance(v, int):
                t = "i64"
            else:
                raise DSLError(f"argument #{i} of {callee}: cannot box {type(v).__name__}",
                               box.loc)
        return _as_value(v, t, box.loc, f"argument #{i} of {callee}")
    if isinstance(v, Channel):
        if not for_spawn:
            raise DSLError(f"argument #{i} of {callee}: channels are passed to spawn(), not to "
                           "tasks", box.loc)
        if box.mode == "inout":
            raise DSLError(f"argument #{i} of {callee}: a channel is in_ (the process receives) "
                           "or out (it sends), never inout", box.loc)
        _check_visible(v, box.loc, "the channel")
        return v
    if not isinstance(v, MemRef):
        raise DSLError(f"argument #{i} of {callee}: {box.describe()} needs a tensor, buffer or "
                       f"tile, not {type(v).__name__}", box.loc)
    _check_visible(v, box.loc, "the tensor")
    if not for_spawn and not isinstance(v, Tile):
        # whole tensors travel as full views, so kernels see one layout for every call
        v = tile(v, (0,) * v.rank, v.shape)
    return v


def _call(kind, callee, args, loc):
    """Shared by task() and spawn(): checks the arguments, fixes the callee's types."""
    prog = _S.program
    name = callee.name
    access = callee.access
    if len(args) != len(access):
        raise DSLError(f"{kind}({name}): {len(args)} argument{'s' if len(args) != 1 else ''} for "
                       f"{len(access)} parameters (access {access})", loc)
    for i, (a, mode) in enumerate(zip(args, access)):
        if not isinstance(a, _Box):
            raise DSLError(f"argument #{i} of {kind}({name}) is a bare "
                           f"{type(a).__name__}; box it with in_/out/inout/scalar (parameter "
                           f"#{i} '{callee.params[i]}' has access \"{mode}\")", loc)
        if a.mode != mode:
            raise DSLError(f"argument #{i} of {kind}({name}) is {a.describe()}, but parameter "
                           f"#{i} '{callee.params[i]}' of {name} has access \"{mode}\"", a.loc,
                           [(callee.loc, f"{name} is defined here")])
    specs = prog.kernel_specs if kind == "task" else prog.process_specs
    spec = specs.get(callee)
    if spec is None and callee.param_types is not None:
        spec = _Spec(list(callee.param_types), callee.loc, None)
    values = []
    for i, a in enumerate(args):
        want = spec.types[i] if spec else None
        values.append(_box_value(a, want if a.mode == "scalar" else None, f"{kind}({name})", i,
                                 loc, kind == "spawn"))
    if spec is not None:
        for i, v in enumerate(values):
            if v.type != spec.types[i]:
                raise DSLError(f"argument #{i} of {kind}({name}) has type {v.type}, but parameter "
                               f"#{i} '{callee.params[i]}' has type {spec.types[i]}", args[i].loc,
                               [(spec.loc, "the parameter types were fixed here")])
    if spec is None or spec.protos is None:
        spec = _Spec([v.type for v in values], spec.loc if spec else loc, values)
        specs[callee] = spec
        callee._trace(prog, spec)
    fn = _S.fns[-1]
    boxes = []
    for a, v in zip(args, values):
        r = fn.fresh("a")
        fn.emit(f'{r} = "wsp.{a.mode}"({v.ssa}) : ({v.type}) -> !wsp.arg', a.loc)
        boxes.append(r)
    return fn, boxes


def task(kernel: "Kernel", *args) -> Handle:
    """Submits one instance of ``kernel`` on boxed arguments (``in_``, ``out``, ``inout``,
    ``scalar``), one per kernel parameter, with the kernel's access modes."""
    loc = _user_loc(2)
    _fn("task()", loc)
    if not isinstance(kernel, Kernel):
        raise DSLError(f"task() needs a @kernel function first, not {type(kernel).__name__}", loc)
    fn, boxes = _call("task", kernel, args, loc)
    h = fn.fresh("h")
    fn.emit(f'{h} = "wsp.task"({", ".join(boxes)}) {{kernel = @{kernel.name}}} : '
            f'({", ".join("!wsp.arg" for _ in boxes)}) -> !wsp.handle', loc)
    return Handle(fn, h, fn.cur, kernel)


_POLICIES = ("round_robin", "affinity", "hash", "work_steal")


# The most scheduler domains a dispatch may name (wsp-verify, docs/verify.md D2).
MAX_DOMAINS = 65536


def dispatch(task: Handle, policy: str, domains: int, key=None) -> None:
    """Assigns ``task`` a scheduler domain in ``[0, domains)`` by ``policy``:
    round_robin, affinity (``key mod domains``), hash (a hash of ``key``) or work_steal.
    ``key`` is required for affinity and hash and forbidden otherwise."""
    loc = _user_loc(2)
    fn = _fn("dispatch()", loc)
    if not isinstance(task, Handle):
        raise DSLError(f"dispatch() needs a task handle (the result of task()), not "
                       f"{type(task).__name__}", loc)
    _check_visible(task, loc, "the task")
    if policy not in _POLICIES:
        raise DSLError(f"dispatch policy {policy!r} is not one of {', '.join(_POLICIES)}", loc)
    if not isinstance(domains, int) or domains < 1:
        raise DSLError(f"dispatch: domains = {domains!r} must be an int >= 1", loc)
    if domains > MAX_DOMAINS:  # wsp-verify's bound (docs/verify.md, D2)
        raise DSLError(f"dispatch: domains = {domains} is more than {MAX_DOMAINS} scheduler "
                       "domains; a domain stands for a scheduler thread, cluster or core",
                       loc)
    needs_key = policy in ("affinity", "hash")
    if needs_key and key is None:
        raise DSLError(f"dispatch policy {policy!r} needs a key (key=...)", loc)
    if not needs_key and key is not None:
        raise DSLError(f"dispatch policy {policy!r} takes no key", loc)
    attrs = f"{{domains = {domains} : i64, policy = {_quote(policy)}}}"
    if key is None:
        fn.emit(f'"wsp.dispatch"({task.ssa}) {attrs} : (!wsp.handle) -> ()', loc)
    else:
        if isinstance(key, Value):
            _check_visible(key, loc, "the key")
            if not _is_int(key.type):
                raise DSLError(f"dispatch key has type {key.type}; it must be an integer or index",
                               loc)
            k = key
        else:
            k = _as_value(key, "index", loc, "dispatch key")
        fn.emit(f'"wsp.dispatch"({task.ssa}, {k.ssa}) {attrs} : (!wsp.handle, {k.type}) -> ()', loc)


def task_window(size: int, mode: str = "stall") -> None:
    """Bounds the tasks in flight for the whole run (at most one per workload, first in it).
    mode: stall (real backpressure), abort or benchmark."""
    loc = _user_loc(2)
    fn = _fn("task_window()", loc)
    if not isinstance(size, int) or size < 1:
        raise DSLError(f"task_window size {size!r} must be an int >= 1", loc)
    if mode not in ("stall", "abort", "benchmark"):
        raise DSLError(f"task_window mode {mode!r} is not one of stall, abort, benchmark", loc)
    fn.emit(f'"wsp.task_window"() {{mode = {_quote(mode)}, size = {size} : i64, '
            f'unit = "tasks"}} : () -> ()', loc)
