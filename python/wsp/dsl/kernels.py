"""@kernel and @process: the functions task() and spawn() call, their access
modes, and the tracing of their bodies when first used.
"""

import os
import re
from typing import Optional, Sequence

from ..ir import Diagnostic
from .errors import DSLError, Loc, _user_loc
from .dtypes import _quote
from .builder import _Fn, _S
from .values import Channel, MemRef, Value
from .kernel_body import KScalar, KTile, _KernelTrace


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
