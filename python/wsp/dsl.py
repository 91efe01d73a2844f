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

See docs/python.md for the full surface.
"""
import math
import os
import re
import struct
import sys
from typing import Dict, List, Optional, Sequence

from .ir import Context, Diagnostic, WspError

__all__ = [
    "DSLError", "kernel", "process", "workload", "tensor", "scalar", "alloc", "symbol",
    "seq", "par", "if_", "else_", "tile", "task", "in_", "out", "inout", "dispatch",
    "task_window", "channel", "spawn", "send", "recv", "recv_each", "close", "slot_read",
    # kernel bodies
    "exp", "log", "sqrt", "rsqrt", "tanh", "abs_", "maximum", "minimum", "where", "cast",
    "matmul", "transpose", "reduce_sum", "reduce_max", "reduce_min", "row_sum", "row_max",
    "row_min", "col_sum", "col_max", "col_min", "argmax", "eq", "ne",
]

_PKG_DIR = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------------------
# locations and errors
# ---------------------------------------------------------------------------

class Loc:
    """A Python source position (file as Python names it, 1-based line and column)."""
    __slots__ = ("file", "line", "col")

    def __init__(self, file, line, col):
        self.file, self.line, self.col = file, line, col

    def mlir(self):
        f = self.file.replace("\\", "\\\\").replace('"', '\\"')
        return f'loc("{f}":{self.line}:{self.col})'

    def __str__(self):
        return f"{self.file}:{self.line}:{self.col}"


def _in_package(filename) -> bool:
    """Whether a code file belongs to the wsp package (any of its folders)."""
    d = os.path.dirname(os.path.abspath(filename))
    return d == _PKG_DIR or d.startswith(_PKG_DIR + os.sep)


def _user_loc(depth=2) -> Loc:
    """The position of the innermost caller outside the wsp package."""
    f = sys._getframe(depth)
    while f is not None and _in_package(f.f_code.co_filename):
        f = f.f_back
    if f is None:
        return Loc("<unknown>", 0, 0)
    line, col = f.f_lineno, 1
    try:
        import inspect
        pos = getattr(inspect.getframeinfo(f, context=0), "positions", None)
        if pos is not None:
            if pos.lineno:
                line = pos.lineno
            if pos.col_offset is not None:
                col = pos.col_offset + 1
    except Exception:
        pass
    return Loc(f.f_code.co_filename, line, col)


class DSLError(WspError):
    """Misuse of the DSL, located at the Python line that caused it."""

    def __init__(self, message, loc: Optional[Loc] = None, notes=()):
        loc = loc or _user_loc(3)
        diags = [Diagnostic("error", message, loc.file, loc.line, loc.col)]
        for nloc, nmsg in notes:
            diags.append(Diagnostic("note", nmsg, nloc.file, nloc.line, nloc.col))
        super().__init__(message, diags)
        self.loc = loc


# ---------------------------------------------------------------------------
# types
# ---------------------------------------------------------------------------

_NP_TO_MLIR = {
    "float32": "f32", "float16": "f16", "float64": "f64", "bfloat16": "bf16",
    "int8": "i8", "int16": "i16", "int32": "i32", "int64": "i64",
    "uint8": "ui8", "uint16": "ui16", "uint32": "ui32", "uint64": "ui64", "bool": "i1",
}
_MLIR_TO_NP = {v: k for k, v in _NP_TO_MLIR.items()}
_MLIR_TO_NP["index"] = "index"
# Element types the runtime has tensors of (the emitter's list).
_TENSOR_ELEMS = ("f32", "f16", "bf16", "i8", "i16", "i32", "i64", "ui8", "ui64")


def _elem(dtype, loc=None) -> str:
    """An MLIR element type from a numpy dtype, a numpy scalar type, or a name."""
    if isinstance(dtype, str):
        if dtype in _MLIR_TO_NP:
            return dtype
        if dtype in _NP_TO_MLIR:
            return _NP_TO_MLIR[dtype]
        if dtype in ("bool_",):
            return "i1"
    else:
        try:
            import numpy as np
            name = np.dtype(dtype).name
            if name in _NP_TO_MLIR:
                return _NP_TO_MLIR[name]
        except Exception:
            pass
        if dtype is bool:
            return "i1"
        if dtype is int:
            return "i64"
        if dtype is float:
            return "f32"
    raise DSLError(f"unsupported dtype {dtype!r}; use a numpy dtype (float32, float16, int32, "
                   "int64, ...), 'bfloat16' or 'index'", loc)


def dtype_name(elem: str) -> str:
    """The numpy dtype name of an MLIR element type ("f32" -> "float32")."""
    return _MLIR_TO_NP.get(elem, elem)


def _is_float(t):
    return t in ("f16", "bf16", "f32", "f64")


def _is_int(t):
    return t == "index" or (t.startswith("i") and t[1:].isdigit())


def _is_unsigned(t):
    return t.startswith("ui")


def _int_width(t):
    return 64 if t == "index" else int(t[1:])


def _const_literal(value, t):
    """The literal of an arith.constant of type t (floats as exact bit patterns)."""
    if t == "i1":
        return "true" if value else "false"
    if _is_int(t):
        return str(int(value))
    v = float(value)
    if t == "f32":
        return "0x%08X" % struct.unpack("<I", struct.pack("<f", v))[0]
    if t == "f64":
        return "0x%016X" % struct.unpack("<Q", struct.pack("<d", v))[0]
    if t == "f16":
        return "0x%04X" % struct.unpack("<H", struct.pack("<e", v))[0]
    if t == "bf16":
        bits = struct.unpack("<I", struct.pack("<f", v))[0]
        if math.isnan(v):
            return "0x7FC0"
        bits += 0x7FFF + ((bits >> 16) & 1)  # round to nearest even
        return "0x%04X" % ((bits >> 16) & 0xFFFF)
    raise ValueError(t)


def _quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _sanitize(hint):
    s = re.sub(r"[^A-Za-z0-9_$.]", "_", str(hint)) or "v"
    return s if (s[0].isalpha() or s[0] == "_") else "v" + s


# ---------------------------------------------------------------------------
# the text builder: functions, blocks, ops with regions
# ---------------------------------------------------------------------------

class _Block:
    def __init__(self, parent=None):
        self.items = []
        self.consts = {}
        self.parent = parent


class _RegionOp:
    def __init__(self, header, loc, trailer=""):
        self.header, self.loc, self.trailer = header, loc, trailer
        self.regions = []  # (block, joiner)

    def add_region(self, parent, joiner=""):
        b = _Block(parent)
        self.regions.append((b, joiner))
        return b


def _render_block(block, ind, out):
    for it in block.items:
        if isinstance(it, str):
            out.append(ind + it if not it.startswith("^") else ind[:-2] + it)
        else:
            out.append(f"{ind}{it.header} {{")
            for n, (b, joiner) in enumerate(it.regions):
                if n:
                    out.append(f"{ind}}}{joiner}{{")
                _render_block(b, ind + "  ", out)
            out.append(f"{ind}}}{it.trailer} {it.loc.mlir()}")


class _Fn:
    """One func.func under construction."""

    def __init__(self, name, kind, loc):
        self.name, self.kind, self.loc = name, kind, loc
        self.params = []        # rendered "%x: T {attrs} loc(...)"
        self.param_types = []
        self.attrs = {}         # name -> rendered value (or None for unit)
        self.declaration = False
        self.entry = _Block()
        self.prologue = []      # kernels: constants before everything else
        self.stack = [self.entry]
        self.used = set()
        self.last_if = None

    @property
    def cur(self):
        return self.stack[-1]

    def fresh(self, hint="v"):
        base = _sanitize(hint)
        name, n = base, 0
        while name in self.used:
            n += 1
            name = f"{base}_{n}"
        self.used.add(name)
        return "%" + name

    def emit(self, text, loc):
        self.cur.items.append(f"{text} {loc.mlir()}")

    def render(self):
        attrs = ", ".join(k if v is None else f"{k} = {v}" for k, v in sorted(self.attrs.items()))
        attr_text = f" attributes {{{attrs}}}" if attrs else ""
        if self.declaration:
            return (f"func.func private @{self.name}({', '.join(self.param_types)}){attr_text} "
                    f"{self.loc.mlir()}")
        out = [f"func.func @{self.name}({', '.join(self.params)}){attr_text} {{"]
        out += ["  " + p for p in self.prologue]
        _render_block(self.entry, "  ", out)
        out.append(f"  return {self.loc.mlir()}")
        out.append(f"}} {self.loc.mlir()}")
        return "\n".join(out)


class _State:
    program = None   # the Workload under construction
    fns: List[_Fn] = []
    kernel_trace = None  # _KernelTrace while a kernel body runs


_S = _State()


def _program(what, loc):
    if _S.program is None:
        raise DSLError(f"{what} is only valid inside 'with workload(name):'", loc)
    if _S.kernel_trace is not None:
        raise DSLError(f"{what} is not valid inside a kernel body (kernel bodies compute on "
                       "tiles: y[...] = expr)", loc)
    return _S.program


def _fn(what, loc) -> _Fn:
    _program(what, loc)
    return _S.fns[-1]


# ---------------------------------------------------------------------------
# values of workload and process functions
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# workloads
# ---------------------------------------------------------------------------

class Workload:
    """A workload under construction (``with workload(name) as w:``) and its IR.

    After the ``with`` block: :attr:`mlir` is the module text, :meth:`verify`
    checks it with wsp-verify, :meth:`module` parses it into a Context and
    :meth:`compile` turns it into an artifact (:func:`wsp.compile`)."""

    def __init__(self, name="main", loc=None):
        self.name = name
        self.loc = loc or _user_loc(3)
        self.fn = _Fn(name, "workload", self.loc)
        self.fn.attrs["wsp.workload"] = None
        self.arg_names = {}
        self.kernel_specs: Dict["Kernel", "_Spec"] = {}
        self.process_specs: Dict["Process", "_Spec"] = {}
        self.funcs: List[_Fn] = []  # kernels and processes, in first-use order
        self.symbols: Dict[str, tuple] = {}
        self.channels = {}
        self._text = None
        self._closed = False

    def __enter__(self):
        if _S.program is not None:
            raise DSLError("workloads do not nest: finish the enclosing 'with workload' first",
                           self.loc)
        _S.program = self
        _S.fns = [self.fn]
        return self

    def __exit__(self, et, ev, tb):
        _S.program = None
        _S.fns = []
        self._closed = True
        if et is None and len(self.fn.stack) != 1:
            raise DSLError("a seq/par/if_ body of this workload was not closed", self.loc)
        return False

    # -- results ------------------------------------------------------------
    @property
    def mlir(self) -> str:
        """The module text: kernels and processes (first-use order), then the workload."""
        if not self._closed:
            raise DSLError("the workload's IR is ready after its 'with' block ends", _user_loc(2))
        if self._text is None:
            parts = [f.render() for f in self.funcs] + [self.fn.render()]
            self._text = "\n\n".join(parts) + "\n"
        return self._text

    def __str__(self):
        return self.mlir

    @property
    def source_name(self):
        return f"<wsp workload {self.name}>"

    def module(self, context: Context):
        """Parses the IR into ``context`` (a :class:`wsp.Module`)."""
        return context.parse(self.mlir, self.source_name)

    def verify(self) -> "Workload":
        """Parses and runs wsp-verify; raises WspError located at the Python lines."""
        with Context() as ctx:
            self.module(ctx).verify()
        return self

    def compile(self, out_dir, **kw):
        from .compiler import compile as _compile
        return _compile(self, out_dir, **kw)

    # -- helpers ----------------------------------------------------------------
    def _add_param(self, name, type, loc, attrs=None):
        fn = self.fn
        ssa = fn.fresh(name)
        a = f" {{{', '.join(f'{k} = {v}' for k, v in attrs.items())}}}" if attrs else ""
        fn.params.append(f"{ssa}: {type}{a} {loc.mlir()}")
        fn.param_types.append(type)
        return ssa


def workload(name: str = "main") -> Workload:
    """Starts a workload: ``with workload("main") as w: ...``."""
    return Workload(name, _user_loc(2))


def _declare_arg(kind, name, loc):
    prog = _program(f"{kind}()", loc)
    if _S.fns[-1] is not prog.fn:
        raise DSLError(f"{kind}({name!r}) declares a workload argument; call it in the workload "
                       f"body, not inside @{_S.fns[-1].name}", loc)
    if not isinstance(name, str) or not name:
        raise DSLError(f"{kind}() needs a name (a non-empty string)", loc)
    if name in prog.arg_names:
        raise DSLError(f"workload argument {name!r} is already declared",
                       loc, [(prog.arg_names[name], "first declared here")])
    prog.arg_names[name] = loc
    return prog


def tensor(name: str, shape: Sequence[int], dtype) -> Tensor:
    """Declares a workload tensor argument (an orchestration tensor, in declaration order)."""
    loc = _user_loc(2)
    prog = _declare_arg("tensor", name, loc)
    shape = tuple(shape) if isinstance(shape, (tuple, list)) else (shape,)
    if not shape or not all(isinstance(d, int) and d > 0 for d in shape):
        raise DSLError(f"tensor {name!r}: shape {shape} must be positive Python ints", loc)
    elem = _elem(dtype, loc)
    if elem not in _TENSOR_ELEMS:
        raise DSLError(f"tensor {name!r}: the runtime has no {dtype_name(elem)} tensors; use one "
                       "of " + ", ".join(dtype_name(e) for e in _TENSOR_ELEMS), loc)
    t = Tensor(prog.fn, "", prog.fn.entry, shape, elem, name=name)
    t.ssa = prog._add_param(name, t.type, loc, {"wsp.name": _quote(name)})
    return t


def scalar(*args, dtype=None):
    """Two uses, told apart by the first argument:

    * ``scalar("s", np.float32)`` declares a workload scalar argument (a host
      value bound per run) and returns its Value;
    * ``scalar(value)`` boxes a scalar task/spawn argument (mode ``scalar``).
      A Python number takes the kernel parameter's type (``dtype=`` forces one)."""
    loc = _user_loc(2)
    if args and isinstance(args[0], str):
        if len(args) > 2:
            raise DSLError("scalar(name, dtype) takes two arguments", loc)
        name = args[0]
        dt = args[1] if len(args) == 2 else dtype
        if dt is None:
            raise DSLError(f"scalar({name!r}) needs a dtype, e.g. scalar({name!r}, np.float32)",
                           loc)
        prog = _declare_arg("scalar", name, loc)
        elem = _elem(dt, loc)
        ssa = prog._add_param(name, elem, loc, {"wsp.name": _quote(name)})
        return Value(prog.fn, ssa, elem, prog.fn.entry)
    if len(args) != 1:
        raise DSLError("scalar(value) boxes one task argument; scalar(name, dtype) declares one",
                       loc)
    return _Box("scalar", args[0], loc, _elem(dtype, loc) if dtype is not None else None)


