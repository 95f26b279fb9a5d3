#!/usr/bin/env bash
# Installs the Debian 12 packages EXL2 Studio needs to build, test and run. Idempotent: it asks apt only
# for what is missing. Needs root (or sudo). The CUDA toolkit is optional and never installed here.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev qt6-translations-l10n qt6-qpa-plugins
  libqcustomplot-dev libqcustomplot2.1-qt6 nlohmann-json3-dev
  libopenblas-dev liblapacke-dev libpcre2-dev libsnappy-dev libzstd-dev zlib1g-dev
  xvfb xauth imagemagick fonts-dejavu-core fonts-wqy-microhei appstream desktop-file-utils dpkg-dev file binutils
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} Debian packages already installed"
  exit 0
fi
echo "install-deps: installing ${#missing[@]} missing package(s): ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
