#!/usr/bin/env python3
"""Does a project trained with `snnwb-cli train --method surrogate --out TRAINED` classify the
same way when the simulator runs it? For the first N test images, sets the input population's
`intensity` to the image, runs `snnwb-cli run TRAINED --spikes` for one presentation (the
trained project's duration, steps x dt) and takes the output neuron with the most spikes (the
lowest index on a tie). Independently, steps the discrete model the trainer uses (numpy, float32,
from the stored weights, see core/learning/SurrogateModel.h) and compares spike counts.

  /usr/bin/python3 bench/check_trained_in_simulator.py TRAINED.snnwb.json [--samples 20]
"""
import argparse
import csv
import gzip
import json
import math
import os
import subprocess
import tempfile

import numpy as np

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("project")
parser.add_argument("--samples", type=int, default=20)
parser.add_argument("--cli", default=os.environ.get("SNNWB_CLI", os.path.join(root, "build/app/cli/snnwb-cli")))
parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
args = parser.parse_args()


def read_idx(name):
    with gzip.open(os.path.join(args.data, name), "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


images = read_idx("t10k-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255.0
labels = read_idx("t10k-labels-idx1-ubyte.gz")
project = json.load(open(args.project))
net = project["network"]
pops = {p["id"]: p for p in net["populations"]}
train = project["training"]
dt = project["experiment"]["dt"]
steps = int(round(project["experiment"]["duration"] / dt))

# The chain input -> ... -> output and each layer's discrete model (SurrogateModel.h).
layers, current = [], train["input"]
gain = pops[current]["params"].get("gain", 1.0)
while current != train["output"]:
    proj = next(p for p in net["projections"] if p["pre"] == current)
    pop = pops[proj["post"]]
    q = pop["params"]
    theta = q["v_thresh"] - q["v_rest"]
    beta = math.exp(-dt / q["tau_m"])
    g = q["tau_m"] / q["cm"] * (1.0 - beta)
    n_pre = pops[current]["size"]
    w = np.array(proj["weight"], dtype=np.float64).reshape(n_pre, pop["size"]).T * (g / theta)
    if current == train["input"]:
        w = w * gain
    off = q.get("i_offset", 0.0)
    b = np.broadcast_to(np.array(off, dtype=np.float64) * (g / theta), (pop["size"],))
    layers.append(dict(w=w.astype(np.float32), b=b.astype(np.float32), beta=np.float32(beta),
                       subtract=q.get("reset", "value") == "subtract",
                       reset_value=np.float32((q["v_reset"] - q["v_rest"]) / theta),
                       amount=np.float32((q["v_thresh"] - q["v_reset"]) / theta)))
    current = proj["post"]


def discrete_counts(x):
    u = [np.zeros(l["w"].shape[0], np.float32) for l in layers]
    prev = [np.zeros(l["w"].shape[1], np.float32) for l in layers]  # spikes of the layer below, last step
    counts = np.zeros(layers[-1]["w"].shape[0], np.int64)
    for t in range(steps):
        inp = x
        new_prev = []
        for k, l in enumerate(layers):
            drive = l["w"] @ (inp if k == 0 else prev[k])
            m = l["beta"] * u[k] + drive + l["b"]
            s = (m > 1.0).astype(np.float32)
            u[k] = m - l["amount"] * s if l["subtract"] else np.where(s > 0, l["reset_value"], m)
            new_prev.append(s)
        for k in range(1, len(layers)):
            prev[k] = new_prev[k - 1]
        counts += new_prev[-1].astype(np.int64)
    return counts


agree_counts = agree_class = sim_correct = model_correct = 0
with tempfile.TemporaryDirectory() as tmp:
    for i in range(args.samples):
        p = json.loads(json.dumps(project))
        pin = next(q for q in p["network"]["populations"] if q["id"] == train["input"])
        pin["params"]["intensity"] = [float(v) for v in images[i]]
        path = os.path.join(tmp, "sample.snnwb.json")
        json.dump(p, open(path, "w"))
        spikes = os.path.join(tmp, "spikes.csv")
        subprocess.run([args.cli, "run", path, "--spikes", spikes, "--threads", "1"], check=True,
                       capture_output=True)
        sim = np.zeros(layers[-1]["w"].shape[0], np.int64)
        with open(spikes) as f:
            for row in csv.DictReader(f):
                if row["population"] == train["output"]:
                    sim[int(row["neuron"])] += 1
        model = discrete_counts(images[i])
        agree_counts += bool((sim == model).all())
        agree_class += int(sim.argmax() == model.argmax())
        sim_correct += int(sim.argmax() == labels[i])
        model_correct += int(model.argmax() == labels[i])
print(json.dumps({"samples": args.samples, "same_counts": agree_counts, "same_class": agree_class,
                  "simulator_correct": sim_correct, "discrete_model_correct": model_correct}))
