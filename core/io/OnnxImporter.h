#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/AnnSpec.h"

namespace snn {

// What importing an ONNX file gives: the network and one line per thing the importer changed
// on the way (a batch normalisation folded, a dropout dropped, a padding folded).
struct OnnxImport {
  AnnSpec spec;
  std::vector<std::string> notes;
};

// Everything wrong with an ONNX file, in one message naming the file and, where there is one,
// the node ("model.onnx: node '/conv1/Conv' (Conv): dilations [2, 2] are not supported").
class OnnxImportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads an ONNX model (Debian's ONNX protobuf definitions, no hand-written parsing) of a
// feed-forward network into an AnnSpec:
//   Gemm, MatMul + Add (dense); Conv (groups 1, no dilation); Relu; Sigmoid;
//   Mul(x, Sigmoid(x)) (silu); AveragePool, MaxPool, GlobalAveragePool; Flatten and Reshape
//   that flatten; Pad with zeros (folded into the Conv or pool after it); BatchNormalization
//   (folded into the Conv or Gemm before it); Dropout and Identity (dropped); Softmax as the
//   last operation; Constant, and the shape arithmetic torch.onnx.export writes around Reshape
//   and Pad (Shape, Gather, Unsqueeze, Squeeze, Concat, Slice, Cast, Transpose, ConstantOfShape,
//   Add/Sub/Mul/Div of constants), evaluated at import.
// The model must be one chain from its single input to its single output (no branches). The
// input is the image as PyTorch saw it; an ONNX file carries no input normalisation, so the
// spec's mean and std stay empty (set them if the model was trained with Normalize).
//
// Throws OnnxImportError: for a file that is not ONNX or is truncated; with every unsupported
// operator listed by name with its nodes, in one message; for anything else it cannot read
// exactly. Sizes the file claims are checked against its contents before anything is
// allocated. Nothing is returned unless the whole network was read and passed inferAnnShapes.
OnnxImport importOnnx(const std::filesystem::path& file);
// The same from the file's bytes; `name` is used in messages.
OnnxImport importOnnxBytes(const std::string& bytes, const std::string& name);

}  // namespace snn
