#!/usr/bin/env bash
# Configures (once) and builds the Release tree in build/. Shared by run.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${SNNWB_BUILD_DIR:-build}
if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build_dir" --parallel "$(nproc)"
