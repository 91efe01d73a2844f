#!/usr/bin/env bash
# Compile time and peak memory against program size, next to MLIR's own
# parse+verify+print of the same text (docs/performance.md).
#
#   bench/compile_time.sh [N...]        default N: 100 1000 10000 100000
#
# For each N, bench/gen_workload.py writes a program with N static wsp.task
# ops (7 ops per task) and this prints, as the best of BENCH_REPEAT runs
# (default 3; 1 for N >= 100000):
#   wsp-opt      wsp-opt --wsp-to-taskring -o /dev/null  (parse, the default
#                pipeline with the verifier after each pass, print)
#   wsp-compile  wsp-compile -o DIR  (parse, pipeline, emit and write the
#                artifact), when the build has it
#   mlir-opt     mlir-opt-22 --irdl-file=dialect/wsp.irdl.mlir (parse, verify,
#                print: the floor any MLIR-based tool pays for this text)
# with peak RSS (GNU time), wsp-opt/mlir-opt, microseconds per task, and the
# growth exponent between successive N: the log-log slope of the time above
# the N=1 start-up cost (1.0 = linear; the raw slope is printed too).
#
# Environment: WSP_BUILD_DIR (default build/), BENCH_DEPS=none|chain (the
# task shape, see gen_workload.py), BENCH_REPEAT, BENCH_KEEP=1 keeps the
# generated programs in BENCH_DIR (default: a temporary directory).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${WSP_BUILD_DIR:-$root/build}"
deps="${BENCH_DEPS:-none}"
repeat="${BENCH_REPEAT:-3}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000 100000)

opt="$build/tools/wsp-opt"
compile="$build/tools/wsp-compile"
mlir_opt="$(command -v mlir-opt-22 || echo /usr/lib/llvm-22/bin/mlir-opt)"
[ -x "$opt" ] || { echo "compile_time: no $opt; build first (scripts/build.sh)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "compile_time: needs GNU time (apt-get install time)" >&2; exit 1; }
[ -x "$compile" ] || compile=""

work="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work"
[ "${BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
results="$work/results.tsv"
: >"$results"

# measure TOOL N ARGS...: best wall time and its peak RSS over the repeats.
measure() {
  local tool=$1 n=$2 runs=$repeat best="" rss="" t m
  shift 2
  [ "$n" -lt 100000 ] || runs=1
  for _ in $(seq "$runs"); do
    rm -rf "$work/artifact"
    # Wall time from the clock (GNU time's %e has 10 ms steps); RSS from time.
    local t0 t1
    t0=$(date +%s%N)
    if ! /usr/bin/time -f "%M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr"; then
      echo "compile_time: $tool failed on N=$n:" >&2
      head -5 "$work/stderr" >&2
      exit 1
    fi
    t1=$(date +%s%N)
    t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
    m=$(tail -1 "$work/time")
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$t
      rss=$m
    fi
  done
  printf '%s\t%s\t%s\t%s\n' "$n" "$tool" "$best" "$rss" >>"$results"
}

echo "compile_time: deps=$deps, best of $repeat (1 for N >= 100000), $(nproc) cpu(s), $(uname -m)"
for n in 1 "${sizes[@]}"; do
  program="$work/tasks-$n.mlir"
  python3 "$root/bench/gen_workload.py" "$n" --deps "$deps" -o "$program"
  measure wsp-opt "$n" "$opt" "$program" --wsp-to-taskring -o /dev/null
  [ -z "$compile" ] || measure wsp-compile "$n" "$compile" "$program" -o "$work/artifact"
  measure mlir-opt "$n" "$mlir_opt" --irdl-file="$root/dialect/wsp.irdl.mlir" "$program" -o /dev/null
  echo "  N=$n done ($(wc -c <"$program") bytes of IR)" >&2
done

python3 - "$results" <<'EOF'
import math
import sys

rows = [line.split("\t") for line in open(sys.argv[1]).read().splitlines()]
data = {}
for n, tool, t, rss in rows:
    data.setdefault(tool, {})[int(n)] = (float(t), int(rss) / 1024.0)
tools = [t for t in ("wsp-opt", "wsp-compile", "mlir-opt") if t in data]
sizes = sorted(n for n in data["wsp-opt"] if n > 1)
head = f"{'N':>7}"
for tool in tools:
    head += f" {tool + ' s':>13} {'MB':>6}"
head += f" {'opt/mlir':>8} {'us/task':>8}"
for tool in tools:
    head += f" {'slope ' + tool:>18}"
print(head)
start = {tool: data[tool][1][0] for tool in tools}
print(f"{'1':>7}" + "".join(f" {data[t][1][0]:>13.3f} {data[t][1][1]:>6.0f}" for t in tools)
      + "   (start-up: the N=1 program)")
prev = None
for n in sizes:
    line = f"{n:>7}"
    for tool in tools:
        t, mb = data[tool][n]
        line += f" {t:>13.3f} {mb:>6.0f}"
    ratio = data["wsp-opt"][n][0] / max(data["mlir-opt"][n][0], 1e-9)
    per = (data["wsp-opt"][n][0] - start["wsp-opt"]) / n * 1e6
    line += f" {ratio:>8.2f} {per:>8.1f}"
    for tool in tools:
        if prev is None:
            line += f" {'-':>18}"
            continue
        t1, t2 = data[tool][prev][0], data[tool][n][0]
        m1, m2 = t1 - start[tool], t2 - start[tool]
        raw = math.log(t2 / t1) / math.log(n / prev) if t1 > 0 and t2 > 0 else float("nan")
        marginal = (math.log(m2 / m1) / math.log(n / prev)
                    if m1 > 0.002 and m2 > 0 else float("nan"))
        line += f" {marginal:>9.2f} ({raw:4.2f})"
    print(line)
    prev = n
print("slope: log-log growth of the time above start-up between this N and the previous one"
      " (raw slope in parentheses); 1.00 is linear.")
EOF
