#!/usr/bin/python3
"""The workbench's ANN engine against PyTorch on Fashion-MNIST, back to back on this machine.

  /usr/bin/python3 bench/ann_vs_pytorch.py [--import-epochs 2] [--seeds 1,2,3]
      [--speed-epochs 2] [--threads 2] [--out DIR] [--skip-import] [--skip-speed]

1. Import accuracy. For the MLP (784-256-128-10) and the CNN (two conv 5x5 - ReLU - avg pool
   stages, two dense layers) of bench/ann_fashion_pytorch.py: train in PyTorch, export to ONNX,
   import with `snnwb-bench-ann evaluate`, classify the 10 000 test images; prints both test
   accuracies and how many images the two classify differently.
2. Training speed. The same CNN trained for --speed-epochs epochs by `snnwb-bench-ann
   train-cnn` and by PyTorch (same batch size 128, Adam lr 1e-3, --threads threads each), one
   pair of runs per seed, the order alternating from seed to seed so both see the same load.
   Prints every run, then the medians of the first epoch's training time, of the test accuracy
   after the last epoch and of the forward pass over the test images, and the ratios of
   PyTorch's times to the workbench's (> 1: the workbench is faster).
3. Forward throughput of the imported CNN (batch 256) against PyTorch's on the same network.
4. With --same-start: the CNN trained for --speed-epochs epochs from the same initial weights
   (PyTorch's, through ONNX) and in the same sample order (no shuffling) by both: their losses
   and accuracies then differ only by floating-point rounding.

The load average is recorded before each run: the machine is shared; compare runs made together.
PyTorch runs with OMP_WAIT_POLICY=passive unless --spinning-openmp is given: on a shared machine
OpenMP threads that spin while they wait made it about twice as slow (see the README's
surrogate-gradient section).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--import-epochs", type=int, default=2)
parser.add_argument("--speed-epochs", type=int, default=2)
parser.add_argument("--seeds", default="1,2,3")
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--out", default="")
parser.add_argument("--skip-import", action="store_true")
parser.add_argument("--skip-speed", action="store_true")
parser.add_argument("--same-start", action="store_true")
parser.add_argument("--spinning-openmp", action="store_true", help="leave PyTorch's OMP_WAIT_POLICY alone")
parser.add_argument("--bench", default=os.environ.get("SNNWB_BENCH_ANN", os.path.join(root, "build/bench/snnwb-bench-ann")))
args = parser.parse_args()
torch_script = os.path.join(root, "bench/ann_fashion_pytorch.py")
out_dir = args.out or tempfile.mkdtemp(prefix="ann_vs_pytorch_")


torch_env = dict(os.environ)
if not args.spinning_openmp:
    torch_env["OMP_WAIT_POLICY"] = "passive"


def run(cmd):
    env = torch_env if cmd[0] == sys.executable else None
    lines = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout.strip().splitlines()
    return [json.loads(line) for line in lines if line.startswith("{")]


def show(**fields):
    print(json.dumps(fields), flush=True)


results = {"import": {}, "speed": {"workbench": [], "pytorch": []}}
if not args.skip_import:
    for model in ["mlp", "cnn"]:
        load = os.getloadavg()[0]
        torch_lines = run([sys.executable, torch_script, "--model", model, "--epochs", str(args.import_epochs),
                           "--threads", str(args.threads), "--export", out_dir])
        onnx_path = torch_lines[-1]["onnx"]
        ours = run([args.bench, "evaluate", onnx_path, "--threads", str(args.threads), "--batch", "256",
                    "--predictions", os.path.join(out_dir, model + "_predictions.bin")])[-1]
        entry = {"model": model, "load": load, "pytorch_test_acc": torch_lines[-1]["test_acc"],
                 "workbench_test_acc": ours["test_acc"], "disagreements": ours["disagreements"],
                 "pytorch_forward_s": torch_lines[-2]["test_forward_s"], "workbench_forward_s": ours["forward_s"]}
        entry["difference"] = entry["workbench_test_acc"] - entry["pytorch_test_acc"]
        results["import"][model] = entry
        show(part="import", **entry)

if not args.skip_speed:
    seeds = [int(s) for s in args.seeds.split(",") if s]
    for k, seed in enumerate(seeds):
        order = ["workbench", "pytorch"] if k % 2 == 0 else ["pytorch", "workbench"]
        for who in order:
            load = os.getloadavg()[0]
            if who == "workbench":
                lines = run([args.bench, "train-cnn", "--epochs", str(args.speed_epochs), "--threads", str(args.threads),
                             "--batch", "128", "--seed", str(seed)])
            else:
                lines = run([sys.executable, torch_script, "--model", "cnn", "--epochs", str(args.speed_epochs),
                             "--threads", str(args.threads), "--batch-size", "128", "--seed", str(seed)])
            entry = {"seed": seed, "load": load, "epoch_s": [l["train_s"] for l in lines],
                     "test_acc": lines[-1]["test_acc"], "test_forward_s": lines[-1]["test_forward_s"]}
            results["speed"][who].append(entry)
            show(part="speed", who=who, **entry)
    med = {}
    for who, runs in results["speed"].items():
        med[who] = {"first_epoch_s": statistics.median(r["epoch_s"][0] for r in runs),
                    "all_epochs_s": statistics.median(sum(r["epoch_s"]) for r in runs),
                    "test_acc": statistics.median(r["test_acc"] for r in runs),
                    "test_forward_s": statistics.median(r["test_forward_s"] for r in runs)}
    show(part="speed medians", epochs=args.speed_epochs, threads=args.threads, **med,
         epoch_ratio=med["pytorch"]["first_epoch_s"] / med["workbench"]["first_epoch_s"],
         training_ratio=med["pytorch"]["all_epochs_s"] / med["workbench"]["all_epochs_s"],
         forward_ratio=med["pytorch"]["test_forward_s"] / med["workbench"]["test_forward_s"])

if args.same_start:
    lines = run([sys.executable, torch_script, "--model", "cnn", "--epochs", str(args.speed_epochs), "--threads",
                 str(args.threads), "--no-shuffle", "--save-init", out_dir])
    ours = run([args.bench, "train-cnn", "--epochs", str(args.speed_epochs), "--threads", str(args.threads),
                "--no-shuffle", "--init", os.path.join(out_dir, "cnn_init.onnx")])
    results["same_start"] = {"pytorch": lines, "workbench": ours}
    for epoch, (t, w) in enumerate(zip(lines, ours), 1):
        show(part="same start", epoch=epoch, pytorch_loss=t["loss"], workbench_loss=w["loss"],
             pytorch_test_acc=t["test_acc"], workbench_test_acc=w["test_acc"])

with open(os.path.join(out_dir, "results.json"), "w") as f:
    json.dump(results, f, indent=1)
print("results and models in", out_dir, file=sys.stderr)
