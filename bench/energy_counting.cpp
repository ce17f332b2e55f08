// The cost of operation counting (core/energy): the CUBA network (bench/cuba_nomonitors) run
// with counting on and off, interleaved in one process (on, off, off, on, ...), each run
// compiled afresh; prints the median seconds of stepping per simulated second of each and the
// ratio, in wall time and in CPU time of the process (the CPU figure is what to read when other
// work shares the machine: waiting for a core is not counted). Repeat, and read the median.
//
// With --stdp, every projection from the excitatory population learns (pair STDP, default
// parameters, w_max 10): the cost of counting plasticity's updates too.
//
//   build/bench/snnwb-bench-energy [--repeat N] [--duration MS] [--threads T] [--stdp] [PROJECT]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "io/ProjectJson.h"
#include "sim/Compiler.h"
#include "sim/Simulator.h"

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

struct Timing {
  double wall = 0, cpu = 0;
  uint64_t ops = 0;
  uint64_t weightUpdates = 0;
};

// Seconds spent stepping `steps` steps (wall and process CPU), and the operations counted.
Timing timedRun(const snn::Project& project, int threads, bool counting, int64_t steps) {
  snn::CompileOptions options;
  options.threads = threads;
  snn::CompileResult compiled = snn::compile(project, options);
  if (!compiled.ok()) throw snn::SpecError(std::move(compiled.diagnostics));
  snn::Simulator sim(std::move(compiled.network));
  sim.setCountingEnabled(counting);
  Timing t;
  const int64_t chunk = 10000;
  const std::clock_t start = std::clock();
  for (int64_t done = 0; done < steps; done += chunk)
    t.wall += sim.run(std::min(chunk, steps - done)).wallSeconds;
  t.cpu = double(std::clock() - start) / CLOCKS_PER_SEC;
  t.ops = sim.operationCounts().totalSynapticOps();
  t.weightUpdates = sim.operationCounts().totalWeightUpdates();
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = SNNWB_SOURCE_DIR "/bench/cuba_nomonitors.snnwb.json";
  int repeat = 7, threads = 1;
  bool stdp = false;
  double durationMs = 2000;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc)
      repeat = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--duration") && i + 1 < argc)
      durationMs = std::atof(argv[++i]);
    else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc)
      threads = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--stdp"))
      stdp = true;
    else
      path = argv[i];
  }
  try {
    snn::Project project = snn::loadProject(path);
    if (stdp)
      for (snn::ProjectionSpec& p : project.network.projections)
        if (p.pre == "exc")
          p.plasticity = snn::PlasticitySpec{"stdp", {{"w_max", snn::ValueSpec::constant(10.0)}}};
    const auto steps = static_cast<int64_t>(std::llround(durationMs / project.experiment.dt));
    std::vector<double> on, off, onCpu, offCpu;
    uint64_t ops = 0, updates = 0;
    for (int r = 0; r < repeat; ++r) {
      const bool onFirst = r % 2 == 0;  // alternate the order: neither always runs second
      for (bool counting : {onFirst, !onFirst}) {
        const Timing t = timedRun(project, threads, counting, steps);
        (counting ? on : off).push_back(t.wall / (durationMs / 1000.0));
        (counting ? onCpu : offCpu).push_back(t.cpu / (durationMs / 1000.0));
        if (counting) ops = t.ops, updates = t.weightUpdates;
      }
    }
    const double mOn = median(on), mOff = median(off);
    const double cOn = median(onCpu), cOff = median(offCpu);
    std::printf("%s%s, %g ms simulated, %d thread(s), %d interleaved pairs\n", path.c_str(),
                stdp ? " with STDP" : "", durationMs, threads, repeat);
    std::printf("  counting on:  %.4f s wall, %.4f s CPU per simulated s (medians)\n", mOn, cOn);
    std::printf("  counting off: %.4f s wall, %.4f s CPU per simulated s (medians)\n", mOff, cOff);
    std::printf("  on / off: %.3f wall, %.3f CPU  (%llu synaptic operations counted per run)\n",
                mOn / mOff, cOn / cOff, static_cast<unsigned long long>(ops));
    if (stdp)
      std::printf("  %llu STDP weight updates counted per run\n",
                  static_cast<unsigned long long>(updates));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  return 0;
}
