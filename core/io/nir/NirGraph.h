#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "io/Hdf5Support.h"

namespace snn::nir {

// One parameter array of a NIR node exactly as the file stores it: its element type, its shape
// (empty for a scalar) and its values, floats widened exactly to double and integers kept as
// integers, so that writing it back gives the same bits.
struct NirArray {
  hdf5::NumericType dtype{hdf5::NumericType::Kind::Float, 8};
  std::vector<int64_t> shape;
  std::vector<double> real;      // float dtypes
  std::vector<int64_t> integer;  // integer dtypes

  bool isFloat() const { return dtype.kind == hdf5::NumericType::Kind::Float; }
  int64_t count() const;
  // Element i as a double (integers converted).
  double at(int64_t i) const;

  // bytes 4: float32, the values rounded to float32 here.
  static NirArray floats(std::vector<double> values, std::vector<int64_t> shape, int bytes = 8);
  static NirArray integers(std::vector<int64_t> values, std::vector<int64_t> shape);
  static NirArray scalarInteger(int64_t value) { return integers({value}, {}); }
  bool operator==(const NirArray&) const = default;
};

struct NirEdge {
  std::string source;
  std::string target;
  bool operator==(const NirEdge&) const = default;
};

// A node of a NIR graph (Pedersen et al., "Neuromorphic intermediate representation",
// Nat. Commun. 15:8122, 2024): its type ("LIF", "Affine", ..., "NIRGraph") and its fields. A
// node of type NIRGraph holds nodes (by name) and edges; any other node holds parameter arrays
// and, for a few fields (Conv padding "same"/"valid"), text. Metadata is kept for the round trip
// but never interpreted (NIR: "no backend should rely on this metadata").
struct NirNode {
  std::string type;
  std::map<std::string, NirArray> arrays;
  std::map<std::string, std::string> text;
  std::map<std::string, NirArray> metadataArrays;
  std::map<std::string, std::string> metadataText;
  // type == "NIRGraph" only
  std::map<std::string, NirNode> nodes;
  std::vector<NirEdge> edges;

  bool isGraph() const { return type == "NIRGraph"; }
  const NirArray* find(const std::string& field) const;
  bool operator==(const NirNode&) const = default;
};

// A NIR file: the format version and the top-level node (a graph).
struct NirGraph {
  std::string version = "1.0.0";
  NirNode root{.type = "NIRGraph"};
  bool operator==(const NirGraph&) const = default;
};

}  // namespace snn::nir
