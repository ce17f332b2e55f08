#!/usr/bin/env python3
"""Writes the golden references tests/core/tst_brian2reference.cpp compares against.

Each case is a small deterministic network (no random numbers) written twice from the same
parameters: as an SNN Workbench project (tests/data/<case>.snnwb.json) and as a Brian2 script
whose spikes and traces go to tests/data/<case>.brian2.json. The tests do not need Brian2; run
this again (with Debian's python3-brian) only when a case changes:

    /usr/bin/python3 scripts/peers/brian2_golden.py
"""
import json, os
import numpy as np
from brian2 import (NeuronGroup, Synapses, SpikeGeneratorGroup, SpikeMonitor, StateMonitor,
                    Network, ms, mV, nA, nF, uS, defaultclock, prefs, start_scope)

prefs.codegen.target = "numpy"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "tests", "data")


def write(case, project, result):
    with open(os.path.join(OUT, case + ".snnwb.json"), "w") as f:
        json.dump(project, f, indent=1)
    with open(os.path.join(OUT, case + ".brian2.json"), "w") as f:
        json.dump(result, f)


def spikes_of(mon):
    return {"neuron": [int(i) for i in mon.i], "time_ms": [float(t / ms) for t in mon.t]}


def lif_network():
    """Spike times -> 20 LIF neurons (per-neuron i_offset and initial v) with delayed input and
    recurrent inhibition, refractoriness, two synaptic time constants; exact integration."""
    start_scope()
    dt = 0.1
    defaultclock.dt = dt * ms
    n = 20
    p = dict(tau_m=20.0, cm=1.0, v_rest=-65.0, v_reset=-70.0, v_thresh=-50.0, t_ref=2.0,
             tau_syn_exc=5.0, tau_syn_inh=10.0)
    i_offset = [0.55 + 0.03 * k for k in range(n)]          # nA; some above rheobase (0.75)
    v0 = [-65.0 + 0.5 * k for k in range(n)]
    src_times = [[5.0, 25.0, 60.0], [10.0, 30.0], [15.0, 15.5, 80.0], [40.0], [50.0, 120.0]]
    inp = [[i, j, 0.6 + 0.1 * ((i + j) % 3), 0.5 * (j % 4)] for i in range(5) for j in range(n) if (i + j) % 2 == 0]
    rec = [[i, j, -0.3, 1.0] for i in range(n) for j in range(n) if i != j and (i * 7 + j) % 5 == 0]
    duration = 300.0

    eqs = """
    dv/dt = -(v - v_rest)/tau_m + (ie + ii + i_offset)/C_m : volt (unless refractory)
    die/dt = -ie/tau_e : amp
    dii/dt = -ii/tau_i : amp
    i_offset : amp
    """
    ns = dict(v_rest=p["v_rest"] * mV, tau_m=p["tau_m"] * ms, C_m=p["cm"] * nF,
              tau_e=p["tau_syn_exc"] * ms, tau_i=p["tau_syn_inh"] * ms)
    G = NeuronGroup(n, eqs, threshold="v > %g*mV" % p["v_thresh"], reset="v = %g*mV" % p["v_reset"],
                    refractory=p["t_ref"] * ms, method="exact", namespace=ns)
    G.v = np.array(v0) * mV
    G.i_offset = np.array(i_offset) * nA
    idx = [i for i, ts in enumerate(src_times) for _ in ts]
    tim = [t for ts in src_times for t in ts]
    S = SpikeGeneratorGroup(5, idx, np.array(tim) * ms)
    Si = Synapses(S, G, "w : amp", on_pre="ie += w")
    Si.connect(i=[r[0] for r in inp], j=[r[1] for r in inp])
    Si.w = np.array([r[2] for r in inp]) * nA
    Si.delay = np.array([r[3] for r in inp]) * ms
    Sr = Synapses(G, G, "w : amp", on_pre="ii += w")
    Sr.connect(i=[r[0] for r in rec], j=[r[1] for r in rec])
    Sr.w = np.array([r[2] for r in rec]) * nA
    Sr.delay = np.array([r[3] for r in rec]) * ms
    sm = SpikeMonitor(G)
    vm = StateMonitor(G, "v", record=[0, 7, 19])
    net = Network(G, S, Si, Sr, sm, vm)
    net.run(duration * ms)

    project = {
        "format": "snn-workbench", "version": 1,
        "network": {
            "populations": [
                {"id": "input", "model": "spike_source", "size": 5, "params": {"spike_times": src_times}},
                {"id": "lif", "model": "lif", "size": n,
                 "params": dict(p, i_offset=i_offset), "init": {"v": v0}}],
            "projections": [
                {"id": "drive", "pre": "input", "post": "lif", "receptor": "exc",
                 "connector": {"type": "from_list", "list": inp}, "weight": 0, "delay": 0},
                {"id": "inhibition", "pre": "lif", "post": "lif", "receptor": "inh",
                 "connector": {"type": "from_list", "list": rec}, "weight": 0, "delay": 0}],
            "monitors": [{"type": "spikes", "target": "lif"},
                         {"type": "state", "target": "lif", "variable": "v", "neurons": [0, 7, 19]}]},
        "experiment": {"dt": dt, "duration": duration, "seed": 1}}
    # Brian2 records at the start of each step: the sample at t is the state at time t.
    result = {"spikes": spikes_of(sm), "trace": {
        "neurons": [0, 7, 19], "time_ms": [float(t / ms) for t in vm.t],
        "v": [[float(x / mV) for x in vm.v[k]] for k in range(3)]}}
    write("brian2_lif_network", project, result)


