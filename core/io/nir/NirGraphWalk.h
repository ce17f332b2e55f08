#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "NirGraph.h"

namespace snn::nir {

// A NIR graph with its nested graphs inlined: a node of a subgraph "g" is named "g.x"; the
// subgraph's own Input and Output nodes become pass-through nodes (identities) joining the
// outer edges to the inner ones. Only the top level's Input and Output nodes are the network's.
struct FlatNirGraph {
  struct Node {
    const NirNode* node = nullptr;
    bool identity = false;  // an inner graph's Input or Output
  };
  std::map<std::string, Node> nodes;
  std::map<std::string, std::vector<std::string>> successors;  // in edge order
};

// Throws NirError for an edge naming a missing node.
FlatNirGraph flattenNirGraph(const NirNode& root);

// A chain of nodes from one endpoint to the next: source, the nodes in between (none of them an
// endpoint), target.
struct NirPath {
  std::string source;
  std::vector<std::string> via;
  std::string target;
};

// Every path from `source` to an endpoint (isEndpoint true) through non-endpoint nodes. Throws
// NirError for a cycle that contains no endpoint (a loop of pure transforms) or for more than
// `maxPaths` paths.
std::vector<NirPath> pathsFrom(const FlatNirGraph& graph, const std::string& source,
                               const std::function<bool(const std::string&)>& isEndpoint,
                               size_t maxPaths = 100000);

}  // namespace snn::nir
