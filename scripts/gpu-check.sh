#!/usr/bin/env bash
# The one prepared script for the lent GPU machine: runs the GPU parity tests and the GPU benchmark from a
# build made by scripts/build-gpu.sh, and copies every figure to $OUT (default ./gpu-results).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-gpu}
out=${OUT:-$root/gpu-results}
mkdir -p "$out"
export EXL2_PLUGIN_DIR=$build/lib/exl2-studio
{ date -u; nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv 2>&1; } | tee "$out/device.txt"
"$build/tests/gpu/gpu_parity" 2>&1 | tee "$out/gpu_parity.txt"
status=${PIPESTATUS[0]}
if [ -x "$build/tests/gpu/bench_gpu" ]; then
  "$build/tests/gpu/bench_gpu" 2>&1 | tee "$out/bench_gpu.txt"
fi
exit "$status"
