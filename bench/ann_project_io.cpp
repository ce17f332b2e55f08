// Open and save time of a project holding a large ANN (issue 10: "a 1-million-weight project
// opens in well under a second"). Not a test: it prints figures and asserts nothing.
//
//   snnwb-bench-ann-project [--hidden 1000,216] [--repeat 7] [--dir DIR]
//       builds a 784-<hidden...>-10 MLP with random float32 weights, then saves it with
//       saveProject and opens it with loadProject (parse + validation) --repeat times, and prints
//       one JSON line: {"weights", "file_bytes", "save_s", "open_s", "save_cpu_s", "open_cpu_s"}
//       (medians; wall clock, and the process's CPU time, which a loaded machine inflates less).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "io/ProjectJson.h"

using namespace snn;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

Project mlp(const std::vector<int>& hidden) {
  std::mt19937 rng(1);
  std::normal_distribution<float> normal(0.0f, 0.05f);
  AnnSpec ann;
  ann.input = {784, 1, 1};
  int in = 784;
  std::vector<int> units = hidden;
  units.push_back(10);
  for (size_t k = 0; k < units.size(); ++k) {
    AnnLayerSpec fc;
    fc.id = "fc" + std::to_string(k + 1);
    fc.type = AnnLayerType::Dense;
    fc.units = units[k];
    fc.weight.shape = {units[k], in};
    fc.weight.values.resize(size_t(units[k]) * size_t(in));
    for (float& w : fc.weight.values) w = normal(rng);
    fc.bias.shape = {units[k]};
    fc.bias.values.assign(size_t(units[k]), 0.01f);
    ann.layers.push_back(fc);
    if (k + 1 < units.size()) {
      AnnLayerSpec relu;
      relu.id = "relu" + std::to_string(k + 1);
      relu.type = AnnLayerType::Relu;
      ann.layers.push_back(relu);
    }
    in = units[k];
  }
  Project p;
  p.network.anns.push_back({"mlp", ann});
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> hidden{1000, 216};
  int repeat = 7;
  std::filesystem::path dir = std::filesystem::temp_directory_path();
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    if (a == "--hidden") {
      hidden.clear();
      std::stringstream list(v);
      for (std::string n; std::getline(list, n, ',');) hidden.push_back(std::stoi(n));
    } else if (a == "--repeat") {
      repeat = std::max(1, std::stoi(v));
    } else if (a == "--dir") {
      dir = v;
    }
  }
  const Project project = mlp(hidden);
  int64_t weights = 0;
  for (const AnnLayerSpec& l : project.network.anns[0].ann.layers)
    weights += int64_t(l.weight.values.size() + l.bias.values.size());
  const std::filesystem::path file = dir / "snnwb_bench_ann_project.snnwb.json";
  using Clock = std::chrono::steady_clock;
  std::vector<double> save, open, saveCpu, openCpu;
  bool identical = true;
  for (int r = 0; r < repeat; ++r) {
    auto start = Clock::now();
    std::clock_t cpu = std::clock();
    saveProject(project, file);
    save.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    saveCpu.push_back(double(std::clock() - cpu) / CLOCKS_PER_SEC);
    start = Clock::now();
    cpu = std::clock();
    const Project back = loadProject(file);
    open.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    openCpu.push_back(double(std::clock() - cpu) / CLOCKS_PER_SEC);
    identical = identical && back == project;
  }
  std::printf(
      "{\"weights\": %lld, \"file_bytes\": %lld, \"save_s\": %.4f, \"open_s\": %.4f, "
      "\"save_cpu_s\": %.4f, \"open_cpu_s\": %.4f, \"identical\": %s}\n",
      static_cast<long long>(weights), static_cast<long long>(std::filesystem::file_size(file)),
      median(save), median(open), median(saveCpu), median(openCpu), identical ? "true" : "false");
  std::filesystem::remove(file);
  return identical ? 0 : 1;
}
