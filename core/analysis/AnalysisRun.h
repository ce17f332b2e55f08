#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "model/NetworkSpec.h"

namespace snn {

// What the analysis tools share: how long to run, how to report progress and when to give up.
struct AnalysisOptions {
  double durationMs = 1000.0;  // simulated per measurement
  double skipMs = 100.0;       // the transient at the start, not counted
  int threads = 1;
  // Called after each measurement (or chunk of a long one) with (done, total); may be empty.
  std::function<void(int64_t done, int64_t total)> progress;
  // Polled between measurements (and between chunks of a long one); true: throw
  // AnalysisCancelled.
  std::function<bool()> cancelled;
};

// Thrown when AnalysisOptions::cancelled said so; nothing is half-written.
struct AnalysisCancelled : std::exception {
  const char* what() const noexcept override { return "analysis cancelled"; }
};

// The spikes of one population over a whole run, in time order.
struct PopulationSpikes {
  std::string id;
  int64_t size = 0;
  std::vector<double> timesMs;
  std::vector<int32_t> neurons;
};

// Runs `project` for `durationMs` recording the spikes of every population that has neurons or
// emits spikes (the project's own monitors are replaced), in chunks so that `options.cancelled`
// is honoured. Throws SpecError naming the object and field when the project does not compile.
std::vector<PopulationSpikes> recordSpikes(const Project& project, double durationMs,
                                           const AnalysisOptions& options);

}  // namespace snn
