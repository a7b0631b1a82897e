#!/usr/bin/env bash
# Sets up, builds from scratch and runs every test: unit, end-to-end, and the sanitizer build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

echo "== 构建并运行测试 =="
rm -rf build-test
BUILD_DIR=build-test BUILD_TYPE=RelWithDebInfo scripts/build.sh
ctest --test-dir build-test --output-on-failure -j"$(nproc)"
