#include "DenseLifLayer.h"

#include <algorithm>
#include <stdexcept>

#include "parallel/ParallelBlocks.h"

namespace snn {

namespace {
// Samples per block of the element-wise recurrences: every (neuron, sample) pair is independent,
// so any cut gives the same numbers; 8 columns keep a block's state in L1/L2.
constexpr int64_t kSampleBlock = 8;
// Neurons per block of the bias-gradient sums (each row summed by one thread, in column order).
constexpr int64_t kRowBlock = 128;

// One step of one sample's neurons: integrate, threshold, reset. Free functions so that
// __restrict on the parameters lets GCC vectorise (it ignores __restrict on local pointers).
template <bool Subtract, bool Smooth>
void stepForward(int64_t n, const float* __restrict in, const float* __restrict bias,
                 float* __restrict u, float* __restrict mem, float* __restrict spk,
                 const LifDynamics d, const SurrogateFunction surrogate) {
  const float beta = d.beta, amount = d.resetAmount, value = d.resetValue;
  for (int64_t i = 0; i < n; ++i) {
    const float m = beta * u[i] + in[i] + bias[i];
    float sp;
    if constexpr (Smooth)
      sp = surrogate.integral(m - 1.0f);
    else
      sp = m > 1.0f ? 1.0f : 0.0f;  // the engine's threshold test, v > v_thresh
    mem[i] = m;
    spk[i] = sp;
    if constexpr (Subtract)
      u[i] = m - amount * sp;
    else
      u[i] = m * (1.0f - sp) + value * sp;
  }
}

// One step backwards of one sample's neurons: turns U[t] in `mem` into dL/dI[t] (or adds it to
// `sum` for a constant input), with `next` holding dL/dU[t + 1] on entry and dL/dU[t] on exit.
template <SurrogateKind Kind, bool Subtract, bool Detach, bool Constant>
void stepBackward(int64_t n, float* __restrict mem, const float* __restrict spk,
                  const float* __restrict gs, const float* __restrict gu, float* __restrict next,
                  float* __restrict sum, const LifDynamics d, const float slope) {
  const float beta = d.beta, amount = d.resetAmount, value = d.resetValue;
  const bool direct = gu != nullptr;
  for (int64_t i = 0; i < n; ++i) {
    const float m = mem[i];
    float sg;
    if constexpr (Kind == SurrogateKind::FastSigmoid)
      sg = SurrogateFunction::fastSigmoid(m - 1.0f, slope);
    else if constexpr (Kind == SurrogateKind::Arctan)
      sg = SurrogateFunction::arctan(m - 1.0f, slope);
    else
      sg = SurrogateFunction::triangle(m - 1.0f, slope);
    // d u[t] / d U[t]: how much of the membrane survives the reset into the next step.
    float keep;
    if constexpr (Subtract)
      keep = Detach ? 1.0f : 1.0f - amount * sg;
    else
      keep = Detach ? 1.0f - spk[i] : (1.0f - spk[i]) + (value - m) * sg;
    float g = sg * gs[i] + beta * keep * next[i];
    if (direct) g += gu[i];
    next[i] = g;
    if constexpr (Constant)
      sum[i] += g;
    else
      mem[i] = g;
  }
}

// The gradient a layer of at most this many neurons (an output layer) sends to the spikes below,
// W^T dL/dI, has an inner dimension too short for GEMM to pay: Eigen zeroes the large result
// and then adds to it. narrowTransposed writes each column once.
constexpr int64_t kNarrowLayer = 32;
constexpr int64_t kColumnBlock = 64;

// out(:, c) = W^T g(:, c) for one column, with wt = W^T stored column-major (inputs x n).
void narrowTransposed(int64_t inputs, int64_t n, const float* __restrict wt,
                      const float* __restrict g, float* __restrict out) {
  for (int64_t i = 0; i < inputs; ++i) out[i] = wt[i] * g[0];
  for (int64_t k = 1; k < n; ++k) {
    const float gk = g[k];
    const float* __restrict col = wt + k * inputs;
    for (int64_t i = 0; i < inputs; ++i) out[i] += col[i] * gk;
  }
}

}  // namespace

DenseLifLayer::DenseLifLayer(int64_t inputs, int64_t neurons, InputKind kind, LifDynamics dynamics)
    : inputs_(inputs),
      neurons_(neurons),
      kind_(kind),
      dynamics_(dynamics),
      weights_(Matrix::Zero(neurons, inputs)),
      weightGrad_(Matrix::Zero(neurons, inputs)),
      bias_(Eigen::VectorXf::Zero(neurons)),
      biasGrad_(Eigen::VectorXf::Zero(neurons)) {}

void DenseLifLayer::reserve(int64_t batch, int64_t steps, bool membraneLoss) {
  capacityBatch_ = batch;
  steps_ = steps;
  const auto all = static_cast<size_t>(neurons_ * steps * batch);
  const auto one = static_cast<size_t>(neurons_ * batch);
  current_.assign(kind_ == InputKind::ConstantCurrent ? one : all, 0.0f);
  membrane_.assign(all, 0.0f);
  spikes_.assign(all, 0.0f);
  spikeGrad_.assign(all, 0.0f);
  membraneGrad_.assign(membraneLoss ? all : 0, 0.0f);
  state_.assign(one, 0.0f);
  currentGrad_.assign(kind_ == InputKind::ConstantCurrent ? one : 0, 0.0f);
  transposed_.assign(narrow() ? static_cast<size_t>(neurons_ * inputs_) : 0, 0.0f);
}

bool DenseLifLayer::narrow() const {
  return kind_ == InputKind::DelayedSpikes && neurons_ <= kNarrowLayer && narrowKernels_;
}

DenseLifLayer::ConstMap DenseLifLayer::membrane() const {
  return ConstMap(membrane_.data(), neurons_, steps_ * batch_);
}
DenseLifLayer::ConstMap DenseLifLayer::spikes() const {
  return ConstMap(spikes_.data(), neurons_, steps_ * batch_);
}
DenseLifLayer::Map DenseLifLayer::spikeGrad() {
  return Map(spikeGrad_.data(), neurons_, steps_ * batch_);
}
DenseLifLayer::Map DenseLifLayer::membraneGrad() {
  return Map(membraneGrad_.data(), membraneGrad_.empty() ? 0 : neurons_, steps_ * batch_);
}

void DenseLifLayer::forward(const float* input, int64_t batch, const BpttOptions& options) {
  if (batch < 1 || batch > capacityBatch_)
    throw std::logic_error("DenseLifLayer::forward: batch larger than reserved");
  batch_ = batch;
  const int64_t n = neurons_, b = batch, t = steps_;
  int64_t stride = 0;  // floats between the currents of consecutive steps
  if (kind_ == InputKind::ConstantCurrent) {
    // The input is the same at every step, so W x is computed once (exactly what a per-step
    // loop would compute T times).
    ConstMap x(input, inputs_, b);
    if (product_)
      product_(input, b, current_.data());
    else
      blockedProduct(options.threads, Map(current_.data(), n, b), weights_, x, false);
  } else {
    // Step t receives the spikes of step t - 1; step 0 receives none.
    ConstMap x(input, inputs_, t * b);
    Map current(current_.data(), n, t * b);
    current.leftCols(b).setZero();
    if (product_)
      product_(input, (t - 1) * b, current_.data() + n * b);
    else
      blockedProduct(options.threads, current.rightCols((t - 1) * b), weights_,
                     x.leftCols((t - 1) * b), false);
    stride = n * b;
  }
  const bool subtract = dynamics_.subtractReset;
  if (options.smoothForward)
    subtract ? recur<true, true>(current_.data(), stride, options)
             : recur<false, true>(current_.data(), stride, options);
  else
    subtract ? recur<true, false>(current_.data(), stride, options)
             : recur<false, false>(current_.data(), stride, options);
}

template <bool Subtract, bool Smooth>
void DenseLifLayer::recur(const float* current, int64_t currentStride, const BpttOptions& options) {
  const int64_t n = neurons_, batch = batch_, steps = steps_;
  const LifDynamics dynamics = dynamics_;
  const SurrogateFunction surrogate = options.surrogate;
  const float* bias = bias_.data();
  float* state = state_.data();
  float* membrane = membrane_.data();
  float* spikes = spikes_.data();
  parallelBlocks(
      options.threads, blockCount(batch, kSampleBlock), n * batch * steps, [=](int64_t block) {
        const int64_t b0 = block * kSampleBlock, b1 = std::min(batch, b0 + kSampleBlock);
        std::fill(state + b0 * n, state + b1 * n, 0.0f);
        for (int64_t t = 0; t < steps; ++t)
          for (int64_t s = b0; s < b1; ++s)
            stepForward<Subtract, Smooth>(n, current + t * currentStride + s * n, bias,
                                          state + s * n, membrane + (t * batch + s) * n,
                                          spikes + (t * batch + s) * n, dynamics, surrogate);
      });
}

template <SurrogateKind Kind, bool Subtract, bool Detach, bool Constant>
void DenseLifLayer::recurBack(const BpttOptions& options) {
  const int64_t n = neurons_, batch = batch_, steps = steps_;
  const LifDynamics dynamics = dynamics_;
  const float slope = options.surrogate.slope;
  const float* direct = membraneGrad_.empty() ? nullptr : membraneGrad_.data();
  float* state = state_.data();
  float* membrane = membrane_.data();
  const float* spikes = spikes_.data();
  const float* spikeGrad = spikeGrad_.data();
  float* sums = currentGrad_.data();
  parallelBlocks(
      options.threads, blockCount(batch, kSampleBlock), n * batch * steps, [=](int64_t block) {
        const int64_t b0 = block * kSampleBlock, b1 = std::min(batch, b0 + kSampleBlock);
        // state holds dL/dU[t + 1] per (neuron, sample): zero after the last step.
        std::fill(state + b0 * n, state + b1 * n, 0.0f);
        if constexpr (Constant) std::fill(sums + b0 * n, sums + b1 * n, 0.0f);
        for (int64_t t = steps - 1; t >= 0; --t) {
          for (int64_t s = b0; s < b1; ++s) {
            const int64_t col = (t * batch + s) * n;
            stepBackward<Kind, Subtract, Detach, Constant>(
                n, membrane + col, spikes + col, spikeGrad + col, direct ? direct + col : nullptr,
                state + s * n, Constant ? sums + s * n : nullptr, dynamics, slope);
          }
        }
      });
}

void DenseLifLayer::backward(const float* input, const BpttOptions& options, float* inputGrad) {
  const int64_t n = neurons_, b = batch_, t = steps_;
  const bool constant = kind_ == InputKind::ConstantCurrent;
  // One instantiation per (surrogate, reset, detach, input) so the inner loop has no branches.
  auto run = [&]<SurrogateKind K>() {
    const bool sub = dynamics_.subtractReset, det = options.detachReset;
    if (constant) {
      if (sub)
        det ? recurBack<K, true, true, true>(options) : recurBack<K, true, false, true>(options);
      else
        det ? recurBack<K, false, true, true>(options) : recurBack<K, false, false, true>(options);
    } else {
      if (sub)
        det ? recurBack<K, true, true, false>(options) : recurBack<K, true, false, false>(options);
      else
        det ? recurBack<K, false, true, false>(options)
            : recurBack<K, false, false, false>(options);
    }
  };
  switch (options.surrogate.kind) {
    case SurrogateKind::FastSigmoid:
      run.template operator()<SurrogateKind::FastSigmoid>();
      break;
    case SurrogateKind::Arctan:
      run.template operator()<SurrogateKind::Arctan>();
      break;
    case SurrogateKind::Triangle:
      run.template operator()<SurrogateKind::Triangle>();
      break;
  }

  // dL/db = sum over steps and samples of dL/dI; each row summed in column order by one thread.
  const float* grad = constant ? currentGrad_.data() : membrane_.data();
  const int64_t cols = constant ? b : t * b;
  parallelBlocks(options.threads, blockCount(n, kRowBlock), n * cols, [&](int64_t block) {
    const int64_t r0 = block * kRowBlock, r1 = std::min(n, r0 + kRowBlock);
    float* __restrict out = biasGrad_.data();
    std::fill(out + r0, out + r1, 0.0f);
    for (int64_t c = 0; c < cols; ++c)
      for (int64_t r = r0; r < r1; ++r) out[r] += grad[c * n + r];
  });

  if (constant) {
    ConstMap x(input, inputs_, b);
    ConstMap g(currentGrad_.data(), n, b);
    blockedProduct(options.threads, Map(weightGrad_.data(), n, inputs_), g, x.transpose(), false);
    return;
  }
  // I[t] = W s_in[t - 1]: step t's gradient pairs with the input of step t - 1.
  ConstMap x(input, inputs_, t * b);
  ConstMap g(membrane_.data(), n, t * b);
  blockedProduct(options.threads, Map(weightGrad_.data(), n, inputs_), g.rightCols((t - 1) * b),
                 x.leftCols((t - 1) * b).transpose(), false);
  if (!inputGrad) return;
  if (!narrow()) {
    Map gin(inputGrad, inputs_, t * b);
    blockedProduct(options.threads, gin.leftCols((t - 1) * b), weights_.transpose(),
                   g.rightCols((t - 1) * b), false);
    gin.rightCols(b).setZero();
    return;
  }
  const int64_t steps1 = (t - 1) * b, m = inputs_;
  const float* fromStep1 = membrane_.data() + n * b;  // dL/dI from step 1 on
  Eigen::Map<Eigen::MatrixXf>(transposed_.data(), m, n) = weights_.transpose();
  const float* wt = transposed_.data();
  parallelBlocks(options.threads, blockCount(steps1, kColumnBlock), m * steps1, [=](int64_t k) {
    for (int64_t c = k * kColumnBlock, e = std::min(steps1, c + kColumnBlock); c < e; ++c)
      narrowTransposed(m, n, wt, fromStep1 + c * n, inputGrad + c * m);
  });
  std::fill(inputGrad + steps1 * m, inputGrad + t * b * m, 0.0f);
}

}  // namespace snn