def alloc(shape: Sequence[int], dtype, name: str = "buf") -> Buffer:
    """An intermediate tensor (memref.alloc): runtime heap memory, tiled like a tensor."""
    loc = _user_loc(2)
    fn = _fn("alloc()", loc)
    shape = tuple(shape) if isinstance(shape, (tuple, list)) else (shape,)
    if not shape or not all(isinstance(d, int) and d > 0 for d in shape):
        raise DSLError(f"alloc: shape {shape} must be positive Python ints", loc)
    elem = _elem(dtype, loc)
    b = Buffer(fn, fn.fresh(name), fn.cur, shape, elem, name=name)
    fn.emit(f"{b.ssa} = memref.alloc() : {b.type}", loc)
    return b


def symbol(name: str, dtype="int64") -> Value:
    """A host-bound scalar (wsp.symbol), stable across runs; its id is FNV-1a-64 of the name."""
    loc = _user_loc(2)
    fn = _fn("symbol()", loc)
    elem = _elem(dtype, loc)
    prog = _S.program
    if name in prog.symbols and prog.symbols[name][0] != elem:
        first_elem, first_loc = prog.symbols[name]
        raise DSLError(f"symbol {name!r} is read as {elem} here but as {first_elem} before; a "
                       "symbol has one type", loc, [(first_loc, "first read here")])
    prog.symbols.setdefault(name, (elem, loc))
    r = fn.fresh(name)
    fn.emit(f'{r} = "wsp.symbol"() {{name = {_quote(name)}}} : () -> {elem}', loc)
    return Value(fn, r, elem, fn.cur)


