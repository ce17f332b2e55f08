#pragma once

#include "AnnLayer.h"

namespace snn {

// 2-D cross-correlation with stride and zero padding, groups = 1 (PyTorch's nn.Conv2d): for
// output channel o at (y, x),
//   out = b[o] + sum over c, i, j of W[o, c, i, j] * in[c, y * stride_h + i - pad_top,
//                                                       x * stride_w + j - pad_left],
// pixels outside the input counting as zero. Computed as one product per block of samples:
// im2col lays the block's input windows out as the columns of a (C_in * kh * kw) x (samples *
// out_h * out_w) matrix, and W (C_out x C_in*kh*kw) times it is the block's output, already in
// the Tensor's channel-major layout. The backward pass makes the columns again for the weight
// gradient and scatters W^T dY back (col2im) for the input gradient.
class Conv2dLayer : public AnnLayer {
 public:
  Conv2dLayer(const AnnLayerSpec& spec, const AnnShape& in, const AnnShape& out);

  AnnLayerType type() const override { return AnnLayerType::Conv2d; }
  void forward(const Tensor& in, Tensor& out, int threads) override;
  void backward(const Tensor& in, const Tensor& out, const Tensor& gradOut, Tensor* gradIn,
                int threads) override;
  std::vector<ParameterRef> parameters() override;
  void store(AnnLayerSpec& spec) const override;

 private:
  struct Window {
    int kernelH, kernelW, strideH, strideW, padTop, padLeft, padBottom, padRight;
  };
  // Samples per block: about kBlockColumns output pixels, whatever the batch.
  int64_t samplesPerBlock() const;
  int64_t patchSize() const { return int64_t(inputShape().channels) * win_.kernelH * win_.kernelW; }
  int64_t paddedHeight() const { return inputShape().height + win_.padTop + win_.padBottom; }
  int64_t paddedWidth() const { return inputShape().width + win_.padLeft + win_.padRight; }
  // Floats of one sample's zero-padded planes (0 without padding).
  int64_t scratchSize() const {
    return padded_ ? inputShape().channels * paddedHeight() * paddedWidth() : 0;
  }
  // Sample b's planes zero-padded into `scratch`, or null when the layer has no padding.
  const float* paddedPlanes(const Tensor& in, int64_t b, float* scratch) const;
  // The columns of samples [b0, b0 + n) of `in` into `cols` (patchSize x n * out pixels).
  void im2col(const Tensor& in, int64_t b0, int64_t n, float* cols, float* scratch) const;
  // Sets samples [b0, b0 + n) of `grad` to the columns added back onto their pixels.
  void col2im(const float* cols, int64_t b0, int64_t n, Tensor& grad, float* scratch) const;

  Window win_;
  Tensor::RowMatrix weight_, weightGrad_;  // out_channels x patchSize
  Eigen::VectorXf bias_, biasGrad_;
  bool hasBias_ = false;
  bool padded_ = false;
  std::vector<float> cols_, gradCols_;
  std::vector<float> scratch_;  // one padded sample per block  // block after block, each patchSize
                                // x (n * out pixels)
  std::vector<float> partialWeightGrad_, partialBiasGrad_;  // one per block
};

}  // namespace snn
