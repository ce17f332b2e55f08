#include "CompiledNetwork.h"

namespace snn {

int CompiledNetwork::findPopulation(std::string_view id) const {
  for (size_t i = 0; i < populations.size(); ++i)
    if (populations[i].id == id) return static_cast<int>(i);
  return -1;
}

int64_t CompiledNetwork::synapseCount() const {
  int64_t n = 0;
  for (const CompiledProjection& p : projections)
    n += p.conv ? p.conv->synapseCount() : p.synapses.synapseCount();
  return n;
}

}  // namespace snn
