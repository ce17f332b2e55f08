#!/usr/bin/python3
"""Writes the PyTorch reference data the ANN and ONNX-import tests compare against.

    /usr/bin/python3 scripts/make_ann_fixtures.py

Needs Debian's python3-torch and python3-onnx; the tests themselves do not need Python. Every
model and input comes from a fixed seed, so running it again gives the same numbers (the .onnx
files may differ in their producer fields only). Writes:

  tests/data/ann/layers.json    per layer type: input, weights, output, an upstream gradient and
                                the gradients PyTorch's autograd gives for it
  tests/data/ann/model.json     a small CNN: logits, cross-entropy loss, parameter gradients,
                                and its weights after three steps of torch.optim.SGD (momentum,
                                weight decay) and of torch.optim.Adam
  tests/data/onnx/NAME.onnx     one small model per supported operator (torch.onnx.export, a few
                                edited with onnx.helper where torch never writes the operator),
                                plus an MLP and a CNN with BatchNorm, Dropout, padding, MaxPool
                                and SiLU, and one model with unsupported operators
  tests/data/onnx/NAME.json     inputs (batch x C*H*W, PyTorch order) and PyTorch's outputs

Numbers are written with 9 significant digits, which read back as the same float32.
"""
import io
import json
import os

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import helper

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANN_DIR = os.path.join(ROOT, "tests", "data", "ann")
ONNX_DIR = os.path.join(ROOT, "tests", "data", "onnx")


def floats(t):
    a = t.detach().cpu().numpy().astype(np.float32).ravel() if torch.is_tensor(t) else np.asarray(t, np.float32).ravel()
    return [float("%.9g" % v) for v in a]


def tensor(t):
    return {"shape": list(t.shape), "values": floats(t)}


def write_json(path, data):
    with open(path, "w") as f:
        json.dump(data, f, separators=(",", ":"))
        f.write("\n")


# ---------------------------------------------------------------- layers


class GradFloor(torch.autograd.Function):
    """floor with the gradient passed straight through (Bu et al.'s code, modules.py)."""

    @staticmethod
    def forward(ctx, x):
        return x.floor()

    @staticmethod
    def backward(ctx, g):
        return g


class Qcfs(nn.Module):
    """MyFloor of github.com/putshua/SNN_conversion_QCFS: x/up, floor(x*t+0.5)/t, clamp, *up."""

    def __init__(self, levels, threshold):
        super().__init__()
        self.up = nn.Parameter(torch.tensor([threshold]))
        self.t = levels

    def forward(self, x):
        x = x / self.up
        x = GradFloor.apply(x * self.t + 0.5) / self.t
        x = torch.clamp(x, 0, 1)
        return x * self.up


def away_from_zero(shape, gen):
    """Normal values kept at least 0.05 from zero, so no finite difference crosses a kink."""
    x = torch.randn(shape, generator=gen)
    return torch.where(x >= 0, x + 0.05, x - 0.05)


def layer_case(name, spec, module, in_shape, batch=2, pad=None, seed=0, scale=1.0):
    """Forward and backward of `module` on a random batch. A flat input (n x 1 x 1) reaches the
    module as (batch, n), as nn.Linear and nn.Softmax(dim=1) want it; `pad` (left, right, top,
    bottom) is applied with F.pad first, which is how asymmetric padding is written in PyTorch."""
    gen = torch.Generator().manual_seed(1000 + seed)
    x = (away_from_zero((batch,) + in_shape, gen) * scale).requires_grad_(True)
    flat = in_shape[1:] == (1, 1)
    y = module(x.flatten(1) if flat else (F.pad(x, pad) if pad else x))
    g = torch.randn(y.shape, generator=gen)
    y.backward(g)
    case = {"name": name, "layer": spec, "input_shape": list(in_shape), "batch": batch,
            "input": floats(x), "output": floats(y), "grad_output": floats(g), "grad_input": floats(x.grad)}
    for pname, p in module.named_parameters():
        key = {"weight": "weight", "bias": "bias", "up": "threshold"}[pname]
        case[key] = tensor(p)
        case["grad_" + key] = tensor(p.grad)
    return case


