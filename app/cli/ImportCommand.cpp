#include <iostream>
#include <memory>

#include "CliErrors.h"
#include "Commands.h"
#include "io/OnnxProjectImport.h"
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
  std::string dialect;
  double dt = 0.1;
  double duration = 100.0;
  std::vector<double> mean, std;  // ONNX: the input normalisation the model was trained with
};

bool endsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// An ONNX model as a project holding one ANN node and an "ann" training block; nothing is
// written unless the whole model was read and the project validates.
int importOnnxModel(const ImportOptions& o) {
  const snn::AnnProjectImport imported =
      snn::importOnnxProject(o.file, std::vector<float>(o.mean.begin(), o.mean.end()),
                             std::vector<float>(o.std.begin(), o.std.end()));
  snn::saveProject(imported.project, o.out);
  const snn::AnnNodeSpec& ann = imported.project.network.anns.front();
  int64_t weights = 0;
  for (const snn::AnnLayerSpec& l : ann.ann.layers)
    weights += static_cast<int64_t>(l.weight.values.size() + l.bias.values.size());
  for (const std::string& note : imported.notes) std::cout << "note: " << note << '\n';
  std::cout << "Imported " << o.file << " into " << o.out << " (ANN '" << ann.id << "': input "
            << ann.ann.input.toString() << ", " << ann.ann.layers.size() << " layers, " << weights
            << " weights and biases; training.dataset " << imported.project.training->dataset
            << ")\n";
  return kExitOk;
}

int run(const ImportOptions& o) {
  if (endsWith(o.file, ".onnx")) return importOnnxModel(o);
  if (!o.mean.empty() || !o.std.empty())
    throw snn::SpecError(snn::Diagnostic{snn::ObjectKind::File, o.file, "--mean",
                                         "--mean and --std apply to ONNX models only"});
  snn::nir::NirImportOptions options;
  if (!o.spikes.empty()) options.spikes = snn::nir::parseSpikeConvention(o.spikes);
  options.input =
      o.input == "current" ? snn::nir::NirInputKind::Current : snn::nir::NirInputKind::Spikes;
  if (!o.dialect.empty()) options.dialect = snn::nir::parseDialect(o.dialect);
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
  auto* cmd = app.add_subcommand(
      "import",
      "Read a NIR graph (*.nir) or an ONNX model (*.onnx, as an ANN node) into a project");
  auto o = std::make_shared<ImportOptions>();
  cmd->add_option("FILE", o->file, "NIR file (*.nir) or ONNX model (*.onnx)")->required();
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
  cmd->add_option(
         "--dialect", o->dialect,
         "Whose reading of the neuron nodes the file follows: nir (NIR's equations) or "
         "sinabs (IF as Sinabs builds it: several spikes per step, reset by "
         "subtraction, v >= -threshold). Default: the file's metadata, else nir; see docs/nir.md")
      ->check(CLI::IsMember({"nir", "sinabs"}));
  cmd->add_option("--dt", o->dt, "Time step of the project in ms (default 0.1)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--duration", o->duration, "Duration of the project in ms (default 100)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--mean", o->mean,
                  "ONNX: per-channel input mean the model was trained with (Normalize), e.g. "
                  "0.2860")
      ->delimiter(',');
  cmd->add_option("--std", o->std, "ONNX: per-channel input standard deviation, e.g. 0.3530")
      ->delimiter(',');
  return {cmd, [o]() { return run(*o); }};
}
