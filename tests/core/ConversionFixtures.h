#pragma once
// Small converted-network fixtures shared by the conversion tests: weights, biases and pixels
// that are multiples of powers of two, so every sum is exact in float and double and two
// implementations can be compared bit for bit.
#include <random>

#include "model/AnnSpec.h"

namespace snn::test {

inline AnnTensor dyadic(std::vector<int64_t> shape, std::mt19937& rng, int range, float unit) {
  AnnTensor t;
  t.shape = std::move(shape);
  std::uniform_int_distribution<int> k(-range, range);
  for (int64_t i = 0; i < t.shapeSize(); ++i) t.values.push_back(static_cast<float>(k(rng)) * unit);
  return t;
}

inline AnnLayerSpec layer(std::string id, AnnLayerType type) {
  AnnLayerSpec l;
  l.id = std::move(id);
  l.type = type;
  return l;
}

inline AnnLayerSpec qcfs(std::string id) {
  AnnLayerSpec l = layer(std::move(id), AnnLayerType::Qcfs);
  l.threshold = 1.0f;  // lambda 1: weights keep their values
  return l;
}

// conv(1->3, 3x3, pad 1)-qcfs-avgpool2-flatten-dense(48->6)-qcfs-dense(6->4)-qcfs on 1x8x8.
inline AnnSpec smallCnn() {
  std::mt19937 rng(3);
  AnnSpec ann;
  ann.input = {1, 8, 8};
  AnnLayerSpec conv = layer("conv1", AnnLayerType::Conv2d);
  conv.outChannels = 3;
  conv.kernelH = conv.kernelW = 3;
  conv.padTop = conv.padLeft = conv.padBottom = conv.padRight = 1;
  conv.weight = dyadic({3, 1, 3, 3}, rng, 16, 1.0f / 32);
  conv.bias = dyadic({3}, rng, 4, 1.0f / 64);
  AnnLayerSpec pool = layer("pool1", AnnLayerType::AvgPool2d);
  pool.kernelH = pool.kernelW = pool.strideH = pool.strideW = 2;
  AnnLayerSpec fc1 = layer("fc1", AnnLayerType::Dense);
  fc1.units = 6;
  fc1.weight = dyadic({6, 48}, rng, 16, 1.0f / 32);
  fc1.bias = dyadic({6}, rng, 4, 1.0f / 64);
  AnnLayerSpec fc2 = layer("fc2", AnnLayerType::Dense);
  fc2.units = 4;
  fc2.weight = dyadic({4, 6}, rng, 16, 1.0f / 16);
  ann.layers = {conv, qcfs("act1"), pool, layer("flat", AnnLayerType::Flatten),
                fc1,  qcfs("act2"), fc2,  qcfs("act3")};
  return ann;
}

}  // namespace snn::test
