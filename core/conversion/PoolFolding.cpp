#include "PoolFolding.h"

#include <algorithm>
#include <stdexcept>

namespace snn {

namespace {

// One axis of conv(pool(x)) as one conv: its kernel, stride and padding, or false.
struct FoldedAxis {
  int kernel = 1, stride = 1, pad = 0;
};

bool foldAxis(int size, int pooledSize, int outSize, int kp, int sp, int padBefore, int kc, int sc,
              int convBefore, FoldedAxis& f) {
  f.kernel = (kc - 1) * sp + kp;
  f.stride = sc * sp;
  f.pad = convBefore * sp + padBefore;
  // The conv's padding before the map reads pooled index -1, ...: their windows must lie in
  // the padding of the unpooled input too.
  if (convBefore > 0 && kp > sp + padBefore) return false;
  // Pooled indices past the map (conv padding after it) must not reach real pixels that the
  // pooling dropped (floor mode).
  const int maxPooledRead = (outSize - 1) * sc - convBefore + kc - 1;
  if (maxPooledRead >= pooledSize && pooledSize * sp - padBefore < size) return false;
  const int lastRow = (outSize - 1) * f.stride - f.pad + f.kernel - 1;
  const int padEnd = std::max(0, lastRow - (size - 1));
  if (padEnd != f.pad) return false;  // the connector pads both sides alike
  return (size + 2 * f.pad - f.kernel) / f.stride + 1 == outSize;
}

}  // namespace

std::optional<AnnLayerSpec> foldPool(const AnnLayerSpec& pool, const AnnShape& poolIn,
                                     const AnnShape& pooled, const AnnLayerSpec& op,
                                     const AnnShape& opOut) {
  const bool pads = pool.padTop || pool.padLeft || pool.padBottom || pool.padRight;
  if (pool.type != AnnLayerType::AvgPool2d || (pads && !pool.countIncludePad)) return std::nullopt;
  const float share = 1.0f / static_cast<float>(pool.kernelH * pool.kernelW);
  AnnLayerSpec f = op;
  if (op.type == AnnLayerType::Dense) {
    const int64_t units = op.units, in = poolIn.size(), inPooled = pooled.size();
    f.weight.shape = {units, in};
    f.weight.values.assign(static_cast<size_t>(units * in), 0.0f);
    const int64_t plane = int64_t(poolIn.height) * poolIn.width;
    const int64_t pooledPlane = int64_t(pooled.height) * pooled.width;
    for (int c = 0; c < pooled.channels; ++c)
      for (int py = 0; py < pooled.height; ++py)
        for (int px = 0; px < pooled.width; ++px)
          for (int a = 0; a < pool.kernelH; ++a)
            for (int b = 0; b < pool.kernelW; ++b) {
              const int y = py * pool.strideH - pool.padTop + a;
              const int x = px * pool.strideW - pool.padLeft + b;
              if (y < 0 || y >= poolIn.height || x < 0 || x >= poolIn.width) continue;
              const int64_t from = c * pooledPlane + int64_t(py) * pooled.width + px;
              const int64_t to = c * plane + int64_t(y) * poolIn.width + x;
              for (int64_t o = 0; o < units; ++o)
                f.weight.values[static_cast<size_t>(o * in + to)] +=
                    share * op.weight.values[static_cast<size_t>(o * inPooled + from)];
            }
    return f;
  }
  if (op.type != AnnLayerType::Conv2d) return std::nullopt;
  FoldedAxis h, w;
  if (!foldAxis(poolIn.height, pooled.height, opOut.height, pool.kernelH, pool.strideH, pool.padTop,
                op.kernelH, op.strideH, op.padTop, h) ||
      !foldAxis(poolIn.width, pooled.width, opOut.width, pool.kernelW, pool.strideW, pool.padLeft,
                op.kernelW, op.strideW, op.padLeft, w))
    return std::nullopt;
  f.kernelH = h.kernel, f.kernelW = w.kernel;
  f.strideH = h.stride, f.strideW = w.stride;
  f.padTop = f.padBottom = h.pad;
  f.padLeft = f.padRight = w.pad;
  const int64_t oc = op.outChannels, ic = pooled.channels;
  f.weight.shape = {oc, ic, h.kernel, w.kernel};
  f.weight.values.assign(static_cast<size_t>(oc * ic * h.kernel * w.kernel), 0.0f);
  for (int64_t o = 0; o < oc; ++o)
    for (int64_t c = 0; c < ic; ++c)
      for (int a = 0; a < op.kernelH; ++a)
        for (int b = 0; b < op.kernelW; ++b) {
          const float weight =
              share *
              op.weight
                  .values[static_cast<size_t>(((o * ic + c) * op.kernelH + a) * op.kernelW + b)];
          for (int p = 0; p < pool.kernelH; ++p)
            for (int q = 0; q < pool.kernelW; ++q) {
              const int64_t ky = a * pool.strideH + p, kx = b * pool.strideW + q;
              f.weight
                  .values[static_cast<size_t>(((o * ic + c) * h.kernel + ky) * w.kernel + kx)] +=
                  weight;
            }
        }
  return f;
}

AnnShape pooledShape(const SnnStage& stage) {
  const AnnLayerSpec& p = *stage.pool;
  return {stage.poolIn.channels,
          (stage.poolIn.height + p.padTop + p.padBottom - p.kernelH) / p.strideH + 1,
          (stage.poolIn.width + p.padLeft + p.padRight - p.kernelW) / p.strideW + 1};
}

SnnStage foldedStage(const SnnStage& stage) {
  if (!stage.pool) return stage;
  std::optional<AnnLayerSpec> op =
      foldPool(*stage.pool, stage.poolIn, pooledShape(stage), stage.op, stage.out);
  if (!op) throw std::logic_error("stage '" + stage.id + "': its pool does not fold");
  SnnStage s = stage;
  s.op = std::move(*op);
  s.in = stage.op.type == AnnLayerType::Dense ? AnnShape{int(stage.poolIn.size()), 1, 1}
                                              : stage.poolIn;
  s.pool.reset();
  return s;
}

}  // namespace snn
