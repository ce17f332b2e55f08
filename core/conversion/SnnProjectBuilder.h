#pragma once

#include <string>

#include "ConvertedSnn.h"
#include "FsCoding.h"
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
// projections with per-synapse weights (dense), conv2d (kernel stored once) or avg_pool2d (a
// pooling folded into the next layer is written composed with it: foldedStage); a
// spike monitor on the output (a membrane readout's output never fires: its v_thresh is huge and
// a state monitor records v). dt = 1 ms. A spike takes one step per layer, so the output
// settles stages - 1 steps later than in the synchronous evaluator; IF membranes do not decay
// between samples: a run over several samples carries charge from one to the next (evaluate
// one sample per run, or use the batched evaluator).
Project buildSnnProject(const ConvertedSnn& snn, const SnnProjectOptions& options);

// Steps an FS network of `stages` layers needs per sample with K-step windows: layer l codes in
// window l + 1 what the input showed in window 0, the output holds it in window `stages`.
int fsStepsPerSample(const ConvertedSnn& snn, int k);

// The few-spike network as an ordinary project (Stöckl & Maass 2021): the same input,
// projections and monitors as buildSnnProject (direct-current input), one population of `fs`
// neurons per stage s with codes[s] (k = K, T(t), h(t), d(t); input_weights = the previous
// stage's d(t); cm = dt, the bias as i_offset); the output stage never fires (thresholds 1e300)
// and its v, recorded, is W y + b after fsStepsPerSample steps, what runFs computes. Each
// sample is shown for fsStepsPerSample steps (options.timesteps is not used). All codes have
// the same K.
Project buildFsProject(const ConvertedSnn& snn, const std::vector<FsCoefficients>& codes,
                       const SnnProjectOptions& options);

}  // namespace snn
