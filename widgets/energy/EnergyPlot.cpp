#include "EnergyPlot.h"

#include <QMouseEvent>
#include <QToolTip>
#include <cmath>
#include <tuple>

#include "util/QtText.h"

namespace snn::gui {

namespace {

// A colour per segment, cycling through a qualitative palette (Okabe & Ito's, colour-blind safe).
QColor segmentColor(int i) {
  static const QColor colors[] = {QColor(0, 114, 178),   QColor(230, 159, 0),  QColor(0, 158, 115),
                                  QColor(204, 121, 167), QColor(86, 180, 233), QColor(213, 94, 0),
                                  QColor(240, 228, 66),  QColor(120, 120, 120)};
  return colors[i % 8];
}

// The largest SI unit at most `joules` (J, mJ, µJ, nJ, pJ).
std::pair<QString, double> unitFor(double joules) {
  const std::pair<const char*, double> units[] = {
      {"J", 1.0}, {"mJ", 1e-3}, {"µJ", 1e-6}, {"nJ", 1e-9}, {"pJ", 1e-12}};
  for (const auto& [name, size] : units)
    if (joules >= size) return {QString::fromUtf8(name), size};
  return {"pJ", 1e-12};
}

QString joulesText(double j) {
  const auto [name, size] = unitFor(std::abs(j));
  return QString::number(j / size, 'g', 4) + " " + name;
}

}  // namespace

EnergyPlot::EnergyPlot(QWidget* parent) : ThemedPlot(tr("Energy"), parent) {
  setExportName("energy");
  setMouseTracking(true);
  xAxis->setTickLabelRotation(0);
  yAxis->setLabel(tr("energy per inference (J)"));
  legend->setVisible(true);
  placeLegendAbove(4);
  hint_ = addHint(tr("Run the network: its operation counts give the energy of each substrate"));
}

void EnergyPlot::showReport(const EnergyReport& report) {
  report_ = report;
  rebuild();
}

void EnergyPlot::setStacking(Stacking stacking) {
  stacking_ = stacking;
  rebuild();
}

double EnergyPlot::segmentJoules(int substrate, int segment) const {
  if (substrate < 0 || substrate >= substrateCount() || segment < 0 || segment >= segments_.size())
    return 0.0;
  const SubstrateEnergy& s = report_.substrates[static_cast<size_t>(substrate)];
  const std::string name = segments_[segment].toStdString();
  const double perInference = s.inferences > 0 ? 1.0 / double(s.inferences) : 1.0;
  if (stacking_ == Stacking::ByKind) return s.kindTotal(name) * perInference;
  for (const EnergyLayer& l : s.layers)
    if (l.id == name) return l.total() * perInference;
  return 0.0;
}

double EnergyPlot::barTopJoules(int substrate) const {
  double sum = 0;
  for (int k = 0; k < segments_.size(); ++k) sum += segmentJoules(substrate, k);
  return sum;
}

QString EnergyPlot::tooltipAt(int substrate, int segment) const {
  if (substrate < 0 || substrate >= substrateCount() || segment < 0 || segment >= segments_.size())
    return {};
  const SubstrateEnergy& s = report_.substrates[static_cast<size_t>(substrate)];
  QString text = QString("%1 — %2: %3 per inference\n%4")
                     .arg(toQ(s.name), segments_[segment],
                          joulesText(segmentJoules(substrate, segment)), toQ(s.title));
  // The formulas that price this segment, and every constant they name with its source.
  std::vector<std::string> formulas;
  if (stacking_ == Stacking::ByKind) {
    if (auto it = s.formulas.find(segments_[segment].toStdString()); it != s.formulas.end())
      formulas.push_back(it->first + ": " + it->second);
  } else {
    for (const auto& [kind, formula] : s.formulas) formulas.push_back(kind + ": " + formula);
  }
  for (const std::string& f : formulas) text += "\n" + toQ(f);
  for (const EnergyConstant& c : report_.constants) {
    bool named = false;
    for (const std::string& f : formulas) named = named || f.find(c.key) != std::string::npos;
    if (named)
      text += QString("\n  %1 = %2 %3 (%4)")
                  .arg(toQ(c.key), QString::number(c.value), toQ(c.unit), toQ(c.source));
  }
  text += "\nAssumes: " + toQ(s.assumption);
  if (const QString accuracy = accuracyTooltip(substrate); !accuracy.isEmpty())
    text += "\n" + accuracy;
  return text;
}

QString EnergyPlot::barLabel(int substrate) const {
  if (substrate < 0 || substrate >= substrateCount()) return {};
  const SubstrateEnergy& s = report_.substrates[static_cast<size_t>(substrate)];
  QString label = toQ(s.name == "snn_chip" ? "snn_chip (" + s.chip + ")" : s.name);
  if (s.accuracy) return label + QString("\n%1 %").arg(*s.accuracy * 100, 0, 'f', 1);
  if (!s.accuracyNote.empty()) return label + QString::fromUtf8("\n—");
  return label;
}

QString EnergyPlot::accuracyTooltip(int substrate) const {
  if (substrate < 0 || substrate >= substrateCount()) return {};
  const SubstrateEnergy& s = report_.substrates[static_cast<size_t>(substrate)];
  if (s.accuracy)
    return tr("Accuracy %1 %: %2").arg(*s.accuracy * 100, 0, 'f', 1).arg(toQ(s.accuracyNote));
  if (!s.accuracyNote.empty()) return tr("No accuracy: %1").arg(toQ(s.accuracyNote));
  return {};
}

void EnergyPlot::rebuild() {
  clearPlottables();
  bars_.clear();
  segments_.clear();
  if (stacking_ == Stacking::ByKind) {
    for (const std::string& kind : energyKinds())
      for (const SubstrateEnergy& s : report_.substrates)
        if (s.kindTotal(kind) != 0) {
          segments_ << toQ(kind);
          break;
        }
  } else {
    for (const SubstrateEnergy& s : report_.substrates)
      for (const EnergyLayer& l : s.layers)
        if (!segments_.contains(toQ(l.id))) segments_ << toQ(l.id);
  }
  double top = 0;
  for (int s = 0; s < substrateCount(); ++s) top = std::max(top, barTopJoules(s));
  std::tie(unitName_, unit_) = unitFor(top);
  yAxis->setLabel(tr("energy per inference (%1)").arg(unitName_));
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  for (int s = 0; s < substrateCount(); ++s) ticker->addTick(s, barLabel(s));
  xAxis->setTicker(ticker);
  QCPBars* below = nullptr;
  for (int k = 0; k < segments_.size(); ++k) {
    auto* bars = new QCPBars(xAxis, yAxis);
    bars->setName(segments_[k]);
    bars->setWidth(0.6);
    bars->setPen(Qt::NoPen);
    bars->setBrush(segmentColor(k));
    for (int s = 0; s < substrateCount(); ++s) bars->addData(s, segmentJoules(s, k) / unit_);
    if (below) bars->moveAbove(below);
    below = bars;
    bars_ << bars;
  }
  xAxis->setRange(-0.6, std::max(1, substrateCount()) - 0.4);
  yAxis->setRange(0, top > 0 ? 1.1 * top / unit_ : 1.0);
  hint_->setVisible(substrateCount() == 0);
  applyPalette();
  replot(QCustomPlot::rpQueuedReplot);
}

void EnergyPlot::applyPalette() {
  ThemedPlot::applyPalette();
}

void EnergyPlot::mouseMoveEvent(QMouseEvent* event) {
  ThemedPlot::mouseMoveEvent(event);
  const QPointF pos = event->position();
  const int substrate = static_cast<int>(std::lround(xAxis->pixelToCoord(pos.x())));
  const double value = yAxis->pixelToCoord(pos.y()) * unit_;
  if (substrate >= 0 && substrate < substrateCount() && value < 0 &&
      !accuracyTooltip(substrate).isEmpty()) {  // on the bar's label: its accuracy
    QToolTip::showText(event->globalPosition().toPoint(), accuracyTooltip(substrate), this);
    return;
  }
  if (substrate < 0 || substrate >= substrateCount() || value < 0) {
    QToolTip::hideText();
    return;
  }
  double below = 0;
  for (int k = 0; k < segments_.size(); ++k) {
    const double j = segmentJoules(substrate, k);
    if (value >= below && value < below + j) {
      QToolTip::showText(event->globalPosition().toPoint(), tooltipAt(substrate, k), this);
      return;
    }
    below += j;
  }
  QToolTip::hideText();
}

}  // namespace snn::gui
