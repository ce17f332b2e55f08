#pragma once

#include <filesystem>

#include "NirGraph.h"
#include "NirNodeTypes.h"

namespace snn::nir {

// The NIR file format (nir/serialization.py of the reference implementation): an HDF5 file with
// a string dataset "version" and a group "node" holding the top-level graph. Each node is a
// group with a string dataset "type" and one dataset per field; a graph has a group "nodes"
// (one group per node, by name) and a dataset "edges" of (source, target) name pairs; an
// optional group "metadata" holds extra datasets.

// Reads and checks a file (every node against its type's schema, NirNodeTypes). Throws
// std::runtime_error naming the file for a file that is not HDF5, truncated or not NIR, and
// NirError (also a runtime_error) naming the node and field for a malformed node. Nothing is
// printed; no allocation exceeds what the file can hold.
NirGraph readNirFile(const std::filesystem::path& path);

// Checks the graph, then writes it atomically (a temporary file renamed over the target), each
// array in its own dtype and shape, so that readNirFile gives back an equal graph.
void writeNirFile(const NirGraph& graph, const std::filesystem::path& path);

}  // namespace snn::nir
