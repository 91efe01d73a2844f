#!/usr/bin/env bash
# Runs the unit tests and the tools over every lit input and example under
# valgrind's memcheck (--leak-check=full), in parallel, and fails on any
# memcheck error: invalid reads/writes, uses of uninitialised values, bad
# frees, and definitely/indirectly/possibly lost blocks. "Still reachable"
# blocks (MLIR's and LLVM's statics) are reported in the summary, not errors.
# Suppressions: test/reliability/valgrind.supp (MLIR/LLVM only, each named).
#
#   scripts/run-valgrind.sh            build (${WSP_BUILD_DIR:-build}) and run
#   WSP_VALGRIND_JOBS=N                parallel runs (default: nproc)
#
# The invocations: every unit test binary; for every *.mlir under test/
# (Inputs/ included) and examples/: `wsp-opt --split-input-file FILE <pipeline>`
# with the pipeline its contents call for (wsp programs: wsp-to-taskring;
# taskring IR: taskring-verify; anything else: parse and print), so every
# chunk of every test goes through the parser, the verifiers and the passes,
# valid or not; for every example: wsp-compile into a scratch directory; for
# every taskring input of the emitter's tests: wsp-translate.
#
# The tools exit 1 on inputs they reject (many lit inputs are error tests), so
# valgrind's --error-exitcode is 97, not 1: an error is told apart from a
# rejection by that status and by the ERROR SUMMARY line of each log.
# See docs/reliability.md.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${WSP_BUILD_DIR:-$root/build}"
jobs="${WSP_VALGRIND_JOBS:-$(nproc)}"
command -v valgrind >/dev/null || { echo "run-valgrind: valgrind is not installed" >&2; exit 1; }
"$root/scripts/build.sh" >/dev/null || exit 1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/logs" "$work/out"

# One line per invocation: a name for its log, then the command.
list="$work/commands"
: >"$list"
add() { printf '%s\t%s\n' "$1" "$2" >>"$list"; }
for t in "$build"/test/unit/test_*; do
  [ -x "$t" ] && add "unit.$(basename "$t")" "$t"
done
n=0
while IFS= read -r f; do
  n=$((n + 1))
  rel="${f#"$root"/}"
  if grep -q 'wsp\.workload\|"wsp\.' "$f"; then
    pipeline="--wsp-to-taskring"
  elif grep -q '"taskring\.' "$f"; then
    pipeline="--taskring-verify"
  else
    pipeline=""
  fi
  add "opt.$n.$(basename "$f")" "$build/tools/wsp-opt --split-input-file $pipeline $f -o /dev/null"
  case "$rel" in
    examples/*)
      [ -x "$build/tools/wsp-compile" ] &&
        add "compile.$n.$(basename "$f")" "$build/tools/wsp-compile $f -o $work/out/$n" ;;
    test/Emit/Inputs/*.taskring.mlir)
      [ -x "$build/tools/wsp-translate" ] &&
        add "translate.$n.$(basename "$f")" \
          "$build/tools/wsp-translate --taskring-to-pto-runtime $f -o $work/out/$n" ;;
  esac
done < <(find "$root/test" "$root/examples" -name '*.mlir' -type f | sort)

total=$(wc -l <"$list")
echo "== valgrind memcheck: $total invocations ($n inputs), $jobs in parallel"
start=$(date +%s)
export root work
# Each job: valgrind with its own log; the tool's own output is discarded.
cut -f1,2 "$list" | tr '\t' '\n' | xargs -d '\n' -n 2 -P "$jobs" sh -c '
  name=$0
  valgrind --error-exitcode=97 --leak-check=full --num-callers=30 \
    --suppressions="$root/test/reliability/valgrind.supp" \
    --log-file="$work/logs/$name.log" $1 >/dev/null 2>&1
  echo $? >"$work/logs/$name.status"
'
elapsed=$(( $(date +%s) - start ))

status=0
bad=0
for log in "$work"/logs/*.log; do
  name="$(basename "$log" .log)"
  s="$(cat "$work/logs/$name.status" 2>/dev/null || echo missing)"
  if [ "$s" = 97 ] || ! grep -q 'ERROR SUMMARY: 0 errors' "$log"; then
    bad=$((bad + 1))
    status=1
    echo "--- $name: valgrind found errors (status $s)"
    grep -v '^==[0-9]*== *$' "$log" | sed -n '/ERROR SUMMARY\|Invalid\|uninitialised\|lost in\|Mismatched\|Conditional/,+14p' | head -60
  elif [ "$s" != 0 ] && [ "$s" != 1 ]; then
    bad=$((bad + 1))
    status=1
    echo "--- $name: exit status $s (a crash or signal?)"
    tail -20 "$log"
  fi
done
reachable=$(grep -h 'still reachable:' "$work"/logs/*.log | awk '{gsub(",","",$4); b+=$4; n++} END {printf "%.0f KB average over %d runs", b/n/1024, n}')
echo "valgrind: $total invocations in ${elapsed}s, $bad with errors; still reachable (MLIR/LLVM statics, not errors): $reachable"
exit $status
