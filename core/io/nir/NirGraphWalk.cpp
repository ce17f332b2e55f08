#include "NirGraphWalk.h"

#include <algorithm>

#include "NirNodeTypes.h"

namespace snn::nir {

namespace {

std::string join(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "." + name;
}

// The flat names an edge end stands for: a plain node, "g.x" inside a graph, or a whole graph
// "g" (entered through its Input nodes, left through its Output nodes).
std::vector<std::string> resolve(const NirNode& graph, const std::string& prefix,
                                 const std::string& name, bool asSource) {
  auto it = graph.nodes.find(name);
  if (it == graph.nodes.end()) {
    const size_t dot = name.find('.');
    if (dot != std::string::npos) {
      auto g = graph.nodes.find(name.substr(0, dot));
      if (g != graph.nodes.end() && g->second.isGraph())
        return resolve(g->second, join(prefix, g->first), name.substr(dot + 1), asSource);
    }
    throw NirError(prefix.empty() ? "(top-level graph)" : prefix, "NIRGraph", "edges",
                   "an edge names '" + name + "', which is not a node of this graph");
  }
  if (!it->second.isGraph()) return {join(prefix, name)};
  std::vector<std::string> ends;
  const char* wanted = asSource ? "Output" : "Input";
  for (const auto& [inner, node] : it->second.nodes)
    if (node.type == wanted) ends.push_back(join(join(prefix, name), inner));
  if (ends.empty())
    throw NirError(join(prefix, name), "NIRGraph", "nodes",
                   std::string("an edge ") + (asSource ? "leaves" : "enters") +
                       " this graph, which has no " + wanted + " node");
  return ends;
}

void inlineGraph(const NirNode& graph, const std::string& prefix, bool top, FlatNirGraph& out) {
  for (const auto& [name, node] : graph.nodes) {
    if (node.isGraph()) {
      inlineGraph(node, join(prefix, name), false, out);
      continue;
    }
    const bool boundary = node.type == "Input" || node.type == "Output";
    out.nodes[join(prefix, name)] = {&node, boundary && !top};
  }
  for (const NirEdge& e : graph.edges)
    for (const std::string& from : resolve(graph, prefix, e.source, true))
      for (const std::string& to : resolve(graph, prefix, e.target, false))
        out.successors[from].push_back(to);
}

}  // namespace

FlatNirGraph flattenNirGraph(const NirNode& root) {
  FlatNirGraph flat;
  inlineGraph(root, "", true, flat);
  return flat;
}

std::vector<NirPath> pathsFrom(const FlatNirGraph& graph, const std::string& source,
                               const std::function<bool(const std::string&)>& isEndpoint,
                               size_t maxPaths) {
  std::vector<NirPath> paths;
  std::vector<std::string> via;
  std::function<void(const std::string&)> walk = [&](const std::string& from) {
    auto next = graph.successors.find(from);
    if (next == graph.successors.end()) return;
    for (const std::string& to : next->second) {
      if (isEndpoint(to)) {
        if (paths.size() >= maxPaths)
          throw NirError(source, "", "edges",
                         "more than " + std::to_string(maxPaths) + " paths leave this node");
        paths.push_back({source, via, to});
        continue;
      }
      if (std::find(via.begin(), via.end(), to) != via.end())
        throw NirError(to, graph.nodes.at(to).node->type, "edges",
                       "lies on a loop with no neuron in it (the signal would feed itself "
                       "back within one instant)");
      via.push_back(to);
      walk(to);
      via.pop_back();
    }
  };
  walk(source);
  return paths;
}

}  // namespace snn::nir
