#!/usr/bin/env bash
# scripts/sanitize.sh [ctest args...]
# The sanitizer build of the whole test suite: configures build-asan (gcc, ASan + UBSan, -O1 -g1, no CUDA),
# builds everything and runs ctest with LeakSanitizer on and UBSan halting at the first report.
# Leaks inside third-party libraries (Qt, fontconfig, ...) are suppressed by tests/sanitize/lsan.supp;
# our own code is never suppressed. Extra arguments go to ctest; the default runs every test and benchmark,
# nproc at a time (about 15 minutes on 2 cores: docs/fuzzing.md).
# Environment: EXL2_ASAN_BUILD_DIR (default build-asan), SANITIZE_JOBS (ninja -j, default nproc),
# EXL2_SHARED_DIR (default ../shared).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${EXL2_ASAN_BUILD_DIR:-$root/build-asan}
shared=${EXL2_SHARED_DIR:-$root/../shared}

# -fno-sanitize-recover=all: the first report ends the test (a failure ctest shows), never a log line
# that scrolls by. -O1 keeps compile and test time sane while keeping usable stack traces.
# -Wno-maybe-uninitialized: with the sanitizers gcc 12 reports false positives inside libstdc++'s
# std::function (used by std::regex), which the project's -Werror would turn into build failures.
san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -Wno-maybe-uninitialized"
link="-fsanitize=address,undefined"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCMAKE_CXX_FLAGS="$san" \
    -DCMAKE_EXE_LINKER_FLAGS="$link" -DCMAKE_SHARED_LINKER_FLAGS="$link" -DCMAKE_MODULE_LINKER_FLAGS="$link" \
    -DEXL2_WITH_CUDA=OFF -DEXL2_SHARED_DIR="$shared" >"$build.configure.log" 2>&1 \
    || { cat "$build.configure.log"; echo "scripts/sanitize.sh: configure failed" >&2; exit 2; }
ninja -C "$build" -j"${SANITIZE_JOBS:-$(nproc)}"

export ASAN_OPTIONS="detect_leaks=1"
export LSAN_OPTIONS="suppressions=$root/tests/sanitize/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
args=("$@")
[[ ${#args[@]} -eq 0 ]] && args=(-j"$(nproc)")
cd "$build"
ctest --output-on-failure --timeout 1800 "${args[@]}"
