#include "OnnxGraphReader.h"

#include <algorithm>
#include <cctype>

#include "model/Diagnostic.h"

namespace snn::onnx_import {

namespace {

// Opsets of the default domain whose operators this reader knows (7 is the first with today's
// BatchNormalization, Dropout and Gemm; 17 is the newest ONNX 1.12 defines).
constexpr int64_t kMinOpset = 7;
constexpr int64_t kMaxOpset = 17;

// Operators on the data, read into layers; and Shape, which reads only the data's dimensions.
const std::set<std::string> kDataOps{"Gemm",    "MatMul",
                                     "Add",     "Conv",
                                     "Relu",    "Sigmoid",
                                     "Mul",     "AveragePool",
                                     "MaxPool", "GlobalAveragePool",
                                     "Flatten", "Reshape",
                                     "Pad",     "BatchNormalization",
                                     "Dropout", "Identity",
                                     "Softmax", "Shape"};

bool isDefaultDomain(const std::string& domain) {
  return domain.empty() || domain == "ai.onnx";
}

}  // namespace

OnnxGraphReader::OnnxGraphReader(const onnx::ModelProto& model, std::string fileName)
    : model_(model), graph_(model.graph()), fileName_(std::move(fileName)) {}

void OnnxGraphReader::fail(const std::string& message) const {
  std::string where = fileName_ + ": ";
  if (node_) where += "node '" + node_->name() + "' (" + node_->op_type() + "): ";
  throw OnnxImportError(where + message);
}

OnnxImport OnnxGraphReader::read() {
  if (model_.ir_version() <= 0 || !model_.has_graph())
    fail("is not an ONNX model (no IR version or no graph)");
  checkOpset();
  checkOperators();
  readInitializers();
  readInput();
  // Who reads each tensor; Shape reads only the dimensions, so it does not make a branch.
  for (int i = 0; i < graph_.node_size(); ++i)
    if (graph_.node(i).op_type() != "Shape")
      for (const std::string& in : graph_.node(i).input())
        if (!in.empty()) consumers_[in].push_back(i);
  for (int i = 0; i < graph_.node_size(); ++i)
    if (!handled_.count(i)) readNode(i);
  node_ = nullptr;
  finish();
  return {std::move(spec_), std::move(notes_)};
}

void OnnxGraphReader::checkOpset() {
  for (const onnx::OperatorSetIdProto& o : model_.opset_import())
    if (isDefaultDomain(o.domain())) opset_ = o.version();
  if (opset_ == 0) fail("names no opset for the default ONNX domain (a truncated file?)");
  if (opset_ < kMinOpset || opset_ > kMaxOpset)
    fail("uses opset " + std::to_string(opset_) + "; the importer reads opsets " +
         std::to_string(kMinOpset) + " to " + std::to_string(kMaxOpset) +
         " (torch.onnx.export(..., opset_version=14) writes a readable one)");
}

void OnnxGraphReader::checkOperators() const {
  // Every unknown operator with all its nodes, in the order they first appear.
  std::vector<std::pair<std::string, std::vector<std::string>>> unknown;
  for (const onnx::NodeProto& n : graph_.node()) {
    const bool known =
        isDefaultDomain(n.domain()) && (kDataOps.count(n.op_type()) || isFoldable(n.op_type()));
    if (known) continue;
    const std::string op =
        isDefaultDomain(n.domain()) ? n.op_type() : n.domain() + "." + n.op_type();
    auto it = std::find_if(unknown.begin(), unknown.end(), [&](auto& u) { return u.first == op; });
    if (it == unknown.end()) it = unknown.insert(unknown.end(), {op, {}});
    it->second.push_back(n.name().empty() ? "(unnamed)" : n.name());
  }
  if (unknown.empty()) return;
  std::string list;
  for (const auto& [op, nodes] : unknown) {
    list += (list.empty() ? "" : "; ") + op + (nodes.size() > 1 ? " (nodes " : " (node ");
    for (size_t k = 0; k < nodes.size(); ++k) list += (k ? ", '" : "'") + nodes[k] + "'";
    list += ")";
  }
  throw OnnxImportError(fileName_ + ": unsupported ONNX operators: " + list +
                        ". Supported: Gemm, MatMul + Add, Conv, Relu, Sigmoid, Mul(x, Sigmoid(x)), "
                        "AveragePool, MaxPool, GlobalAveragePool, Flatten, Reshape, Pad, "
                        "BatchNormalization, Dropout, Identity, Softmax, Constant and shape "
                        "arithmetic on constants");
}

void OnnxGraphReader::readInitializers() {
  for (const onnx::TensorProto& t : graph_.initializer()) {
    if (t.name().empty()) fail("has an initializer without a name");
    constants_[t.name()] = decodeTensor(t, failer());
  }
}

void OnnxGraphReader::readInput() {
  std::vector<const onnx::ValueInfoProto*> inputs;
  for (const onnx::ValueInfoProto& v : graph_.input())
    if (!isConstant(v.name())) inputs.push_back(&v);
  if (inputs.size() != 1)
    fail("has " + std::to_string(inputs.size()) +
         " inputs besides its weights; the importer "
         "reads models with one input");
  if (graph_.output_size() != 1)
    fail("has " + std::to_string(graph_.output_size()) +
         " outputs; the importer reads models "
         "with one output");
  const onnx::ValueInfoProto& in = *inputs.front();
  const std::string what = "input '" + in.name() + "'";
  if (!in.type().has_tensor_type() ||
      in.type().tensor_type().elem_type() != onnx::TensorProto::FLOAT)
    fail(what + " is not a float tensor");
  const onnx::TensorShapeProto& shape = in.type().tensor_type().shape();
  if (shape.dim_size() != 2 && shape.dim_size() != 4)
    fail(what + " has " + std::to_string(shape.dim_size()) +
         " dimensions; the importer reads "
         "(batch, features) and (batch, channels, height, width)");
  if (shape.dim(0).has_dim_value()) exportBatch_ = shape.dim(0).dim_value();
  for (int d = 1; d < shape.dim_size(); ++d) {
    const auto& dim = shape.dim(d);
    const int64_t v = dim.has_dim_value() ? dim.dim_value() : 0;
    if (v <= 0 || v > 65536)
      fail(what + ": dimension " + std::to_string(d) +
           " must be a fixed size from 1 to 65536 (got " +
           (dim.has_dim_param() ? "'" + dim.dim_param() + "'" : std::to_string(v)) + ")");
    dims_.push_back(v);
  }
  spec_.input = imageFlow() ? AnnShape{int(dims_[0]), int(dims_[1]), int(dims_[2])}
                            : AnnShape{int(dims_[0]), 1, 1};
  flow_ = in.name();
}

void OnnxGraphReader::readNode(int index) {
  const onnx::NodeProto& n = graph_.node(index);
  node_ = &n;
  const std::string& op = n.op_type();
  bool allConstant = true;
  for (const std::string& in : n.input())
    allConstant = allConstant && (in.empty() || isConstant(in));
  if (op == "Constant" && n.input_size() > 0) fail("a Constant has no inputs");
  if (op == "Constant" || (allConstant && isFoldable(op))) {
    std::vector<const OnnxConstant*> inputs;
    for (const std::string& in : n.input())
      inputs.push_back(in.empty() ? nullptr : &constants_.at(in));
    std::vector<OnnxConstant> out = foldNode(n, inputs, opset_, failer());
    for (size_t k = 0; k < out.size() && int(k) < n.output_size(); ++k)
      constants_[n.output(int(k))] = std::move(out[k]);
    return;
  }
  if (op == "Shape") {
    if (n.input_size() < 1 || n.input(0) != flow_) fail("Shape of a tensor off the chain");
    if (n.output_size() < 1) fail("has no output");
    OnnxConstant shape;
    shape.isFloat = false;
    shape.ints = {kBatchSize};
    shape.ints.insert(shape.ints.end(), dims_.begin(), dims_.end());
    const int64_t rank = int64_t(shape.ints.size());
    int64_t start = intAttribute(n, "start", 0), end = intAttribute(n, "end", rank);
    start = std::clamp<int64_t>(start < 0 ? start + rank : start, 0, rank);
    end = std::clamp<int64_t>(end < 0 ? end + rank : end, start, rank);
    shape.ints = std::vector<int64_t>(shape.ints.begin() + start, shape.ints.begin() + end);
    shape.dims = {int64_t(shape.ints.size())};
    constants_[n.output(0)] = shape;
    return;
  }
  if (isFoldable(op) && op != "Add" && op != "Mul" && op != "Identity" && op != "Reshape")
    fail(op + " on the data is not supported (only on constants)");
  if (op == "Gemm") return readGemm();
  if (op == "MatMul") return readMatMul();
  if (op == "Add") return readAdd();
  if (op == "Conv") return readConv();
  if (op == "AveragePool" || op == "MaxPool") return readPool(op == "AveragePool");
  if (op == "GlobalAveragePool") return readGlobalAveragePool();
  if (op == "Relu") return readActivation(AnnLayerType::Relu);
  if (op == "Sigmoid") return readSigmoid();
  if (op == "Flatten") return readFlatten();
  if (op == "Reshape") return readReshape();
  if (op == "Pad") return readPad();
  if (op == "BatchNormalization") return readBatchNormalization();
  if (op == "Softmax") return readSoftmax();
  if (op == "Identity" || op == "Dropout") return readPassThrough();
  fail(op + " is only supported as x * Sigmoid(x) (SiLU)");  // Mul
}

void OnnxGraphReader::finish() {
  if (pad_) fail("Pad node '" + pad_->node + "' is not followed by a Conv or pool to fold into");
  const std::string& output = graph_.output(0).name();
  if (flow_ != output)
    fail("the output '" + output + "' is not the end of the chain of operations (which ends at '" +
         flow_ + "')");
  if (spec_.layers.empty()) fail("has no layers");
  try {
    inferAnnShapes(spec_);
  } catch (const SpecError& e) {
    fail(std::string("the network read is not valid: ") + e.what());
  }
}

const OnnxConstant& OnnxGraphReader::constant(int input) const {
  const OnnxConstant* c = optionalConstant(input);
  if (!c)
    fail("input " + std::to_string(input + 1) +
         " must be a constant (an initializer or a "
         "Constant node)");
  return *c;
}

const OnnxConstant* OnnxGraphReader::optionalConstant(int input) const {
  if (input >= node_->input_size() || node_->input(input).empty()) return nullptr;
  auto it = constants_.find(node_->input(input));
  if (it == constants_.end())
    fail("input " + std::to_string(input + 1) + " ('" + node_->input(input) +
         "') must be a constant (an initializer or a Constant node)");
  return &it->second;
}

void OnnxGraphReader::consumeFlow(int input, bool foldsPad) {
  if (input >= node_->input_size() || node_->input(input) != flow_)
    fail("does not read the tensor the chain has reached ('" + flow_ +
         "'); only single-chain models are supported");
  const std::vector<int>& readers = consumers_[flow_];
  if (readers.size() > 1) {
    std::string names;
    for (int r : readers) names += (names.empty() ? "'" : ", '") + graph_.node(r).name() + "'";
    fail("the graph branches at '" + flow_ + "' (read by nodes " + names +
         "); only single-chain models are supported");
  }
  if (pad_ && !foldsPad)
    fail("follows Pad node '" + pad_->node + "', which can only be folded into a Conv or pool");
}

void OnnxGraphReader::advance() {
  if (node_->output_size() < 1 || node_->output(0).empty()) fail("has no output");
  flow_ = node_->output(0);
}

void OnnxGraphReader::requireUnused(int output) const {
  if (output < node_->output_size() && !node_->output(output).empty() &&
      consumers_.count(node_->output(output)))
    fail("output " + std::to_string(output + 1) + " ('" + node_->output(output) +
         "') is used, which the importer does not support");
}

int64_t OnnxGraphReader::flowSize() const {
  int64_t n = 1;
  for (int64_t d : dims_) n *= d;
  return n;
}

std::string OnnxGraphReader::layerId(const std::string& typeName) const {
  // torch.onnx.export names nodes "/module/path/OpType": the module path names the layer
  // ("/conv1/Conv" -> "conv1"); a bare index ("/0/Conv") gets the type in front ("conv2d_0").
  std::string name = node_->name(), base;
  if (!name.empty() && name.front() == '/') {
    const size_t last = name.rfind('/');
    const std::string path = name.substr(0, last);
    const size_t slash = path.rfind('/');
    base = slash == std::string::npos ? path : path.substr(slash + 1);
    if (!base.empty() &&
        std::none_of(base.begin(), base.end(), [](unsigned char c) { return std::isalpha(c); }))
      base = typeName + "_" + base;
  } else {
    base = name;
  }
  for (char& c : base)
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) c = '_';
  if (base.empty()) base = typeName;
  std::string id = base;
  for (int k = 2; ids_.count(id); ++k) id = base + "_" + std::to_string(k);
  return id;
}

AnnLayerSpec& OnnxGraphReader::addLayer(AnnLayerType type) {
  AnnLayerSpec layer;
  layer.type = type;
  layer.id = layerId(std::string(annLayerTypeName(type)));
  ids_.insert(layer.id);
  spec_.layers.push_back(std::move(layer));
  rawLayerOutput_ = false;
  return spec_.layers.back();
}

}  // namespace snn::onnx_import
