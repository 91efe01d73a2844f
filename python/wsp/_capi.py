"""ctypes declarations for libwsp's public C API (include/wsp-c/*.h).

This module only finds and loads the shared library and declares the
signatures; the Pythonic layer is in :mod:`wsp.ir`. Handles that the C API
passes by value (``WspContext``, ``MlirModule``, ``WspPassManager``, ...) are
``struct { void *ptr; }`` and are modelled as :class:`ctypes.Structure`, so
ctypes passes and returns them exactly as the C ABI does.

Library lookup, first match wins:

1. ``$WSP_LIBRARY`` (a path to ``libwsp.so``). When set it is the only
   candidate: a wrong path is an error, never silently replaced by another
   library.
2. The install prefix the package was installed under: ``<prefix>/lib/libwsp.so``
   (and ``<prefix>/lib64``, ``<prefix>/lib/<multiarch>``), where the package
   lives in ``<prefix>/lib/python3*/{site,dist}-packages/wsp``.
3. The build tree: ``$WSP_BUILD_DIR/lib/libwsp.so`` when ``WSP_BUILD_DIR`` is
   set, else ``<repo>/build/lib/libwsp.so`` next to ``<repo>/python/wsp``.
"""
import ctypes
import os
import pathlib
import sysconfig

_PACKAGE_DIR = pathlib.Path(__file__).resolve().parent
_LIB_NAME = "libwsp.so"


class LibraryNotFoundError(ImportError):
    """libwsp.so could not be found or loaded; the message lists every place looked."""


def _prefix_candidates():
    # <prefix>/lib/python3.X/site-packages/wsp -> parents[2] == <prefix>/lib
    out = []
    parents = _PACKAGE_DIR.parents
    if len(parents) > 3:
        prefix = parents[3]
        multiarch = sysconfig.get_config_var("MULTIARCH")
        dirs = [prefix / "lib", prefix / "lib64"]
        if multiarch:
            dirs.append(prefix / "lib" / multiarch)
        out = [d / _LIB_NAME for d in dirs]
    return out


def _build_candidates():
    build = os.environ.get("WSP_BUILD_DIR")
    if build:
        return [pathlib.Path(build).resolve() / "lib" / _LIB_NAME]
    return [_PACKAGE_DIR.parents[1] / "build" / "lib" / _LIB_NAME]


def candidate_paths():
    """Every path the loader would try, in order, as (path, why) pairs."""
    explicit = os.environ.get("WSP_LIBRARY")
    if explicit:
        return [(pathlib.Path(explicit), "WSP_LIBRARY")]
    return ([(p, "install prefix") for p in _prefix_candidates()] +
            [(p, "build tree" + (" (WSP_BUILD_DIR)" if os.environ.get("WSP_BUILD_DIR") else ""))
             for p in _build_candidates()])


def _load():
    tried = []
    for path, why in candidate_paths():
        if not path.is_file():
            tried.append(f"  {path}  ({why}): no such file")
            continue
        try:
            return ctypes.CDLL(str(path)), path
        except OSError as e:
            tried.append(f"  {path}  ({why}): {e}")
    hint = ("unset WSP_LIBRARY to search the install prefix and the build tree, or point it at "
            "an existing libwsp.so" if os.environ.get("WSP_LIBRARY") else
            "build it with scripts/build.sh (or set WSP_BUILD_DIR to your build directory), "
            "or set WSP_LIBRARY to the path of libwsp.so")
    raise LibraryNotFoundError("wsp: cannot load libwsp.so; looked in:\n" + "\n".join(tried) +
                               "\n" + hint)


# --- handle types: struct { void *ptr; } ------------------------------------

class _Handle(ctypes.Structure):
    _fields_ = [("ptr", ctypes.c_void_p)]

    def __bool__(self):
        return bool(self.ptr)


class WspContext(_Handle):
    pass


class WspPassManager(_Handle):
    pass


class WspEmittedFiles(_Handle):
    pass


class MlirContext(_Handle):
    pass


class MlirModule(_Handle):
    pass


class MlirOperation(_Handle):
    pass


class MlirLocation(_Handle):
    pass


class MlirStringRef(ctypes.Structure):
    _fields_ = [("data", ctypes.c_char_p), ("length", ctypes.c_size_t)]


class WspDiagnostic(ctypes.Structure):
    _fields_ = [("severity", ctypes.c_int),  # WspDiagnosticSeverity
                ("message", ctypes.c_char_p),
                ("file", ctypes.c_char_p),
                ("line", ctypes.c_uint),
                ("column", ctypes.c_uint)]


class WspEmitOptions(ctypes.Structure):
    _fields_ = [("platform", ctypes.c_char_p),
                ("goldenPath", ctypes.c_char_p),
                ("sourcePath", ctypes.c_char_p),
                ("force", ctypes.c_bool),
                ("target", ctypes.c_char_p)]


SEVERITY_NAMES = {0: "error", 1: "warning", 2: "note", 3: "remark"}

