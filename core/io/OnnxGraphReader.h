#pragma once

// Internal to the ONNX importer: walks the graph of one model along its chain of data
// operations and builds the AnnSpec (see importOnnx in OnnxImporter.h).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "OnnxConstant.h"
#include "OnnxImporter.h"

namespace snn::onnx_import {

class OnnxGraphReader {
 public:
  OnnxGraphReader(const onnx::ModelProto& model, std::string fileName);
  OnnxImport read();

 private:
  // Zero padding from a Pad node, waiting for the Conv or pool it folds into.
  struct PendingPad {
    int top = 0, left = 0, bottom = 0, right = 0;
    std::string node;
  };

  [[noreturn]] void fail(const std::string& message) const;
  Fail failer() const {
    return [this](const std::string& m) { fail(m); };
  }

  // OnnxGraphReader.cpp: the model, its input and output, the walk.
  void checkOpset();
  void checkOperators() const;
  void readInitializers();
  void readInput();
  void readNode(int index);
  void finish();
  bool isConstant(const std::string& name) const { return constants_.count(name) > 0; }
  const OnnxConstant& constant(int input) const;  // input `input` of the current node
  const OnnxConstant* optionalConstant(int input) const;
  // The current node reads the flowing tensor through input `input`; checks it does not
  // branch and is not padded (unless the node folds the padding).
  void consumeFlow(int input, bool foldsPad = false);
  // The flow continues as the current node's first output.
  void advance();
  void requireUnused(int output) const;
  std::string layerId(const std::string& typeName) const;
  AnnLayerSpec& addLayer(AnnLayerType type);
  void note(const std::string& text) { notes_.push_back(text); }
  bool imageFlow() const { return dims_.size() == 3; }
  int64_t flowSize() const;

  // OnnxLayerOps.cpp and OnnxWindowOps.cpp: one function per operator on the data.
  void readGemm();
  void readMatMul();
  void readAdd();
  void readConv();
  void readPool(bool average);
  void readGlobalAveragePool();
  void readActivation(AnnLayerType type);
  void readSigmoid();
  void readFlatten();
  void readReshape();
  void readPad();
  void readBatchNormalization();
  void readSoftmax();
  void readPassThrough();  // Identity, Dropout
  // Kernel, strides and pads of a Conv or pool (attributes, auto_pad and a folded Pad).
  void readWindow(AnnLayerSpec& layer, int kernelH, int kernelW);

  const onnx::ModelProto& model_;
  const onnx::GraphProto& graph_;
  std::string fileName_;
  int64_t opset_ = 0;
  std::map<std::string, OnnxConstant> constants_;
  std::map<std::string, std::vector<int>> consumers_;  // tensor name -> reading nodes
  std::set<int> handled_;                              // nodes read with an earlier one
  const onnx::NodeProto* node_ = nullptr;              // the node being read

  std::string flow_;             // the tensor the chain has reached
  std::vector<int64_t> dims_;    // its dimensions without the batch
  int64_t exportBatch_ = -1;     // the input's batch size when the file fixes it
  bool nonNegative_ = false;     // no value of the flow can be negative (after relu...)
  bool rawLayerOutput_ = false;  // the flow is what the last dense/conv computed, unchanged
  std::optional<PendingPad> pad_;

  AnnSpec spec_;
  std::vector<std::string> notes_;
  std::set<std::string> ids_;
};

}  // namespace snn::onnx_import
