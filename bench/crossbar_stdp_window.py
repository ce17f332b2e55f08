#!/usr/bin/python3
"""Plots the STDP learning window carried out as device pulses (snnwb-bench-stdp-window) against
the float rule's: docs/images/crossbar_stdp_window.png.

  bench/crossbar_stdp_window.py [--bench build/bench/snnwb-bench-stdp-window] [--out PNG]
"""
import argparse
import csv
import io
import os
import subprocess

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bench", default=os.path.join(ROOT, "build/bench/snnwb-bench-stdp-window"))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs/images/crossbar_stdp_window.png"))
    ap.add_argument("--seeds", type=int, default=200)
    args = ap.parse_args()
    text = subprocess.run([args.bench, "--seeds", str(args.seeds)], check=True,
                          capture_output=True, text=True).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    fig, ax = plt.subplots(figsize=(7, 4.2))
    devices = []
    for r in rows:
        if r["device"] not in devices:
            devices.append(r["device"])
    first = [r for r in rows if r["device"] == devices[0]]
    ax.plot([float(r["dt_ms"]) for r in first], [float(r["dw_float"]) for r in first], "k--",
            label="float rule (StdpRule)")
    for d in devices:
        sel = [r for r in rows if r["device"] == d]
        ax.plot([float(r["dt_ms"]) for r in sel], [float(r["dw_device"]) for r in sel], ".-",
                label=d)
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_xlabel("t_post - t_pre (ms)")
    ax.set_ylabel("weight change (w_max = 1, from w = 0.5)")
    ax.set_title("Pair STDP as SET/RESET pulses: the device bends the window")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)
    print(args.out)


if __name__ == "__main__":
    main()
