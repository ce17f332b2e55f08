#include "BatchNormFolding.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace snn {

void foldBatchNorm(AnnLayerSpec& layer, const BatchNormParams& bn) {
  const std::string where = "batch normalisation after layer '" + layer.id + "'";
  if (!annLayerHasWeights(layer.type) || layer.weight.empty())
    throw std::invalid_argument(where +
                                ": can only be folded into a dense or conv2d layer "
                                "with weights");
  const int64_t channels = layer.weight.shape.empty() ? 0 : layer.weight.shape.front();
  const size_t n = static_cast<size_t>(channels);
  if (bn.scale.size() != n || bn.shift.size() != n || bn.mean.size() != n ||
      bn.variance.size() != n)
    throw std::invalid_argument(where + ": has " + std::to_string(bn.scale.size()) +
                                " channels, the layer " + std::to_string(channels));
  const int64_t perChannel = channels ? int64_t(layer.weight.values.size()) / channels : 0;
  if (layer.bias.empty()) {
    layer.bias.shape = {channels};
    layer.bias.values.assign(n, 0.0f);
  }
  for (size_t o = 0; o < n; ++o) {
    const double denominator = double(bn.variance[o]) + bn.epsilon;
    if (!(denominator > 0.0))
      throw std::invalid_argument(where + ": variance + epsilon of channel " + std::to_string(o) +
                                  " is not positive");
    const double s = double(bn.scale[o]) / std::sqrt(denominator);
    float* w = layer.weight.values.data() + int64_t(o) * perChannel;
    for (int64_t k = 0; k < perChannel; ++k) w[k] = static_cast<float>(double(w[k]) * s);
    layer.bias.values[o] =
        static_cast<float>((double(layer.bias.values[o]) - bn.mean[o]) * s + bn.shift[o]);
  }
}

}  // namespace snn
