#!/usr/bin/env bash
# Sets up, builds from scratch and runs every test: unit and end-to-end tests, then the whole
# suite again under AddressSanitizer + UndefinedBehaviorSanitizer (scripts/sanitize.sh), then
# each libFuzzer target for FUZZ_SECONDS (default 60) from its seed corpus (scripts/fuzz.sh), then
# the arm64 build: cross-compiled, its unit tests run under qemu-user, packaged and checked
# (scripts/package.sh --arch arm64 --unit-tests).
# About 30 minutes on 2 cores from a clean clone; the time of each stage is printed at the end.
#
# scripts/test.sh --quick is the loop for contributors: builds build-test/ incrementally (not from
# scratch) and runs the unit and end-to-end tests; no sanitizers, no fuzzing, no arm64.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  *) echo "用法：scripts/test.sh [--quick]" >&2; exit 2 ;;
esac
scripts/setup.sh --test

times=()
stage() {  # name command…
  local name=$1 start=$SECONDS
  shift
  echo "== $name =="
  "$@"
  times+=("$name：$((SECONDS - start)) 秒")
}

build_and_test() {
  [ "$quick" -eq 1 ] || rm -rf build-test
  BUILD_DIR=build-test BUILD_TYPE=RelWithDebInfo scripts/build.sh
  ctest --test-dir build-test --timeout 600 --output-on-failure -j"$(nproc)"
}
sanitize() {
  rm -rf build-asan
  scripts/sanitize.sh
}
fuzz() {
  rm -rf build-fuzz
  scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
}
arm64() {
  scripts/package.sh --arch arm64 --unit-tests
}

stage "构建并运行测试" build_and_test
if [ "$quick" -eq 1 ]; then
  echo "== 用时 =="
  printf '  %s\n' "${times[@]}"
  exit 0
fi
stage "AddressSanitizer + UndefinedBehaviorSanitizer 下运行全部测试" sanitize
stage "模糊测试（libFuzzer）" fuzz
stage "arm64：交叉构建、qemu-user 下运行单元测试、打包" arm64

echo "== 用时 =="
printf '  %s\n' "${times[@]}"
