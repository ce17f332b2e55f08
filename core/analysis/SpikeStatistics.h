#pragma once

#include <string>
#include <vector>

#include "AnalysisRun.h"

namespace snn {

// What a class reads off a raster, as numbers: per population, how many spikes, the mean rate,
// how many neurons fired, and the inter-spike intervals (ISI) pooled over its neurons — their
// histogram, mean and coefficient of variation CV = std / mean (1 for a Poisson process, 0 for
// a clock; Softky & Koch, J. Neurosci. 13:334, 1993).
struct PopulationStatistics {
  std::string id;
  int64_t size = 0;
  int64_t spikes = 0;
  int64_t neuronsFiring = 0;  // neurons with at least one spike
  double rateHz = 0.0;        // spikes per neuron per second over the counted time
  int64_t intervals = 0;      // ISIs pooled (consecutive spikes of one neuron)
  double meanIsiMs = 0.0;     // NaN without intervals
  double cvIsi = 0.0;         // NaN with fewer than two intervals
  double binMs = 1.0;
  std::vector<int64_t> isiHistogram;  // bin k: [k binMs, (k+1) binMs); the last takes the rest
};

struct StatisticsOptions {
  double fromMs = 0.0;  // spikes before are not counted
  double toMs = 0.0;    // the end of the counted time (the run's duration)
  double binMs = 2.0;
  double maxIsiMs = 200.0;  // the histogram's range; longer intervals land in the last bin
};

std::vector<PopulationStatistics> spikeStatistics(const std::vector<PopulationSpikes>& spikes,
                                                  const StatisticsOptions& options);

}  // namespace snn
