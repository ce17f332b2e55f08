#pragma once

// Reading the PyTorch reference data of scripts/make_ann_fixtures.py (tests/data/ann, onnx).
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "TestSupport.h"
#include "model/AnnSpec.h"

namespace snn::test {

inline nlohmann::json readJson(const std::string& relative) {
  std::ifstream in(source(relative));
  if (!in) qFatal("missing fixture %s (run scripts/make_ann_fixtures.py)", relative.c_str());
  return nlohmann::json::parse(in);
}

inline std::vector<float> floatsOf(const nlohmann::json& j) {
  return j.get<std::vector<float>>();
}

inline AnnTensor tensorOf(const nlohmann::json& j) {
  return {j.at("shape").get<std::vector<int64_t>>(), floatsOf(j.at("values"))};
}

// A layer from its fixture description: "type", an optional "id" and settings by their schema
// names (the same words a project file will use).
inline AnnLayerSpec layerOf(const nlohmann::json& j, const std::string& defaultId = "layer") {
  AnnLayerSpec l;
  l.id = j.value("id", defaultId);
  l.type = *annLayerTypeFromName(j.at("type").get<std::string>());
  // Settings not in the fixture keep the schema default.
  for (const ParamInfo& p : annLayerParams(l.type))
    setAnnLayerParam(l, p.name, j.contains(p.name) ? j.at(p.name).get<double>() : p.defaultValue);
  return l;
}

// Largest |a - b| / (atol + rtol |b|); <= 1 means every value is within tolerance.
inline double worstError(const std::vector<float>& a, const std::vector<float>& b, double atol,
                         double rtol, size_t* where = nullptr) {
  if (a.size() != b.size()) return 1e30;
  double worst = 0.0;
  for (size_t i = 0; i < a.size(); ++i) {
    const double e = std::abs(double(a[i]) - b[i]) / (atol + rtol * std::abs(double(b[i])));
    if (e > worst) {
      worst = e;
      if (where) *where = i;
    }
  }
  return worst;
}

#define SNN_COMPARE_VECTORS(actual, expected, atol, rtol)                         \
  do {                                                                            \
    const std::vector<float> a_ = (actual), e_ = (expected);                      \
    size_t at_ = 0;                                                               \
    QCOMPARE(a_.size(), e_.size());                                               \
    const double w_ = snn::test::worstError(a_, e_, (atol), (rtol), &at_);        \
    if (w_ > 1.0)                                                                 \
      QFAIL(qPrintable(QString("%1[%2] = %3, expected %4 (error %5 x tolerance)") \
                           .arg(#actual)                                          \
                           .arg(at_)                                              \
                           .arg(double(a_[at_]), 0, 'g', 9)                       \
                           .arg(double(e_[at_]), 0, 'g', 9)                       \
                           .arg(w_, 0, 'g', 3)));                                 \
  } while (0)

}  // namespace snn::test
