"""wsp.compile: a program (DSL workload, MLIR text or file, Module) -> an artifact directory
for a target runtime (simpler-6ebaf771 by default, or pto-runtime-41d5c94a)."""
import json
import os
import pathlib
import sys
import time
from dataclasses import dataclass, field
from typing import List, Optional

from .ir import Context, Diagnostic, Module, WspError

__all__ = ["compile", "Artifact", "RUNTIMES"]

RUNTIMES = ("tensormap_and_ringbuffer", "host_build_graph")
PLATFORMS = ("a2a3sim", "a2a3")
# The emitter's targets (include/wsp-c/Emit.h); "simpler" is an alias. The default is
# WSP_EMIT_DEFAULT_TARGET's.
TARGETS = ("pto-runtime-41d5c94a", "simpler-6ebaf771")
DEFAULT_TARGET = "simpler-6ebaf771"
_TARGET_ALIASES = {"simpler": "simpler-6ebaf771"}


@dataclass
class Artifact:
    """An artifact directory in its target runtime's example layout, with its manifest."""
    path: pathlib.Path
    manifest: dict
    warnings: List[Diagnostic] = field(default_factory=list)
    # seconds per phase ("parse", "lower", "emit") of the compile that made it
    timings: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path) -> "Artifact":
        """Reads an existing artifact directory (its manifest.json)."""
        path = pathlib.Path(path)
        mf = path / "manifest.json"
        if not mf.is_file():
            raise FileNotFoundError(f"wsp: {path} is not an artifact (no manifest.json)")
        return cls(path, json.loads(mf.read_text()))

    @property
    def kernels_dir(self) -> pathlib.Path:
        return self.path / "kernels"

    @property
    def golden_path(self) -> Optional[pathlib.Path]:
        p = self.path / "golden.py"
        return p if p.is_file() else None

    @property
    def runtime(self) -> str:
        return self.manifest["runtime"]["flavor"]

    @property
    def arguments(self) -> list:
        """The orchestration arguments in order (manifest "arguments")."""
        return self.manifest["arguments"]

    @property
    def outputs(self) -> List[str]:
        return list(self.manifest.get("outputs", []))

    @property
    def capability_report(self) -> str:
        """One line per schedule directive: ``name: status (detail; how)``."""
        return "\n".join(f"{c['directive']}: {c['status']} ({c['detail']}; {c['how']})"
                         for c in self.manifest.get("capabilities", []))

    def files(self) -> List[str]:
        return sorted(str(p.relative_to(self.path)) for p in self.path.rglob("*") if p.is_file())


def _parse_input(ctx: Context, program):
    """(module, source_path) for every accepted kind of program.

    A DSL workload is recognised by its ``module(context)`` method rather than by
    its class, so that this driver does not import the DSL (wsp.dsl imports it)."""
    to_module = getattr(program, "module", None)
    if callable(to_module) and not isinstance(program, Module):
        return to_module(ctx), None
    if isinstance(program, Module):
        # Print with locations and parse again: compile never mutates the caller's module.
        return ctx.parse(program.to_string(debug_info=True), program.name), None
    if isinstance(program, os.PathLike) or (isinstance(program, str) and "\n" not in program
                                            and program.endswith(".mlir")):
        path = os.fspath(program)
        return ctx.parse_file(path), path
    if isinstance(program, str):
        return ctx.parse(program, "<string>"), None
    raise TypeError(f"wsp.compile: cannot compile a {type(program).__name__}; pass a DSL "
                    "workload, a Module, MLIR text or a .mlir path")


def _phase_report(timings) -> str:
    """The phase times in the layout of MLIR's execution time report."""
    total = sum(timings.values())
    lines = ["===" + "-" * 73 + "===",
             "                       ... wsp.compile phase report ...",
             "===" + "-" * 73 + "===",
             f"  Total Execution Time: {total:.4f} seconds", "",
             "  ----Wall Time----  ----Name----"]
    for name, seconds in timings.items():
        share = 100.0 * seconds / total if total > 0 else 0.0
        lines.append(f"{seconds:10.4f} ({share:5.1f}%)  {name}")
    lines.append(f"{total:10.4f} (100.0%)  Total")
    return "\n".join(lines) + "\n"


