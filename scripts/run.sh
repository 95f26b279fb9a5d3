#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, then
#  - with a display: launches exl2-studio with the built-in demo model preselected;
#  - without one: says so and converts the demo model headless with exl2-convert, printing where the
#    EXL2 output went and its calibration perplexity.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh"
build=${EXL2_BUILD_DIR:-$root/build}

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${EXL2_HEADLESS:-0}" != "1" ]; then
  exec "$build/app/exl2-studio" --demo "$@"
fi

echo "No display available (DISPLAY/WAYLAND_DISPLAY unset): running a headless conversion of the demo model instead."
work=${EXL2_DEMO_DIR:-$HOME/.cache/exl2-studio/demo}
mkdir -p "$work"
"$build/app/exl2-tool" make-demo-model "$work/model"
"$build/app/exl2-convert" -i "$work/model" -o "$work/job" -cf "$work/exl2" -b 4.0 -nr "$@"
echo
echo "EXL2 output: $work/exl2"
