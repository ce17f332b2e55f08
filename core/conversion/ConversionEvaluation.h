#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ConvertedSnn.h"
#include "data/Dataset.h"

namespace snn {

// How well one hidden layer's FS code approximates its activation (fs conversion): on [lo, hi],
// the largest and the root-mean-square error (FsFit).
struct FsLayerFit {
  std::string id;
  AnnLayerType activation = AnnLayerType::Relu;
  double lo = 0.0, hi = 1.0;
  double maxError = 0.0, rmsError = 0.0;
};

// One evaluation of a converted network at T steps on a test set: what `snnwb-cli convert
// --json` prints per T, and the per-layer activity an energy estimate is made from.
struct ConversionResult {
  std::string method;  // "rate" or "fs"
  int timesteps = 0;
  double annAccuracy = 0.0;  // fractions
  double snnAccuracy = 0.0;
  double spikesPerNeuron = 0.0;  // per neuron of the SNN (all layers), per sample
  double simSeconds = 0.0;       // wall time of the SNN evaluation
  int64_t testSamples = 0;
  std::vector<StageActivity> activity;  // per layer, summed over the samples
  std::vector<FsLayerFit> fsFits;       // fs: per hidden layer
};

// Test accuracy of the ANN itself on the first `n` samples (batched forward).
double annTestAccuracy(const AnnSpec& ann, const Dataset& test, int64_t n, int threads);

// Runs the converted network on the first `n` test samples for `timesteps` steps each (the
// batched evaluator, synchronous schedule) and fills everything but method and annAccuracy.
ConversionResult evaluateConverted(const ConvertedSnn& snn, const Dataset& test, int64_t n,
                                   int timesteps, int threads);

}  // namespace snn
