#include "CurrentStepSource.h"

#include <algorithm>
#include <cmath>

#include "model/StepCount.h"

namespace snn {

const ModelInfo& CurrentStepSource::modelInfo() {
  static const ModelInfo info = [] {
    ModelInfo m;
    m.name = "current_step";
    m.displayName = "Current steps";
    m.meaning = "Injects a piecewise-constant current into its targets";
    m.equation = "I(t) = amplitudes[k] for times[k] <= t < times[k+1]; 0 before times[0]";
    m.reference = "PyNN StepCurrentSource";
    m.role = ModelRole::CurrentSource;
    m.defaultSize = 1;
    m.params = {{.name = "times",
                 .unit = "ms",
                 .kind = ParamKind::Sequence,
                 .min = 0.0,
                 .meaning = "Times at which the current changes (non-decreasing)"},
                {.name = "amplitudes",
                 .unit = "nA",
                 .kind = ParamKind::Sequence,
                 .meaning = "Current from the matching time on"}};
    return m;
  }();
  return info;
}

CurrentStepSource::CurrentStepSource(int64_t size, ResolvedParams params)
    : NeuronGroup(modelInfo(), size, std::move(params)) {}

void CurrentStepSource::prepare(double dt) {
  dt_ = dt;
  const Sequence& times = params().sequence("times");
  const Sequence& amps = params().sequence("amplitudes");
  const size_t n = std::min(times.size(), amps.size());
  switchSteps_.resize(n);
  amplitudes_.resize(n);
  for (size_t k = 0; k < n; ++k) {
    // A switch beyond any run never comes (times are validated finite and >= 0).
    switchSteps_[k] = stepsOrNever(times[k], dt).value_or(kNeverStep);
    amplitudes_[k] = static_cast<Real>(amps[k]);
  }
}

void CurrentStepSource::update(int64_t, int64_t, int64_t, std::vector<int32_t>&) {}

Real CurrentStepSource::outputCurrent(int64_t, int64_t step) const {
  auto it = std::upper_bound(switchSteps_.begin(), switchSteps_.end(), step);
  if (it == switchSteps_.begin()) return 0.0;
  return amplitudes_[static_cast<size_t>(it - switchSteps_.begin() - 1)];
}

}  // namespace snn
