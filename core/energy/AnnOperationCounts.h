#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/AnnSpec.h"

namespace snn {

// The operations of one ANN layer for one inference (one sample), from the layer formulas:
//   dense:  MACs = in.size() x units;  adds = units (bias)
//   conv2d: MACs = out.C x out.H x out.W x in.C x kernel_h x kernel_w;  adds = out.size() (bias)
//   pools:  adds (or compares) = out.size() x kernel_h x kernel_w
//   activations: out.size() element operations (counted as adds)
// A layer without a bias (weight given, bias empty) has no bias adds.
struct AnnLayerOps {
  std::string id;
  AnnLayerType type = AnnLayerType::Relu;
  AnnShape input, output;
  int64_t macs = 0;
  int64_t adds = 0;
  int64_t weights = 0;  // weight values (without biases) the layer reads once per inference
};

// Every layer's operations, in order. Throws SpecError (inferAnnShapes) for an invalid network.
std::vector<AnnLayerOps> annOperationCounts(const AnnSpec& spec);

}  // namespace snn
