#pragma once

#include <nlohmann/json.hpp>

#include "JsonFieldReader.h"
#include "model/NetworkSpec.h"

namespace snn {

// An ANN node in the project file (network.anns[]):
//   {"id": "mlp",
//    "input": {"channels": 1, "height": 28, "width": 28, "mean": [0.286], "std": [0.353]},
//    "layers": [{"id": "fc1", "type": "dense", "units": 256, "weight": W, "bias": B}, ...]}
// A layer holds its type's settings (annLayerParams; absent ones take their defaults). Weight
// and bias are written packed as float32 (PackedArray, "<f4": bit-exact, and a million weights
// read in milliseconds); the reader also takes nested lists of numbers ([[...], ...]) as PyTorch's
// tolist() gives them. A dense or conv2d layer without a weight is untrained.

// Reads one entry of network.anns; every problem becomes a diagnostic of `reader` naming the
// ANN and the field ("layers.fc1.weight"). Shapes against settings are checked by validation.
AnnNodeSpec readAnnNode(JsonFieldReader& reader, const nlohmann::json& j, size_t index);

nlohmann::ordered_json annNodeJson(const AnnNodeSpec& ann);

}  // namespace snn