# ---------------------------------------------------------------------------
# control flow
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# tiles, tasks, schedule
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# CSP and slots
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# kernels and processes
# ---------------------------------------------------------------------------

_MODES = ("in", "out", "inout", "scalar")


class _Callee:
    def __init__(self, fn, access, name, params, loc):
        self.func = fn
        self.name = name or fn.__name__
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_$.]*", self.name):
            raise DSLError(f"{self.name!r} is not a valid function name for IR; give one with "
                           "name=...", loc)
        self.access = list(access)
        self.loc = loc
        self.params = params
        self.param_types = None

    def __call__(self, *a, **k):
        raise DSLError(f"{self.name} is a wsp {type(self).__name__.lower()}; submit it with "
                       f"{'task' if isinstance(self, Kernel) else 'spawn'}({self.name}, ...)")

    def __hash__(self):
        return id(self)


def _def_loc(fn):
    code = fn.__code__
    return Loc(code.co_filename, code.co_firstlineno, 1)


def _check_access(access, what, loc, allowed=_MODES):
    if isinstance(access, str) or not isinstance(access, (list, tuple)):
        raise DSLError(f"{what}: access must be a list of modes, e.g. ['in', 'out', 'scalar']", loc)
    for i, m in enumerate(access):
        if m not in allowed:
            raise DSLError(f"{what}: access entry #{i} is {m!r}, not one of "
                           f"{', '.join(repr(a) for a in allowed)}", loc)


def _params_of(fn, access, what, loc):
    import inspect
    params = list(inspect.signature(fn).parameters)
    if len(params) != len(access):
        raise DSLError(f"{what} has {len(params)} parameters but {len(access)} access modes "
                       f"{list(access)}; give one mode per parameter", loc)
    return params


