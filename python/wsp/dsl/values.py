"""Values of workload and process functions (scalars, handles, channels, memrefs
and their tiles), constants, conversions and the static ranges that bound tiles.

Invariant: a Value is usable only in its own function and while the block that made
it is open (_check_visible); a range, when known, contains every value it can take.
"""

from .errors import DSLError, _user_loc
from .dtypes import _const_literal, _elem, _int_width, _is_float, _is_int, dtype_name
from .builder import _S, _fn


class Value:
    """An SSA value of the function being built (index, integer, float, i1, ...)."""

    def __init__(self, fn, ssa, type, block, rng=None):
        self.fn, self.ssa, self.type, self.block, self.range = fn, ssa, type, block, rng

    def __repr__(self):
        return f"<wsp value {self.ssa}: {self.type}>"

    def __bool__(self):
        raise DSLError(f"{self.ssa} is a traced {self.type} value with no Python truth value; "
                       "branch on it with 'with if_(cond):'")

    # arithmetic -----------------------------------------------------------
    def _bin(self, other, op, reverse=False):
        loc = _user_loc(3)
        a, b = _coerce_pair(self, other, loc)
        if reverse:
            a, b = b, a
        t = a.type
        if _is_float(t):
            name = {"add": "arith.addf", "sub": "arith.subf", "mul": "arith.mulf",
                    "div": "arith.divf", "rem": "arith.remf"}.get(op)
        elif _is_int(t):
            name = {"add": "arith.addi", "sub": "arith.subi", "mul": "arith.muli",
                    "floordiv": "arith.floordivsi", "rem": "arith.remsi"}.get(op)
        else:
            name = None
        if name is None:
            raise DSLError(f"cannot apply {op} to values of type {t}", loc)
        fn = _fn("arithmetic", loc)
        r = fn.fresh("v")
        fn.emit(f"{r} = {name} {a.ssa}, {b.ssa} : {t}", loc)
        return Value(fn, r, t, fn.cur, _range_of(op, a.range, b.range))

    def __add__(self, o): return self._bin(o, "add")
    def __radd__(self, o): return self._bin(o, "add", True)
    def __sub__(self, o): return self._bin(o, "sub")
    def __rsub__(self, o): return self._bin(o, "sub", True)
    def __mul__(self, o): return self._bin(o, "mul")
    def __rmul__(self, o): return self._bin(o, "mul", True)
    def __floordiv__(self, o): return self._bin(o, "floordiv")
    def __rfloordiv__(self, o): return self._bin(o, "floordiv", True)
    def __truediv__(self, o): return self._bin(o, "div")
    def __rtruediv__(self, o): return self._bin(o, "div", True)
    def __mod__(self, o): return self._bin(o, "rem")
    def __rmod__(self, o): return self._bin(o, "rem", True)

    def _cmp(self, other, pred):
        loc = _user_loc(3)
        a, b = _coerce_pair(self, other, loc)
        fn = _fn("a comparison", loc)
        r = fn.fresh("p")
        if _is_float(a.type):
            fp = {"lt": "olt", "le": "ole", "gt": "ogt", "ge": "oge", "eq": "oeq",
                  "ne": "une"}[pred]
            fn.emit(f"{r} = arith.cmpf {fp}, {a.ssa}, {b.ssa} : {a.type}", loc)
        else:
            ip = {"lt": "slt", "le": "sle", "gt": "sgt", "ge": "sge", "eq": "eq", "ne": "ne"}[pred]
            fn.emit(f"{r} = arith.cmpi {ip}, {a.ssa}, {b.ssa} : {a.type}", loc)
        return Value(fn, r, "i1", fn.cur)

    def __lt__(self, o): return self._cmp(o, "lt")
    def __le__(self, o): return self._cmp(o, "le")
    def __gt__(self, o): return self._cmp(o, "gt")
    def __ge__(self, o): return self._cmp(o, "ge")

    def eq(self, o):
        """``self == o`` as an i1 value (``==`` itself stays Python identity)."""
        return self._cmp(o, "eq")

    def ne(self, o):
        return self._cmp(o, "ne")

    def index(self):
        """This integer value as an ``index`` (arith.index_cast)."""
        return _cast(self, "index", _user_loc(2))

    def to(self, dtype):
        """This value converted to ``dtype`` (index_cast / ext / trunc / int<->float)."""
        loc = _user_loc(2)
        return _cast(self, _elem(dtype, loc), loc)


class Handle(Value):
    """A submitted task (the result of :func:`task`)."""

    def __init__(self, fn, ssa, block, kernel):
        super().__init__(fn, ssa, "!wsp.handle", block)
        self.kernel = kernel


class Channel(Value):
    """A bounded channel of integer tokens (:func:`channel`)."""

    def __init__(self, fn, ssa, block, elem, name):
        super().__init__(fn, ssa, f"!wsp.channel<{elem}>", block)
        self.elem, self.name = elem, name


class MemRef(Value):
    """A tensor, an intermediate buffer or a tile view (a memref value)."""

    def __init__(self, fn, ssa, block, shape, elem, strides=None, dynamic_offset=False,
                 name=None, base=None):
        self.shape = tuple(shape)
        self.elem = elem
        self.strides = tuple(strides) if strides is not None else _contiguous(self.shape)
        self.dynamic_offset = dynamic_offset
        self.name = name
        self.base = base if base is not None else self
        super().__init__(fn, ssa, self._type(), block)

    def _type(self):
        dims = "x".join(str(d) for d in self.shape)
        if not self.dynamic_offset and self.strides == _contiguous(self.shape):
            return f"memref<{dims}x{self.elem}>"
        strides = ", ".join(str(s) for s in self.strides)
        return f"memref<{dims}x{self.elem}, strided<[{strides}], offset: ?>>"

    @property
    def dtype(self):
        return dtype_name(self.elem)

    @property
    def rank(self):
        return len(self.shape)

    def __repr__(self):
        return f"<wsp {type(self).__name__.lower()} {self.ssa}: {self.type}>"


