#include "ConvConnector.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace snn {

int64_t convOutputSize(int64_t size, int64_t kernel, int64_t stride, int64_t pad) {
  if (stride < 1 || kernel < 1 || pad < 0 || size + 2 * pad < kernel) return 0;
  return (size + 2 * pad - kernel) / stride + 1;
}

ShapedConnectorCheck checkShapedConnector(const ConnectorSpec& c, const TensorShape& in) {
  ShapedConnectorCheck r;
  auto fail = [&r](const char* field, std::string problem) {
    r.field = field;
    r.problem = std::move(problem);
    return r;
  };
  if (c.strideH < 1) return fail("connector.stride_h", "must be at least 1");
  if (c.strideW < 1) return fail("connector.stride_w", "must be at least 1");
  if (c.padH < 0) return fail("connector.pad_h", "must be at least 0");
  if (c.padW < 0) return fail("connector.pad_w", "must be at least 0");
  int64_t kh = c.windowH, kw = c.windowW, channels = in.channels;
  if (c.type == ConnectorSpec::Type::Conv2d) {
    if (c.kernelShape.size() != 4)
      return fail("connector.kernel",
                  "needs the shape [out_channels, in_channels, kernel_h, "
                  "kernel_w]");
    for (int64_t d : c.kernelShape)
      if (d < 1 || d > 1'000'000) return fail("connector.kernel", "has a dimension out of range");
    const int64_t n = c.kernelShape[0] * c.kernelShape[1] * c.kernelShape[2] * c.kernelShape[3];
    if (n != static_cast<int64_t>(c.kernel.size()))
      return fail("connector.kernel", "has " + std::to_string(c.kernel.size()) +
                                          " values; its shape needs " + std::to_string(n));
    if (c.kernelShape[1] != in.channels)
      return fail("connector.kernel", "takes " + std::to_string(c.kernelShape[1]) +
                                          " input channels but the pre population's shape is " +
                                          in.describe());
    channels = c.kernelShape[0];
    kh = c.kernelShape[2];
    kw = c.kernelShape[3];
  } else {
    if (kh < 1) return fail("connector.window_h", "must be at least 1");
    if (kw < 1) return fail("connector.window_w", "must be at least 1");
  }
  const int64_t oh = convOutputSize(in.height, kh, c.strideH, c.padH);
  const int64_t ow = convOutputSize(in.width, kw, c.strideW, c.padW);
  if (oh == 0)
    return fail(c.type == ConnectorSpec::Type::Conv2d ? "connector.kernel" : "connector.window_h",
                "is taller than the padded input (" + in.describe() + ")");
  if (ow == 0)
    return fail(c.type == ConnectorSpec::Type::Conv2d ? "connector.kernel" : "connector.window_w",
                "is wider than the padded input (" + in.describe() + ")");
  r.out = TensorShape{channels, oh, ow};
  return r;
}

ConvConnector::ConvConnector(const ConnectorSpec& c, const TensorShape& in, const TensorShape& out,
                             double weight)
    : pool_(c.type == ConnectorSpec::Type::AvgPool2d),
      in_(in),
      out_(out),
      sh_(c.strideH),
      sw_(c.strideW),
      ph_(c.padH),
      pw_(c.padW) {
  const ShapedConnectorCheck check = checkShapedConnector(c, in);
  if (!check.field.empty()) throw std::invalid_argument(check.field + " " + check.problem);
  if (check.out != out)
    throw std::invalid_argument("connector makes " + check.out.describe() + ", post is " +
                                out.describe());
  if (pool_) {
    kh_ = c.windowH;
    kw_ = c.windowW;
    poolWeight_ = static_cast<Real>(weight / static_cast<double>(kh_ * kw_));
    return;
  }
  const int64_t oc = c.kernelShape[0], ic = c.kernelShape[1];
  kh_ = c.kernelShape[2];
  kw_ = c.kernelShape[3];
  kernel_.resize(c.kernel.size());
  for (int64_t o = 0; o < oc; ++o)
    for (int64_t i = 0; i < ic; ++i)
      for (int64_t y = 0; y < kh_; ++y)
        for (int64_t x = 0; x < kw_; ++x)
          kernel_[static_cast<size_t>(((i * kh_ + y) * kw_ + x) * oc + o)] = static_cast<Real>(
              weight * c.kernel[static_cast<size_t>(((o * ic + i) * kh_ + y) * kw_ + x)]);
}

