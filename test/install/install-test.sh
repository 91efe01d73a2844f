#!/usr/bin/env bash
# The install as a new user meets it (docs/embedding.md, docs/getting-started.md):
# `cmake --install` into a fresh prefix, then, without LD_LIBRARY_PATH,
#  1. the installed tools run;
#  2. libwsp.so exports the public API (include/wsp-c/) and MLIR's C API only;
#  3. examples/embedding builds with find_package(wsp) against the prefix, for
#     the shared and the static library, and both binaries lower and emit
#     examples/add/add.mlir through their own context and pass manager;
#  4. the same program builds with `pkg-config --cflags --libs wsp`;
#  5. the installed Python package imports from another directory and finds
#     the installed libwsp.so;
#  6. `pip install .` works offline (no index) into a venv.
# Usage: install-test.sh <source-dir> <build-dir>
set -euo pipefail
src="$1"
build="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
unset LD_LIBRARY_PATH
prefix="$work/prefix"
step() { echo "== $*"; }

step "cmake --install"
cmake --install "$build" --prefix "$prefix" >/dev/null

step "installed tools run"
"$prefix/bin/wsp-opt" --version | grep -q "^wsp "
"$prefix/bin/wsp-opt" "$src/examples/add/add.mlir" \
  --pass-pipeline='builtin.module(canonicalize,cse,wsp-to-taskring)' | grep -q '"taskring.submit"'
"$prefix/bin/wsp-compile" "$src/examples/add/add.mlir" -o "$work/tool-out" >/dev/null
test -f "$work/tool-out/manifest.json"

step "libwsp.so exports only the public API"
public="$(cat "$src"/include/wsp-c/*.h | grep -oE '[^A-Za-z0-9_]wsp[A-Z][A-Za-z0-9_]*\(' |
          grep -oE 'wsp[A-Za-z0-9_]*' | sort -u)"
exported="$(nm -D --defined-only "$prefix/lib/libwsp.so" | awk '{print $3}' | grep -v '^_Z' |
            grep -v '^mlir' | sort -u)"
extra="$(comm -13 <(echo "$public") <(echo "$exported"))"
if [ -n "$extra" ]; then
  echo "libwsp.so exports symbols that are not in include/wsp-c/:"; echo "$extra"; exit 1
fi
echo "$exported" | grep -qx wspCreatePass

step "examples/embedding with find_package(wsp)"
cmake -S "$src/examples/embedding" -B "$work/embed" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/embed" >/dev/null
for exe in wsp-embed wsp-embed-static; do
  "$work/embed/$exe" "$src/examples/add/add.mlir" "$work/$exe-out" | grep -q "wrote"
  test -f "$work/$exe-out/manifest.json"
  ls "$work/$exe-out/kernels/orchestration/"*.cpp >/dev/null
done
# Errors reach the embedder's own diagnostic handler, located.
printf 'func.func private @k(memref<4xf32>)\nfunc.func @main(%%x: memref<4xf32>) attributes {wsp.workload} {\n  %%a = "wsp.in"(%%x) : (memref<4xf32>) -> !wsp.arg\n  %%t = "wsp.task"(%%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle\n  return\n}\n' >"$work/bad.mlir"
if "$work/embed/wsp-embed" "$work/bad.mlir" "$work/bad-out" 2>"$work/bad.err"; then
  echo "wsp-embed accepted an invalid program"; exit 1
fi
grep -q "wsp-embed: loc(\"$work/bad.mlir\":4:8): 'wsp.task' op: @k is not a kernel" "$work/bad.err"

step "pkg-config"
if command -v pkg-config >/dev/null; then
  export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
  test "$(pkg-config --modversion wsp)" = "$(grep -oE '^project\(wsp VERSION [0-9.]+' "$src/CMakeLists.txt" | grep -oE '[0-9.]+$')"
  # shellcheck disable=SC2046
  cc -std=c11 -o "$work/embed-pc" "$src/examples/embedding/embed.c" $(pkg-config --cflags --libs wsp)
  "$work/embed-pc" "$src/examples/add/add.mlir" "$work/pc-out" | grep -q "wrote"
else
  echo "(pkg-config not installed: skipped)"
fi

step "installed Python package"
pydir="$(dirname "$(dirname "$(find "$prefix/lib" -path '*-packages/wsp/__init__.py' | head -1)")")"
(cd "$work" && PYTHONPATH="$pydir" /usr/bin/python3 -c "
import wsp, pathlib
assert pathlib.Path(wsp.__file__).is_relative_to('$prefix'), wsp.__file__
ctx = wsp.Context()
assert str(wsp.library_path()).startswith('$prefix/lib/'), wsp.library_path()
print('python: wsp from', wsp.library_path())
")

step "pip install . (offline)"
/usr/bin/python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --no-index --quiet "$src" 2>&1 | grep -v "^\[notice\]" || true
(cd "$work" && WSP_LIBRARY="$prefix/lib/libwsp.so" "$work/venv/bin/python" -c "
import wsp, pathlib
assert pathlib.Path(wsp.__file__).is_relative_to('$work/venv'), wsp.__file__
wsp.Context()
")
test ! -e "$src/python/wsp.egg-info"
echo "install test: OK"
