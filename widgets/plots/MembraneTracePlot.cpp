#include "MembraneTracePlot.h"

#include <QMenu>
#include <algorithm>
#include <cmath>

#include "style/PopulationColors.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {
constexpr double kFarFutureMs = 1e9;    // the last current step lasts "for ever"
constexpr double kCurrentShare = 0.25;  // of a strip's height, at its bottom
}  // namespace

MembraneTracePlot::MembraneTracePlot(QWidget* parent) : LivePlot(tr("Membrane potential"), parent) {
  setExportName("membrane");
  yAxis->setLabel(tr("v (mV)"));
  yAxis->setRange(-80, -40);
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.85);
  legend->setFont(small);
  placeLegendAbove();
  margins_ = new QCPMarginGroup(this);
  axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, margins_);
  hint_ = addHint(QString());
  hint_->setFont(small);
  connect(xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
          [this](const QCPRange& r) {
            if (syncing_) return;
            syncing_ = true;
            for (const Strip& s : strips_)
              if (s.rect != axisRect()) s.rect->axis(QCPAxis::atBottom)->setRange(r);
            syncing_ = false;
          });
  updateHint();
}

void MembraneTracePlot::startRun(const RunLayout& layout) {
  populations_.clear();
  for (const RunPopulation& p : layout.populations) populations_[p.id] = p;
  rebuildStrips();
}

void MembraneTracePlot::setProbes(const std::vector<Probe>& probes) {
  order_ = probes;
  rebuildStrips();
}

void MembraneTracePlot::setInjected(const std::string& population, double fromMs,
                                    const std::vector<CurrentStep>& steps) {
  auto it = populations_.find(population);
  if (it == populations_.end()) return;
  std::vector<CurrentStep>& injected = it->second.injected;
  // What was drawn before fromMs stays; from fromMs on, the new steps.
  std::vector<CurrentStep> merged;
  for (const CurrentStep& s : injected)
    if (s.timeMs < fromMs) merged.push_back(s);
  double now = steps.empty() ? 0.0 : steps.front().currentNa;
  for (const CurrentStep& s : steps)
    if (s.timeMs <= fromMs) now = s.currentNa;
  merged.push_back({fromMs, now});
  for (const CurrentStep& s : steps)
    if (s.timeMs > fromMs) merged.push_back(s);
  injected = std::move(merged);
  rebuildStrips();
}

QColor MembraneTracePlot::colorOf(const Probe& probe, int shade) const {
  auto it = populations_.find(probe.population);
  if (it == populations_.end()) return traceColor(shade);
  return populationShade(populationColor(it->second.colorIndex), shade);
}

QCPAxisRect* MembraneTracePlot::stripOf(const std::string& population) const {
  for (const Strip& s : strips_)
    if (s.population == population) return s.rect;
  return axisRect();
}

