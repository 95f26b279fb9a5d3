#!/usr/bin/env bash
# Configures and builds EXL2 Studio (Release, Ninja) into ./build (or $EXL2_BUILD_DIR).
# Extra arguments are passed to cmake's configure step (e.g. -DEXL2_WITH_CUDA=OFF).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${EXL2_BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
ninja -C "$build"