class Kernel(_Callee):
    """A kernel (``@kernel``): generated from its Python body, or a user C++ source."""

    def __init__(self, fn, core, access, source, name, params, loc, param_types):
        super().__init__(fn, access, name, params, loc)
        self.core, self.source = core, source
        if param_types is not None:
            self.param_types = list(param_types)

    def _trace(self, prog, spec):
        f = _Fn(self.name, "kernel", self.loc)
        f.attrs["wsp.kernel"] = _quote(self.core)
        f.attrs["wsp.access"] = "[" + ", ".join(_quote(m) for m in self.access) + "]"
        prog.funcs.append(f)
        if self.source is not None:
            f.declaration = True
            f.attrs["wsp.source"] = _quote(self.source)
            f.param_types = list(spec.types)
            return
        protos = []
        for pname, t, mode, proto in zip(self.params, spec.types, self.access,
                                         spec.protos or [None] * len(spec.types)):
            ssa = f.fresh(pname)
            f.params.append(f"{ssa}: {t}")
            f.param_types.append(t)
            if mode == "scalar":
                protos.append(KScalar(ssa, t, pname))
            else:
                if proto is None:
                    m = re.match(r"memref<([0-9x]+)x([a-z0-9]+)", t)
                    if not m:
                        raise DSLError(f"kernel {self.name}: cannot trace a body over parameter "
                                       f"type {t}", self.loc)
                    shape = tuple(int(d) for d in m.group(1).split("x"))
                    elem = m.group(2)
                else:
                    shape, elem = proto.shape, proto.elem
                protos.append(KTile(ssa, t, shape, elem, mode, pname))
        prev_trace, prev_fns = _S.kernel_trace, _S.fns
        _S.kernel_trace = _KernelTrace(f, self)
        try:
            self.func(*protos)
        except DSLError as e:
            # The types came from the first task: say so (e.g. scalar(1) made an i64).
            e.diagnostics.append(Diagnostic(
                "note", f"kernel {self.name} was traced for this task, with parameter types "
                f"({', '.join(spec.types)})", spec.loc.file, spec.loc.line, spec.loc.col))
            e.args = (e._format(),)
            raise
        finally:
            _S.kernel_trace = prev_trace
            _S.fns = prev_fns
        if not f.entry.items:
            raise DSLError(f"kernel {self.name} has an empty body; assign its outputs "
                           "(y[...] = expr) or give it a C++ source (source=...)", self.loc)


def kernel(core: str = "aiv", access: Sequence[str] = (), source: Optional[str] = None,
           name: Optional[str] = None, param_types: Optional[Sequence[str]] = None):
    """Decorates a Python function as a wsp kernel.

    ``core``: "aiv" (vector) or "aic" (cube). ``access``: one mode per parameter
    ("in", "out", "inout", "scalar"). With ``source="path.cpp"`` (relative to the
    Python file) the body is ignored and the user's C++ source is copied into the
    artifact; otherwise the body is traced (``y[...] = expr`` over tiles) into
    scf/arith/math/memref IR. Parameter types come from the first task that uses
    the kernel (``param_types=`` gives them explicitly as MLIR type strings)."""
    loc = _user_loc(2)
    if core not in ("aiv", "aic"):
        raise DSLError(f"kernel core {core!r} is not 'aiv' (vector) or 'aic' (cube)", loc)
    _check_access(access, "kernel", loc)

    def wrap(fn):
        dloc = _def_loc(fn)
        params = _params_of(fn, access, f"kernel {name or fn.__name__}", loc)
        src = source
        if src is not None:
            src = os.fspath(src)
            if not os.path.isabs(src):
                src = os.path.normpath(os.path.join(os.path.dirname(
                    os.path.abspath(fn.__code__.co_filename)), src))
            if not os.path.isfile(src):
                raise DSLError(f"kernel {name or fn.__name__}: source {src} does not exist", loc)
        if param_types is not None and len(param_types) != len(access):
            raise DSLError(f"kernel {name or fn.__name__}: {len(param_types)} param_types for "
                           f"{len(access)} parameters", loc)
        return Kernel(fn, core, access, src, name, params, dloc, param_types)
    return wrap


class Process(_Callee):
    """A CSP process (``@process``): its body is traced like a workload body."""

    def _trace(self, prog, spec):
        f = _Fn(self.name, "process", self.loc)
        f.attrs["wsp.process"] = None
        f.attrs["wsp.access"] = "[" + ", ".join(_quote(m) for m in self.access) + "]"
        prog.funcs.append(f)
        protos = []
        for pname, t, v in zip(self.params, spec.types, spec.protos):
            ssa = f.fresh(pname)
            f.params.append(f"{ssa}: {t}")
            f.param_types.append(t)
            if isinstance(v, Channel):
                protos.append(Channel(f, ssa, f.entry, v.elem, pname))
            elif isinstance(v, MemRef):
                p = type(v)(f, ssa, f.entry, v.shape, v.elem, v.strides, v.dynamic_offset,
                            name=pname)
                protos.append(p)
            else:
                protos.append(Value(f, ssa, t, f.entry))
        _S.fns.append(f)
        try:
            self.func(*protos)
        finally:
            _S.fns.pop()
        if len(f.stack) != 1:
            raise DSLError(f"a seq/par/if_ body of process {self.name} was not closed", self.loc)


def process(access: Sequence[str] = ()):
    """Decorates a Python function as a CSP process (started by :func:`spawn`).

    ``access``: one mode per parameter; channels are "in" (receives) or "out"
    (sends), tensors in/out/inout, scalars "scalar"."""
    loc = _user_loc(2)
    _check_access(access, "process", loc)

    def wrap(fn):
        params = _params_of(fn, access, f"process {fn.__name__}", loc)
        return Process(fn, access, None, params, _def_loc(fn))
    return wrap


# ---------------------------------------------------------------------------
# kernel bodies: elementwise, reductions and matmul over tiles
# ---------------------------------------------------------------------------

