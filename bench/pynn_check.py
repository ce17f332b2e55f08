#!/usr/bin/python3
"""Runs deterministic networks on SNN Workbench and, exported with `snnwb-cli export --to pynn`,
on PyNN's brian2 backend (Debian's python3-pynn + python3-brian), and compares the spikes:
same population, same neuron, same time step, for every spike.

    bench/pynn_check.py [--cli build/app/cli/snnwb-cli] [--keep DIR]

Exit status 0 when every network gives identical spikes. Needs the Python peers; the C++ tests
do not.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
NETWORKS = [
    # spike sources with off-grid times, LIF with refractoriness and i_offset, signed weights
    # split onto PyNN's two receptors
    os.path.join(HERE, "pynn", "sources_lif.snnwb.json"),
    # delays (uniform and per synapse), recurrence, an inhibitory receptor with its own tau
    os.path.join(HERE, "pynn", "delays_recurrent.snnwb.json"),
    # a LIF driven by current steps (StepCurrentSource), the README's single-neuron example
    os.path.join(ROOT, "resources", "examples", "single_lif.snnwb.json"),
]


def rows(path):
    with open(path) as f:
        lines = f.read().splitlines()
    assert lines[0] == "population,neuron,time_ms", path
    return lines[1:]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "cli", "snnwb-cli"))
    parser.add_argument("--keep", help="keep the scripts and CSV files in this folder")
    args = parser.parse_args()
    work = args.keep or tempfile.mkdtemp(prefix="pynn_check_")
    os.makedirs(work, exist_ok=True)
    failures = 0
    for project in NETWORKS:
        name = os.path.basename(project).replace(".snnwb.json", "")
        script = os.path.join(work, name + ".py")
        ours = os.path.join(work, name + ".snnwb.csv")
        theirs = os.path.join(work, name + ".pynn_brian2.csv")
        subprocess.run([args.cli, "export", project, "--to", "pynn", "--out", script],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([args.cli, "run", project, "--spikes", ours], check=True,
                       stdout=subprocess.DEVNULL)
        start = time.time()
        subprocess.run(["/usr/bin/python3", script, "brian2", "--spikes", theirs], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.time() - start
        a, b = rows(ours), rows(theirs)
        same = a == b
        failures += not same
        print("%-18s %5d spikes (workbench) %5d (PyNN/brian2, %.0f s)  %s"
              % (name, len(a), len(b), seconds, "identical" if same else "DIFFERENT"))
        if not same:
            for k, (x, y) in enumerate(zip(a, b)):
                if x != y:
                    print("    first difference at row %d: workbench %s, PyNN %s" % (k + 1, x, y))
                    break
    print("%d of %d networks give identical spikes" % (len(NETWORKS) - failures, len(NETWORKS)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
