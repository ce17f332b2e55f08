#pragma once

#include "AnnLayer.h"

namespace snn {

// C x H x W -> (C*H*W) x 1 x 1 in PyTorch's order (channel, then row, then column). In the
// channel-major Tensor it is a transpose per channel: the batch x (H*W) block of channel c
// becomes rows c*H*W .. (c+1)*H*W - 1 of the features x batch matrix.
class FlattenLayer : public AnnLayer {
 public:
  FlattenLayer(const AnnLayerSpec& spec, const AnnShape& in);

  AnnLayerType type() const override { return AnnLayerType::Flatten; }
  void forward(const Tensor& in, Tensor& out, int threads) override;
  void backward(const Tensor& in, const Tensor& out, const Tensor& gradOut, Tensor* gradIn,
                int threads) override;
};

}  // namespace snn
