// snnwb-cli analyze fi|isi|sweep: the analysis tools of core/analysis without a window.
#include <cmath>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "CliErrors.h"
#include "Commands.h"
#include "analysis/FiCurve.h"
#include "analysis/ParameterSweep.h"
#include "analysis/SpikeStatistics.h"
#include "io/ProjectJson.h"

namespace {

struct AnalyzeOptions {
  std::string project;
  std::string population;  // fi
  std::string field;       // sweep: OBJECT.FIELD
  std::string measure;     // sweep
  double from = 0.0, to = 1.0;
  int steps = 11;
  double duration = 1000.0;
  double skip = 100.0;
  double bin = 2.0;
  int threads = 1;
  bool json = false;
};

// NaN as JSON null (nlohmann writes NaN as null too, but say so here).
nlohmann::json number(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

void addCommon(CLI::App* cmd, AnalyzeOptions& o) {
  cmd->add_option("PROJECT", o.project, "Project file (*.snnwb.json)")->required();
  cmd->add_option("--duration", o.duration, "Simulated ms per measurement")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--skip", o.skip, "Transient not counted, ms")->check(CLI::NonNegativeNumber);
  cmd->add_option("--threads", o.threads, "Worker threads")->check(CLI::PositiveNumber);
  cmd->add_flag("--json", o.json, "Print JSON");
}

void addRange(CLI::App* cmd, AnalyzeOptions& o) {
  cmd->add_option("--from", o.from, "First value")->required();
  cmd->add_option("--to", o.to, "Last value")->required();
  cmd->add_option("--steps", o.steps, "Number of values (>= 1)")->check(CLI::Range(1, 10000));
}

snn::AnalysisOptions analysisOptions(const AnalyzeOptions& o) {
  return {.durationMs = o.duration, .skipMs = o.skip, .threads = o.threads};
}

int runFi(const AnalyzeOptions& o) {
  const snn::Project project = snn::loadProject(o.project);
  const snn::FiCurve curve = snn::measureFiCurve(
      project, o.population, snn::linearRange(o.from, o.to, o.steps), analysisOptions(o));
  if (o.json) {
    nlohmann::json points = nlohmann::json::array();
    for (const snn::FiPoint& p : curve.points)
      points.push_back({{"current_na", p.currentNa},
                        {"rate_hz", p.measuredHz},
                        {"closed_form_hz", number(p.closedFormHz)}});
    std::cout << nlohmann::json{{"population", curve.population},
                                {"model", curve.model},
                                {"closed_form", curve.hasClosedForm},
                                {"points", points}}
                     .dump()
              << "\n";
    return kExitOk;
  }
  std::cout << "f-I curve of '" << curve.population << "' (" << curve.model << ")\n"
            << "current_nA  rate_Hz" << (curve.hasClosedForm ? "  closed_form_Hz" : "") << "\n";
  for (const snn::FiPoint& p : curve.points) {
    std::cout << std::setw(10) << p.currentNa << "  " << std::setw(7) << p.measuredHz;
    if (curve.hasClosedForm) std::cout << "  " << std::setw(14) << p.closedFormHz;
    std::cout << "\n";
  }
  return kExitOk;
}

int runIsi(const AnalyzeOptions& o) {
  const snn::Project project = snn::loadProject(o.project);
  const auto spikes = snn::recordSpikes(project, o.duration, analysisOptions(o));
  const auto stats =
      snn::spikeStatistics(spikes, {.fromMs = o.skip, .toMs = o.duration, .binMs = o.bin});
  if (o.json) {
    nlohmann::json out = nlohmann::json::object();
    for (const snn::PopulationStatistics& s : stats)
      out[s.id] = {{"size", s.size},
                   {"spikes", s.spikes},
                   {"neurons_firing", s.neuronsFiring},
                   {"rate_hz", s.rateHz},
                   {"intervals", s.intervals},
                   {"mean_isi_ms", number(s.meanIsiMs)},
                   {"cv_isi", number(s.cvIsi)},
                   {"bin_ms", s.binMs},
                   {"isi_histogram", s.isiHistogram}};
    std::cout << nlohmann::json{{"populations", out}}.dump() << "\n";
    return kExitOk;
  }
  std::cout << "population  size  spikes  firing  rate_Hz  mean_ISI_ms  CV\n";
  for (const snn::PopulationStatistics& s : stats)
    std::cout << s.id << "  " << s.size << "  " << s.spikes << "  " << s.neuronsFiring << "  "
              << s.rateHz << "  " << s.meanIsiMs << "  " << s.cvIsi << "\n";
  return kExitOk;
}

int runSweepCommand(const AnalyzeOptions& o) {
  const snn::Project project = snn::loadProject(o.project);
  const auto [object, field] = snn::splitFieldPath(project, o.field);
  const snn::SweepRequest request{.kind = object.first,
                                  .id = object.second,
                                  .field = field,
                                  .values = snn::linearRange(o.from, o.to, o.steps),
                                  .measure = o.measure};
  snn::AnalysisOptions options = analysisOptions(o);
  const snn::SweepResult result = snn::runSweep(project, request, options);
  for (const snn::SweepPoint& p : result.points) {
    if (o.json)
      std::cout << nlohmann::json{{"field", o.field},    {"value", p.value},
                                  {"unit", result.unit}, {"measure", o.measure},
                                  {"spikes", p.spikes},  {"rate_hz", p.rateHz}}
                       .dump()
                << "\n";
    else
      std::cout << o.field << " = " << p.value << " " << result.unit << ": " << o.measure << " "
                << p.rateHz << " Hz\n";
  }
  return kExitOk;
}

}  // namespace

Command addAnalyzeCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "analyze", "Measure a network: f-I curve, spike statistics (ISI, CV), parameter sweep");
  cmd->require_subcommand(1);
  auto o = std::make_shared<AnalyzeOptions>();
  auto* fi = cmd->add_subcommand("fi",
                                 "f-I curve of a population's neuron model, with the "
                                 "closed form where the model has one");
  addCommon(fi, *o);
  addRange(fi, *o);
  fi->add_option("--population", o->population, "The population")->required();
  auto* isi = cmd->add_subcommand("isi", "Spike count, rate, ISI histogram and CV per population");
  addCommon(isi, *o);
  isi->add_option("--bin", o->bin, "ISI histogram bin, ms")->check(CLI::PositiveNumber);
  auto* sweep = cmd->add_subcommand(
      "sweep", "Sweep one number field (OBJECT.FIELD) and measure a population's rate");
  addCommon(sweep, *o);
  addRange(sweep, *o);
  sweep->add_option("--field", o->field, "e.g. input.params.rate, exc_inh.weight, experiment.dt")
      ->required();
  sweep->add_option("--measure", o->measure, "Population whose rate is measured")->required();
  return {cmd, [o, fi, isi]() {
            if (fi->parsed()) return runFi(*o);
            if (isi->parsed()) return runIsi(*o);
            return runSweepCommand(*o);
          }};
}
