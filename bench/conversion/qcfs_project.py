#!/usr/bin/python3
"""Writes the QCFS-trained CNN (make_models.py --qcfs-finetune: cnn_qcfs.onnx with ReLU in the
QCFS activations' place, their trained thresholds in cnn_qcfs.lambda.json) as a project holding
the ANN with its qcfs layers (network.anns), which `snnwb-cli convert` reads.

Usage: qcfs_project.py MODELDIR OUT.snnwb.json
"""
import json, os, sys
import onnx
from onnx import numpy_helper


def main():
    folder, out = sys.argv[1], sys.argv[2]
    inits = {i.name: numpy_helper.to_array(i).tolist()
             for i in onnx.load(os.path.join(folder, "cnn_qcfs.onnx")).graph.initializer}
    q = json.load(open(os.path.join(folder, "cnn_qcfs.lambda.json")))
    lam = q["lambda"]

    def conv(i, out_c):
        return {"id": f"conv{i}", "type": "conv2d", "out_channels": out_c, "kernel_h": 3,
                "kernel_w": 3, "pad_top": 1, "pad_left": 1, "pad_bottom": 1, "pad_right": 1}

    def act(k):
        return {"id": f"qcfs{k + 1}", "type": "qcfs", "levels": q["levels"], "threshold": lam[k]}

    def pool(i):
        return {"id": f"pool{i}", "type": "avg_pool2d", "kernel_h": 2, "kernel_w": 2,
                "stride_h": 2, "stride_w": 2}

    layers = [conv(1, 16), act(0), pool(1), conv(2, 32), act(1), pool(2),
              {"id": "flatten", "type": "flatten"},
              {"id": "fc1", "type": "dense", "units": 128}, act(2),
              {"id": "fc2", "type": "dense", "units": 10}]
    for layer, key in ((layers[0], "0"), (layers[3], "3"), (layers[7], "7"), (layers[9], "9")):
        layer["weight"] = inits[key + ".weight"]
        layer["bias"] = inits[key + ".bias"]
    project = {"format": "snn-workbench", "version": 1,
               "network": {"populations": [], "projections": [], "monitors": [],
                           "anns": [{"id": "cnn_qcfs",
                                     "input": {"channels": 1, "height": 28, "width": 28},
                                     "layers": layers}]},
               "experiment": {"dt": 1.0, "duration": 100.0, "seed": 1}}
    with open(out, "w") as f:
        json.dump(project, f)


if __name__ == "__main__":
    main()
