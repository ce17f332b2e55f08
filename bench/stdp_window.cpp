// The learning window of pair STDP carried out as device pulses (PulseStdpSynapses) for several
// devices: one pre/post pair at lag dt, from a weight of 0.5 (w_max 1), the mean weight change
// over many seeds (stochastic rounding to pulses), against StdpRule's float window. CSV on
// stdout: device,dt_ms,dw_device,dw_float. bench/crossbar_stdp_window.py plots it.
//   build/bench/snnwb-bench-stdp-window [--seeds N]
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "crossbar/PulseStdpSynapses.h"
#include "io/ProjectJson.h"
#include "sim/Compiler.h"

using namespace snn;

namespace {

std::string project(const std::string& device, uint64_t seed) {
  return R"({"format": "snn-workbench", "version": 1, "network": {
    "populations": [{"id": "pre", "model": "spike_source", "size": 1},
                    {"id": "post", "model": "lif", "size": 1}],
    "projections": [{"id": "p", "pre": "pre", "post": "post", "connector": "all_to_all",
      "weight": 0.5, "crossbar": "xb",
      "plasticity": {"rule": "stdp", "params": {"a_plus": 0.1, "a_minus": 0.1, "tau_plus": 20,
        "tau_minus": 20, "w_min": -1, "w_max": 1}}}],
    "crossbars": [{"id": "xb", "rows": 1, "cols": 2, "device": )" +
         device + R"(, "mapping": {"w_max": 1}, "programming": {"mode": "direct"}}]},
    "experiment": {"dt": 0.1, "seed": )" +
         std::to_string(seed) + "}}";
}

// Weight change of one pair, post - pre = lagSteps steps (negative: post first).
double pairChange(const std::string& device, uint64_t seed, int lagSteps) {
  ProjectParseResult parsed = parseProject(project(device, seed));
  CompileResult c = compile(parsed.project);
  if (!c.ok()) {
    std::fprintf(stderr, "%s\n", joinDiagnostics(c.diagnostics).c_str());
    std::exit(2);
  }
  CompiledProjection& proj = c.network->projections[0];
  PlasticityRule& rule = *proj.plasticity;
  SynapseMatrix& m = proj.synapses;
  const double before = m.weight[0];
  const int32_t one[] = {0};
  const int lag = std::abs(lagSteps);
  if (lagSteps >= 0) {  // pre at step 0, post at step lag
    rule.updatePreTraces(0, 0, 1, one);
    for (int s = 1; s <= lag; ++s) rule.updatePreTraces(s, 0, 1, {});
    rule.onPostSpike(m, lag, 0);
  } else {  // post at step 0, pre at step lag
    rule.onPostSpike(m, 0, 0);
    for (int s = 1; s <= lag; ++s) rule.decayPostTraces(0, 1);
    rule.onPreSpike(m, 0, 0);
  }
  return m.weight[0] - before;
}

}  // namespace

int main(int argc, char** argv) {
  int seeds = 200;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--seeds") seeds = std::atoi(argv[i + 1]);
  const std::pair<const char*, const char*> devices[] = {
      {"linear", R"({"preset": "ideal", "levels": 64})"},
      {"soft_bounds_nl3", R"({"preset": "ideal", "levels": 64, "nl_set": 3, "nl_reset": 3})"},
      {"asymmetric_set1_reset5",
       R"({"preset": "ideal", "levels": 64, "nl_set": 1, "nl_reset": 5})"},
      {"rram_hfox", R"({"preset": "rram_hfox", "c2c": 0})"},
  };
  std::printf("device,dt_ms,dw_device,dw_float\n");
  for (const auto& [name, json] : devices)
    for (int lag = -600; lag <= 600; lag += 20) {
      if (lag == 0) continue;
      double sum = 0.0;
      for (int s = 1; s <= seeds; ++s) sum += pairChange(json, uint64_t(s), lag);
      const double dtMs = 0.1 * lag;
      const double ideal = lag > 0 ? 0.2 * std::exp(-dtMs / 20.0) : -0.2 * std::exp(dtMs / 20.0);
      std::printf("%s,%.1f,%.6g,%.6g\n", name, dtMs, sum / seeds, ideal);
    }
  return 0;
}
