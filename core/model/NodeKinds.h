#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "Diagnostic.h"
#include "NetworkSpec.h"

namespace snn {

// The kinds of node a network holds, each described once: its ObjectKind, its name in messages
// and documentation, the key of its list in the project file, and its ids in project order.
// Nodes of every kind and projections share one id space (NetworkSpec::kindOf).
//
// Adding a kind of node is adding files: its spec (a list in NetworkSpec), an entry here, its
// fields (model/ObjectFields.h), its reading, writing and validation, its compile step, and its
// canvas item and inspector page (widgets/NodeKinds.cpp).
struct NodeKindInfo {
  ObjectKind kind;
  const char* name;     // "population"
  const char* jsonKey;  // "populations"
  std::vector<std::string> (*ids)(const NetworkSpec& network);
};

const std::vector<NodeKindInfo>& nodeKinds();
const NodeKindInfo* findNodeKind(ObjectKind kind);

}  // namespace snn