void ConvConnector::coveringRange(int64_t y, int64_t kernel, int64_t stride, int64_t pad,
                                  int64_t outSize, int64_t& first, int64_t& last) {
  // Output i covers inputs [i s - p, i s - p + k - 1].
  const int64_t hi = y + pad;               // i s <= y + p
  const int64_t lo = y + pad - kernel + 1;  // i s >= y + p - k + 1
  first = lo <= 0 ? 0 : (lo + stride - 1) / stride;
  last = std::min(outSize - 1, hi / stride);
}

void ConvConnector::scatter(int64_t pre, Real scale, Real* into, int64_t begin, int64_t end) const {
  const int64_t plane = in_.height * in_.width;
  const int64_t c = pre / plane, y = (pre % plane) / in_.width, x = pre % in_.width;
  int64_t i0, i1, j0, j1;
  coveringRange(y, kh_, sh_, ph_, out_.height, i0, i1);
  coveringRange(x, kw_, sw_, pw_, out_.width, j0, j1);
  const int64_t outPlane = out_.height * out_.width;
  if (pool_) {
    const int64_t base = c * outPlane;
    if (base + outPlane <= begin || base >= end) return;
    const Real w = poolWeight_ * scale;
    for (int64_t i = i0; i <= i1; ++i)
      for (int64_t j = j0; j <= j1; ++j) {
        const int64_t t = base + i * out_.width + j;
        if (t >= begin && t < end) into[t] += w;
      }
    return;
  }
  const int64_t oc = out_.channels;
  const int64_t o0 = std::max<int64_t>(0, begin / outPlane);
  const int64_t o1 = std::min<int64_t>(oc, (end + outPlane - 1) / outPlane);
  const bool whole = begin <= o0 * outPlane && o1 * outPlane <= end;
  for (int64_t i = i0; i <= i1; ++i) {
    const int64_t ky = y + ph_ - i * sh_;
    for (int64_t j = j0; j <= j1; ++j) {
      const int64_t kx = x + pw_ - j * sw_;
      const Real* k = kernel_.data() + ((c * kh_ + ky) * kw_ + kx) * oc;
      Real* t = into + i * out_.width + j;
      if (whole) {
        for (int64_t o = o0; o < o1; ++o) t[o * outPlane] += scale * k[o];
      } else {
        for (int64_t o = o0; o < o1; ++o) {
          const int64_t index = o * outPlane + i * out_.width + j;
          if (index >= begin && index < end) t[o * outPlane] += scale * k[o];
        }
      }
    }
  }
}

int64_t ConvConnector::fanOut(int64_t pre) const {
  const int64_t plane = in_.height * in_.width;
  const int64_t y = (pre % plane) / in_.width, x = pre % in_.width;
  int64_t i0, i1, j0, j1;
  coveringRange(y, kh_, sh_, ph_, out_.height, i0, i1);
  coveringRange(x, kw_, sw_, pw_, out_.width, j0, j1);
  const int64_t positions = std::max<int64_t>(0, i1 - i0 + 1) * std::max<int64_t>(0, j1 - j0 + 1);
  return pool_ ? positions : positions * out_.channels;
}

int64_t ConvConnector::synapseCount() const {
  // Every output position's window, minus the taps that fall on padding.
  int64_t rows = 0, cols = 0;
  for (int64_t i = 0; i < out_.height; ++i)
    for (int64_t k = 0; k < kh_; ++k) {
      const int64_t y = i * sh_ - ph_ + k;
      rows += (y >= 0 && y < in_.height);
    }
  for (int64_t j = 0; j < out_.width; ++j)
    for (int64_t k = 0; k < kw_; ++k) {
      const int64_t x = j * sw_ - pw_ + k;
      cols += (x >= 0 && x < in_.width);
    }
  return rows * cols * out_.channels * (pool_ ? 1 : in_.channels);
}

}  // namespace snn