void MembraneTracePlot::rebuildStrips() {
  // Keep the samples of the neurons still traced; graphs and strips are made afresh.
  std::map<Probe, std::pair<QSharedPointer<QCPGraphDataContainer>, int64_t>> kept;
  for (const Probe& p : order_)
    if (auto it = traces_.find(p); it != traces_.end())
      kept[p] = {it->second.graph->data(), it->second.lastStep};
  clearGraphs();
  traces_.clear();
  for (const Strip& s : strips_)
    if (s.name) removeItem(s.name);
  for (int row = plotLayout()->rowCount() - 1; row >= 2; --row)
    if (QCPLayoutElement* e = plotLayout()->element(row, 0)) plotLayout()->remove(e);
  plotLayout()->simplify();
  strips_.clear();

  std::vector<std::string> populations;
  for (const Probe& p : order_)
    if (std::find(populations.begin(), populations.end(), p.population) == populations.end())
      populations.push_back(p.population);
  if (populations.empty()) populations.push_back({});  // the empty strip of the hint

  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.8);
  for (size_t i = 0; i < populations.size(); ++i) {
    Strip strip{.population = populations[i]};
    strip.rect = i == 0 ? axisRect() : new QCPAxisRect(this);
    if (i > 0) plotLayout()->addElement(static_cast<int>(i) + 1, 0, strip.rect);
    QCPAxisRect* rect = strip.rect;
    rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins_);
    rect->setRangeDrag(Qt::Horizontal);
    rect->setRangeZoom(Qt::Horizontal);
    rect->setRangeDragAxes(rect->axis(QCPAxis::atBottom), nullptr);
    rect->setRangeZoomAxes(rect->axis(QCPAxis::atBottom), nullptr);
    if (rect != axisRect()) {
      rect->axis(QCPAxis::atBottom)->setRange(xAxis->range());
      connect(rect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
              this, [this](const QCPRange& r) {
                if (!syncing_) xAxis->setRange(r);  // the user dragged this strip
              });
    }
    // Many strips share a small dock: fewer ticks, and the unit once, in the strip's name.
    const bool crowded = populations.size() > 2;
    QCPAxis* v = rect->axis(QCPAxis::atLeft);
    v->setLabel(crowded ? QString() : tr("mV"));
    v->setTickLabelFont(small);
    v->ticker()->setTickCount(crowded ? 2 : 4);
    QCPAxis* right = rect->axis(QCPAxis::atRight);
    auto it = populations_.find(populations[i]);
    const bool injected = it != populations_.end() && !it->second.injected.empty();
    right->setVisible(injected);
    if (injected) {
      right->setLabel(crowded ? QString() : tr("nA"));
      right->setTickLabelFont(small);
      right->setTickLabels(true);
      right->ticker()->setTickCount(2);
      strip.current = addGraph(rect->axis(QCPAxis::atBottom), right);
      strip.current->setLineStyle(QCPGraph::lsStepLeft);
      QColor c = inkColor();
      c.setAlpha(150);
      strip.current->setPen(QPen(c, 1.0));
      strip.current->setName(tr("injected current"));
      strip.current->removeFromLegend();
      for (const CurrentStep& step : it->second.injected)
        strip.current->addData(step.timeMs, step.currentNa);
      strip.current->addData(kFarFutureMs, it->second.injected.back().currentNa);
    }
    if (!populations[i].empty()) {
      strip.name = new QCPItemText(this);
      strip.name->setClipAxisRect(rect);
      strip.name->position->setAxisRect(rect);
      strip.name->position->setType(QCPItemPosition::ptAxisRectRatio);
      strip.name->position->setCoords(0.01, 0.02);
      strip.name->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
      strip.name->setText(crowded ? toQ(populations[i]) + tr(" (mV)") : toQ(populations[i]));
      strip.name->setFont(small);
      strip.name->setColor(colorOf({populations[i], 0}, 0));
    }
    strips_.push_back(strip);
  }
  // With a strip per population the strips name them; the legend is for one population's
  // neurons, told apart by shade.
  legend->setVisible(legendWanted_.value_or(strips_.size() == 1 && order_.size() > 1));
  // Only the bottom strip carries the time axis' labels.
  for (const Strip& s : strips_) {
    QCPAxis* x = s.rect->axis(QCPAxis::atBottom);
    const bool bottom = s.rect == strips_.back().rect;
    x->setTickLabels(bottom);
    x->setLabel(bottom ? tr("time (ms)") : QString());
  }

  std::map<std::string, int> shades;
  for (const Probe& p : order_) {
    Trace trace;
    QCPAxisRect* rect = stripOf(p.population);
    trace.graph = addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    trace.graph->setName(toQ(p.population) + "[" + QString::number(p.neuron) + "]");
    trace.graph->setAdaptiveSampling(true);
    // Width 1: the raster engine's fast cosmetic stroker; a wider pen is tessellated, ten times
    // slower.
    trace.graph->setPen(QPen(colorOf(p, shades[p.population]++), 1.0));
    if (auto it = kept.find(p); it != kept.end()) {
      trace.graph->setData(it->second.first);
      trace.lastStep = it->second.second;
    }
    traces_[p] = trace;
  }
  for (const Strip& s : strips_) fitAxes(s, xAxis->range().lower, xAxis->range().upper);
  applyPalette();
  updateHint();
  markDirty();
}

std::string MembraneTracePlot::stripPopulation(int strip) const {
  return strip >= 0 && strip < stripCount() ? strips_[static_cast<size_t>(strip)].population
                                            : std::string();
}

bool MembraneTracePlot::stripHasCurrent(int strip) const {
  return strip >= 0 && strip < stripCount() && strips_[static_cast<size_t>(strip)].current;
}

double MembraneTracePlot::injectedAt(int strip, double ms) const {
  if (!stripHasCurrent(strip)) return NAN;
  const auto data = strips_[static_cast<size_t>(strip)].current->data();
  auto it = data->findBegin(ms);
  return it == data->constEnd() ? NAN : it->value;
}

void MembraneTracePlot::applyPalette() {
  LivePlot::applyPalette();
  for (const Strip& s : strips_) {
    if (s.rect != axisRect()) s.rect->setBackground(palette().color(QPalette::Base));
    for (QCPAxis* axis : s.rect->axes()) styleAxis(axis);
  }
}

void MembraneTracePlot::updateHint() {
  QString text;
  if (order_.empty()) {
    text = tr("Click a neuron in the raster\n(or a population) to trace it");
  } else {
    const bool empty = std::all_of(traces_.begin(), traces_.end(),
                                   [](const auto& t) { return t.second.graph->dataCount() == 0; });
    // A neuron chosen after (or between) runs has no samples yet: its membrane is recorded
    // from the moment it is chosen, not before.
    if (empty)
      text = tr("%1 is traced from now on:\nits membrane appears as the network runs (Run, Space)")
                 .arg(toQ(order_.front().population) + "[" +
                      QString::number(order_.front().neuron) + "]" +
                      (order_.size() > 1 ? tr(" and %1 more").arg(order_.size() - 1) : QString()));
  }
  hint_->setText(text);
  hint_->setVisible(!text.isEmpty());
}

