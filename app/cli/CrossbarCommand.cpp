// snnwb-cli crossbar: column currents of one crossbar of a project for input voltages from a CSV.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "CliErrors.h"
#include "Commands.h"
#include "crossbar/CrossbarArray.h"
#include "io/AtomicFile.h"
#include "io/ProjectJson.h"
#include "sim/Compiler.h"

namespace {

struct CrossbarOptions {
  std::string project, crossbar, voltages, out;
  bool ideal = false;
  bool json = false;
};

// One vector per line, `width` numbers separated by commas; a first line that is not numbers is
// a header and skipped. Errors name the file and line.
std::vector<Eigen::VectorXd> readVoltages(const std::string& path, Eigen::Index width) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot be opened");
  std::vector<Eigen::VectorXd> rows;
  std::string line;
  for (int64_t lineNo = 1; std::getline(in, line); ++lineNo) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    Eigen::VectorXd v(width);
    std::stringstream cells(line);
    std::string cell;
    Eigen::Index n = 0;
    bool numeric = true;
    while (std::getline(cells, cell, ',')) {
      char* end = nullptr;
      const double x = std::strtod(cell.c_str(), &end);
      if (end == cell.c_str() ||
          cell.find_first_not_of(" \t", end - cell.c_str()) != std::string::npos ||
          !std::isfinite(x)) {
        numeric = false;
        break;
      }
      if (n < width) v(n) = x;
      ++n;
    }
    if (!numeric) {
      if (lineNo == 1 && rows.empty()) continue;  // a header
      throw std::runtime_error(path + ", line " + std::to_string(lineNo) +
                               ": expected numbers separated by commas");
    }
    if (n != width)
      throw std::runtime_error(path + ", line " + std::to_string(lineNo) + ": has " +
                               std::to_string(n) + " voltages, the crossbar has " +
                               std::to_string(width) + " rows");
    rows.push_back(std::move(v));
  }
  return rows;
}

// The crossbar as a run has it: programmed with the weights of the projection it carries (the
// compiler's own path), or as the project gives it (its conductances, else fresh devices).
std::unique_ptr<snn::CrossbarArray> buildCrossbar(const snn::Project& project,
                                                  const std::string& id) {
  const snn::CrossbarSpec* spec = project.network.findCrossbar(id);
  if (!spec)
    throw snn::SpecError(
        snn::Diagnostic{snn::ObjectKind::Crossbar, id, "", "no such crossbar in the project"});
  for (const snn::ProjectionSpec& p : project.network.projections) {
    if (p.crossbar != id) continue;
    snn::CompileResult compiled = snn::compile(project);
    if (!compiled.network) throw snn::SpecError(std::move(compiled.diagnostics));
    for (snn::CompiledProjection& proj : compiled.network->projections)
      if (proj.crossbar && proj.id == p.id)
        return std::make_unique<snn::CrossbarArray>(proj.crossbar->array());
  }
  return std::make_unique<snn::CrossbarArray>(*spec, project.experiment.seed);
}

int crossbar(const CrossbarOptions& o) {
  const snn::Project project = snn::loadProject(o.project);
  const auto buildStart = std::chrono::steady_clock::now();
  std::unique_ptr<snn::CrossbarArray> array = buildCrossbar(project, o.crossbar);
  const double buildSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - buildStart).count();
  const std::vector<Eigen::VectorXd> inputs = readVoltages(o.voltages, array->rows());

  const auto start = std::chrono::steady_clock::now();
  std::vector<Eigen::VectorXd> outputs;
  Eigen::VectorXd currents(array->cols());
  for (const Eigen::VectorXd& v : inputs) {
    if (o.ideal)
      array->readIdeal(v, currents);
    else
      array->read(v, currents);
    outputs.push_back(currents);
  }
  const double readSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  snn::AtomicFile file(o.out);
  char number[32];
  for (const Eigen::VectorXd& row : outputs) {
    for (Eigen::Index j = 0; j < row.size(); ++j) {
      std::snprintf(number, sizeof number, "%.17g", row(j));
      file.stream() << (j ? "," : "") << number;
    }
    file.stream() << '\n';
  }
  file.commit();
  if (o.json) {
    const snn::CrossbarCounters& c = array->counters();
    nlohmann::ordered_json j{{"crossbar", o.crossbar},
                             {"rows", array->rows()},
                             {"cols", array->cols()},
                             {"tiles", array->tiles().size()},
                             {"inputs", inputs.size()},
                             {"ideal", o.ideal},
                             {"build_s", buildSeconds},
                             {"read_s", readSeconds},
                             {"array_reads", c.arrayReads},
                             {"adc_conversions", c.adcConversions},
                             {"dac_conversions", c.dacConversions},
                             {"out", o.out}};
    std::cout << j.dump() << std::endl;
  } else {
    std::printf("%zu input vectors through crossbar '%s' (%lld x %lld, %zu arrays%s): %s\n",
                inputs.size(), o.crossbar.c_str(), static_cast<long long>(array->rows()),
                static_cast<long long>(array->cols()), array->tiles().size(),
                o.ideal ? ", ideal" : "", o.out.c_str());
  }
  return kExitOk;
}

}  // namespace

Command addCrossbarCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "crossbar", "Column currents (uA) of a project's crossbar for input voltages (V) from a CSV");
  auto o = std::make_shared<CrossbarOptions>();
  cmd->add_option("PROJECT", o->project, "Project file (*.snnwb.json)")->required();
  cmd->add_option("--crossbar", o->crossbar, "Id of the crossbar")->required();
  cmd->add_option("--voltages", o->voltages,
                  "CSV: one input vector per line, one voltage (V) per crossbar row")
      ->required();
  cmd->add_option("--out", o->out, "CSV written: one line per input, one current (uA) per column")
      ->required();
  cmd->add_flag("--ideal", o->ideal,
                "The devices' conductances times the voltages: no wires, DAC, ADC or read noise");
  cmd->add_flag("--json", o->json, "Print one JSON object: sizes, counts and timings");
  return {cmd, [o]() { return crossbar(*o); }};
}
