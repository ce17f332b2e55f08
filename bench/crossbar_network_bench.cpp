// The simulation's CPU time of whole networks, for crossbar-versus-ideal ratios on a shared
// machine: wall time there measures the other jobs as much as ours, CPU time of the simulating
// thread does not (one thread). Each project is compiled once (build wall and CPU time), then
// run N times from the same state (Simulator::reset: the same spikes every repeat).
//
//   snnwb-bench-crossbar-network PROJECT... [--duration MS] [--repeat N]
//
// One JSON line per project: build_wall_s, build_cpu_s, sim_cpu_s (median), sim_wall_s
// (median), all_sim_cpu_s, steps, and each population's spikes in one run.
// bench/crossbar_network_speed.py --cpu writes its four Diehl & Cook variants and runs this.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "io/ProjectJson.h"
#include "sim/Compiler.h"
#include "sim/Simulator.h"

using namespace snn;

namespace {

double threadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

double processCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

double wallSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int measure(const std::string& path, double durationMs, int repeat) {
  const double wall0 = wallSeconds(), cpu0 = processCpuSeconds();
  Project project = loadProject(path);
  CompileOptions options;
  options.threads = 1;
  CompileResult compiled = compile(project, options);
  if (!compiled.ok()) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), joinDiagnostics(compiled.diagnostics).c_str());
    return 2;
  }
  Simulator sim(std::move(compiled.network));
  const double buildWall = wallSeconds() - wall0, buildCpu = processCpuSeconds() - cpu0;
  const auto steps = static_cast<int64_t>(durationMs / project.experiment.dt + 0.5);
  std::vector<double> cpu, wall;
  nlohmann::ordered_json spikes;
  for (int r = 0; r < repeat; ++r) {
    sim.reset();
    const double c = threadCpuSeconds(), w = wallSeconds();
    sim.run(steps);
    cpu.push_back(threadCpuSeconds() - c);
    wall.push_back(wallSeconds() - w);
    for (size_t p = 0; p < sim.network().populations.size(); ++p)
      spikes[sim.network().populations[p].id] = sim.totalSpikes()[p];
  }
  nlohmann::ordered_json out;
  out["project"] = path;
  out["steps"] = steps;
  out["build_wall_s"] = buildWall;
  out["build_cpu_s"] = buildCpu;
  out["sim_cpu_s"] = median(cpu);
  out["sim_wall_s"] = median(wall);
  out["all_sim_cpu_s"] = cpu;
  out["spikes"] = spikes;
  std::printf("%s\n", out.dump().c_str());
  std::fflush(stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> projects;
  double duration = 2000.0;
  int repeat = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--duration" && i + 1 < argc)
      duration = std::stod(argv[++i]);
    else if (a == "--repeat" && i + 1 < argc)
      repeat = std::max(1, std::stoi(argv[++i]));
    else
      projects.push_back(a);
  }
  if (projects.empty()) {
    std::fprintf(stderr, "usage: %s PROJECT... [--duration MS] [--repeat N]\n", argv[0]);
    return 2;
  }
  for (const std::string& p : projects)
    if (const int rc = measure(p, duration, repeat); rc != 0) return rc;
  return 0;
}
