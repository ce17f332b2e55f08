#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "data/Dataset.h"
#include "learning/CrossbarLayer.h"
#include "learning/Trainer.h"
#include "model/NetworkSpec.h"

namespace snn {

// Test accuracy of a project's network as it stands, judged the way its training block's method
// judges it, so that a trained project evaluates to the accuracy its training reported:
//  - "surrogate" (and the crossbar trainers "hybrid", "in-the-loop"): the output neuron with most
//  spikes (SurrogateTrainer's readout), every layer
//    whose projection a crossbar carries computing its product on that crossbar (CrossbarLayer);
//  - "stdp": the labelled vote of Diehl & Cook (StdpTrainer) over the simulator, where crossbar
//    projections run on their crossbars (CrossbarSynapses);
//  - "ann", and a network that is an ANN node without populations: the ANN's largest output.
// Throws SpecError when the project has no training block or its method cannot be evaluated.
struct EvaluationOptions {
  int64_t testLimit = 0;  // first N test samples (0: all)
  int threads = 1;
};
struct EvaluationResult {
  double accuracy = 0.0;
  int64_t samples = 0;
  ConfusionMatrix confusion;
};
EvaluationResult evaluateProject(const Project& project, DatasetSplit data,
                                 const EvaluationOptions& options,
                                 const TrainingCallbacks& callbacks = {});

// The crossbar layers of a surrogate network whose projections are carried by crossbars, in
// layer order (null where a layer has none), attached to their layers. Shared by evaluation
// and the crossbar trainers.
class SurrogateTrainer;
std::vector<std::unique_ptr<CrossbarLayer>> attachCrossbarLayers(const Project& project,
                                                                 SurrogateTrainer& trainer);

}  // namespace snn
