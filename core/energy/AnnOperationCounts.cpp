#include "AnnOperationCounts.h"

namespace snn {

namespace {

int64_t product(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

bool hasBias(const AnnLayerSpec& layer) {
  return layer.weight.empty() || !layer.bias.empty();
}

}  // namespace

std::vector<AnnLayerOps> annOperationCounts(const AnnSpec& spec) {
  const std::vector<AnnShape> shapes = inferAnnShapes(spec);
  std::vector<AnnLayerOps> out;
  AnnShape in = spec.input;
  for (size_t l = 0; l < spec.layers.size(); ++l) {
    const AnnLayerSpec& layer = spec.layers[l];
    AnnLayerOps ops;
    ops.id = layer.id;
    ops.type = layer.type;
    ops.input = in;
    ops.output = shapes[l];
    switch (layer.type) {
      case AnnLayerType::Dense:
      case AnnLayerType::Conv2d:
        ops.weights = product(annWeightShape(layer, in));
        // Every output value is one weight window (dense: the whole input) times the input.
        ops.macs =
            ops.output.size() *
            (ops.weights / (layer.type == AnnLayerType::Dense ? layer.units : layer.outChannels));
        ops.adds = hasBias(layer) ? ops.output.size() : 0;
        break;
      case AnnLayerType::AvgPool2d:
      case AnnLayerType::MaxPool2d:
        ops.adds = ops.output.size() * layer.kernelH * layer.kernelW;
        break;
      case AnnLayerType::Flatten:
        break;
      default:  // activations
        ops.adds = ops.output.size();
        break;
    }
    out.push_back(std::move(ops));
    in = shapes[l];
  }
  return out;
}

}  // namespace snn