def make_layers():
    torch.manual_seed(1)
    window = {"kernel_h": 3, "kernel_w": 3, "stride_h": 2, "stride_w": 2,
              "pad_top": 1, "pad_left": 1, "pad_bottom": 1, "pad_right": 1}
    pool2 = {"kernel_h": 2, "kernel_w": 2, "stride_h": 2, "stride_w": 2}
    return [
        layer_case("dense", {"type": "dense", "units": 4}, nn.Linear(6, 4), (6, 1, 1), batch=3),
        layer_case("dense_nobias", {"type": "dense", "units": 3}, nn.Linear(5, 3, bias=False), (5, 1, 1),
                   seed=1),
        layer_case("conv2d_pad1", dict(type="conv2d", out_channels=3, kernel_h=3, kernel_w=3, pad_top=1,
                                       pad_left=1, pad_bottom=1, pad_right=1),
                   nn.Conv2d(2, 3, 3, padding=1), (2, 5, 6), seed=2),
        layer_case("conv2d_stride_asym_pad",
                   dict(type="conv2d", out_channels=4, kernel_h=2, kernel_w=3, stride_h=2, stride_w=1,
                        pad_top=0, pad_left=2, pad_bottom=1, pad_right=1),
                   nn.Conv2d(2, 4, (2, 3), stride=(2, 1)), (2, 6, 5), pad=(2, 1, 0, 1), seed=3),
        layer_case("conv2d_stride2_nobias", dict(type="conv2d", out_channels=2, **window),
                   nn.Conv2d(1, 2, 3, stride=2, padding=1, bias=False), (1, 7, 7), seed=4),
        layer_case("avg_pool2d", dict(type="avg_pool2d", **pool2), nn.AvgPool2d(2), (3, 6, 6), seed=5),
        layer_case("avg_pool2d_odd_size", dict(type="avg_pool2d", **pool2), nn.AvgPool2d(2), (2, 7, 5), seed=17),
        layer_case("avg_pool2d_3x2_stride_1x2", dict(type="avg_pool2d", kernel_h=3, kernel_w=2, stride_h=1, stride_w=2),
                   nn.AvgPool2d((3, 2), (1, 2)), (2, 6, 7), seed=18),
        layer_case("avg_pool2d_pad_included", dict(type="avg_pool2d", count_include_pad=1, **window),
                   nn.AvgPool2d(3, 2, 1, count_include_pad=True), (2, 7, 6), seed=6),
        layer_case("avg_pool2d_pad_excluded", dict(type="avg_pool2d", count_include_pad=0, **window),
                   nn.AvgPool2d(3, 2, 1, count_include_pad=False), (2, 7, 6), seed=7),
        layer_case("max_pool2d", dict(type="max_pool2d", **pool2), nn.MaxPool2d(2), (3, 6, 6), seed=8),
        layer_case("max_pool2d_pad_overlap", dict(type="max_pool2d", **window), nn.MaxPool2d(3, 2, 1),
                   (2, 7, 6), seed=9),
        layer_case("flatten", {"type": "flatten"}, nn.Flatten(), (3, 2, 4), seed=10),
        layer_case("relu", {"type": "relu"}, nn.ReLU(), (2, 3, 4), seed=11),
        layer_case("silu", {"type": "silu"}, nn.SiLU(), (2, 3, 4), seed=12, scale=3.0),
        layer_case("sigmoid", {"type": "sigmoid"}, nn.Sigmoid(), (2, 3, 4), seed=13, scale=3.0),
        layer_case("softmax", {"type": "softmax"}, nn.Softmax(dim=1), (7, 1, 1), batch=3, seed=14),
        layer_case("qcfs", {"type": "qcfs", "levels": 4, "threshold": 2.0}, Qcfs(4, 2.0), (3, 4, 5),
                   seed=15, scale=1.5),
        layer_case("qcfs_l8", {"type": "qcfs", "levels": 8, "threshold": 1.25}, Qcfs(8, 1.25), (4, 3, 3),
                   batch=3, seed=16),
    ]


# ---------------------------------------------------------------- a whole model and optimisers


def small_cnn():
    return nn.Sequential(nn.Conv2d(1, 3, 3, padding=1), nn.ReLU(), nn.AvgPool2d(2), nn.Conv2d(3, 4, 3), nn.SiLU(),
                         nn.Flatten(), nn.Linear(16, 5))


SMALL_CNN_SPEC = [
    {"id": "conv1", "type": "conv2d", "out_channels": 3, "kernel_h": 3, "kernel_w": 3, "pad_top": 1, "pad_left": 1,
     "pad_bottom": 1, "pad_right": 1},
    {"id": "relu1", "type": "relu"},
    {"id": "pool1", "type": "avg_pool2d", "kernel_h": 2, "kernel_w": 2, "stride_h": 2, "stride_w": 2},
    {"id": "conv2", "type": "conv2d", "out_channels": 4, "kernel_h": 3, "kernel_w": 3},
    {"id": "silu2", "type": "silu"},
    {"id": "flatten", "type": "flatten"},
    {"id": "fc", "type": "dense", "units": 5},
]
WEIGHTED = {"conv1": 0, "conv2": 3, "fc": 6}  # spec id -> index in the nn.Sequential


