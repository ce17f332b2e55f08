#!/usr/bin/python3
"""Diehl & Cook 400 (resources/examples/stdp_fashion) with its input synapses (784 x 400, learning
by STDP) on ideal synapses and on a crossbar (RRAM HfOx device, 5 % read noise, IR drop with
r_wire 1 Ohm, 128 x 128 arrays, 8-bit ADC; STDP then runs as device pulses), fed Fashion-MNIST
test images (350 ms shown, 150 ms rest). Times `snnwb-cli run --json` (sim_s) several times,
alternating the two, and prints the medians and their ratio; also with plasticity off (frozen
weights: reads only). The machine is shared: compare the ratio, not the absolute times.

  bench/crossbar_network_speed.py [--cli build/app/cli/snnwb-cli] [--duration 2000] [--repeats 5]
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

CROSSBAR = {"id": "xb_input", "rows": 784, "cols": 800,
            "device": {"preset": "rram_hfox", "read_noise": 0.05},
            "array": {"tile_rows": 128, "tile_cols": 128, "r_wire": 1.0, "adc_bits": 8},
            "mapping": {"w_max": 1.0}}


def variants(plastic):
    with open(os.path.join(ROOT, "resources/examples/stdp_fashion.snnwb.json")) as f:
        base = json.load(f)
    for pop in base["network"]["populations"]:
        if pop["id"] == "pixels":
            pop["feed"] = {"dataset": "fashion-mnist", "split": "test", "present_ms": 350,
                           "rest_ms": 150}
    base["network"]["monitors"] = []
    for proj in base["network"]["projections"]:
        if proj["id"] == "input" and not plastic:
            proj.pop("plasticity", None)
    ideal = json.loads(json.dumps(base))
    crossbar = json.loads(json.dumps(base))
    crossbar["network"]["crossbars"] = [CROSSBAR]
    for proj in crossbar["network"]["projections"]:
        if proj["id"] == "input":
            proj["crossbar"] = "xb_input"
    return ideal, crossbar


def run(cli, project, duration):
    out = subprocess.run([cli, "run", project, "--duration", str(duration), "--json"],
                         check=True, capture_output=True, text=True).stdout
    r = json.loads(out)
    return r["sim_s"], r["build_s"], r["populations"]["exc"]["spikes"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cli", default=os.path.join(ROOT, "build/app/cli/snnwb-cli"))
    ap.add_argument("--duration", type=float, default=2000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for plastic in (True, False):
            paths = []
            for name, project in zip(("ideal", "crossbar"), variants(plastic)):
                path = os.path.join(tmp, name + ".snnwb.json")
                with open(path, "w") as f:
                    json.dump(project, f)
                paths.append(path)
            times = {"ideal": [], "crossbar": []}
            for _ in range(args.repeats):
                for name, path in zip(("ideal", "crossbar"), paths):
                    sim, build, spikes = run(args.cli, path, args.duration)
                    times[name].append(sim)
            ideal, crossbar = statistics.median(times["ideal"]), statistics.median(times["crossbar"])
            print(json.dumps({"plasticity": plastic, "simulated_ms": args.duration,
                              "ideal_sim_s": ideal, "crossbar_sim_s": crossbar,
                              "ratio": crossbar / ideal, "crossbar_build_s": build,
                              "exc_spikes_crossbar": spikes,
                              "all_ideal": times["ideal"], "all_crossbar": times["crossbar"]}))


if __name__ == "__main__":
    main()
