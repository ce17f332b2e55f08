#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "data/Dataset.h"
#include "energy/EnergyReport.h"
#include "learning/Trainer.h"
#include "model/NetworkSpec.h"

namespace snn {

// The test accuracy of a classification network on each substrate an energy report prices, so
// that every bar has its accuracy beside it:
//  - snn (snn_cmos, snn_chip): the SNN with ideal synapses, every projection's crossbar taken
//    off (evaluateProject: judged as the training method judges it);
//  - crossbar: the project as it stands, its crossbar projections computed on their devices
//    with every non-ideality the crossbars model (evaluateProject); none when no projection is
//    carried by a crossbar (the crossbar bar is then a hypothetical mapping);
//  - ann (ann_fp32, ann_int8): the project's ANN node (training.ann, else the first; a
//    converted network keeps its source), its largest output; none without an ANN (the ANN bars
//    then price the SNN's connections as MACs). Measured in fp32 for both ANN bars.
// A substrate without an accuracy says why in `note`.
struct SubstrateAccuracy {
  std::optional<double> accuracy;
  std::string note;  // how it was measured, or why there is none
};
struct SubstrateAccuracies {
  SubstrateAccuracy snn, crossbar, ann;
  int64_t samples = 0;  // test samples each accuracy was measured on
};

struct SubstrateAccuracyOptions {
  int64_t testLimit = 100;  // first N test samples (0: all)
  int threads = 1;
  TrainingCallbacks callbacks;                        // progress and cancel of each evaluation
  std::function<void(const std::string&)> measuring;  // "digital SNN", "crossbars", "ANN"
};

// Whether the project is a classification task its accuracy can be measured for: a training
// method that evaluation judges by (or a network that is an ANN); else the reason.
std::optional<std::string> whyNoAccuracy(const Project& project);

// The dataset the project's task uses: its training block's, else the first dataset feed's, else
// "digits".
std::string taskDataset(const Project& project);

// Measures each substrate's accuracy on `data`'s test split. Throws SpecError when the project
// cannot be evaluated (whyNoAccuracy), and what evaluateProject throws (a cancelled callback
// ends it as the trainers do).
SubstrateAccuracies measureSubstrateAccuracies(const Project& project, const DatasetSplit& data,
                                               const SubstrateAccuracyOptions& options);

// Every substrate of the report gets its accuracy (or the note why there is none).
void applyAccuracies(EnergyReport& report, const SubstrateAccuracies& accuracies);

}  // namespace snn
