#pragma once

#include <optional>

#include "ConvertedSnn.h"

namespace snn {

// Average pooling is linear, so an average pooling followed by a dense or conv2d layer is one
// layer of the same kind on the unpooled input (what a converted network needs: pooled spikes
// drive the next layer directly, with no neurons between):
//   - conv2d after pool (window k, stride s, padding p per axis): kernel (K - 1) s + k, stride
//     S s, padding P s + p, each weight spread over its pooling window and divided by k_h k_w;
//   - dense after pool (and flatten): each pooled input's weight spread over its window.
// Nothing when the composition is not exact with symmetric padding (the SNN project's conv2d
// connector pads both sides alike): a pool window reaching real pixels where the conv pads, or
// uneven padding. `pool` must be avg_pool2d, counting padded zeros if it pads.
std::optional<AnnLayerSpec> foldPool(const AnnLayerSpec& pool, const AnnShape& poolIn,
                                     const AnnShape& pooled, const AnnLayerSpec& op,
                                     const AnnShape& opOut);

// The C x H x W of a stage's folded pool's output (floor mode, as AvgPool2dLayer).
AnnShape pooledShape(const SnnStage& stage);

// The stage with its folded pool composed into `op` (in = poolIn, flattened for dense): the one
// linear map from the previous stage's spikes, as the SNN project writes it. A stage without a
// pool comes back unchanged. Throws std::logic_error if the pool does not fold (the converter
// folds only what foldPool accepts).
SnnStage foldedStage(const SnnStage& stage);

}  // namespace snn
