#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "CliErrors.h"
#include "CliFootprint.h"
#include "Commands.h"
#include "NumericFlags.h"
#include "io/ProjectJson.h"
#include "learning/AnnProjectTrainer.h"
#include "learning/TrainerRegistry.h"
#include "project/ProjectValidator.h"

namespace {

struct TrainOptions {
  std::string project;
  std::string method;
  std::string dataset;
  int epochs = 1;
  int64_t trainLimit = 0;
  int64_t testLimit = 0;
  std::string out;
  bool json = false;
  int threads = 2;
  std::optional<uint64_t> seed;
  int qcfs = 0;  // > 0: the ANN's ReLUs become QCFS activations of this many levels
  std::vector<std::string> layers;
};

nlohmann::json numberOrNull(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
}

// The crossbar trainers' figures, one line each.
void printDetails(const nlohmann::ordered_json& details) {
  if (!details.is_object()) return;
  for (const auto& [key, value] : details.items()) {
    if (value.is_number_float())
      std::printf("  %s: %.2f %%\n", key.c_str(), 100 * value.get<double>());
    else if (value.is_array())
      for (const auto& item : value) std::printf("  %s: %s\n", key.c_str(), item.dump().c_str());
  }
}

int train(const TrainOptions& o) {
  snn::ProjectParseResult parsed = snn::readProjectFile(o.project);
  if (!parsed.ok()) throw snn::SpecError(std::move(parsed.diagnostics));
  snn::Project project = std::move(parsed.project);
  if (!project.training) project.training = snn::TrainingSpec{};
  if (!o.method.empty()) project.training->method = o.method;
  if (!o.dataset.empty()) project.training->dataset = o.dataset;
  if (o.seed) project.experiment.seed = *o.seed;
  if (project.training->method.empty())
    throw snn::SpecError(snn::Diagnostic{
        snn::ObjectKind::Experiment, "training", "method",
        "is not set: give --method (" + snn::TrainerRegistry::instance().names() + ")"});
  if (o.qcfs > 0) {
    if (project.training->method != "ann")
      throw snn::SpecError(
          snn::Diagnostic{snn::ObjectKind::Training, "", "method",
                          "--qcfs needs --method ann (it is " + project.training->method + ")"});
    // A missing ANN is reported by the validation below.
    const std::string& id = project.training->ann;
    snn::AnnNodeSpec* ann =
        id.empty() ? (project.network.anns.empty() ? nullptr : &project.network.anns[0])
                   : project.network.findAnn(id);
    if (ann) ann->ann = snn::withQcfsActivations(ann->ann, o.qcfs, snn::QcfsDefaults::threshold);
  }
  snn::ValidationOptions validation;
  refuseWhatDoesNotFit(project, {.threads = o.threads, .keepRecording = false}, validation);
  const snn::TrainerEntry& method =
      *snn::TrainerRegistry::instance().find(project.training->method);

  snn::DatasetSplit data = snn::loadDataset(project.training->dataset);
  snn::TrainerOptions options;
  options.threads = o.threads;
  options.trainLimit = o.trainLimit;
  options.testLimit = o.testLimit;
  options.layers = o.layers;
  std::unique_ptr<snn::Trainer> trainer = method.create(project, std::move(data), options);

  const bool tty = !o.json && isatty(STDERR_FILENO);
  snn::TrainingCallbacks callbacks;
  auto lastPrint = std::chrono::steady_clock::now();
  if (tty)
    callbacks.progress = [&lastPrint](const snn::TrainingProgress& p) {
      const auto now = std::chrono::steady_clock::now();
      if (now - lastPrint < std::chrono::milliseconds(250) && p.done != p.total) return;
      lastPrint = now;
      const double remaining = p.done > 0 ? p.elapsedSeconds * (p.total - p.done) / p.done : 0.0;
      std::fprintf(stderr, "\repoch %d %-5s %6lld/%lld  %5.1f s, about %.0f s left   ", p.epoch,
                   p.phase.c_str(), static_cast<long long>(p.done), static_cast<long long>(p.total),
                   p.elapsedSeconds, remaining);
    };
  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    const auto epochStart = std::chrono::steady_clock::now();
    const snn::EpochReport r = trainer->trainEpoch(epoch, callbacks);
    // The whole epoch, with the passes that train_s leaves out (STDP's labelling and test).
    const double epochSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - epochStart).count();
    if (tty) std::fprintf(stderr, "\n");
    if (o.json) {
      nlohmann::ordered_json line{{"epoch", r.epoch},
                                  {"train_s", r.trainSeconds},
                                  {"train_acc", numberOrNull(r.trainAccuracy)},
                                  {"test_acc", numberOrNull(r.testAccuracy)},
                                  {"epoch_s", epochSeconds},
                                  {"train_samples", r.trainSamples},
                                  {"test_samples", r.testSamples}};
      if (std::isfinite(r.loss)) line["loss"] = r.loss;
      if (r.details.is_object())
        for (const auto& [key, value] : r.details.items()) line[key] = value;
      std::cout << line.dump() << std::endl;
    } else {
      std::printf("epoch %d: %.1f s, train accuracy %.2f %%, test accuracy %.2f %%", r.epoch,
                  r.trainSeconds, 100 * r.trainAccuracy, 100 * r.testAccuracy);
      if (std::isfinite(r.loss)) std::printf(", loss %.4f", r.loss);
      std::printf(" (%lld train / %lld test samples; whole epoch %.1f s)\n",
                  static_cast<long long>(r.trainSamples), static_cast<long long>(r.testSamples),
                  epochSeconds);
      printDetails(r.details);
      std::fflush(stdout);
    }
    // Saved after every epoch, so an interrupted run keeps what it learned.
    if (!o.out.empty()) snn::saveProject(trainer->trainedProject(), o.out);
  }
  if (!o.out.empty() && !o.json) std::printf("Trained project written to %s\n", o.out.c_str());
  return kExitOk;
}

}  // namespace

