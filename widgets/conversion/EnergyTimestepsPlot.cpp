#include "EnergyTimestepsPlot.h"

#include <QMouseEvent>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "io/AtomicFile.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {

// Okabe & Ito's colour-blind-safe palette, as the Energy dock's bars.
QColor substrateColor(int i) {
  static const QColor colors[] = {QColor(0, 114, 178),   QColor(230, 159, 0),  QColor(0, 158, 115),
                                  QColor(204, 121, 167), QColor(86, 180, 233), QColor(213, 94, 0),
                                  QColor(120, 120, 120)};
  return colors[i % 7];
}

QString joulesText(double j) {
  const std::pair<const char*, double> units[] = {
      {"J", 1.0}, {"mJ", 1e-3}, {"µJ", 1e-6}, {"nJ", 1e-9}, {"pJ", 1e-12}};
  for (const auto& [name, size] : units)
    if (std::abs(j) >= size)
      return QString::number(j / size, 'g', 4) + " " + QString::fromUtf8(name);
  return QString::number(j / 1e-12, 'g', 4) + " pJ";
}

}  // namespace

EnergyTimestepsPlot::EnergyTimestepsPlot(QWidget* parent)
    : ThemedPlot(tr("Energy and accuracy versus T"), parent) {
  setExportName("conversion-energy");
  setMouseTracking(true);
  QSharedPointer<QCPAxisTickerLog> logT(new QCPAxisTickerLog);
  logT->setLogBase(2);
  logT->setSubTickCount(0);
  xAxis->setScaleType(QCPAxis::stLogarithmic);
  xAxis->setTicker(logT);
  xAxis->setNumberFormat("f");
  xAxis->setNumberPrecision(0);
  yAxis->setScaleType(QCPAxis::stLogarithmic);
  yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  yAxis->setNumberFormat("eb");
  yAxis->setNumberPrecision(0);
  yAxis->setLabel(tr("energy per inference (J)"));
  yAxis2->setVisible(true);
  yAxis2->setLabel(tr("SNN accuracy (%)"));
  legend->setVisible(true);
  placeLegendAbove(3);
  hint_ = addHint(tr("Convert: energy per inference on each substrate, for each T"));
  reset("T");
}

void EnergyTimestepsPlot::reset(const QString& steps) {
  stepsName_ = steps;
  points_.clear();
  substrates_.clear();
  xAxis->setLabel(steps == "K" ? tr("K: steps per layer") : tr("T: time steps per sample"));
  rebuild();
}

void EnergyTimestepsPlot::addPoint(int timesteps, double snnAccuracy, double annAccuracy,
                                   double spikesPerNeuron, const EnergyReport& report) {
  Point p{timesteps, snnAccuracy, annAccuracy, spikesPerNeuron, report};
  auto at = std::upper_bound(points_.begin(), points_.end(), timesteps,
                             [](int t, const Point& q) { return t < q.timesteps; });
  points_.insert(at, std::move(p));
  for (const SubstrateEnergy& s : report.substrates)
    if (!substrates_.contains(toQ(s.name))) substrates_ << toQ(s.name);
  rebuild();
}

const SubstrateEnergy* EnergyTimestepsPlot::substrateAt(int substrate, int point) const {
  if (substrate < 0 || substrate >= substrates_.size() || point < 0 || point >= points_.size())
    return nullptr;
  return points_[point].report.find(toStd(substrates_[substrate]));
}

double EnergyTimestepsPlot::joulesAt(int substrate, int point) const {
  const SubstrateEnergy* s = substrateAt(substrate, point);
  return s ? s->perInference() : 0.0;
}

