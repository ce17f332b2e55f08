#!/usr/bin/env bash
# Configures (once) and builds the Release tree in build/. Shared by run.sh and test.sh.
# A unity build (eight sources per compiler run) halves a first build on 2 cores; set
# SNNWB_UNITY=0 before the first configure for one compiler run per source (quicker rebuilds
# after editing a single file).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${SNNWB_BUILD_DIR:-build}
if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_UNITY_BUILD="$([ "${SNNWB_UNITY:-1}" = 0 ] && echo OFF || echo ON)" \
    -DCMAKE_UNITY_BUILD_BATCH_SIZE=8
fi
cmake --build "$build_dir" --parallel "$(nproc)"
