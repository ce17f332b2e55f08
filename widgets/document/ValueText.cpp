#include "ValueText.h"

#include <QLocale>
#include <QObject>
#include <QRegularExpression>
#include <QStringList>
#include <cmath>
#include <nlohmann/json.hpp>

namespace snn::gui {

QString formatNumber(double value) {
  if (value == std::floor(value) && std::abs(value) < 1e15)  // counts and seeds in full
    return QString::number(static_cast<qlonglong>(value));
  QString s = QString::number(value, 'g', 10);
  return s == "-0" ? QStringLiteral("0") : s;
}

namespace {
QString formatList(const std::vector<double>& values) {
  QStringList parts;
  for (double v : values) parts << formatNumber(v);
  return parts.join(", ");
}

std::optional<double> number(const QString& text) {
  bool ok = false;
  const double v = QLocale::c().toDouble(text.trimmed(), &ok);
  if (!ok) return std::nullopt;
  return v;
}
}  // namespace

QString formatValue(const ParamValue& value) {
  if (const auto* v = std::get_if<ValueSpec>(&value)) {
    switch (v->kind) {
      case ValueSpec::Kind::Scalar:
        return formatNumber(v->scalar);
      case ValueSpec::Kind::Array:
        return QStringLiteral("[%1 values]").arg(v->array.size());
      case ValueSpec::Kind::Uniform:
        return QStringLiteral("uniform(%1, %2)").arg(formatNumber(v->a), formatNumber(v->b));
      case ValueSpec::Kind::Normal:
        return QStringLiteral("normal(%1, %2)").arg(formatNumber(v->a), formatNumber(v->b));
    }
  }
  if (const auto* s = std::get_if<Sequence>(&value)) return formatList(*s);
  if (const auto* t = std::get_if<SpikeTrains>(&value)) {
    QStringList trains;
    for (const auto& train : *t) trains << "[" + formatList(train) + "]";
    return "[" + trains.join(", ") + "]";
  }
  return QString::fromStdString(std::get<std::string>(value));
}

ParsedValue parseValueSpec(const QString& input) {
  const QString text = input.trimmed();
  if (text.isEmpty()) return {std::nullopt, QObject::tr("enter a number")};
  if (auto v = number(text)) return {ValueSpec::constant(*v), {}};
  static const QRegularExpression distribution(
      R"(^(uniform|normal)\s*\(\s*([^,()]+?)\s*,\s*([^,()]+?)\s*\)$)",
      QRegularExpression::CaseInsensitiveOption);
  const QRegularExpressionMatch m = distribution.match(text);
  if (!m.hasMatch())
    return {std::nullopt, QObject::tr("expected a number, uniform(low, high) or normal(mean, sd)")};
  const auto a = number(m.captured(2));
  const auto b = number(m.captured(3));
  if (!a || !b) return {std::nullopt, QObject::tr("the bounds must be numbers")};
  if (m.captured(1).toLower() == "uniform") {
    if (!(*a <= *b)) return {std::nullopt, QObject::tr("uniform needs low <= high")};
    return {ValueSpec::uniform(*a, *b), {}};
  }
  if (!(*b >= 0)) return {std::nullopt, QObject::tr("normal needs sd >= 0")};
  return {ValueSpec::normal(*a, *b), {}};
}

namespace {
ParsedValue parseSequence(const QString& input) {
  QString text = input.trimmed();
  if (text.startsWith('[') && text.endsWith(']')) text = text.mid(1, text.size() - 2);
  Sequence values;
  if (text.trimmed().isEmpty()) return {values, {}};
  for (const QString& part : text.split(QRegularExpression(R"([,\s]+)"), Qt::SkipEmptyParts)) {
    const auto v = number(part);
    if (!v) return {std::nullopt, QObject::tr("'%1' is not a number").arg(part)};
    values.push_back(*v);
  }
  return {values, {}};
}

ParsedValue parseSpikeTrains(const QString& text) {
  const auto json = nlohmann::json::parse(text.toStdString(), nullptr, false);
  const QString shape = QObject::tr("expected one list of times per neuron, e.g. [[1, 2], [5]]");
  if (json.is_discarded() || !json.is_array()) return {std::nullopt, shape};
  SpikeTrains trains;
  for (const auto& train : json) {
    if (!train.is_array()) return {std::nullopt, shape};
    std::vector<double> times;
    for (const auto& t : train) {
      if (!t.is_number()) return {std::nullopt, shape};
      times.push_back(t.get<double>());
    }
    trains.push_back(std::move(times));
  }
  return {trains, {}};
}
}  // namespace

ParsedValue parseValue(ParamKind kind, const QString& text) {
  switch (kind) {
    case ParamKind::PerNeuron:
      return parseValueSpec(text);
    case ParamKind::Sequence:
      return parseSequence(text);
    case ParamKind::SpikeTrains:
      return parseSpikeTrains(text);
    case ParamKind::Choice:
    case ParamKind::Text:
    case ParamKind::Reference:
      return {text.trimmed().toStdString(), {}};
    case ParamKind::Scalar: {
      const auto v = number(text.trimmed());
      if (!v) return {std::nullopt, QObject::tr("expected a number")};
      return {ValueSpec::constant(*v), {}};
    }
    case ParamKind::Flag: {
      const QString t = text.trimmed().toLower();
      if (t == "true" || t == "1" || t == "on") return {ValueSpec::constant(1.0), {}};
      if (t == "false" || t == "0" || t == "off") return {ValueSpec::constant(0.0), {}};
      return {std::nullopt, QObject::tr("expected true or false")};
    }
    case ParamKind::Shape:  // "1, 28, 28", "1 x 28 x 28", or nothing
      return parseSequence(QString(text).replace(QRegularExpression(QStringLiteral("[x\u00d7]")),
                                                 QStringLiteral(" ")));
    case ParamKind::Table:
      break;
  }
  return {std::nullopt, QObject::tr("edit this in the project file")};
}

}  // namespace snn::gui
