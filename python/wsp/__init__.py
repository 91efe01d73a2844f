"""wsp: Python bindings (ctypes over libwsp), a builder DSL, a compiler driver and a
runner over the target runtimes (simpler 6ebaf771 by default, pto-runtime 41d5c94a).

    import wsp                      # Context, Module, WspError, compile, run, ...
    from wsp.dsl import *           # kernel, workload, tensor, tile, task, ...

The bindings need only Debian's python3; the DSL's dtypes accept numpy dtypes
(python3-numpy); wsp.run needs a checkout of the artifact's runtime (SIMPLER_ROOT or
PTO_RUNTIME_ROOT, with PTO_ISA_ROOT) and python3-torch (for the runtime's own runner).
See docs/python.md.
"""
from .ir import (Context, Diagnostic, Module, PassInfo, PassOption, WspError, library_path,
                 passes, version)
from ._capi import LibraryNotFoundError
from .compiler import Artifact, compile
from .runner import RunError, RunResult, check_environment, run

__all__ = ["Context", "Module", "Diagnostic", "WspError", "PassInfo", "PassOption", "passes",
           "version", "library_path", "LibraryNotFoundError", "Artifact", "compile", "run",
           "RunResult", "RunError", "check_environment"]
