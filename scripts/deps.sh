#!/usr/bin/env bash
# Installs the Debian 12 packages SNN Workbench needs to build, test and run, when they are missing.
# Idempotent: a machine that has them all is left untouched and nothing is downloaded.
set -euo pipefail

packages=(
  # build tools
  cmake ninja-build g++ pkg-config
  # core engine (Qt-free)
  libeigen3-dev nlohmann-json3-dev libcli11-dev zlib1g-dev
  # NIR files and HDF5 recordings
  libhdf5-dev
  # ONNX import (the ONNX protobuf definitions and protobuf itself)
  libonnx-dev libprotobuf-dev
  # GUI, Qt Test and plots; Qt SVG draws the icons and exports plots as SVG
  qt6-base-dev qt6-svg-dev libqcustomplot-dev libgl-dev
  # running the GUI headless (screenshots, GUI tests under a display)
  xvfb xauth
  # data
  dataset-fashion-mnist
)
# `scripts/deps.sh sanitizers`: also what scripts/sanitize.sh and scripts/fuzz.sh build with
# (Clang 14 for ThreadSanitizer and libFuzzer, its sanitizer runtimes, LLVM's OpenMP with the
# Archer tool that tells TSan about OpenMP's barriers).
if [ "${1:-}" = sanitizers ]; then
  packages+=(clang-14 libclang-rt-14-dev libomp-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps.sh: installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
elif command -v sudo >/dev/null 2>&1 && [ -t 0 ]; then
  as_root=(sudo)
else
  echo "deps.sh: these packages are missing and I can neither run as root nor use sudo:" >&2
  echo "    apt-get install ${missing[*]}" >&2
  echo "Run that as root, then try again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet; refresh once if the install cannot find a package.
if ! "${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
  "${as_root[@]}" apt-get update
  "${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi
