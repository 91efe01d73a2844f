"""Loads an emitted artifact the way pto-runtime's runner does (importlib on
kernels/kernel_config.py and golden.py) and prints what the runner would see,
so lit tests can check it without the runtime.

Usage: check_artifact.py <artifact dir>
"""
import importlib.util
import json
import pathlib
import sys


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(root):
    root = pathlib.Path(root)
    manifest = json.loads((root / "manifest.json").read_text())
    config = load(root / "kernels" / "kernel_config.py", "kernel_config")
    orch = pathlib.Path(config.ORCHESTRATION["source"])
    print(f"orchestration {orch.relative_to(root.resolve())} exists={orch.exists()} "
          f"function={config.ORCHESTRATION['function_name']}")
    for k in config.KERNELS:
        src = pathlib.Path(k["source"])
        print(f"kernel {k['func_id']} {k['core_type']} {k['name']} "
              f"{src.relative_to(root.resolve())} exists={src.exists()}")
    print(f"runtime {config.RUNTIME_CONFIG} env {config.RUNTIME_ENV}")
    print(f"manifest abi={manifest['abi']} args={[a['name'] for a in manifest['arguments']]} "
          f"outputs={manifest['outputs']}")
    golden_path = root / "golden.py"
    if not golden_path.exists():
        print("no golden.py")
        return
    golden = load(golden_path, "golden")
    print(f"__outputs__ {golden.__outputs__}")
    try:
        args = golden.generate_inputs({})
    except ValueError as e:
        print(f"generate_inputs raised: {e}")
        return
    print(f"generate_inputs {[name for name, _ in args]}")
    tensors = {name: value for name, value in args if hasattr(value, "shape")}
    golden.compute_golden(tensors, {})
    print("compute_golden ok")


if __name__ == "__main__":
    main(sys.argv[1])
