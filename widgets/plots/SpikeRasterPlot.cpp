#include "SpikeRasterPlot.h"

#include <QMouseEvent>
#include <algorithm>
#include <cmath>
#include <map>

#include "SpikeRasterLayer.h"
#include "style/PopulationColors.h"
#include "util/QtText.h"

namespace snn::gui {

namespace {
// A small population next to a large one still gets a readable band.
constexpr double kMinBandShare = 0.07;
// Spikes kept for scrolling back: 12 bytes each, about 100 MB.
constexpr size_t kMaxSpikesKept = 8'000'000;
// A press and release closer than this is a click (trace the neuron), farther a drag (pan).
constexpr int kClickSlopPx = 4;
}  // namespace

SpikeRasterPlot::SpikeRasterPlot(QWidget* parent) : LivePlot(tr("Spike raster"), parent) {
  setExportName("raster");
  layer_ = new SpikeRasterLayer(xAxis, yAxis, &history_);
  yAxis->setRangeReversed(true);  // the first population on top, as on the canvas
  yAxis->setTickLength(0, 0);
  yAxis->setSubTicks(false);
  yAxis->grid()->setVisible(false);
  yAxis->setLabel(tr("neuron"));
  yAxis->setTicker(QSharedPointer<QCPAxisTickerText>::create());  // no rows before a run
  hint_ = addHint(tr("Press Run (Space) to see the spikes of every population"));
  setCursor(Qt::CrossCursor);
  setMouseTracking(true);
  clear();
}

void SpikeRasterPlot::clear() {
  history_.reset(layer_->bands().size());
  markDirty();
}

void SpikeRasterPlot::startRun(const RunLayout& layout) {
  std::vector<RasterBand> bands;
  historyOf_.assign(layout.populations.size(), -1);
  int64_t total = 0;
  for (const RunPopulation& p : layout.populations)
    if (p.spikesRecorded) total += p.size;
  double start = 0.0;
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (size_t i = 0; i < layout.populations.size(); ++i) {
    const RunPopulation& p = layout.populations[i];
    if (!p.spikesRecorded) continue;
    RasterBand band;
    band.history = bands.size();
    band.id = toQ(p.id);
    band.size = p.size;
    band.start = start;
    band.height = std::max(static_cast<double>(p.size), kMinBandShare * static_cast<double>(total));
    band.color = populationColor(p.colorIndex);
    historyOf_[i] = static_cast<int>(bands.size());
    ticker->addTick(band.start + band.height / 2, band.id);
    start += band.height;
    bands.push_back(band);
  }
  yAxis->setTicker(ticker);
  yAxis->setRange(0, std::max(start, 1.0));
  layer_->setBands(std::move(bands));
  history_.reset(layer_->bands().size());
  hint_->setVisible(layer_->bands().empty());
  setProbes(probes_);
  markDirty();
}

void SpikeRasterPlot::appendChunk(const SimulationChunk& chunk) {
  for (size_t p = 0; p < chunk.populations.size() && p < historyOf_.size(); ++p) {
    if (historyOf_[p] < 0 || chunk.spikes[p].steps.empty()) continue;
    history_.append(static_cast<size_t>(historyOf_[p]), chunk.spikes[p].steps,
                    chunk.spikes[p].neurons, chunk.dt);
  }
  markDirty();
}

void SpikeRasterPlot::prepareWindow(double fromMs, double toMs) {
  LivePlot::prepareWindow(fromMs, toMs);
  history_.keepAtMost(kMaxSpikesKept);
}

std::optional<Probe> SpikeRasterPlot::neuronAt(const QPoint& pos) const {
  if (!axisRect()->rect().contains(pos)) return std::nullopt;
  const double y = yAxis->pixelToCoord(pos.y());
  for (const RasterBand& band : layer_->bands()) {
    if (y < band.start || y >= band.start + band.height) continue;
    const auto neuron = static_cast<int64_t>(
        std::floor((y - band.start) / band.height * static_cast<double>(band.size)));
    return Probe{toStd(band.id), std::clamp<int64_t>(neuron, 0, band.size - 1)};
  }
  return std::nullopt;
}

void SpikeRasterPlot::setHint(const QString& hint) {
  hint_->setText(hint);
  markDirty();
}

void SpikeRasterPlot::mousePressEvent(QMouseEvent* event) {
  pressedAt_ = event->button() == Qt::LeftButton ? event->position().toPoint() : QPoint(-1, -1);
  LivePlot::mousePressEvent(event);  // may start a drag of the time axis
}

void SpikeRasterPlot::mouseReleaseEvent(QMouseEvent* event) {
  const QPoint at = event->position().toPoint();
  const bool click = event->button() == Qt::LeftButton && pressedAt_.x() >= 0 &&
                     (at - pressedAt_).manhattanLength() <= kClickSlopPx;
  LivePlot::mouseReleaseEvent(event);
  if (!tracing_ || !click) return;
  if (auto probe = neuronAt(at))
    Q_EMIT neuronClicked(*probe, event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier));
}

void SpikeRasterPlot::mouseMoveEvent(QMouseEvent* event) {
  if (auto probe = neuronAt(event->position().toPoint()))
    setToolTip(tracing_ ? tr("%1 neuron %2: click to trace its membrane, Ctrl+click to add it")
                              .arg(toQ(probe->population))
                              .arg(probe->neuron)
                        : tr("%1 neuron %2").arg(toQ(probe->population)).arg(probe->neuron));
  else
    setToolTip({});
  LivePlot::mouseMoveEvent(event);
}

void SpikeRasterPlot::setProbes(const std::vector<Probe>& probes) {
  probes_ = probes;
  for (QCPItemText* mark : probeMarks_) removeItem(mark);
  probeMarks_.clear();
  std::map<std::string, int> shades;  // the k-th traced neuron of a population: its k-th shade
  for (size_t k = 0; k < probes.size(); ++k) {
    const int shade = shades[probes[k].population]++;
    for (const RasterBand& band : layer_->bands()) {
      if (toStd(band.id) != probes[k].population || probes[k].neuron >= band.size) continue;
      auto* mark = new QCPItemText(this);
      mark->setClipToAxisRect(false);
      mark->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
      mark->position->setTypeY(QCPItemPosition::ptPlotCoords);
      mark->position->setCoords(0.0,
                                band.start + (probes[k].neuron + 0.5) * band.height / band.size);
      mark->setPositionAlignment(Qt::AlignRight | Qt::AlignVCenter);
      mark->setText(QStringLiteral("▶"));
      mark->setColor(populationShade(band.color, shade));
      QFont f = font();
      f.setPointSizeF(f.pointSizeF() * 0.75);
      mark->setFont(f);
      probeMarks_.push_back(mark);
    }
  }
  markDirty();
}

}  // namespace snn::gui
