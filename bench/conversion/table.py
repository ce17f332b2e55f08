#!/usr/bin/python3
"""Markdown table of `snnwb-cli convert --json` lines: table.py TITLE FILE.jsonl"""
import json, sys

rows = [json.loads(l) for l in open(sys.argv[2]) if l.startswith("{")]
k = "K (steps per layer)" if rows and rows[0]["method"] == "fs" else "T"
print(f"{sys.argv[1]} (ANN {100 * rows[0]['ann_test_acc']:.2f} %):\n")
print(f"| {k} | SNN accuracy | SNN − ANN | spikes per neuron | evaluation time |")
print("|---|---|---|---|---|")
for r in rows:
    d = 100 * (r["snn_test_acc"] - r["ann_test_acc"])
    print(f"| {r['timesteps']} | {100 * r['snn_test_acc']:.2f} % | {d:+.2f} | "
          f"{r['spikes_per_neuron']:.2f} | {r['sim_s']:.1f} s |")
