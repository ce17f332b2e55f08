#pragma once

// Helpers shared by the tests: fuzzy comparison of floats, example paths, building projects.
#include <QString>
#include <QTest>
#include <cmath>
#include <string>

#include "io/ProjectJson.h"

namespace snn::test {

// Path of a file in the source tree, e.g. source("resources/examples/cuba.snnwb.json").
inline std::string source(const std::string& relative) {
  return std::string(SNNWB_SOURCE_DIR) + "/" + relative;
}

// |actual - expected| <= absolute + relative * |expected|, with a message saying by how much not.
inline bool near(double actual, double expected, double absolute, double relative = 0.0) {
  return std::abs(actual - expected) <= absolute + relative * std::abs(expected);
}

#define SNN_COMPARE_NEAR(actual, expected, tolerance)              \
  do {                                                             \
    const double a_ = (actual), e_ = (expected), t_ = (tolerance); \
    if (!(std::abs(a_ - e_) <= t_))                                \
      QFAIL(qPrintable(QString("%1 = %2, expected %3 within %4")   \
                           .arg(#actual)                           \
                           .arg(a_, 0, 'g', 10)                    \
                           .arg(e_, 0, 'g', 10)                    \
                           .arg(t_)));                             \
  } while (0)

// A project from JSON text; fails the test with the diagnostics if it does not parse.
inline Project parse(const std::string& json) {
  ProjectParseResult r = parseProject(json);
  if (!r.ok()) qWarning("%s", joinDiagnostics(r.diagnostics).c_str());
  return r.project;
}

}  // namespace snn::test

#include <map>
#include <utility>
#include <vector>

#include "sim/Compiler.h"
#include "sim/Simulator.h"

namespace snn::test {

// Everything a run recorded, gathered over its chunks.
struct RunResult {
  double dt = 0.1;
  // population id -> (step, neuron) of every recorded spike, in time order
  std::map<std::string, std::vector<std::pair<int64_t, int32_t>>> spikes;
  // "population.variable" -> neuron -> (time_ms, value)
  std::map<std::string, std::map<int32_t, std::vector<std::pair<double, double>>>> traces;
  std::vector<int64_t> totals;  // spikes per population, in network order
};

// Compiles and runs a project for `durationMs` (the project's duration if < 0) in chunks of
// `chunkSteps`; fails the calling test (returns an empty result) if it does not compile.
inline RunResult run(const Project& project, double durationMs = -1, int threads = 1,
                     int64_t chunkSteps = 1000) {
  RunResult r;
  CompileOptions options;
  options.threads = threads;
  CompileResult compiled = compile(project, options);
  if (!compiled.ok()) {
    qWarning("compile failed: %s", joinDiagnostics(compiled.diagnostics).c_str());
    return r;
  }
  Simulator sim(std::move(compiled.network));
  r.dt = project.experiment.dt;
  const double duration = durationMs < 0 ? project.experiment.duration : durationMs;
  const int64_t steps = std::llround(duration / project.experiment.dt);
  for (int64_t done = 0; done < steps; done += chunkSteps) {
    const SimulationChunk c = sim.run(std::min(chunkSteps, steps - done));
    for (size_t p = 0; p < c.populations.size(); ++p)
      for (size_t k = 0; k < c.spikes[p].steps.size(); ++k)
        r.spikes[c.populations[p]].emplace_back(c.spikes[p].steps[k], c.spikes[p].neurons[k]);
    for (const StateRecord& s : c.states)
      for (size_t i = 0; i < s.sampleSteps.size(); ++i)
        for (size_t k = 0; k < s.neurons.size(); ++k)
          r.traces[s.population + "." + s.variable][s.neurons[k]].emplace_back(
              s.timeMs(i, c.dt), s.values[i * s.neurons.size() + k]);
  }
  r.totals = sim.totalSpikes();
  return r;
}

// Spike times (ms) of one neuron.
inline std::vector<double> spikeTimes(const RunResult& r, const std::string& population,
                                      int32_t neuron) {
  std::vector<double> t;
  auto it = r.spikes.find(population);
  if (it == r.spikes.end()) return t;
  for (const auto& [step, n] : it->second)
    if (n == neuron) t.push_back(static_cast<double>(step) * r.dt);
  return t;
}

}  // namespace snn::test
