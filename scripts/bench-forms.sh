#!/usr/bin/env bash
# Reading N filled .xlsx forms against reading the same N agencies as XML submissions (issue 14
# item 7: at most 2×). What counts is what the office waits for: `nianbao build` of a folder of
# N forms against `nianbao build` of the same N agencies as XML, everything else the same (one
# report.xml, the same figures, the same outputs). Generates N agencies with nianbao-gen, makes
# each agency's form with the real generator (`nianbao init`'s) and fills it by name
# (tools/form_bench.cpp), then prints the median CPU and wall time of both builds (run in turn,
# seven times each) and their ratio, and for context the single-threaded cost of reading one file.
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
# The forms are made anew by this build's generator (the bench writes only those missing: forms
# kept from an older build would measure its generator). nianbao-form-bench starts itself with
# the malloc tunables nianbao runs with (src/cli/malloc_tuning.h).
rm -rf "$data/forms"
"$build/nianbao-form-bench" "$data/xml" "$data/forms" templates

command -v /usr/bin/time >/dev/null || { echo "（未安装 time，不测整次运行）"; exit 0; }
# The whole build on both folders, alternating, $FORMS_REPEAT times (default 7): the machine's
# load drifts, and runs taken in turn see the same drift. The median of each is reported.
repeat=${FORMS_REPEAT:-7}
: >"$data/times-xml"
: >"$data/times-forms"
for _ in $(seq "$repeat"); do
  for kind in xml forms; do
    rm -rf "$data/out"
    /usr/bin/time -f '%U %S %e' -o "$data/time" "$build/nianbao" build --inputs "$data/$kind" --output "$data/out" >/dev/null 2>&1 || true
    awk '{printf "%.3f %.3f\n", $1 + $2, $3}' "$data/time" >>"$data/times-$kind"
  done
done
# median FILE COLUMN
median() { sort -g -k"$2","$2" "$1" | awk -v c="$2" '{v[NR] = $c} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
awk -v n="$n" -v r="$repeat" -v xc="$(median "$data/times-xml" 1)" -v xw="$(median "$data/times-xml" 2)" \
    -v fc="$(median "$data/times-forms" 1)" -v fw="$(median "$data/times-forms" 2)" -v cores="$(nproc)" 'BEGIN {
  printf "整次运行（nianbao build，%d 个单位，%d 核，两种文件交替各 %d 次，取中位数）：\n", n, cores, r
  printf "  XML 报送文件   CPU %6.2f 秒，用时 %6.2f 秒\n", xc, xw
  printf "  .xlsx 填报表   CPU %6.2f 秒，用时 %6.2f 秒\n", fc, fw
  printf "  填报表是 XML 的 %.2f 倍（CPU），%.2f 倍（用时）；issue 14：不超过 2 倍\n", fc / xc, fw / xw }'
