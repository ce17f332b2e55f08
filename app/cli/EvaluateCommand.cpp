// snnwb-cli evaluate: test accuracy of a project's network as it stands, optionally over a sweep
// of one field.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "CliErrors.h"
#include "Commands.h"
#include "io/ProjectJson.h"
#include "project/FieldPath.h"
#include "project/ProjectEvaluation.h"
#include "project/ProjectValidator.h"

namespace {

struct EvaluateOptions {
  std::string project, dataset, sweep;
  int64_t testLimit = 0;
  int threads = 1;
  bool json = false;
};

// "PATH=v1,v2,..." -> PATH and the values as written.
std::pair<std::string, std::vector<std::string>> parseSweep(const std::string& sweep) {
  const size_t eq = sweep.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == sweep.size())
    throw snn::SpecError(snn::Diagnostic{snn::ObjectKind::File, "--sweep", "",
                                         "expected PATH=v1,v2,... (e.g. "
                                         "crossbars.xb1.device.levels=2,4,8,16)"});
  std::vector<std::string> values;
  std::stringstream list(sweep.substr(eq + 1));
  for (std::string v; std::getline(list, v, ',');)
    if (!v.empty()) values.push_back(v);
  return {sweep.substr(0, eq), values};
}

// Sets a swept field; "crossbars.*.REST" sets REST on every crossbar of the network.
void setSwept(snn::Project& p, const std::string& path, const std::string& value) {
  const std::string every = "crossbars.*.";
  if (path.rfind(every, 0) != 0) return snn::setFieldFromText(p, path, value);
  if (p.network.crossbars.empty())
    throw snn::SpecError(snn::Diagnostic{snn::ObjectKind::File, "--sweep", "",
                                         "'" + path + "': the network has no crossbars"});
  for (const snn::CrossbarSpec& c : std::vector<snn::CrossbarSpec>(p.network.crossbars))
    snn::setFieldFromText(p, "crossbars." + c.id + "." + path.substr(every.size()), value);
}

int evaluate(const EvaluateOptions& o) {
  snn::ProjectParseResult parsed = snn::readProjectFile(o.project);
  if (!parsed.ok()) throw snn::SpecError(std::move(parsed.diagnostics));
  snn::Project base = std::move(parsed.project);
  if (!base.training) base.training = snn::TrainingSpec{};  // its dataset: the default
  if (!o.dataset.empty()) base.training->dataset = o.dataset;
  std::string path;
  std::vector<std::string> values{""};
  if (!o.sweep.empty()) std::tie(path, values) = parseSweep(o.sweep);
  // Every value is checked before the first (slow) evaluation.
  std::vector<snn::Project> projects;
  for (const std::string& v : values) {
    snn::Project p = base;
    if (!path.empty()) setSwept(p, path, v);
    if (auto problems = snn::validateProject(p); !problems.empty())
      throw snn::SpecError(std::move(problems));
    projects.push_back(std::move(p));
  }
  const snn::DatasetSplit data = snn::loadDataset(base.training->dataset);
  snn::EvaluationOptions options;
  options.testLimit = o.testLimit;
  options.threads = o.threads;
  for (size_t k = 0; k < projects.size(); ++k) {
    const auto start = std::chrono::steady_clock::now();
    const snn::EvaluationResult r = snn::evaluateProject(projects[k], data, options);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (o.json) {
      nlohmann::ordered_json line;
      if (!path.empty()) {
        line["path"] = path;
        char* end = nullptr;
        const double x = std::strtod(values[k].c_str(), &end);
        line["value"] =
            *end == '\0' ? nlohmann::ordered_json(x) : nlohmann::ordered_json(values[k]);
      }
      line["test_acc"] = r.accuracy;
      line["test_samples"] = r.samples;
      line["eval_s"] = seconds;
      std::cout << line.dump() << std::endl;
    } else {
      if (!path.empty()) std::printf("%s = %s: ", path.c_str(), values[k].c_str());
      std::printf("test accuracy %.2f %% (%lld samples, %.1f s)\n", 100 * r.accuracy,
                  static_cast<long long>(r.samples), seconds);
      std::fflush(stdout);
    }
  }
  return kExitOk;
}

}  // namespace

Command addEvaluateCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "evaluate", "Test accuracy of a project's network as it stands (on its crossbars)");
  auto o = std::make_shared<EvaluateOptions>();
  cmd->add_option("PROJECT", o->project, "Project file (*.snnwb.json)")->required();
  cmd->add_option("--dataset", o->dataset,
                  "digits, fashion-mnist or an MNIST-format folder (default: the project's)");
  cmd->add_option("--test-limit", o->testLimit, "Use only the first N test samples")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--sweep", o->sweep,
                  "PATH=v1,v2,...: one evaluation per value of any field, e.g. "
                  "crossbars.xb1.device.levels=2,4,8,16,32 (crossbars.*.FIELD: every crossbar)");
  cmd->add_option("--threads", o->threads, "Worker threads")->check(CLI::Range(1, 256));
  cmd->add_flag("--json", o->json,
                "One JSON line per value: path, value, test_acc, test_samples, eval_s");
  return {cmd, [o]() { return evaluate(*o); }};
}
