#!/usr/bin/python3
"""Accuracy of a Fashion-MNIST surrogate network on crossbars against device and array
non-idealities, through `snnwb-cli evaluate --sweep crossbars.*.FIELD=...` (every crossbar of the
network at once): levels, device-to-device variation (write-verify and open-loop programming),
stuck-at faults and wire resistance. Writes docs/images/crossbar_accuracy_sweeps.png and the raw
JSON lines next to it.

The network: resources/examples/surrogate_fashion.snnwb.json (784-100-10 LIF) trained in software
with `snnwb-cli train` (or --trained PROJECT), both projections on crossbars of the ideal preset
(0-100 uS, linear) with 64 levels and write-verify unless a sweep changes it.

  bench/crossbar_accuracy_sweeps.py [--cli build/app/cli/snnwb-cli] [--trained P] [--epochs 5]
                                    [--test-limit 0] [--work /tmp/crossbar_sweeps]
"""
import argparse
import json
import os
import subprocess

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (panel, curve label, extra crossbar settings, swept field, values)
SWEEPS = [
    ("levels", "write-verify", [], "device.levels", [2, 4, 8, 16, 32, 64]),
    ("d2d", "write-verify", [], "device.range_d2d", [0, 0.05, 0.1, 0.15, 0.2]),
    ("d2d", "open loop", ["programming.mode=open_loop"], "device.range_d2d",
     [0, 0.05, 0.1, 0.15, 0.2]),
    ("stuck", "stuck off (G_min)", [], "faults.stuck_off_rate", [0, 0.01, 0.02, 0.05, 0.1]),
    ("stuck", "stuck on (G_max)", [], "faults.stuck_on_rate", [0, 0.01, 0.02, 0.05, 0.1]),
    ("wire", "r_source = r_sense = 0", [], "array.r_wire", [0, 0.25, 0.5, 1, 2, 5]),
]
TITLES = {"levels": ("conductance levels", "levels (log scale)"),
          "d2d": ("device-to-device variation of G_min, G_max", "relative std"),
          "stuck": ("stuck-at faults", "fraction of devices"),
          "wire": ("IR drop", "wire resistance per cell (Ohm)")}


def run(args, *cmd):
    return subprocess.run([args.cli, *cmd], check=True, capture_output=True, text=True).stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cli", default=os.path.join(ROOT, "build/app/cli/snnwb-cli"))
    ap.add_argument("--trained", default="")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--test-limit", type=int, default=0)
    ap.add_argument("--work", default="/tmp/crossbar_sweeps")
    ap.add_argument("--out", default=os.path.join(ROOT, "docs/images/crossbar_accuracy_sweeps.png"))
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    trained = args.trained
    if not trained:
        trained = os.path.join(args.work, "fashion_trained.snnwb.json")
        run(args, "train", os.path.join(ROOT, "resources/examples/surrogate_fashion.snnwb.json"),
            "--dataset", "fashion-mnist", "--epochs", str(args.epochs), "--out", trained)
    limit = ["--test-limit", str(args.test_limit)] if args.test_limit else []
    software = json.loads(run(args, "evaluate", trained, "--json", *limit))["test_acc"]
    print(f"software: {software:.4f}")
    results = []
    for panel, label, extra, field, values in SWEEPS:
        project = os.path.join(args.work, f"{panel}_{label.split()[0]}.snnwb.json")
        sets = ["--set", "device.levels=64"] + [a for e in extra for a in ("--set", e)]
        subprocess.run([os.path.join(ROOT, "bench/map_on_crossbars.py"), trained, project] + sets,
                       check=True)
        text = run(args, "evaluate", project, "--json", *limit, "--sweep",
                   "crossbars.*." + field + "=" + ",".join(str(v) for v in values))
        for line in text.splitlines():
            r = json.loads(line)
            r.update(panel=panel, curve=label)
            results.append(r)
            print(panel, label, r["value"], f"{r['test_acc']:.4f}", flush=True)
    with open(os.path.splitext(args.out)[0] + ".json", "w") as f:
        json.dump({"software_acc": software, "results": results}, f, indent=1)
    fig, axes = plt.subplots(2, 2, figsize=(9, 6.5))
    for ax, panel in zip(axes.flat, TITLES):
        for label in dict.fromkeys(r["curve"] for r in results if r["panel"] == panel):
            sel = [r for r in results if r["panel"] == panel and r["curve"] == label]
            ax.plot([r["value"] for r in sel], [100 * r["test_acc"] for r in sel], "o-",
                    label=label)
        ax.axhline(100 * software, color="k", ls="--", lw=0.8, label="software")
        ax.set_title(TITLES[panel][0], fontsize=10)
        ax.set_xlabel(TITLES[panel][1])
        ax.set_ylabel("test accuracy (%)")
        if panel == "levels":
            ax.set_xscale("log", base=2)
        ax.legend(fontsize=7)
    fig.suptitle("Fashion-MNIST 784-100-10 surrogate SNN on crossbars (snnwb-cli evaluate --sweep)",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)
    print(args.out)


if __name__ == "__main__":
    main()
