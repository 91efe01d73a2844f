"""The Pythonic layer over libwsp: contexts, modules, pass pipelines, diagnostics.

Ownership is deterministic: a :class:`Context` owns the C context and every
:class:`Module` parsed in it; closing the context (``with`` block exit,
:meth:`Context.close`) first destroys its live modules, then the context.
Pass managers are created and destroyed inside each :meth:`Module.run_pipeline`
call. Every C-level failure becomes a :class:`WspError` that carries the
captured diagnostics, located as MLIR locates them (``file:line:col``).
"""
import ctypes
import os
import weakref
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from ._capi import SEVERITY_NAMES, api, decode, take_string

__all__ = ["Context", "Module", "Diagnostic", "WspError", "PassInfo", "PassOption",
           "passes", "version", "library_path"]


@dataclass(frozen=True)
class Diagnostic:
    """One diagnostic: severity ("error", "warning", "note", "remark"), message, position.

    ``file`` is "" and ``line``/``column`` are 0 when the location has none."""
    severity: str
    message: str
    file: str = ""
    line: int = 0
    column: int = 0

    def __str__(self):
        if self.line:
            return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"
        if self.file:
            return f"{self.file}: {self.severity}: {self.message}"
        return f"{self.severity}: {self.message}"


class WspError(Exception):
    """A failure reported by libwsp or by the DSL, with its located diagnostics.

    ``str(err)`` is one ``file:line:col: severity: message`` line per diagnostic
    (notes follow the error they belong to)."""

    def __init__(self, summary: str, diagnostics: Optional[List[Diagnostic]] = None):
        self.summary = summary
        self.diagnostics = list(diagnostics or [])
        super().__init__(self._format())

    def _format(self):
        if not self.diagnostics:
            return self.summary
        return "\n".join(str(d) for d in self.diagnostics)

    @property
    def errors(self) -> List[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


@dataclass(frozen=True)
class PassOption:
    name: str
    type: str
    default: str
    help: str


@dataclass(frozen=True)
class PassInfo:
    """A wsp pass or named pipeline (``pipeline`` is its expansion, else None)."""
    name: str
    summary: str
    pipeline: Optional[str]
    options: Tuple[PassOption, ...] = field(default_factory=tuple)


def passes() -> List[PassInfo]:
    """wsp's own passes and named pipelines (as ``wsp-opt --list-passes``)."""
    a = api()
    out = []
    for i in range(a.wspGetNumPasses()):
        opts = tuple(PassOption(decode(a.wspGetPassOptionName(i, j)),
                                decode(a.wspGetPassOptionType(i, j)),
                                decode(a.wspGetPassOptionDefault(i, j)),
                                decode(a.wspGetPassOptionHelp(i, j)))
                     for j in range(a.wspGetPassNumOptions(i)))
        pipe = a.wspGetPassPipeline(i)
        out.append(PassInfo(decode(a.wspGetPassName(i)), decode(a.wspGetPassSummary(i)),
                            decode(pipe) if pipe is not None else None, opts))
    return out


def version() -> str:
    """``"wsp <version> (<git commit>)"`` of the loaded library."""
    return decode(api().wspGetVersionString())


def library_path() -> str:
    """The path of the loaded libwsp.so."""
    return str(api().path)


class _Closing:
    """Deterministic release: `with` closes on exit; the garbage collector
    closes what was forgotten. Subclasses define close()."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


class Context(_Closing):
    """Owns a libwsp context (MLIR context + wsp/taskring dialects + diagnostics).

    Use as a context manager, or call :meth:`close`. Modules parsed in it are
    destroyed when it closes."""

    def __init__(self):
        self._api = api()
        self._ctx = self._api.wspContextCreate()
        if not self._ctx:
            raise WspError("wsp: wspContextCreate failed (the embedded dialect definitions did "
                           "not load; the library build is broken)")
        self._modules = weakref.WeakSet()
        self.diagnostics: List[Diagnostic] = []  # of the last operation

    # -- lifetime --------------------------------------------------------
    def close(self):
        if getattr(self, "_ctx", None) is None:
            return
        for m in list(self._modules):
            m.close()
        self._api.wspContextDestroy(self._ctx)
        self._ctx = None


    @property
    def closed(self) -> bool:
        return self._ctx is None

    def _handle(self):
        if self._ctx is None:
            raise ValueError("wsp: the Context is closed")
        return self._ctx

    # -- diagnostics -----------------------------------------------------
    def _begin(self):
        self._api.wspContextClearDiagnostics(self._handle())

    def _collect(self) -> List[Diagnostic]:
        a, ctx = self._api, self._handle()
        out = []
        for i in range(a.wspContextGetNumDiagnostics(ctx)):
            d = a.wspContextGetDiagnostic(ctx, i)
            out.append(Diagnostic(SEVERITY_NAMES.get(d.severity, "error"), decode(d.message),
                                  decode(d.file), d.line, d.column))
        a.wspContextClearDiagnostics(ctx)
        self.diagnostics = out
        return out

    def _fail(self, summary) -> WspError:
        diags = self._collect()
        return WspError(summary, diags or [Diagnostic("error", summary)])

    # -- parsing ---------------------------------------------------------
    def parse(self, text: str, name: str = "<string>") -> "Module":
        """Parses MLIR text (generic or custom form); raises WspError with located errors."""
        self._begin()
        data = text.encode("utf-8")
        m = self._api.wspParseSourceString(self._handle(), data, len(data), name.encode("utf-8"))
        if not m:
            raise self._fail(f"wsp: failed to parse {name}")
        self._collect()
        return Module(self, m, name)

    def parse_file(self, path) -> "Module":
        """Reads and parses a file; raises WspError (also for an unreadable file)."""
        self._begin()
        path = os.fspath(path)
        m = self._api.wspParseSourceFile(self._handle(), path.encode("utf-8"))
        if not m:
            raise self._fail(f"wsp: failed to parse {path}")
        self._collect()
        return Module(self, m, path)


class Module(_Closing):
    """A parsed module, owned by its Context (which must stay open)."""

    def __init__(self, context: Context, handle, name: str):
        self.context = context
        self._m = handle
        self.name = name
        context._modules.add(self)

    @classmethod
    def parse(cls, text: str, context: Context, name: str = "<string>") -> "Module":
        return context.parse(text, name)

    @classmethod
    def parse_file(cls, path, context: Context) -> "Module":
        return context.parse_file(path)

    def close(self):
        if getattr(self, "_m", None) is not None:
            if not self.context.closed:
                self.context._api.mlirModuleDestroy(self._m)
            self._m = None


    def _handle(self):
        if self._m is None:
            raise ValueError("wsp: the Module is closed")
        self.context._handle()
        return self._m

    @property
    def operation(self):
        return self.context._api.mlirModuleGetOperation(self._handle())

    def verify(self, semantic: bool = True) -> "Module":
        """MLIR's structural verifier, then (``semantic``) the ``wsp-verify`` pass.

        Raises WspError with every located error; returns self when valid."""
        ctx = self.context
        ctx._begin()
        if not ctx._api.wspVerify(ctx._handle(), self.operation):
            raise ctx._fail(f"wsp: {self.name} failed to verify")
        ctx._collect()
        if semantic:
            self.run_pipeline("wsp-verify")
        return self

    def run_pipeline(self, pipeline: str, verify_each: bool = True,
                     timing: bool = False) -> "Module":
        """Runs a textual pipeline (``builtin.module(...)`` optional) on this module, in place.

        wsp passes take options as ``pass{key=value}``; other names go to MLIR.
        Raises WspError on a malformed pipeline or a failing pass. Warnings are
        left in ``self.context.diagnostics``. ``timing`` prints MLIR's per-pass
        time report on the process's standard error (file descriptor 2)."""
        ctx, a = self.context, self.context._api
        ctx._begin()
        pm = a.wspPassManagerCreate(ctx._handle())
        try:
            a.wspPassManagerEnableVerifier(pm, verify_each)
            if timing:
                a.wspPassManagerEnableTiming(pm)
            if not a.wspPassManagerAddPipeline(pm, pipeline.encode("utf-8")):
                raise ctx._fail(f"wsp: invalid pipeline '{pipeline}'")
            if not a.wspPassManagerRun(pm, self._handle()):
                raise ctx._fail(f"wsp: pipeline '{pipeline}' failed on {self.name}")
        finally:
            a.wspPassManagerDestroy(pm)
        ctx._collect()
        return self

    def to_string(self, generic: bool = False, debug_info: bool = False) -> str:
        return take_string(self.context._api.wspOperationPrintToString(
            self.operation, generic, debug_info))

    def __str__(self):
        return self.to_string()

    # -- emission (Emit.h) -----------------------------------------------
    def _emit_options(self, platform, golden, source_path, force, target=None):
        a = self.context._api
        if not a.has_emit:
            raise WspError(f"wsp: {a.path} has no emit API (Emit.h); rebuild libwsp with the "
                           "emitter to compile artifacts")
        opts = a.wspEmitOptionsGetDefault()
        keep = []  # keep the encoded strings alive for the call

        def s(v):
            if v is None:
                return None
            b = os.fspath(v).encode("utf-8")
            keep.append(b)
            return b
        opts.platform = s(platform)
        opts.goldenPath = s(golden)
        opts.sourcePath = s(source_path)
        opts.force = bool(force)
        opts.target = s(target)
        return opts, keep

    def emit(self, out_dir, platform: str = "a2a3sim", golden=None, source_path=None,
             force: bool = False, target=None) -> str:
        """Writes the artifact of a lowered (taskring) module to ``out_dir`` (atomically).

        ``target``: ``"pto-runtime-41d5c94a"``, ``"simpler-6ebaf771"`` (``"simpler"``), or
        None for the one the module's ``taskring.runtime`` abi names.
        Raises WspError; warnings are left in ``self.context.diagnostics``."""
        ctx, a = self.context, self.context._api
        opts, keep = self._emit_options(platform, golden, source_path, force, target)
        ctx._begin()
        out = os.fspath(out_dir)
        if not a.wspEmitArtifact(ctx._handle(), self._handle(), ctypes.byref(opts),
                                 out.encode("utf-8")):
            raise ctx._fail(f"wsp: emitting the artifact to {out} failed")
        ctx._collect()
        del keep
        return out

    def emit_to_memory(self, platform: str = "a2a3sim", golden=None, source_path=None,
                       target=None):
        """The artifact as ``(files, capability_report)``: files maps relative path -> bytes."""
        ctx, a = self.context, self.context._api
        opts, keep = self._emit_options(platform, golden, source_path, False, target)
        ctx._begin()
        files = a.wspEmitArtifactToMemory(ctx._handle(), self._handle(), ctypes.byref(opts))
        if not files:
            raise ctx._fail("wsp: emitting the artifact failed")
        try:
            out = {}
            for i in range(a.wspEmittedFilesGetNumFiles(files)):
                n = ctypes.c_size_t(0)
                ptr = a.wspEmittedFilesGetContent(files, i, ctypes.byref(n))
                out[decode(a.wspEmittedFilesGetPath(files, i))] = ctypes.string_at(ptr, n.value)
            report = decode(a.wspEmittedFilesGetCapabilityReport(files))
        finally:
            a.wspEmittedFilesDestroy(files)
        ctx._collect()
        del keep
        return out, report
