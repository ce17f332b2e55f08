#!/usr/bin/python3
"""IR drop of a memristor crossbar: the workbench's folded solve against ngspice (issue 11).

Writes the SPICE netlist of the exact crossbar topology (DESIGN: row i: driver V_i -> r_source ->
r_wire -> cell (i,0) -> r_wire -> cell (i,1) ... ; column j: cell (0,j) -> r_wire -> ... -> cell
(R-1,j) -> r_wire -> r_sense -> virtual ground), runs Debian's ngspice in batch mode (operating
point, one run per input vector), stores each case as JSON and runs
`snnwb-bench-crossbar compare` on them: every column current must agree to 1e-4 relative.

    bench/irdrop_vs_ngspice.py [--sizes 4x4,8x16,32x32,64x64,128x128] [--build build]
                               [--out DIR] [--fixtures]

--fixtures writes the small cases (4x4, 8x16, 16x8, 32x32) into tests/data/crossbar/, where the
C++ test tst_irdrop checks against them without needing ngspice. Strong IR drop: r_wire 2.5 Ohm,
r_source = r_sense = 10 Ohm, conductances uniform in [100 uS, 1 mS], inputs uniform in [0, 0.2] V.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIXTURE_SIZES = ["4x4", "8x16", "16x8", "32x32"]


def netlist(g, v, r_wire, r_source, r_sense):
    """SPICE deck of one array (g in uS, v in V, resistances in Ohm)."""
    rows, cols = len(g), len(g[0])
    out = ["* crossbar %dx%d, snn workbench bench/irdrop_vs_ngspice.py" % (rows, cols),
           ".options gmin=1e-15"]
    for i in range(rows):
        out.append("Vd%d in%d 0 DC %.17g" % (i, i, v[i]))
        out.append("Rin%d in%d r%d_0 %.17g" % (i, i, i, r_source + r_wire))
        for j in range(cols - 1):
            out.append("Rr%d_%d r%d_%d r%d_%d %.17g" % (i, j, i, j, i, j + 1, r_wire))
    for i in range(rows):
        for j in range(cols):
            out.append("Rx%d_%d r%d_%d c%d_%d %.17g" % (i, j, i, j, i, j, 1e6 / g[i][j]))
    for j in range(cols):
        for i in range(rows - 1):
            out.append("Rc%d_%d c%d_%d c%d_%d %.17g" % (i, j, i, j, i + 1, j, r_wire))
        out.append("Rout%d c%d_%d s%d %.17g" % (j, rows - 1, j, j, r_wire + r_sense))
        out.append("Vs%d s%d 0 DC 0" % (j, j))
    out.append(".control")
    out.append("set numdgt=15")
    out.append("op")
    for j in range(cols):
        out.append("print i(vs%d)" % j)
    out.append(".endc")
    out.append(".end")
    return "\n".join(out) + "\n"


def run_spice(deck, cols):
    """Column currents in uA from one ngspice batch run, and its wall time."""
    with tempfile.NamedTemporaryFile("w", suffix=".cir", delete=False) as f:
        f.write(deck)
        path = f.name
    try:
        t0 = time.perf_counter()
        # ngspice -b exits with 1 when the deck has no .print line, even after the control block ran;
        # the parsed currents below are the check.
        out = subprocess.run(["ngspice", "-b", path], capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
    finally:
        os.unlink(path)
    currents = {}
    for m in re.finditer(r"i\(vs(\d+)\)\s*=\s*([-+0-9.eE]+)", out.stdout):
        currents[int(m.group(1))] = float(m.group(2)) * 1e6  # A -> uA
    if len(currents) != cols:
        sys.exit("ngspice gave %d of %d column currents:\n%s" % (len(currents), cols, out.stdout[-2000:]))
    return [currents[j] for j in range(cols)], elapsed


def make_case(size, seed, inputs=2, r_wire=2.5, r_source=10.0, r_sense=10.0):
    rows, cols = (int(x) for x in size.split("x"))
    rng = random.Random(seed)
    g = [[rng.uniform(100.0, 1000.0) for _ in range(cols)] for _ in range(rows)]
    vs = [[rng.uniform(0.0, 0.2) for _ in range(rows)] for _ in range(inputs)]
    currents, spice_s = [], 0.0
    for v in vs:
        i, t = run_spice(netlist(g, v, r_wire, r_source, r_sense), cols)
        currents.append(i)
        spice_s += t
    version = subprocess.run(["ngspice", "-v"], capture_output=True, text=True).stdout
    version = next((l.strip("* ").strip() for l in version.splitlines() if "ngspice-" in l), "ngspice")
    return {
        "made_by": "bench/irdrop_vs_ngspice.py (seed %d), %s, operating point" % (seed, version),
        "rows": rows, "cols": cols,
        "r_wire": r_wire, "r_source": r_source, "r_sense": r_sense,
        "conductances": g, "inputs": vs, "spice_currents": currents,
        "spice_seconds": spice_s,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="4x4,8x16,16x8,32x32,64x64,128x128")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--out", default=None, help="where the case files go (default: a temp dir)")
    ap.add_argument("--fixtures", action="store_true", help="also write tests/data/crossbar/")
    args = ap.parse_args()

    out_dir = args.out or tempfile.mkdtemp(prefix="irdrop_")
    os.makedirs(out_dir, exist_ok=True)
    files = []
    for k, size in enumerate(args.sizes.split(",")):
        case = make_case(size, seed=100 + k)
        path = os.path.join(out_dir, "irdrop_%s.json" % size)
        with open(path, "w") as f:
            json.dump(case, f)
        files.append(path)
        print("%-8s ngspice %.2f s for %d inputs" % (size, case["spice_seconds"], len(case["inputs"])))
        if args.fixtures and size in FIXTURE_SIZES:
            fixture = os.path.join(ROOT, "tests", "data", "crossbar", "spice_%s.json" % size)
            os.makedirs(os.path.dirname(fixture), exist_ok=True)
            del case["spice_seconds"]
            with open(fixture, "w") as f:
                json.dump(case, f, indent=None)
                f.write("\n")
            print("  wrote", os.path.relpath(fixture, ROOT))
    bench = os.path.join(args.build, "bench", "snnwb-bench-crossbar")
    return subprocess.run([bench, "compare"] + files).returncode


if __name__ == "__main__":
    sys.exit(main())
