#!/usr/bin/python3
"""Independent reference for tests/data/nir/cnn_sinabs.nir: reads the file with h5py and steps
the network as Sinabs runs a NIR graph it imports (sinabs/nir.py, from_nir), in numpy float64:

  - Conv2d   -> torch.nn.Conv2d (cross-correlation, zero padding, stride, bias)
  - IF       -> sinabs.layers.IAFSqueeze(spike_threshold=v_threshold, min_v_mem=-v_threshold)
                with its defaults spike_fn=MultiSpike, reset_fn=MembraneSubtract:
                  v += input;  k = (v > 0) * trunc(v / thr);  v -= k * thr;  v = max(v, -thr)
  - SumPool2d-> sinabs.layers.SumPool2d (sum over each window)
  - Flatten  -> torch.nn.Flatten;  Affine -> torch.nn.Linear
  Every layer works on the same time step as the layer before it (no delay between layers).

The input is a fixed spike train: each of the 2 x 34 x 34 input pixels spikes in a step with
probability P_INPUT, drawn from numpy's PCG64 with SEED. Writes

  tests/data/nir/cnn_sinabs_input.csv     neuron,step      (the input spikes, one per row)
  tests/data/nir/cnn_sinabs_expected.csv  node,neuron,step,count   (every IF layer's spikes)

and prints the spike count per layer, the smallest distance of v / threshold (v > 0) to an
integer >= 1 over the run, and, when Debian's python3-torch is there, how many spike counts a
float32 run with torch's own layers (nn.Conv2d, nn.LPPool2d(1, ...) as Sinabs's SumPool2d,
nn.Linear: Sinabs's precision) gives differently. Needs /usr/bin/python3 with python3-h5py and
python3-numpy (torch optional; the nir and sinabs packages are not needed).

    scripts/make_nir_sinabs_reference.py [--steps 30]
"""
import argparse
import os

import h5py
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "tests", "data", "nir")
SEED = 20261130
P_INPUT = 0.08


def read_graph(path):
    with h5py.File(path, "r") as f:
        g = f["node"]
        nodes = {}
        for name, node in g["nodes"].items():
            nodes[name] = {k: node[k][()] for k in node.keys()}
            nodes[name]["type"] = nodes[name]["type"].decode()
        edges = [(a.decode(), b.decode()) for a, b in g["edges"][()]]
    return nodes, edges


def pair(x):
    x = np.atleast_1d(np.asarray(x)).astype(int)
    return (int(x[0]), int(x[-1]))


def conv2d(x, node):
    """Cross-correlation as torch.nn.Conv2d (groups 1, dilation 1), by explicit loops over the
    kernel taps: a different summation from the workbench's event-driven scatter."""
    w = node["weight"].astype(np.float64)
    assert int(node["groups"]) == 1 and all(d == 1 for d in pair(node["dilation"]))
    sh, sw = pair(node["stride"])
    ph, pw = pair(node["padding"])
    co, ci, kh, kw = w.shape
    c, h, wd = x.shape
    xp = np.zeros((c, h + 2 * ph, wd + 2 * pw))
    xp[:, ph:ph + h, pw:pw + wd] = x
    oh = (h + 2 * ph - kh) // sh + 1
    ow = (wd + 2 * pw - kw) // sw + 1
    out = np.zeros((co, oh, ow))
    for ky in range(kh):
        for kx in range(kw):
            patch = xp[:, ky:ky + sh * (oh - 1) + 1:sh, kx:kx + sw * (ow - 1) + 1:sw]
            out += np.einsum("oc,chw->ohw", w[:, :, ky, kx], patch)
    return out + node["bias"].astype(np.float64)[:, None, None]


def sum_pool(x, node):
    kh, kw = pair(node["kernel_size"])
    sh, sw = pair(node["stride"])
    assert pair(node["padding"]) == (0, 0)
    c, h, w = x.shape
    oh, ow = (h - kh) // sh + 1, (w - kw) // sw + 1
    out = np.zeros((c, oh, ow))
    for dy in range(kh):
        for dx in range(kw):
            out += x[:, dy:dy + sh * (oh - 1) + 1:sh, dx:dx + sw * (ow - 1) + 1:sw]
    return out


class Iaf:
    def __init__(self, node):
        self.thr = node["v_threshold"].astype(np.float64)
        assert np.all(node["r"] == 1)
        self.v = np.zeros_like(self.thr)
        self.margin = np.inf

    def step(self, x):
        self.v = self.v + x
        ratio = self.v / self.thr
        pos = self.v > 0
        if np.any(pos & (ratio >= 0.5)):
            r = ratio[pos & (ratio >= 0.5)]
            self.margin = min(self.margin, float(np.min(np.abs(r - np.maximum(np.round(r), 1)))))
        k = pos * np.trunc(ratio)
        self.v = np.maximum(self.v - k * self.thr, -self.thr)
        return k


