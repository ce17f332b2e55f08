#!/usr/bin/python3
"""ANN projects through the command line against PyTorch on Fashion-MNIST, same machine, same run.

  /usr/bin/python3 bench/ann_project_vs_pytorch.py [--epochs 1] [--seeds 1,2] [--threads 2]
      [--cli build/app/cli/snnwb-cli] [--out DIR]

1. Import accuracy: the MLP (784-256-128-10) and the CNN of bench/ann_fashion_pytorch.py are
   trained in PyTorch for --epochs, exported to ONNX, imported with `snnwb-cli import` into a
   project and evaluated with `snnwb-cli evaluate --dataset fashion-mnist` (10 000 test images);
   prints both test accuracies.
2. Training speed: resources/examples/ann_fashion_cnn.snnwb.json (the same CNN, untrained)
   trained with `snnwb-cli train --epochs 1 --threads T --json` against the same network in
   PyTorch (Adam lr 1e-3, batch 128, torch.set_num_threads(T), OMP_WAIT_POLICY=passive), the
   order alternating from seed to seed; prints every run and the medians of train_s.
The machine is shared: the load average is printed with every run.
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
parser.add_argument("--epochs", type=int, default=1)
parser.add_argument("--seeds", default="1,2")
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--cli", default=os.path.join(root, "build/app/cli/snnwb-cli"))
parser.add_argument("--out", default="")
parser.add_argument("--skip-import", action="store_true")
parser.add_argument("--skip-speed", action="store_true")
args = parser.parse_args()
torch_script = os.path.join(root, "bench/ann_fashion_pytorch.py")
out_dir = args.out or tempfile.mkdtemp(prefix="ann_project_vs_pytorch_")
env = dict(os.environ, OMP_WAIT_POLICY="passive")


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def show(**fields):
    print(json.dumps(fields), flush=True)


if not args.skip_import:
    for model in ["mlp", "cnn"]:
        torch_lines = run([sys.executable, torch_script, "--model", model, "--epochs", str(args.epochs),
                           "--threads", str(args.threads), "--export", out_dir])
        project = os.path.join(out_dir, model + ".snnwb.json")
        subprocess.run([args.cli, "import", torch_lines[-1]["onnx"], "--out", project], check=True,
                       capture_output=True)
        ours = run([args.cli, "evaluate", project, "--dataset", "fashion-mnist", "--threads",
                    str(args.threads), "--json"])[-1]
        show(part="import", model=model, load=os.getloadavg()[0], pytorch_test_acc=torch_lines[-1]["test_acc"],
             workbench_test_acc=ours["test_acc"], test_samples=ours["test_samples"])

if not args.skip_speed:
    example = os.path.join(root, "resources/examples/ann_fashion_cnn.snnwb.json")
    times = {"workbench": [], "pytorch": []}
    for k, seed in enumerate(int(s) for s in args.seeds.split(",") if s):
        for who in (["workbench", "pytorch"] if k % 2 == 0 else ["pytorch", "workbench"]):
            load = os.getloadavg()[0]
            if who == "workbench":
                line = run([args.cli, "train", example, "--method", "ann", "--dataset", "fashion-mnist",
                            "--epochs", "1", "--threads", str(args.threads), "--seed", str(seed), "--json"])[-1]
            else:
                line = run([sys.executable, torch_script, "--model", "cnn", "--epochs", "1", "--threads",
                            str(args.threads), "--batch-size", "128", "--seed", str(seed)])[-1]
            times[who].append(line["train_s"])
            show(part="speed", who=who, seed=seed, load=load, train_s=line["train_s"],
                 test_acc=line["test_acc"])
    med = {who: statistics.median(t) for who, t in times.items()}
    show(part="speed medians", workbench_train_s=med["workbench"], pytorch_train_s=med["pytorch"],
         ratio=med["pytorch"] / med["workbench"])
print("models and projects in", out_dir, file=sys.stderr)
