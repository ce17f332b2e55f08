#include "SynapseMatrix.h"

#include <algorithm>

namespace snn {

int32_t SynapseMatrix::maxDelay() const {
  if (delay.empty()) return uniformDelay;
  return *std::max_element(delay.begin(), delay.end());
}

void SynapseMatrix::partition(const std::vector<int64_t>& bounds) {
  contiguousRows = true;
  for (int64_t i = 0; i < preSize && contiguousRows; ++i)
    for (int64_t k = rowStart[i] + 1; k < rowStart[i + 1]; ++k)
      if (target[k] != target[k - 1] + 1) {
        contiguousRows = false;
        break;
      }
  parts_ = static_cast<int>(bounds.size()) - 1;
  if (parts_ <= 1) {
    parts_ = 1;
    split_.clear();
    return;
  }
  split_.assign(static_cast<size_t>(preSize) * (parts_ + 1), 0);
  for (int64_t i = 0; i < preSize; ++i) {
    const auto rowBegin = target.begin() + rowStart[i];
    const auto rowEnd = target.begin() + rowStart[i + 1];
    int64_t* s = &split_[static_cast<size_t>(i) * (parts_ + 1)];
    for (int p = 0; p <= parts_; ++p) {
      s[p] = std::lower_bound(rowBegin, rowEnd, bounds[p]) - target.begin();
    }
    s[parts_] = rowStart[i + 1];
  }
}

}  // namespace snn
