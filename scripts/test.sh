#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs the whole test suite (ctest).
# Extra arguments go to ctest (e.g. -L unit). GPU tests skip with a printed reason when there is no GPU.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh"
build=${EXL2_BUILD_DIR:-$root/build}
cd "$build"
ctest --output-on-failure --timeout 900 "$@"
