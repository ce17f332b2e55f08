#pragma once

#include "AnnTrainer.h"
#include "TrainerRegistry.h"

namespace snn {

// The "ann" training method: AnnTrainer on one ANN node of the project (training.ann, else the
// first of network.anns), its settings from the training block's params (AnnTrainingSettings::
// schema) and the experiment's seed. trainedProject() is the project with that ANN's weights,
// biases and QCFS thresholds replaced by the trained ones.
TrainerEntry annTrainerEntry();

// The ANN node a project's training block names, or its first; throws SpecError naming the
// training block's field when there is none.
const AnnNodeSpec& trainedAnnNode(const Project& project);

// AnnTrainer's diagnostics (about "the ANN" and its layers) named after the ANN node and the
// field's path in the project ("layers.fc2.units"), as validation names them.
SpecError annNodeError(const SpecError& e, const std::string& annId);

class AnnProjectTrainer : public Trainer {
 public:
  // Throws SpecError (naming the ANN node) when the ANN does not fit the data.
  AnnProjectTrainer(const Project& project, DatasetSplit data, const TrainerOptions& options);

  EpochReport trainEpoch(int epoch, const TrainingCallbacks& callbacks) override;
  Project trainedProject() const override;
  ConfusionMatrix lastConfusion() const override { return trainer_->lastConfusion(); }
  // Accuracy on the test samples without training (what evaluateProject reports).
  double testAccuracy(const TrainingCallbacks& callbacks = {}) {
    return trainer_->evaluate(callbacks);
  }

 private:
  Project project_;
  std::string annId_;
  std::unique_ptr<AnnTrainer> trainer_;
};

}  // namespace snn
