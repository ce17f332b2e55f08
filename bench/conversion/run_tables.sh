#!/bin/sh
# The conversion tables of the README: snnwb-cli convert on the Fashion-MNIST models that
# make_models.py writes (and qcfs_project.py for the QCFS CNN), all 10 000 test images,
# calibration on the first 1000 training images, 99.9th percentile, direct-current input,
# membrane readout, synchronous schedule, 2 threads. One JSON line per T in OUT/*.jsonl, the
# per-layer log on stderr in OUT/*.err; table.py makes the markdown.
# Usage: run_tables.sh SNNWB_CLI MODELDIR OUTDIR
set -eu
cli=$1 models=$2 out=$3
mkdir -p "$out"
conv() {  # name, then convert's arguments
  name=$1; shift
  "$cli" convert "$@" --dataset fashion-mnist --json --threads 2 >"$out/$name.jsonl" 2>"$out/$name.err"
}
conv mlp_rate "$models/mlp.onnx" --timesteps 8,16,32,64,128,256
conv cnn_rate "$models/cnn.onnx" --timesteps 8,16,32,64,128,256 --layer-errors 200
conv cnn_rate_pool_neurons "$models/cnn.onnx" --timesteps 8,16,32,64 --pooling neurons --layer-errors 200
conv cnn_qcfs_rate "$models/cnn_qcfs.snnwb.json" --timesteps 1,2,4,8,16,32,64,128,256
conv mlp_fs "$models/mlp.onnx" --method fs --timesteps 4,5,6,8
conv cnn_fs "$models/cnn.onnx" --method fs --timesteps 4,5,6,8
conv mlp_silu_fs "$models/mlp_silu.onnx" --method fs --timesteps 4,6,8
