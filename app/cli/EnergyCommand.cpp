// snnwb-cli energy: the project run with its operations counted, priced as an ANN on a CMOS
// accelerator, as an SNN on CMOS and on a neuromorphic chip, and on analog crossbars.
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "CliErrors.h"
#include "Commands.h"
#include "NumericFlags.h"
#include "energy/EnergyJson.h"
#include "io/ProjectJson.h"
#include "project/ProjectEnergy.h"

namespace {

struct EnergyCliOptions {
  std::string project, dataset, chip;
  std::optional<double> duration;
  int64_t testLimit = 0;
  int threads = 1;
  bool json = false;
};

void printText(const snn::ProjectEnergyResult& r) {
  const snn::OperationCounts& c = r.counts;
  std::printf(
      "%.6g s simulated (%lld steps), %lld inference%s; %llu synaptic ops, %llu spikes, "
      "%llu neuron updates\n\n",
      c.simulatedSeconds(), static_cast<long long>(c.steps), static_cast<long long>(c.inferences()),
      c.inferences() == 1 ? "" : "s", static_cast<unsigned long long>(c.totalSynapticOps()),
      static_cast<unsigned long long>(c.totalSpikes()),
      static_cast<unsigned long long>(c.totalNeuronUpdates()));
  std::printf("%-10s %12s %14s %12s %9s  %s\n", "substrate", "total J", "per inference J",
              "W (per s)", "accuracy", "what it is");
  for (const snn::SubstrateEnergy& s : r.report.substrates) {
    char acc[32] = "";
    if (s.accuracy)
      std::snprintf(acc, sizeof acc, "%.1f %%", *s.accuracy * 100);
    else if (!s.accuracyNote.empty())
      std::snprintf(acc, sizeof acc, "n/a");
    std::printf("%-10s %12.4g %14.4g %12.4g %9s  %s\n", s.name.c_str(), s.total(), s.perInference(),
                s.perSimulatedSecond(), acc, s.title.c_str());
  }
  if (!r.report.substrates.empty() && !r.report.substrates.front().accuracyNote.empty()) {
    std::printf("\nAccuracy:\n");
    for (const snn::SubstrateEnergy& s : r.report.substrates)
      std::printf("  %-10s %s\n", s.name.c_str(), s.accuracyNote.c_str());
  }
  std::printf("\nAssumptions:\n");
  for (const snn::SubstrateEnergy& s : r.report.substrates)
    std::printf("  %-10s %s\n", s.name.c_str(), s.assumption.c_str());
  std::printf(
      "\nConstants changed by the project (snnwb-cli energy --json lists all of them "
      "with their sources):\n");
  int changed = 0;
  for (const snn::EnergyConstant& k : r.report.constants) changed += k.overridden;
  if (changed == 0) std::printf("  none\n");
  for (const snn::EnergyConstant& k : r.report.constants)
    if (k.overridden)
      std::printf("  %s = %g %s (%s)\n", k.key.c_str(), k.value, k.unit.c_str(), k.source.c_str());
}

int energy(const EnergyCliOptions& o) {
  snn::ProjectParseResult parsed = snn::readProjectFile(o.project);
  if (!parsed.ok()) throw snn::SpecError(std::move(parsed.diagnostics));
  if (!o.chip.empty() && !snn::findChip(o.chip))
    throw snn::SpecError(
        snn::Diagnostic{snn::ObjectKind::File, "--chip", "",
                        "unknown chip '" + o.chip + "' (known: " + snn::chipKeys() + ")"});
  snn::ProjectEnergyOptions options;
  options.durationMs = o.duration;
  options.dataset = o.dataset;
  options.testLimit = o.testLimit;
  options.chip = o.chip;
  options.threads = o.threads;
  const snn::ProjectEnergyResult r = snn::projectEnergy(parsed.project, options);
  if (!o.json) {
    printText(r);
    return kExitOk;
  }
  nlohmann::ordered_json out = snn::energyReportJson(r.report);
  if (r.accuracy) out["accuracy"] = *r.accuracy;
  out["counts"] = snn::operationCountsJson(r.counts);
  std::cout << out.dump() << '\n';
  return kExitOk;
}

}  // namespace

Command addEnergyCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "energy",
      "Count a run's operations and estimate its energy as an ANN, an SNN on a chip "
      "and on analog crossbars");
  auto o = std::make_shared<EnergyCliOptions>();
  cmd->add_option("PROJECT", o->project, "Project file (*.snnwb.json)")->required();
  cmd->add_option("--dataset", o->dataset,
                  "Show the test split of this dataset (digits, fashion-mnist or an MNIST "
                  "folder) through the image encoders; with a training block, measure accuracy");
  cmd->add_option("--test-limit", o->testLimit, "Samples shown with --dataset (default 100)")
      ->check(wholeIn(1, 1'000'000));
  cmd->add_option("--duration", o->duration, "Simulated time in ms (default: the project's)")
      ->check(realIn(0, 1e12, "ms"));
  cmd->add_option("--chip", o->chip, "Neuromorphic chip (default: the project's energy.chip)");
  cmd->add_option("--threads", o->threads, "Worker threads; counts do not depend on it")
      ->check(wholeIn(1, 256));
  cmd->add_flag("--json", o->json,
                "Print one JSON object: substrates{NAME: {total_j, per_inference_j, ops, "
                "layers...}}, constants[], counts");
  return {cmd, [o]() { return energy(*o); }};
}
