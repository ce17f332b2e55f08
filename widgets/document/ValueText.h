#pragma once

#include <QString>
#include <optional>

#include "model/ParamSchema.h"
#include "model/ParamValue.h"

namespace snn::gui {

// The text form of parameter values in the inspector, and back. Numbers use the C locale
// ("0.5", never "0,5") like the project file.
//   per-neuron: "20", "uniform(-60, -50)", "normal(0.1, 0.02)"; an array shows as "[N values]"
//   sequence:   "100, 400, 700"
//   spike trains: "[[1, 2.5], [], [3]]" (one list of times per neuron)
//   choice, text, reference: the word itself
//   number:     "0.1"; flag: "true" / "false"; shape: "1, 28, 28" (or "1 × 28 × 28")

QString formatNumber(double value);
QString formatValue(const ParamValue& value);

// A value parsed from text, or why the text is not one.
struct ParsedValue {
  std::optional<ParamValue> value;
  QString error;
};

ParsedValue parseValue(ParamKind kind, const QString& text);
// A ValueSpec alone (weights, delays, initial state): number or distribution.
ParsedValue parseValueSpec(const QString& text);

}  // namespace snn::gui
