#!/usr/bin/python3
"""The issue-11 training targets, measured with `snnwb-cli train`:

  hybrid:      16 levels, 5 % device-to-device variation (range and pulse step), 1 % stuck
               devices (half on, half off), write-verify; off-chip training, transfer, then the
               last layer fine-tuned in situ as pulses. Target: within 1 % of software.
  in-the-loop: RRAM HfOx (Woo et al. via NeuroSim), 10 % mismatch of the column sense gains
               (array.gain_mismatch), write-verify; chip in the loop against the open-loop
               transfer of a software twin trained for as many epochs.

Both projections of resources/examples/surrogate_<dataset>.snnwb.json on crossbars. Prints one
markdown table row per epoch.

  bench/crossbar_training.py [--dataset fashion-mnist|digits] [--epochs 2] [--offchip 5]
"""
import argparse
import json
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONFIGS = {
    "hybrid": ["--set", "device.levels=16", "--set", "device.range_d2d=0.05", "--set",
               "device.step_d2d=0.05", "--set", "faults.stuck_on_rate=0.005", "--set",
               "faults.stuck_off_rate=0.005"],
    "in-the-loop": ["--preset", "rram_hfox", "--set", "array.gain_mismatch=0.1"],
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cli", default=os.path.join(ROOT, "build/app/cli/snnwb-cli"))
    ap.add_argument("--dataset", default="fashion-mnist")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--offchip", type=int, default=5)
    ap.add_argument("--work", default="/tmp/crossbar_training")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    name = "fashion" if args.dataset == "fashion-mnist" else args.dataset
    source = os.path.join(ROOT, f"resources/examples/surrogate_{name}.snnwb.json")
    print("| method | epoch | software | after transfer | on chip after training | open-loop twin "
          "| per layer: alone on chip after transfer | s |")
    print("|---|---|---|---|---|---|---|---|")
    for method, sets in CONFIGS.items():
        project = os.path.join(args.work, f"{method}.snnwb.json")
        subprocess.run([os.path.join(ROOT, "bench/map_on_crossbars.py"), source, project] + sets,
                       check=True)
        with open(project) as f:
            p = json.load(f)
        p["training"]["method"] = method
        p["training"]["params"]["offchip_epochs"] = args.offchip
        with open(project, "w") as f:
            json.dump(p, f)
        out = subprocess.run([args.cli, "train", project, "--dataset", args.dataset, "--epochs",
                              str(args.epochs), "--json"], check=True, capture_output=True,
                             text=True).stdout
        for line in out.splitlines():
            d = json.loads(line)
            twin = f"{100 * d['open_loop_acc']:.2f}" if "open_loop_acc" in d else "-"
            layers = ", ".join(f"{x['projection']}{'*' if x['trained'] else ''} "
                               f"{100 * x['transfer_acc']:.2f}" for x in d["layers"])
            print(f"| {method} | {d['epoch']} | {100 * d['software_acc']:.2f} | "
                  f"{100 * d['transfer_acc']:.2f} | {100 * d['test_acc']:.2f} | {twin} | {layers} "
                  f"| {d['epoch_s']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