def run(nodes, edges, spikes_in):
    succ = {a: b for a, b in edges}  # a chain: one successor per node
    layers = {n: Iaf(nodes[n]) for n in nodes if nodes[n]["type"] == "IF"}
    recorded = {n: [] for n in layers}
    for t in range(spikes_in.shape[0]):
        name, x = succ["input"], spikes_in[t].astype(np.float64)
        while name != "output":
            node = nodes[name]
            kind = node["type"]
            if kind == "Conv2d":
                x = conv2d(x, node)
            elif kind == "SumPool2d":
                x = sum_pool(x, node)
            elif kind == "Flatten":
                x = x.reshape(-1)  # start_dim 0, end_dim -1: row-major, as torch
            elif kind == "Affine":
                x = node["weight"].astype(np.float64) @ x.reshape(-1) + node["bias"]
            elif kind == "IF":
                x = layers[name].step(x.reshape(layers[name].thr.shape))
                recorded[name].append(x.reshape(-1).copy())
            else:
                raise SystemExit(f"node {name}: type {kind} not in this reference")
            name = succ[name]
    return layers, recorded


def run_torch_float32(nodes, edges, spikes_in):
    """The same network in float32 with torch's own layers, as Sinabs builds them from NIR
    (nn.Conv2d, sl.SumPool2d = nn.LPPool2d(1, ...), nn.Flatten, nn.Linear; the IAF update in
    float32 tensors). Returns each IF layer's spike counts, to compare with the float64 run."""
    import torch
    torch.set_num_threads(2)
    succ = {a: b for a, b in edges}
    modules, thresholds = {}, {}
    for name, node in nodes.items():
        kind = node["type"]
        if kind == "Conv2d":
            w = torch.tensor(node["weight"])
            m = torch.nn.Conv2d(w.shape[1], w.shape[0], tuple(w.shape[2:]),
                                stride=pair(node["stride"]), padding=pair(node["padding"]))
            m.weight.data, m.bias.data = w, torch.tensor(node["bias"])
            modules[name] = m
        elif kind == "SumPool2d":
            modules[name] = torch.nn.LPPool2d(1, pair(node["kernel_size"]), pair(node["stride"]))
        elif kind == "Affine":
            w = torch.tensor(node["weight"])
            m = torch.nn.Linear(w.shape[1], w.shape[0])
            m.weight.data, m.bias.data = w, torch.tensor(node["bias"])
            modules[name] = m
        elif kind == "IF":
            thresholds[name] = torch.tensor(node["v_threshold"])
    v = {n: torch.zeros_like(t) for n, t in thresholds.items()}
    recorded = {n: [] for n in thresholds}
    with torch.no_grad():
        for t in range(spikes_in.shape[0]):
            name = succ["input"]
            x = torch.tensor(spikes_in[t], dtype=torch.float32)[None]
            while name != "output":
                kind = nodes[name]["type"]
                if kind == "Flatten":
                    x = x.reshape(1, -1)
                elif kind == "IF":
                    thr = thresholds[name]
                    v[name] = v[name] + x[0].reshape(thr.shape)
                    k = (v[name] > 0) * torch.div(v[name], thr, rounding_mode="trunc")
                    v[name] = torch.maximum(v[name] - k * thr, -thr)
                    recorded[name].append(k.reshape(-1).numpy().copy())
                    x = k[None]
                else:
                    x = modules[name](x)
                name = succ[name]
    return recorded


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=30)
    args = parser.parse_args()
    nodes, edges = read_graph(os.path.join(DATA, "cnn_sinabs.nir"))
    shape = tuple(int(d) for d in nodes["input"]["shape"])
    rng = np.random.Generator(np.random.PCG64(SEED))
    spikes_in = (rng.random((args.steps,) + shape) < P_INPUT).astype(np.int64)
    layers, recorded = run(nodes, edges, spikes_in)

    with open(os.path.join(DATA, "cnn_sinabs_input.csv"), "w") as f:
        f.write("neuron,step\n")
        flat = spikes_in.reshape(args.steps, -1)
        for t in range(args.steps):
            for n in np.nonzero(flat[t])[0]:
                f.write(f"{n},{t}\n")
    with open(os.path.join(DATA, "cnn_sinabs_expected.csv"), "w") as f:
        f.write("node,neuron,step,count\n")
        for name in sorted(recorded, key=int):
            for t, k in enumerate(recorded[name]):
                for n in np.nonzero(k)[0]:
                    f.write(f"{name},{n},{t},{int(k[n])}\n")
    print(f"input: {int(spikes_in.sum())} spikes over {args.steps} steps")
    try:
        single = run_torch_float32(nodes, edges, spikes_in)
        differ = {n: int(np.sum(np.array(single[n]) != np.array(recorded[n]))) for n in recorded}
        print("float32 with torch's layers (as Sinabs computes): "
              + ", ".join(f"IF {n}: {d} counts differ" for n, d in sorted(differ.items(),
                                                                            key=lambda i: int(i[0]))))
    except ImportError:
        print("torch not available: float32 check skipped")
    for name in sorted(recorded, key=int):
        counts = np.array(recorded[name])
        print(f"IF {name}: {int(counts.sum())} spikes, max {int(counts.max())} in one step, "
              f"margin {layers[name].margin:.3g}")


if __name__ == "__main__":
    main()
