// snnwb-cli convert: an ANN to an SNN (rate conversion), evaluated at several T on a dataset.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "CliErrors.h"
#include "Commands.h"
#include "conversion/ConversionEnergy.h"
#include "conversion/ConversionEvaluation.h"
#include "conversion/FsEvaluator.h"
#include "conversion/LayerRateComparison.h"
#include "conversion/RateConverter.h"
#include "conversion/SnnProjectBuilder.h"
#include "energy/EnergyJson.h"
#include "io/OnnxImporter.h"
#include "io/ProjectJson.h"
#include "project/ProjectValidator.h"

namespace {

struct ConvertOptions {
  std::string file;
  std::string method = "rate";
  std::string timesteps = "8,16,32,64,128";
  std::string norm = "percentile:99.9";
  std::string reset = "subtract";
  std::string input = "direct";
  std::string readout = "membrane";
  std::string pooling = "fold";
  double initialV = 0.0;
  int64_t layerErrors = 0;
  std::string dataset;
  int64_t testLimit = 0;
  int64_t calibrationSamples = 1000;
  std::string out;
  std::string ann;
  bool json = false;
  int threads = 2;
};

snn::SpecError optionError(const std::string& field, const std::string& why) {
  return snn::SpecError(snn::Diagnostic{snn::ObjectKind::File, "convert", field, why});
}

std::vector<int> parseTimesteps(const std::string& text) {
  std::vector<int> out;
  std::stringstream s(text);
  std::string item;
  while (std::getline(s, item, ',')) {
    size_t used = 0;
    int t = 0;
    try {
      t = std::stoi(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != item.size() || t < 1 || t > 100000)
      throw optionError("--timesteps", "'" + item + "' is not a step count in 1..100000");
    out.push_back(t);
  }
  if (out.empty()) throw optionError("--timesteps", "lists no step count");
  return out;
}

void parseNorm(const std::string& text, snn::RateConversionOptions& o) {
  if (text == "max") {
    o.norm = snn::LayerNorm::Max;
    return;
  }
  if (text == "balance") {
    o.norm = snn::LayerNorm::Balance;
    return;
  }
  const std::string prefix = "percentile:";
  if (text.rfind(prefix, 0) == 0) {
    try {
      size_t used = 0;
      const std::string p = text.substr(prefix.size());
      o.percentile = std::stod(p, &used);
      if (used == p.size() && o.percentile > 0.0 && o.percentile <= 100.0) {
        o.norm = snn::LayerNorm::Percentile;
        return;
      }
    } catch (const std::exception&) {
    }
  }
  throw optionError("--norm",
                    "'" + text + "' is not max, balance or percentile:P with 0 < P <= 100");
}

// The ANN: a project's ANN node (the only one, or the one --ann names), or an ONNX model
// imported as `snnwb-cli import` does; with the project's energy settings (chip and changed
// constants; the defaults for an ONNX model), which price the conversion and go with its --out.
struct AnnSource {
  snn::AnnSpec ann;
  std::optional<snn::EnergySpec> energy;
};

AnnSource loadAnn(const std::string& file, const std::string& id) {
  if (file.size() >= 5 && file.substr(file.size() - 5) == ".onnx") {
    snn::OnnxImport imported = snn::importOnnx(file);
    for (const std::string& note : imported.notes) std::cerr << "import: " << note << "\n";
    return {imported.spec, std::nullopt};
  }
  const snn::Project project = snn::loadProject(file);
  const auto& anns = project.network.anns;
  if (!id.empty()) {
    if (const snn::AnnNodeSpec* node = project.network.findAnn(id))
      return {node->ann, project.energy};
    throw optionError("--ann", "'" + file + "' has no ANN '" + id + "'");
  }
  if (anns.size() == 1) return {anns.front().ann, project.energy};
  throw optionError("--ann", "'" + file + "' has " + std::to_string(anns.size()) +
                                 " ANNs (network.anns): name the one to convert with --ann");
}

nlohmann::json resultJson(const snn::ConversionResult& r) {
  return {{"method", r.method},
          {"timesteps", r.timesteps},
          {"ann_test_acc", r.annAccuracy},
          {"snn_test_acc", r.snnAccuracy},
          {"spikes_per_neuron", r.spikesPerNeuron},
          {"sim_s", r.simSeconds},
          {"test_samples", r.testSamples}};
}

int run(const ConvertOptions& o) {
  snn::RateConversionOptions options;
  parseNorm(o.norm, options);
  options.reset = o.reset == "zero" ? snn::IfReset::Zero : snn::IfReset::Subtract;
  options.input =
      o.input == "poisson" ? snn::InputCoding::Poisson : snn::InputCoding::DirectCurrent;
  options.readout =
      o.readout == "spikes" ? snn::OutputReadout::SpikeCount : snn::OutputReadout::Membrane;
  options.foldPooling = o.pooling == "fold";
  options.smoothActivations = o.method == "fs";
  options.threads = o.threads;
  options.initialV = o.initialV;
  const std::vector<int> timesteps = parseTimesteps(o.timesteps);
  const AnnSource source = loadAnn(o.file, o.ann);
  const snn::AnnSpec& ann = source.ann;
  const snn::DatasetSplit data = snn::loadDataset(o.dataset);
  if (snn::AnnShape{1, data.test.height, data.test.width} != ann.input)
    throw optionError("--dataset", "'" + o.dataset + "' images are 1x" +
                                       std::to_string(data.test.height) + "x" +
                                       std::to_string(data.test.width) + " but the ANN takes " +
                                       ann.input.toString());
  const int64_t n = o.testLimit > 0 ? std::min(o.testLimit, data.test.size()) : data.test.size();
  std::cerr << "convert: calibrating on " << std::min(o.calibrationSamples, data.train.size())
            << " training images\n";
  const snn::ConvertedSnn snn = snn::convertToRate(ann, data.train, o.calibrationSamples, options);
  for (const std::string& note : snn.notes) std::cerr << "convert: warning: " << note << "\n";
  for (const snn::SnnStage& s : snn.stages)
    std::cerr << "convert: layer " << s.id << " (" << s.out.toString() << "): lambda " << s.lambda
              << (s.pool ? " (pooling '" + s.pool->id + "' folded in)" : std::string()) << "\n";
  const double annAccuracy = snn::annTestAccuracy(ann, data.test, n, o.threads);
  std::cerr << "convert: ANN test accuracy " << annAccuracy << " on " << n << " images\n";
  for (int t : timesteps) {
    snn::ConversionResult r = o.method == "fs"
                                  ? snn::evaluateFs(snn, data.test, n, t, o.threads)
                                  : snn::evaluateConverted(snn, data.test, n, t, o.threads);
    r.method = o.method;
    r.annAccuracy = annAccuracy;
    std::cerr << "convert: T = " << t << ": SNN " << r.snnAccuracy << ", " << r.spikesPerNeuron
              << " spikes per neuron, " << r.simSeconds << " s\n";
    nlohmann::json layers = nlohmann::json::array();
    if (o.layerErrors > 0 && o.method == "rate")
      for (const snn::LayerRateComparison& c : snn::compareLayerRates(
               ann, snn, data.test.images.data(), std::min(o.layerErrors, n), t, o.threads)) {
        std::cerr << "convert: T = " << t << ": layer " << c.id << ": ANN/lambda " << c.meanTarget
                  << ", SNN rate " << c.meanRate << ", mean |error| " << c.meanAbsError
                  << ", correlation " << c.correlation << "\n";
        layers.push_back({{"id", c.id},
                          {"lambda", c.lambda},
                          {"ann_mean", c.meanTarget},
                          {"snn_rate_mean", c.meanRate},
                          {"mean_abs_error", c.meanAbsError},
                          {"correlation", c.correlation}});
      }
    nlohmann::json fits = nlohmann::json::array();
    for (const snn::FsLayerFit& f : r.fsFits) {
      std::cerr << "convert: K = " << t << ": layer " << f.id << ": FS code for "
                << snn::annLayerTypeName(f.activation) << " on [" << f.lo << ", " << f.hi
                << "]: max error " << f.maxError << ", rms error " << f.rmsError << "\n";
      fits.push_back({{"layer", f.id},
                      {"activation", std::string(snn::annLayerTypeName(f.activation))},
                      {"lo", f.lo},
                      {"hi", f.hi},
                      {"max_error", f.maxError},
                      {"rms_error", f.rmsError}});
    }
    if (o.json) {
      nlohmann::json line = resultJson(r);
      if (!fits.empty()) line["fs_fit"] = fits;
      if (!layers.empty()) line["layers"] = layers;
      line["energy"] = snn::energyReportJson(
          snn::conversionEnergy(snn, ann, r, source.energy.value_or(snn::EnergySpec{})));
      std::cout << line.dump() << std::endl;
    } else
      std::cout << "T=" << t << "  ann " << r.annAccuracy << "  snn " << r.snnAccuracy
                << "  spikes/neuron " << r.spikesPerNeuron << "  " << r.simSeconds << " s\n";
  }
  if (!o.out.empty()) {
    const snn::SnnProjectOptions projectOptions{
        .timesteps = timesteps.back(), .dataset = o.dataset, .split = "test"};
    snn::Project project =
        o.method == "fs" ? snn::buildFsProject(snn, snn::fsStageCoefficients(snn, timesteps.back()),
                                               projectOptions)
                         : snn::buildSnnProject(snn, projectOptions);
    project.energy = source.energy;
    if (auto problems = snn::validateProject(project); !problems.empty())
      throw snn::SpecError(std::move(problems));
    snn::saveProject(project, o.out);
    if (o.method == "fs")
      std::cerr << "convert: wrote " << o.out << " (K = " << timesteps.back() << ", "
                << snn::fsStepsPerSample(snn, timesteps.back()) << " steps per sample)\n";
    else
      std::cerr << "convert: wrote " << o.out << " (T = " << timesteps.back() << ")\n";
  }
  return kExitOk;
}

}  // namespace

Command addConvertCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("convert", "Convert an ANN to a spiking network and evaluate it");
  auto o = std::make_shared<ConvertOptions>();
  cmd->add_option("FILE", o->file, "A project holding the ANN (*.snnwb.json), or an ONNX model")
      ->required();
  cmd->add_option("--ann", o->ann, "Which ANN of the project (network.anns), if it has several");
  cmd->add_option(
         "--method", o->method,
         "rate (IF neurons, Rueckauer et al. 2017) or fs (few-spike neurons, Stöckl & Maass "
         "2021; --timesteps then gives K, the steps per layer)")
      ->check(CLI::IsMember({"rate", "fs"}));
  cmd->add_option("--timesteps", o->timesteps,
                  "Steps per sample, comma-separated (default "
                  "8,16,32,64,128)");
  cmd->add_option("--norm", o->norm,
                  "Layer normalisation: max, percentile:P (default percentile:99.9) or balance "
                  "(threshold balancing, Sengupta et al. 2019: the SNN's own largest input "
                  "current per layer, 64 steps on up to 200 calibration images)");
  cmd->add_option("--reset", o->reset, "IF reset: subtract (default) or zero")
      ->check(CLI::IsMember({"subtract", "zero"}));
  cmd->add_option("--input", o->input, "Input coding: direct (current, default) or poisson")
      ->check(CLI::IsMember({"direct", "poisson"}));
  cmd->add_option("--readout", o->readout,
                  "Output read by membrane (default) or spikes (spike count)")
      ->check(CLI::IsMember({"membrane", "spikes"}));
  cmd->add_option("--pooling", o->pooling,
                  "Average pooling: fold (into the next layer, default) or neurons (a layer of "
                  "IF neurons per pooling layer, to compare)")
      ->check(CLI::IsMember({"fold", "neurons"}));
  cmd->add_option("--initial-v", o->initialV,
                  "IF membranes start at this fraction of the threshold (default 0; 0.5 is Bu "
                  "et al. 2022's shift; qcfs layers always start at 0.5)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--layer-errors", o->layerErrors,
                  "Compare each layer's SNN rate with its ANN activation on the first N test "
                  "images (printed, and as \"layers\" in --json)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--dataset", o->dataset, "digits, fashion-mnist or an MNIST-format folder")
      ->required();
  cmd->add_option("--test-limit", o->testLimit, "Evaluate on the first N test images (default all)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--calibration-samples", o->calibrationSamples,
                  "Training images the normalisation is measured on (default 1000)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--out", o->out, "Write the SNN project (for several T, the last one)");
  cmd->add_flag("--json", o->json, "One JSON line per T on stdout");
  cmd->add_option("--threads", o->threads, "Threads (default 2)")->check(CLI::Range(1, 256));
  return {cmd, [o]() { return run(*o); }};
}
