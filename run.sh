#!/usr/bin/env bash
# Installs what is missing, builds, and runs SNN Workbench on the default example.
# Extra arguments go to the program instead of the default example.
set -euo pipefail
cd "$(dirname "$0")"
scripts/deps.sh
scripts/build.sh
build_dir=${SNNWB_BUILD_DIR:-build}
if [ $# -eq 0 ]; then
  exec "$build_dir/app/cli/snnwb-cli" run resources/examples/cuba.snnwb.json --duration 1000
fi
exec "$build_dir/app/cli/snnwb-cli" "$@"
