#include "CrossbarTrainer.h"

#include <algorithm>
#include <cmath>

#include "model/Diagnostic.h"
#include "model/RandomStreams.h"

namespace snn {

namespace {

Diagnostic layersProblem(const std::string& message) {
  return Diagnostic{ObjectKind::Training, "", "layers", message};
}

}  // namespace

CrossbarTrainer::CrossbarTrainer(const Project& project, DatasetSplit data,
                                 const TrainerOptions& options, const TrainerEntry& entry,
                                 Method method)
    : project_(project),
      method_(method),
      offchipEpochs_(static_cast<int>(trainingParam(project, entry, "offchip_epochs"))),
      rule_(pulseRuleFromName(trainingChoice(project, entry, "pulse_rule"))),
      maxPulses_(static_cast<int>(trainingParam(project, entry, "max_pulses"))),
      pulseRng_(makeRandomStream(project.experiment.seed, "crossbar_training", "")) {
  const bool twin =
      method == Method::InTheLoop && trainingChoice(project, entry, "open_loop_twin") == "on";
  if (twin) twin_ = std::make_unique<SurrogateTrainer>(project, data, options, entry);
  software_ = std::make_unique<SurrogateTrainer>(project, std::move(data), options, entry);

  const SurrogateModel& model = software_->model();
  std::string carried;
  for (size_t k = 0; k < model.layers.size(); ++k) {
    const ProjectionSpec* p = project_.network.findProjection(model.layers[k].projection);
    const CrossbarSpec* c =
        p && !p->crossbar.empty() ? project_.network.findCrossbar(p->crossbar) : nullptr;
    if (!c) continue;
    ChipLayer chip;
    chip.layer = k;
    chip.projection = p->id;
    chip.spec = c;
    chips_.push_back(std::move(chip));
    carried += (carried.empty() ? "" : ", ") + p->id + " (" + c->id + ")";
  }
  if (chips_.empty())
    throw SpecError(Diagnostic{ObjectKind::Training, "", "method",
                               "'" + entry.name +
                                   "' needs a projection carried by a crossbar (\"crossbar\": ID); "
                                   "this network has none"});
  for (const std::string& id : options.layers) {
    auto it = std::find_if(chips_.begin(), chips_.end(), [&id](const ChipLayer& c) {
      return c.projection == id || c.spec->id == id;
    });
    if (it == chips_.end())
      throw SpecError(layersProblem("'" + id +
                                    "' is not a projection carried by a crossbar, nor such a "
                                    "crossbar (carried: " +
                                    carried + ")"));
    it->trained = true;
  }
  if (options.layers.empty()) {
    if (method == Method::Hybrid)
      chips_.back().trained = true;  // Yao et al. fine-tune the last layer
    else
      for (ChipLayer& c : chips_) c.trained = true;
  }
  // Adam over the chosen layers only: hybrid steps a scratch copy (the step is what goes to the
  // devices), in the loop steps the software weights.
  const AdamOptimizer::Settings settings{trainingParam(project, entry, "chip_learning_rate"),
                                         model.adam.beta1, model.adam.beta2, model.adam.epsilon};
  std::vector<AdamOptimizer::Parameter> parameters;
  deltas_.reserve(chips_.size());  // Adam keeps pointers into them
  for (ChipLayer& c : chips_) {
    if (!c.trained) continue;
    DenseLifLayer& layer = software_->network().layers()[c.layer];
    float* value = layer.weights().data();
    if (method == Method::Hybrid) value = deltas_.emplace_back(layer.weights()).data();
    parameters.push_back({value, layer.weightGrad().data(), layer.weights().size()});
    if (model.trainBias)
      parameters.push_back({layer.bias().data(), layer.biasGrad().data(), layer.bias().size()});
  }
  adam_ = std::make_unique<AdamOptimizer>(std::move(parameters), settings);
  // Off-chip training (before the transfer) is the surrogate method's own Adam on every layer.
  software_->setUpdate([this](AdamOptimizer& offChip, int threads) {
    if (!transferred_)
      offChip.step(threads);
    else if (method_ == Method::Hybrid)
      hybridUpdate(threads);
    else
      inTheLoopUpdate(threads);
  });
}

CrossbarTrainer::~CrossbarTrainer() = default;

void CrossbarTrainer::attachAll() {
  for (ChipLayer& c : chips_) c.chip->attach(software_->network().layers()[c.layer]);
}

double CrossbarTrainer::chipAccuracy(const TrainingCallbacks& callbacks) {
  attachAll();
  const double accuracy = software_->testAccuracy(callbacks);
  confusion_ = software_->lastConfusion();
  return accuracy;
}

void CrossbarTrainer::transfer(const TrainingCallbacks& callbacks,
                               nlohmann::ordered_json& details) {
  for (int e = 1; e <= offchipEpochs_; ++e) {
    const EpochReport r = software_->trainEpoch(e, callbacks);
    if (twin_) twin_->trainEpoch(e, callbacks);
    details["offchip"].push_back({{"epoch", e}, {"test_acc", r.testAccuracy}, {"loss", r.loss}});
  }
  // The off-chip weights are the twin's start too: the same seed trains the same weights.
  softwareAccuracy_ = software_->testAccuracy(callbacks);
  std::vector<DenseLifLayer>& layers = software_->network().layers();
  for (ChipLayer& c : chips_) {
    CrossbarSpec fresh = *c.spec;
    fresh.conductances.clear();  // program the off-chip weights, whatever the project stored
    c.chip = std::make_unique<CrossbarLayer>(fresh, project_.experiment.seed, layers[c.layer],
                                             software_->model().layers[c.layer].weightScale);
    c.programming = c.chip->lastProgramming();
  }
  // Each layer alone on its crossbar, the others in software: where the accuracy is lost.
  for (ChipLayer& c : chips_) {
    c.chip->attach(layers[c.layer]);
    c.transferAccuracy = software_->testAccuracy(callbacks);
    layers[c.layer].setProduct(nullptr);
  }
  transferAccuracy_ = chipAccuracy(callbacks);
  if (method_ == Method::Hybrid) {
    // Backward in software with the weights the devices hold; pulses of one nominal step.
    for (ChipLayer& c : chips_) {
      layers[c.layer].weights() = c.chip->deviceWeights();
      if (c.trained)
        c.accumulator.emplace(c.chip->array().rows(), c.chip->array().weightCols(), rule_,
                              c.chip->array().weightPerPulse(), maxPulses_);
    }
  }
  transferred_ = true;
}

void CrossbarTrainer::hybridUpdate(int threads) {
  for (Eigen::MatrixXf& d : deltas_) d.setZero();
  adam_->step(threads);  // deltas_ now hold the step; biases (periphery) move directly
  size_t k = 0;
  for (ChipLayer& c : chips_) {
    if (!c.trained) continue;
    const Eigen::MatrixXd step = deltas_[k++].transpose().cast<double>();  // inputs x neurons
    const Eigen::MatrixXi& pulses = c.accumulator->add(step, pulseRng_);
    CrossbarArray& array = c.chip->array();
    c.pulses += array.pulseWeights(pulses);
    array.refold();
    software_->network().layers()[c.layer].weights() = c.chip->deviceWeights();
  }
}

void CrossbarTrainer::inTheLoopUpdate(int threads) {
  adam_->step(threads);
  for (ChipLayer& c : chips_) {
    if (!c.trained) continue;
    c.chip->program(software_->network().layers()[c.layer]);
    c.pulses += c.chip->lastProgramming().pulses;
  }
}

double CrossbarTrainer::openLoopTwinAccuracy(int epoch, const TrainingCallbacks& callbacks) {
  twin_->trainEpoch(epoch + offchipEpochs_, {});
  std::vector<DenseLifLayer>& layers = twin_->network().layers();
  std::vector<std::unique_ptr<CrossbarLayer>> chips;
  for (const ChipLayer& c : chips_) {
    CrossbarSpec fresh = *c.spec;
    fresh.conductances.clear();
    chips.push_back(std::make_unique<CrossbarLayer>(fresh, project_.experiment.seed,
                                                    layers[c.layer],
                                                    twin_->model().layers[c.layer].weightScale));
    chips.back()->attach(layers[c.layer]);
  }
  const double accuracy = twin_->testAccuracy(callbacks);
  for (const ChipLayer& c : chips_) layers[c.layer].setProduct(nullptr);
  return accuracy;
}

CrossbarTrainer::ChipState CrossbarTrainer::chipState() const {
  ChipState state;
  for (const ChipLayer& c : chips_) {
    state.arrays.push_back(c.chip->array());
    state.pulses.push_back(c.pulses);
    state.accumulators.push_back(c.accumulator);
  }
  if (adam_) state.adam = adam_->state();
  state.pulseRng = pulseRng_;
  return state;
}

void CrossbarTrainer::restore(const ChipState& state) {
  for (size_t k = 0; k < chips_.size(); ++k) {
    chips_[k].chip->array() = state.arrays[k];
    chips_[k].pulses = state.pulses[k];
    chips_[k].accumulator = state.accumulators[k];
  }
  if (adam_) adam_->restore(state.adam);
  pulseRng_ = state.pulseRng;
}

EpochReport CrossbarTrainer::trainEpoch(int epoch, const TrainingCallbacks& callbacks) {
  nlohmann::ordered_json details = nlohmann::ordered_json::object();
  details["method"] = method_ == Method::Hybrid ? "hybrid" : "in-the-loop";
  if (!transferred_) transfer(callbacks, details);
  attachAll();
  // A cancelled epoch leaves the chip as it found it: the software trainer rolls its weights back
  // and throws; the devices it pulsed or reprogrammed come back here.
  const ChipState before = chipState();
  EpochReport report;
  try {
    // Its test pass runs with the crossbars attached: test_acc is the chip's.
    report = software_->trainEpoch(epoch + offchipEpochs_, callbacks);
  } catch (const TrainingCancelled&) {
    restore(before);
    throw;
  }
  report.epoch = epoch;
  confusion_ = software_->lastConfusion();
  details["software_acc"] = softwareAccuracy_;
  details["transfer_acc"] = transferAccuracy_;
  if (twin_) details["open_loop_acc"] = openLoopTwinAccuracy(epoch, callbacks);
  details["layers"] = layerDetails();
  report.details = std::move(details);
  return report;
}

nlohmann::ordered_json CrossbarTrainer::layerDetails() const {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const ChipLayer& c : chips_)
    out.push_back({{"projection", c.projection},
                   {"crossbar", c.spec->id},
                   {"trained", c.trained},
                   {"transfer_acc", c.transferAccuracy},
                   {"program_rms_error_uS", c.programming.rmsError},
                   {"program_pulses", c.programming.pulses.total()},
                   {"out_of_budget", c.programming.outOfBudget},
                   {"faulty", c.programming.faulty},
                   {"set_pulses", c.pulses.set},
                   {"reset_pulses", c.pulses.reset}});
  return out;
}

