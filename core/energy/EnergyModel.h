#pragma once

#include <cstdint>
#include <string>

#include "AnnOperationCounts.h"
#include "EnergyConstants.h"
#include "EnergyReport.h"
#include "OperationCounts.h"

namespace snn {

struct EnergyOptions {
  std::string chip = "loihi";  // the digital neuromorphic chip of the "snn_chip" substrate
};

// The energy of a run on every substrate, from its exact operation counts and a table of
// constants. The substrates and what each assumes (also in each substrate's `assumption`):
//  - ann_fp32, ann_int8: the ANN with the same connections on a 45 nm CMOS accelerator: every
//    synapse is one MAC per evaluation; an evaluation is a presented sample when the run was fed a
//    dataset, otherwise a time step (a time-stepped ANN that updates every synapse each step).
//    Each MAC reads its weight from SRAM (4 or 1 bytes).
//  - snn_cmos: the SNN on the same CMOS: one accumulate (fp32 add) per synaptic operation, one
//    MAC per neuron update (the SpikingJelly / snnTorch convention, plus memory and neurons).
//  - snn_chip: the SNN on a digital neuromorphic chip (options.chip): synaptic operations,
//    neuron updates and spikes at the chip's published figures.
//  - crossbar: projections carried by crossbars from their own counters (device reads V^2 G t,
//    ADC and DAC conversions, pulses); every other projection mapped hypothetically onto one
//    array with differential pairs read once per step in which a pre neuron spiked (every
//    column through an ADC), at the table's xbar.* device figures; neurons in digital CMOS.
// Throws std::invalid_argument for an unknown chip.
EnergyReport energyFromCounts(const OperationCounts& counts, const EnergyTable& table,
                              const EnergyOptions& options = {});

// The "crossbar" substrate alone (CrossbarEnergy.cpp).
SubstrateEnergy crossbarEnergy(const OperationCounts& counts, const EnergyTable& table);

// The ANN itself on a CMOS accelerator (fp32, or int8 when `int8`), per layer from the layer
// formulas (annOperationCounts), for `inferences` samples: what conversion compares the SNN
// with. Throws SpecError for an invalid network.
SubstrateEnergy annEnergy(const AnnSpec& spec, int64_t inferences, const EnergyTable& table,
                          bool int8);

// For a network converted from an ANN (conversion's `convert --json`): replaces the report's
// ann_fp32 and ann_int8 substrates, priced from the SNN's connections, with the source ANN
// itself (annEnergy over `inferences` samples), so that the bars compare the converted SNN with
// the ANN it came from. Throws SpecError for an invalid network.
void useSourceAnn(EnergyReport& report, const AnnSpec& ann, int64_t inferences,
                  const EnergyTable& table);

}  // namespace snn
