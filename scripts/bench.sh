#!/usr/bin/env bash
# Benchmarks nianbao at county, prefecture, province and national scale, and prints a table:
# for each N, wall and CPU time, peak memory, input size and throughput, the time of each stage
# (nianbao build --timings), and the floor: reading and parsing the same files with pugixml and
# nothing else, on all cores.
#   scripts/bench.sh                 N = 100, 1,000, 10,000, 100,000
#   scripts/bench.sh 1000 20000      chosen sizes
#   BENCH_FORMS=1 scripts/bench.sh   also reading 1,000 .xlsx forms against 1,000 XML files
# Inputs are generated once into ${BENCH_DIR:-build-bench}/N (deterministic) and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
command -v /usr/bin/time >/dev/null || { echo "安装 time（测量内存）…"; sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_=sudo; $sudo_ apt-get install -y -q time >/dev/null; }
BUILD_DIR=build-release BUILD_TYPE=Release TESTS=OFF scripts/build.sh >/dev/null
bin=build-release
data=${BENCH_DIR:-build-bench}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000 100000)
mkdir -p "$data"

printf '%s 核，%s\n' "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
printf '\n%-8s %8s %8s %9s %8s %8s %10s %8s %8s %7s\n' "单位数" "用时s" "CPU s" "内存MiB" "输入MB" "MB/s" "每单位µs" "下限s" "倍数" "退出"
declare -A stages
for n in "${sizes[@]}"; do
  dir="$data/$n"
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    "$bin/nianbao-gen" "$n" "$dir"
    touch "$dir/.complete"
  fi
  mb=$(find "$dir" -name '*.xml' -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1e6}')
  # Warm the page cache the same way for both runs, then measure the floor and the full run.
  # (xargs: 100,000 paths are more than one command line holds.)
  find "$dir" -name '*.xml' -print0 | xargs -0 cat >/dev/null 2>&1 || true
  floor=$("$bin/nianbao-parse-floor" "$dir" | awk '{print $1}')
  out="$data/out-$n"
  rm -rf "$out"
  set +e
  /usr/bin/time -f '%e %U %S %M' -o "$data/time-$n" "$bin/nianbao" build --inputs "$dir" --output "$out" --timings \
    >/dev/null 2>"$data/timings-$n"
  status=$?
  set -e
  read -r wall user sys rss <"$data/time-$n"
  awk -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v mb="$mb" -v f="$floor" -v st="$status" 'BEGIN {
    printf "%-8s %8.2f %8.2f %9.0f %8s %8.0f %10.1f %8.2f %7.2f %7s\n", n, w, u + s, r / 1024, mb, (w > 0 ? mb / w : 0),
      w * 1e6 / n, f, (f > 0 ? w / f : 0), st }'
  stages[$n]=$(grep -E '秒' "$data/timings-$n" | sed 's/^ *//')
done
for n in "${sizes[@]}"; do
  printf '\n各阶段（%s 个单位，nianbao build --timings）：\n' "$n"
  printf '%s\n' "${stages[$n]}" | sed 's/^/  /'
done

# The same agencies as .xlsx forms instead of XML (issue 14, item 7: at most 2×) is
# scripts/bench-forms.sh. Measured 2026-12-02 on the shared 2-core machine, loaded by other builds
# (CPU time is the reliable figure; wall time varies with the load), 1,000 agencies, best of three:
# reading one file 25 µs (XML) vs 278 µs (form), 11×; the whole `nianbao build` CPU 0.21 s vs
# 0.50 s, 2.4× (wall 0.15 s vs 0.30 s, 2.0×): CPU still above the 2× asked for (it was 3.1×,
# 0.24 s vs 0.74 s, before the sheet scan stopped copying attributes and a form's workbook was
# freed after the next one, so that glibc hands a thread's heap back less often). Where a form's
# time goes (perf, reading only): scanning the sheets' XML 25 %, inflating the parts (libdeflate)
# 17 %, pugixml on workbook.xml, its .rels and sharedStrings 15 %, opening and reading the file
# 12 %, minizip's directory 5 %. Before the workbook was freed late, glibc's trimming (madvise,
# TLB shootdowns on every core, then page faults) cost the whole build of forms about a third:
# GLIBC_TUNABLES=glibc.malloc.trim_threshold=1073741824 took a trial from 0.89 s to 0.60 s CPU;
# now it saves little (0.58 s vs 0.56 s), and what is left is reading the forms themselves.
if [ "${BENCH_FORMS:-0}" = 1 ]; then
  printf '\n填报表与 XML（scripts/bench-forms.sh 1000）：\n'
  BUILD_DIR=$bin scripts/bench-forms.sh 1000 | sed 's/^/  /'
fi
