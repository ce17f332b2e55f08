#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "NirGraph.h"
#include "NirMapping.h"
#include "model/NetworkSpec.h"

namespace snn::nir {

// What the graph's Input nodes become: spike sources (spike_source, times left for the user to
// give) or current sources (current_step, injecting W x straight into the membrane).
enum class NirInputKind { Spikes, Current };

struct NirImportOptions {
  // Unset: the convention the file's metadata names (our exporter writes it), else PerStep.
  std::optional<SpikeConvention> spikes;
  NirInputKind input = NirInputKind::Spikes;
  // Unset: the dialect the file's metadata names (our exporter writes it), else Nir.
  std::optional<NirDialect> dialect;
  double dt = 0.1;          // ms; the NIR paper's examples use 1e-4 s
  double duration = 100.0;  // ms
};

// Every node (or population, projection) that could not be mapped exactly, each named with its
// reason: the importer and the exporter report all of them at once.
class NirMappingError : public std::runtime_error {
 public:
  NirMappingError(const std::string& heading, std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// Maps a NIR graph onto a project (docs/nir.md): Input -> spike or current sources (shaped as
// the Input is); LIF, IF, CubaLIF -> lif / if populations (multi_spike_if for IF under the
// sinabs dialect); LI, CubaLI -> lif populations that never fire, read out as a trace of v;
// each chain of Affine, Linear, Scale, Delay, Flatten (and inner graph boundaries) between two
// of them -> one projection with its weights per synapse (all_to_all or one_to_one; from_list
// when delays differ per synapse); Conv2d, Conv1d, SumPool2d, AvgPool2d -> conv2d / avg_pool2d
// projections between shaped populations (a pool followed by a conv or a weight layer composed
// into one, NirShapedLink.h); a bias -> i_offset (refused into multi_spike_if,
// NirImportSession::biasFits); Output -> a spike monitor. Anything without an exact equivalent (I,
// Threshold, dilated or grouped convolutions, a convention the node cannot follow, delays off the
// time grid...) is refused: every such node is listed in one NirMappingError, nothing is
// approximated.
Project importNir(const NirGraph& graph, const NirImportOptions& options = {});

}  // namespace snn::nir