def compile(program, out_dir, runtime: str = "tensormap_and_ringbuffer",
            platform: str = "a2a3sim", golden=None, force: bool = False,
            timing: bool = False, progress=False,
            target: str = DEFAULT_TARGET) -> Artifact:
    """Parses ``program``, runs ``wsp-to-taskring{runtime=...}`` and emits the artifact.

    ``program``: a DSL :class:`~wsp.dsl.Workload`, a :class:`wsp.Module` (not
    modified), MLIR text, or a path to a ``.mlir`` file. ``golden``: an optional
    reference file (``generate_inputs``/``compute_golden``) copied to
    ``golden.py``. ``force`` replaces an existing ``out_dir``. ``target``: the
    runtime the artifact is for, one of ``TARGETS`` (or ``"simpler"``), by default
    ``DEFAULT_TARGET`` (``"simpler-6ebaf771"``); the lowering differs by target. Raises
    :class:`wsp.WspError` with located diagnostics (the Python lines for DSL
    programs); warnings end up in ``Artifact.warnings``.

    The time of each phase (``parse``, ``lower``, ``emit``) ends up in
    ``Artifact.timings``. ``timing=True`` also prints MLIR's per-pass report
    of the lowering and a phase report on standard error, as
    ``wsp-compile --timing`` does. ``progress=True`` prints a line on standard
    error as each phase starts and ends; a callable instead gets
    ``(phase, index, seconds)`` calls, ``seconds`` None at the start."""
    if runtime not in RUNTIMES:
        raise ValueError(f"wsp.compile: runtime {runtime!r} is not one of {', '.join(RUNTIMES)}")
    if platform not in PLATFORMS:
        raise ValueError(f"wsp.compile: platform {platform!r} is not one of {', '.join(PLATFORMS)}")
    target = _TARGET_ALIASES.get(target, target)
    if target not in TARGETS:
        raise ValueError(f"wsp.compile: target {target!r} is not one of {', '.join(TARGETS)} "
                         "(alias simpler)")
    if golden is not None and not os.path.isfile(os.fspath(golden)):
        raise FileNotFoundError(f"wsp.compile: golden file {os.fspath(golden)} does not exist")
    out_dir = pathlib.Path(out_dir)
    timings = {}

    def phase(name, index, seconds=None):
        if seconds is not None:
            timings[name] = seconds
        if callable(progress):
            progress(name, index, seconds)
        elif progress:
            state = "..." if seconds is None else f"done ({seconds:.4f} s)"
            print(f"wsp.compile: [{index}/3] {name} {state}", file=sys.stderr, flush=True)

    def timed(name, index, fn):
        phase(name, index)
        start = time.perf_counter()
        result = fn()
        phase(name, index, time.perf_counter() - start)
        return result

    with Context() as ctx:
        from ._capi import api
        if not api().has_emit:
            raise WspError(f"wsp.compile: {api().path} has no emit API (include/wsp-c/Emit.h); "
                           "rebuild libwsp with the emitter")
        module, source = timed("parse", 1, lambda: _parse_input(ctx, program))
        warnings = []
        if timing:
            sys.stderr.flush()
        timed("lower", 2, lambda: module.run_pipeline(
            f"wsp-to-taskring{{runtime={runtime} target={target}}}", timing=timing))
        warnings += [d for d in ctx.diagnostics if d.severity != "error"]
        timed("emit", 3, lambda: module.emit(out_dir, platform=platform, golden=golden,
                                             source_path=source, force=force, target=target))
        warnings += [d for d in ctx.diagnostics if d.severity != "error"]
    if timing:
        sys.stderr.write(_phase_report(timings))
        sys.stderr.flush()
    art = Artifact.load(out_dir)
    art.warnings = warnings
    art.timings = timings
    return art
