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
// the Tensor's channel-major layout. The backward pass reuses the columns for the weight
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
    int kernelH, kernelW, strideH, strideW, padTop, padLeft;
  };
  // Samples per block: about kBlockColumns output pixels, whatever the batch.
  int64_t samplesPerBlock() const;
  int64_t patchSize() const { return int64_t(inputShape().channels) * win_.kernelH * win_.kernelW; }
  // The columns of samples [b0, b0 + n) of `in` into `cols` (patchSize x n * out pixels).
  void im2col(const Tensor& in, int64_t b0, int64_t n, float* cols) const;
  // Adds the columns back onto samples [b0, b0 + n) of `grad` (which it first zeroes).
  void col2im(const float* cols, int64_t b0, int64_t n, Tensor& grad) const;

  Window win_;
  Tensor::RowMatrix weight_, weightGrad_;  // out_channels x patchSize
  Eigen::VectorXf bias_, biasGrad_;
  bool hasBias_ = false;
  std::vector<float> cols_, gradCols_;  // block after block, each patchSize x (n * out pixels)
  std::vector<float> partialWeightGrad_, partialBiasGrad_;  // one per block
};

}  // namespace snn
