#!/usr/bin/env bash
# The main job: installs what is missing, builds wsp, and runs the bundled
# example (examples/scale/scale.mlir) through wsp-opt's verifier, printing the
# result. (When the emitter lands, this compiles it into an artifact directory.)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${WSP_BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
example="$root/examples/scale/scale.mlir"
echo "== wsp-opt --pass-pipeline='builtin.module(wsp-verify)' examples/scale/scale.mlir"
"$build/tools/wsp-opt" --pass-pipeline='builtin.module(wsp-verify)' "$example"