class _KernelTrace:
    def __init__(self, fn, kernel):
        self.fn, self.kernel = fn, kernel
        self.consts = {}

    def const(self, value, t):
        key = (t, _const_literal(value, t))
        if key not in self.consts:
            hint = f"c{int(value)}" if t == "index" and int(value) >= 0 else "cst"
            r = self.fn.fresh(hint)
            self.fn.prologue.append(f"{r} = arith.constant {key[1]} : {t} {self.fn.loc.mlir()}")
            self.consts[key] = r
        return self.consts[key]


def _kt(loc):
    if _S.kernel_trace is None:
        raise DSLError("kernel expressions are only valid inside a @kernel body", loc)
    return _S.kernel_trace


def _broadcast(a, b, loc):
    ra, rb = len(a), len(b)
    out = []
    for k in range(max(ra, rb)):
        da = a[ra - 1 - k] if k < ra else 1
        db = b[rb - 1 - k] if k < rb else 1
        if da != db and da != 1 and db != 1:
            raise DSLError(f"shapes {list(a)} and {list(b)} do not broadcast", loc)
        out.append(max(da, db))
    return tuple(reversed(out))


def _child_idx(pshape, pidx, cshape, c0):
    off = len(pshape) - len(cshape)
    return [c0 if (cshape[k] == 1 and pshape[k + off] != 1) else pidx[k + off]
            for k in range(len(cshape))]


class Expr:
    """A kernel-body expression over tiles and scalars (shape, dtype); emitted per element."""
    shape: tuple = ()
    dtype: Optional[str] = None

    def __init__(self, loc):
        self.loc = loc

    def _b(self, other, op, rev=False):
        loc = _user_loc(3)
        o = _expr(other, loc)
        return Binary(op, o, self, loc) if rev else Binary(op, self, o, loc)

    def __add__(self, o): return self._b(o, "add")
    def __radd__(self, o): return self._b(o, "add", True)
    def __sub__(self, o): return self._b(o, "sub")
    def __rsub__(self, o): return self._b(o, "sub", True)
    def __mul__(self, o): return self._b(o, "mul")
    def __rmul__(self, o): return self._b(o, "mul", True)
    def __truediv__(self, o): return self._b(o, "div")
    def __rtruediv__(self, o): return self._b(o, "div", True)
    def __neg__(self): return Unary("neg", self, _user_loc(2))
    def __lt__(self, o): return Compare("lt", self, _expr(o, _user_loc(2)), _user_loc(2))
    def __le__(self, o): return Compare("le", self, _expr(o, _user_loc(2)), _user_loc(2))
    def __gt__(self, o): return Compare("gt", self, _expr(o, _user_loc(2)), _user_loc(2))
    def __ge__(self, o): return Compare("ge", self, _expr(o, _user_loc(2)), _user_loc(2))

    def __bool__(self):
        raise DSLError("a kernel expression has no Python truth value; use where(cond, a, b)")

    def __hash__(self):
        return id(self)

    def emit(self, kt, idx, want):
        raise NotImplementedError


def _expr(x, loc) -> Expr:
    if isinstance(x, Expr):
        return x
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return Const(x, loc)
    try:
        import numpy as np
        if isinstance(x, np.generic):
            return Const(x.item(), loc)
    except ImportError:
        pass
    raise DSLError(f"kernel expressions combine tiles, scalars and numbers, not "
                   f"{type(x).__name__}", loc)


def _unify(a, b, loc):
    if a is None:
        return b
    if b is None or a == b:
        return a
    raise DSLError(f"operands have different element types ({a} and {b}); convert one with "
                   "cast(expr, dtype)", loc)


def _check_arith_type(t, loc):
    if t is not None and (_is_unsigned(t) or t == "i1"):
        raise DSLError(f"kernel arithmetic on {dtype_name(t)} is not supported (arith is "
                       "signless: use a signed integer or float element type)", loc)


class Const(Expr):
    def __init__(self, value, loc, dtype=None):
        super().__init__(loc)
        self.value, self.shape, self.dtype = value, (), dtype

    def emit(self, kt, idx, want):
        t = self.dtype or want or ("f32" if isinstance(self.value, float) else "i32")
        if _is_int(t) and float(self.value) != int(self.value):
            raise DSLError(f"constant {self.value!r} is not an integer ({t})", self.loc)
        return kt.const(self.value, t)


class KScalar(Expr):
    """A scalar kernel parameter."""

    def __init__(self, ssa, t, name):
        super().__init__(None)
        self.ssa, self.dtype, self.name, self.shape = ssa, t, name, ()

    def emit(self, kt, idx, want):
        return self.ssa

    def __repr__(self):
        return f"<wsp kernel scalar {self.name}: {self.dtype}>"


class KTile(Expr):
    """A tile parameter of a kernel: read it in expressions, assign with ``t[...] = expr``."""

    def __init__(self, ssa, type, shape, elem, mode, name):
        super().__init__(None)
        self.ssa, self.type, self.shape, self.dtype = ssa, type, tuple(shape), elem
        self.mode, self.name = mode, name

    def __repr__(self):
        return f"<wsp kernel tile {self.name}: {self.type}>"

    def __getitem__(self, key):
        if key is Ellipsis or key == slice(None) or (
                isinstance(key, tuple) and all(k == slice(None) for k in key)):
            return self
        raise DSLError(f"kernel bodies read and write whole tiles: use {self.name} or "
                       f"{self.name}[...]", _user_loc(2))

    def __setitem__(self, key, value):
        loc = _user_loc(2)
        kt = _kt(loc)
        self[key]  # validates the key
        if self.mode == "in":
            raise DSLError(f"kernel {kt.kernel.name} assigns {self.name}, whose access is \"in\"; "
                           "declare it \"out\" or \"inout\"", loc)
        _store(kt, self, _expr(value, loc), loc)

    def emit(self, kt, idx, want):
        r = kt.fn.fresh("v")
        kt.fn.emit(f"{r} = memref.load {self.ssa}[{', '.join(idx)}] : {self.type}", kt.loc)
        return r


_FLOAT_BIN = {"add": "arith.addf", "sub": "arith.subf", "mul": "arith.mulf", "div": "arith.divf",
              "max": "arith.maximumf", "min": "arith.minimumf"}
