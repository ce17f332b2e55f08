#!/usr/bin/env python3
"""The PyTorch peer of `snnwb-cli train resources/examples/surrogate_fashion_1000.snnwb.json`:
snnTorch's tutorial 5 network and training loop (Eshraghian et al., "Training spiking neural
networks using lessons from deep learning", Proc. IEEE 2023) written in plain torch, because
snnTorch itself is not packaged for Debian. 784-1000-10 fully connected, snn.Leaky neurons
(beta 0.95, threshold 1, reset by subtraction, reset detached from the graph), 25 steps with the
image fed as a constant current, cross-entropy of the output membrane summed over the steps,
Adam lr 5e-4 betas (0.9, 0.999), batch 128 shuffled with drop_last, accuracy by spike count.
The surrogate is snnTorch's fast sigmoid, slope 25 (the workbench example uses the same).

Variants (--variant):
  tutorial  the tutorial's loop: fc1(x) is computed at every one of the 25 steps.
  hoisted   fc1(x) computed once per batch before the loop. The input is the same at every
            step, so the numbers are the same; this is the shortcut the workbench takes.
Dynamics (--dynamics):
  snntorch  snn.Leaky as in the tutorial: the reset is subtracted at the next step, undecayed,
            and spikes reach the next layer within the same step.
  engine    the workbench's discrete model (see core/learning/SurrogateModel.h): the reset is
            subtracted at the spike and decays with the membrane, and spikes reach the next
            layer one step later, as in the simulator.

The tutorial also evaluates one test batch after every update; that is monitoring, not training,
and is left out here (it would make PyTorch slower). Timing covers the training loop only, as
`snnwb-cli train` reports train_s. Prints one JSON line per epoch like `snnwb-cli train --json`.

Run with Debian's python3-torch:
  /usr/bin/python3 bench/pytorch_surrogate_fashion.py --threads 2 [--variant hoisted]
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn

parser = argparse.ArgumentParser()
parser.add_argument("--variant", choices=["tutorial", "hoisted"], default="tutorial")
parser.add_argument("--dynamics", choices=["snntorch", "engine"], default="snntorch")
parser.add_argument("--epochs", type=int, default=1)
parser.add_argument("--hidden", type=int, default=1000)
parser.add_argument("--steps", type=int, default=25)
parser.add_argument("--batch-size", type=int, default=128)
parser.add_argument("--lr", type=float, default=5e-4)
parser.add_argument("--slope", type=float, default=25.0)
parser.add_argument("--beta", type=float, default=0.95)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--train-limit", type=int, default=0)
parser.add_argument("--test-limit", type=int, default=0)
parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
parser.add_argument("--init-from", default="",
                    help="start from the weights (per-synapse arrays) and biases (i_offset arrays) "
                         "of a workbench project in discrete units, e.g. to compare one update "
                         "with snnwb-cli train on the same weights and samples")
parser.add_argument("--no-shuffle", action="store_true")
parser.add_argument("--save-weights", default="", help="write the trained weights to this .npz")
args = parser.parse_args()

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)


def read_idx(name):
    with gzip.open(os.path.join(args.data, name), "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(prefix, limit):
    x = read_idx(prefix + "-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255.0
    y = read_idx(prefix + "-labels-idx1-ubyte.gz").astype(np.int64)
    if limit:
        x, y = x[:limit], y[:limit]
    return torch.from_numpy(x), torch.from_numpy(y)


train_x, train_y = load("train", args.train_limit)
test_x, test_y = load("t10k", args.test_limit)


class FastSigmoid(torch.autograd.Function):
    """Heaviside forward; snnTorch's fast sigmoid 1 / (slope |x| + 1)^2 backward."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return (x > 0).float()

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad / (args.slope * x.abs() + 1.0) ** 2


spike = FastSigmoid.apply


