#!/usr/bin/python3
"""The PyTorch side of bench/ann_vs_pytorch.py: Fashion-MNIST networks trained in plain torch.

  /usr/bin/python3 bench/ann_fashion_pytorch.py --model mlp|cnn [--epochs N] [--batch-size 128]
      [--lr 1e-3] [--threads 2] [--seed 1] [--train-limit N] [--export DIR] [--save-init DIR]
      [--no-shuffle]

Networks (images as ToTensor gives them, pixel / 255, no normalisation):
  mlp  784-256-128-10: Flatten, Linear, ReLU, Linear, ReLU, Linear
  cnn  two stages of Conv2d 5x5 (padding 2) - ReLU - AvgPool2d 2, with 16 and 32 channels, then
       Flatten, Linear(1568, 128), ReLU, Linear(128, 10); the network of
       `snnwb-bench-ann train-cnn`
Training: cross-entropy, Adam (torch.optim defaults but lr), shuffled mini-batches (the last
one shorter), torch.set_num_threads(--threads). Prints one JSON line per epoch:
  {"epoch", "train_s", "train_cpu_s", "train_acc", "test_acc", "loss", "test_forward_s"}
train_s covers the training loop only (batch gathering, forward, loss, backward, step, the
batch's accuracy), as the workbench's train_s does; test_forward_s is the forward pass over the
10 000 test images in batches of 256 under torch.inference_mode(); train_cpu_s is the process's
CPU time over the training loop (all threads).

--save-init DIR writes the untrained model to DIR/MODEL_init.onnx first (for
`snnwb-bench-ann train-cnn --init`); --no-shuffle takes the training samples in order.
--export DIR writes, after training, DIR/MODEL.onnx (torch.onnx.export, dynamic batch) and
DIR/MODEL_predictions.bin (the predicted class of each test image, one byte each), and prints
{"onnx", "test_acc"} as a last line.
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

parser = argparse.ArgumentParser()
parser.add_argument("--model", choices=["mlp", "cnn"], required=True)
parser.add_argument("--epochs", type=int, default=1)
parser.add_argument("--batch-size", type=int, default=128)
parser.add_argument("--lr", type=float, default=1e-3)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--train-limit", type=int, default=0)
parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
parser.add_argument("--export", default="")
parser.add_argument("--save-init", default="")
parser.add_argument("--no-shuffle", action="store_true")
args = parser.parse_args()

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)


def read_idx(name):
    with gzip.open(os.path.join(args.data, name), "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(prefix, limit=0):
    x = read_idx(prefix + "-images-idx3-ubyte.gz").reshape(-1, 1, 28, 28).astype(np.float32) / 255.0
    y = read_idx(prefix + "-labels-idx1-ubyte.gz").astype(np.int64)
    if limit:
        x, y = x[:limit], y[:limit]
    return torch.from_numpy(x), torch.from_numpy(y)


def make_model(kind):
    if kind == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                             nn.Linear(128, 10))
    return nn.Sequential(nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.AvgPool2d(2),
                         nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(), nn.AvgPool2d(2),
                         nn.Flatten(), nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))


def export(model, path):
    model.eval()
    torch.onnx.export(model, torch.zeros(1, 1, 28, 28), path, input_names=["image"], output_names=["logits"],
                      dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}})
    model.train()


def predict(model, x):
    model.eval()
    out = []
    start = time.perf_counter()
    with torch.inference_mode():
        for i in range(0, len(x), 256):
            out.append(model(x[i:i + 256]).argmax(1))
    seconds = time.perf_counter() - start
    model.train()
    return torch.cat(out), seconds


train_x, train_y = load("train", args.train_limit)
test_x, test_y = load("t10k")
model = make_model(args.model)
optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
if args.save_init:
    os.makedirs(args.save_init, exist_ok=True)
    export(model, os.path.join(args.save_init, args.model + "_init.onnx"))
for epoch in range(1, args.epochs + 1):
    order = torch.arange(len(train_x)) if args.no_shuffle else torch.randperm(len(train_x))
    start = time.perf_counter()
    cpu = time.process_time()
    loss_sum, correct = 0.0, 0
    for first in range(0, len(order), args.batch_size):
        index = order[first:first + args.batch_size]
        x, y = train_x[index], train_y[index]
        optimizer.zero_grad()
        logits = model(x)
        loss = F.cross_entropy(logits, y)
        loss.backward()
        optimizer.step()
        loss_sum += loss.item() * len(index)
        correct += (logits.argmax(1) == y).sum().item()
    train_s = time.perf_counter() - start
    train_cpu_s = time.process_time() - cpu
    predicted, forward_s = predict(model, test_x)
    print(json.dumps({"epoch": epoch, "train_s": train_s, "train_cpu_s": train_cpu_s, "train_acc": correct / len(order),
                      "test_acc": (predicted == test_y).float().mean().item(), "loss": loss_sum / len(order),
                      "test_forward_s": forward_s}), flush=True)

if args.export:
    os.makedirs(args.export, exist_ok=True)
    path = os.path.join(args.export, args.model + ".onnx")
    export(model, path)
    predicted, _ = predict(model, test_x)
    predicted.to(torch.uint8).numpy().tofile(os.path.join(args.export, args.model + "_predictions.bin"))
    print(json.dumps({"onnx": path, "test_acc": (predicted == test_y).float().mean().item()}), flush=True)
