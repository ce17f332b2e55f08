#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "Diagnostic.h"
#include "NetworkSpec.h"
#include "ParamSchema.h"
#include "ParamValue.h"

namespace snn {

// The fields of an ANN node (network.anns[]) by path, as the sweep, the inspector and the undo
// commands address them:
//   input.channels, input.height, input.width         the input block (annInputParams)
//   layers.<layer id>.<setting>                       a layer's setting (annLayerParams)
// Every one is RunEffect::Structural: a changed ANN is a different model. Weights, biases and the
// normalisation (mean, std) are tables, written only by training, import and the file.

// The schema entry of one field, named by its full path; nothing for a field the ANN does not
// have (an unknown layer, or a setting its layer type does not take).
std::optional<ParamInfo> annFieldSchema(const AnnNodeSpec& ann, std::string_view field);

// Every field path of the ANN, input first, then layer by layer in the schema's order.
std::vector<std::string> annFieldNames(const AnnNodeSpec& ann);

// The value of a field (a number), or nothing for a field the ANN does not have.
std::optional<ParamValue> annField(const AnnNodeSpec& ann, std::string_view field);

// Sets a field to a number (a setting's default when `value` is empty). Throws
// std::invalid_argument naming the ANN and field for a field the ANN does not have.
void setAnnField(AnnNodeSpec& ann, std::string_view field, const std::optional<ParamValue>& value);

// The checks of inferAnnShapes as project diagnostics: each names the ANN node (ObjectKind::Ann
// with its id) and the field by its path ("input.channels", "mean", "layers.fc1.weight").
std::vector<Diagnostic> validateAnnNode(const AnnNodeSpec& ann);

}  // namespace snn
