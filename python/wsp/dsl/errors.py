"""Locations and errors: the Python source position every IR line and every
DSLError carries.

Invariant: a location names the innermost frame outside the wsp package (any of
its folders), so diagnostics point at the user's line, never inside wsp.
"""

import os
import sys
from typing import Optional

from ..ir import Diagnostic, WspError


# The wsp package folder (the DSL is its subfolder dsl/).
_PKG_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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
