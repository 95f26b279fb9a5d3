#!/bin/sh
# Photographs every page of the wizard, the home window, the inspector and the comparison into
# docs/screenshots/ (builds nothing: run it after building exl2-studio and exl2-convert). Each window is
# opened with exl2-studio ... --screenshot FILE under xvfb-run; the run page is taken mid-job with the
# scripted stand-in job (--scripted-job), the finish page after it. The inspector and comparison show two
# measurements of /work/shared/models/stories260k (or $EXL2_SHARED/models/stories260k) made here with
# exl2-convert -om and different calibration settings; they are skipped when that model is absent.
# Usage: scripts/screenshots.sh [build-dir]   (default: build)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
studio="$build/app/exl2-studio"
convert="$build/app/exl2-convert"
shared=${EXL2_SHARED:-$root/../shared}
shots="$root/docs/screenshots"
[ -x "$studio" ] || { echo "no $studio: build exl2-studio first" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "xvfb-run is not installed" >&2; exit 1; }
mkdir -p "$shots"

# A throwaway home so the shots do not depend on (or change) the user's saved settings.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
export XDG_RUNTIME_DIR="$scratch/runtime"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset QT_QPA_PLATFORM

shoot() {  # name page [extra args...]
  name=$1 page=$2
  shift 2
  out="$scratch/out-$name"
  rm -rf "$out"
  xvfb-run -a -s "-screen 0 1280x900x24" \
    "$studio" --demo --output "$out" --bits 4.0 --page "$page" --screenshot "$shots/$name.png" --theme light --lang en "$@"
}

shoot model model
shoot calibration calibration
shoot target target
shoot measurement measurement
shoot run run --scripted-job
shoot finish finish --rows 8 --length 256
shoot run-dark run --scripted-job --theme dark
shoot target-de target --lang de
shoot target-zh target --lang zh_CN

# Two stories260k measurements (built-in data 8x256 tokens, TinyStories text 16x128): the inspector on
# one, the comparison of both, then the home window listing them as recent files.
model="$shared/models/stories260k"
if [ -x "$convert" ] && [ -f "$model/config.json" ]; then
  m1="$scratch/built-in-r8-l256.json" m2="$scratch/tinystories-r16-l128.json"
  "$convert" -i "$model" -o "$scratch/job1" -om "$m1" -mr 8 -ml 256 --device cpu >/dev/null
  "$convert" -i "$model" -o "$scratch/job2" -om "$m2" -c "$shared/data/tinystories_val_sample.txt" -mr 16 -ml 128 \
    --device cpu >/dev/null
  xvfb-run -a -s "-screen 0 1280x900x24" "$studio" "$m2" --model "$model" --screenshot "$shots/inspector.png" \
    --theme light --lang en
  xvfb-run -a -s "-screen 0 1280x900x24" "$studio" --compare "$m1" "$m2" --screenshot "$shots/compare.png"
  # Opening them put both in the recent list that the home window shows.
  xvfb-run -a -s "-screen 0 1280x900x24" "$studio" --screenshot "$shots/main.png"
else
  echo "no $convert or no $model: inspector and compare screenshots skipped" >&2
  xvfb-run -a -s "-screen 0 1280x900x24" "$studio" --screenshot "$shots/main.png" --theme light --lang en
fi
echo "screenshots in $shots"
