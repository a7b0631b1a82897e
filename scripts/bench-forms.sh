#!/usr/bin/env bash
# Reading N filled .xlsx forms against reading the same N agencies as XML submissions (issue 14
# item 7: at most 2×). What counts is what the office waits for: `nianbao build` of a folder of
# N forms against `nianbao build` of the same N agencies as XML, everything else the same (one
# report.xml, the same figures, the same outputs). Generates N agencies with nianbao-gen, makes
# each agency's form with the real generator (`nianbao init`'s) and fills it by name
# (tools/form_bench.cpp), then prints, best of three runs each, the CPU and wall time of both
# builds and their ratio, and for context the single-threaded cost of reading one file.
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
# Best of three: CPU (user + sys) and wall seconds of `nianbao build` on a folder.
best_build() {
  local dir=$1 best_cpu=999999 best_wall=999999
  for _ in 1 2 3; do
    rm -rf "$data/out"
    /usr/bin/time -f '%U %S %e' -o "$data/time" "$build/nianbao" build --inputs "$dir" --output "$data/out" >/dev/null 2>&1 || true
    read -r user sys wall <"$data/time"
    best_cpu=$(awk -v a="$best_cpu" -v b="$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" 'BEGIN {print (b < a ? b : a)}')
    best_wall=$(awk -v a="$best_wall" -v b="$wall" 'BEGIN {print (b < a ? b : a)}')
  done
  echo "$best_cpu $best_wall"
}
read -r xml_cpu xml_wall <<<"$(best_build "$data/xml")"
read -r form_cpu form_wall <<<"$(best_build "$data/forms")"
awk -v n="$n" -v xc="$xml_cpu" -v xw="$xml_wall" -v fc="$form_cpu" -v fw="$form_wall" -v cores="$(nproc)" 'BEGIN {
  printf "整次运行（nianbao build，%d 个单位，%d 核，三次取最快）：\n", n, cores
  printf "  XML 报送文件   CPU %6.2f 秒，用时 %6.2f 秒\n", xc, xw
  printf "  .xlsx 填报表   CPU %6.2f 秒，用时 %6.2f 秒\n", fc, fw
  printf "  填报表是 XML 的 %.2f 倍（CPU），%.2f 倍（用时）；issue 14：不超过 2 倍\n", fc / xc, fw / xw }'
