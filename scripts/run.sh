#!/usr/bin/env bash
# One command for a new user: install what is needed, build, and build the report from inputs/ into output/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
TESTS=OFF scripts/build.sh
set +e
build/nianbao build --inputs inputs --output output "$@"
status=$?
set -e
echo
ls -l output/
exit $status