class Tensor(MemRef):
    """A workload tensor argument (or a process's memref parameter)."""


class Buffer(MemRef):
    """An intermediate tensor (:func:`alloc`)."""


class Tile(MemRef):
    """A tile view (:func:`tile`): memref.subview of a tensor, buffer or tile."""


def _contiguous(shape):
    out, acc = [], 1
    for d in reversed(shape):
        out.append(acc)
        acc *= d
    return tuple(reversed(out))


def _range_of(op, a, b):
    if a is None or b is None:
        return None
    (alo, ahi), (blo, bhi) = a, b
    if op == "add":
        return (alo + blo, ahi + bhi)
    if op == "sub":
        return (alo - bhi, ahi - blo)
    if op == "mul":
        c = [alo * blo, alo * bhi, ahi * blo, ahi * bhi]
        return (min(c), max(c))
    if op == "floordiv" and blo == bhi and blo > 0:
        return (alo // blo, ahi // blo)
    if op == "rem" and blo == bhi and blo > 0 and alo >= 0:
        return (0, min(ahi, blo - 1)) if ahi < blo else (0, blo - 1)
    return None


def _check_visible(v: Value, loc, what="this value"):
    fn = _S.fns[-1] if _S.fns else None
    if v.fn is not fn:
        raise DSLError(f"{what} ({v.ssa}) belongs to @{v.fn.name}, not to @{fn.name if fn else '?'}"
                       "; pass it as a spawn argument instead of capturing it", loc)
    if not any(b is v.block for b in fn.stack):
        raise DSLError(f"{what} ({v.ssa}) was defined inside a seq/par/if_ body that has "
                       "ended; it is not visible here", loc)


def _constant(fn, value, t, loc):
    """An arith.constant, reused within the enclosing blocks."""
    key = (t, _const_literal(value, t))
    for b in reversed(fn.stack):
        if key in b.consts:
            return b.consts[key]
    hint = (f"c{int(value)}" if t == "index" and int(value) >= 0 else
            f"c{int(value)}_{t}" if _is_int(t) and int(value) >= 0 else "cst")
    r = fn.fresh(hint)
    fn.emit(f"{r} = arith.constant {key[1]} : {t}", loc)
    rng = (int(value), int(value)) if _is_int(t) else None
    v = Value(fn, r, t, fn.cur, rng)
    fn.cur.consts[key] = v
    return v


def _cast(v: Value, t, loc):
    if v.type == t:
        return v
    fn = _fn("a conversion", loc)
    r = fn.fresh("v")
    s = v.type
    if (s == "index" and _is_int(t)) or (t == "index" and _is_int(s)):
        fn.emit(f"{r} = arith.index_cast {v.ssa} : {s} to {t}", loc)
    elif _is_int(s) and _is_int(t):
        op = "arith.extsi" if _int_width(t) > _int_width(s) else "arith.trunci"
        fn.emit(f"{r} = {op} {v.ssa} : {s} to {t}", loc)
    elif _is_int(s) and _is_float(t):
        fn.emit(f"{r} = arith.sitofp {v.ssa} : {s} to {t}", loc)
    elif _is_float(s) and _is_int(t):
        fn.emit(f"{r} = arith.fptosi {v.ssa} : {s} to {t}", loc)
    elif _is_float(s) and _is_float(t):
        wid = {"f16": 16, "bf16": 16, "f32": 32, "f64": 64}
        op = "arith.extf" if wid[t] > wid[s] else "arith.truncf"
        fn.emit(f"{r} = {op} {v.ssa} : {s} to {t}", loc)
    else:
        raise DSLError(f"cannot convert {v.ssa} of type {s} to {t}", loc)
    return Value(fn, r, t, fn.cur, v.range)


def _as_value(x, t, loc, what="value") -> Value:
    """A Python number or a Value as a Value of type t (ints/index cast implicitly)."""
    fn = _S.fns[-1]
    if isinstance(x, Value):
        _check_visible(x, loc, what)
        if x.type == t:
            return x
        if _is_int(x.type) and _is_int(t):
            return _cast(x, t, loc)
        raise DSLError(f"{what} has type {x.type}, expected {t}", loc)
    if isinstance(x, bool) and t == "i1":
        return _constant(fn, x, t, loc)
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        if _is_int(t) and float(x) != int(x):
            raise DSLError(f"{what} {x!r} is not an integer ({t})", loc)
        return _constant(fn, x, t, loc)
    try:  # numpy scalars
        import numpy as np
        if isinstance(x, np.generic):
            return _as_value(x.item(), t, loc, what)
    except ImportError:
        pass
    raise DSLError(f"{what} must be a number or a traced value, not {type(x).__name__}", loc)


def _coerce_pair(a, b, loc):
    if isinstance(a, Value):
        _check_visible(a, loc)
    if isinstance(b, Value) and not isinstance(a, Value):
        a, b = b, a
        a2, b2 = _coerce_pair(a, b, loc)
        return b2, a2
    if isinstance(b, Value):
        _check_visible(b, loc)
        if a.type != b.type:
            raise DSLError(f"operands have different types ({a.ssa}: {a.type}, {b.ssa}: "
                           f"{b.type}); convert one with .index() or .to(dtype)", loc)
        return a, b
    return a, _as_value(b, a.type, loc, "operand")