def model_weights(net):
    out = {}
    for lid, index in WEIGHTED.items():
        out[lid] = {"weight": tensor(net[index].weight), "bias": tensor(net[index].bias)}
    return out


def make_model():
    torch.manual_seed(7)
    net = small_cnn()
    gen = torch.Generator().manual_seed(77)
    batches = [torch.rand((4, 1, 8, 8), generator=gen) for _ in range(3)]
    labels = [torch.randint(0, 5, (4,), generator=gen) for _ in range(3)]
    data = {"input_shape": [1, 8, 8], "layers": SMALL_CNN_SPEC, "weights": model_weights(net),
            "batches": [floats(b) for b in batches], "labels": [[int(v) for v in l] for l in labels]}
    logits = net(batches[0])
    loss = F.cross_entropy(logits, labels[0])
    loss.backward()
    data["logits"] = floats(logits)
    data["loss"] = float(loss)
    data["grads"] = {lid: {"weight": floats(net[i].weight.grad), "bias": floats(net[i].bias.grad)}
                     for lid, i in WEIGHTED.items()}
    start = {k: v.clone() for k, v in net.state_dict().items()}
    for name, make in [("sgd", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, weight_decay=5e-4)),
                       ("adam", lambda p: torch.optim.Adam(p, lr=0.01))]:
        net.load_state_dict(start)
        opt = make(net.parameters())
        for b, l in zip(batches, labels):
            opt.zero_grad()
            F.cross_entropy(net(b), l).backward()
            opt.step()
        data["after_" + name] = model_weights(net)
    return data


# ---------------------------------------------------------------- ONNX models


class View(nn.Module):
    def forward(self, x):
        return x.view(x.size(0), -1)


class Linear3d(nn.Module):
    """nn.Linear on a (batch, 1, n) view: torch exports MatMul + Add instead of Gemm."""

    def __init__(self, n, m):
        super().__init__()
        self.fc = nn.Linear(n, m)

    def forward(self, x):
        return self.fc(x.reshape(x.size(0), 1, -1)).reshape(x.size(0), -1)


class SiluByHand(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(x)


def export(model, shape, dynamic=True, opset=None, **kw):
    f = io.BytesIO()
    args = dict(input_names=["input"], output_names=["output"])
    if dynamic:
        args["dynamic_axes"] = {"input": {0: "batch"}, "output": {0: "batch"}}
    if opset:
        args["opset_version"] = opset
    torch.onnx.export(model, torch.zeros((2,) + shape), f, **args, **kw)
    return onnx.load_from_string(f.getvalue())


def with_extra_nodes(model):
    """Puts an Identity, a Dropout (ratio as a Constant input) and a Constant-fed Reshape into the
    chain after the first node, as other exporters write them."""
    g = model.graph
    first = g.node[0]
    out = first.output[0]
    first.output[0] = out + "_raw"
    extra = [
        helper.make_node("Identity", [out + "_raw"], [out + "_id"], name="extra_identity"),
        helper.make_node("Constant", [], ["extra_ratio"], name="extra_ratio_constant",
                         value=helper.make_tensor("r", onnx.TensorProto.FLOAT, [], [0.25])),
        helper.make_node("Dropout", [out + "_id", "extra_ratio"], [out], name="extra_dropout"),
    ]
    for k, node in enumerate(extra):
        g.node.insert(1 + k, node)
    return model


def onnx_case(name, module, shape, batch=3, seed=0, edit=None, **export_kw):
    torch.manual_seed(100 + seed)
    module.eval()
    # Batch-norm statistics that are not the identity, so folding is really tested.
    for m in module.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            with torch.no_grad():
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.3, 0.3)
    model = export(module, shape, **export_kw)
    if edit:
        model = edit(model)
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(ONNX_DIR, name + ".onnx"))
    gen = torch.Generator().manual_seed(200 + seed)
    x = torch.rand((batch,) + shape, generator=gen)
    with torch.no_grad():
        y = module(x)
    write_json(os.path.join(ONNX_DIR, name + ".json"),
               {"input_shape": list(shape), "batch": batch, "input": floats(x),
                "output_shape": list(y.shape[1:]), "output": floats(y),
                "ops": sorted({n.op_type for n in model.graph.node})})


