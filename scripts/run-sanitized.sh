#!/usr/bin/env bash
# Runs the unit tests and the whole lit suite against an ASan+UBSan build
# (-DWSP_ENABLE_SANITIZERS=ON, into ${WSP_BUILD_DIR:-build}-asan, or
# WSP_ASAN_BUILD_DIR), and fails on any sanitizer report, including reports
# from runs that are *expected* to fail (`not wsp-opt ...`), whose exit status
# and stderr no test looks at: every report goes to a log file
# (ASAN_OPTIONS/UBSAN_OPTIONS log_path) and each one must be listed as known
# in test/reliability/sanitizer-known.txt. Prints one summary line.
#
# pytest is not run: the Python layer loads libwsp.so into an uninstrumented
# interpreter, which ASan cannot start in without LD_PRELOAD tricks.
# See docs/reliability.md.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${WSP_BUILD_DIR:-$root/build}"
asan="${WSP_ASAN_BUILD_DIR:-$build-asan}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/logs" "$work/lit"
status=0

echo "== build (ASan+UBSan) into $asan"
if ! WSP_BUILD_DIR="$asan" "$root/scripts/build.sh" -DWSP_ENABLE_SANITIZERS=ON >"$work/build" 2>&1; then
  tail -40 "$work/build"
  echo "sanitized: FAILED (build)"
  exit 1
fi

# Unit tests: a report aborts the test (halt_on_error) and ctest fails it.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:log_path=$work/logs/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$work/logs/ubsan"
echo "== unit tests (ASan+UBSan)"
(cd "$asan" && ctest --output-on-failure -E '^lit$') >"$work/unit" 2>&1 || status=1
grep -E 'tests passed|tests failed|Failed|\*\*\*' "$work/unit" || tail -20 "$work/unit"

# lit through a private site configuration: its own output directory and the
# log_path options (nothing in the build tree's configuration changes).
echo "== lit (ASan+UBSan)"
sed "s#^config.test_exec_root.*#config.test_exec_root = \"$work/lit/out\"#" \
  "$asan/test/lit.site.cfg.py" >"$work/lit/lit.site.cfg.py"
cat >>"$work/lit/lit.site.cfg.py" <<CFG
config.environment["ASAN_OPTIONS"] = "$ASAN_OPTIONS"
config.environment["UBSAN_OPTIONS"] = "$UBSAN_OPTIONS"
CFG
/usr/lib/llvm-22/bin/lit -sv "$work/lit" >"$work/lit.log" 2>&1 || status=1
# lit 22 exits 0 on an unexpected pass; here an XPASS means a known bug is
# fixed and its XFAIL line must go (docs/reliability.md), so it fails the run.
grep -q '^  Unexpectedly Passed' "$work/lit.log" && status=1
grep -E '^(FAIL|XPASS|UNRESOLVED):|^  (Passed|Failed|Expectedly Failed|Unexpectedly Passed|Unresolved|Unsupported)' \
  "$work/lit.log" || tail -20 "$work/lit.log"

# Every report must be a known one.
echo "== sanitizer reports"
python3 - "$work/logs" "$root/test/reliability/sanitizer-known.txt" <<'PY' || status=1
import os, re, sys
logs, known_file = sys.argv[1], sys.argv[2]
known = []
for line in open(known_file):
    if line.strip() and not line.startswith("#"):
        head, body, why = (part.strip() for part in line.split(" | ", 2))
        known.append((re.compile(head), re.compile(body), why))
reports = []
for name in sorted(os.listdir(logs)):
    text = open(os.path.join(logs, name), errors="replace").read()
    # One file may hold several reports (UBSan continues only when told to).
    for chunk in re.split(r"(?m)^(?==+\n==\d+==ERROR|\S+: runtime error:)", text):
        first = next((l for l in chunk.splitlines() if "ERROR:" in l or "runtime error:" in l), None)
        if first:
            reports.append((name, first, chunk))
unknown = 0
accepted = {}
for name, first, chunk in reports:
    why = next((w for h, b, w in known if h.search(first) and b.search(chunk)), None)
    if why:
        accepted[why] = accepted.get(why, 0) + 1
    else:
        unknown += 1
        print(f"UNKNOWN REPORT ({name}): {first.strip()}")
        print("\n".join(chunk.splitlines()[:25]))
for why, n in accepted.items():
    print(f"known ({n}x): {why}")
print(f"sanitizer reports: {len(reports)}, unknown: {unknown}")
sys.exit(1 if unknown else 0)
PY
echo "sanitized: $([ $status -eq 0 ] && echo clean || echo FAILED)"
exit $status
