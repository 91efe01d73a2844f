"""Workloads and their arguments: ``with workload(name)``, tensor(), scalar(),
alloc(), symbol().

Invariant: one workload is under construction at a time; its text is
ready only after its ``with`` block.
"""

from typing import Dict, List, Sequence

from ..ir import Context
from .errors import DSLError, _user_loc
from .dtypes import _TENSOR_ELEMS, _elem, _quote, dtype_name
from .builder import _Fn, _S, _fn, _program
from .values import Buffer, Tensor, Value
from .tasks import _Box


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
        from ..compiler import compile as _compile
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
