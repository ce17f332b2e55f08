#include "RecordingCsv.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <tuple>

#include "AtomicFile.h"
#include "model/NumberText.h"
#include "model/StepCount.h"

namespace snn {

namespace {
// Shortest text that reads back as the same time (0.1 * 3 prints as 0.3).
const char* formatNumber(double v, char (&buf)[32]) {
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}
}  // namespace

void Recording::append(SimulationChunk chunk) {
  chunks_.push_back(std::move(chunk));
}

void writeSpikeCsv(const Recording& recording, const std::filesystem::path& path) {
  AtomicFile file(path);
  std::ostream& out = file.stream();
  out << "population,neuron,time_ms\n";
  char buf[32];
  for (const SimulationChunk& c : recording.chunks()) {
    // Chunks follow each other in time; within a chunk, interleave populations by step.
    std::vector<std::tuple<int64_t, size_t, int32_t>> rows;
    for (size_t p = 0; p < c.spikes.size(); ++p)
      for (size_t k = 0; k < c.spikes[p].steps.size(); ++k)
        rows.emplace_back(c.spikes[p].steps[k], p, c.spikes[p].neurons[k]);
    std::sort(rows.begin(), rows.end());
    for (const auto& [step, p, neuron] : rows)
      out << c.populations[p] << ',' << neuron << ',' << formatNumber(c.timeMs(step), buf) << '\n';
  }
  file.commit();
}

void writeTraceCsv(const Recording& recording, const std::filesystem::path& path) {
  AtomicFile file(path);
  std::ostream& out = file.stream();
  out << "population,variable,neuron,time_ms,value\n";
  char t[32], v[32];
  if (recording.chunks().empty()) {
    file.commit();
    return;
  }
  const size_t monitors = recording.chunks().front().states.size();
  for (size_t m = 0; m < monitors; ++m) {
    for (const SimulationChunk& c : recording.chunks()) {
      const StateRecord& r = c.states[m];
      for (size_t s = 0; s < r.sampleSteps.size(); ++s)
        for (size_t k = 0; k < r.neurons.size(); ++k)
          out << r.population << ',' << r.variable << ',' << r.neurons[k] << ','
              << formatNumber(r.timeMs(s, c.dt), t) << ','
              << formatNumber(r.values[s * r.neurons.size() + k], v) << '\n';
    }
  }
  file.commit();
}

void writeRateCsv(const Recording& recording, const std::vector<size_t>& populations,
                  const std::vector<int64_t>& sizes, double binMs,
                  const std::filesystem::path& path) {
  AtomicFile file(path);
  std::ostream& out = file.stream();
  out << "population,time_ms,rate_hz\n";
  char t[32], r[32];
  if (!recording.chunks().empty()) {
    const double dt = recording.chunks().front().dt;
    // Checked: a bin longer than any run is one bin; NaN or a negative width is refused.
    const std::optional<int64_t> steps = stepsOrNever(binMs, dt);
    if (!steps)
      throw std::runtime_error("the rate bin must be a width > 0 ms (got " +
                               snn::formatNumber(binMs) + ")");
    const int64_t binSteps = std::max<int64_t>(1, *steps);
    for (size_t p : populations) {
      int64_t count = 0, inBin = 0, binStart = 0;
      auto flush = [&] {
        const double seconds = static_cast<double>(inBin) * dt / 1000.0;
        out << recording.chunks().front().populations[p] << ',' << formatNumber(binStart * dt, t)
            << ','
            << formatNumber(static_cast<double>(count) / static_cast<double>(sizes[p]) / seconds, r)
            << '\n';
      };
      for (const SimulationChunk& c : recording.chunks())
        for (size_t s = 0; s < c.countsPerStep[p].size(); ++s) {
          if (inBin == binSteps) {
            flush();
            binStart += binSteps;
            count = inBin = 0;
          }
          count += c.countsPerStep[p][s];
          ++inBin;
        }
      if (inBin > 0) flush();
    }
  }
  file.commit();
}

}  // namespace snn
