#pragma once

#include "ConversionEvaluation.h"
#include "ConvertedSnn.h"
#include "energy/EnergyModel.h"
#include "model/EnergySpec.h"

namespace snn {

// The energy of one conversion evaluation (`snnwb-cli convert --json`'s "energy" block): the
// evaluator's exact per-layer spikes and synaptic operations become operation counts (one IF
// population and one projection per stage, dt = 1 ms, T steps per sample, every neuron updated
// every step; the input current drives each stage's array in every step, so a hypothetical
// crossbar is read every step), priced by energyFromCounts, with the ANN substrates replaced by
// the source ANN itself (useSourceAnn). Priced with a project's energy settings: its chip and the
// constants it changes (the defaults when `energy` is left default). Throws std::invalid_argument
// naming an unknown constant or chip.
// The operation counts conversionEnergy prices (as described there), for pricing them again
// with other constants (the Energy dock).
OperationCounts conversionCounts(const ConvertedSnn& snn, const ConversionResult& result);

// Accuracies beside the bars of a conversion's report: the ANN's on the ANN bars, the SNN's at
// T on the SNN bars, none on the crossbar (the converted network is not mapped; a note says so).
void applyConversionAccuracies(EnergyReport& report, double annAccuracy, double snnAccuracy);

// With the accuracies of `result` beside the bars (applyConversionAccuracies).
EnergyReport conversionEnergy(const ConvertedSnn& snn, const AnnSpec& ann,
                              const ConversionResult& result, const EnergySpec& energy = {});

}  // namespace snn
