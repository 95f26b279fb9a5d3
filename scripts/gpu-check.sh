#!/usr/bin/env bash
# The one prepared script for the lent GPU machine: runs gpu_parity, pipeline_parity and bench_gpu from the
# bundle scripts/build-gpu.sh made, each under its own time limit so the whole fits in
# about 8 minutes on an H100, writes every output to $OUT (default build-gpu/gpu-results) and prints a summary.
# Usage: bash scripts/gpu-check.sh [BUNDLE]   BUNDLE: the archive build-gpu/carry/exl2-gpu-bundle.tar.xz
# (the default when present; unpacked under $TMPDIR) or an unpacked bundle folder such as build-gpu/device.
# Exit status: 0 when nothing failed or timed out (skips included), 1 otherwise.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
default=$root/build-gpu/carry/exl2-gpu-bundle.tar.xz
[ -f "$default" ] || default=$root/build-gpu/device
bundle=${1:-$default}
if [ -f "$bundle" ]; then
  dest=${TMPDIR:-/tmp}/exl2-gpu-bundle
  rm -rf "$dest" && mkdir -p "$dest"
  tar -C "$dest" -xJf "$bundle" 2>/dev/null ||
    python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$bundle" "$dest" ||
    { echo "gpu-check.sh: cannot unpack $bundle (neither tar -J nor python3 worked)" >&2; exit 1; }
  bundle=$dest/device
fi
[ -x "$bundle/gpu_parity" ] || { echo "gpu-check.sh: no bundle at $bundle: run scripts/build-gpu.sh first" >&2; exit 1; }
bundle=$(cd "$bundle" && pwd)
out=${OUT:-$root/build-gpu/gpu-results}
mkdir -p "$out"
export EXL2_PLUGIN_DIR=$bundle
export EXL2_FIXTURES_DIR=${EXL2_FIXTURES_DIR:-$bundle/fixtures}
export EXL2_SCRATCH_DIR=${EXL2_SCRATCH_DIR:-${TMPDIR:-/tmp}/exl2-gpu-check}
summary=$out/summary.txt
: >"$summary"

# The plugin needs CUDA 13's cudart, cuBLAS and cuSOLVER: when the loader does not find them, add the
# toolkit's folders and those of the Python CUDA wheels (PyTorch's) to LD_LIBRARY_PATH.
if ldd "$bundle/libexl2cuda.so" 2>/dev/null | grep -q 'not found'; then
  extra=
  for d in /usr/local/cuda/lib64 /usr/local/cuda/lib /usr/local/cuda/targets/x86_64-linux/lib; do
    [ -d "$d" ] && extra=$extra:$d
  done
  site=$(python3 -c 'import site; print(site.getsitepackages()[0])' 2>/dev/null)
  if [ -n "$site" ] && [ -d "$site/nvidia" ]; then
    for d in $(find "$site/nvidia" -name 'lib*.so*' -printf '%h\n' 2>/dev/null | sort -u); do extra=$extra:$d; done
  fi
  export LD_LIBRARY_PATH=${extra#:}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi
gpu_present=0
nvidia-smi -L >/dev/null 2>&1 && gpu_present=1
{ date -u; uname -srm; nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv 2>&1 || true
  echo "bundle: $bundle"; ls -l "$bundle"
  echo "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"; ldd "$bundle/libexl2cuda.so" 2>&1 | grep -E 'cuda|cublas|cusolver|not found'
} >"$out/device.txt" 2>&1
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
  # Where nvidia-smi sees a GPU, a program that skips (plugin not loadable, ...) is a failed check.
  if [ "$verdict" = SKIP ] && [ "$gpu_present" = 1 ]; then verdict=SKIP-ON-GPU; failures=$((failures + 1)); fi
  printf '%-16s %-14s %4ss  %s\n' "$name" "$verdict" "$(($(date +%s) - start))" "$last" >>"$summary"
}

step gpu_parity 90
step pipeline_parity 120
step bench_gpu 270
# The CUDA conversion's job log, for a pipeline_parity failure ($OUT takes 8 files at most: this is the 6th).
cp -f "$EXL2_SCRATCH_DIR/pipeline_parity-cuda/log-device.txt" "$out/pipeline_parity_cuda_job.txt" 2>/dev/null || true

# The benchmark's headline figures, when it ran.
if [ -f "$out/bench_gpu.txt" ]; then
  grep -E '^(device:|peak:|layer [0-9]+:|stopped after|Backend::gemm)' "$out/bench_gpu.txt"
  sed -n '/^per layer/,/^$/p' "$out/bench_gpu.txt"
  grep -E '^ (forward|measurement|quantization):$|GEMM-heavy ops together|^   (before the layers|after )' "$out/bench_gpu.txt"
fi >>"$summary"
echo "=== summary (also in $summary)"
cat "$summary"
[ "$failures" -eq 0 ]
