// The shape arithmetic of an ONNX graph, evaluated at import on constant inputs: what
// torch.onnx.export writes around Reshape (x.view(x.size(0), -1)) and Pad (its pads computed
// by ConstantOfShape, Concat, Reshape, Slice, Transpose, Cast).
#include <algorithm>
#include <cmath>
#include <set>

#include "OnnxConstant.h"

namespace snn::onnx_import {

namespace {

const std::set<std::string> kFoldable{
    "Identity", "Cast", "Gather", "Unsqueeze", "Squeeze", "Concat",   "Slice",          "Transpose",
    "Reshape",  "Add",  "Sub",    "Mul",       "Div",     "Constant", "ConstantOfShape"};

int64_t normalisedAxis(int64_t axis, int64_t rank, const Fail& fail) {
  if (axis < -rank || axis >= rank)
    fail("axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
  return axis < 0 ? axis + rank : axis;
}

int64_t product(const std::vector<int64_t>& dims, size_t from, size_t to) {
  int64_t n = 1;
  for (size_t i = from; i < to; ++i) n *= dims[i];
  return n;
}

// The most values a folded tensor may hold beyond what its inputs hold together: shape
// arithmetic is small, and a file must not make the importer allocate more than it contains.
constexpr int64_t kFoldSlack = 1 << 16;

// An empty tensor of `dims` and the kind of `like`, its size checked first against `limit`.
OnnxConstant shaped(const OnnxConstant& like, std::vector<int64_t> dims, int64_t limit,
                    const Fail& fail) {
  OnnxConstant out;
  out.isFloat = like.isFloat;
  const int64_t n = checkedCount(dims, fail);
  if (n > limit)
    fail("would make a constant of " + std::to_string(n) + " values from " +
         std::to_string(limit - kFoldSlack) + "; the importer does not expand constants");
  out.dims = std::move(dims);
  if (out.isFloat)
    out.floats.resize(size_t(n));
  else
    out.ints.resize(size_t(n));
  return out;
}

void copyValue(const OnnxConstant& from, int64_t i, OnnxConstant& to, int64_t j) {
  if (to.isFloat)
    to.floats[size_t(j)] = from.floats[size_t(i)];
  else
    to.ints[size_t(j)] = from.ints[size_t(i)];
}

// The row-major flat index into `dims` of the coordinates of flat index i of `outDims`, each
// coordinate mapped by map(axis, coordinate).
template <class Map>
int64_t mappedIndex(int64_t i, const std::vector<int64_t>& outDims,
                    const std::vector<int64_t>& dims, Map map) {
  std::vector<int64_t> coord(outDims.size());
  for (size_t a = outDims.size(); a-- > 0;) {
    coord[a] = outDims[a] ? i % outDims[a] : 0;
    i = outDims[a] ? i / outDims[a] : 0;
  }
  int64_t index = 0;
  for (size_t a = 0; a < dims.size(); ++a) index = index * dims[a] + map(a, coord);
  return index;
}

std::vector<int64_t> axesFrom(const onnx::NodeProto& node,
                              const std::vector<const OnnxConstant*>& in, size_t input,
                              int64_t opset, int64_t sinceOpset, const Fail& fail) {
  if (opset < sinceOpset) return intsAttribute(node, "axes").value_or(std::vector<int64_t>{});
  return in.size() > input && in[input] ? in[input]->asInts(fail) : std::vector<int64_t>{};
}

OnnxConstant gather(const onnx::NodeProto& node, const OnnxConstant& data,
                    const OnnxConstant& indices, int64_t limit, const Fail& fail) {
  const int64_t rank = int64_t(data.dims.size());
  if (rank == 0) fail("Gather of a scalar");
  const size_t axis = size_t(normalisedAxis(intAttribute(node, "axis", 0), rank, fail));
  std::vector<int64_t> dims(data.dims.begin(), data.dims.begin() + long(axis));
  dims.insert(dims.end(), indices.dims.begin(), indices.dims.end());
  dims.insert(dims.end(), data.dims.begin() + long(axis) + 1, data.dims.end());
  OnnxConstant out = shaped(data, dims, limit, fail);
  const int64_t outer = product(data.dims, 0, axis), inner = product(data.dims, axis + 1, rank);
  const int64_t extent = data.dims[axis];
  const std::vector<int64_t> idx = indices.asInts(fail);
  int64_t j = 0;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t k : idx) {
      if (k < -extent || k >= extent) fail("Gather index " + std::to_string(k) + " out of range");
      const int64_t row = k < 0 ? k + extent : k;
      for (int64_t i = 0; i < inner; ++i) copyValue(data, (o * extent + row) * inner + i, out, j++);
    }
  return out;
}

OnnxConstant concat(const onnx::NodeProto& node, const std::vector<const OnnxConstant*>& in,
                    int64_t limit, const Fail& fail) {
  if (in.empty() || !in[0]) fail("Concat without inputs");
  const int64_t rank = int64_t(in[0]->dims.size());
  const size_t axis = size_t(normalisedAxis(intAttribute(node, "axis", 0), rank, fail));
  std::vector<int64_t> dims = in[0]->dims;
  dims[axis] = 0;
  for (const OnnxConstant* c : in) {
    if (!c || c->isFloat != in[0]->isFloat || int64_t(c->dims.size()) != rank)
      fail("Concat of tensors of different kinds or ranks");
    for (size_t a = 0; a < size_t(rank); ++a)
      if (a != axis && c->dims[a] != in[0]->dims[a]) fail("Concat of mismatched shapes");
    dims[axis] += c->dims[axis];
  }
  OnnxConstant out = shaped(*in[0], dims, limit, fail);
  const int64_t outer = product(dims, 0, axis);
  int64_t j = 0;
  for (int64_t o = 0; o < outer; ++o)
    for (const OnnxConstant* c : in) {
      const int64_t block = product(c->dims, axis, size_t(rank));
      for (int64_t i = 0; i < block; ++i) copyValue(*c, o * block + i, out, j++);
    }
  return out;
}

OnnxConstant slice(const onnx::NodeProto& node, const std::vector<const OnnxConstant*>& in,
                   int64_t opset, int64_t limit, const Fail& fail) {
  const OnnxConstant& data = *in[0];
  const int64_t rank = int64_t(data.dims.size());
  std::vector<int64_t> starts, ends, axes, steps;
  if (opset < 10) {
    starts = intsAttribute(node, "starts").value_or(std::vector<int64_t>{});
    ends = intsAttribute(node, "ends").value_or(std::vector<int64_t>{});
    axes = intsAttribute(node, "axes").value_or(std::vector<int64_t>{});
  } else {
    if (in.size() < 3 || !in[1] || !in[2]) fail("Slice needs starts and ends");
    starts = in[1]->asInts(fail);
    ends = in[2]->asInts(fail);
    if (in.size() > 3 && in[3]) axes = in[3]->asInts(fail);
    if (in.size() > 4 && in[4]) steps = in[4]->asInts(fail);
  }
  if (axes.empty())
    for (size_t a = 0; a < starts.size(); ++a) axes.push_back(int64_t(a));
  if (steps.empty()) steps.assign(starts.size(), 1);
  if (ends.size() != starts.size() || axes.size() != starts.size() || steps.size() != starts.size())
    fail("Slice starts, ends, axes and steps differ in length");
  std::vector<int64_t> first(size_t(rank), 0), step(size_t(rank), 1), dims = data.dims;
  for (size_t k = 0; k < starts.size(); ++k) {
    const size_t a = size_t(normalisedAxis(axes[k], rank, fail));
    const int64_t n = data.dims[a], s = steps[k];
    if (s == 0) fail("Slice step 0");
    // ONNX: negative starts/ends count from the end, then clamp to [0, n] (or [-1, n-1] for a
    // negative step).
    auto clampIndex = [&](int64_t v) {
      if (v < 0) v += n;
      return s > 0 ? std::clamp<int64_t>(v, 0, n) : std::clamp<int64_t>(v, -1, n - 1);
    };
    const int64_t b = clampIndex(starts[k]), e = clampIndex(ends[k]);
    // ceil(span / |s|) without overflow: a file may give any step, INT64_MIN included.
    const int64_t span = s > 0 ? e - b : b - e;  // within [-1 - n, n + 1]
    const uint64_t stride = s > 0 ? uint64_t(s) : uint64_t(0) - uint64_t(s);
    const int64_t count = span > 0 ? int64_t((uint64_t(span) - 1) / stride + 1) : 0;
    first[a] = b;
    step[a] = s;
    dims[a] = count;
  }
  OnnxConstant out = shaped(data, dims, limit, fail);
  for (int64_t i = 0; i < out.size(); ++i)
    copyValue(data,
              mappedIndex(i, dims, data.dims,
                          [&](size_t a, const std::vector<int64_t>& c) {
                            return first[a] + c[a] * step[a];
                          }),
              out, i);
  return out;
}

OnnxConstant transpose(const onnx::NodeProto& node, const OnnxConstant& data, int64_t limit,
                       const Fail& fail) {
  const size_t rank = data.dims.size();
  std::vector<int64_t> perm = intsAttribute(node, "perm").value_or(std::vector<int64_t>{});
  if (perm.empty())
    for (size_t a = 0; a < rank; ++a) perm.push_back(int64_t(rank - 1 - a));
  std::vector<int64_t> sorted = perm;
  std::sort(sorted.begin(), sorted.end());
  for (size_t a = 0; a < rank; ++a)
    if (sorted.size() != rank || sorted[a] != int64_t(a))
      fail("Transpose perm is not a permutation");
  std::vector<int64_t> dims(rank), inverse(rank);
  for (size_t a = 0; a < rank; ++a) {
    dims[a] = data.dims[size_t(perm[a])];
    inverse[size_t(perm[a])] = int64_t(a);
  }
  OnnxConstant out = shaped(data, dims, limit, fail);
  for (int64_t i = 0; i < out.size(); ++i)
    copyValue(
        data,
        mappedIndex(i, dims, data.dims,
                    [&](size_t a, const std::vector<int64_t>& c) { return c[size_t(inverse[a])]; }),
        out, i);
  return out;
}

OnnxConstant reshape(const onnx::NodeProto& node, const OnnxConstant& data,
                     const OnnxConstant& shape, const Fail& fail) {
  std::vector<int64_t> dims = shape.asInts(fail);
  const bool allowZero = intAttribute(node, "allowzero", 0) != 0;
  int64_t known = 1, inferred = -1;
  for (size_t a = 0; a < dims.size(); ++a) {
    if (dims[a] == 0 && !allowZero) {
      if (a >= data.dims.size()) fail("Reshape copies a dimension the input does not have");
      dims[a] = data.dims[a];
    }
    if (dims[a] == -1) {
      if (inferred >= 0) fail("Reshape with more than one -1");
      inferred = int64_t(a);
    } else if (dims[a] > 0 && known > data.size() / dims[a]) {
      // More values than the data has (checked before the product can overflow).
      fail("Reshape of " + std::to_string(data.size()) + " values to a different size");
    } else {
      known *= std::max<int64_t>(dims[a], 0);
    }
  }
  if (inferred >= 0) dims[size_t(inferred)] = known ? data.size() / known : 0;
  if (checkedCount(dims, fail) != data.size())
    fail("Reshape of " + std::to_string(data.size()) + " values to a different size");
  OnnxConstant out = data;
  out.dims = dims;
  return out;
}

OnnxConstant cast(const onnx::NodeProto& node, const OnnxConstant& data, int64_t limit,
                  const Fail& fail) {
  const int64_t to = intAttribute(node, "to", onnx::TensorProto::FLOAT);
  const bool toFloat = to == onnx::TensorProto::FLOAT || to == onnx::TensorProto::DOUBLE;
  const bool toInt = to == onnx::TensorProto::INT64 || to == onnx::TensorProto::INT32 ||
                     to == onnx::TensorProto::BOOL;
  if (!toFloat && !toInt) fail("Cast to data type " + std::to_string(to) + " is not supported");
  OnnxConstant out = shaped(data, data.dims, limit, fail);
  out.isFloat = toFloat;
  out.floats.clear();
  out.ints.clear();
  for (int64_t i = 0; i < data.size(); ++i) {
    if (!data.isFloat && data.ints[size_t(i)] == kBatchSize) {
      if (toFloat) fail("Cast of the batch size to a float");
      out.ints.push_back(kBatchSize);
    } else if (toFloat) {
      out.floats.push_back(static_cast<float>(data.at(i)));
    } else {
      const double v = data.at(i);  // ONNX casts floats to integers by truncation
      out.ints.push_back(to == onnx::TensorProto::BOOL ? int64_t(v != 0.0)
                                                       : int64_t(std::trunc(v)));
    }
  }
  return out;
}

OnnxConstant arithmetic(const std::string& op, const OnnxConstant& a, const OnnxConstant& b,
                        int64_t limit, const Fail& fail) {
  // Numpy broadcasting: dimensions aligned from the right, 1 stretching to the other's size.
  const size_t rank = std::max(a.dims.size(), b.dims.size());
  std::vector<int64_t> da(rank - a.dims.size(), 1), db(rank - b.dims.size(), 1), dims(rank);
  da.insert(da.end(), a.dims.begin(), a.dims.end());
  db.insert(db.end(), b.dims.begin(), b.dims.end());
  for (size_t k = 0; k < rank; ++k) {
    if (da[k] != db[k] && da[k] != 1 && db[k] != 1) fail(op + " of shapes that do not broadcast");
    dims[k] = da[k] == 1 ? db[k] : da[k];
  }
  for (const OnnxConstant* c : {&a, &b})
    if (!c->isFloat && std::count(c->ints.begin(), c->ints.end(), kBatchSize))
      fail(op + " on the batch size: the model's shape depends on it");
  OnnxConstant kind;
  kind.isFloat = a.isFloat || b.isFloat;
  OnnxConstant out = shaped(kind, dims, limit, fail);
  auto broadcast = [&](const std::vector<int64_t>& d) {
    return [&d](size_t k, const std::vector<int64_t>& c) { return d[k] == 1 ? 0 : c[k]; };
  };
  for (int64_t i = 0; i < out.size(); ++i) {
    const double x = a.at(mappedIndex(i, dims, da, broadcast(da)));
    const double y = b.at(mappedIndex(i, dims, db, broadcast(db)));
    if (op == "Div" && !out.isFloat && y == 0.0) fail("integer division by zero");
    double r = op == "Add" ? x + y : op == "Sub" ? x - y : op == "Mul" ? x * y : x / y;
    if (op == "Div" && !out.isFloat) r = std::trunc(r);
    if (out.isFloat)
      out.floats[size_t(i)] = static_cast<float>(r);
    else
      out.ints[size_t(i)] = static_cast<int64_t>(r);
  }
  return out;
}

}  // namespace

bool isFoldable(const std::string& opType) {
  return kFoldable.count(opType) > 0;
}

std::vector<OnnxConstant> foldNode(const onnx::NodeProto& node,
                                   const std::vector<const OnnxConstant*>& in, int64_t opset,
                                   const Fail& fail) {
  const std::string& op = node.op_type();
  if (op == "Constant") return {constantNodeValue(node, fail)};
  int64_t limit = kFoldSlack;
  for (const OnnxConstant* c : in) limit += c ? c->size() : 0;
  if (in.empty() || !in[0]) fail(op + " without its first input");
  const OnnxConstant& x = *in[0];
  auto second = [&]() -> const OnnxConstant& {
    if (in.size() < 2 || !in[1]) fail(op + " needs a second input");
    return *in[1];
  };
  if (op == "Identity") return {x};
  if (op == "Cast") return {cast(node, x, limit, fail)};
  if (op == "Gather") return {gather(node, x, second(), limit, fail)};
  if (op == "Concat") return {concat(node, in, limit, fail)};
  if (op == "Slice") return {slice(node, in, opset, limit, fail)};
  if (op == "Transpose") return {transpose(node, x, limit, fail)};
  if (op == "Reshape") return {reshape(node, x, second(), fail)};
  if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div")
    return {arithmetic(op, x, second(), limit, fail)};
  if (op == "Unsqueeze") {
    std::vector<int64_t> axes = axesFrom(node, in, 1, opset, 13, fail);
    OnnxConstant out = x;
    const int64_t rank = int64_t(x.dims.size() + axes.size());
    for (int64_t& a : axes) a = normalisedAxis(a, rank, fail);
    std::sort(axes.begin(), axes.end());
    for (int64_t a : axes) out.dims.insert(out.dims.begin() + a, 1);
    return {out};
  }
  if (op == "Squeeze") {
    std::vector<int64_t> axes = axesFrom(node, in, 1, opset, 13, fail);
    OnnxConstant out = x;
    out.dims.clear();
    for (size_t a = 0; a < x.dims.size(); ++a) {
      bool drop = axes.empty() && x.dims[a] == 1;
      for (int64_t k : axes)
        drop = drop || normalisedAxis(k, int64_t(x.dims.size()), fail) == int64_t(a);
      if (drop && x.dims[a] != 1) fail("Squeeze of a dimension that is not 1");
      if (!drop) out.dims.push_back(x.dims[a]);
    }
    return {out};
  }
  // ConstantOfShape: a tensor of the given shape filled with `value` (default float 0).
  OnnxConstant fill;
  fill.floats = {0.0f};
  if (const auto* a = findAttribute(node, "value")) fill = decodeTensor(a->t(), fail);
  if (fill.size() != 1) fail("ConstantOfShape value must hold one number");
  OnnxConstant out = shaped(fill, x.asInts(fail), limit, fail);
  for (int64_t i = 0; i < out.size(); ++i) copyValue(fill, 0, out, i);
  return {out};
}

}  // namespace snn::onnx_import
