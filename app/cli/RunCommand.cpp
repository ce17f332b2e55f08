#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "CliErrors.h"
#include "CliFootprint.h"
#include "Commands.h"
#include "NumericFlags.h"
#include "energy/EnergyJson.h"
#include "io/ProjectJson.h"
#include "io/RecordingCsv.h"
#include "io/RecordingHdf5.h"
#include "project/ProjectEnergy.h"
#include "sim/Compiler.h"
#include "sim/NeuronModelRegistry.h"
#include "sim/Simulator.h"

namespace {

struct RunOptions {
  std::string project;
  std::optional<double> duration;
  std::optional<double> dt;
  std::optional<uint64_t> seed;
  int threads = 1;
  std::string spikes;
  std::string traces;
  std::string rates;
  double rateBin = 1.0;
  bool json = false;
};

double secondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// --spikes on a project without spike monitors records every population that spikes.
void monitorAllSpikes(snn::Project& project) {
  for (const auto& m : project.network.monitors)
    if (m.type == snn::MonitorSpec::Type::Spikes) return;
  for (const auto& p : project.network.populations) {
    const auto* model = snn::NeuronModelRegistry::instance().find(p.model);
    if (model && model->info->role == snn::ModelRole::CurrentSource) continue;
    snn::MonitorSpec m;
    m.type = snn::MonitorSpec::Type::Spikes;
    m.target = p.id;
    project.network.monitors.push_back(m);
  }
}

// --spikes / --traces: CSV, or HDF5 when the name ends in .h5 (one file may hold both).
void writeRecordings(const snn::Recording& recording, const snn::CompiledNetwork& net,
                     const std::string& spikes, const std::string& traces) {
  std::vector<int64_t> sizes;
  for (const auto& p : net.populations) sizes.push_back(p.group->size());
  const bool together = !spikes.empty() && spikes == traces && snn::isHdf5Path(spikes);
  if (!spikes.empty() && snn::isHdf5Path(spikes))
    snn::writeRecordingHdf5(recording, sizes, spikes, true, together);
  else if (!spikes.empty())
    snn::writeSpikeCsv(recording, spikes);
  if (!traces.empty() && !together && snn::isHdf5Path(traces))
    snn::writeRecordingHdf5(recording, sizes, traces, false, true);
  else if (!traces.empty() && !together)
    snn::writeTraceCsv(recording, traces);
}

int run(const RunOptions& o) {
  const auto buildStart = std::chrono::steady_clock::now();
  snn::ProjectParseResult parsed = snn::readProjectFile(o.project);
  if (!parsed.ok()) throw snn::SpecError(std::move(parsed.diagnostics));
  snn::Project& project = parsed.project;
  if (o.duration) project.experiment.duration = *o.duration;
  if (o.dt) project.experiment.dt = *o.dt;
  if (o.seed) project.experiment.seed = *o.seed;
  if (!o.spikes.empty()) monitorAllSpikes(project);
  if (!o.traces.empty()) {
    bool any = false;
    for (const auto& m : project.network.monitors)
      any = any || m.type == snn::MonitorSpec::Type::State;
    if (!any)
      throw snn::SpecError(snn::Diagnostic{
          snn::ObjectKind::Network, "", "monitors",
          "--traces needs a state monitor, e.g. {\"type\": \"state\", \"target\": \"exc\", "
          "\"variable\": \"v\", \"neurons\": [0]}"});
  }
  const bool keep = !o.spikes.empty() || !o.traces.empty() || !o.rates.empty();
  snn::CompileOptions options;
  options.threads = o.threads;
  refuseWhatDoesNotFit(project, {.threads = o.threads, .keepRecording = keep}, options.validation);
  snn::CompileResult compiled = snn::compile(project, options);
  if (!compiled.ok()) throw snn::SpecError(std::move(compiled.diagnostics));
  snn::Simulator sim(std::move(compiled.network));
  const double buildSeconds = secondsSince(buildStart);

  const int64_t steps = std::llround(project.experiment.duration / project.experiment.dt);
  // Chunks of a simulated second at most keep memory flat and let progress show.
  const int64_t chunkSteps = std::max<int64_t>(1, std::llround(1000.0 / project.experiment.dt));
  const bool progress = !o.json && isatty(STDERR_FILENO);
  snn::Recording recording;
  double simSeconds = 0.0;
  for (int64_t done = 0; done < steps;) {
    const int64_t n = std::min(chunkSteps, steps - done);
    snn::SimulationChunk chunk = sim.run(n);
    simSeconds += chunk.wallSeconds;
    done += n;
    if (keep) recording.append(std::move(chunk));
    if (progress)
      std::fprintf(stderr, "\r%5.1f %%  %.0f of %.0f ms simulated", 100.0 * done / steps,
                   done * project.experiment.dt, steps * project.experiment.dt);
  }
  if (progress) std::fprintf(stderr, "\n");
  writeRecordings(recording, sim.network(), o.spikes, o.traces);
  if (!o.rates.empty()) {
    // The populations with rate monitors, or every population that spikes.
    const snn::CompiledNetwork& net = sim.network();
    std::vector<size_t> pops;
    std::vector<int64_t> sizes;
    for (const auto& p : net.populations) sizes.push_back(p.group->size());
    for (const auto& m : net.monitors)
      if (m.spec.type == snn::MonitorSpec::Type::Rate)
        pops.push_back(static_cast<size_t>(m.population));
    if (pops.empty())
      for (size_t p = 0; p < net.populations.size(); ++p)
        if (net.populations[p].group->role() != snn::ModelRole::CurrentSource) pops.push_back(p);
    snn::writeRateCsv(recording, pops, sizes, o.rateBin, o.rates);
  }

  const double seconds = steps * project.experiment.dt / 1000.0;
  const snn::CompiledNetwork& net = sim.network();
  if (o.json) {
    nlohmann::ordered_json out;
    out["steps"] = steps;
    out["build_s"] = buildSeconds;
    out["sim_s"] = simSeconds;
    out["synapses"] = net.synapseCount();
    out["threads"] = net.threads;
    nlohmann::ordered_json pops = nlohmann::ordered_json::object();
    for (size_t p = 0; p < net.populations.size(); ++p) {
      const int64_t size = net.populations[p].group->size();
      const int64_t spikes = sim.totalSpikes()[p];
      pops[net.populations[p].id] = {
          {"size", size},
          {"spikes", spikes},
          {"rate_hz", seconds > 0 ? static_cast<double>(spikes) / size / seconds : 0.0}};
    }
    out["populations"] = std::move(pops);
    out["energy"] = snn::energyReportJson(snn::projectEnergyReport(project, sim.operationCounts()));
    std::cout << out.dump() << '\n';
    return kExitOk;
  }
  std::printf(
      "Simulated %.6g ms (%lld steps of %.6g ms) in %.3f s; build %.3f s; %lld synapses; %d "
      "thread%s\n",
      steps * project.experiment.dt, static_cast<long long>(steps), project.experiment.dt,
      simSeconds, buildSeconds, static_cast<long long>(net.synapseCount()), net.threads,
      net.threads == 1 ? "" : "s");
  for (size_t p = 0; p < net.populations.size(); ++p) {
    const int64_t size = net.populations[p].group->size();
    const int64_t spikes = sim.totalSpikes()[p];
    std::printf("  %-16s %-14s %9lld neurons %11lld spikes %9.3f Hz\n",
                net.populations[p].id.c_str(), net.populations[p].group->info().name.c_str(),
                static_cast<long long>(size), static_cast<long long>(spikes),
                seconds > 0 ? spikes / double(size) / seconds : 0.0);
  }
  if (!o.spikes.empty()) std::printf("Spikes written to %s\n", o.spikes.c_str());
  if (!o.traces.empty()) std::printf("Traces written to %s\n", o.traces.c_str());
  if (!o.rates.empty()) std::printf("Rates written to %s\n", o.rates.c_str());
  return kExitOk;
}

}  // namespace

