#include "DivergenceWatch.h"

#include <cmath>

#include "model/NumberText.h"

namespace snn {

void DivergenceWatch::clear() {
  for (Finding& f : found_) f = Finding{};
  first_.store(kNone);
}

void DivergenceWatch::check(int worker, int64_t step, size_t population, const NeuronGroup& group,
                            int64_t begin, int64_t end) {
  Finding& mine = found_[static_cast<size_t>(worker)];
  if (mine.step <= step) return;  // this worker already found an earlier one
  const int64_t neuron = group.firstDiverged(begin, end);
  if (neuron < 0) return;
  mine = {step, population, neuron, group.state("v")[static_cast<size_t>(neuron)]};
  int64_t seen = first_.load();
  while (step < seen && !first_.compare_exchange_weak(seen, step)) {
  }
}

Diagnostic DivergenceWatch::diagnostic(const CompiledNetwork& net) const {
  // The earliest finding; at the same step the first population, then the lowest neuron (the
  // workers hold neuron ranges in order), so the report does not depend on the thread count.
  const Finding* first = nullptr;
  for (const Finding& f : found_)
    if (f.step != kNone && (!first || f.step < first->step ||
                            (f.step == first->step &&
                             (f.population < first->population ||
                              (f.population == first->population && f.neuron < first->neuron)))))
      first = &f;
  if (!first) return {};
  const CompiledPopulation& pop = net.populations[first->population];
  const double bound = pop.group->divergenceBound();
  const std::string when = "by step " + std::to_string(first->step) +
                           " (t = " + formatNumber(static_cast<double>(first->step + 1) * net.dt) +
                           " ms), neuron " + std::to_string(first->neuron);
  const std::string what = std::isfinite(first->value)
                               ? "v reached " + formatNumber(first->value) + " mV " + when +
                                     ", beyond the +-" + formatNumber(bound) +
                                     " mV a working integration of '" + pop.group->info().name +
                                     "' stays within"
                               : "v became " + formatNumber(first->value) + " " + when;
  return Diagnostic{ObjectKind::Population, pop.id, "",
                    what + ": the run diverged and was stopped (try a smaller dt than " +
                        formatNumber(net.dt) + " ms, or check the parameters and weights)"};
}

}  // namespace snn
