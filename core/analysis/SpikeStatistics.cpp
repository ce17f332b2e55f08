#include "SpikeStatistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace snn {

std::vector<PopulationStatistics> spikeStatistics(const std::vector<PopulationSpikes>& spikes,
                                                  const StatisticsOptions& options) {
  if (!(options.binMs > 0.0) || !(options.maxIsiMs >= options.binMs))
    throw std::invalid_argument("ISI histogram: the bin must be > 0 ms and <= the range");
  const double span = options.toMs - options.fromMs;
  const auto bins = static_cast<size_t>(std::ceil(options.maxIsiMs / options.binMs));
  std::vector<PopulationStatistics> out;
  for (const PopulationSpikes& p : spikes) {
    PopulationStatistics s;
    s.id = p.id;
    s.size = p.size;
    s.binMs = options.binMs;
    s.isiHistogram.assign(bins, 0);
    std::vector<double> last(static_cast<size_t>(std::max<int64_t>(p.size, 0)),
                             std::numeric_limits<double>::quiet_NaN());
    double sum = 0.0, sumSquares = 0.0;
    for (size_t k = 0; k < p.timesMs.size(); ++k) {
      const double t = p.timesMs[k];
      if (t < options.fromMs || t > options.toMs) continue;
      const auto n = static_cast<size_t>(p.neurons[k]);
      if (n >= last.size()) continue;
      ++s.spikes;
      if (std::isnan(last[n])) {
        ++s.neuronsFiring;
      } else {
        const double isi = t - last[n];
        ++s.intervals;
        sum += isi;
        sumSquares += isi * isi;
        s.isiHistogram[std::min(bins - 1, static_cast<size_t>(isi / options.binMs))] += 1;
      }
      last[n] = t;
    }
    s.rateHz = span > 0.0 && p.size > 0
                   ? static_cast<double>(s.spikes) / static_cast<double>(p.size) / (span / 1000.0)
                   : 0.0;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto n = static_cast<double>(s.intervals);
    s.meanIsiMs = s.intervals > 0 ? sum / n : nan;
    if (s.intervals > 1) {
      const double variance = std::max(0.0, (sumSquares - sum * sum / n) / (n - 1.0));
      s.cvIsi = std::sqrt(variance) / s.meanIsiMs;
    } else {
      s.cvIsi = nan;
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace snn