_INT_BIN = {"add": "arith.addi", "sub": "arith.subi", "mul": "arith.muli", "div": "arith.divsi",
            "max": "arith.maxsi", "min": "arith.minsi"}


def _bin_op(kt, op, a, b, t, loc):
    table = _FLOAT_BIN if _is_float(t) else _INT_BIN
    r = kt.fn.fresh("v")
    kt.fn.emit(f"{r} = {table[op]} {a}, {b} : {t}", loc)
    return r


class Binary(Expr):
    def __init__(self, op, a, b, loc):
        super().__init__(loc)
        self.op, self.a, self.b = op, a, b
        self.shape = _broadcast(a.shape, b.shape, loc)
        self.dtype = _unify(a.dtype, b.dtype, loc)
        _check_arith_type(self.dtype, loc)

    def emit(self, kt, idx, want):
        t = self.dtype or want or "f32"
        x = kt.sub(self.a, self.shape, idx, t)
        y = kt.sub(self.b, self.shape, idx, t)
        return _bin_op(kt, self.op, x, y, t, self.loc)


class Compare(Expr):
    def __init__(self, pred, a, b, loc):
        super().__init__(loc)
        self.pred, self.a, self.b = pred, a, b
        self.shape = _broadcast(a.shape, b.shape, loc)
        self.operand_dtype = _unify(a.dtype, b.dtype, loc)
        self.dtype = "i1"

    def emit(self, kt, idx, want):
        t = self.operand_dtype or "f32"
        x = kt.sub(self.a, self.shape, idx, t)
        y = kt.sub(self.b, self.shape, idx, t)
        r = kt.fn.fresh("p")
        if _is_float(t):
            p = {"lt": "olt", "le": "ole", "gt": "ogt", "ge": "oge", "eq": "oeq", "ne": "une"}
            kt.fn.emit(f"{r} = arith.cmpf {p[self.pred]}, {x}, {y} : {t}", self.loc)
        else:
            p = {"lt": "slt", "le": "sle", "gt": "sgt", "ge": "sge", "eq": "eq", "ne": "ne"}
            kt.fn.emit(f"{r} = arith.cmpi {p[self.pred]}, {x}, {y} : {t}", self.loc)
        return r


class Where(Expr):
    def __init__(self, c, a, b, loc):
        super().__init__(loc)
        if c.dtype != "i1":
            raise DSLError("where(cond, a, b): cond must be a comparison", loc)
        self.c, self.a, self.b = c, a, b
        self.shape = _broadcast(_broadcast(c.shape, a.shape, loc), b.shape, loc)
        self.dtype = _unify(a.dtype, b.dtype, loc)

    def emit(self, kt, idx, want):
        t = self.dtype or want or "f32"
        c = kt.sub(self.c, self.shape, idx, "i1")
        x = kt.sub(self.a, self.shape, idx, t)
        y = kt.sub(self.b, self.shape, idx, t)
        r = kt.fn.fresh("v")
        kt.fn.emit(f"{r} = arith.select {c}, {x}, {y} : {t}", self.loc)
        return r


_UNARY_F = {"exp": "math.exp", "log": "math.log", "sqrt": "math.sqrt", "rsqrt": "math.rsqrt",
            "tanh": "math.tanh", "abs": "math.absf", "neg": "arith.negf"}


class Unary(Expr):
    def __init__(self, op, a, loc):
        super().__init__(loc)
        self.op, self.a, self.shape, self.dtype = op, a, a.shape, a.dtype
        _check_arith_type(self.dtype, loc)
        if self.dtype is not None and _is_int(self.dtype) and op not in ("abs", "neg"):
            raise DSLError(f"{op}() needs a float operand, not {dtype_name(self.dtype)}", loc)

    def emit(self, kt, idx, want):
        t = self.dtype or want or "f32"
        x = kt.sub(self.a, self.shape, idx, t)
        r = kt.fn.fresh("v")
        if _is_float(t):
            kt.fn.emit(f"{r} = {_UNARY_F[self.op]} {x} : {t}", self.loc)
        elif self.op == "abs":
            kt.fn.emit(f"{r} = math.absi {x} : {t}", self.loc)
        else:  # neg
            kt.fn.emit(f"{r} = arith.subi {kt.const(0, t)}, {x} : {t}", self.loc)
        return r


class Cast(Expr):
    def __init__(self, a, t, loc):
        super().__init__(loc)
        self.a, self.shape, self.dtype = a, a.shape, t

    def emit(self, kt, idx, want):
        s = self.a.dtype or self.dtype
        x = kt.sub(self.a, self.shape, idx, s)
        t = self.dtype
        if s == t:
            return x
        r = kt.fn.fresh("v")
        if _is_int(s) and _is_int(t):
            op = "arith.extsi" if _int_width(t) > _int_width(s) else "arith.trunci"
        elif _is_int(s):
            op = "arith.sitofp"
        elif _is_int(t):
            op = "arith.fptosi"
        else:
            w = {"f16": 16, "bf16": 16, "f32": 32, "f64": 64}
            op = "arith.extf" if w[t] > w[s] else "arith.truncf"
        kt.fn.emit(f"{r} = {op} {x} : {s} to {t}", self.loc)
        return r


class Transpose(Expr):
    def __init__(self, a, loc):
        super().__init__(loc)
        if len(a.shape) != 2:
            raise DSLError(f"transpose() needs a 2-d tile, got shape {list(a.shape)}", loc)
        self.a, self.shape, self.dtype = a, (a.shape[1], a.shape[0]), a.dtype

    def emit(self, kt, idx, want):
        return self.a.emit(kt, [idx[1], idx[0]], want)


def _identity(kind, t):
    if kind == "sum":
        return 0
    if _is_float(t):
        return float("-inf") if kind in ("max", "argmax") else float("inf")
    w = _int_width(t)
    return -(1 << (w - 1)) if kind in ("max", "argmax") else (1 << (w - 1)) - 1


