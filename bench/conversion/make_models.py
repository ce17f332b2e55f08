#!/usr/bin/python3
"""Trains the Fashion-MNIST ANNs the conversion targets use, with PyTorch, and exports them as
ONNX for `snnwb-cli convert` (which imports them with core/io/OnnxImporter):

  mlp.onnx        784-256-128-10, ReLU
  cnn.onnx        conv(1->16, 3x3, pad 1)-ReLU-avgpool2, conv(16->32, 3x3, pad 1)-ReLU-avgpool2,
                  dense 1568-128-ReLU, dense 128-10
  cnn_qcfs.onnx   the same CNN trained with the QCFS activation (Bu et al., ICLR 2022, L = 8);
                  exported with ReLU in its place, the trained thresholds lambda of each
                  activation in cnn_qcfs.lambda.json (in layer order). With --qcfs-finetune it
                  starts from cnn.onnx's weights and each lambda at the 99.9th percentile of its
                  ReLU's outputs, and trains --epochs more epochs (lr 1e-4): what the shared
                  2-core machine allowed; from scratch otherwise.

Inputs are pixel / 255 (transforms.ToTensor), no normalisation. Deterministic seed.
  mlp_silu.onnx   (--silu-mlp) the MLP with SiLU activations, for FS conversion with codes
                  fitted to SiLU.

Usage: make_models.py OUTDIR [--epochs N] [--qcfs-finetune [--train-limit N]] [--silu-mlp]
"""
import gzip, json, os, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = "/usr/share/datasets/fashion-mnist"


def idx(name):
    with gzip.open(os.path.join(DATA, name), "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load():
    xtr = torch.tensor(idx("train-images-idx3-ubyte.gz"), dtype=torch.float32).div(255).unsqueeze(1)
    ytr = torch.tensor(idx("train-labels-idx1-ubyte.gz"), dtype=torch.long)
    xte = torch.tensor(idx("t10k-images-idx3-ubyte.gz"), dtype=torch.float32).div(255).unsqueeze(1)
    yte = torch.tensor(idx("t10k-labels-idx1-ubyte.gz"), dtype=torch.long)
    return xtr, ytr, xte, yte


class Qcfs(nn.Module):
    """Clip-floor-shift activation, lambda trainable, floor with a straight-through gradient."""

    def __init__(self, levels=8, lam=4.0):
        super().__init__()
        self.levels = levels
        self.lam = nn.Parameter(torch.tensor(float(lam)))

    def forward(self, x):
        y = x * self.levels / self.lam + 0.5
        y = y + (torch.floor(y) - y).detach()
        return self.lam * torch.clamp(y / self.levels, 0, 1)


def mlp(act=nn.ReLU):
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), act(), nn.Linear(256, 128),
                         act(), nn.Linear(128, 10))


