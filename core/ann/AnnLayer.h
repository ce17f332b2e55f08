#pragma once

#include <string>
#include <vector>

#include "Tensor.h"
#include "model/AnnSpec.h"

namespace snn {

// A trainable tensor of a layer and its gradient, both `size` floats.
struct ParameterRef {
  std::string name;  // "weight", "bias", "threshold"
  float* value = nullptr;
  float* grad = nullptr;
  int64_t size = 0;
};

// One layer of an AnnModel: forward and backward over a mini-batch (Tensor's channel-major
// layout). Owned and used by one thread. Work is cut into blocks by the data's shape only, never
// by the thread count, and sums are never split between threads, so results are the same bit
// for bit whatever `threads` is.
class AnnLayer {
 public:
  AnnLayer(std::string id, const AnnShape& in, const AnnShape& out)
      : id_(std::move(id)), in_(in), out_(out) {}
  virtual ~AnnLayer() = default;
  AnnLayer(const AnnLayer&) = delete;
  AnnLayer& operator=(const AnnLayer&) = delete;

  virtual AnnLayerType type() const = 0;
  const std::string& id() const { return id_; }
  const AnnShape& inputShape() const { return in_; }
  const AnnShape& outputShape() const { return out_; }

  // out = f(in) for in.batch() samples (out is resized). Keeps what backward() needs.
  virtual void forward(const Tensor& in, Tensor& out, int threads) = 0;
  // From gradOut = dLoss/d(out) of the last forward(in) -> out: overwrites every parameter's
  // gradient and, if gradIn is not null, sets gradIn = dLoss/d(in) (resized).
  virtual void backward(const Tensor& in, const Tensor& out, const Tensor& gradOut, Tensor* gradIn,
                        int threads) = 0;
  virtual std::vector<ParameterRef> parameters() { return {}; }
  // Writes what training changes (weights, bias, threshold) into the layer's spec.
  virtual void store(AnnLayerSpec& /*spec*/) const {}

 private:
  std::string id_;
  AnnShape in_, out_;
};

}  // namespace snn
