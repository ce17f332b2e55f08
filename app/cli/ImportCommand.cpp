#include <iostream>
#include <memory>

#include "CliErrors.h"
#include "Commands.h"
#include "io/ProjectJson.h"
#include "io/nir/NirFile.h"
#include "io/nir/NirImporter.h"
#include "project/ProjectValidator.h"

namespace {

struct ImportOptions {
  std::string file;
  std::string out;
  std::string spikes;
  std::string input = "spikes";
  double dt = 0.1;
  double duration = 100.0;
};

int run(const ImportOptions& o) {
  snn::nir::NirImportOptions options;
  if (!o.spikes.empty()) options.spikes = snn::nir::parseSpikeConvention(o.spikes);
  options.input =
      o.input == "current" ? snn::nir::NirInputKind::Current : snn::nir::NirInputKind::Spikes;
  options.dt = o.dt;
  options.duration = o.duration;
  const snn::Project project = snn::nir::importNir(snn::nir::readNirFile(o.file), options);
  if (auto problems = snn::validateProject(project); !problems.empty())
    throw snn::SpecError(std::move(problems));
  snn::saveProject(project, o.out);
  std::cout << "Imported " << o.file << " into " << o.out << " ("
            << project.network.populations.size() << " populations, "
            << project.network.projections.size() << " projections)\n";
  return kExitOk;
}

}  // namespace

Command addImportCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("import", "Read a NIR graph into a project");
  auto o = std::make_shared<ImportOptions>();
  cmd->add_option("FILE", o->file, "NIR file (*.nir)")->required();
  cmd->add_option("--out", o->out, "Project file to write (*.snnwb.json)")->required();
  cmd->add_option("--spikes", o->spikes,
                  "What a NIR spike is: per_step (a unit pulse for one step, as Norse, snnTorch, "
                  "Sinabs and Rockpool compute; LIF/IF) or dirac (a unit impulse; CubaLIF). "
                  "Default: the file's metadata, else per_step")
      ->check(CLI::IsMember({"per_step", "dirac"}));
  cmd->add_option("--input", o->input,
                  "What the graph's Input nodes become: spikes (spike sources) or current "
                  "(current sources)")
      ->check(CLI::IsMember({"spikes", "current"}));
  cmd->add_option("--dt", o->dt, "Time step of the project in ms (default 0.1)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--duration", o->duration, "Duration of the project in ms (default 100)")
      ->check(CLI::PositiveNumber);
  return {cmd, [o]() { return run(*o); }};
}
