#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "NirGraph.h"

namespace snn::nir {

// A problem with one node of a NIR graph, naming the node (its path through nested graphs,
// e.g. "encoder/lif1"), its type and the field.
class NirError : public std::runtime_error {
 public:
  NirError(std::string node, std::string type, std::string field, std::string message,
           std::string file = "");
  const std::string& node() const { return node_; }
  const std::string& type() const { return type_; }
  const std::string& field() const { return field_; }
  const std::string& message() const { return message_; }
  // The same error with the file named in front.
  NirError inFile(const std::string& file) const;

 private:
  std::string node_;
  std::string type_;
  std::string field_;
  std::string message_;
};

// What a field of a node type must hold.
enum class NirFieldKind {
  Numeric,        // an array (or scalar) of numbers, float or integer
  Integer,        // integer numbers only (shapes, strides, dims)
  IntegerOrText,  // integers, or one of a few words (Conv padding: "same", "valid")
};

struct NirFieldInfo {
  std::string name;
  NirFieldKind kind = NirFieldKind::Numeric;
  bool required = true;
  std::string meaning;
};

// The schema of one NIR 1.0 node type: its fields as nir/ir/*.py and nir/serialization.py of the
// reference implementation define them, and which neuron parameters must share one shape.
struct NirNodeTypeInfo {
  std::string type;
  std::string meaning;
  std::vector<NirFieldInfo> fields;
  std::vector<std::string> sameShape;
};

// All node types of NIR 1.0 (NIRGraph included), in the order of the NIR primitives table.
const std::vector<NirNodeTypeInfo>& nirNodeTypes();
const NirNodeTypeInfo* findNirNodeType(std::string_view type);
std::string nirNodeTypeNames();

// Checks a node against its type's schema (and, for a graph, every node in it and its edges):
// unknown type, missing field, wrong kind of value, shapes that do not fit together. Throws
// NirError naming the node and field. `path` is the node's name (with its graphs' names).
void checkNirNode(const NirNode& node, const std::string& path);

// Whether an edge end names a node of the graph (or "graph.node" inside a nested graph).
bool hasEndpoint(const NirNode& graph, const std::string& name);

// Number of elements a shape describes, refusing negative or overflowing dimensions.
int64_t elementCount(const std::vector<int64_t>& shape);

}  // namespace snn::nir
