#!/usr/bin/env bash
# The one prepared script for the lent GPU machine: runs gpu_parity, pipeline_parity and bench_gpu from the
# bundle scripts/build-gpu.sh made (build-gpu/device), each under its own time limit so the whole fits in
# about 8 minutes on an H100, writes every output to $OUT (default ./gpu-results) and prints a summary.
# Usage: bash scripts/gpu-check.sh [BUNDLE]   (BUNDLE defaults to build-gpu/device)
# Exit status: 0 when nothing failed or timed out (skips included), 1 otherwise.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
bundle=$(cd "${1:-$root/build-gpu/device}" 2>/dev/null && pwd) || { echo "gpu-check.sh: no bundle at ${1:-$root/build-gpu/device}: run scripts/build-gpu.sh first" >&2; exit 1; }
out=${OUT:-$root/gpu-results}
mkdir -p "$out"
export EXL2_PLUGIN_DIR=$bundle
export EXL2_FIXTURES_DIR=${EXL2_FIXTURES_DIR:-$bundle/fixtures}
export EXL2_SCRATCH_DIR=${EXL2_SCRATCH_DIR:-${TMPDIR:-/tmp}/exl2-gpu-check}
summary=$out/summary.txt
: >"$summary"

{ date -u; uname -srm; nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv 2>&1 || true
  echo "bundle: $bundle"; ls -l "$bundle"; } >"$out/device.txt" 2>&1
cat "$out/device.txt"

failures=0
# step NAME LIMIT_SECONDS: runs $bundle/NAME, output to $out/NAME.txt and the console, one summary line.
step() {
  local name=$1 limit=$2 start rc verdict last
  start=$(date +%s)
  echo "=== $name (limit ${limit}s)"
  timeout -k 10 "$limit" "$bundle/$name" 2>&1 | tee "$out/$name.txt"
  rc=${PIPESTATUS[0]}
  last=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped' "$out/$name.txt" | tail -1)
  case $rc in
    0) verdict=PASS
       # gpu_parity exits 0 when it skipped everything: read its closing line.
       if [[ $last =~ ^0\ passed,\ 0\ failed,\ [1-9] ]]; then verdict=SKIP; fi ;;
    77) verdict=SKIP ;;
    124|137) verdict=TIMEOUT; failures=$((failures + 1)) ;;
    *) verdict="FAIL (exit $rc)"; failures=$((failures + 1)) ;;
  esac
  printf '%-16s %-14s %4ss  %s\n' "$name" "$verdict" "$(($(date +%s) - start))" "$last" >>"$summary"
}

step gpu_parity 90
step pipeline_parity 150
step bench_gpu 210

# The benchmark's headline figures, when it ran.
grep -E '^(device:|peak:|layer [0-9]+:|stopped after|   (forward|Hessian|measurement|quantization) |   after |Backend::gemm)' \
  "$out/bench_gpu.txt" >>"$summary" 2>/dev/null || true
grep -E 'GEMM-heavy ops together' "$out/bench_gpu.txt" >>"$summary" 2>/dev/null || true
echo "=== summary (also in $summary)"
cat "$summary"
[ "$failures" -eq 0 ]