Project CrossbarTrainer::trainedProject() const {
  Project p = software_->trainedProject();
  if (!transferred_) return p;
  for (const ChipLayer& c : chips_) {
    CrossbarSpec* spec = p.network.findCrossbar(c.spec->id);
    const CrossbarArray& array = c.chip->array();
    const Eigen::MatrixXd& g = array.devices().programmed();
    spec->conductances.resize(static_cast<size_t>(g.size()));
    Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        spec->conductances.data(), g.rows(), g.cols()) = g;
    // The scale the devices were programmed with, in project units (nA).
    spec->mapping.wMax = array.device().range() / array.weightScale() /
                         software_->model().layers[c.layer].weightScale;
  }
  return p;
}

}  // namespace snn

namespace snn {

TrainerEntry crossbarTrainerEntry(CrossbarTrainer::Method method) {
  TrainerEntry e = surrogateTrainerEntry();
  const bool hybrid = method == CrossbarTrainer::Method::Hybrid;
  e.name = hybrid ? "hybrid" : "in-the-loop";
  e.displayName = hybrid ? "Hybrid on crossbars (Yao 2020)" : "Chip in the loop (Cramer 2022)";
  e.meaning = hybrid ? "Surrogate gradients off-chip, write-verify onto the crossbars, then the "
                       "chosen layers fine-tuned in situ as device pulses"
                     : "Forward through the emulated crossbars, backward in software with the "
                       "recorded activity, the crossbars reprogrammed after every mini-batch";
  e.params.push_back(ParamInfo{.name = "offchip_epochs",
                               .defaultValue = 5,
                               .min = 0,
                               .max = 10000,
                               .meaning = "Epochs of software training before the transfer onto "
                                          "the crossbars; 0: the project's weights as they stand",
                               .integer = true});
  e.params.push_back(ParamInfo{.name = "chip_learning_rate",
                               .defaultValue = 1e-3,
                               .min = 0.0,
                               .minInclusive = false,
                               .meaning = "Adam step size of the layers trained on the chip"});
  e.params.push_back(ParamInfo{
      .name = "pulse_rule",
      .kind = ParamKind::Choice,
      .meaning = "Hybrid: at most one pulse per update in the sign of the accumulated change "
                 "(manhattan), or stochastic rounding of it into pulse trains (stochastic)",
      .choices = pulseRuleNames()});
  e.params.push_back(ParamInfo{.name = "max_pulses",
                               .defaultValue = 8,
                               .min = 1,
                               .max = 1000,
                               .meaning = "Hybrid, stochastic: most pulses per weight and update",
                               .integer = true});
  e.params.push_back(ParamInfo{.name = "open_loop_twin",
                               .kind = ParamKind::Choice,
                               .meaning = "In the loop: also train a software copy for as many "
                                          "epochs and transfer it open loop (open_loop_acc)",
                               .choices = {"on", "off"}});
  e.create = [method](const Project& project, DatasetSplit data, const TrainerOptions& options) {
    const TrainerEntry& entry = *TrainerRegistry::instance().find(
        method == CrossbarTrainer::Method::Hybrid ? "hybrid" : "in-the-loop");
    return std::unique_ptr<Trainer>(
        std::make_unique<CrossbarTrainer>(project, std::move(data), options, entry, method));
  };
  return e;
}

}  // namespace snn
