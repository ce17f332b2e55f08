#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "NirGraph.h"
#include "NirGraphWalk.h"
#include "NirImporter.h"
#include "NirNeuronMapping.h"

namespace snn::nir {

// One run of importNir (NirImporter.h): makes a population of every Input and neuron node, then
// a projection (or a monitor) of every path between two of them, gathering every node that has
// no exact workbench form into one list of problems. The dense chains (Affine, Linear, Scale,
// Delay) are mapped here; conv and pool paths in NirImportSessionShaped.cpp (NirShapedLink.h).
class NirImportSession {
 public:
  NirImportSession(const NirGraph& graph, const NirImportOptions& options);
  // The project, or NirMappingError listing every node without an exact equivalent.
  Project run();

 private:
  using Population = NirPopulation;
  using Via = std::vector<std::pair<std::string, const NirNode*>>;

  void refuse(const std::string& node, const std::string& why);
  bool isEndpoint(const std::string& name) const;
  void makeNode(const std::string& name, const NirNode& node, bool identity);
  void makeInput(const std::string& name, const NirNode& node);
  void connect(const NirPath& path);
  void connectShaped(const NirPath& path, const Via& via);
  void connectReadout(const NirPath& path, bool transforms);
  bool biasFits(const Population& tgt, const std::string& target, const std::string& node,
                const std::vector<double>& bias);
  bool giveShape(const Population& pop, const TensorShape& shape, const std::string& node);
  bool delayOnGrid(const std::string& node, double seconds, double& ms);
  std::string projectionId(const std::string& preferred);

  const NirImportOptions& options_;
  FlatNirGraph flat_;
  SpikeConvention convention_ = SpikeConvention::PerStep;
  NirDialect dialect_ = NirDialect::Nir;
  std::map<std::string, Population> pops_;
  std::set<std::string> usedIds_;
  std::set<std::string> shapedByLink_;  // populations whose shape a conv or pool link fixed
  Project project_;
  std::vector<std::string> problems_;
};

}  // namespace snn::nir
