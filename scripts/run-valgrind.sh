#!/usr/bin/env bash
# Runs the unit tests and the tools over every lit input and example under
# valgrind's memcheck (--leak-check=full), in parallel, and fails on any
# memcheck error: invalid reads/writes, uses of uninitialised values, bad
# frees, and definitely/indirectly/possibly lost blocks. "Still reachable"
# blocks (MLIR's and LLVM's statics) are reported in the summary, not errors.
# Suppressions: test/reliability/valgrind.supp (MLIR/LLVM only, each named).
#
#   scripts/run-valgrind.sh            build (${WSP_BUILD_DIR:-build}) and run
#   scripts/run-valgrind.sh --quick    a bounded subset (~25 invocations, about
#                                      a minute on 2 cores): what
#                                      scripts/run-tests.sh runs
#   WSP_VALGRIND_JOBS=N                parallel runs (default: nproc)
#   WSP_VALGRIND_TIMEOUT=S             per-invocation limit (default 600 s);
#                                      one that runs out counts as a failure
#
# The full run's invocations: every unit test binary; for every *.mlir under
# test/ (Inputs/ included) and examples/: `wsp-opt --split-input-file FILE
# <pipeline>` with the pipeline its contents call for (wsp programs:
# wsp-to-taskring; taskring IR: taskring-verify; anything else: parse and
# print), so every chunk of every test goes through the parser, the verifiers
# and the passes, valid or not; for every example: wsp-compile into a scratch
# directory; for every taskring input of the emitter's tests: wsp-translate.
#
# --quick: every unit test binary; every example through wsp-compile for both
# runtimes (tensormap_and_ringbuffer with its golden.py, host_build_graph);
# wsp-translate on one taskring input; wsp-opt --split-input-file on the
# error tests of each stage (wsp-verify, taskring-verify, the CSP analyses
# and the lowering through wsp-to-taskring, the emitter's module checks) and on parser errors
# (binary garbage, a truncated program). Each invocation costs ~5 s of CPU
# before it does anything (valgrind reads libLLVM's and libMLIR's symbols),
# so the subset is chosen by file, not by chunk: few processes, many paths.
#
# The tools exit 1 on inputs they reject (many lit inputs are error tests), so
# valgrind's --error-exitcode is 97, not 1: an error is told apart from a
# rejection by that status and by the ERROR SUMMARY line of each log.
# See docs/reliability.md.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${WSP_BUILD_DIR:-$root/build}"
jobs="${WSP_VALGRIND_JOBS:-$(nproc)}"
timeout_s="${WSP_VALGRIND_TIMEOUT:-600}"
quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  *) echo "run-valgrind: unknown argument '$1' (only --quick)" >&2; exit 1 ;;
esac
command -v valgrind >/dev/null || { echo "run-valgrind: valgrind is not installed" >&2; exit 1; }
"$root/scripts/build.sh" >/dev/null || exit 1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/logs" "$work/out"

# One line per invocation: a name for its log, then the command.
list="$work/commands"
: >"$list"
add() { printf '%s\t%s\n' "$1" "$2" >>"$list"; }
# wsp-opt over every chunk of FILE, with the pipeline its contents call for.
add_opt() {
  local name=$1 f=$2 pipeline=""
  if grep -q 'wsp\.workload\|"wsp\.' "$f"; then
    pipeline="--wsp-to-taskring"
  elif grep -q '"taskring\.' "$f"; then
    pipeline="--taskring-verify"
  fi
  add "$name" "$build/tools/wsp-opt --split-input-file $pipeline $f -o /dev/null"
}
for t in "$build"/test/unit/test_*; do
  [ -x "$t" ] && add "unit.$(basename "$t")" "$t"
done
n=0
if [ "$quick" = 1 ]; then
  for f in "$root"/examples/*/*.mlir; do
    n=$((n + 1))
    name="$(basename "$f" .mlir)"
    golden="$(dirname "$f")/golden.py"
    [ -f "$golden" ] && golden="--golden $golden" || golden=""
    add "compile.tmr.$name" "$build/tools/wsp-compile $f -o $work/out/tmr.$n $golden"
    add "compile.hbg.$name" \
      "$build/tools/wsp-compile $f -o $work/out/hbg.$n --runtime=host_build_graph"
  done
  add "translate.scale" "$build/tools/wsp-translate --taskring-to-pto-runtime \
$root/test/Emit/Inputs/scale.taskring.mlir -o $work/out/translate"
  # The error tests of each stage, with the pass their chunks are written for.
  opt="$build/tools/wsp-opt --split-input-file"
  add "opt.wsp-verify" "$opt --wsp-verify $root/test/Dialect/Wsp/verify.mlir -o /dev/null"
  add "opt.taskring-verify" \
    "$opt --taskring-verify $root/test/Dialect/TaskRing/verify.mlir -o /dev/null"
  add "opt.csp-errors" "$opt --wsp-to-taskring $root/test/Analysis/csp-errors.mlir -o /dev/null"
  add "opt.lower-errors" \
    "$opt --wsp-to-taskring $root/test/Conversion/WspToTaskRing/wsp-lower-to-taskring-errors.mlir -o /dev/null"
  add "translate.errors-module" "$build/tools/wsp-translate --taskring-to-pto-runtime --no-verify \
--split-input-file $root/test/Emit/errors-module.mlir -o $work/out/errors-module"
  # Parser errors: random bytes, a program cut inside a kernel.
  for f in binary-garbage truncated-in-kernel; do
    add "opt.$f" "$build/tools/wsp-opt $root/test/reliability/bad-inputs/Inputs/$f.mlir -o /dev/null"
  done
else
  while IFS= read -r f; do
    n=$((n + 1))
    rel="${f#"$root"/}"
    add_opt "opt.$n.$(basename "$f")" "$f"
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
fi

total=$(wc -l <"$list")
mode=full; [ "$quick" = 1 ] && mode=quick
echo "== valgrind memcheck ($mode): $total invocations, $jobs in parallel"
start=$(date +%s)
export root work timeout_s
# Each job: valgrind with its own log; the tool's own output is discarded.
cut -f1,2 "$list" | tr '\t' '\n' | xargs -d '\n' -n 2 -P "$jobs" sh -c '
  name=$0
  t0=$(date +%s%N)
  timeout "$timeout_s" valgrind --error-exitcode=97 --leak-check=full --num-callers=30 \
    --suppressions="$root/test/reliability/valgrind.supp" \
    --log-file="$work/logs/$name.log" $1 >/dev/null 2>&1
  echo $? >"$work/logs/$name.status"
  echo $(( ($(date +%s%N) - t0) / 1000000 )) >"$work/logs/$name.ms"
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
    echo "--- $name: exit status $s (a crash, a signal, or over ${timeout_s} s?)"
    tail -20 "$log"
  fi
done
reachable=$(grep -h 'still reachable:' "$work"/logs/*.log | awk '{gsub(",","",$4); b+=$4; n++} END {printf "%.0f KB average over %d runs", b/n/1024, n}')
slowest=$(for t in "$work"/logs/*.ms; do printf '%s %s\n' "$(cat "$t")" "$(basename "$t" .ms)"; done |
  sort -rn | head -"${WSP_VALGRIND_SLOWEST:-3}" | awk '{printf "%s%s %.1fs", (NR > 1 ? ", " : ""), $2, $1 / 1000}')
echo "valgrind ($mode): slowest: $slowest"
echo "valgrind ($mode): $total invocations in ${elapsed}s, $bad with errors; still reachable (MLIR/LLVM statics, not errors): $reachable"
exit $status
