#include "OnnxConstant.h"

#include <bit>
#include <cmath>
#include <cstring>

namespace snn::onnx_import {

static_assert(std::endian::native == std::endian::little,
              "ONNX raw_data is little-endian; this reader copies it as it is");

namespace {

// Copies `count` values of type T from raw_data (which must hold exactly that many) into out.
template <class T, class Out>
void fromRaw(const std::string& raw, int64_t count, std::vector<Out>& out, const Fail& fail) {
  if (raw.size() != size_t(count) * sizeof(T))
    fail("tensor claims " + std::to_string(count) + " values but holds " +
         std::to_string(raw.size()) + " bytes (" + std::to_string(sizeof(T)) + " per value)");
  out.resize(size_t(count));
  for (int64_t i = 0; i < count; ++i) {
    T v;
    std::memcpy(&v, raw.data() + size_t(i) * sizeof(T), sizeof(T));
    out[size_t(i)] = static_cast<Out>(v);
  }
}

template <class Field, class Out>
void fromField(const Field& field, int64_t count, std::vector<Out>& out, const Fail& fail) {
  if (field.size() != count)
    fail("tensor claims " + std::to_string(count) + " values but holds " +
         std::to_string(field.size()));
  out.assign(field.begin(), field.end());
}

}  // namespace

std::vector<int64_t> OnnxConstant::asInts(const Fail& fail) const {
  if (!isFloat) return ints;
  std::vector<int64_t> out;
  for (float f : floats) {
    if (!(std::isfinite(f) && f == std::floor(f) && std::abs(f) < 9e15))
      fail("expected whole numbers, got " + std::to_string(f));
    out.push_back(static_cast<int64_t>(f));
  }
  return out;
}

std::string OnnxConstant::dimsText() const {
  return listText(dims);
}

std::string listText(const std::vector<int64_t>& values) {
  std::string s = "[";
  for (size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + std::to_string(values[i]);
  return s + "]";
}

int64_t checkedCount(const std::vector<int64_t>& dims, const Fail& fail) {
  int64_t n = 1;
  for (int64_t d : dims) {
    if (d < 0) fail("tensor has a negative dimension (" + std::to_string(d) + ")");
    if (d > 0 && n > kMaxConstantValues / d)
      fail("tensor is larger than " + std::to_string(kMaxConstantValues) + " values");
    n *= d;
  }
  return n;
}

OnnxConstant decodeTensor(const onnx::TensorProto& t, const Fail& fail) {
  const Fail named = [&](const std::string& m) {
    fail((t.name().empty() ? std::string("a tensor") : "tensor '" + t.name() + "'") + ": " + m);
  };
  if (t.data_location() == onnx::TensorProto::EXTERNAL)
    named(
        "stores its data in an external file, which the importer does not read (save the "
        "model with its weights inside: onnx.save(model, path, save_as_external_data=False))");
  OnnxConstant c;
  c.dims.assign(t.dims().begin(), t.dims().end());
  const int64_t n = checkedCount(c.dims, named);
  const bool raw = t.has_raw_data();
  switch (t.data_type()) {
    case onnx::TensorProto::FLOAT:
      raw ? fromRaw<float>(t.raw_data(), n, c.floats, named)
          : fromField(t.float_data(), n, c.floats, named);
      break;
    case onnx::TensorProto::DOUBLE:
      raw ? fromRaw<double>(t.raw_data(), n, c.floats, named)
          : fromField(t.double_data(), n, c.floats, named);
      break;
    case onnx::TensorProto::INT64:
      c.isFloat = false;
      raw ? fromRaw<int64_t>(t.raw_data(), n, c.ints, named)
          : fromField(t.int64_data(), n, c.ints, named);
      break;
    case onnx::TensorProto::INT32:
      c.isFloat = false;
      raw ? fromRaw<int32_t>(t.raw_data(), n, c.ints, named)
          : fromField(t.int32_data(), n, c.ints, named);
      break;
    case onnx::TensorProto::BOOL:
      c.isFloat = false;
      raw ? fromRaw<uint8_t>(t.raw_data(), n, c.ints, named)
          : fromField(t.int32_data(), n, c.ints, named);
      break;
    default:
      named("has data type " +
            onnx::TensorProto::DataType_Name(
                static_cast<onnx::TensorProto::DataType>(t.data_type())) +
            ", the importer reads FLOAT, DOUBLE, INT64, INT32 and BOOL");
  }
  for (float f : c.floats)
    if (!std::isfinite(f)) named("holds a value that is not a finite number");
  return c;
}

const onnx::AttributeProto* findAttribute(const onnx::NodeProto& node, const std::string& name) {
  for (const onnx::AttributeProto& a : node.attribute())
    if (a.name() == name) return &a;
  return nullptr;
}

int64_t intAttribute(const onnx::NodeProto& node, const std::string& name, int64_t otherwise) {
  const onnx::AttributeProto* a = findAttribute(node, name);
  return a ? a->i() : otherwise;
}

float floatAttribute(const onnx::NodeProto& node, const std::string& name, float otherwise) {
  const onnx::AttributeProto* a = findAttribute(node, name);
  return a ? a->f() : otherwise;
}

std::string stringAttribute(const onnx::NodeProto& node, const std::string& name,
                            const std::string& otherwise) {
  const onnx::AttributeProto* a = findAttribute(node, name);
  return a ? a->s() : otherwise;
}

std::optional<std::vector<int64_t>> intsAttribute(const onnx::NodeProto& node,
                                                  const std::string& name) {
  const onnx::AttributeProto* a = findAttribute(node, name);
  if (!a) return std::nullopt;
  return std::vector<int64_t>(a->ints().begin(), a->ints().end());
}

OnnxConstant constantNodeValue(const onnx::NodeProto& node, const Fail& fail) {
  OnnxConstant c;
  if (const auto* a = findAttribute(node, "value")) return decodeTensor(a->t(), fail);
  if (const auto* a = findAttribute(node, "value_float")) {
    c.floats = {a->f()};
  } else if (const auto* a = findAttribute(node, "value_floats")) {
    c.floats.assign(a->floats().begin(), a->floats().end());
    c.dims = {int64_t(c.floats.size())};
  } else if (const auto* a = findAttribute(node, "value_int")) {
    c.isFloat = false;
    c.ints = {a->i()};
  } else if (const auto* a = findAttribute(node, "value_ints")) {
    c.isFloat = false;
    c.ints.assign(a->ints().begin(), a->ints().end());
    c.dims = {int64_t(c.ints.size())};
  } else {
    fail("only numeric constants are supported (value, value_float(s), value_int(s))");
  }
  return c;
}

}  // namespace snn::onnx_import