Command addRunCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("run", "Simulate a project and report spike counts and timings");
  auto o = std::make_shared<RunOptions>();
  cmd->add_option("PROJECT", o->project, "Project file (*.snnwb.json)")->required();
  // The experiment's ranges as the validator checks them (dt in (0, 10] ms, at most 10^12
  // steps); the validator still checks the combination with the project.
  cmd->add_option("--duration", o->duration, "Simulated time in ms (default: the project's)")
      ->check(realIn(0, 1e12, "ms"));
  cmd->add_option("--dt", o->dt, "Time step in ms (default: the project's)")
      ->check(realIn(0, 10, "ms", Bound::Open));
  cmd->add_option("--seed", o->seed, "Random seed (default: the project's)")
      ->check(wholeIn(0, UINT64_MAX));
  cmd->add_option("--threads", o->threads, "Worker threads; results do not depend on it")
      ->check(wholeIn(1, 256));
  cmd->add_option("--spikes", o->spikes,
                  "Write spikes as CSV (population,neuron,time_ms), or as HDF5 (NIRGraphData "
                  "layout) when FILE ends in .h5; without spike monitors in the project, every "
                  "population is recorded");
  cmd->add_option(
      "--traces", o->traces,
      "Write the state monitors' samples as CSV (population,variable,neuron,time_ms,value), or "
      "as HDF5 when FILE ends in .h5 (the same file as --spikes may hold both)");
  cmd->add_option("--rates", o->rates,
                  "Write population rates as CSV (population,time_ms,rate_hz): the rate monitors' "
                  "populations, or every spiking population if there are none");
  cmd->add_option("--rate-bin", o->rateBin, "Bin width of --rates in ms (default 1)")
      ->check(realIn(0, 1e12, "ms", Bound::Open));
  cmd->add_flag("--json", o->json,
                "Print one JSON object: steps, build_s, sim_s, populations{size, spikes, rate_hz}, "
                "energy{substrates, constants}");
  return {cmd, [o]() { return run(*o); }};
}
