#!/usr/bin/python3
"""Diehl & Cook 400 (resources/examples/stdp_fashion) with its input synapses (784 x 400, learning
by STDP) on ideal synapses and on a crossbar (RRAM HfOx device, 5 % read noise, IR drop with
r_wire 1 Ohm, 128 x 128 arrays, 8-bit ADC; STDP then runs as device pulses), fed Fashion-MNIST
test images (350 ms shown, 150 ms rest). Times `snnwb-cli run --json` (sim_s) several times,
alternating the two, and prints the medians and their ratio; also with plasticity off (frozen
weights: reads only). The machine is shared: compare the ratio, not the absolute times.

Printed per setting (one JSON line each): the medians of sim_s and build_s (compile: connectors,
programming and folding the crossbar) on both, their ratios, the excitatory spikes of both runs
(the crossbar's periphery changes the dynamics, so a ratio is only fair when they are close), and
with plasticity the learning's own cost: (plastic - frozen) sim_s on the crossbar against the same
on ideal synapses ("stdp_overhead_ratio").

  bench/crossbar_network_speed.py [--cli build/app/cli/snnwb-cli] [--duration 2000] [--repeats 5]

With --cpu BENCH (build/bench/snnwb-bench-crossbar-network) the same four projects are compiled
once each in BENCH and simulated --repeats times; the ratios are of the simulating thread's CPU
time (medians), which a loaded machine disturbs far less than wall time.

  bench/crossbar_network_speed.py --cpu build/bench/snnwb-bench-crossbar-network [--duration 2000]
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


def measure(cli, tmp, plastic, duration, repeats):
    paths = []
    for name, project in zip(("ideal", "crossbar"), variants(plastic)):
        path = os.path.join(tmp, name + ("_plastic" if plastic else "_frozen") + ".snnwb.json")
        with open(path, "w") as f:
            json.dump(project, f)
        paths.append(path)
    sims = {"ideal": [], "crossbar": []}
    builds = {"ideal": [], "crossbar": []}
    spikes = {}
    for _ in range(repeats):  # alternating, so that a load change hits both alike
        for name, path in zip(("ideal", "crossbar"), paths):
            sim, build, exc = run(cli, path, duration)
            sims[name].append(sim)
            builds[name].append(build)
            spikes[name] = exc
    med = {k: statistics.median(v) for k, v in sims.items()}
    build = {k: statistics.median(v) for k, v in builds.items()}
    return {"plasticity": plastic, "simulated_ms": duration, "repeats": repeats,
            "ideal_sim_s": med["ideal"], "crossbar_sim_s": med["crossbar"],
            "ratio": med["crossbar"] / med["ideal"],
            "ideal_build_s": build["ideal"], "crossbar_build_s": build["crossbar"],
            "exc_spikes_ideal": spikes["ideal"], "exc_spikes_crossbar": spikes["crossbar"],
            "all_ideal": sims["ideal"], "all_crossbar": sims["crossbar"],
            "all_crossbar_build": builds["crossbar"]}


def cpu_ratios(bench, duration, repeats):
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for plastic in (False, True):
            for name, project in zip(("ideal", "crossbar"), variants(plastic)):
                key = name + ("_plastic" if plastic else "_frozen")
                paths[key] = os.path.join(tmp, key + ".snnwb.json")
                with open(paths[key], "w") as f:
                    json.dump(project, f)
        out = subprocess.run([bench, *paths.values(), "--duration", str(duration), "--repeat",
                              str(repeats)], check=True, capture_output=True, text=True).stdout
        runs = dict(zip(paths, (json.loads(line) for line in out.splitlines())))
    result = {"simulated_ms": duration, "repeats": repeats}
    for key, r in runs.items():
        result[key] = {"sim_cpu_s": r["sim_cpu_s"], "build_cpu_s": r["build_cpu_s"],
                       "build_wall_s": r["build_wall_s"], "exc_spikes": r["spikes"]["exc"]}
    cpu = {k: r["sim_cpu_s"] for k, r in runs.items()}
    result["ratio_frozen"] = cpu["crossbar_frozen"] / cpu["ideal_frozen"]
    result["ratio_plastic"] = cpu["crossbar_plastic"] / cpu["ideal_plastic"]
    ideal_stdp = cpu["ideal_plastic"] - cpu["ideal_frozen"]
    crossbar_stdp = cpu["crossbar_plastic"] - cpu["crossbar_frozen"]
    result["stdp_overhead_cpu_s"] = {"ideal": ideal_stdp, "crossbar": crossbar_stdp}
    if ideal_stdp > 0:
        result["stdp_overhead_ratio"] = crossbar_stdp / ideal_stdp
    print(json.dumps(result))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cli", default=os.path.join(ROOT, "build/app/cli/snnwb-cli"))
    ap.add_argument("--duration", type=float, default=2000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--frozen-only", action="store_true", help="skip the plastic runs")
    ap.add_argument("--cpu", metavar="BENCH", help="CPU time through snnwb-bench-crossbar-network")
    args = ap.parse_args()
    if args.cpu:
        cpu_ratios(args.cpu, args.duration, args.repeats)
        return
    with tempfile.TemporaryDirectory() as tmp:
        frozen = measure(args.cli, tmp, False, args.duration, args.repeats)
        print(json.dumps(frozen), flush=True)
        if args.frozen_only:
            return
        plastic = measure(args.cli, tmp, True, args.duration, args.repeats)
        ideal_stdp = plastic["ideal_sim_s"] - frozen["ideal_sim_s"]
        crossbar_stdp = plastic["crossbar_sim_s"] - frozen["crossbar_sim_s"]
        plastic["stdp_overhead_s"] = {"ideal": ideal_stdp, "crossbar": crossbar_stdp}
        if ideal_stdp > 0:
            plastic["stdp_overhead_ratio"] = crossbar_stdp / ideal_stdp
        print(json.dumps(plastic), flush=True)


if __name__ == "__main__":
    main()
