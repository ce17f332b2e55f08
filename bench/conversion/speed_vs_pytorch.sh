#!/bin/sh
# The converted CNN on the 10 000 Fashion-MNIST test images at T = 64: snnwb-cli convert
# (2 threads) against the same IF network stepped in PyTorch (torch_if_cnn.py: batched,
# torch.set_num_threads(2), Debian's torch on OpenBLAS), alternating, REPEATS pairs. Both print
# sim_s, the evaluation alone (no calibration, no ANN pass). The machine is shared: compare
# medians. Usage: speed_vs_pytorch.sh SNNWB_CLI MODEL.onnx OUT.jsonl [REPEATS] [T]
set -eu
cli=$1 model=$2 out=$3 repeats=${4:-3} steps=${5:-64}
here=$(dirname "$0")
: >"$out"
i=0
while [ "$i" -lt "$repeats" ]; do
  "$cli" convert "$model" --timesteps "$steps" --dataset fashion-mnist --json --threads 2 \
    2>/dev/null | sed 's/^{/{"peer":"workbench",/' >>"$out"
  OMP_WAIT_POLICY=passive /usr/bin/python3 "$here/torch_if_cnn.py" "$model" --timesteps "$steps" \
    >>"$out"
  i=$((i + 1))
done
/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
wb = [r["sim_s"] for r in rows if r.get("peer") == "workbench"]
pt = [r["sim_s"] for r in rows if r.get("peer") == "pytorch"]
acc = {r.get("peer"): r["snn_test_acc"] for r in rows}
print(f"workbench sim_s {wb} median {statistics.median(wb):.1f} s, accuracy {acc['workbench']}")
print(f"pytorch   sim_s {pt} median {statistics.median(pt):.1f} s, accuracy {acc['pytorch']}")
print(f"ratio (pytorch / workbench) {statistics.median(pt) / statistics.median(wb):.2f}x")
PY
