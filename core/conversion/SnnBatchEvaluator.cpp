#include "SnnBatchEvaluator.h"

#include <algorithm>
#include <limits>

#include "ann/AvgPool2dLayer.h"
#include "ann/Conv2dLayer.h"
#include "ann/DenseLayer.h"
#include "ann/FlattenLayer.h"

namespace snn {

std::unique_ptr<AnnLayer> makeStageOperation(const SnnStage& s) {
  switch (s.op.type) {
    case AnnLayerType::Dense:
      return std::make_unique<DenseLayer>(s.op, s.in);
    case AnnLayerType::Conv2d:
      return std::make_unique<Conv2dLayer>(s.op, s.in, s.out);
    default:
      return std::make_unique<AvgPool2dLayer>(s.op, s.in, s.out);
  }
}

double stageFanOut(const SnnStage& s) {
  const auto& l = s.op;
  if (l.type == AnnLayerType::Dense) return l.units;
  int64_t taps = 0;
  for (int64_t i = 0; i < s.out.height; ++i)
    for (int64_t k = 0; k < l.kernelH; ++k) {
      const int64_t y = i * l.strideH - l.padTop + k;
      taps += (y >= 0 && y < s.in.height);
    }
  int64_t cols = 0;
  for (int64_t j = 0; j < s.out.width; ++j)
    for (int64_t k = 0; k < l.kernelW; ++k) {
      const int64_t x = j * l.strideW - l.padLeft + k;
      cols += (x >= 0 && x < s.in.width);
    }
  const double perOutputChannel = static_cast<double>(taps * cols);
  const double synapses =
      perOutputChannel * s.out.channels * (l.type == AnnLayerType::Conv2d ? s.in.channels : 1);
  return synapses / static_cast<double>(s.in.size());
}

SnnBatchEvaluator::SnnBatchEvaluator(const ConvertedSnn& snn, int threads, uint64_t seed)
    : snn_(snn), threads_(std::max(1, threads)), rng_(seed) {
  const size_t n = snn.stages.size();
  current_.resize(n);
  v_.resize(n);
  spikes_.resize(n);
  counts_.resize(n);
  AnnShape previous = snn.input;
  for (const SnnStage& s : snn.stages) {
    flatten_.push_back(previous == s.in ? nullptr
                                        : std::make_unique<FlattenLayer>(AnnLayerSpec{}, previous));
    ops_.push_back(makeStageOperation(s));
    fanOut_.push_back(stageFanOut(s));
    activity_.push_back({s.id, s.out.size(), 0, 0.0});
    previous = s.out;
  }
}

SnnBatchEvaluator::~SnnBatchEvaluator() = default;

void SnnBatchEvaluator::resetActivity() {
  for (StageActivity& a : activity_) a.spikes = 0, a.synapticOps = 0.0;
}

void SnnBatchEvaluator::drive(size_t s, const Tensor& in) {
  const Tensor* from = &in;
  if (flatten_[s]) {
    flatten_[s]->forward(in, flat_, threads_);
    from = &flat_;
  }
  ops_[s]->forward(*from, current_[s], threads_);
}

void SnnBatchEvaluator::integrate(size_t s) {
  const SnnStage& stage = snn_.stages[s];
  const bool silent = stage.output && snn_.options.readout == OutputReadout::Membrane;
  const float threshold = silent ? std::numeric_limits<float>::infinity() : stage.threshold;
  const bool subtract = snn_.options.reset == IfReset::Subtract;
  float* __restrict v = v_[s].data();
  float* __restrict out = spikes_[s].data();
  float* __restrict count = counts_[s].data();
  const float* __restrict in = current_[s].data();
  const int64_t size = v_[s].size();
  int64_t fired = 0;
#pragma omp simd reduction(+ : fired)
  for (int64_t i = 0; i < size; ++i) {
    const float vNew = v[i] + in[i];
    const bool spike = vNew > threshold;
    v[i] = spike ? (subtract ? vNew - threshold : 0.0f) : vNew;
    out[i] = spike ? 1.0f : 0.0f;
    count[i] += out[i];
    fired += spike;
  }
  activity_[s].spikes += fired;
  if (s + 1 < snn_.stages.size())
    activity_[s + 1].synapticOps += static_cast<double>(fired) * fanOut_[s + 1];
}

void SnnBatchEvaluator::runBatch(const float* samples, int64_t n, int steps) {
  const size_t stages = snn_.stages.size();
  for (size_t s = 0; s < stages; ++s) {
    for (Tensor* t : {&v_[s], &spikes_[s], &counts_[s]}) {
      t->resize(snn_.stages[s].out, n);
      t->setZero();
    }
    const float v0 = snn_.stages[s].initialV * snn_.stages[s].threshold;
    std::fill(v_[s].data(), v_[s].data() + v_[s].size(), v0);
  }
  input_.setSamples(samples, snn_.input, n);
  const bool direct = snn_.options.input == InputCoding::DirectCurrent;
  Tensor pixels;
  if (direct) {
    drive(0, input_);  // the same current every step
    activity_[0].synapticOps += static_cast<double>(input_.size()) * fanOut_[0];
  } else {
    pixels = input_;
  }
  std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
  for (int t = 0; t < steps; ++t) {
    if (!direct) {  // Poisson: pixel x fires with probability x
      int64_t fired = 0;
      for (int64_t i = 0; i < pixels.size(); ++i) {
        const bool spike = uniform(rng_) < pixels.data()[i];
        input_.data()[i] = spike ? 1.0f : 0.0f;
        fired += spike;
      }
      activity_[0].synapticOps += static_cast<double>(fired) * fanOut_[0];
    }
    // Pipelined: last stage first, so each reads its input's spikes of the step before.
    for (size_t k = 0; k < stages; ++k) {
      const size_t s = pipelined_ ? stages - 1 - k : k;
      if (s > 0)
        drive(s, spikes_[s - 1]);
      else if (!direct)
        drive(0, input_);
      integrate(s);
    }
  }
}

void SnnBatchEvaluator::evaluate(const float* samples, int64_t n, int steps, int32_t* predicted,
                                 int64_t batchSize) {
  const int64_t perSample = snn_.input.size();
  const size_t last = snn_.stages.size() - 1;
  const bool byMembrane = snn_.options.readout == OutputReadout::Membrane;
  for (int64_t b0 = 0; b0 < n; b0 += batchSize) {
    const int64_t m = std::min(batchSize, n - b0);
    runBatch(samples + b0 * perSample, m, steps);
    const Tensor& score = byMembrane ? v_[last] : counts_[last];
    const int classes = static_cast<int>(score.shape().size());
    for (int64_t b = 0; b < m; ++b) {  // flat output: features x batch
      int best = 0;
      for (int c = 1; c < classes; ++c)
        if (score.data()[c * m + b] > score.data()[best * m + b]) best = c;
      predicted[b0 + b] = best;
    }
  }
}

}  // namespace snn