def make_onnx():
    img = (1, 8, 8)
    cases = [
        ("gemm", nn.Sequential(nn.Flatten(), nn.Linear(64, 5)), img, {}),
        ("mlp", nn.Sequential(nn.Flatten(), nn.Linear(64, 16), nn.ReLU(), nn.Linear(16, 12), nn.ReLU(),
                              nn.Linear(12, 4)), img, {}),
        ("mlp_flat_input", nn.Sequential(nn.Linear(20, 8), nn.ReLU(), nn.Linear(8, 3)), (20,), {}),
        ("matmul_add", nn.Sequential(nn.Flatten(), Linear3d(64, 6)), img, {}),
        ("conv", nn.Sequential(nn.Conv2d(1, 3, 3, stride=2, padding=1), nn.Flatten()), img, {}),
        ("relu", nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Flatten()), img, {}),
        ("sigmoid", nn.Sequential(nn.Conv2d(1, 2, 3), nn.Sigmoid(), nn.Flatten()), img, {}),
        ("silu", nn.Sequential(nn.Conv2d(1, 2, 3), nn.SiLU(), nn.Flatten()), img, {}),
        ("silu_by_hand", nn.Sequential(nn.Flatten(), nn.Linear(64, 6), SiluByHand()), img, {}),
        ("avgpool", nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.AvgPool2d(2), nn.Flatten()), img, {}),
        ("avgpool_padded", nn.Sequential(nn.Conv2d(1, 2, 3), nn.AvgPool2d(3, 2, padding=1), nn.Flatten()), img,
         {}),
        ("maxpool", nn.Sequential(nn.Conv2d(1, 2, 3), nn.MaxPool2d(3, 2, padding=1), nn.Flatten()), img, {}),
        ("global_avgpool", nn.Sequential(nn.Conv2d(1, 4, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                         nn.Linear(4, 3)), img, {}),
        ("pad_conv", nn.Sequential(nn.ZeroPad2d((1, 2, 0, 1)), nn.Conv2d(1, 2, 3), nn.Flatten()), img, {}),
        ("pad_conv_opset9", nn.Sequential(nn.ZeroPad2d((1, 2, 0, 1)), nn.Conv2d(1, 2, 3), nn.Flatten()), img,
         {"opset": 9}),
        ("pad_relu_maxpool", nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.ZeroPad2d(1), nn.MaxPool2d(2),
                                           nn.Flatten()), img, {}),
        ("view_static_batch", nn.Sequential(nn.Conv2d(1, 2, 3), View(), nn.Linear(72, 3)), img,
         {"dynamic": False}),
        ("view_dynamic_batch", nn.Sequential(nn.Conv2d(1, 2, 3), View(), nn.Linear(72, 3)), img, {}),
        ("batchnorm_conv", nn.Sequential(nn.Conv2d(1, 3, 3), nn.BatchNorm2d(3), nn.ReLU(), nn.Flatten()), img,
         {"training": torch.onnx.TrainingMode.PRESERVE}),
        ("batchnorm_dense", nn.Sequential(nn.Flatten(), nn.Linear(64, 6), nn.BatchNorm1d(6), nn.ReLU(),
                                          nn.Linear(6, 3)), img, {}),
        ("identity_dropout_constant", nn.Sequential(nn.Flatten(), nn.Linear(64, 5), nn.ReLU(), nn.Linear(5, 3)),
         img, {"edit": with_extra_nodes}),
        ("softmax", nn.Sequential(nn.Flatten(), nn.Linear(64, 5), nn.Softmax(dim=1)), img, {}),
        ("cnn", nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.SiLU(), nn.MaxPool2d(2),
                              nn.ZeroPad2d(1), nn.Conv2d(4, 6, 3), nn.BatchNorm2d(6), nn.ReLU(), nn.AvgPool2d(2),
                              nn.Flatten(), nn.Dropout(0.3), nn.Linear(24, 10), nn.ReLU(), nn.Dropout(0.2),
                              nn.Linear(10, 4), nn.Softmax(dim=1)), (1, 10, 10),
         {"training": torch.onnx.TrainingMode.PRESERVE}),
    ]
    for seed, (name, module, shape, kw) in enumerate(cases):
        onnx_case(name, module, shape, seed=seed, **kw)
    # Operators the importer does not know: the error must list each with its nodes.
    unsupported = nn.Sequential(nn.Flatten(), nn.Linear(64, 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh(),
                                nn.Linear(8, 4), nn.LogSoftmax(dim=1))
    unsupported.eval()
    onnx.save(export(unsupported, img), os.path.join(ONNX_DIR, "unsupported_ops.onnx"))


def main():
    os.makedirs(ANN_DIR, exist_ok=True)
    os.makedirs(ONNX_DIR, exist_ok=True)
    write_json(os.path.join(ANN_DIR, "layers.json"), {"cases": make_layers()})
    write_json(os.path.join(ANN_DIR, "model.json"), make_model())
    make_onnx()
    total = 0
    for d in (ANN_DIR, ONNX_DIR):
        for f in sorted(os.listdir(d)):
            total += os.path.getsize(os.path.join(d, f))
    print("wrote %d bytes of fixtures" % total)


if __name__ == "__main__":
    main()
