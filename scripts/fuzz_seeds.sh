#!/usr/bin/env bash
# Writes the IDX seed corpus of the idx fuzz harness (tests/fuzz/seeds/idx/): small well-formed
# image and label files, plain and gzipped, and the edge cases a reader must handle (an empty
# array, one dimension of zero). The project harness seeds from resources/examples and
# tests/fuzz/seeds/project/ (written by hand).
set -euo pipefail
cd "$(dirname "$0")/../tests/fuzz/seeds/idx"
be32() { printf "\\x$(printf %02x $(($1 >> 24 & 255)))\\x$(printf %02x $(($1 >> 16 & 255)))\\x$(printf %02x $(($1 >> 8 & 255)))\\x$(printf %02x $(($1 & 255)))"; }
idx() {  # idx FILE DATA_BYTES DIM...
  local file=$1 bytes=$2
  shift 2
  { printf '\x00\x00\x08'; printf "\\x$(printf %02x $#)"; for d in "$@"; do be32 "$d"; done
    head -c "$bytes" /dev/urandom; } > "$file"
}
idx images-3x2x3 18 3 2 3
idx labels-3 3 3
idx images-2x8x8 128 2 8 8
idx empty-0x28x28 0 0 28 28
idx tensor-2x2x2x2 16 2 2 2 2
for f in images-3x2x3 labels-3 images-2x8x8; do gzip -n -9 -c "$f" > "$f.gz"; done
ls -l
