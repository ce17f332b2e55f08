#!/usr/bin/env python3
"""Surrogate-gradient training, the workbench against PyTorch, back to back on this machine.

Trains resources/examples/surrogate_fashion_1000.snnwb.json (784-1000-10, T = 25, batch 128,
snnTorch's tutorial 5) for one Fashion-MNIST epoch with `snnwb-cli train`, and the same network
in PyTorch (bench/pytorch_surrogate_fashion.py) in each requested variant, alternating runs so
that both see the same machine load; once per seed (the accuracy after one epoch varies by
several points from seed to seed, for both), and prints every run, the medians and the ratios
of the PyTorch training time to the workbench's. The machine's load average is
recorded before each run: on a machine shared with other jobs, compare only runs made together.

  /usr/bin/python3 bench/surrogate_vs_pytorch.py [--seeds 1,2,3] [--threads 2]
      [--variants tutorial,hoisted] [--train-limit N] [--torch-train-limit N] [--blas-dir DIR]

Ratios compare training seconds per sample (both use batches of 128), so a slow PyTorch variant
may be timed on the first N samples only (--torch-train-limit) against a full workbench epoch;
its accuracy is then that of the shorter training and is not compared.

--blas-dir puts DIR first on LD_LIBRARY_PATH for the PyTorch runs only. Debian's python3-torch
calls whatever libblas.so.3 the system's alternatives select; on a machine with only the
reference BLAS (package libblas3) its matrix products run about 50 times slower than with
OpenBLAS. Give the folder of an optimised libblas.so.3 (for instance Debian's
libopenblas0-pthread, /usr/lib/x86_64-linux-gnu/openblas-pthread) to compare with a fast PyTorch.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--seeds", default="1,2,3")
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--variants", default="tutorial,hoisted")
parser.add_argument("--train-limit", type=int, default=0)
parser.add_argument("--test-limit", type=int, default=0)
parser.add_argument("--torch-train-limit", type=int, default=0)
parser.add_argument("--blas-dir", default="")
parser.add_argument("--cli", default=os.environ.get("SNNWB_CLI", os.path.join(root, "build/app/cli/snnwb-cli")))
parser.add_argument("--project", default=os.path.join(root, "resources/examples/surrogate_fashion_1000.snnwb.json"))
args = parser.parse_args()


def load():
    return os.getloadavg()[0]


def run(cmd, env=None):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


limits = []
if args.train_limit:
    limits += ["--train-limit", str(args.train_limit)]
if args.test_limit:
    limits += ["--test-limit", str(args.test_limit)]
torch_limits = list(limits)
if args.torch_train_limit:
    torch_limits = ["--train-limit", str(args.torch_train_limit)] + (["--test-limit", str(args.test_limit)] if args.test_limit else [])
torch_env = dict(os.environ)
if args.blas_dir:
    torch_env["LD_LIBRARY_PATH"] = args.blas_dir + (":" + torch_env["LD_LIBRARY_PATH"] if torch_env.get("LD_LIBRARY_PATH") else "")

results = {"workbench": []}
variants = [v for v in args.variants.split(",") if v]
for v in variants:
    results["pytorch-" + v] = []
for r in [int(x) for x in args.seeds.split(",")]:
    before = load()
    res = run([args.cli, "train", args.project, "--epochs", "1", "--json", "--threads", str(args.threads), "--seed", str(r)] + limits)
    res["load"] = before
    res["train_samples"] = args.train_limit or 60000
    results["workbench"].append(res)
    print(json.dumps({"seed": r, "who": "workbench", **res}), flush=True)
    for v in variants:
        before = load()
        res = run([sys.executable, os.path.join(root, "bench/pytorch_surrogate_fashion.py"), "--variant", v,
                   "--threads", str(args.threads), "--seed", str(r)] + torch_limits, env=torch_env)
        res["load"] = before
        results["pytorch-" + v].append(res)
        print(json.dumps({"seed": r, "who": "pytorch-" + v, **res}), flush=True)

print()
print(f"{args.threads} threads, BLAS for PyTorch: {args.blas_dir or 'system default'}, "
      f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', 'unset')}")
per_sample = {who: statistics.median(x["train_s"] / x["train_samples"] for x in runs) for who, runs in results.items()}
for who, runs in results.items():
    t = statistics.median(x["train_s"] for x in runs)
    acc = statistics.median(x["test_acc"] for x in runs)
    samples = runs[0]["train_samples"]
    ratio = "" if who == "workbench" else f"  ratio {per_sample[who] / per_sample['workbench']:.1f}x per sample"
    print(f"{who:18s} {samples:6d} samples in {t:8.2f} s (median of {len(runs)}), "
          f"{1e3 * per_sample[who] * 128:7.1f} ms per batch, test accuracy {100 * acc:.2f} %{ratio}")
