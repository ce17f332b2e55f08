#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "model/NetworkSpec.h"

namespace snn {

// Everything in a project that PyNN cannot express exactly, each named with its reason.
class PynnExportError : public std::runtime_error {
 public:
  explicit PynnExportError(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

struct PynnExport {
  std::string script;
  // What the script reproduces only in distribution, not spike for spike (Poisson sources,
  // random connectors and weights drawn by PyNN's own generator).
  std::vector<std::string> notes;
};

// A readable PyNN 0.10 script for the project (Davison et al., Front. Neuroinform. 2:11, 2009),
// runnable as `python3 net.py SIMULATOR [--spikes OUT.csv]` on nest, brian2, neuron, spiNNaker...
// and writing spikes in the workbench's CSV format (population,neuron,time_ms, sorted by time).
// Units are PyNN's and the workbench's alike (ms, mV, nA, nF, Hz), so every number is copied:
//   lif -> IF_curr_exp (cm, tau_m, v_rest, v_reset, v_thresh, tau_refrac = t_ref, tau_syn_E/I,
//          i_offset), izhikevich (no synaptic input) -> Izhikevich, spike_source ->
//          SpikeSourceArray, poisson -> SpikeSourcePoisson, current_step -> StepCurrentSource
//          injected with each target's total gain;
//   connectors -> AllToAll, OneToOne, FixedProbability, FixedNumberPre, FromList (per-synapse
//          weights); weights split by sign onto PyNN's excitatory/inhibitory receptors.
// Per-neuron parameters and initial values are written as the values the workbench draws for
// the project's seed. Throws PynnExportError listing every population and projection PyNN
// cannot express (other models, reset by subtraction, one-step synapses, dataset feeds,
// plasticity, a sign on the receptor whose time constant differs...).
PynnExport exportPynn(const Project& project);

}  // namespace snn
