#!/usr/bin/env bash
# Builds the whole test suite with AddressSanitizer and UndefinedBehaviorSanitizer into
# build-asan/ and runs it: unit tests, and the end-to-end tests running the sanitized binary on
# every input folder, the bad-input corpus included. Any finding fails the run.
# The LibreOffice test is left out: it checks LibreOffice, not our memory, and is the slowest.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${SANITIZE_DIR:-build-asan}
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DNIANBAO_SANITIZE=ON -DCMAKE_CXX_FLAGS="-O1" >/dev/null
cmake --build "$dir" -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$dir" --timeout 900 --output-on-failure -j"$(nproc)" -E 'LibreOffice'
