#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "model/NetworkSpec.h"

namespace snn {

// A project made of one imported ONNX model: an ANN node named after the file ("fashion_mlp.onnx"
// -> "fashion_mlp"), placed on the canvas, with an "ann" training block whose dataset the input
// shape suggests (64 values: digits; otherwise fashion-mnist). `mean` and `std` are the input
// normalisation the model was trained with (ONNX files do not carry it). The command line's
// import and File > Import share it.
struct AnnProjectImport {
  Project project;
  std::vector<std::string> notes;  // what the importer changed (folded batch norms...)
};

// Throws OnnxImportError for a file that cannot be imported (every unsupported operator named
// with its nodes), SpecError naming the ANN and field when the result does not validate (a mean
// of the wrong length).
AnnProjectImport importOnnxProject(const std::filesystem::path& file,
                                   const std::vector<float>& mean = {},
                                   const std::vector<float>& std = {});

}  // namespace snn
