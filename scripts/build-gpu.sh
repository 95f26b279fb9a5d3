#!/usr/bin/env bash
# Builds, on this (GPU-less) machine, what the lent GPU machine runs: the CUDA plugin and the Qt-free GPU
# programs, with Debian libraries linked statically (that machine has no Qt, OpenBLAS or network).
# Output: ./build-gpu, to be carried to the device together with the working tree.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cmake -S "$root" -B "$root/build-gpu" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEXL2_WITH_QT=OFF -DEXL2_STATIC_DEPS=ON \
      -DEXL2_WITH_CUDA=ON >/dev/null
targets=(exl2cuda gpu_parity)
for t in bench_gpu; do
  ninja -C "$root/build-gpu" -t targets all | grep -q "^$t:" && targets+=("$t")
done
ninja -C "$root/build-gpu" "${targets[@]}"
