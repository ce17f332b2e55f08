#include "NirFile.h"

#include <cctype>
#include <stdexcept>

namespace snn::nir {

namespace {

using hdf5::Handle;

// Newer major versions may change the meaning of fields: refuse rather than misread them.
constexpr int kNewestMajorVersion = 1;

std::string childPath(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "/" + name;
}

std::string shownPath(const std::string& path) {
  return path.empty() ? "(top-level graph)" : path;
}

Handle openGroup(hid_t parent, const std::string& name) {
  return Handle(H5Gopen2(parent, name.c_str(), H5P_DEFAULT));
}

NirArray readArray(hid_t group, const std::string& name, const hdf5::DatasetInfo& info) {
  NirArray a;
  a.dtype = info.numeric;
  a.shape = info.shape;
  if (a.isFloat())
    a.real = hdf5::readDoubles(group, name);
  else
    a.integer = hdf5::readIntegers(group, name);
  return a;
}

void readMetadata(hid_t group, NirNode& node, const std::string& path) {
  for (const std::string& name : hdf5::memberNames(group)) {
    if (hdf5::isGroup(group, name))
      throw NirError(shownPath(path), node.type, "metadata." + name,
                     "nested metadata groups are not supported");
    const hdf5::DatasetInfo info = hdf5::inspect(group, name);
    if (info.cls == hdf5::DatasetInfo::Class::String) {
      const auto s = hdf5::readStrings(group, name);
      node.metadataText[name] = s.empty() ? "" : s.front();
    } else if (info.cls == hdf5::DatasetInfo::Class::Numeric) {
      node.metadataArrays[name] = readArray(group, name, info);
    } else {
      throw NirError(shownPath(path), node.type, "metadata." + name,
                     "is " + info.typeText + " (numbers or text expected)");
    }
  }
}

std::vector<NirEdge> readEdges(hid_t group, const NirNode& node, const std::string& path) {
  const hdf5::DatasetInfo info = hdf5::inspect(group, "edges");
  std::vector<NirEdge> edges;
  if (info.count == 0) return edges;  // h5py writes an empty edge list as a (0,) float array
  if (info.cls != hdf5::DatasetInfo::Class::String || info.shape.size() != 2 || info.shape[1] != 2)
    throw NirError(shownPath(path), node.type, "edges",
                   "must be (source, target) pairs of node names (an n x 2 array of strings)");
  const std::vector<std::string> names = hdf5::readStrings(group, "edges");
  for (size_t i = 0; i + 1 < names.size(); i += 2) edges.push_back({names[i], names[i + 1]});
  return edges;
}

NirNode readNode(hid_t group, const std::string& path, int depth);

void readMember(hid_t group, const std::string& name, NirNode& node, const std::string& path,
                int depth) {
  if (hdf5::isGroup(group, name)) {
    Handle child = openGroup(group, name);
    if (name == "metadata") {
      readMetadata(child.get(), node, path);
    } else if (name == "nodes" && node.isGraph()) {
      for (const std::string& n : hdf5::memberNames(child.get())) {
        if (!hdf5::isGroup(child.get(), n))
          throw NirError(childPath(path, n), "", "", "is a dataset, expected a node group");
        Handle c = openGroup(child.get(), n);
        node.nodes.emplace(n, readNode(c.get(), childPath(path, n), depth + 1));
      }
    } else {
      throw NirError(shownPath(path), node.type, name, "is a group, expected a dataset");
    }
    return;
  }
  if (name == "edges" && node.isGraph()) {
    node.edges = readEdges(group, node, path);
    return;
  }
  const hdf5::DatasetInfo info = hdf5::inspect(group, name);
  if (info.cls == hdf5::DatasetInfo::Class::Numeric) {
    node.arrays[name] = readArray(group, name, info);
  } else if (info.cls == hdf5::DatasetInfo::Class::String && info.shape.empty()) {
    node.text[name] = hdf5::readStrings(group, name).front();
  } else {
    throw NirError(
        shownPath(path), node.type, name,
        "is " + info.typeText + (info.shape.empty() ? "" : " array") + ", expected numbers");
  }
}

NirNode readNode(hid_t group, const std::string& path, int depth) {
  if (depth > 64) throw NirError(shownPath(path), "", "", "graphs nested more than 64 deep");
  NirNode node;
  if (!hdf5::exists(group, "type"))
    throw NirError(shownPath(path), "", "type", "missing (every node names its type)");
  try {
    node.type = hdf5::readStrings(group, "type").at(0);
  } catch (const std::exception& e) {
    throw NirError(shownPath(path), "", "type", e.what());
  }
  for (const std::string& name : hdf5::memberNames(group)) {
    if (name == "type") continue;
    try {
      readMember(group, name, node, path, depth);
    } catch (const NirError&) {
      throw;
    } catch (const std::exception& e) {
      throw NirError(shownPath(path), node.type, name, e.what());
    }
  }
  if (node.isGraph() && !hdf5::exists(group, "nodes"))
    throw NirError(shownPath(path), node.type, "nodes", "missing (a graph lists its nodes)");
  if (node.isGraph() && !hdf5::exists(group, "edges"))
    throw NirError(shownPath(path), node.type, "edges", "missing (a graph lists its edges)");
  return node;
}

void checkVersion(const std::string& version, const std::string& file) {
  size_t digits = 0;
  int major = 0;
  while (digits < version.size() && std::isdigit(static_cast<unsigned char>(version[digits])) &&
         digits < 6)
    major = major * 10 + (version[digits++] - '0');
  if (digits == 0)
    throw std::runtime_error(file + ": 'version' is '" + version + "', not a version number");
  if (major > kNewestMajorVersion)
    throw std::runtime_error(file + ": NIR version " + version +
                             " is newer than this workbench reads (up to 1.x)");
}

void writeArray(hid_t group, const std::string& name, const NirArray& a) {
  if (a.isFloat())
    hdf5::writeDoubles(group, name, a.real, a.shape, a.dtype);
  else
    hdf5::writeIntegers(group, name, a.integer, a.shape, a.dtype);
}

void writeNode(hid_t group, const NirNode& node) {
  hdf5::writeString(group, "type", node.type);
  for (const auto& [name, a] : node.arrays) writeArray(group, name, a);
  for (const auto& [name, t] : node.text) hdf5::writeString(group, name, t);
  if (!node.metadataArrays.empty() || !node.metadataText.empty()) {
    Handle meta = hdf5::createGroup(group, "metadata");
    for (const auto& [name, a] : node.metadataArrays) writeArray(meta.get(), name, a);
    for (const auto& [name, t] : node.metadataText) hdf5::writeString(meta.get(), name, t);
  }
  if (!node.isGraph()) return;
  Handle nodes = hdf5::createGroup(group, "nodes");
  for (const auto& [name, child] : node.nodes) {
    Handle c = hdf5::createGroup(nodes.get(), name);
    writeNode(c.get(), child);
  }
  std::vector<std::string> names;
  for (const NirEdge& e : node.edges) {
    names.push_back(e.source);
    names.push_back(e.target);
  }
  hdf5::writeStrings(group, "edges", names, {static_cast<int64_t>(node.edges.size()), 2});
}

}  // namespace

NirGraph readNirFile(const std::filesystem::path& path) {
  const std::string file = path.string();
  hdf5::ErrorsSilenced quiet;
  Handle f;
  try {
    f = hdf5::openForReading(path);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string(e.what()) + " (a NIR file is HDF5)");
  }
  NirGraph graph;
  if (!hdf5::exists(f.get(), "version"))
    throw std::runtime_error(file + ": no 'version' dataset, not a NIR file");
  try {
    graph.version = hdf5::readStrings(f.get(), "version").at(0);
  } catch (const std::exception& e) {
    throw std::runtime_error(file + ": 'version' " + e.what());
  }
  checkVersion(graph.version, file);
  if (!hdf5::isGroup(f.get(), "node"))
    throw std::runtime_error(file + ": no 'node' group, not a NIR file");
  try {
    Handle root = openGroup(f.get(), "node");
    graph.root = readNode(root.get(), "", 0);
    if (!graph.root.isGraph())
      throw NirError("(top-level graph)", graph.root.type, "type",
                     "the top-level node must be a NIRGraph");
    checkNirNode(graph.root, "");
  } catch (const NirError& e) {
    throw e.inFile(file);
  }
  return graph;
}

void writeNirFile(const NirGraph& graph, const std::filesystem::path& path) {
  if (!graph.root.isGraph())
    throw NirError("(top-level graph)", graph.root.type, "type",
                   "the top-level node must be a NIRGraph");
  checkNirNode(graph.root, "");
  hdf5::ErrorsSilenced quiet;
  hdf5::AtomicHdf5File file(path);
  hdf5::writeString(file.root(), "version", graph.version);
  Handle root = hdf5::createGroup(file.root(), "node");
  writeNode(root.get(), graph.root);
  root = Handle();
  file.commit();
}

}  // namespace snn::nir
