// libFuzzer harness: a project file as the reader, the validator and the compiler meet it. Any
// input must give diagnostics or a network, never a crash, a hang, undefined behaviour or an
// allocation the input merely claims (the validator's footprint check refuses what does not fit
// in kMemoryBudget; libFuzzer's -rss_limit_mb catches the rest). The budget is small on purpose:
// a CUBA-sized network (2.8 million synapses) takes over 10 s to compile and step under
// ASan + UBSan, which libFuzzer reports as a hang although it is only large. A network that compiles runs a
// few steps (a divergence is an answer, not a failure).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/ProjectJson.h"
#include "sim/Compiler.h"
#include "sim/Simulator.h"

namespace {
constexpr double kMemoryBudget = 16e6;
constexpr int64_t kStepsRun = 50;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace snn;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ProjectParseResult parsed = parseProject(text);
  if (!parsed.ok()) return 0;
  const Project& project = parsed.project;
  // Datasets other than the embedded digits are folders on disk: reading Fashion-MNIST on every
  // input would make the fuzzer crawl, and the IDX harness covers the files.
  for (const PopulationSpec& p : project.network.populations)
    if (p.feed && p.feed->dataset != "digits") return 0;
  CompileOptions options;
  options.threads = 1;
  options.validation.memoryBudgetBytes = kMemoryBudget;
  CompileResult compiled = compile(project, options);
  if (!compiled.ok()) return 0;
  Simulator sim(std::move(compiled.network));
  try {
    sim.run(kStepsRun);
  } catch (const SpecError&) {  // a diverging network is reported, not a bug
  }
  return 0;
}
