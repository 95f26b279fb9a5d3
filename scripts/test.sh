#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs the whole test suite (ctest).
# Extra arguments go to ctest instead (e.g. -L unit). GPU tests skip with a printed reason when there is no GPU.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh"
build=${EXL2_BUILD_DIR:-$root/build}
cd "$build"
if [[ $# -gt 0 ]]; then
    ctest --output-on-failure --timeout 900 "$@"
    exit
fi
# The tests two (nproc) at a time, then the benchmarks alone so that their figures are not skewed by a test
# running beside them. Both always run; the exit status is a failure of either.
status=0
ctest --output-on-failure --timeout 900 -j"$(nproc)" -LE bench || status=1
ctest --output-on-failure --timeout 900 -L bench || status=1
exit $status
