#pragma once

// Internal to the ONNX importer: constant tensors (initializers, Constant nodes) and the shape
// arithmetic evaluated on them. Includes the ONNX protobuf headers; only io/Onnx*.cpp use it.
#include <onnx/onnx_pb.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace snn::onnx_import {

// Stands for the batch size in shape arithmetic (Shape of the data tensor gives it as its first
// entry): it may be copied around, and a Reshape may use it as its first dimension, but no
// arithmetic may touch it.
inline constexpr int64_t kBatchSize = std::numeric_limits<int64_t>::min();

// The most values a constant may hold (a weight tensor of 1 GiB of floats).
inline constexpr int64_t kMaxConstantValues = int64_t(1) << 28;

// A constant tensor, row-major: floats (FLOAT, DOUBLE) or integers (INT64, INT32, BOOL).
struct OnnxConstant {
  std::vector<int64_t> dims;
  bool isFloat = true;
  std::vector<float> floats;
  std::vector<int64_t> ints;

  int64_t size() const { return isFloat ? int64_t(floats.size()) : int64_t(ints.size()); }
  // Value i as a double (kBatchSize stays as it is, as a huge negative number).
  double at(int64_t i) const {
    return isFloat ? double(floats[size_t(i)]) : double(ints[size_t(i)]);
  }
  // All values as integers; fails (through `fail`) for floats that are not whole.
  std::vector<int64_t> asInts(const std::function<void(const std::string&)>& fail) const;
  std::string dimsText() const;
};

// Throws the importer's error for the node being read (message without the file and node).
using Fail = std::function<void(const std::string&)>;

// "[1, 2, 3]", for messages.
std::string listText(const std::vector<int64_t>& values);

// The product of dims, checked: every dim >= 0 and the product <= kMaxConstantValues.
int64_t checkedCount(const std::vector<int64_t>& dims, const Fail& fail);

// Decodes an initializer or a Constant's tensor, checking its claimed size against its data.
OnnxConstant decodeTensor(const onnx::TensorProto& tensor, const Fail& fail);

// A node's attribute by name, or null.
const onnx::AttributeProto* findAttribute(const onnx::NodeProto& node, const std::string& name);
int64_t intAttribute(const onnx::NodeProto& node, const std::string& name, int64_t otherwise);
float floatAttribute(const onnx::NodeProto& node, const std::string& name, float otherwise);
std::string stringAttribute(const onnx::NodeProto& node, const std::string& name,
                            const std::string& otherwise);
std::optional<std::vector<int64_t>> intsAttribute(const onnx::NodeProto& node,
                                                  const std::string& name);

// The value a Constant node gives (value, value_float(s), value_int(s)).
OnnxConstant constantNodeValue(const onnx::NodeProto& node, const Fail& fail);

// The operators evaluated when all their inputs are constants.
bool isFoldable(const std::string& opType);
// Evaluates a foldable node on constant inputs (null for an absent optional input); `opset`
// is the model's default-domain opset (attributes became inputs over the versions).
std::vector<OnnxConstant> foldNode(const onnx::NodeProto& node,
                                   const std::vector<const OnnxConstant*>& inputs, int64_t opset,
                                   const Fail& fail);

}  // namespace snn::onnx_import
