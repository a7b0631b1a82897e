#!/usr/bin/env bash
# Reading N filled .xlsx forms against reading the same N agencies as XML submissions (issue 14
# item 7: at most 2×). Generates N agencies with nianbao-gen, turns each into a form laid out as
# `nianbao init` lays one out (tools/form_bench.cpp), reads both sets single-threaded and prints
# CPU µs per file and the ratio.
#   scripts/bench-forms.sh [N]        N = 1,000 by default
# Uses the build in ${BUILD_DIR:-build} (built if needed); inputs are kept in ${BENCH_DIR:-build-bench}.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
build=${BUILD_DIR:-build}
data=${BENCH_DIR:-build-bench}/forms-$n
[ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target nianbao nianbao-gen nianbao-form-bench >/dev/null
if [ ! -f "$data/.complete" ]; then
  rm -rf "$data"
  "$build/nianbao-gen" "$n" "$data/xml" >/dev/null
  touch "$data/.complete"
fi
# The malloc tunables nianbao itself runs with (src/main.cpp), so that both readers are measured
# as the run would use them.
# Forms with one data validation per kind of cell, as Excel stores a rule applied to many cells;
# then the largest a generator would write, one validation per input cell.
tunables=${GLIBC_TUNABLES:-glibc.malloc.hugetlb=1:glibc.malloc.arena_max=2}
out=$(GLIBC_TUNABLES=$tunables "$build/nianbao-form-bench" "$data/xml" "$data/forms" templates)
echo "$out"
GLIBC_TUNABLES=$tunables "$build/nianbao-form-bench" "$data/xml" "$data/forms-per-cell" templates per-cell

# The whole run for context: the CPU time of `nianbao build` on the XML folder, and the same run
# with every XML submission read as a form instead (reading is the only stage that differs).
command -v /usr/bin/time >/dev/null || { echo "（未安装 time，不测整次运行）"; exit 0; }
/usr/bin/time -f '%U %S' -o "$data/time" "$build/nianbao" build --inputs "$data/xml" --output "$data/out" >/dev/null 2>&1 || true
read -r user sys <"$data/time"
xml_us=$(echo "$out" | awk '/XML 报送文件/ {print $3}')
form_us=$(echo "$out" | awk '/xlsx 填报表/ {print $3}')
awk -v n="$n" -v u="$user" -v s="$sys" -v x="$xml_us" -v f="$form_us" 'BEGIN {
  run = u + s; forms = run + n * (f - x) / 1e6
  printf "整次运行（nianbao build，%d 个单位，CPU 时间）：XML %.2f 秒；换成表格约 %.2f 秒（%.2f 倍）\n", n, run, forms, forms / run }'
