"""wsp.compile: a program (DSL workload, MLIR text or file, Module) -> a pto-runtime artifact."""
import json
import os
import pathlib
from dataclasses import dataclass, field
from typing import List, Optional

from .ir import Context, Diagnostic, Module, WspError

__all__ = ["compile", "Artifact", "RUNTIMES"]

RUNTIMES = ("tensormap_and_ringbuffer", "host_build_graph")
PLATFORMS = ("a2a3sim", "a2a3")
# The emitter's targets (include/wsp-c/Emit.h); "simpler" is an alias.
TARGETS = ("pto-runtime-41d5c94a", "simpler-6ebaf771")
DEFAULT_TARGET = "pto-runtime-41d5c94a"
_TARGET_ALIASES = {"simpler": "simpler-6ebaf771"}


@dataclass
class Artifact:
    """An artifact directory in pto-runtime's example layout, with its manifest."""
    path: pathlib.Path
    manifest: dict
    warnings: List[Diagnostic] = field(default_factory=list)

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
    """(module, source_path) for every accepted kind of program."""
    from .dsl import Workload
    if isinstance(program, Workload):
        return program.module(ctx), None
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


def compile(program, out_dir, runtime: str = "tensormap_and_ringbuffer",
            platform: str = "a2a3sim", golden=None, force: bool = False,
            target: str = DEFAULT_TARGET) -> Artifact:
    """Parses ``program``, runs ``wsp-to-taskring{runtime=...}`` and emits the artifact.

    ``program``: a DSL :class:`~wsp.dsl.Workload`, a :class:`wsp.Module` (not
    modified), MLIR text, or a path to a ``.mlir`` file. ``golden``: an optional
    pto-runtime reference file (``generate_inputs``/``compute_golden``) copied to
    ``golden.py``. ``force`` replaces an existing ``out_dir``. ``target``: the
    runtime the artifact is for, one of ``TARGETS`` (or ``"simpler"``). Raises
    :class:`wsp.WspError` with located diagnostics (the Python lines for DSL
    programs); warnings end up in ``Artifact.warnings``."""
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
    with Context() as ctx:
        from ._capi import api
        if not api().has_emit:
            raise WspError(f"wsp.compile: {api().path} has no emit API (include/wsp-c/Emit.h); "
                           "rebuild libwsp with the emitter")
        module, source = _parse_input(ctx, program)
        warnings = []
        module.run_pipeline(f"wsp-to-taskring{{runtime={runtime} target={target}}}")
        warnings += [d for d in ctx.diagnostics if d.severity != "error"]
        module.emit(out_dir, platform=platform, golden=golden, source_path=source, force=force,
                    target=target)
        warnings += [d for d in ctx.diagnostics if d.severity != "error"]
    art = Artifact.load(out_dir)
    art.warnings = warnings
    return art
