#include "NirShapedLink.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "NirNodeTypes.h"
#include "synapses/ConvConnector.h"

namespace snn::nir {

// Named rather than anonymous: unity builds put several sources in one translation unit, and
// NirNodeTypes.cpp has helpers of the same names.
namespace shaped_link {

// A folded kernel or matrix larger than this is refused before it is allocated: small numbers in
// a file (a pool's stride, an Input's shape) must not make the importer claim gigabytes.
constexpr int64_t kMaxFoldedWeights = 50'000'000;

[[noreturn]] void refuseField(const std::string& name, const NirNode& node,
                              const std::string& field, const std::string& message) {
  throw NirError(name, node.type, field, message);
}

std::string dimsText(const std::vector<int64_t>& dims) {
  std::string s = "(";
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + (dims.size() == 1 ? ",)" : ")");
}

// The number of values a shape holds, or -1 (matching no real count) for a negative dimension
// or a product beyond int64 (a file's claim, e.g. a Flatten's input_type).
int64_t dimsProduct(const std::vector<int64_t>& dims) {
  int64_t n = 1;
  for (int64_t d : dims)
    if (d < 0 || __builtin_mul_overflow(n, d, &n)) return -1;
  return n;
}

bool isPoolType(const std::string& t) {
  return t == "SumPool2d" || t == "AvgPool2d";
}
bool isConvType(const std::string& t) {
  return t == "Conv1d" || t == "Conv2d";
}

// An integer field holding one value per spatial axis (`axes` of them), or one value for all.
std::vector<int64_t> perAxis(const std::string& name, const NirNode& node, const char* field,
                             size_t axes, int64_t least) {
  const NirArray* a = node.find(field);
  if (!a) refuseField(name, node, field, "missing");
  if (a->count() != 1 && a->count() != static_cast<int64_t>(axes))
    refuseField(
        name, node, field,
        "must hold 1 or " + std::to_string(axes) + " values, has " + std::to_string(a->count()));
  std::vector<int64_t> v(axes);
  for (size_t i = 0; i < axes; ++i) {
    const double x = a->at(a->count() == 1 ? 0 : static_cast<int64_t>(i));
    if (x < static_cast<double>(least) || x > 65536)
      refuseField(name, node, field, "must be between " + std::to_string(least) + " and 65536");
    v[i] = static_cast<int64_t>(x);
  }
  return v;
}

// A Scale or Delay node's one value (the same for every element), or refused.
double uniformValue(const std::string& name, const NirNode& node, const char* field) {
  const NirArray& a = *node.find(field);
  if (a.count() == 0) refuseField(name, node, field, "holds no value");
  for (int64_t i = 1; i < a.count(); ++i)
    if (a.at(i) != a.at(0))
      refuseField(name, node, field,
                  "differs between elements: on a path through a convolution or pooling layer the "
                  "workbench has one weight and one delay per projection");
  if (!std::isfinite(a.at(0))) refuseField(name, node, field, "must be finite");
  return a.at(0);
}

struct PoolGeometry {
  std::string name;
  bool sum = true;
  int64_t kh = 1, kw = 1, sh = 1, sw = 1, ph = 0, pw = 0;
  std::vector<int64_t> inDims, outDims;
};

PoolGeometry readPool(const std::string& name, const NirNode& node,
                      const std::vector<int64_t>& dims) {
  if (dims.size() != 3)
    refuseField(name, node, "kernel_size",
                "pools (channels, height, width) values, but " + dimsText(dims) + " arrive");
  PoolGeometry p{name, node.type == "SumPool2d"};
  const auto k = perAxis(name, node, "kernel_size", 2, 1);
  const auto s = perAxis(name, node, "stride", 2, 1);
  const auto pad = perAxis(name, node, "padding", 2, 0);
  p.kh = k[0], p.kw = k[1], p.sh = s[0], p.sw = s[1], p.ph = pad[0], p.pw = pad[1];
  const int64_t oh = convOutputSize(dims[1], p.kh, p.sh, p.ph);
  const int64_t ow = convOutputSize(dims[2], p.kw, p.sw, p.pw);
  if (oh == 0 || ow == 0)
    refuseField(name, node, "kernel_size", "is larger than the padded input " + dimsText(dims));
  p.inDims = dims;
  p.outDims = {dims[0], oh, ow};
  return p;
}

struct ConvGeometry {
  std::string name;
  ConnectorSpec connector;
  std::vector<int64_t> inDims, outDims;  // as NIR shapes them: (C, H, W) or (C, N)
  std::vector<float> bias;               // per output channel
};

// The padding of one axis: integers, or 'valid' (0), or 'same' (PyTorch's: stride 1 and the
// total k - 1 split evenly; an even kernel pads unevenly, which the connector cannot).
std::vector<int64_t> convPadding(const std::string& name, const NirNode& node, size_t axes,
                                 const std::vector<int64_t>& kernel,
                                 const std::vector<int64_t>& stride) {
  auto text = node.text.find("padding");
  if (text == node.text.end()) return perAxis(name, node, "padding", axes, 0);
  std::vector<int64_t> pad(axes, 0);
  if (text->second == "valid") return pad;
  for (size_t i = 0; i < axes; ++i) {
    if (stride[i] != 1)
      refuseField(name, node, "padding", "'same' needs stride 1 (PyTorch refuses it otherwise)");
    if (kernel[i] % 2 == 0)
      refuseField(name, node, "padding",
                  "'same' with an even kernel (" + std::to_string(kernel[i]) +
                      ") pads one side more than the other; the conv2d connector pads evenly");
    pad[i] = (kernel[i] - 1) / 2;
  }
  return pad;
}

ConvGeometry readConv(const std::string& name, const NirNode& node, std::vector<int64_t> dims) {
  const bool twoD = node.type == "Conv2d";
  const size_t axes = twoD ? 2 : 1;
  const NirArray& w = *node.find("weight");
  const int64_t co = w.shape[0], ci = w.shape[1];
  const std::vector<int64_t> kernel(w.shape.begin() + 2, w.shape.end());
  if (const NirArray* s = node.find("input_shape")) {
    if (s->count() != static_cast<int64_t>(axes))
      refuseField(name, node, "input_shape", "must hold " + std::to_string(axes) + " values");
    std::vector<int64_t> expected{ci};
    for (int64_t i = 0; i < s->count(); ++i) expected.push_back(static_cast<int64_t>(s->at(i)));
    if (dims != expected) {
      if (dimsProduct(dims) != dimsProduct(expected))
        refuseField(name, node, "input_shape",
                    "says " + dimsText(expected) + " but " + dimsText(dims) + " values arrive");
      dims = expected;  // a flat layout given its spatial shape: the order is the same
    }
  }
  if (dims.size() != axes + 1)
    refuseField(name, node, "input_shape",
                "the values arriving, " + dimsText(dims) + ", have no (channels, " +
                    (twoD ? "height, width" : "length") + ") layout; give input_shape");
  if (dims[0] != ci)
    refuseField(name, node, "weight",
                "takes " + std::to_string(ci) + " input channels but " + std::to_string(dims[0]) +
                    " arrive " + dimsText(dims));
  if (const NirArray* g = node.find("groups"); g->count() != 1 || g->at(0) != 1)
    refuseField(name, node, "groups",
                "must be 1: grouped convolutions have no workbench connector (each output channel "
                "would read a subset of the input channels)");
  for (int64_t d : perAxis(name, node, "dilation", axes, 1))
    if (d != 1)
      refuseField(name, node, "dilation",
                  "must be 1: a dilated kernel has no workbench connector (the conv2d kernel is "
                  "contiguous)");
  const auto stride = perAxis(name, node, "stride", axes, 1);
  const auto pad = convPadding(name, node, axes, kernel, stride);
  ConvGeometry c{name};
  ConnectorSpec& k = c.connector;
  k.type = ConnectorSpec::Type::Conv2d;
  k.kernelShape = {co, ci, twoD ? kernel[0] : 1, kernel.back()};
  k.strideH = twoD ? stride[0] : 1;
  k.strideW = stride.back();
  k.padH = twoD ? pad[0] : 0;
  k.padW = pad.back();
  k.kernel.reserve(static_cast<size_t>(w.count()));
  for (int64_t i = 0; i < w.count(); ++i) {
    const double v = w.at(i);
    // The connector stores its kernel as float32 (what every tool writes): a float64 value
    // that float32 cannot hold would be rounded.
    if (!std::isfinite(v) || static_cast<double>(static_cast<float>(v)) != v)
      refuseField(name, node, "weight",
                  "value " + std::to_string(v) +
                      " is not finite or not exactly a float32 (the conv2d kernel is float32)");
    k.kernel.push_back(static_cast<float>(v));
  }
  const NirArray& b = *node.find("bias");
  for (int64_t o = 0; o < co; ++o) {
    const double v = b.at(b.count() == 1 ? 0 : o);
    if (!std::isfinite(v)) refuseField(name, node, "bias", "must be finite");
    c.bias.push_back(static_cast<float>(v));
  }
  const TensorShape in = twoD ? TensorShape{ci, dims[1], dims[2]} : TensorShape{ci, 1, dims[1]};
  const ShapedConnectorCheck check = checkShapedConnector(k, in);
  if (!check.field.empty()) refuseField(name, node, "weight", check.problem);
  c.inDims = dims;
  c.outDims = twoD ? std::vector<int64_t>{co, check.out.height, check.out.width}
                   : std::vector<int64_t>{co, check.out.width};
  return c;
}

// pool then conv as one convolution of the pool's input: tap (ky, kx) of the conv covers the
// pool's window at (ky s_p, kx s_p), so the kernel grows to (k - 1) s_p + k_p with each tap
// copied over its window (no sum: windows that do not overlap, k_p <= s_p), the strides
// multiply and the padding becomes p_c s_p + p_p. Exact when every pooled position the conv
// pads with zeros covers only input outside the image: k_p <= s_p + p_p at the start and
// H_p s_p - p_p >= H at the end (no input row left out of every window).
void composePoolIntoConv(const PoolGeometry& p, ConvGeometry& c, const NirNode& poolNode) {
  ConnectorSpec& k = c.connector;
  const int64_t co = k.kernelShape[0], ci = k.kernelShape[1];
  const int64_t kh = k.kernelShape[2], kw = k.kernelShape[3];
  if (p.kh > p.sh || p.kw > p.sw)
    refuseField(p.name, poolNode, "kernel_size",
                "overlapping windows (kernel larger than stride) followed by '" + c.name +
                    "' with no neuron between: their composition sums kernel taps, which the "
                    "workbench cannot store without rounding");
  if (p.outDims[1] * p.sh - p.ph < p.inDims[1] || p.outDims[2] * p.sw - p.pw < p.inDims[2])
    refuseField(p.name, poolNode, "stride",
                "leaves input rows or columns out of every window, followed by '" + c.name +
                    "' whose padding would then read them: no single conv2d connector does both");
  const int64_t uh = (kh - 1) * p.sh + p.kh, uw = (kw - 1) * p.sw + p.kw;
  if (static_cast<double>(uh) * static_cast<double>(uw) * static_cast<double>(co * ci) >
      static_cast<double>(kMaxFoldedWeights))
    refuseField(p.name, poolNode, "stride",
                "followed by '" + c.name + "': the folded kernel would hold more than " +
                    std::to_string(kMaxFoldedWeights) + " weights");
  std::vector<float> kernel(static_cast<size_t>(co * ci * uh * uw), 0.0f);
  for (int64_t o = 0; o < co; ++o)
    for (int64_t i = 0; i < ci; ++i)
      for (int64_t y = 0; y < kh; ++y)
        for (int64_t x = 0; x < kw; ++x) {
          const float v = k.kernel[static_cast<size_t>(((o * ci + i) * kh + y) * kw + x)];
          for (int64_t dy = 0; dy < p.kh; ++dy)
            for (int64_t dx = 0; dx < p.kw; ++dx)
              kernel[static_cast<size_t>(((o * ci + i) * uh + y * p.sh + dy) * uw + x * p.sw +
                                         dx)] = v;
        }
  ConnectorSpec composed = k;
  composed.kernelShape = {co, ci, uh, uw};
  composed.kernel = std::move(kernel);
  composed.strideH = k.strideH * p.sh;
  composed.strideW = k.strideW * p.sw;
  composed.padH = k.padH * p.sh + p.ph;
  composed.padW = k.padW * p.sw + p.pw;
  const TensorShape in{p.inDims[0], p.inDims[1], p.inDims[2]};
  const ShapedConnectorCheck check = checkShapedConnector(composed, in);
  if (!check.field.empty() || check.out.height != c.outDims[1] ||
      check.out.width != c.outDims.back())
    refuseField(p.name, poolNode, "stride",
                "followed by '" + c.name + "': the composed convolution does not give the same " +
                    "output size");
  k = std::move(composed);
  c.inDims = p.inDims;
}

// pool then a weight matrix as one matrix on the pool's input: input (c, y, x) falls in at
// most one window (k_p <= s_p) and takes that window's column of weights.
std::vector<double> composePoolIntoDense(const PoolGeometry& p, const NirNode& poolNode,
                                         const NirArray& w, int64_t rows) {
  if (p.kh > p.sh || p.kw > p.sw)
    refuseField(p.name, poolNode, "kernel_size",
                "overlapping windows followed by a weight layer with no neuron between: their "
                "product sums weights, which the workbench cannot store without rounding");
  const int64_t C = p.inDims[0], H = p.inDims[1], W = p.inDims[2];
  const int64_t oh = p.outDims[1], ow = p.outDims[2], cols = C * H * W;
  if (rows > 0 && cols > kMaxFoldedWeights / rows)
    refuseField(p.name, poolNode, "kernel_size",
                "followed by a weight layer: the folded matrix (" + std::to_string(rows) + " x " +
                    std::to_string(cols) + ") would hold more than " +
                    std::to_string(kMaxFoldedWeights) + " weights");
  std::vector<double> dense(static_cast<size_t>(rows * cols), 0.0);
  for (int64_t c = 0; c < C; ++c)
    for (int64_t y = 0; y < H; ++y)
      for (int64_t x = 0; x < W; ++x) {
        const int64_t a = (y + p.ph) / p.sh, b = (x + p.pw) / p.sw;
        if (a >= oh || b >= ow || y + p.ph - a * p.sh >= p.kh || x + p.pw - b * p.sw >= p.kw)
          continue;  // in no window
        const int64_t pooled = (c * oh + a) * ow + b, input = (c * H + y) * W + x;
        for (int64_t j = 0; j < rows; ++j)
          dense[static_cast<size_t>(j * cols + input)] = w.at(j * (C * oh * ow) + pooled);
      }
  return dense;
}

}  // namespace shaped_link

std::optional<TensorShape> tensorShapeOf(const std::vector<int64_t>& dims) {
  if (dims.size() == 3) return TensorShape{dims[0], dims[1], dims[2]};
  if (dims.size() == 2) return TensorShape{dims[0], 1, dims[1]};
  return std::nullopt;
}

bool needsShapedLink(const std::vector<std::pair<std::string, const NirNode*>>& via) {
  using namespace shaped_link;
  for (const auto& [name, node] : via)
    if (isConvType(node->type) || isPoolType(node->type)) return true;
  return false;
}

std::vector<int64_t> flattenDims(const std::string& name, const NirNode& node,
                                 const std::vector<int64_t>& arriving) {
  using namespace shaped_link;
  std::vector<int64_t> dims = arriving;
  if (const NirArray* t = node.find("input_type"); t && t->count() > 0) {
    std::vector<int64_t> given;
    for (int64_t i = 0; i < t->count(); ++i) given.push_back(static_cast<int64_t>(t->at(i)));
    if (dimsProduct(given) != dimsProduct(dims))
      refuseField(name, node, "input_type",
                  "says " + dimsText(given) + " but " + dimsText(dims) + " values arrive");
    dims = given;  // same order, the layout the file names
  }
  const auto rank = static_cast<int64_t>(dims.size());
  auto axis = [&](const char* field) {
    const NirArray* a = node.find(field);
    if (a->count() != 1) refuseField(name, node, field, "must be one integer");
    int64_t d = static_cast<int64_t>(a->at(0));
    if (d < 0) d += rank;
    if (d < 0 || d >= rank)
      refuseField(name, node, field,
                  "is " + std::to_string(static_cast<int64_t>(a->at(0))) + ", outside the " +
                      std::to_string(rank) + " dimensions of " + dimsText(dims));
    return d;
  };
  const int64_t start = axis("start_dim"), end = axis("end_dim");
  if (start > end) refuseField(name, node, "end_dim", "comes before start_dim");
  std::vector<int64_t> out(dims.begin(), dims.begin() + start);
  out.push_back(dimsProduct(std::vector<int64_t>(dims.begin() + start, dims.begin() + end + 1)));
  out.insert(out.end(), dims.begin() + end + 1, dims.end());
  return out;
}

ShapedLink reduceShapedPath(const std::vector<std::pair<std::string, const NirNode*>>& via,
                            const std::vector<int64_t>& sourceDims) {
  using namespace shaped_link;
  ShapedLink link;
  std::vector<int64_t> dims = sourceDims;
  std::optional<PoolGeometry> pool;
  const NirNode* poolNode = nullptr;
  std::optional<ConvGeometry> conv;
  const NirNode* convNode = nullptr;
  bool dense = false, afterBias = false;
  double biasScale = 1.0;
  auto refuseSecond = [&](const std::string& name, const NirNode& node) {
    const std::string first = conv ? conv->name : link.mainNode;
    refuseField(name, node, "",
                "follows weight layer '" + first +
                    "' with no neuron between: their product has no single workbench connector");
  };
  for (const auto& [name, node] : via) {
    const std::string& t = node->type;
    if (t == "Scale") {
      const double s = uniformValue(name, *node, "scale");
      link.weight *= s;
      if (afterBias) biasScale *= s;
    } else if (t == "Delay") {
      link.delaySeconds += uniformValue(name, *node, "delay");
      link.delayNode = name;
    } else if (t == "Flatten") {
      dims = flattenDims(name, *node, dims);
    } else if (isPoolType(t)) {
      if (pool || conv || dense) refuseSecond(name, *node);
      pool = readPool(name, *node, dims);
      poolNode = node;
      link.mainNode = name;
      dims = pool->outDims;
    } else if (isConvType(t)) {
      if (conv || dense) refuseSecond(name, *node);
      if (pool && t == "Conv1d")
        refuseField(name, *node, "",
                    "follows 2-d pool '" + pool->name + "' with no neuron between");
      conv = readConv(name, *node, dims);
      convNode = node;
      dims = conv->outDims;
      if (pool) composePoolIntoConv(*pool, *conv, *poolNode);
      link.mainNode = name;
      afterBias = true;
    } else if (t == "Affine" || t == "Linear") {
      if (conv || dense || !pool) refuseSecond(name, *node);
      const NirArray& w = *node->find("weight");
      if (w.shape.size() != 2 || w.shape[1] != dimsProduct(dims))
        refuseField(name, *node, "weight",
                    "must be a (out x " + std::to_string(dimsProduct(dims)) + ") matrix for the " +
                        dimsText(dims) + " values reaching it");
      link.rows = w.shape[0];
      link.cols = dimsProduct(pool->inDims);
      link.dense = composePoolIntoDense(*pool, *poolNode, w, link.rows);
      link.bias.assign(static_cast<size_t>(link.rows), 0.0);
      if (const NirArray* b = node->find("bias"); b && t == "Affine")
        for (int64_t j = 0; j < link.rows; ++j)
          link.bias[size_t(j)] = b->at(b->count() == 1 ? 0 : j);
      dims = {link.rows};
      link.mainNode = name;
      dense = afterBias = true;
    }
  }
  // An average pool is a sum pool then Scale(1 / (k_h k_w)) (NIR's definition).
  const double window = pool ? static_cast<double>(pool->kh * pool->kw) : 1.0;
  if (pool && !pool->sum && (conv || dense)) link.weight /= window;
  if (conv) {
    link.kind = ShapedLink::Kind::Conv;
    link.connector = conv->connector;
    const TensorShape in = *tensorShapeOf(conv->inDims);
    link.in = in;
    link.out = *tensorShapeOf(conv->outDims);
    const int64_t plane = link.out.height * link.out.width;
    const bool biased =
        std::any_of(conv->bias.begin(), conv->bias.end(), [](float b) { return b != 0; });
    if (biased && link.out.size() > kMaxFoldedWeights)
      refuseField(
          link.mainNode, *convNode, "bias",
          "would need one i_offset for each of " + std::to_string(link.out.size()) + " neurons");
    if (biased)
      for (int64_t o = 0; o < link.out.channels; ++o)
        link.bias.insert(link.bias.end(), static_cast<size_t>(plane),
                         static_cast<double>(conv->bias[size_t(o)]));
  } else if (dense) {
    link.kind = ShapedLink::Kind::Dense;
  } else {
    link.kind = ShapedLink::Kind::Pool;
    link.connector.type = ConnectorSpec::Type::AvgPool2d;
    link.connector.windowH = pool->kh;
    link.connector.windowW = pool->kw;
    link.connector.strideH = pool->sh;
    link.connector.strideW = pool->sw;
    link.connector.padH = pool->ph;
    link.connector.padW = pool->pw;
    // avg_pool2d gives weight / (k_h k_w) per tap: a sum pool is the window area times it.
    if (pool->sum) link.weight *= window;
    link.in = *tensorShapeOf(pool->inDims);
    link.out = *tensorShapeOf(pool->outDims);
  }
  for (double& b : link.bias) b *= biasScale;
  link.outDims = dims;
  return link;
}

}  // namespace snn::nir