Command addTrainCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("train", "Train a project's network on a dataset");
  auto o = std::make_shared<TrainOptions>();
  cmd->add_option("PROJECT", o->project, "Project file (*.snnwb.json)")->required();
  cmd->add_option("--method", o->method, "Training method (default: the project's)");
  cmd->add_option("--dataset", o->dataset,
                  "digits, fashion-mnist or an MNIST-format folder (default: the project's)");
  cmd->add_option("--epochs", o->epochs, "Passes over the training data")
      ->check(wholeIn(1, 100000));
  // An IDX file counts its samples in 32 bits.
  cmd->add_option("--train-limit", o->trainLimit, "Use only the first N training samples")
      ->check(wholeIn(0, UINT32_MAX));
  cmd->add_option("--test-limit", o->testLimit, "Use only the first N test samples")
      ->check(wholeIn(0, UINT32_MAX));
  cmd->add_option("--out", o->out, "Write the trained project here (after every epoch)");
  cmd->add_option("--threads", o->threads, "Worker threads")->check(wholeIn(1, 256));
  cmd->add_option("--seed", o->seed, "Random seed (default: the project's)")
      ->check(wholeIn(0, UINT64_MAX));
  cmd->add_option("--qcfs", o->qcfs,
                  "Method ann: replace the ANN's ReLUs by QCFS activations of L levels before "
                  "training (quantisation-aware, for conversion at about L time steps)")
      ->check(wholeIn(1, 65536));
  cmd->add_option("--layers", o->layers,
                  "hybrid, in-the-loop: the layers trained on the chip, by projection or crossbar "
                  "id (default: hybrid the last crossbar layer, in-the-loop all)")
      ->delimiter(',');
  cmd->add_flag("--json", o->json,
                "One JSON line per epoch: epoch, train_s, train_acc, test_acc (and loss), epoch_s, "
                "train_samples, test_samples");
  return {cmd, [o]() { return train(*o); }};
}
