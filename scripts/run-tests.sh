#!/usr/bin/env bash
# Runs every wsp test: installs what is missing, builds, then runs the cmocka unit
# tests (ctest), the lit suite, and the Python tests (pytest), then the
# reliability checks (a warnings-clean Release build, unit + lit under
# ASan+UBSan, a 60 s fuzzing run, and a bounded valgrind memcheck run), and prints one summary line per runner and a
# total.
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
grep -q '^  Unexpectedly Passed' "$log/lit" && status=1 # lit 22 exits 0 on XPASS; counted as failed below
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

# No file-level dependency cycle among the C sources (from the objects' symbols) or the
# Python modules, beyond scripts/cycles-allowed.txt (docs/architecture.md). One test.
echo "== dependency cycles (scripts/check-cycles.py)"
if WSP_BUILD_DIR="$build" /usr/bin/python3 "$root/scripts/check-cycles.py" >"$log/cycles" 2>&1; then
  cyc_pass=1; cyc_fail=0
  grep -E '^(check-cycles|note):' "$log/cycles"
else
  cyc_pass=0; cyc_fail=1; status=1
  cat "$log/cycles"
fi

# Reliability (docs/reliability.md): the unit and lit suites again under
# ASan+UBSan, where every sanitizer report must be a known one, then
# WSP_FUZZ_SECONDS (default 60) of libFuzzer over the whole compiler, then
# valgrind memcheck over a bounded subset (scripts/run-valgrind.sh --quick,
# about a minute; any memcheck error or leak fails it). Each counts as one
# test. WSP_SKIP_RELIABILITY=1 skips all three (e.g. for a quick local run);
# they build into ${build}-asan and ${build}-fuzz (valgrind uses ${build}).
rel_pass=0; rel_fail=0; rel_skip=0; san_result=skipped; fuzz_result=skipped; vg_result=skipped
release_result=skipped
if [ "${WSP_SKIP_RELIABILITY:-0}" = 1 ]; then
  rel_skip=4
else
  # A packager's first command, cmake -DCMAKE_BUILD_TYPE=Release, must build
  # warnings-clean (GCC -O3 finds warnings -O2 does not). -Werror here so that
  # a warning also fails an incremental rebuild (an object built with a
  # warning would not be rebuilt, and its warning not printed, next time).
  # About 20 s on 2 cores from scratch, into ${build}-release.
  echo "== release build (-DCMAKE_BUILD_TYPE=Release, no warnings)"
  if cmake -S "$root" -B "$build-release" -G Ninja -DCMAKE_BUILD_TYPE=Release -DWSP_WERROR=ON \
       >"$log/release" 2>&1 &&
     cmake --build "$build-release" -j "$(nproc)" >>"$log/release" 2>&1 &&
     ! grep -E 'warning:' "$log/release"; then
    release_result=clean; rel_pass=$((rel_pass + 1))
  else
    release_result=FAILED; rel_fail=$((rel_fail + 1)); status=1
    grep -E 'warning:|error:' "$log/release" | head -40 || tail -40 "$log/release"
  fi
  echo "== sanitized (ASan+UBSan: unit + lit)"
  if WSP_BUILD_DIR="$build" "$root/scripts/run-sanitized.sh" >"$log/san" 2>&1; then
    san_result=clean; rel_pass=$((rel_pass + 1))
  else
    san_result=FAILED; rel_fail=$((rel_fail + 1)); status=1
  fi
  grep -E '^(==|  (Passed|Failed|Expectedly|Unexpectedly|Unresolved)|FAIL:|XPASS:|UNKNOWN|known|sanitizer|sanitized:|[0-9]+% tests)' "$log/san"
  fuzz_seconds="${WSP_FUZZ_SECONDS:-60}"
  echo "== fuzz (libFuzzer + ASan + UBSan, ${fuzz_seconds}s)"
  if WSP_BUILD_DIR="$build" "$root/scripts/fuzz.sh" "$fuzz_seconds" >"$log/fuzz" 2>&1; then
    fuzz_result=clean; rel_pass=$((rel_pass + 1))
  else
    fuzz_result=FAILED; rel_fail=$((rel_fail + 1)); status=1
  fi
  grep -E '^(== wsp-fuzz|#[0-9]+[[:space:]]+DONE|wsp-fuzz:|stat::number_of_executed_units)' "$log/fuzz" || tail -40 "$log/fuzz"
  [ "$fuzz_result" = clean ] || tail -60 "$log/fuzz"
  echo "== valgrind (memcheck --leak-check=full, quick subset)"
  if WSP_BUILD_DIR="$build" "$root/scripts/run-valgrind.sh" --quick >"$log/vg" 2>&1; then
    vg_result=clean; rel_pass=$((rel_pass + 1))
  else
    vg_result=FAILED; rel_fail=$((rel_fail + 1)); status=1
  fi
  grep -E '^(== valgrind|valgrind)' "$log/vg" || tail -40 "$log/vg"
  [ "$vg_result" = clean ] || grep -v '^== valgrind\|^valgrind' "$log/vg" | head -150
fi

unit_fail=${unit_fail:-0}
unit_total=${unit_total:-0}
unit_ok=$((unit_total - unit_fail))
lit_fail=${lit_fail:-0}; lit_skip=${lit_skip:-0}
passed=$((unit_ok + lit_pass + py_pass + cyc_pass + rel_pass))
failed=$((unit_fail + lit_fail + py_fail + cyc_fail + rel_fail))
skipped=$((lit_skip + py_skip + rel_skip))
echo "== summary: unit ${unit_ok}/${unit_total}, lit ${lit_pass} passed ${lit_fail} failed, pytest ${py_pass} passed ${py_fail} failed, sanitized ${san_result}, fuzz ${fuzz_result}, valgrind ${vg_result}, release ${release_result}"
[ $status -eq 0 ] || [ $failed -gt 0 ] || failed=1
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
