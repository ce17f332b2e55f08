#!/usr/bin/python3
"""Makes resources/examples/crossbar_surrogate_digits.snnwb.json: the surrogate-gradient digits
network trained for 3 epochs (snnwb-cli train), both of its projections then put on RRAM
crossbars (TaOx preset, 16 levels, 5 % device-to-device variation, 1 % stuck devices, wires
of 1 Ohm on 64 x 64 tiles), for the Crossbar Sweep dock and lesson 9.

Usage: scripts/make_crossbar_example.py BUILD_DIR
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

root = Path(__file__).resolve().parent.parent
build = Path(sys.argv[1] if len(sys.argv) > 1 else root / "build")
with tempfile.TemporaryDirectory() as tmp:
    trained = Path(tmp) / "trained.snnwb.json"
    subprocess.run([str(build / "app/cli/snnwb-cli"), "train",
                    str(root / "resources/examples/surrogate_digits.snnwb.json"),
                    "--epochs", "3", "--out", str(trained)], check=True)
    project = json.loads(trained.read_text())

sizes = {p["id"]: p["size"] for p in project["network"]["populations"]}
crossbars = []
for k, proj in enumerate(project["network"]["projections"], start=1):
    xb = f"xb{k}"
    proj["crossbar"] = xb
    crossbars.append({
        "id": xb, "rows": sizes[proj["pre"]], "cols": 2 * sizes[proj["post"]],
        "device": {"preset": "rram_taox", "levels": 16, "step_d2d": 0.05},
        "array": {"tile_rows": 64, "tile_cols": 64, "r_wire": 1.0},
        "faults": {"stuck_on_rate": 0.005, "stuck_off_rate": 0.005}})
project["network"]["crossbars"] = crossbars
project["layout"]["xb1"] = {"x": 180, "y": 240}
project["layout"]["xb2"] = {"x": 420, "y": 240}
out = root / "resources/examples/crossbar_surrogate_digits.snnwb.json"
out.write_text(json.dumps(project, indent=1) + "\n")
print("wrote", out)
