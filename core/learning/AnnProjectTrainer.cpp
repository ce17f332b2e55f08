#include "AnnProjectTrainer.h"

namespace snn {

const AnnNodeSpec& trainedAnnNode(const Project& project) {
  const std::string id = project.training ? project.training->ann : std::string();
  if (!id.empty()) {
    if (const AnnNodeSpec* a = project.network.findAnn(id)) return *a;
    throw SpecError(Diagnostic{ObjectKind::Training, "", "ann", "no ANN '" + id + "'"});
  }
  if (project.network.anns.empty())
    throw SpecError(Diagnostic{ObjectKind::Training, "", "method",
                               "'ann' trains an ANN node, and the network has none "
                               "(network.anns; snnwb-cli import MODEL.onnx makes one)"});
  return project.network.anns.front();
}

SpecError annNodeError(const SpecError& e, const std::string& annId) {
  std::vector<Diagnostic> out;
  for (Diagnostic d : e.diagnostics()) {
    if (d.kind == ObjectKind::AnnLayer)
      d.field = "layers." + d.objectId + (d.field.empty() ? "" : "." + d.field);
    if (d.kind == ObjectKind::Ann || d.kind == ObjectKind::AnnLayer) {
      d.kind = ObjectKind::Ann;
      d.objectId = annId;
    }
    out.push_back(std::move(d));
  }
  return SpecError(std::move(out));
}

AnnProjectTrainer::AnnProjectTrainer(const Project& project, DatasetSplit data,
                                     const TrainerOptions& options)
    : project_(project) {
  const AnnNodeSpec& node = trainedAnnNode(project_);
  annId_ = node.id;
  const TrainerEntry& method = *TrainerRegistry::instance().find("ann");
  const AnnTrainingSettings settings = AnnTrainingSettings::from(
      [&](std::string_view n) { return trainingParam(project_, method, n); },
      [&](std::string_view n) { return trainingChoice(project_, method, n); },
      project_.experiment.seed);
  try {
    trainer_ = std::make_unique<AnnTrainer>(node.ann, std::move(data), settings, options);
  } catch (const SpecError& e) {
    throw annNodeError(e, annId_);
  }
}

EpochReport AnnProjectTrainer::trainEpoch(int epoch, const TrainingCallbacks& callbacks) {
  return trainer_->trainEpoch(epoch, callbacks);
}

Project AnnProjectTrainer::trainedProject() const {
  Project p = project_;
  p.network.findAnn(annId_)->ann = trainer_->trainedSpec();
  return p;
}

TrainerEntry annTrainerEntry() {
  TrainerEntry e;
  e.name = "ann";
  e.displayName = "ANN (backpropagation)";
  e.meaning =
      "Supervised training of an ANN node (network.anns): cross-entropy on its outputs, "
      "mini-batches, Adam or SGD with momentum, as in PyTorch; with QCFS activations "
      "(snnwb-cli train --qcfs L) it is quantisation-aware for ANN-to-SNN conversion";
  e.params = AnnTrainingSettings::schema();
  e.create = [](const Project& project, DatasetSplit data, const TrainerOptions& options) {
    return std::make_unique<AnnProjectTrainer>(project, std::move(data), options);
  };
  return e;
}

}  // namespace snn