QString MembraneTracePlot::hintText() const {
  return hint_->visible() ? hint_->text() : QString();
}

void MembraneTracePlot::clear() {
  for (auto& [probe, trace] : traces_) {
    trace.graph->data()->clear();
    trace.lastStep = -1;
  }
  updateHint();
  markDirty();
}

int MembraneTracePlot::sampleCount(const Probe& probe) const {
  auto it = traces_.find(probe);
  return it == traces_.end() ? -1 : it->second.graph->dataCount();
}

void MembraneTracePlot::appendChunk(const SimulationChunk& chunk) {
  QVector<double> keys, values;
  bool added = false;
  for (const StateRecord& rec : chunk.states) {
    if (rec.variable != "v") continue;
    const size_t columns = rec.neurons.size();
    for (size_t k = 0; k < columns; ++k) {
      auto it = traces_.find(Probe{rec.population, rec.neurons[k]});
      if (it == traces_.end()) continue;
      Trace& trace = it->second;
      keys.clear();
      values.clear();
      for (size_t s = 0; s < rec.sampleSteps.size(); ++s) {
        if (rec.sampleSteps[s] <= trace.lastStep) continue;
        keys.append(chunk.timeMs(rec.sampleSteps[s]));
        values.append(rec.values[s * columns + k]);
      }
      if (keys.isEmpty()) continue;
      trace.graph->addData(keys, values, true);
      trace.lastStep = rec.sampleSteps.back();
      added = true;
    }
  }
  if (added && hint_->visible()) updateHint();
  markDirty();
}

void MembraneTracePlot::fitAxes(const Strip& strip, double fromMs, double toMs) {
  const QCPRange window(fromMs, toMs);
  double lo = INFINITY, hi = -INFINITY;
  for (QCPGraph* g : strip.rect->graphs()) {
    if (g == strip.current) continue;
    bool found = false;
    const QCPRange r = g->getValueRange(found, QCP::sdBoth, window);
    if (found) lo = std::min(lo, r.lower), hi = std::max(hi, r.upper);
  }
  if (lo <= hi) {
    // Whole 5 mV steps, so the axis does not twitch with every new sample; the bottom quarter
    // is left to the injected current.
    const double pad = std::max(2.0, (hi - lo) * 0.08);
    double bottom = std::floor((lo - pad) / 5) * 5;
    const double top = std::ceil((hi + pad) / 5) * 5;
    if (strip.current) bottom -= (top - bottom) * kCurrentShare / (1 - kCurrentShare);
    strip.rect->axis(QCPAxis::atLeft)->setRange(bottom, top);
  }
  if (!strip.current) return;
  // The current at the window's start (the step before it) and every step inside it.
  double iLo = INFINITY, iHi = -INFINITY;
  const auto data = strip.current->data();
  auto it = data->findBegin(fromMs);  // the last point at or before fromMs
  for (; it != data->constEnd() && it->key <= toMs; ++it)
    iLo = std::min(iLo, it->value), iHi = std::max(iHi, it->value);
  if (!(iLo <= iHi)) return;
  // The current's range fills the strip's bottom quarter, clear of the time axis: [iLo, iHi]
  // from 5 % to 25 % of the height (a constant current at 12 %, on a scale of its own size).
  const bool flat = !(iHi > iLo);
  const double span = flat ? std::max(std::abs(iLo), 0.1) : iHi - iLo;
  const double height = span / (kCurrentShare - 0.05);
  const double below = flat ? 0.12 : 0.05;  // a constant current clear of the time axis
  strip.current->valueAxis()->setRange(iLo - below * height, iLo + (1 - below) * height);
}

void MembraneTracePlot::prepareWindow(double fromMs, double toMs) {
  syncing_ = true;
  LivePlot::prepareWindow(fromMs, toMs);
  for (const Strip& s : strips_)
    if (s.rect != axisRect()) s.rect->axis(QCPAxis::atBottom)->setRange(fromMs, toMs);
  syncing_ = false;
  for (auto& [probe, trace] : traces_)
    if (trace.graph->dataCount() > kMaxSamplesPerTrace)  // the memory bound: oldest go
      trace.graph->data()->removeBefore(fromMs);
  for (const Strip& s : strips_) fitAxes(s, fromMs, toMs);
}

void MembraneTracePlot::addContextActions(QMenu* menu) {
  menu->addAction(themeIcon("edit-delete"), tr("Stop Tracing"), this,
                  &MembraneTracePlot::clearRequested);
  QAction* shown = menu->addAction(tr("Show Legend"), this, [this](bool on) {
    legendWanted_ = on;
    legend->setVisible(on);
    markDirty();
  });
  shown->setCheckable(true);
  shown->setChecked(legend->visible());  // the tick says what is shown
}

}  // namespace snn::gui
