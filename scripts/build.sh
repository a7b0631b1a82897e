#!/usr/bin/env bash
# Configures and builds nianbao into build/ (Release unless BUILD_TYPE says otherwise).
# TESTS=OFF skips the test suite (scripts/run.sh uses it).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BUILD_DIR:-build}
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" -DNIANBAO_TESTS="${TESTS:-ON}" "$@" >/dev/null
cmake --build "$dir" -j"$(nproc)"
