#pragma once

// Helpers shared by the tests: fuzzy comparison of floats, example paths, building projects.
#include <QString>
#include <QTest>
#include <cmath>
#include <string>

#include "io/ProjectJson.h"

namespace snn::test {

// Path of a file in the source tree, e.g. source("resources/examples/cuba.snnwb.json").
inline std::string source(const std::string& relative) {
  return std::string(SNNWB_SOURCE_DIR) + "/" + relative;
}

// |actual - expected| <= absolute + relative * |expected|, with a message saying by how much not.
inline bool near(double actual, double expected, double absolute, double relative = 0.0) {
  return std::abs(actual - expected) <= absolute + relative * std::abs(expected);
}

#define SNN_COMPARE_NEAR(actual, expected, tolerance)                                        \
  do {                                                                                       \
    const double a_ = (actual), e_ = (expected), t_ = (tolerance);                           \
    if (!(std::abs(a_ - e_) <= t_))                                                          \
      QFAIL(qPrintable(QString("%1 = %2, expected %3 within %4")                             \
                           .arg(#actual).arg(a_, 0, 'g', 10).arg(e_, 0, 'g', 10).arg(t_))); \
  } while (0)

// A project from JSON text; fails the test with the diagnostics if it does not parse.
inline Project parse(const std::string& json) {
  ProjectParseResult r = parseProject(json);
  if (!r.ok()) qWarning("%s", joinDiagnostics(r.diagnostics).c_str());
  return r.project;
}

}  // namespace snn::test