_c = ctypes
_SIGNATURES = {
    # Context.h
    "wspContextCreate": (WspContext, []),
    "wspContextDestroy": (None, [WspContext]),
    "wspContextGetMlirContext": (MlirContext, [WspContext]),
    "wspParseSourceString": (MlirModule, [WspContext, _c.c_char_p, _c.c_size_t, _c.c_char_p]),
    "wspParseSourceFile": (MlirModule, [WspContext, _c.c_char_p]),
    "wspVerify": (_c.c_bool, [WspContext, MlirOperation]),
    "wspOperationPrintToString": (_c.c_void_p, [MlirOperation, _c.c_bool, _c.c_bool]),
    "wspStringDestroy": (None, [_c.c_void_p]),
    "wspGetWspDialectIrdl": (_c.c_char_p, []),
    "wspGetTaskRingDialectIrdl": (_c.c_char_p, []),
    "wspGetVersionString": (_c.c_char_p, []),
    # Diagnostics.h
    "wspContextGetNumDiagnostics": (_c.c_size_t, [WspContext]),
    "wspContextGetDiagnostic": (WspDiagnostic, [WspContext, _c.c_size_t]),
    "wspContextGetNumErrors": (_c.c_size_t, [WspContext]),
    "wspContextClearDiagnostics": (None, [WspContext]),
    # Pass.h
    "wspPassManagerCreate": (WspPassManager, [WspContext]),
    "wspPassManagerDestroy": (None, [WspPassManager]),
    "wspPassManagerAddPipeline": (_c.c_bool, [WspPassManager, _c.c_char_p]),
    "wspPassManagerAddPass": (_c.c_bool, [WspPassManager, _c.c_char_p, _c.c_char_p]),
    "wspPassManagerRun": (_c.c_bool, [WspPassManager, MlirModule]),
    "wspPassManagerEnableVerifier": (None, [WspPassManager, _c.c_bool]),
    "wspPassManagerEnableTiming": (None, [WspPassManager]),
    "wspPassManagerGetPipelineString": (_c.c_void_p, [WspPassManager]),
    "wspGetNumPasses": (_c.c_size_t, []),
    "wspGetPassName": (_c.c_char_p, [_c.c_size_t]),
    "wspGetPassSummary": (_c.c_char_p, [_c.c_size_t]),
    "wspGetPassPipeline": (_c.c_char_p, [_c.c_size_t]),
    "wspGetPassNumOptions": (_c.c_size_t, [_c.c_size_t]),
    "wspGetPassOptionName": (_c.c_char_p, [_c.c_size_t, _c.c_size_t]),
    "wspGetPassOptionType": (_c.c_char_p, [_c.c_size_t, _c.c_size_t]),
    "wspGetPassOptionDefault": (_c.c_char_p, [_c.c_size_t, _c.c_size_t]),
    "wspGetPassOptionHelp": (_c.c_char_p, [_c.c_size_t, _c.c_size_t]),
    # upstream MLIR C API (linked into libwsp.so)
    "mlirModuleGetOperation": (MlirOperation, [MlirModule]),
    "mlirModuleDestroy": (None, [MlirModule]),
}

# Emit.h: optional, so that a library built before the emitter still loads
# (compile() then reports that the emit API is missing).
_EMIT_SIGNATURES = {
    "wspEmitOptionsGetDefault": (WspEmitOptions, []),
    "wspEmitArtifactToMemory": (WspEmittedFiles, [WspContext, MlirModule,
                                                  _c.POINTER(WspEmitOptions)]),
    "wspEmittedFilesGetNumFiles": (_c.c_size_t, [WspEmittedFiles]),
    "wspEmittedFilesGetPath": (_c.c_char_p, [WspEmittedFiles, _c.c_size_t]),
    "wspEmittedFilesGetContent": (_c.c_void_p, [WspEmittedFiles, _c.c_size_t,
                                                _c.POINTER(_c.c_size_t)]),
    "wspEmittedFilesGetCapabilityReport": (_c.c_char_p, [WspEmittedFiles]),
    "wspEmittedFilesDestroy": (None, [WspEmittedFiles]),
    "wspEmittedFilesWrite": (_c.c_bool, [WspContext, WspEmittedFiles, _c.c_char_p, _c.c_bool]),
    "wspEmitArtifact": (_c.c_bool, [WspContext, MlirModule, _c.POINTER(WspEmitOptions),
                                    _c.c_char_p]),
    "wspSymbolId": (_c.c_ulonglong, [_c.c_char_p, _c.c_size_t]),
}


class _Api:
    """The loaded library with declared functions as attributes."""

    def __init__(self):
        self.lib, self.path = _load()
        missing = []
        for name, (restype, argtypes) in _SIGNATURES.items():
            try:
                fn = getattr(self.lib, name)
            except AttributeError:
                missing.append(name)
                continue
            fn.restype = restype
            fn.argtypes = argtypes
            setattr(self, name, fn)
        if missing:
            raise LibraryNotFoundError(f"wsp: {self.path} lacks {', '.join(missing)}; it is not a "
                                       "libwsp.so of this version (rebuild it)")
        self.has_emit = True
        for name, (restype, argtypes) in _EMIT_SIGNATURES.items():
            fn = getattr(self.lib, name, None)
            if fn is None:
                self.has_emit = False
                continue
            fn.restype = restype
            fn.argtypes = argtypes
            setattr(self, name, fn)


_api = None


def api():
    """The loaded library (loaded on first use; raises LibraryNotFoundError)."""
    global _api
    if _api is None:
        _api = _Api()
    return _api


def take_string(ptr):
    """Copies a malloc'd C string returned by libwsp and frees it."""
    if not ptr:
        return ""
    try:
        return ctypes.string_at(ptr).decode("utf-8", errors="replace")
    finally:
        api().wspStringDestroy(ptr)


def decode(b):
    return b.decode("utf-8", errors="replace") if b is not None else ""
