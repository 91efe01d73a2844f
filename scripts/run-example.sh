#!/usr/bin/env bash
# The main job: installs what is missing, builds wsp, compiles the bundled
# example (examples/scale/scale.mlir, y = s * x over four tiles) into a
# pto-runtime artifact directory with wsp-compile, and shows what was produced.
# Run the artifact on pto-runtime's simulator as docs/running-on-pto-runtime.md says.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${WSP_BUILD_DIR:-$root/build}"
out="${WSP_ARTIFACT_DIR:-$root/out/scale}"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
echo "== wsp-compile examples/scale/scale.mlir -o $out"
"$build/tools/wsp-compile" "$root/examples/scale/scale.mlir" -o "$out" --force \
  --golden "$root/examples/scale/golden.py"
echo "== produced files"
(cd "$out" && find . -type f | sort)
echo "== $out/kernels/kernel_config.py"
cat "$out/kernels/kernel_config.py"
echo "== schedule and capabilities (from $out/manifest.json)"
/usr/bin/python3 - "$out/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print("abi:", m.get("abi"))
for key in ("schedule", "capabilities"):
    if key in m:
        print(key + ":", json.dumps(m[key], indent=2)[:1500])
PY
