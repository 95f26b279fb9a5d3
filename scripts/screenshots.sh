#!/bin/sh
# Photographs every page of the wizard into docs/screenshots/ (builds nothing: run it after a build).
# Each page is opened with exl2-studio --page NAME --screenshot FILE under xvfb-run; the run page is
# taken mid-job with the scripted stand-in job (--scripted-job), the finish page after it.
# Usage: scripts/screenshots.sh [build-dir]   (default: build)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
studio="$build/app/exl2-studio"
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
echo "screenshots in $shots"
