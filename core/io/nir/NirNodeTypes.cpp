#include "NirNodeTypes.h"

#include <algorithm>
#include <limits>
#include <set>

namespace snn::nir {

namespace {
std::string errorText(const std::string& file, const std::string& node, const std::string& type,
                      const std::string& field, const std::string& message) {
  return (file.empty() ? "" : file + ": ") + "node '" + node + "'" +
         (type.empty() ? "" : " (" + type + ")") +
         (field.empty() ? "" : ", field '" + field + "'") + ": " + message;
}
}  // namespace

NirError::NirError(std::string node, std::string type, std::string field, std::string message,
                   std::string file)
    : std::runtime_error(errorText(file, node, type, field, message)),
      node_(std::move(node)),
      type_(std::move(type)),
      field_(std::move(field)),
      message_(std::move(message)) {}

NirError NirError::inFile(const std::string& file) const {
  return NirError(node_, type_, field_, message_, file);
}

int64_t NirArray::count() const {
  return isFloat() ? static_cast<int64_t>(real.size()) : static_cast<int64_t>(integer.size());
}

double NirArray::at(int64_t i) const {
  const auto k = static_cast<size_t>(i);
  return isFloat() ? real[k] : static_cast<double>(integer[k]);
}

NirArray NirArray::floats(std::vector<double> values, std::vector<int64_t> shape, int bytes) {
  NirArray a;
  a.dtype = {hdf5::NumericType::Kind::Float, bytes};
  a.shape = std::move(shape);
  a.real = std::move(values);
  if (bytes == 4)  // held as the float32 the file will store, so a write -> read is exact
    for (double& v : a.real) v = static_cast<double>(static_cast<float>(v));
  return a;
}

NirArray NirArray::integers(std::vector<int64_t> values, std::vector<int64_t> shape) {
  NirArray a;
  a.dtype = {hdf5::NumericType::Kind::SignedInt, 8};
  a.shape = std::move(shape);
  a.integer = std::move(values);
  return a;
}

const NirArray* NirNode::find(const std::string& field) const {
  auto it = arrays.find(field);
  return it == arrays.end() ? nullptr : &it->second;
}

int64_t elementCount(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0) throw std::invalid_argument("has a negative dimension");
    if (d != 0 && n > std::numeric_limits<int64_t>::max() / d)
      throw std::invalid_argument("has too many elements");
    n *= d;
  }
  return n;
}

