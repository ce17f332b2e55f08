#include "SimulationChunk.h"

#include <numeric>

namespace snn {

int64_t SimulationChunk::spikeCount(size_t population) const {
  const auto& c = countsPerStep[population];
  return std::accumulate(c.begin(), c.end(), int64_t{0});
}

}  // namespace snn
