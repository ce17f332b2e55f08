#pragma once

#include <string>
#include <vector>

#include "NirGraph.h"
#include "NirImporter.h"
#include "NirMapping.h"
#include "model/NetworkSpec.h"

namespace snn::nir {

struct NirExportOptions {
  // PerStep: lif/if populations whose synapses last one step (tau_syn 0) become LIF / IF.
  // Dirac: lif populations with exponential synapses become CubaLIF. Recorded in the graph's
  // metadata so that importNir reads the file back the same way.
  SpikeConvention spikes = SpikeConvention::PerStep;
  // Sinabs: multi_spike_if populations become IF nodes as Sinabs reads them (recorded in the
  // metadata too). Nir: they are refused.
  NirDialect dialect = NirDialect::Nir;
};

struct NirExport {
  NirGraph graph;
  // What the file does not carry but loses nothing of the network's dynamics (input data,
  // initial state, plasticity rules): for the user to see before writing.
  std::vector<std::string> notes;
};

// Maps a project onto a NIR graph, the inverse of importNir (docs/nir.md): sources -> Input;
// lif -> LIF or CubaLIF (LI or CubaLI when it cannot fire and feeds nothing: a readout), if -> IF
// (multi_spike_if -> IF under the sinabs dialect), shaped as the
// population is; conv2d / avg_pool2d projections -> Conv2d / AvgPool2d (+ Scale); any other
// projection -> a Linear node holding the weights of the
// synapses the compiler draws for the project's seed (dense, out x in), plus a Delay node when
// it delays. Throws NirMappingError listing every population and projection without an exact
// NIR equivalent (other models, refractory periods longer than one step, reset by subtraction,
// per-synapse delays that differ, unequal synaptic time constants...).
NirExport exportNir(const Project& project, const NirExportOptions& options = {});

}  // namespace snn::nir
