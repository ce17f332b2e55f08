#pragma once

#include <string>

#include "ConvertedSnn.h"
#include "model/NetworkSpec.h"

namespace snn {

// How the converted network is shown its data when run as a project.
struct SnnProjectOptions {
  int timesteps = 64;  // T: steps each sample is shown for (dt = 1 ms)
  std::string dataset = "fashion-mnist";
  std::string split = "test";
  int64_t samples = 1;  // the run lasts this many presentations
};

// The converted network as an ordinary SNN project: a population "input" (a direct-current
// encoder, or a Poisson source firing pixel x with probability x per step) fed from the
// dataset, then one population of `if` neurons per stage (named after its ANN layer, with its
// shape; threshold 1, v_reset 0, reset by subtraction or to zero, the bias as i_offset, cm = dt
// and tau_syn = 0 so a spike's weight lands on v in the next step), joined by all_to_all
// projections with per-synapse weights (dense), conv2d (kernel stored once) or avg_pool2d; a
// spike monitor on the output (a membrane readout's output never fires: its v_thresh is huge and
// a state monitor records v). dt = 1 ms. A spike takes one step per layer, so the output
// settles stages - 1 steps later than in the synchronous evaluator; IF membranes do not decay
// between samples: a run over several samples carries charge from one to the next (evaluate
// one sample per run, or use the batched evaluator).
Project buildSnnProject(const ConvertedSnn& snn, const SnnProjectOptions& options);

}  // namespace snn
