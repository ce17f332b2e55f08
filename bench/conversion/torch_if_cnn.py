#!/usr/bin/python3
"""The peer of `snnwb-cli convert MODEL.onnx --timesteps T`: the same rate-converted IF network
stepped in PyTorch, batched, torch.set_num_threads(2) (Debian's torch on OpenBLAS).

Same conversion as core/conversion/RateConverter (average pooling folded into the next layer:
the pooled spikes drive it, no IF neurons between): lambda per weighted layer = 99.9th percentile
(nearest rank) of the positive activations on the first 1000 training images; weights scaled
by lambda_prev / lambda, biases by 1 / lambda; IF neurons, threshold 1, reset by subtraction,
synchronous schedule (a spike crosses every layer within the step); the first layer's current
(constant under direct-current input) computed once per batch; the output layer integrates and
its membrane gives the class. Prints one JSON line per T.

Usage: torch_if_cnn.py MODEL.onnx [--timesteps 64] [--test-limit N] [--batch 500]
"""
import json, sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, __import__("os").path.dirname(__file__))
from make_models import cnn, mlp, load, load_onnx_weights  # noqa: E402


def arg(name, default):
    return type(default)(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def percentile(x, q=99.9):
    x = x.flatten()
    x = x[x > 0]
    if x.numel() == 0:
        return 1.0
    k = max(0, min(x.numel() - 1, int(-(-q / 100 * x.numel() // 1)) - 1))
    return float(torch.kthvalue(x, k + 1).values)


def main():
    path = sys.argv[1]
    T_list = [int(t) for t in str(arg("--timesteps", "64")).split(",")]
    limit = arg("--test-limit", 10000)
    batch = arg("--batch", 500)
    torch.set_num_threads(2)
    xtr, _, xte, yte = load()
    xte, yte = xte[:limit], yte[:limit]
    model = cnn() if "cnn" in path else mlp()
    load_onnx_weights(model, path)
    model.eval()
    # Stages as the converter makes them: (average pooling folded in or None, flatten before
    # the op, the op with normalised weights). Pooling is linear: the pooled spikes drive the
    # next layer, no IF neurons between (core/conversion/PoolFolding).
    stages, lam_prev, x, pool, flat = [], 1.0, xtr[:1000], None, False
    layers = list(model)
    with torch.no_grad():
        i = 0
        while i < len(layers):
            m = layers[i]
            if isinstance(m, (nn.Flatten, nn.AvgPool2d)):
                if isinstance(m, nn.Flatten):
                    flat = True
                else:
                    pool = m
                x = m(x)
                i += 1
                continue
            y = m(x)
            relu = i + 1 < len(layers) and isinstance(layers[i + 1], nn.ReLU)
            if relu:
                y = F.relu(y)
            lam = percentile(y)
            m.weight.mul_(lam_prev / lam)
            m.bias.div_(lam)
            stages.append((pool, flat, m))
            print(f"lambda {len(stages)}: {lam:.6g}", file=sys.stderr)
            pool, flat = None, False
            lam_prev, x = lam, y
            i += 2 if relu else 1

    def drive(stage, s):
        pool, flat, op = stage
        if pool is not None:
            s = pool(s)
        return op(s.flatten(1) if flat else s)

    for T in T_list:
        right, t0 = 0, time.perf_counter()
        with torch.no_grad():
            for b0 in range(0, len(yte), batch):
                inp = xte[b0:b0 + batch]
                v = [None] * len(stages)
                first = drive(stages[0], inp)
                for t in range(T):
                    s_in = None
                    for k, stage in enumerate(stages):
                        cur = first if k == 0 else drive(stage, s_in)
                        v[k] = cur if v[k] is None else v[k] + cur
                        if k + 1 < len(stages):
                            spikes = (v[k] > 1.0).float()
                            v[k] -= spikes
                            s_in = spikes
                right += (v[-1].argmax(1) == yte[b0:b0 + batch]).sum().item()
        dt = time.perf_counter() - t0
        print(json.dumps({"peer": "pytorch", "timesteps": T, "snn_test_acc": right / len(yte),
                          "sim_s": dt, "test_samples": len(yte), "threads": 2}), flush=True)


if __name__ == "__main__":
    main()
