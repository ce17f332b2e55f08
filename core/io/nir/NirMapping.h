#pragma once

#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace snn::nir {

// The conventions that tie NIR's dimensionless, continuous-time graph to the workbench's units
// (docs/nir.md states the whole mapping).
//
// Units: NIR times are seconds (the NIR paper; every fixture writes tau in s); the workbench's
// are ms. NIR voltages, currents and resistances carry no unit: one NIR unit is taken as 1 mV,
// 1 nA and 1 MOhm, which keeps v = R I true (mV = MOhm x nA) and changes no number but times.
inline constexpr double kMsPerSecond = 1000.0;

// What one NIR spike is, as a signal entering the node it reaches. NIR's equations take spikes
// as inputs to ODEs without saying which of the two a file means (the NIR repository's
// paper/01_lif/debug_spike_representation/README.md discusses exactly this):
enum class SpikeConvention {
  // A unit pulse held for one time step: what discrete-time tools (Norse, snnTorch, Sinabs,
  // Rockpool) compute and so what their files mean. Exact in the workbench for LIF and IF (a
  // synaptic time constant of 0: a current that lasts exactly one step); a CubaLIF's synaptic
  // ODE filtering a one-step pulse has no exact workbench equivalent.
  PerStep,
  // A Dirac impulse of unit area (in seconds): the equations read literally. Exact for CubaLIF
  // (the synaptic current jumps by w_in W / tau_syn, the workbench's exponential synapse); LIF
  // and IF would jump their voltage, which no workbench synapse does.
  Dirac,
};

// Whose reading of the neuron nodes a file follows. NIR states each neuron's equations; a
// discrete-time tool that writes a file reads it back into its own layers, which may fire and
// reset otherwise. A file carries no mark of its writer, so the user names the dialect.
enum class NirDialect {
  // The equations as NIR states them (nir/ir/neuron.py): spike when v > v_threshold, reset to
  // v_reset, at most one spike per step.
  Nir,
  // IF as Sinabs builds it from NIR (sinabs/nir.py, from_nir): IAFSqueeze with
  // spike_threshold = v_threshold, min_v_mem = -v_threshold and its defaults MultiSpike
  // (trunc(v / v_threshold) spikes when v > 0) and MembraneSubtract; v += R W per spike. The
  // workbench's multi_spike_if is that layer.
  Sinabs,
};

// The threshold of an imported LI or CubaLI (non-spiking readouts): the largest double, which
// v exceeds only when it is +infinity, which no finite run reaches (and the divergence watch
// reports). The population is exactly a leaky integrator and its v is the readout.
inline constexpr double kReadoutThresholdMv = std::numeric_limits<double>::max();

const char* spikeConventionName(SpikeConvention c);  // "per_step", "dirac"
std::optional<SpikeConvention> parseSpikeConvention(std::string_view name);
const char* dialectName(NirDialect d);  // "nir", "sinabs"
std::optional<NirDialect> parseDialect(std::string_view name);

// The graph metadata entry in which the exporter records the convention it wrote with; the
// importer uses it only when the caller does not choose (NIR: metadata is never essential).
inline constexpr const char* kSpikeConventionMetadata = "snnwb_spike_convention";
// Likewise the dialect (written only when it is not nir).
inline constexpr const char* kDialectMetadata = "snnwb_dialect";

}  // namespace snn::nir