void EnergyTimestepsPlot::rebuild() {
  clearGraphs();
  energy_.clear();
  double lo = 1e300, hi = 0.0, tLo = 1, tHi = 256;
  if (!points_.isEmpty()) tLo = points_.front().timesteps, tHi = points_.back().timesteps;
  for (int s = 0; s < substrates_.size(); ++s) {
    QCPGraph* g = addGraph(xAxis, yAxis);
    const SubstrateEnergy* first = substrateAt(s, 0);
    g->setName(first && first->name == "snn_chip" ? toQ(first->name + " (" + first->chip + ")")
                                                  : substrates_[s]);
    g->setPen(QPen(substrateColor(s), 2));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    for (int p = 0; p < points_.size(); ++p) {
      const double j = joulesAt(s, p);
      if (!(j > 0)) continue;
      g->addData(points_[p].timesteps, j);
      lo = std::min(lo, j);
      hi = std::max(hi, j);
    }
    energy_ << g;
  }
  accuracy_ = addGraph(xAxis, yAxis2);
  accuracy_->setName(tr("SNN accuracy"));
  accuracy_->setPen(QPen(inkColor(), 1.5, Qt::DashLine));
  accuracy_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 7));
  double accLo = 100.0;
  for (const Point& p : points_) {
    accuracy_->addData(p.timesteps, 100.0 * p.snnAccuracy);
    accLo = std::min(accLo, 100.0 * p.snnAccuracy);
  }
  xAxis->setRange(tLo / 1.5, tHi * 1.5);
  if (hi > 0)
    yAxis->setRange(lo / 3.0, hi * 3.0);
  else
    yAxis->setRange(1e-9, 1e-6);
  yAxis2->setRange(std::max(0.0, std::floor(accLo / 10.0) * 10.0 - 5.0), 101.0);
  hint_->setVisible(points_.isEmpty());
  applyPalette();
  replot(QCustomPlot::rpQueuedReplot);
}

QString EnergyTimestepsPlot::tooltipAt(int substrate, int point) const {
  const SubstrateEnergy* s = substrateAt(substrate, point);
  if (!s) return {};
  const Point& p = points_[point];
  QString text =
      tr("%1 at %2 = %3: %4 per inference\nSNN accuracy %5 % (ANN %6 %), %7 spikes "
         "per neuron\n%8")
          .arg(toQ(s->name == "snn_chip" ? s->name + " (" + s->chip + ")" : s->name), stepsName_)
          .arg(p.timesteps)
          .arg(joulesText(s->perInference()))
          .arg(100.0 * p.snnAccuracy, 0, 'f', 2)
          .arg(100.0 * p.annAccuracy, 0, 'f', 2)
          .arg(p.spikesPerNeuron, 0, 'g', 3)
          .arg(toQ(s->title));
  for (const auto& [kind, formula] : s->formulas) text += "\n" + toQ(kind + ": " + formula);
  for (const EnergyConstant& c : p.report.constants) {
    bool named = false;
    for (const auto& [kind, formula] : s->formulas)
      named = named || formula.find(c.key) != std::string::npos;
    if (named)
      text += QString("\n  %1 = %2 %3 (%4)")
                  .arg(toQ(c.key), QString::number(c.value), toQ(c.unit), toQ(c.source));
  }
  text += tr("\nPer inference = total / %1 test samples. Assumes: %2")
              .arg(s->inferences)
              .arg(toQ(s->assumption));
  return text;
}

QString EnergyTimestepsPlot::exportCsv(const QString& path) const {
  try {
    AtomicFile file(path.toStdString());
    std::ostream& out = file.stream();
    out.precision(10);
    out << "timesteps,substrate,chip,joules_per_inference,snn_accuracy,ann_accuracy,"
           "spikes_per_neuron\n";
    for (int p = 0; p < points_.size(); ++p)
      for (int s = 0; s < substrates_.size(); ++s)
        if (const SubstrateEnergy* e = substrateAt(s, p))
          out << points_[p].timesteps << ',' << e->name << ',' << e->chip << ','
              << e->perInference() << ',' << points_[p].snnAccuracy << ',' << points_[p].annAccuracy
              << ',' << points_[p].spikesPerNeuron << '\n';
    file.commit();
  } catch (const std::exception& e) {
    return toQ(e.what());
  }
  return {};
}

void EnergyTimestepsPlot::mouseMoveEvent(QMouseEvent* event) {
  ThemedPlot::mouseMoveEvent(event);
  const QPointF pos = event->position();
  int bestS = -1, bestP = -1;
  double nearest = 10.0;  // pixels
  for (int s = 0; s < substrates_.size(); ++s)
    for (int p = 0; p < points_.size(); ++p) {
      const double j = joulesAt(s, p);
      if (!(j > 0)) continue;
      const double d = std::hypot(xAxis->coordToPixel(points_[p].timesteps) - pos.x(),
                                  yAxis->coordToPixel(j) - pos.y());
      if (d < nearest) nearest = d, bestS = s, bestP = p;
    }
  if (bestS < 0)
    QToolTip::hideText();
  else
    QToolTip::showText(event->globalPosition().toPoint(), tooltipAt(bestS, bestP), this);
}

}  // namespace snn::gui
