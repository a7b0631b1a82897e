#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) into build-fuzz/ and runs each for
# SECONDS (default 60) from a copy of its seed corpus under tests/fuzz/corpus/. The targets run
# two at a time, one per core (four targets: about 2 × SECONDS). Fails on any finding; the input
# that caused it is kept in build-fuzz/findings/ (reproduce: build-fuzz/tests/fuzz/<target>
# build-fuzz/findings/<file>).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
dir=build-fuzz
cxx=${FUZZ_CXX:-clang++-14}
cc=${FUZZ_CC:-clang-14}
command -v "$cxx" >/dev/null || { echo "需要 $cxx（scripts/setup.sh --test 会安装 clang 和 libclang-rt-14-dev）" >&2; exit 1; }

CC=$cc CXX=$cxx cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNIANBAO_FUZZ=ON -DNIANBAO_TESTS=OFF >/dev/null
cmake --build "$dir" -j"$(nproc)" --target submission_reader_fuzz template_fuzz form_reader_fuzz report_reader_fuzz

rm -rf "$dir/corpus" "$dir/findings" "$dir/logs"
mkdir -p "$dir/findings" "$dir/logs"
targets=(submission_reader_fuzz:submission template_fuzz:template form_reader_fuzz:form report_reader_fuzz:report)

start() {  # target:seeds; sets pid
  local target=${1%%:*} seeds=${1##*:}
  mkdir -p "$dir/corpus/$seeds"
  cp tests/fuzz/corpus/"$seeds"/* "$dir/corpus/$seeds/"
  # More seeds that live elsewhere: the bad-input corpus and good files; the shipped template.
  if [ "$seeds" = submission ]; then
    cp tests/data/bad/*.xml "$dir/corpus/$seeds/"
    find tests/data/mixed -name '*.xml' -exec cp --backup=numbered {} "$dir/corpus/$seeds/" \;
  elif [ "$seeds" = template ] || [ "$seeds" = report ]; then
    for f in templates/*/docx/word/document.xml; do
      cp "$f" "$dir/corpus/$seeds/shipped-$(basename "$(dirname "$(dirname "$(dirname "$f")")")").xml"
    done
  fi
  # detect_leaks: a leak found on exit is a finding too. -timeout: one input over 10 s is a hang.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$dir/tests/fuzz/$target" "$dir/corpus/$seeds" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$dir/findings/$target-" >"$dir/logs/$target.log" 2>&1 &
  pid=$!
}

finish() {  # target:seeds pid
  local target=${1%%:*}
  if wait "$2"; then
    runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$dir/logs/$target.log" | grep -oE '[0-9]+$' || echo "?")
    echo "$target：${seconds} 秒，执行 $runs 次，没有发现问题。"
  else
    status=1
    echo "$target 发现问题（日志 $dir/logs/$target.log，输入在 $dir/findings/）：" >&2
    grep -A30 -E '^==[0-9]+==ERROR|runtime error|invariant broken|ERROR: libFuzzer' "$dir/logs/$target.log" | head -60 >&2
  fi
}

status=0
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  start "${targets[$i]}"
  first=$pid
  second=""
  if [ $((i + 1)) -lt ${#targets[@]} ]; then
    start "${targets[$((i + 1))]}"
    second=$pid
  fi
  finish "${targets[$i]}" "$first"
  [ -z "$second" ] || finish "${targets[$((i + 1))]}" "$second"
done
exit $status