class Reduce(Expr):
    """sum/max/min/argmax of an expression along one axis (keepdims)."""

    def __init__(self, kind, a, axis, loc, index_dtype=None):
        super().__init__(loc)
        if not a.shape:
            raise DSLError(f"reduce_{kind}() needs a tile expression, not a scalar", loc)
        axis = axis % len(a.shape) if isinstance(axis, int) and -len(a.shape) <= axis < len(
            a.shape) else None
        if axis is None:
            raise DSLError(f"reduction axis out of range for shape {list(a.shape)}", loc)
        self.kind, self.a, self.axis = kind, a, axis
        self.shape = tuple(1 if d == axis else n for d, n in enumerate(a.shape))
        _check_arith_type(a.dtype, loc)
        self.index_dtype = index_dtype
        self.dtype = index_dtype if kind == "argmax" else a.dtype

    def emit(self, kt, idx, want):
        fn = kt.fn
        t = self.a.dtype or (want if self.kind != "argmax" else None) or "f32"
        n = self.a.shape[self.axis]
        k = fn.fresh("k")
        child = list(idx)
        for d in range(len(child)):
            if d != self.axis and self.a.shape[d] == 1:
                child[d] = kt.const(0, "index")
        child[self.axis] = k
        lb, ub, st = kt.const(0, "index"), kt.const(n, "index"), kt.const(1, "index")
        r = fn.fresh("r")
        if self.kind == "argmax":
            ti = self.index_dtype
            best, bi = fn.fresh("best"), fn.fresh("bi")
            op = _RegionOp(f"{r}:2 = scf.for {k} = {lb} to {ub} step {st} iter_args({best} = "
                           f"{kt.const(_identity('argmax', t), t)}, {bi} = {kt.const(0, ti)}) -> "
                           f"({t}, {ti})", self.loc)
            fn.cur.items.append(op)
            fn.stack.append(op.add_region(fn.cur))
            v = _ce(kt, self.a, child, t)
            gt, nb, ki, ni = fn.fresh("p"), fn.fresh("v"), fn.fresh("v"), fn.fresh("v")
            pred = f"arith.cmpf ogt, {v}, {best} : {t}" if _is_float(t) else \
                f"arith.cmpi sgt, {v}, {best} : {t}"
            fn.emit(f"{gt} = {pred}", self.loc)
            fn.emit(f"{nb} = arith.select {gt}, {v}, {best} : {t}", self.loc)
            fn.emit(f"{ki} = arith.index_cast {k} : index to {ti}", self.loc)
            fn.emit(f"{ni} = arith.select {gt}, {ki}, {bi} : {ti}", self.loc)
            fn.emit(f"scf.yield {nb}, {ni} : {t}, {ti}", self.loc)
            fn.stack.pop()
            return f"{r}#1"
        acc = fn.fresh("acc")
        op = _RegionOp(f"{r} = scf.for {k} = {lb} to {ub} step {st} iter_args({acc} = "
                       f"{kt.const(_identity(self.kind, t), t)}) -> ({t})", self.loc)
        fn.cur.items.append(op)
        fn.stack.append(op.add_region(fn.cur))
        v = _ce(kt, self.a, child, t)
        nv = _bin_op(kt, {"sum": "add", "max": "max", "min": "min"}[self.kind], acc, v, t,
                     self.loc)
        fn.emit(f"scf.yield {nv} : {t}", self.loc)
        fn.stack.pop()
        return r


class Matmul(Expr):
    """``matmul(a, b)`` of 2-d tile expressions: (M, K) x (K, N) -> (M, N)."""

    def __init__(self, a, b, loc):
        super().__init__(loc)
        if len(a.shape) != 2 or len(b.shape) != 2 or a.shape[1] != b.shape[0]:
            raise DSLError(f"matmul() needs (M, K) and (K, N) tiles, got {list(a.shape)} and "
                           f"{list(b.shape)}", loc)
        self.a, self.b = a, b
        self.shape = (a.shape[0], b.shape[1])
        self.dtype = _unify(a.dtype, b.dtype, loc)
        _check_arith_type(self.dtype, loc)

    def emit(self, kt, idx, want):
        fn = kt.fn
        t = self.dtype or want or "f32"
        n = self.a.shape[1]
        k, acc, r = fn.fresh("k"), fn.fresh("acc"), fn.fresh("r")
        lb, ub, st = kt.const(0, "index"), kt.const(n, "index"), kt.const(1, "index")
        op = _RegionOp(f"{r} = scf.for {k} = {lb} to {ub} step {st} iter_args({acc} = "
                       f"{kt.const(0, t)}) -> ({t})", self.loc)
        fn.cur.items.append(op)
        fn.stack.append(op.add_region(fn.cur))
        x = _ce(kt, self.a, [idx[0], k], t)
        y = _ce(kt, self.b, [k, idx[1]], t)
        m = _bin_op(kt, "mul", x, y, t, self.loc)
        s = _bin_op(kt, "add", acc, m, t, self.loc)
        fn.emit(f"scf.yield {s} : {t}", self.loc)
        fn.stack.pop()
        return r


def _hoistable(e, rank, blocked, out, seen):
    """Reductions whose value does not vary along the loops they would be nested in, found
    through elementwise nodes (and inside reductions, post-order), as (node, deps)."""
    if isinstance(e, (Reduce, Matmul)):
        off = rank - len(e.shape)
        deps = {k + off for k, n in enumerate(e.shape) if n != 1}
        if deps & blocked:
            return
        if isinstance(e, Reduce):
            _hoistable(e.a, rank, blocked | {e.axis + off}, out, seen)
        if id(e) not in seen:
            seen.add(id(e))
            out.append((e, deps))
    elif isinstance(e, (Binary, Compare)):
        _hoistable(e.a, rank, blocked, out, seen)
        _hoistable(e.b, rank, blocked, out, seen)
    elif isinstance(e, Where):
        for c in (e.c, e.a, e.b):
            _hoistable(c, rank, blocked, out, seen)
    elif isinstance(e, (Unary, Cast)):
        _hoistable(e.a, rank, blocked, out, seen)


