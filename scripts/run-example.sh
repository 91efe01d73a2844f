#!/usr/bin/env bash
# The main job: installs what is missing, builds wsp, compiles the bundled
# example (examples/scale/scale.mlir, y = s * x over four tiles) with
# wsp-compile into an artifact directory for the default target, simpler
# 6ebaf771 (out/scale/), and shows what was produced.
# Arguments go to wsp-compile: --target=pto-runtime-41d5c94a gives the
# pto-runtime 41d5c94a artifact instead (out/scale-pto-runtime/).
# Run the artifact as docs/running-on-simpler.md (or, for 41d5c94a,
# docs/running-on-pto-runtime.md) says.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${WSP_BUILD_DIR:-$root/build}"
target=simpler-6ebaf771
value=
for a in "$@"; do
  if [ -n "$value" ]; then target="$a"; value=; continue; fi
  case "$a" in
    --target=* | -target=*) target="${a#*=}" ;;
    --target | -target) value=1 ;;
  esac
done
case "$target" in
  pto-runtime*) out="${WSP_ARTIFACT_DIR:-$root/out/scale-pto-runtime}" ;;
  *) out="${WSP_ARTIFACT_DIR:-$root/out/scale}" ;;
esac
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
echo "== wsp-compile examples/scale/scale.mlir -o $out $*"
"$build/tools/wsp-compile" "$root/examples/scale/scale.mlir" -o "$out" --force \
  --golden "$root/examples/scale/golden.py" "$@"
echo "== produced files"
(cd "$out" && find . -type f | sort)
if [ -f "$out/kernels/kernel_config.py" ]; then # pto-runtime 41d5c94a
  echo "== $out/kernels/kernel_config.py"
  cat "$out/kernels/kernel_config.py"
  run="see docs/running-on-pto-runtime.md (PTO_RUNTIME_ROOT/examples/scripts/run_example.py -k $out/kernels -g $out/golden.py -p a2a3sim)"
else # simpler 6ebaf771: test_<workload>.py drives simpler's SceneTestCase
  test="$(cd "$out" && ls test_*.py)"
  echo "== $out/$test: what simpler builds and runs"
  sed -n '/^CALLABLE = {/,/^}/p; /^_CONFIG = /p' "$out/$test"
  echo "== $out/kernels/orchestration/main_orch.cpp: the task submissions"
  grep -nE 'rt_(submit_ai[cv]_task|scope_(begin|end))' "$out/kernels/orchestration/main_orch.cpp"
  run="python3 $out/$test -p a2a3sim (simpler checkout: docs/running-on-simpler.md)"
fi
echo "== schedule and capabilities (from $out/manifest.json)"
/usr/bin/python3 - "$out/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print("abi:", m.get("abi"))
for key in ("schedule", "capabilities"):
    if key in m:
        print(key + ":", json.dumps(m[key], indent=2)[:1500])
PY
echo "== run it: $run"
