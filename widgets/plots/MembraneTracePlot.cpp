#include "MembraneTracePlot.h"

#include <QMenu>
#include <algorithm>
#include <cmath>

#include "style/PopulationColors.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {
constexpr int kMembraneStretch = 3;   // a current strip is a third of its membrane strip
constexpr double kFarFutureMs = 1e9;  // the last current step lasts "for ever"
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
              for (QCPAxisRect* rect : {s.membrane, s.current})
                if (rect && rect != axisRect()) rect->axis(QCPAxis::atBottom)->setRange(r);
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

QColor MembraneTracePlot::colorOf(const Probe& probe, int shade) const {
  auto it = populations_.find(probe.population);
  if (it == populations_.end()) return traceColor(shade);
  return populationShade(populationColor(it->second.colorIndex), shade);
}

QCPAxisRect* MembraneTracePlot::stripOf(const std::string& population) const {
  for (const Strip& s : strips_)
    if (s.population == population) return s.membrane;
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
  for (int row = plotLayout()->rowCount() - 1; row >= 2; --row)
    if (QCPLayoutElement* e = plotLayout()->element(row, 0)) plotLayout()->remove(e);
  plotLayout()->simplify();
  strips_.clear();

  std::vector<std::string> populations;
  for (const Probe& p : order_)
    if (std::find(populations.begin(), populations.end(), p.population) == populations.end())
      populations.push_back(p.population);
  if (populations.empty()) populations.push_back({});  // the empty strip of the hint

  int row = 1;  // row 0 holds the legend
  for (size_t i = 0; i < populations.size(); ++i) {
    Strip strip{.population = populations[i]};
    strip.membrane = i == 0 ? axisRect() : new QCPAxisRect(this);
    if (i > 0) plotLayout()->addElement(row, 0, strip.membrane);
    plotLayout()->setRowStretchFactor(row++, kMembraneStretch);
    auto it = populations_.find(populations[i]);
    if (it != populations_.end() && !it->second.injected.empty()) {
      strip.current = new QCPAxisRect(this);
      plotLayout()->addElement(row, 0, strip.current);
      plotLayout()->setRowStretchFactor(row++, 1);
      strip.currentGraph =
          addGraph(strip.current->axis(QCPAxis::atBottom), strip.current->axis(QCPAxis::atLeft));
      strip.currentGraph->setLineStyle(QCPGraph::lsStepLeft);
      strip.currentGraph->setPen(QPen(colorOf({populations[i], 0}, 0), 1.0));
      strip.currentGraph->removeFromLegend();
      for (const CurrentStep& step : it->second.injected)
        strip.currentGraph->addData(step.timeMs, step.currentNa);
      strip.currentGraph->addData(kFarFutureMs, it->second.injected.back().currentNa);
      strip.current->axis(QCPAxis::atLeft)->setLabel(tr("I (nA)"));
    }
    for (QCPAxisRect* rect : {strip.membrane, strip.current}) {
      if (!rect) continue;
      rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins_);
      rect->setRangeDrag(Qt::Horizontal);
      rect->setRangeZoom(Qt::Horizontal);
      rect->setRangeDragAxes(rect->axis(QCPAxis::atBottom), nullptr);
      rect->setRangeZoomAxes(rect->axis(QCPAxis::atBottom), nullptr);
      if (rect == axisRect()) continue;
      rect->setupFullAxesBox(false);
      rect->axis(QCPAxis::atTop)->setVisible(false);
      rect->axis(QCPAxis::atRight)->setVisible(false);
      rect->axis(QCPAxis::atBottom)->setRange(xAxis->range());
      connect(rect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
              this, [this](const QCPRange& r) {
                if (!syncing_) xAxis->setRange(r);  // the user dragged this strip
              });
    }
    strip.membrane->axis(QCPAxis::atLeft)
        ->setLabel(populations[i].empty() ? tr("v (mV)") : toQ(populations[i]) + tr(" v (mV)"));
    strips_.push_back(strip);
  }
  // Only the bottom strip carries the time axis' labels.
  QCPAxisRect* bottom = strips_.back().current ? strips_.back().current : strips_.back().membrane;
  for (const Strip& s : strips_)
    for (QCPAxisRect* rect : {s.membrane, s.current})
      if (rect) {
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        x->setTickLabels(rect == bottom);
        x->setLabel(rect == bottom ? tr("time (ms)") : QString());
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

void MembraneTracePlot::applyPalette() {
  LivePlot::applyPalette();
  for (const Strip& s : strips_)
    for (QCPAxisRect* rect : {s.membrane, s.current})
      if (rect && rect != axisRect()) {
        rect->setBackground(palette().color(QPalette::Base));
        for (QCPAxis* axis : rect->axes()) styleAxis(axis);
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

void MembraneTracePlot::fitValueAxis(QCPAxisRect* rect, double fromMs, double toMs, double minSpan,
                                     double grid) {
  double lo = INFINITY, hi = -INFINITY;
  for (QCPGraph* g : rect->graphs()) {
    bool found = false;
    const QCPRange r = g->getValueRange(found, QCP::sdBoth, QCPRange(fromMs, toMs));
    if (found) lo = std::min(lo, r.lower), hi = std::max(hi, r.upper);
  }
  if (!(lo <= hi)) return;
  // Whole grid steps, so the axis does not twitch with every new sample.
  const double pad = std::max(minSpan / 2, (hi - lo) * 0.08);
  rect->axis(QCPAxis::atLeft)
      ->setRange(std::floor((lo - pad) / grid) * grid, std::ceil((hi + pad) / grid) * grid);
}

void MembraneTracePlot::prepareWindow(double fromMs, double toMs) {
  syncing_ = true;
  LivePlot::prepareWindow(fromMs, toMs);
  for (const Strip& s : strips_)
    for (QCPAxisRect* rect : {s.membrane, s.current})
      if (rect && rect != axisRect()) rect->axis(QCPAxis::atBottom)->setRange(fromMs, toMs);
  syncing_ = false;
  for (auto& [probe, trace] : traces_)
    if (trace.graph->dataCount() > kMaxSamplesPerTrace)  // the memory bound: oldest go
      trace.graph->data()->removeBefore(fromMs);
  for (const Strip& s : strips_) {
    fitValueAxis(s.membrane, fromMs, toMs, 4.0, 5.0);
    if (s.current) fitValueAxis(s.current, fromMs, toMs, 0.2, 0.1);
  }
}

void MembraneTracePlot::addContextActions(QMenu* menu) {
  menu->addAction(themeIcon("edit-delete"), tr("Stop Tracing"), this,
                  &MembraneTracePlot::clearRequested);
  QAction* shown = menu->addAction(tr("Show Legend"), this, [this](bool on) {
    legend->setVisible(on);
    markDirty();
  });
  shown->setCheckable(true);
  shown->setChecked(legend->visible());  // the tick says what is shown
}

}  // namespace snn::gui
