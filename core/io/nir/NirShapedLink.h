#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "NirGraph.h"
#include "model/NetworkSpec.h"

namespace snn::nir {

// The layout of a population's values as NIR shapes them (no batch dimension): (C, H, W) for a
// Conv2d's feature maps, (C, N) for a Conv1d's, (N,) flat. A workbench TensorShape exists for
// ranks 2 (as C x 1 x N) and 3.
std::optional<TensorShape> tensorShapeOf(const std::vector<int64_t>& dims);

// What the conv, pool and flatten nodes on one path between two populations become (docs/nir.md,
// "Convolutions and pooling"), every reduction exact:
//   Conv2d, Conv1d (as height 1)       -> a conv2d connector, its kernel stored once
//   SumPool2d, AvgPool2d               -> an avg_pool2d connector (weight k_h k_w for a sum)
//   pool then Conv                     -> one conv2d connector whose kernel spreads each tap over
//                                         the pool's window (stride and padding multiplied)
//   pool then (Flatten) Affine/Linear  -> a dense matrix: each input reaches the weights of the
//                                         one window it falls in
//   Flatten                            -> nothing (it renames dimensions; the order is kept)
// Scale and Delay nodes on such a path must hold one value for all elements (else refused).
struct ShapedLink {
  enum class Kind { Conv, Pool, Dense };
  Kind kind = Kind::Conv;
  std::string mainNode;     // the conv, pool or weight node the projection is named after
  ConnectorSpec connector;  // Conv: conv2d; Pool: avg_pool2d
  TensorShape in, out;      // Conv, Pool: the layouts the pre and post populations must have
  double weight = 1.0;      // the projection's weight (scales, and a sum pool's window area)
  // Dense: rows x cols (out x in) weights, the pool folded in, scales not yet applied.
  int64_t rows = 0, cols = 0;
  std::vector<double> dense;
  std::vector<double> bias;  // per target value (a conv's per-channel bias spread), or empty
  double delaySeconds = 0.0;
  std::string delayNode;         // the Delay node, for messages
  std::vector<int64_t> outDims;  // the NIR shape arriving at the target
};

// Whether a path holds a node that only a shaped link can carry (conv, pool).
bool needsShapedLink(const std::vector<std::pair<std::string, const NirNode*>>& via);

// Reduces the nodes between two populations (identities already left out). `sourceDims` is the
// NIR shape of the source's values. Throws NirError naming the node and field of anything without
// an exact workbench form.
ShapedLink reduceShapedPath(const std::vector<std::pair<std::string, const NirNode*>>& via,
                            const std::vector<int64_t>& sourceDims);

// The shape after a Flatten node (start_dim, end_dim, optional input_type checked against
// `dims`). Throws NirError naming the field.
std::vector<int64_t> flattenDims(const std::string& name, const NirNode& node,
                                 const std::vector<int64_t>& dims);

}  // namespace snn::nir
