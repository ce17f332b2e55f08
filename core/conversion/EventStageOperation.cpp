#include "EventStageOperation.h"

#include <algorithm>

namespace snn {

namespace {

// The outputs i whose window (i s - p .. i s - p + k - 1) covers input y.
void coveringRange(int y, int kernel, int stride, int pad, int outSize, int& first, int& last) {
  const int hi = y + pad;
  const int lo = y + pad - kernel + 1;
  first = lo <= 0 ? 0 : (lo + stride - 1) / stride;
  last = std::min(outSize - 1, hi / stride);
}

}  // namespace

EventStageOperation::EventStageOperation(const SnnStage& stage, const AnnShape& pre)
    : out_(stage.out), pre_(pre) {
  const AnnLayerSpec& op = stage.op;
  if (stage.pool) {
    const AnnLayerSpec& p = *stage.pool;
    pool_ = Window{p.kernelH, p.kernelW, p.strideH, p.strideW, p.padTop, p.padLeft};
    pooled_ = {pre.channels, (pre.height + p.padTop + p.padBottom - p.kernelH) / p.strideH + 1,
               (pre.width + p.padLeft + p.padRight - p.kernelW) / p.strideW + 1};
    in_ = pooled_;
  } else {
    in_ = pre;
  }
  bias_.assign(static_cast<size_t>(out_.size()), 0.0f);
  if (!op.bias.values.empty())
    for (int64_t i = 0; i < out_.size(); ++i)
      bias_[static_cast<size_t>(i)] = op.bias.values[static_cast<size_t>(i % out_.channels)];
  if (op.type == AnnLayerType::Dense) {
    kind_ = Kind::Dense;
    // PyTorch's flatten is C, H, W; the spikes arrive H, W, C.
    const int64_t units = op.units, n = in_.size(), inPlane = int64_t(in_.height) * in_.width;
    weights_.resize(static_cast<size_t>(n * units));
    for (int64_t yx = 0; yx < inPlane; ++yx)
      for (int64_t c = 0; c < in_.channels; ++c)
        for (int64_t o = 0; o < units; ++o)
          weights_[static_cast<size_t>((yx * in_.channels + c) * units + o)] =
              op.weight.values[static_cast<size_t>(o * n + c * inPlane + yx)];
    return;
  }
  window_ = {op.kernelH, op.kernelW, op.strideH, op.strideW, op.padTop, op.padLeft};
  for (int64_t i = 0; i < in_.size(); ++i) {
    channelOf_.push_back(static_cast<int32_t>(i % in_.channels));
    rowOf_.push_back(static_cast<int32_t>(i / in_.channels / in_.width));
    colOf_.push_back(static_cast<int32_t>(i / in_.channels % in_.width));
  }
  for (int y = 0; y < in_.height; ++y) {
    int first, last;
    coveringRange(y, window_.kh, window_.sh, window_.padTop, out_.height, first, last);
    rowFirst_.push_back(first);
    rowLast_.push_back(last);
  }
  for (int x = 0; x < in_.width; ++x) {
    int first, last;
    coveringRange(x, window_.kw, window_.sw, window_.padLeft, out_.width, first, last);
    colFirst_.push_back(first);
    colLast_.push_back(last);
  }
  if (op.type != AnnLayerType::Conv2d) {
    kind_ = Kind::Pool;
    return;
  }
  kind_ = Kind::Conv;
  const int64_t oc = op.outChannels, ic = in_.channels, kh = op.kernelH, kw = op.kernelW;
  weights_.resize(static_cast<size_t>(oc * ic * kh * kw));
  for (int64_t o = 0; o < oc; ++o)
    for (int64_t c = 0; c < ic; ++c)
      for (int64_t y = 0; y < kh; ++y)
        for (int64_t x = 0; x < kw; ++x)
          weights_[static_cast<size_t>(((c * kh + y) * kw + (kw - 1 - x)) * oc + o)] =
              op.weight.values[static_cast<size_t>(((o * ic + c) * kh + y) * kw + x)];
}

void EventStageOperation::poolScatter(const Window& w, const AnnShape& in, const AnnShape& out,
                                      int64_t index, float value, float* into) {
  const int64_t c = index % in.channels, yx = index / in.channels;
  const int y = static_cast<int>(yx / in.width), x = static_cast<int>(yx % in.width);
  int i0, i1, j0, j1;
  coveringRange(y, w.kh, w.sh, w.padTop, out.height, i0, i1);
  coveringRange(x, w.kw, w.sw, w.padLeft, out.width, j0, j1);
  const float share = value / static_cast<float>(w.kh * w.kw);
  for (int i = i0; i <= i1; ++i)
    for (int j = j0; j <= j1; ++j) into[(int64_t(i) * out.width + j) * out.channels + c] += share;
}

void EventStageOperation::opScatter(int64_t index, float value, float* __restrict current) const {
  if (kind_ == Kind::Dense) {
    const int64_t units = out_.channels;
    const float* __restrict w = weights_.data() + index * units;
#pragma omp simd
    for (int64_t o = 0; o < units; ++o) current[o] += value * w[o];
    return;
  }
  if (kind_ == Kind::Pool) {
    poolScatter(window_, in_, out_, index, value, current);
    return;
  }
  const auto at = static_cast<size_t>(index);
  const int64_t c = channelOf_[at];
  const int y = rowOf_[at], x = colOf_[at];
  const int i0 = rowFirst_[size_t(y)], i1 = rowLast_[size_t(y)];
  const int j0 = colFirst_[size_t(x)], j1 = colLast_[size_t(x)];
  const int64_t oc = out_.channels;
  // The kernel is stored with its columns reversed: for stride 1, the outputs j0..j1 of one
  // row and their kernel vectors are then both contiguous, one loop of (j1 - j0 + 1) oc.
  for (int i = i0; i <= i1; ++i) {
    const int ky = y + window_.padTop - i * window_.sh;
    const float* __restrict row = weights_.data() + (c * window_.kh + ky) * window_.kw * oc;
    float* __restrict t = current + int64_t(i) * out_.width * oc;
    if (window_.sw == 1) {
      const int64_t flipped = window_.kw - 1 - (x + window_.padLeft - j0);
      const float* __restrict k = row + flipped * oc;
      float* __restrict u = t + int64_t(j0) * oc;
      const int64_t n = int64_t(j1 - j0 + 1) * oc;
#pragma omp simd
      for (int64_t m = 0; m < n; ++m) u[m] += value * k[m];
      continue;
    }
    for (int j = j0; j <= j1; ++j) {
      const int64_t flipped = window_.kw - 1 - (x + window_.padLeft - j * window_.sw);
      const float* __restrict k = row + flipped * oc;
      float* __restrict u = t + int64_t(j) * oc;
#pragma omp simd
      for (int64_t o = 0; o < oc; ++o) u[o] += value * k[o];
    }
  }
}

void EventStageOperation::poolDense(const float* __restrict spikes,
                                    float* __restrict pooled) const {
  const Window& w = *pool_;
  const int64_t channels = pre_.channels;
  const float share = 1.0f / static_cast<float>(w.kh * w.kw);
  for (int py = 0; py < pooled_.height; ++py)
    for (int px = 0; px < pooled_.width; ++px) {
      float* __restrict out = pooled + (int64_t(py) * pooled_.width + px) * channels;
      std::fill(out, out + channels, 0.0f);
      for (int a = 0; a < w.kh; ++a) {
        const int y = py * w.sh - w.padTop + a;
        if (y < 0 || y >= pre_.height) continue;
        for (int b = 0; b < w.kw; ++b) {
          const int x = px * w.sw - w.padLeft + b;
          if (x < 0 || x >= pre_.width) continue;
          const float* __restrict src = spikes + (int64_t(y) * pre_.width + x) * channels;
#pragma omp simd
          for (int64_t c = 0; c < channels; ++c) out[c] += src[c];
        }
      }
#pragma omp simd
      for (int64_t c = 0; c < channels; ++c) out[c] *= share;
    }
}

void EventStageOperation::accumulate(const float* spikes, float* scratch, int32_t* events,
                                     float* current) const {
  const float* in = spikes;
  int64_t n = pre_.size();
  if (pool_) {
    poolDense(spikes, scratch);
    in = scratch;
    n = pooled_.size();
  }
  // The non-zero entries as a list first (branch-free), then their weights: a test per entry
  // in the scatter loop would mispredict at a few tens of per cent activity.
  int64_t count = 0;
  for (int64_t i = 0; i < n; ++i) {
    events[count] = static_cast<int32_t>(i);
    count += in[i] != 0.0f;
  }
  for (int64_t k = 0; k < count; ++k) opScatter(events[k], in[events[k]], current);
}

}  // namespace snn