namespace {

NirFieldInfo num(const char* name, const char* meaning, bool required = true) {
  return {name, NirFieldKind::Numeric, required, meaning};
}
NirFieldInfo integer(const char* name, const char* meaning, bool required = true) {
  return {name, NirFieldKind::Integer, required, meaning};
}

std::vector<NirNodeTypeInfo> makeTypes() {
  const NirFieldInfo shape = integer("shape", "Shape of the data (one integer per dimension)");
  const NirFieldInfo r = num("r", "Resistance R (input gain)");
  const NirFieldInfo vLeak = num("v_leak", "Leak (resting) potential");
  const NirFieldInfo vThreshold = num("v_threshold", "Firing threshold");
  const NirFieldInfo vReset = num("v_reset", "Potential after a spike (default 0)", false);
  const NirFieldInfo tau = num("tau", "Membrane time constant (s)");
  const NirFieldInfo tauMem = num("tau_mem", "Membrane time constant (s)");
  const NirFieldInfo tauSyn = num("tau_syn", "Synaptic time constant (s)");
  const NirFieldInfo wIn = num("w_in", "Input current weight (elementwise, default 1)", false);
  const NirFieldInfo weight = num("weight", "Weight matrix (out x in)");
  const NirFieldInfo bias = num("bias", "Bias (one per output)");
  auto conv = [&](const char* type, const char* meaning) {
    return NirNodeTypeInfo{
        type,
        meaning,
        {integer("input_shape", "Spatial shape of the input", false),
         weight,
         integer("stride", "Stride"),
         {"padding", NirFieldKind::IntegerOrText, true, "Padding (integers, 'same' or 'valid')"},
         integer("dilation", "Dilation"),
         integer("groups", "Groups"),
         bias},
        {}};
  };
  auto pool = [&](const char* type, const char* meaning) {
    return NirNodeTypeInfo{type,
                           meaning,
                           {integer("kernel_size", "Pooling window (height, width)"),
                            integer("stride", "Stride (height, width)"),
                            integer("padding", "Padding (height, width)")},
                           {}};
  };
  return {
      {"Input", "Where data enters the graph", {shape}, {}},
      {"Output", "Where data leaves the graph", {shape}, {}},
      {"Affine", "y = W x + b", {weight, bias}, {}},
      {"Linear", "y = W x", {weight}, {}},
      {"Scale", "y = s * x (elementwise)", {num("scale", "Scale factors")}, {}},
      conv("Conv1d", "1-d convolution"),
      conv("Conv2d", "2-d convolution"),
      {"Flatten",
       "Flattens dimensions start_dim..end_dim",
       {integer("start_dim", "First dimension flattened"),
        integer("end_dim", "Last dimension flattened"),
        integer("input_type", "Shape of the input", false)},
       {}},
      pool("SumPool2d", "Sum over each window"),
      pool("AvgPool2d", "Mean over each window"),
      {"Delay", "y(t) = x(t - delay)", {num("delay", "Delay (s)")}, {}},
      {"Threshold", "Heaviside step: 1 where x > threshold", {num("threshold", "Threshold")}, {}},
      {"I", "Integrator: dv/dt = R I", {r}, {}},
      {"IF",
       "Integrate-and-fire: dv/dt = R I, spike and reset",
       {r, vThreshold, vReset},
       {"r", "v_threshold", "v_reset"}},
      {"LI",
       "Leaky integrator: tau dv/dt = (v_leak - v) + R I",
       {tau, r, vLeak},
       {"tau", "r", "v_leak"}},
      {"LIF",
       "Leaky integrate-and-fire",
       {tau, r, vLeak, vThreshold, vReset},
       {"tau", "r", "v_leak", "v_threshold", "v_reset"}},
      {"CubaLI",
       "Current-based leaky integrator",
       {tauSyn, tauMem, r, vLeak, wIn},
       {"tau_syn", "tau_mem", "r", "v_leak"}},
      {"CubaLIF",
       "Current-based leaky integrate-and-fire",
       {tauSyn, tauMem, r, vLeak, vThreshold, vReset, wIn},
       {"tau_syn", "tau_mem", "r", "v_leak", "v_threshold", "v_reset"}},
      {"NIRGraph", "A graph of nodes and edges", {}, {}},
  };
}

void fail(const std::string& path, const NirNode& node, const std::string& field,
          const std::string& message) {
  throw NirError(path, node.type, field, message);
}

std::string shapeText(const std::vector<int64_t>& shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

void checkField(const NirNode& node, const NirFieldInfo& f, const std::string& path) {
  const NirArray* a = node.find(f.name);
  const bool hasText = node.text.count(f.name) > 0;
  if (!a && !hasText) {
    if (f.required) fail(path, node, f.name, "missing (" + f.meaning + ")");
    return;
  }
  if (hasText) {
    const std::string& t = node.text.at(f.name);
    if (f.kind != NirFieldKind::IntegerOrText)
      fail(path, node, f.name, "is text ('" + t + "'), expected numbers");
    if (t != "same" && t != "valid")
      fail(path, node, f.name, "must be integers, 'same' or 'valid' (got '" + t + "')");
    return;
  }
  if (f.kind != NirFieldKind::Numeric && a->isFloat())
    fail(path, node, f.name, "is " + hdf5::describe(a->dtype) + ", expected integers");
  try {
    if (elementCount(a->shape) != a->count())
      fail(path, node, f.name,
           "holds " + std::to_string(a->count()) + " values for shape " + shapeText(a->shape));
  } catch (const std::invalid_argument& e) {
    fail(path, node, f.name, std::string("shape ") + e.what());
  }
}

int64_t dim(const NirArray& a, int fromEnd) {
  return a.shape[a.shape.size() - static_cast<size_t>(fromEnd)];
}

// Checks that go beyond each field on its own: matrix ranks, bias length, equal neuron shapes.
void checkRelations(const NirNode& node, const NirNodeTypeInfo& info, const std::string& path) {
  const std::string& t = node.type;
  if (t == "Affine" || t == "Linear") {
    const NirArray& w = *node.find("weight");
    if (w.shape.size() < 2)
      fail(path, node, "weight",
           "must be a matrix (at least 2 dimensions), got shape " + shapeText(w.shape));
    if (t == "Affine" && node.find("bias")->count() != dim(w, 2) && node.find("bias")->count() != 1)
      fail(path, node, "bias",
           "has " + std::to_string(node.find("bias")->count()) + " values but weight has " +
               std::to_string(dim(w, 2)) + " rows");
  }
  if (t == "Conv1d" || t == "Conv2d") {
    const NirArray& w = *node.find("weight");
    const size_t rank = t == "Conv1d" ? 3 : 4;
    if (w.shape.size() != rank)
      fail(path, node, "weight",
           "must have " + std::to_string(rank) + " dimensions, got shape " + shapeText(w.shape));
    if (node.find("bias")->count() != w.shape[0] && node.find("bias")->count() != 1)
      fail(path, node, "bias",
           "must have one value per output channel (" + std::to_string(w.shape[0]) + ")");
  }
  if (t == "Input" || t == "Output") {
    const NirArray& s = *node.find("shape");
    for (int64_t d : s.integer)
      if (d < 0) fail(path, node, "shape", "has a negative dimension");
  }
  const NirArray* first = nullptr;
  std::string firstName;
  for (const std::string& name : info.sameShape) {
    const NirArray* a = node.find(name);
    if (!a) continue;
    if (!first) {
      first = a;
      firstName = name;
    } else if (a->shape != first->shape && a->count() != 1) {
      fail(path, node, name,
           "has shape " + shapeText(a->shape) + " but " + firstName + " has shape " +
               shapeText(first->shape) + " (all parameters must have the same shape)");
    }
  }
  if (const NirArray* w = node.find("w_in");
      w && first && w->count() != 1 && w->count() != first->count())
    fail(path, node, "w_in", "must be one value or one per neuron");
}

}  // namespace

bool hasEndpoint(const NirNode& graph, const std::string& name) {
  if (graph.nodes.count(name)) return true;
  // A node inside a nested graph, written "graph.node".
  const size_t dot = name.find('.');
  if (dot == std::string::npos) return false;
  auto it = graph.nodes.find(name.substr(0, dot));
  return it != graph.nodes.end() && it->second.isGraph() &&
         hasEndpoint(it->second, name.substr(dot + 1));
}

const std::vector<NirNodeTypeInfo>& nirNodeTypes() {
  static const std::vector<NirNodeTypeInfo> types = makeTypes();
  return types;
}

const NirNodeTypeInfo* findNirNodeType(std::string_view type) {
  for (const NirNodeTypeInfo& t : nirNodeTypes())
    if (t.type == type) return &t;
  return nullptr;
}

std::string nirNodeTypeNames() {
  std::string s;
  for (const NirNodeTypeInfo& t : nirNodeTypes()) s += (s.empty() ? "" : ", ") + t.type;
  return s;
}

void checkNirNode(const NirNode& node, const std::string& path) {
  const NirNodeTypeInfo* info = findNirNodeType(node.type);
  if (!info)
    throw NirError(path, "", "type",
                   "unknown node type '" + node.type + "' (known: " + nirNodeTypeNames() + ")");
  for (const NirFieldInfo& f : info->fields) checkField(node, f, path);
  checkRelations(node, *info, path);
  if (!node.isGraph()) return;
  for (const auto& [name, child] : node.nodes)
    checkNirNode(child, path.empty() ? name : path + "/" + name);
  for (const NirEdge& e : node.edges)
    for (const std::string* end : {&e.source, &e.target})
      if (!hasEndpoint(node, *end))
        fail(path.empty() ? "(top-level graph)" : path, node, "edges",
             "edge " + e.source + " -> " + e.target + " names '" + *end +
                 "', which is not a node of this graph");
}

}  // namespace snn::nir
