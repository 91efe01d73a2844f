"""The IR text builder and its rendering: functions, blocks, ops with regions, and
the tracing state (the workload and the function stack being built).

Invariant: _S.fns[-1] is the function DSL calls append to; _S.kernel_trace is set
only while a kernel body runs. Everything renders deterministically (sorted attributes,
first-use order of functions).
"""

from typing import List

from .errors import DSLError
from .dtypes import _sanitize


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
