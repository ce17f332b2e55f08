#pragma once

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

const char* spikeConventionName(SpikeConvention c);  // "per_step", "dirac"
std::optional<SpikeConvention> parseSpikeConvention(std::string_view name);

// The graph metadata entry in which the exporter records the convention it wrote with; the
// importer uses it only when the caller does not choose (NIR: metadata is never essential).
inline constexpr const char* kSpikeConventionMetadata = "snnwb_spike_convention";

}  // namespace snn::nir
