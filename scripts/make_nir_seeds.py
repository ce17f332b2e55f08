#!/usr/bin/python3
"""Writes the NIR seed corpus of the nir fuzz harness (tests/fuzz/seeds/nir/): small graphs in
NIR's HDF5 layout (nir/serialization.py: a "version" string, a "node" group holding the graph;
each node a group with a "type" string and one dataset per field) that reach the conv, pool,
flatten and readout mappings, and malformed ones the reader and importer must refuse by node
and field. The real fixtures in tests/data/nir are seeds too. Needs python3-h5py and numpy.

    scripts/make_nir_seeds.py
"""
import os

import h5py
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fuzz", "seeds", "nir")
RNG = np.random.Generator(np.random.PCG64(13))


def f32(*shape):
    return RNG.standard_normal(shape).astype(np.float32)


def conv2d(cout, cin, k, stride=1, padding=1, dilation=1, groups=1, input_shape=None):
    n = {"type": "Conv2d", "weight": f32(cout, cin, k, k), "bias": np.zeros(cout, np.float32),
         "stride": np.array([stride, stride]), "dilation": np.array([dilation, dilation]),
         "groups": np.int64(groups),
         "padding": padding if isinstance(padding, str) else np.array([padding, padding])}
    if input_shape is not None:
        n["input_shape"] = np.array(input_shape)
    return n


def neuron(kind, shape, **extra):
    n = {"type": kind, "r": np.ones(shape, np.float32), "v_threshold": np.ones(shape, np.float32)}
    if kind in ("LIF", "LI"):
        n["tau"] = np.full(shape, 0.01, np.float32)
        n["v_leak"] = np.zeros(shape, np.float32)
    if kind == "LI":
        del n["v_threshold"]
    if kind == "CubaLI":
        n = {"type": kind, "r": np.ones(shape, np.float32), "tau_mem": np.full(shape, 0.01),
             "tau_syn": np.full(shape, 0.005), "v_leak": np.zeros(shape)}
    n.update(extra)
    return n


def pool(kind, k=2, s=2):
    return {"type": kind, "kernel_size": np.array([k, k]), "stride": np.array([s, s]),
            "padding": np.array([0, 0])}


def write(name, nodes, edges):
    with h5py.File(os.path.join(OUT, name), "w") as f:
        f.create_dataset("version", data="1.0.0")
        g = f.create_group("node")
        g.create_dataset("type", data="NIRGraph")
        g.create_dataset("edges", data=np.array(edges, dtype=object),
                         dtype=h5py.string_dtype())
        ng = g.create_group("nodes")
        for key, node in nodes.items():
            ng_node = ng.create_group(key)
            for field, value in node.items():
                if isinstance(value, str):
                    ng_node.create_dataset(field, data=value)
                else:
                    ng_node.create_dataset(field, data=value)


def chain(*nodes):
    names = [n for n, _ in nodes]
    return dict(nodes), [[a, b] for a, b in zip(names, names[1:])]


def main():
    os.makedirs(OUT, exist_ok=True)
    shape = {"type": "Input", "shape": np.array([1, 6, 6])}
    write("conv_pool_dense.nir", *chain(
        ("in", shape), ("c", conv2d(2, 1, 3, padding="same")), ("if", neuron("IF", (2, 6, 6))),
        ("p", pool("SumPool2d")),
        ("f", {"type": "Flatten", "start_dim": np.int64(0), "end_dim": np.int64(-1),
               "input_type": np.array([2, 3, 3])}),
        ("a", {"type": "Affine", "weight": f32(4, 18), "bias": np.zeros(4, np.float32)}),
        ("lif", neuron("LIF", (4,))), ("out", {"type": "Output", "shape": np.array([4])})))
    write("avgpool_conv.nir", *chain(
        ("in", shape), ("p", pool("AvgPool2d")), ("c", conv2d(3, 1, 3, input_shape=[3, 3])),
        ("if", neuron("IF", (3, 3, 3))), ("out", {"type": "Output", "shape": np.array([3, 3, 3])})))
    write("conv1d_li.nir", *chain(
        ("in", {"type": "Input", "shape": np.array([2, 8])}),
        ("c", {"type": "Conv1d", "weight": f32(3, 2, 3), "bias": np.zeros(3, np.float32),
               "stride": np.int64(1), "padding": np.int64(1), "dilation": np.int64(1),
               "groups": np.int64(1), "input_shape": np.int64(8)}),
        ("lif", neuron("LIF", (3, 8))),
        ("f", {"type": "Flatten", "start_dim": np.int64(0), "end_dim": np.int64(-1)}),
        ("a", {"type": "Linear", "weight": f32(2, 24)}), ("li", neuron("LI", (2,))),
        ("out", {"type": "Output", "shape": np.array([2])})))
    write("cubali.nir", *chain(
        ("in", {"type": "Input", "shape": np.array([3])}),
        ("w", {"type": "Linear", "weight": f32(2, 3)}), ("li", neuron("CubaLI", (2,))),
        ("out", {"type": "Output", "shape": np.array([2])})))
    # malformed: each names one node and field
    write("bad_conv_dilation.nir", *chain(
        ("in", shape), ("c", conv2d(2, 1, 3, dilation=2)), ("if", neuron("IF", (2, 2, 2)))))
    write("bad_conv_groups_float.nir", *chain(
        ("in", shape), ("c", dict(conv2d(2, 1, 3), groups=np.float64(1.0))),
        ("if", neuron("IF", (2, 6, 6)))))
    write("bad_pool_no_stride.nir", *chain(
        ("in", shape), ("p", {k: v for k, v in pool("SumPool2d").items() if k != "stride"}),
        ("if", neuron("IF", (1, 3, 3)))))
    write("bad_flatten_text.nir", *chain(
        ("in", shape), ("f", {"type": "Flatten", "start_dim": "zero", "end_dim": np.int64(-1)}),
        ("if", neuron("IF", (36,)))))
    write("bad_conv_weight_rank.nir", *chain(
        ("in", shape), ("c", dict(conv2d(2, 1, 3), weight=f32(2, 9))),
        ("if", neuron("IF", (2, 6, 6)))))
    for name in sorted(os.listdir(OUT)):
        print(name, os.path.getsize(os.path.join(OUT, name)))


if __name__ == "__main__":
    main()
