#!/bin/sh
# Makes resources/examples/conversion_digits.snnwb.json, the trained ANN of the conversion lesson
# (resources/lessons/11-ann-conversion): ann_digits (a 64-64-10 ReLU MLP on the 8x8 digits)
# trained with its own settings (Adam, learning rate 0.003, batch 32, seed 1) for 20 epochs.
# Usage: scripts/make_conversion_example.sh BUILD_DIR   (the build holding snnwb-cli)
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
"$build/app/cli/snnwb-cli" train "$root/resources/examples/ann_digits.snnwb.json" \
  --method ann --epochs 20 --out "$root/resources/examples/conversion_digits.snnwb.json"
