#include <iostream>
#include <memory>

#include "CliErrors.h"
#include "Commands.h"
#include "io/AtomicFile.h"
#include "io/ProjectJson.h"
#include "io/PynnExporter.h"
#include "io/nir/NirExporter.h"
#include "io/nir/NirFile.h"

namespace {

struct ExportOptions {
  std::string project;
  std::string to;
  std::string out;
  std::string spikes = "per_step";
  std::string dialect = "nir";
};

// What the file will not carry (input data, random draws), shown before it is written.
void printNotes(const std::vector<std::string>& notes) {
  for (const std::string& n : notes) std::cerr << "note: " << n << '\n';
}

int run(const ExportOptions& o) {
  const snn::Project project = snn::loadProject(o.project);
  if (o.to == "pynn") {
    const snn::PynnExport e = snn::exportPynn(project);
    printNotes(e.notes);
    snn::AtomicFile file(o.out);
    file.stream() << e.script;
    file.commit();
  } else {
    snn::nir::NirExportOptions options;
    options.spikes = *snn::nir::parseSpikeConvention(o.spikes);
    options.dialect = *snn::nir::parseDialect(o.dialect);
    const snn::nir::NirExport e = snn::nir::exportNir(project, options);
    printNotes(e.notes);
    snn::nir::writeNirFile(e.graph, o.out);
  }
  std::cout << "Exported " << o.project << " to " << o.out << " (" << o.to << ")\n";
  return kExitOk;
}

}  // namespace

Command addExportCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("export", "Write a project as a NIR graph or a PyNN script");
  auto o = std::make_shared<ExportOptions>();
  cmd->add_option("PROJECT", o->project, "Project file (*.snnwb.json)")->required();
  cmd->add_option("--to", o->to, "nir (HDF5 graph) or pynn (Python script for PyNN 0.10)")
      ->required()
      ->check(CLI::IsMember({"nir", "pynn"}));
  cmd->add_option("--out", o->out, "Output file")->required();
  cmd->add_option("--spikes", o->spikes,
                  "NIR only: what a spike is, per_step (a unit pulse for one step: LIF/IF with "
                  "tau_syn 0) or dirac (a unit impulse: CubaLIF); see docs/nir.md")
      ->check(CLI::IsMember({"per_step", "dirac"}));
  cmd->add_option("--dialect", o->dialect,
                  "NIR only: nir (default) or sinabs (multi_spike_if populations become IF "
                  "nodes as Sinabs reads them); see docs/nir.md")
      ->check(CLI::IsMember({"nir", "sinabs"}));
  return {cmd, [o]() { return run(*o); }};
}
