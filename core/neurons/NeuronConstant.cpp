#include "NeuronConstant.h"

namespace snn {

NeuronConstant NeuronConstant::compute(int64_t size, bool uniform,
                                       const std::function<double(int64_t)>& f) {
  NeuronConstant c;
  if (uniform) {
    c.shared = static_cast<Real>(f(0));
    return c;
  }
  c.perNeuron.resize(static_cast<size_t>(size));
  for (int64_t i = 0; i < size; ++i) c.perNeuron[static_cast<size_t>(i)] = static_cast<Real>(f(i));
  return c;
}

bool allUniform(const ResolvedParams& p, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names)
    if (!p.isUniform(n)) return false;
  return true;
}

}  // namespace snn