class Leaky(nn.Module):
    """snn.Leaky(beta, threshold=1, reset_mechanism='subtract'), reset detached."""

    def __init__(self, beta):
        super().__init__()
        self.beta = beta

    def forward(self, cur, mem):
        if args.dynamics == "snntorch":
            reset = (mem > 1.0).float().detach()       # spiked at the previous step
            mem = self.beta * mem + cur - reset        # subtracted now, undecayed
            return spike(mem - 1.0), mem
        mem = self.beta * mem + cur                    # mem: after last step's reset
        spk = spike(mem - 1.0)
        return spk, mem                                # caller subtracts the reset


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, args.hidden)
        self.lif1 = Leaky(args.beta)
        self.fc2 = nn.Linear(args.hidden, 10)
        self.lif2 = Leaky(args.beta)

    def forward(self, x):
        mem1 = torch.zeros(x.shape[0], args.hidden)
        mem2 = torch.zeros(x.shape[0], 10)
        spk1_prev = torch.zeros(x.shape[0], args.hidden)
        spk2_rec, mem2_rec = [], []
        cur1_once = self.fc1(x) if args.variant == "hoisted" else None
        for _ in range(args.steps):
            cur1 = cur1_once if cur1_once is not None else self.fc1(x)
            if args.dynamics == "snntorch":
                spk1, mem1 = self.lif1(cur1, mem1)
                spk2, mem2 = self.lif2(self.fc2(spk1), mem2)
                spk2_rec.append(spk2)
                mem2_rec.append(mem2)
            else:
                spk1, u1 = self.lif1(cur1, mem1)
                spk2, u2 = self.lif2(self.fc2(spk1_prev), mem2)
                mem1 = u1 - spk1.detach()
                mem2 = u2 - spk2.detach()
                spk1_prev = spk1
                spk2_rec.append(spk2)
                mem2_rec.append(u2)
        return torch.stack(spk2_rec), torch.stack(mem2_rec)


net = Net()
if args.init_from:
    import math
    project = json.load(open(args.init_from))
    pops = {p["id"]: p for p in project["network"]["populations"]}
    dt = project["experiment"]["dt"]
    with torch.no_grad():
        for fc, proj in zip([net.fc1, net.fc2], project["network"]["projections"]):
            q = pops[proj["post"]]["params"]
            g = q["tau_m"] / q["cm"] * (1 - math.exp(-dt / q["tau_m"])) / (q["v_thresh"] - q["v_rest"])
            w = torch.tensor(proj["weight"], dtype=torch.float64).reshape(fc.in_features, fc.out_features)
            fc.weight.copy_((w.t() * g).float())
            fc.bias.copy_((torch.tensor(q["i_offset"], dtype=torch.float64) * g).float())
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(net.parameters(), lr=args.lr, betas=(0.9, 0.999))

for epoch in range(1, args.epochs + 1):
    order = torch.arange(train_x.shape[0]) if args.no_shuffle else torch.randperm(train_x.shape[0])
    batches = train_x.shape[0] // args.batch_size  # drop_last=True, as the tutorial
    correct = seen = 0
    loss_sum = 0.0
    net.train()
    start = time.perf_counter()
    for k in range(batches):
        idx = order[k * args.batch_size:(k + 1) * args.batch_size]
        data, targets = train_x[idx], train_y[idx]
        spk_rec, mem_rec = net(data)
        loss_val = torch.zeros(1)
        for step in range(args.steps):
            loss_val += loss_fn(mem_rec[step], targets)
        optimizer.zero_grad()
        loss_val.backward()
        optimizer.step()
        loss_sum += loss_val.item() * len(idx)
        correct += (spk_rec.sum(dim=0).argmax(1) == targets).sum().item()
        seen += len(idx)
    train_s = time.perf_counter() - start

    net.eval()
    test_correct = 0
    with torch.no_grad():
        for k in range(0, test_x.shape[0], args.batch_size):
            spk, _ = net(test_x[k:k + args.batch_size])
            test_correct += (spk.sum(dim=0).argmax(1) == test_y[k:k + args.batch_size]).sum().item()
    print(json.dumps({"epoch": epoch, "train_s": train_s, "train_acc": correct / seen,
                      "test_acc": test_correct / test_x.shape[0], "loss": loss_sum / seen,
                      "variant": args.variant, "dynamics": args.dynamics,
                      "threads": torch.get_num_threads(), "train_samples": seen,
                      "test_samples": int(test_x.shape[0])}), flush=True)
if args.save_weights:
    np.savez(args.save_weights, w1=net.fc1.weight.detach().numpy(), b1=net.fc1.bias.detach().numpy(),
             w2=net.fc2.weight.detach().numpy(), b2=net.fc2.bias.detach().numpy())