def _store(kt, dst: KTile, e: Expr, loc):
    fn = kt.fn
    if _broadcast(dst.shape, e.shape, loc) != dst.shape:
        raise DSLError(f"cannot assign an expression of shape {list(e.shape)} to {dst.name} of "
                       f"shape {list(dst.shape)}", loc)
    if e.dtype is not None and e.dtype != dst.dtype:
        raise DSLError(f"cannot assign a {dtype_name(e.dtype)} expression to {dst.name} "
                       f"({dtype_name(dst.dtype)}); convert with cast(expr, dtype)", loc)
    kt.loc = loc
    rank = len(dst.shape)
    c0 = kt.const(0, "index")
    # Reductions that do not vary along the inner loops are computed once, outside them.
    levels = {}
    found = []
    _hoistable(e, rank, set(), found, set())
    for node, deps in found:
        levels.setdefault(max(deps) + 1 if deps else 0, []).append(node)
    cache = {}
    kt.cache = cache
    idx = [c0] * rank

    def emit_level(level):
        for node in levels.get(level, []):
            cache[id(node)] = node.emit(kt, _child_idx(dst.shape, idx, node.shape, c0), dst.dtype)

    pushed = 0
    try:
        emit_level(0)
        for d in range(rank):
            iv = fn.fresh("i")
            op = _RegionOp(f"scf.for {iv} = {c0} to {kt.const(dst.shape[d], 'index')} step "
                           f"{kt.const(1, 'index')}", loc)
            fn.cur.items.append(op)
            fn.stack.append(op.add_region(fn.cur))
            pushed += 1
            idx[d] = iv
            emit_level(d + 1)
        v = kt.sub(e, dst.shape, idx, dst.dtype)
    finally:
        kt.cache = {}
    fn.emit(f"memref.store {v}, {dst.ssa}[{', '.join(idx)}] : {dst.type}", loc)
    for _ in range(pushed):
        fn.stack.pop()


def _ce(kt, node, idx, want):
    """A node's value at idx: its hoisted value when it has one."""
    return kt.cache[id(node)] if id(node) in kt.cache else node.emit(kt, idx, want)


def _kt_sub(self, child, pshape, pidx, want):
    if id(child) in getattr(self, "cache", {}):
        return self.cache[id(child)]
    return child.emit(self, _child_idx(pshape, pidx, child.shape, self.const(0, "index")), want)


_KernelTrace.sub = _kt_sub
_KernelTrace.loc = None
_KernelTrace.cache = {}


def _unary(op):
    def f(x):
        loc = _user_loc(2)
        _kt(loc)
        return Unary(op, _expr(x, loc), loc)
    f.__name__ = op
    f.__doc__ = f"Elementwise {op} (math dialect) in a kernel body."
    return f


exp = _unary("exp")
log = _unary("log")
sqrt = _unary("sqrt")
rsqrt = _unary("rsqrt")
tanh = _unary("tanh")
abs_ = _unary("abs")


def maximum(a, b):
    """Elementwise maximum (NaN-propagating for floats)."""
    loc = _user_loc(2)
    _kt(loc)
    return Binary("max", _expr(a, loc), _expr(b, loc), loc)


def minimum(a, b):
    """Elementwise minimum (NaN-propagating for floats)."""
    loc = _user_loc(2)
    _kt(loc)
    return Binary("min", _expr(a, loc), _expr(b, loc), loc)


def eq(a, b):
    """Elementwise a == b (a comparison for where())."""
    loc = _user_loc(2)
    return Compare("eq", _expr(a, loc), _expr(b, loc), loc)


def ne(a, b):
    """Elementwise a != b."""
    loc = _user_loc(2)
    return Compare("ne", _expr(a, loc), _expr(b, loc), loc)


def where(cond, a, b):
    """Elementwise select: a where cond holds, else b."""
    loc = _user_loc(2)
    _kt(loc)
    return Where(_expr(cond, loc), _expr(a, loc), _expr(b, loc), loc)


def cast(x, dtype):
    """Elementwise conversion to ``dtype``."""
    loc = _user_loc(2)
    _kt(loc)
    return Cast(_expr(x, loc), _elem(dtype, loc), loc)


def matmul(a, b):
    """Matrix product of two 2-d tile expressions."""
    loc = _user_loc(2)
    _kt(loc)
    return Matmul(_expr(a, loc), _expr(b, loc), loc)


def transpose(a):
    """The transpose of a 2-d tile expression."""
    loc = _user_loc(2)
    _kt(loc)
    return Transpose(_expr(a, loc), loc)


def _reducer(kind, default_axis=None):
    def f(x, axis=default_axis if default_axis is not None else -1):
        loc = _user_loc(2)
        _kt(loc)
        return Reduce(kind, _expr(x, loc), axis, loc)
    return f


reduce_sum = _reducer("sum")
reduce_max = _reducer("max")
reduce_min = _reducer("min")


def row_sum(x):
    """Sum along the last axis, keeping it (shape (R, 1))."""
    loc = _user_loc(2)
    _kt(loc)
    return Reduce("sum", _expr(x, loc), -1, loc)


def row_max(x):
    """Maximum along the last axis, keeping it."""
    loc = _user_loc(2)
    _kt(loc)
    return Reduce("max", _expr(x, loc), -1, loc)


def row_min(x):
    """Minimum along the last axis, keeping it."""
    loc = _user_loc(2)
    _kt(loc)
    return Reduce("min", _expr(x, loc), -1, loc)


def col_sum(x):
    """Sum along the first axis, keeping it (shape (1, C))."""
    loc = _user_loc(2)
    _kt(loc)
    return Reduce("sum", _expr(x, loc), 0, loc)


def col_max(x):
    """Maximum along the first axis, keeping it."""
    loc = _user_loc(2)
    _kt(loc)
    return Reduce("max", _expr(x, loc), 0, loc)


def col_min(x):
    """Minimum along the first axis, keeping it."""
    loc = _user_loc(2)
    _kt(loc)
    return Reduce("min", _expr(x, loc), 0, loc)


def argmax(x, axis=-1, dtype="int32"):
    """Index of the maximum along ``axis`` (keepdims), as ``dtype`` (first maximum wins)."""
    loc = _user_loc(2)
    _kt(loc)
    t = _elem(dtype, loc)
    if not _is_int(t) or t == "index":
        raise DSLError(f"argmax dtype must be a signed integer type, not {dtype}", loc)
    return Reduce("argmax", _expr(x, loc), axis, loc, t)
