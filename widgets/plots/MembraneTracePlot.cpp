#include "MembraneTracePlot.h"

#include <QMenu>
#include <cmath>

#include "style/PopulationColors.h"
#include "style/Theme.h"
#include "util/QtText.h"

namespace snn::gui {

MembraneTracePlot::MembraneTracePlot(QWidget* parent) : LivePlot(tr("Membrane potential"), parent) {
  setExportName("membrane");
  yAxis->setLabel(tr("v (mV)"));
  yAxis->setRange(-80, -40);
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.85);
  legend->setFont(small);
  placeLegendAbove();
  hint_ = addHint(tr("Click a neuron in the raster\n(or a population) to trace it"));
  hint_->setFont(small);
}

void MembraneTracePlot::setProbes(const std::vector<Probe>& probes) {
  std::map<Probe, Trace> kept;
  for (size_t k = 0; k < probes.size(); ++k) {
    Trace trace;
    if (auto it = traces_.find(probes[k]); it != traces_.end()) {
      trace = it->second;
      traces_.erase(it);
    } else {
      trace.graph = addGraph();
      trace.graph->setName(toQ(probes[k].population) + "[" + QString::number(probes[k].neuron) +
                           "]");
      trace.graph->setAdaptiveSampling(true);
    }
    // Width 1: the raster engine's fast cosmetic stroker; a wider pen is tessellated, ten times
    // slower.
    trace.graph->setPen(QPen(traceColor(static_cast<int>(k)), 1.0));
    kept[probes[k]] = trace;
  }
  for (auto& [probe, trace] : traces_) removeGraph(trace.graph);
  traces_ = std::move(kept);
  hint_->setVisible(traces_.empty());
  markDirty();
}

void MembraneTracePlot::clear() {
  for (auto& [probe, trace] : traces_) {
    trace.graph->data()->clear();
    trace.lastStep = -1;
  }
  markDirty();
}

int MembraneTracePlot::sampleCount(const Probe& probe) const {
  auto it = traces_.find(probe);
  return it == traces_.end() ? -1 : it->second.graph->dataCount();
}

void MembraneTracePlot::appendChunk(const SimulationChunk& chunk) {
  QVector<double> keys, values;
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
    }
  }
  markDirty();
}

void MembraneTracePlot::prepareWindow(double fromMs, double toMs) {
  LivePlot::prepareWindow(fromMs, toMs);
  double lo = INFINITY, hi = -INFINITY;
  for (auto& [probe, trace] : traces_) {
    trace.graph->data()->removeBefore(fromMs);
    bool found = false;
    const QCPRange r = trace.graph->getValueRange(found);
    if (found) lo = std::min(lo, r.lower), hi = std::max(hi, r.upper);
  }
  if (lo <= hi) {
    // Whole 5 mV steps, so the axis does not twitch with every new sample.
    const double pad = std::max(2.0, (hi - lo) * 0.08);
    yAxis->setRange(std::floor((lo - pad) / 5) * 5, std::ceil((hi + pad) / 5) * 5);
  }
}

void MembraneTracePlot::addContextActions(QMenu* menu) {
  menu->addAction(themeIcon("edit-delete"), tr("Stop Tracing"), this,
                  &MembraneTracePlot::clearRequested);
  menu->addAction(tr("Show Legend"), this,
                  [this] {
                    legend->setVisible(!legend->visible());
                    markDirty();
                  })
      ->setCheckable(true);
}

}  // namespace snn::gui
