#!/usr/bin/env bash
# Fuzzes the whole compiler (parse, verify, wsp-to-taskring, emit to memory)
# with libFuzzer + ASan + UBSan for [seconds] (default 60), starting from the
# tree's own inputs split into seeds. Exits non-zero on any crash, sanitizer
# report, leak, timeout or out-of-memory; the input that caused it is saved in
# <fuzz build>/fuzz/artifacts/ and reproduces with
#   <fuzz build>/fuzz/wsp-fuzz <that file>
#
#   scripts/fuzz.sh [seconds]             run (build into ${WSP_BUILD_DIR:-build}-fuzz)
#   scripts/fuzz.sh --regress FILE...     run the target once on each FILE (no fuzzing)
#
# The fuzz build is a separate clang-22 configuration (-DWSP_ENABLE_FUZZER=ON -DWSP_WERROR=ON):
# libFuzzer's coverage instrumentation needs clang on wsp's own code.
# WSP_FUZZ_BUILD_DIR overrides its directory; WSP_FUZZ_JOBS runs that many
# fuzzing processes in parallel (default 1). The corpus that grows while
# fuzzing is kept in <fuzz build>/fuzz/corpus and reused by the next run.
# See docs/reliability.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${WSP_BUILD_DIR:-$root/build}"
fuzzbuild="${WSP_FUZZ_BUILD_DIR:-$build-fuzz}"

mkdir -p "$fuzzbuild"
if ! { cmake -S "$root" -B "$fuzzbuild" -G Ninja -DWSP_ENABLE_FUZZER=ON \
         -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 &&
       cmake --build "$fuzzbuild" --target wsp-fuzz -j "$(nproc)"; } >"$fuzzbuild/build.log" 2>&1; then
  tail -40 "$fuzzbuild/build.log"
  echo "wsp-fuzz: FAILED to build (log: $fuzzbuild/build.log)"
  exit 1
fi
grep '^make_corpus:' "$fuzzbuild/build.log" || true
fuzzdir="$fuzzbuild/fuzz"

# halt_on_error/abort_on_error: the first report ends the run with a saved
# input. detect_leaks: libFuzzer checks for leaks after each new input.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:halt_on_error=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:abort_on_error=1"

if [ "${1:-}" = "--regress" ]; then
  shift
  files=()
  for f in "$@"; do files+=("$(realpath "$f")"); done # before the cd below
  cd "$fuzzdir/workdir"
  exec "$fuzzdir/wsp-fuzz" -runs=1 "${files[@]}"
fi

seconds="${1:-60}"
mkdir -p "$fuzzdir/corpus" "$fuzzdir/artifacts"
# The harness resolves relative kernel sources against the working directory;
# workdir holds the kernel files the seeds name (fuzz/make_corpus.py).
cd "$fuzzdir/workdir"
# -max_len: the largest seed is ~4 KB; 16 KB leaves room to grow without
#   spending the time budget on megabyte inputs.
# -timeout: one input normally takes milliseconds; the slowest legitimate ones
#   (a static loop near the 10^6-task limit of the task-graph analysis) take
#   ~8 s under ASan, so 30 s means a hang.
# -rss_limit_mb / -malloc_limit_mb: a single input asking for more than 2 GB
#   is a finding (e.g. an unbounded allocation from an attribute value).
# First directory: the growing corpus (written); second: the seeds (read).
jobs="${WSP_FUZZ_JOBS:-1}"
args=(-max_total_time="$seconds" -max_len=16384 -timeout=30 -rss_limit_mb=2048
      -malloc_limit_mb=2048 -dict="$root/fuzz/wsp.dict" -artifact_prefix="$fuzzdir/artifacts/"
      -print_final_stats=1 -reload=0)
# A fixed seed makes the bounded run in the test command repeatable from one
# machine to the next (WSP_FUZZ_SEED=0 lets libFuzzer pick one).
if [ "${WSP_FUZZ_SEED:-1}" != 0 ]; then
  args+=(-seed="${WSP_FUZZ_SEED:-1}")
fi
if [ "$jobs" -gt 1 ]; then
  args+=(-fork="$jobs" -ignore_crashes=0)
fi
echo "== wsp-fuzz for ${seconds}s ($jobs job(s)); artifacts in $fuzzdir/artifacts"
status=0
"$fuzzdir/wsp-fuzz" "${args[@]}" "$fuzzdir/corpus" "$fuzzdir/seeds" >"$fuzzdir/last-run.log" 2>&1 || status=$?
grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|^==[0-9]+==ERROR|^SUMMARY|Test unit written|^wsp-fuzz:' \
  "$fuzzdir/last-run.log" || true
if [ $status -ne 0 ]; then
  echo "wsp-fuzz: FAILED (status $status); full log: $fuzzdir/last-run.log"
  tail -60 "$fuzzdir/last-run.log"
  exit 1
fi
echo "wsp-fuzz: no crash, sanitizer report or leak in ${seconds}s"
