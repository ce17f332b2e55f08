#pragma once

#include <string>
#include <vector>

#include "ann/Tensor.h"
#include "model/AnnSpec.h"

namespace snn {

// The ANN's input normalisation x' = (x - mean[c]) / std[c] (AnnSpec::mean/std, as PyTorch's
// transforms.Normalize) in a converted network.

// Folds the normalisation into the first weighted layer where that is exact, and clears
// ann.mean and ann.std: W ((x - m) / s) + b = (W / s) x + (b - W m / s). Exact for a dense
// layer (after flatten, which reorders nothing) and for a conv2d without padding, where every
// weight reads a real pixel. A padded conv2d reads zeros beyond the border, which stand for the
// normalised value 0, i.e. the raw value m, so folding would change the border: not folded,
// nor is a first layer of another type. Returns the folded layer's id, or empty (ann
// unchanged) when not foldable or when there is no normalisation.
std::string foldInputNormalisation(AnnSpec& ann);

// Normalises a batch in place, channel by channel (mean and std have x.shape().channels
// values; both empty: nothing to do).
void normaliseInput(Tensor& x, const std::vector<float>& mean, const std::vector<float>& std);

}  // namespace snn
