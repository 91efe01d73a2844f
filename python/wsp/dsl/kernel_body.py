"""Kernel bodies: expressions over tiles (elementwise, comparisons, where, casts,
reductions, matmul, transpose) and their lowering to scf/arith/math/memref loops.

Invariant: expressions are built only while a kernel body is traced
(_S.kernel_trace); an assignment ``y[...] = expr`` emits one loop nest, with the
reductions that do not vary along inner loops hoisted out of them.
"""

from typing import Optional

from .errors import DSLError, _user_loc
from .dtypes import _const_literal, _elem, _int_width, _is_float, _is_int, _is_unsigned, dtype_name
from .builder import _RegionOp, _S


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
