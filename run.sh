#!/usr/bin/env bash
# Installs what is missing, builds, and opens SNN Workbench on the default example network
# (resources/examples/first_network.snnwb.json), ready to run. Extra arguments go to the
# program, e.g. ./run.sh resources/examples/cuba.snnwb.json, or
# ./run.sh PROJECT --run-for 500 --screenshot shot.png (see ./run.sh --help).
set -euo pipefail
cd "$(dirname "$0")"
scripts/deps.sh
scripts/build.sh
build_dir=${SNNWB_BUILD_DIR:-build}
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run.sh: no display to open the window on. Use a desktop session, or try:" >&2
  echo "    xvfb-run -a ./run.sh --run-for 500 --screenshot shot.png" >&2
  exit 1
fi
exec "$build_dir/app/snnwb" "$@"
