#include "SnnBatchEvaluator.h"

#include <algorithm>
#include <limits>
#include <random>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "EventStageOperation.h"
#include "InputNormalisation.h"
#include "PoolFolding.h"
#include "StageForward.h"
#include "ann/AvgPool2dLayer.h"
#include "ann/Conv2dLayer.h"
#include "ann/DenseLayer.h"

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

double stageFanOut(const SnnStage& stage) {
  if (stage.pool) return stageFanOut(foldedStage(stage));
  const SnnStage& s = stage;
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

constexpr float kNoInput = -std::numeric_limits<float>::infinity();

// One thread's state for the sample it runs: per stage, in H x W x C order.
struct SnnBatchEvaluator::Workspace {
  std::vector<std::vector<float>> v, current, spikes, counts;
  std::vector<float> scratch, pixels, input;
  std::vector<int32_t> events;
  std::vector<int64_t> fired;       // per stage, over the batch
  std::vector<double> synapticOps;  // per stage, over the batch
  std::vector<float> maxInput;      // per stage, over the batch
  std::mt19937_64 rng;
};

SnnBatchEvaluator::SnnBatchEvaluator(const ConvertedSnn& snn, int threads, uint64_t seed)
    : snn_(snn), threads_(std::max(1, threads)), seed_(seed) {
  const size_t n = snn.stages.size();
  v_.resize(n);
  counts_.resize(n);
  AnnShape previous = snn.input;
  int64_t scratch = 0, events = 0;
  for (const SnnStage& s : snn.stages) {
    ops_.push_back(std::make_unique<EventStageOperation>(s, previous));
    scratch = std::max(scratch, ops_.back()->scratchSize());
    events = std::max(events, ops_.back()->eventCapacity());
    fanOut_.push_back(stageFanOut(s));
    activity_.push_back({s.id, s.out.size(), 0, 0.0});
    previous = s.out;
  }
  maxInput_.assign(n, kNoInput);
  first_ = std::make_unique<StageForward>(snn.stages.front(), snn.input);
  for (int t = 0; t < threads_; ++t) {
    auto w = std::make_unique<Workspace>();
    for (const SnnStage& s : snn.stages)
      for (auto* a : {&w->v, &w->current, &w->spikes, &w->counts})
        a->emplace_back(static_cast<size_t>(s.out.size()), 0.0f);
    w->scratch.resize(static_cast<size_t>(scratch));
    w->events.resize(static_cast<size_t>(events));
    w->pixels.resize(static_cast<size_t>(snn.input.size()));
    w->input.resize(static_cast<size_t>(snn.input.size()));
    w->fired.assign(n, 0);
    w->synapticOps.assign(n, 0.0);
    w->maxInput.assign(n, kNoInput);
    workspaces_.push_back(std::move(w));
  }
}

SnnBatchEvaluator::~SnnBatchEvaluator() = default;

void SnnBatchEvaluator::resetActivity() {
  for (StageActivity& a : activity_) a.spikes = 0, a.synapticOps = 0.0;
  std::fill(maxInput_.begin(), maxInput_.end(), kNoInput);
}

namespace {

// The IF update of one layer, written so that it vectorises: selects rather than branches, and
// float sums (exact: a layer has far fewer than 2^24 neurons) for the spike count.
template <bool Subtract>
void stepIf(float* __restrict v, float* __restrict out, float* __restrict count,
            const float* __restrict in, int64_t size, float threshold, float& fired,
            float& largest) {
  float spikes = 0.0f, big = largest;
#pragma omp simd reduction(+ : spikes) reduction(max : big)
  for (int64_t i = 0; i < size; ++i) {
    big = in[i] > big ? in[i] : big;  // std::max on a reference blocks vectorising
    const float vNew = v[i] + in[i];
    const bool spike = vNew > threshold;
    if constexpr (Subtract)
      v[i] = vNew - (spike ? threshold : 0.0f);
    else
      v[i] = spike ? 0.0f : vNew;
    const float s = spike ? 1.0f : 0.0f;
    out[i] = s;
    count[i] += s;
    spikes += s;
  }
  fired = spikes;
  largest = big;
}

}  // namespace

void SnnBatchEvaluator::integrate(size_t s, Workspace& w) const {
  const SnnStage& stage = snn_.stages[s];
  const bool silent = stage.output && snn_.options.readout == OutputReadout::Membrane;
  const float threshold = silent ? std::numeric_limits<float>::infinity() : stage.threshold;
  const auto size = static_cast<int64_t>(w.v[s].size());
  float fired = 0.0f;
  auto step = snn_.options.reset == IfReset::Subtract ? stepIf<true> : stepIf<false>;
  step(w.v[s].data(), w.spikes[s].data(), w.counts[s].data(), w.current[s].data(), size, threshold,
       fired, w.maxInput[s]);
  w.fired[s] += static_cast<int64_t>(fired);
  if (s + 1 < snn_.stages.size())
    w.synapticOps[s + 1] += static_cast<double>(fired) * fanOut_[s + 1];
}

namespace {
// Sample b of a batch tensor (C, N, H, W) to or from H x W x C order.
void gather(const Tensor& t, int64_t b, float* hwc) {
  const int channels = t.shape().channels;
  const int64_t plane = t.planeSize();
  for (int c = 0; c < channels; ++c) {
    const float* p = t.plane(c, b);
    for (int64_t i = 0; i < plane; ++i) hwc[i * channels + c] = p[i];
  }
}
void scatterInto(Tensor& t, int64_t b, const float* hwc) {
  const int channels = t.shape().channels;
  const int64_t plane = t.planeSize();
  for (int c = 0; c < channels; ++c) {
    float* p = t.plane(c, b);
    for (int64_t i = 0; i < plane; ++i) p[i] = hwc[i * channels + c];
  }
}
}  // namespace

void SnnBatchEvaluator::runSample(Workspace& w, const float* pixels, int64_t b, int64_t sampleIndex,
                                  int steps) {
  const size_t stages = snn_.stages.size();
  for (size_t s = 0; s < stages; ++s) {
    std::fill(w.v[s].begin(), w.v[s].end(), snn_.stages[s].initialV * snn_.stages[s].threshold);
    std::fill(w.spikes[s].begin(), w.spikes[s].end(), 0.0f);
    std::fill(w.counts[s].begin(), w.counts[s].end(), 0.0f);
  }
  const bool direct = snn_.options.input == InputCoding::DirectCurrent;
  if (direct) {
    gather(constant_, b, w.current[0].data());  // the same current every step
  } else {
    const AnnShape& in = snn_.input;
    const int64_t plane = int64_t(in.height) * in.width;
    for (int c = 0; c < in.channels; ++c)
      for (int64_t i = 0; i < plane; ++i)
        w.pixels[size_t(i * in.channels + c)] = pixels[c * plane + i];
    const auto index = static_cast<uint64_t>(sampleIndex);
    std::seed_seq seq{uint32_t(seed_), uint32_t(seed_ >> 32), uint32_t(index),
                      uint32_t(index >> 32)};
    w.rng.seed(seq);
  }
  std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
  for (int t = 0; t < steps; ++t) {
    if (!direct) {  // Poisson: pixel x fires with probability x
      int64_t fired = 0;
      for (size_t i = 0; i < w.pixels.size(); ++i) {
        const bool spike = uniform(w.rng) < w.pixels[i];
        w.input[i] = spike ? 1.0f : 0.0f;
        fired += spike;
      }
      w.synapticOps[0] += static_cast<double>(fired) * fanOut_[0];
    }
    // Pipelined: last stage first, so each reads its input's spikes of the step before.
    for (size_t k = 0; k < stages; ++k) {
      const size_t s = pipelined_ ? stages - 1 - k : k;
      if (s > 0 || !direct) {
        const std::vector<float>& bias = ops_[s]->bias();
        std::copy(bias.begin(), bias.end(), w.current[s].begin());
        ops_[s]->accumulate(s > 0 ? w.spikes[s - 1].data() : w.input.data(), w.scratch.data(),
                            w.events.data(), w.current[s].data());
      }
      integrate(s, w);
    }
  }
  for (size_t s = 0; s < stages; ++s) {
    scatterInto(v_[s], b, w.v[s].data());
    scatterInto(counts_[s], b, w.counts[s].data());
  }
}

void SnnBatchEvaluator::runBatch(const float* samples, int64_t first, int64_t n, int steps) {
  const size_t stages = snn_.stages.size();
  for (size_t s = 0; s < stages; ++s) {
    v_[s].resize(snn_.stages[s].out, n);
    counts_[s].resize(snn_.stages[s].out, n);
  }
  input_.setSamples(samples, snn_.input, n);
  if (snn_.options.input == InputCoding::DirectCurrent) {
    normaliseInput(input_, snn_.inputMean, snn_.inputStd);  // (Poisson input never has one)
    first_->forward(input_, constant_, threads_);
    activity_[0].synapticOps += static_cast<double>(input_.size()) * fanOut_[0];
  }
  for (auto& w : workspaces_) {
    std::fill(w->fired.begin(), w->fired.end(), 0);
    std::fill(w->synapticOps.begin(), w->synapticOps.end(), 0.0);
    std::fill(w->maxInput.begin(), w->maxInput.end(), kNoInput);
  }
  const int64_t perSample = snn_.input.size();
#pragma omp parallel for num_threads(threads_) schedule(dynamic, 2) if (threads_ > 1)
  for (int64_t b = 0; b < n; ++b) {
#ifdef _OPENMP
    Workspace& w = *workspaces_[static_cast<size_t>(omp_get_thread_num())];
#else
    Workspace& w = *workspaces_.front();
#endif
    runSample(w, samples + b * perSample, b, first + b, steps);
  }
  for (auto& w : workspaces_)
    for (size_t s = 0; s < stages; ++s) {
      activity_[s].spikes += w->fired[s];
      activity_[s].synapticOps += w->synapticOps[s];
      maxInput_[s] = std::max(maxInput_[s], w->maxInput[s]);
    }
}

void SnnBatchEvaluator::evaluate(const float* samples, int64_t n, int steps, int32_t* predicted,
                                 int64_t batchSize) {
  const int64_t perSample = snn_.input.size();
  const size_t last = snn_.stages.size() - 1;
  const bool byMembrane = snn_.options.readout == OutputReadout::Membrane;
  for (int64_t b0 = 0; b0 < n; b0 += batchSize) {
    const int64_t m = std::min(batchSize, n - b0);
    runBatch(samples + b0 * perSample, b0, m, steps);
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
