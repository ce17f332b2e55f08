#pragma once

namespace snn::propagators {

// Exact-integration coefficients for linear membrane equations driven by exponentially decaying
// synaptic currents, as NEST's iaf_psc_exp precomputes them (Rotter & Diesmann, Biol. Cybern.
// 81:381, 1999). h is the time step, all times in ms, cm in nF, currents in nA, v in mV.
//
//   dv/dt = -(v - v_rest)/tau_m + (I_syn + I_const)/cm,   dI_syn/dt = -I_syn/tau_syn
//
// A synaptic time constant of 0 means a current that lasts exactly one step (a square pulse).

// Decay of the membrane over one step: exp(-h/tau_m); 1 for a non-leaky membrane (tau_m = inf).
double membraneDecay(double h, double tauM);
// Voltage change per nA of a current held constant over the step.
double constantCurrentGain(double h, double tauM, double cm);
// Decay of a synaptic current over one step.
double synapticDecay(double h, double tauSyn);
// Voltage change per nA of synaptic current present at the start of the step.
double synapticCurrentGain(double h, double tauM, double tauSyn, double cm);

}  // namespace snn::propagators
