#include "SamplePresenter.h"

#include "encoders/ImageEncoder.h"
#include "sim/Compiler.h"
#include "sim/Simulator.h"

namespace snn {

namespace {
Diagnostic problem(const std::string& field, const std::string& message) {
  return Diagnostic{ObjectKind::Experiment, "training", field, message};
}
}  // namespace

SamplePresenter::SamplePresenter(const Project& project, const std::string& input,
                                 const std::string& output, int64_t pixels,
                                 const Protocol& protocol, int threads)
    : inputId_(input), protocol_(protocol) {
  Project working = project;
  working.network.monitors = {MonitorSpec{.type = MonitorSpec::Type::Spikes, .target = output}};
  // Training shows its own samples: a project's dataset feed would interfere.
  for (PopulationSpec& p : working.network.populations) p.feed.reset();
  CompileResult compiled = compile(working, {.threads = threads});
  if (!compiled.ok()) throw SpecError(std::move(compiled.diagnostics));
  sim_ = std::make_unique<Simulator>(std::move(compiled.network));
  const CompiledNetwork& net = sim_->network();
  input_ = net.findPopulation(input);
  output_ = net.findPopulation(output);
  if (input_ < 0) throw SpecError(problem("input", "no population '" + input + "'"));
  if (output_ < 0) throw SpecError(problem("output", "no population '" + output + "'"));
  NeuronGroup& source = *net.populations[static_cast<size_t>(input_)].group;
  encoder_ = dynamic_cast<ImageEncoder*>(&source);
  if (!encoder_)
    throw SpecError(
        problem("input", "population '" + input + "' (" + source.info().name +
                             ") cannot show images; use poisson, latency or direct_current"));
  if (source.size() != pixels)
    throw SpecError(
        problem("input", "population '" + input + "' has " + std::to_string(source.size()) +
                             " neurons but the images have " + std::to_string(pixels) + " pixels"));
  if (net.populations[static_cast<size_t>(output_)].group->role() != ModelRole::Neuron)
    throw SpecError(problem("output", "population '" + output + "' is a source, not neurons"));
  canBoost_ = protocol_.rateBoostHz > 0 && source.info().findParam("rate_max") &&
              source.params().isUniform("rate_max");
  if (canBoost_) baseRate_ = source.params().scalar("rate_max");
  encoder_->silence();
}

SamplePresenter::~SamplePresenter() = default;

void SamplePresenter::setMaxRate(double hz) {
  sim_->setParameter(inputId_, "rate_max", ValueSpec::constant(hz));
}

void SamplePresenter::show(std::span<const float> image, std::vector<int32_t>& spikes,
                           SimulationChunk* presentation) {
  const size_t output = static_cast<size_t>(output_);
  sim_->setRecordAllSpikes(presentation != nullptr);
  if (protocol_.imageNorm > 0.0) {
    double sum = 0.0;
    for (float x : image) sum += x;
    const float scale = sum > 0.0 ? static_cast<float>(protocol_.imageNorm / sum) : 1.0f;
    scaled_.resize(image.size());
    for (size_t i = 0; i < image.size(); ++i) scaled_[i] = image[i] * scale;
    image = scaled_;
  }
  for (int64_t boosts = 0;; ++boosts) {
    encoder_->present(image, sim_->currentStep());
    SimulationChunk chunk = sim_->run(protocol_.presentSteps);
    sim_->setRecordAllSpikes(false);  // the rest is not part of the presentation
    encoder_->silence();
    if (protocol_.settleSteps > 0) sim_->run(protocol_.settleSteps);
    sim_->skipSilence(protocol_.restSteps - protocol_.settleSteps);
    const std::vector<int32_t>& fired = chunk.spikes[output].neurons;
    if (static_cast<int64_t>(fired.size()) >= protocol_.minSpikes ||
        boosts >= protocol_.maxBoosts || !canBoost_) {
      spikes.insert(spikes.end(), fired.begin(), fired.end());
      lastRateHz_ =
          canBoost_ ? baseRate_ + static_cast<double>(boosts) * protocol_.rateBoostHz : 0.0;
      if (boosts > 0) setMaxRate(baseRate_);
      encoder_->silence();
      if (presentation) {
        for (SpikeRecord& r : chunk.spikes)
          for (int64_t& step : r.steps) step -= chunk.firstStep;
        chunk.firstStep = 0;
        *presentation = std::move(chunk);
      }
      return;
    }
    setMaxRate(baseRate_ + static_cast<double>(boosts + 1) * protocol_.rateBoostHz);
    sim_->setRecordAllSpikes(presentation != nullptr);
  }
}

void SamplePresenter::restart(uint64_t streamSeed) {
  sim_->reset();
  sim_->network().populations[static_cast<size_t>(input_)].group->seed(streamSeed, inputId_);
  encoder_->silence();
}

}  // namespace snn
