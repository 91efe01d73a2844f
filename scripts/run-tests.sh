#!/usr/bin/env bash
# Runs every wsp test: installs what is missing, builds, then runs the cmocka unit
# tests (ctest), the lit suite, and the Python tests (pytest), and prints one
# summary line per runner and a total.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${WSP_BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh" || exit 1
"$root/scripts/build.sh" "$@" || exit 1

log="$(mktemp -d)"
trap 'rm -rf "$log"' EXIT
status=0

echo "== unit tests (cmocka via ctest)"
(cd "$build" && ctest --output-on-failure -E '^lit$') >"$log/unit" 2>&1 || status=1
cat "$log/unit"
unit_pass=$(grep -oE '[0-9]+ tests passed|[0-9]+% tests passed' "$log/unit" | head -1)
unit_total=$(grep -oE 'out of [0-9]+' "$log/unit" | grep -oE '[0-9]+' | tail -1)
unit_fail=$(grep -oE '[0-9]+ tests failed out of' "$log/unit" | grep -oE '^[0-9]+' || echo 0)

echo "== lit"
/usr/lib/llvm-22/bin/lit -sv "$build/test" >"$log/lit" 2>&1 || status=1
grep -E '^(FAIL|XPASS|UNRESOLVED):|^  (Passed|Failed|Skipped|Unsupported|Expectedly Failed|Unresolved)' "$log/lit" || tail -20 "$log/lit"
grep -q '^FAIL:\|^UNRESOLVED:' "$log/lit" && sed -n '/^\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\*\* TEST/,/^\*\*\*\*\*\*\*\*\*\*$/p' "$log/lit" | head -200
lit_pass=$(grep -oE '^  Passed *: *[0-9]+' "$log/lit" | grep -oE '[0-9]+$' || echo 0)
lit_fail=$(grep -oE '^  (Failed|Unresolved|Unexpectedly Passed) *: *[0-9]+' "$log/lit" | grep -oE '[0-9]+$' | awk '{s+=$1} END {print s+0}')
lit_skip=$(grep -oE '^  (Unsupported|Skipped) *: *[0-9]+' "$log/lit" | grep -oE '[0-9]+$' | awk '{s+=$1} END {print s+0}')

echo "== python (pytest)"
WSP_BUILD_DIR="$build" /usr/bin/python3 -m pytest -q "$root/python/tests" >"$log/py" 2>&1
py_status=$?
[ $py_status -eq 0 ] || [ $py_status -eq 5 ] || status=1
tail -15 "$log/py"
py_pass=$(grep -oE '[0-9]+ passed' "$log/py" | grep -oE '[0-9]+' | tail -1); py_pass=${py_pass:-0}
py_fail=$(grep -oE '[0-9]+ (failed|error)' "$log/py" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'); py_fail=${py_fail:-0}
py_skip=$(grep -oE '[0-9]+ skipped' "$log/py" | grep -oE '[0-9]+' | tail -1); py_skip=${py_skip:-0}

unit_fail=${unit_fail:-0}
unit_total=${unit_total:-0}
unit_ok=$((unit_total - unit_fail))
lit_fail=${lit_fail:-0}; lit_skip=${lit_skip:-0}
passed=$((unit_ok + lit_pass + py_pass))
failed=$((unit_fail + lit_fail + py_fail))
skipped=$((lit_skip + py_skip))
echo "== summary: unit ${unit_ok}/${unit_total}, lit ${lit_pass} passed ${lit_fail} failed, pytest ${py_pass} passed ${py_fail} failed"
[ $status -eq 0 ] || [ $failed -gt 0 ] || failed=1
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
