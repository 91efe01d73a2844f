# lit configuration for wsp's FileCheck tests.
import os

import lit.formats

config.name = "wsp"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir"]
config.test_source_root = os.path.dirname(__file__)
config.excludes = ["lit.cfg.py", "lit.site.cfg.py.in", "CMakeLists.txt", "unit", "Inputs"]

# Tools: our own from the build tree, LLVM's FileCheck/not/mlir-opt from LLVM 22.
config.environment["PATH"] = os.pathsep.join(
    [config.wsp_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])]
)
for var in ("PTO_RUNTIME_ROOT", "PTO_ISA_ROOT", "HOME", "TMPDIR"):
    if var in os.environ:
        config.environment[var] = os.environ[var]
if config.sanitizers:
    # Tests that load libwsp.so into a non-instrumented host (python3 via
    # ctypes) cannot run here: ASan must come first in the process.
    config.available_features.add("asan")
    # LLVM's own libraries are not instrumented; leaks inside them are not ours,
    # but ours are, so leak checking stays on (see docs/testing.md).
    config.environment["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=0"
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"

config.substitutions.append(("%wsp_irdl", os.path.join(config.wsp_src_root, "dialect", "wsp.irdl.mlir")))
config.substitutions.append(("%taskring_irdl", os.path.join(config.wsp_src_root, "dialect", "taskring.irdl.mlir")))
config.substitutions.append(("%python", config.python))