def izhikevich_rs():
    """Regular-spiking Izhikevich neurons under three constant currents (Euler, as Brian2)."""
    start_scope()
    dt = 0.1
    defaultclock.dt = dt * ms
    amps = [0.006, 0.01, 0.015]  # nA; x1000 = Izhikevich's I
    eqs = """
    dv/dt = (0.04*v**2/mV + 5*v + 140*mV - u + I*mV/pA)/ms : volt
    du/dt = a*(b*v - u)/ms : volt
    I : amp
    """
    G = NeuronGroup(3, eqs, threshold="v > 30*mV", reset="v = -65*mV; u += 8*mV", method="euler",
                    namespace=dict(a=0.02, b=0.2))
    G.v = -65 * mV
    G.u = 0.2 * -65 * mV
    G.I = np.array(amps) * nA
    sm = SpikeMonitor(G)
    Network(G, sm).run(500 * ms)
    project = {
        "format": "snn-workbench", "version": 1,
        "network": {"populations": [{"id": "rs", "model": "izhikevich", "size": 3,
                                     "params": {"preset": "regular_spiking", "i_offset": amps}}],
                    "projections": [], "monitors": [{"type": "spikes", "target": "rs"}]},
        "experiment": {"dt": dt, "duration": 500.0, "seed": 1}}
    write("brian2_izhikevich_rs", project, {"spikes": spikes_of(sm)})


def hodgkin_huxley():
    """The 1952 squid axon under a current step, exponential Euler at dt = 0.01 ms."""
    start_scope()
    dt = 0.01
    defaultclock.dt = dt * ms
    eqs = """
    dv/dt = (-gna*m**3*h*(v-ena) - gk*n**4*(v-ek) - gl*(v-el) + I)/C_m : volt
    dm/dt = alpham*(1-m) - betam*m : 1
    dh/dt = alphah*(1-h) - betah*h : 1
    dn/dt = alphan*(1-n) - betan*n : 1
    alpham = 0.1/mV*(v+40*mV)/(1-exp(-(v+40*mV)/(10*mV)))/ms : Hz
    betam = 4*exp(-(v+65*mV)/(18*mV))/ms : Hz
    alphah = 0.07*exp(-(v+65*mV)/(20*mV))/ms : Hz
    betah = 1/(1+exp(-(v+35*mV)/(10*mV)))/ms : Hz
    alphan = 0.01/mV*(v+55*mV)/(1-exp(-(v+55*mV)/(10*mV)))/ms : Hz
    betan = 0.125*exp(-(v+65*mV)/(80*mV))/ms : Hz
    I : amp
    """
    ns = dict(gna=120 * uS, gk=36 * uS, gl=0.3 * uS, ena=50 * mV, ek=-77 * mV, el=-54.387 * mV, C_m=1 * nF)
    G = NeuronGroup(1, eqs, threshold="v > 0*mV", refractory="v > 0*mV", method="exponential_euler",
                    namespace=ns)
    v0 = -65.0
    am, bm = 0.1 * (v0 + 40) / (1 - np.exp(-(v0 + 40) / 10)), 4 * np.exp(-(v0 + 65) / 18)
    ah, bh = 0.07 * np.exp(-(v0 + 65) / 20), 1 / (1 + np.exp(-(v0 + 35) / 10))
    an, bn = 0.01 * (v0 + 55) / (1 - np.exp(-(v0 + 55) / 10)), 0.125 * np.exp(-(v0 + 65) / 80)
    G.v = v0 * mV
    G.m, G.h, G.n = am / (am + bm), ah / (ah + bh), an / (an + bn)
    sm = SpikeMonitor(G)
    vm = StateMonitor(G, "v", record=[0], dt=0.1 * ms)
    G.I = 0 * nA
    net = Network(G, sm, vm)
    net.run(10 * ms)
    G.I = 10 * nA
    net.run(90 * ms)
    project = {
        "format": "snn-workbench", "version": 1,
        "network": {"populations": [
            {"id": "step", "model": "current_step", "size": 1, "params": {"times": [10], "amplitudes": [10]}},
            {"id": "axon", "model": "hh", "size": 1}],
            "projections": [{"id": "electrode", "pre": "step", "post": "axon",
                             "connector": {"type": "one_to_one"}, "weight": 1}],
            "monitors": [{"type": "spikes", "target": "axon"},
                         {"type": "state", "target": "axon", "variable": "v", "neurons": [0], "every": 10}]},
        "experiment": {"dt": dt, "duration": 100.0, "seed": 1}}
    result = {"spikes": spikes_of(sm), "trace": {"neurons": [0], "time_ms": [float(t / ms) for t in vm.t],
                                                 "v": [[float(x / mV) for x in vm.v[0]]]}}
    write("brian2_hodgkin_huxley", project, result)


if __name__ == "__main__":
    lif_network()
    izhikevich_rs()
    hodgkin_huxley()
    print("golden files written to", os.path.normpath(OUT))
