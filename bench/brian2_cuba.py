#!/usr/bin/env python3
"""Brian2's CUBA example (Vogels & Abbott 2005, as in brian2/examples/CUBA.py), the peer for
bench/cuba.sh. Prints one JSON line: build and simulation wall time, spike counts and rates.

Run with Debian's python3-brian:  /usr/bin/python3 bench/brian2_cuba.py [--standalone] [--duration MS]
"""
import argparse, json, os, tempfile, time

parser = argparse.ArgumentParser()
parser.add_argument("--standalone", action="store_true", help="C++ standalone device")
parser.add_argument("--duration", type=float, default=1000.0, help="simulated ms")
parser.add_argument("--threads", type=int, default=1, help="OpenMP threads (standalone only)")
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()

from brian2 import (NeuronGroup, Synapses, SpikeMonitor, Network, ms, mV, prefs, seed,
                    set_device, device, defaultclock)

if args.standalone:
    out = tempfile.mkdtemp(prefix="brian2_cuba_")
    set_device("cpp_standalone", directory=out, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = args.threads if args.threads > 1 else 0
else:
    prefs.codegen.target = "cython"
seed(args.seed)
defaultclock.dt = 0.1 * ms

taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
eqs = """
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
"""
t0 = time.perf_counter()
P = NeuronGroup(4000, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms, method="exact")
P.v = "Vr + rand() * (Vt - Vr)"
P.ge = 0 * mV
P.gi = 0 * mV
we = (60 * 0.27 / 10) * mV  # 1.62 mV excitatory jump
wi = (-20 * 4.5 / 10) * mV  # -9 mV inhibitory jump
Ce = Synapses(P, P, on_pre="ge += we")
Ci = Synapses(P, P, on_pre="gi += wi")
Ce.connect("i<3200", p=0.02)
Ci.connect("i>=3200", p=0.02)
s_mon = SpikeMonitor(P, record=False)  # counts only
net = Network(P, Ce, Ci, s_mon)
net.run(args.duration * ms, report=None)
if args.standalone:
    device.build(directory=out, compile=True, run=True, debug=False)
    # Brian2 measures the run itself inside the generated program.
    sim_s = device._last_run_time
    build_s = time.perf_counter() - t0 - sim_s
else:
    sim_s = time.perf_counter() - t0
    build_s = float("nan")
counts = s_mon.count[:]
exc, inh = int(counts[:3200].sum()), int(counts[3200:].sum())
sec = args.duration / 1000.0
print(json.dumps({"peer": "brian2-standalone" if args.standalone else "brian2-runtime",
                  "duration_ms": args.duration, "build_s": build_s, "sim_s": sim_s,
                  "exc_spikes": exc, "inh_spikes": inh,
                  "exc_rate_hz": exc / 3200 / sec, "inh_rate_hz": inh / 800 / sec}))
