#!/usr/bin/env bash
# Installs the Debian 12 packages wsp builds and tests with. Idempotent: packages
# already present are not reinstalled, and apt-get update runs only when needed.
set -euo pipefail

packages=(
  cmake ninja-build gcc g++ git
  libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools   # MLIR 22 C API, lit, FileCheck
  libcmocka-dev                                             # C unit tests
  libjansson-dev                                            # JSON writer (task graph)
  python3 python3-pytest python3-numpy                      # Python layer and its tests
  clang-22 libclang-rt-22-dev                               # libFuzzer target
  valgrind
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
