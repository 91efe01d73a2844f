#!/usr/bin/env bash
# Configures and builds wsp into ${WSP_BUILD_DIR:-build}. Extra arguments go to cmake's
# configure step (e.g. -DWSP_ENABLE_SANITIZERS=ON). Warnings are errors here
# (-DWSP_WERROR=ON; a plain cmake configure, a packager's, does not set it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${WSP_BUILD_DIR:-$root/build}"
cmake -S "$root" -B "$build" -G Ninja -DWSP_WERROR=ON "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