def cnn(act=nn.ReLU):
    return nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), act(), nn.AvgPool2d(2),
                         nn.Conv2d(16, 32, 3, padding=1), act(), nn.AvgPool2d(2), nn.Flatten(),
                         nn.Linear(1568, 128), act(), nn.Linear(128, 10))


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        return sum((model(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum().item()
                   for i in range(0, len(y), 1000)) / len(y)


def train(model, data, epochs, lr=1e-3):
    xtr, ytr, xte, yte = data
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs)
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(len(ytr))
        t0 = time.time()
        for i in range(0, len(ytr), 128):
            b = perm[i:i + 128]
            opt.zero_grad()
            F.cross_entropy(model(xtr[b]), ytr[b]).backward()
            opt.step()
        sched.step()
        print(f"  epoch {epoch + 1}: test {accuracy(model, xte, yte):.4f} ({time.time() - t0:.0f} s)",
              file=sys.stderr)
    return accuracy(model, xte, yte)


def export(model, path):
    model.eval()
    torch.onnx.export(model, torch.zeros(1, 1, 28, 28), path, input_names=["image"],
                      output_names=["logits"], opset_version=13)


def load_onnx_weights(model, path):
    import onnx
    from onnx import numpy_helper
    inits = {i.name: torch.tensor(numpy_helper.to_array(i)) for i in onnx.load(path).graph.initializer}
    state = model.state_dict()
    for k in state:
        if k in inits:
            state[k] = inits[k]
    model.load_state_dict(state)
    missing = [k for k in state if k not in inits and not k.endswith("lam")]
    if missing:
        raise SystemExit(f"{path}: no initializer for {missing}")


def qcfs_finetune(out, epochs):
    torch.manual_seed(1)
    torch.set_num_threads(2)
    data = load()
    model = cnn(Qcfs)
    load_onnx_weights(model, os.path.join(out, "cnn.onnx"))
    with torch.no_grad():  # each lambda at the 99.9th percentile of its ReLU's outputs
        x = data[0][:1000]
        for m in model:
            if isinstance(m, Qcfs):
                m.lam.fill_(float(torch.quantile(F.relu(x).flatten()[:1 << 24], 0.999)))
            x = F.relu(x) if isinstance(m, Qcfs) else m(x)
    limit = int(sys.argv[sys.argv.index("--train-limit") + 1]) if "--train-limit" in sys.argv else None
    if limit:  # a shorter fine-tune on the first `limit` training images
        data = (data[0][:limit], data[1][:limit], data[2], data[3])
    acc = train(model, data, epochs, lr=1e-4)
    lambdas = [m.lam.item() for m in model if isinstance(m, Qcfs)]
    relu = cnn()
    relu.load_state_dict({k: v for k, v in model.state_dict().items() if not k.endswith("lam")})
    export(relu, os.path.join(out, "cnn_qcfs.onnx"))
    with open(os.path.join(out, "cnn_qcfs.lambda.json"), "w") as f:
        json.dump({"levels": 8, "lambda": lambdas, "test_acc": acc}, f)
    print(json.dumps({"cnn_qcfs": acc, "lambda": lambdas}))


def silu_mlp(out, epochs):
    """mlp_silu.onnx: the MLP with SiLU activations (x * sigmoid(x) in ONNX), for FS conversion
    with fitted codes."""
    torch.manual_seed(1)
    torch.set_num_threads(2)
    data = load()
    model = mlp(nn.SiLU)
    acc = train(model, data, epochs)
    export(model, os.path.join(out, "mlp_silu.onnx"))
    print(json.dumps({"mlp_silu": acc}))


def main():
    out = sys.argv[1]
    if "--silu-mlp" in sys.argv:
        epochs = int(sys.argv[sys.argv.index("--epochs") + 1]) if "--epochs" in sys.argv else 3
        return silu_mlp(out, epochs)
    if "--qcfs-finetune" in sys.argv:
        epochs = int(sys.argv[sys.argv.index("--epochs") + 1]) if "--epochs" in sys.argv else 1
        return qcfs_finetune(out, epochs)
    epochs = int(sys.argv[sys.argv.index("--epochs") + 1]) if "--epochs" in sys.argv else 8
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(1)
    torch.set_num_threads(2)
    data = load()
    summary = {}
    for name, make in (("mlp", mlp), ("cnn", cnn)):
        print(f"{name}:", file=sys.stderr)
        model = make()
        summary[name] = train(model, data, epochs)
        export(model, os.path.join(out, name + ".onnx"))
        with open(os.path.join(out, "pytorch_accuracy.json"), "w") as f:
            json.dump(summary, f, indent=1)
    print("cnn_qcfs:", file=sys.stderr)
    model = cnn(Qcfs)
    summary["cnn_qcfs"] = train(model, data, epochs)
    lambdas = [m.lam.item() for m in model if isinstance(m, Qcfs)]
    relu = cnn()
    relu.load_state_dict({k: v for k, v in model.state_dict().items() if not k.endswith("lam")})
    export(relu, os.path.join(out, "cnn_qcfs.onnx"))
    with open(os.path.join(out, "cnn_qcfs.lambda.json"), "w") as f:
        json.dump({"levels": 8, "lambda": lambdas}, f)
    with open(os.path.join(out, "pytorch_accuracy.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
