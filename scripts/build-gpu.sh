#!/usr/bin/env bash
# Builds, on this (GPU-less) machine, what the lent GPU machine runs: the CUDA plugin and the Qt-free GPU
# programs (gpu_parity, pipeline_parity, bench_gpu), with Debian libraries linked statically (that machine
# has no Qt, OpenBLAS or network), and copies the small fixtures pipeline_parity needs into
# build-gpu/device/fixtures (the shared folder does not travel), then packs that bundle into
# build-gpu/carry/exl2-gpu-bundle.tar.xz, the one path to carry. Prints the sizes.
# EXL2_JOBS (default 2) sets the build's parallelism; EXL2_SHARED_DIR where the shared fixtures are.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-gpu
shared=${EXL2_SHARED_DIR:-$root/../shared}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEXL2_WITH_QT=OFF -DEXL2_STATIC_DEPS=ON \
      -DEXL2_WITH_CUDA=ON >/dev/null
programs=(gpu_parity pipeline_parity bench_gpu)
nice -n 10 ninja -C "$build" -j "${EXL2_JOBS:-2}" exl2cuda "${programs[@]}"

# What the device runs, stripped of symbols so the carried build stays well under the 64 MiB limit.
mkdir -p "$build/device"
for p in "${programs[@]}"; do
  strip -o "$build/device/$p" "$build/tests/gpu/$p"
done
# Beside the programs: the backend registry also looks for the plugin in the executable's own folder.
strip -o "$build/device/libexl2cuda.so" "$build/lib/exl2-studio/libexl2cuda.so"

# Fixtures: the stories260k model with its tokenizer, and the calibration text (about 2 MB together).
fixtures=$build/device/fixtures
if [ -f "$shared/models/stories260k/config.json" ] && [ -f "$shared/data/tinystories_val_sample.txt" ]; then
  mkdir -p "$fixtures/models/stories260k" "$fixtures/data"
  for f in config.json generation_config.json model.safetensors special_tokens_map.json tokenizer.json \
           tokenizer.model tokenizer_config.json; do
    cp -f "$shared/models/stories260k/$f" "$fixtures/models/stories260k/"
  done
  cp -f "$shared/data/tinystories_val_sample.txt" "$fixtures/data/"
  chmod -R u+w "$fixtures"
else
  echo "build-gpu.sh: no shared fixtures at $shared: pipeline_parity will skip on the device" >&2
fi
# The static OpenBLAS makes each program about 25 MB: carried as they are the bundle would pass the 64 MiB
# limit, so it travels as one xz archive (a 64 MiB dictionary shares the programs' common code), which
# gpu-check.sh unpacks on the device. Rebuilt only when something in the bundle changed.
archive=$build/carry/exl2-gpu-bundle.tar.xz
mkdir -p "$build/carry"
if [ ! -f "$archive" ] || [ -n "$(find "$build/device" -newer "$archive" -print -quit)" ]; then
  tar -C "$build" -cf - device | xz -9 -T1 >"$archive.tmp"
  mv -f "$archive.tmp" "$archive"
fi
echo "bundle: build-gpu/device ($(du -sh "$build/device" | cut -f1)), archive to carry: build-gpu/carry ($(du -sh "$build/carry" | cut -f1))"
echo "on the device: bash scripts/gpu-check.sh build-gpu/carry/exl2-gpu-bundle.tar.xz"
