#include "PopulationRatePlot.h"

#include <cmath>

#include "style/PopulationColors.h"
#include "util/QtText.h"

namespace snn::gui {

PopulationRatePlot::PopulationRatePlot(QWidget* parent) : LivePlot(tr("Population rate"), parent) {
  setExportName("rate");
  yAxis->setLabel(tr("rate (Hz)"));
  setToolTip(
      tr("Spikes per neuron per second, a point every 10 ms; a small population's over "
         "a sliding window (200 ms for one neuron, 10 ms from 20 neurons on)"));
  yAxis->setRange(0, 10);
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.85);
  legend->setFont(small);
  placeLegendAbove();
}

double PopulationRatePlot::smoothingMs(int64_t size) {
  // About 20 neuron-bins per point: 1 neuron -> 200 ms, 20 or more -> one 10 ms bin.
  const double ms = kMaxSmoothingMs / static_cast<double>(std::max<int64_t>(size, 1));
  return std::max(kBinMs, std::round(ms / kBinMs) * kBinMs);
}

void PopulationRatePlot::startRun(const RunLayout& layout) {
  clearGraphs();
  lines_.assign(layout.populations.size(), Line{});
  dt_ = layout.dt;
  for (size_t p = 0; p < layout.populations.size(); ++p) {
    const RunPopulation& pop = layout.populations[p];
    if (pop.role == ModelRole::CurrentSource) continue;
    Line& line = lines_[p];
    line.graph = addGraph();
    const double window = smoothingMs(pop.size);
    line.graph->setName(toQ(pop.id));
    line.window = static_cast<int>(std::lround(window / kBinMs));
    line.recent.assign(static_cast<size_t>(line.window), 0);
    line.graph->setPen(QPen(populationColor(pop.colorIndex), 1.0));  // fast stroker, see traces
    line.graph->setLineStyle(QCPGraph::lsStepCenter);
    line.size = std::max<int64_t>(pop.size, 1);
  }
  legend->setVisible(graphCount() > 1);  // one line needs no key: the raster names it
  markDirty();
}

void PopulationRatePlot::clear() {
  for (Line& line : lines_) {
    if (line.graph) line.graph->data()->clear();
    line.binStart = 0;
    line.count = 0;
    std::fill(line.recent.begin(), line.recent.end(), 0);
    line.binsDone = 0;
  }
  markDirty();
}

const QCPGraph* PopulationRatePlot::graphOf(size_t population) const {
  return population < lines_.size() ? lines_[population].graph : nullptr;
}

void PopulationRatePlot::appendChunk(const SimulationChunk& chunk) {
  const auto binSteps = std::max<int64_t>(1, std::llround(kBinMs / chunk.dt));
  const double binSeconds = static_cast<double>(binSteps) * chunk.dt / 1000.0;
  for (size_t p = 0; p < chunk.countsPerStep.size() && p < lines_.size(); ++p) {
    Line& line = lines_[p];
    if (!line.graph) continue;
    const auto& counts = chunk.countsPerStep[p];
    for (size_t s = 0; s < counts.size(); ++s) {
      const int64_t step = chunk.firstStep + static_cast<int64_t>(s);
      if (step >= line.binStart + binSteps) {  // the bin is complete
        line.recent[static_cast<size_t>(line.binsDone++ % line.window)] = line.count;
        const int64_t bins = std::min<int64_t>(line.binsDone, line.window);
        int64_t sum = 0;
        for (int64_t c : line.recent) sum += c;
        // A windowed point sits at the window's centre, as a one-bin point at its bin's.
        const double end = chunk.timeMs(line.binStart) + kBinMs;
        const double centre = end - static_cast<double>(bins) * kBinMs / 2;
        line.graph->addData(centre, static_cast<double>(sum) / static_cast<double>(line.size) /
                                        (binSeconds * static_cast<double>(bins)));
        line.binStart = step - step % binSteps;
        line.count = 0;
      }
      line.count += counts[s];
    }
  }
  markDirty();
}

void PopulationRatePlot::prepareWindow(double fromMs, double toMs) {
  LivePlot::prepareWindow(fromMs, toMs);
  double hi = 0;
  for (Line& line : lines_) {
    if (!line.graph) continue;
    if (line.graph->dataCount() > kMaxPointsPerLine) line.graph->data()->removeBefore(fromMs);
    bool found = false;
    const QCPRange r = line.graph->getValueRange(found, QCP::sdBoth, QCPRange(fromMs, toMs));
    if (found) hi = std::max(hi, r.upper);
  }
  // Grow in steps of 10 Hz so the axis is calm.
  yAxis->setRange(0, std::max(10.0, std::ceil(hi * 1.1 / 10) * 10));
}

}  // namespace snn::gui
