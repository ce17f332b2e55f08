#include "FeatureMapView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "FeatureMapPlot.h"
#include "canvas/NetworkScene.h"
#include "document/NetworkDocument.h"
#include "session/SimulationSession.h"
#include "util/QtText.h"

namespace snn::gui {

FeatureMapView::FeatureMapView(QWidget* parent) : QWidget(parent) {
  setObjectName("FeatureMapView");
  population_ = new QComboBox(this);
  population_->setObjectName("featureMapPopulation");
  population_->setToolTip(tr("The shaped population (C\u00d7H\u00d7W) whose activity is shown"));
  population_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  measure_ = new QComboBox(this);
  measure_->setObjectName("featureMapMeasure");
  measure_->addItem(tr("Spike count"), int(Measure::Count));
  measure_->addItem(tr("Rate (Hz)"), int(Measure::Rate));
  plot_ = new FeatureMapPlot(this);
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Population:"), this));
  bar->addWidget(population_);
  bar->addSpacing(12);
  bar->addWidget(measure_);
  bar->addStretch();
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 0);
  layout->addLayout(bar);
  layout->addWidget(plot_, 1);
  connect(population_, &QComboBox::activated, this, [this] {
    wanted_ = population_->currentData().toString().toStdString();
    refresh();
  });
  connect(measure_, &QComboBox::activated, this, [this] { refresh(); });
  frame_.setInterval(kFrameMs);
  connect(&frame_, &QTimer::timeout, this, [this] {
    if (dirty_ && isVisible()) refresh();
  });
  frame_.start();
  refresh();
}

void FeatureMapView::followSession(SimulationSession* session) {
  connect(session, &SimulationSession::runStarted, this,
          [this](RunLayoutPtr layout) { startRun(*layout); });
  connect(session, &SimulationSession::chunkReady, this,
          [this](ChunkPtr chunk) { appendChunk(*chunk); });
  connect(session, &SimulationSession::recordingCleared, this, [this, session] {
    if (!session->layout()) startRun(RunLayout{});  // another project
    clear();
  });
  connect(session, &SimulationSession::stateChanged, this, [this](RunState state) {
    if (state != RunState::Running && dirty_) refresh();  // the run's last counts, at once
  });
}

void FeatureMapView::followSelection(NetworkScene* scene) {
  connect(scene, &QGraphicsScene::selectionChanged, this, [this, scene] {
    const auto pops = scene->selectedPopulations();
    if (pops.size() != 1) return;
    const PopulationSpec* pop = scene->document()->project().network.findPopulation(pops[0]);
    if (pop && pop->shape) showPopulation(toQ(pop->id));
  });
}

void FeatureMapView::startRun(const RunLayout& layout) {
  counted_.clear();
  for (size_t i = 0; i < layout.populations.size(); ++i) {
    const RunPopulation& p = layout.populations[i];
    if (!p.shape || p.role == ModelRole::CurrentSource || p.shape->size() != p.size) continue;
    counted_.push_back({p.id, i, *p.shape, std::vector<int64_t>(static_cast<size_t>(p.size), 0)});
  }
  dt_ = layout.dt;
  steps_ = 0;
  fillChoices();
  refresh();
}

void FeatureMapView::clear() {
  for (Counted& c : counted_) std::fill(c.spikes.begin(), c.spikes.end(), 0);
  steps_ = 0;
  refresh();
}

void FeatureMapView::appendChunk(const SimulationChunk& chunk) {
  for (Counted& c : counted_) {
    if (c.index >= chunk.spikes.size() || c.index >= chunk.populations.size() ||
        chunk.populations[c.index] != c.id)
      continue;
    for (int32_t n : chunk.spikes[c.index].neurons)
      if (n >= 0 && static_cast<size_t>(n) < c.spikes.size()) ++c.spikes[static_cast<size_t>(n)];
  }
  steps_ += chunk.stepCount;
  dt_ = chunk.dt;
  dirty_ = true;
}

void FeatureMapView::fillChoices() {
  population_->clear();
  for (const Counted& c : counted_)
    population_->addItem(toQ(c.id) + " (" + toQ(c.shape.describe()) + ")", toQ(c.id));
  population_->setEnabled(!counted_.empty());
}

void FeatureMapView::showPopulation(const QString& id) {
  wanted_ = id.toStdString();
  refresh();
}

QString FeatureMapView::shownPopulation() const {
  const Counted* c = shown();
  return c ? toQ(c->id) : QString();
}

void FeatureMapView::setMeasure(Measure measure) {
  measure_->setCurrentIndex(measure_->findData(int(measure)));
  refresh();
}

const FeatureMapView::Counted* FeatureMapView::shown() const {
  for (const Counted& c : counted_)
    if (c.id == wanted_) return &c;
  return counted_.empty() ? nullptr : &counted_.front();
}

const std::vector<int64_t>* FeatureMapView::countsOf(const std::string& id) const {
  for (const Counted& c : counted_)
    if (c.id == id) return &c.spikes;
  return nullptr;
}

void FeatureMapView::refresh() {
  dirty_ = false;
  const Counted* c = shown();
  if (!c) {
    plot_->clear(wanted_.empty()
                     ? QString()
                     : tr("Run the network to see the feature maps of %1").arg(toQ(wanted_)));
    return;
  }
  population_->setCurrentIndex(population_->findData(toQ(c->id)));
  const bool rate = measure_->currentData().toInt() == int(Measure::Rate);
  const double ms = static_cast<double>(steps_) * dt_;
  const double perCount = rate ? (ms > 0.0 ? 1000.0 / ms : 0.0) : 1.0;
  std::vector<double> values(c->spikes.size());
  for (size_t n = 0; n < values.size(); ++n)
    values[n] = static_cast<double>(c->spikes[n]) * perCount;
  plot_->setMaps(c->shape, values,
                 tr("%1 \u00b7 %2 \u00b7 %3 ms").arg(toQ(c->id), toQ(c->shape.describe())).arg(ms),
                 rate ? tr("rate (Hz)") : tr("spikes"));
}

}  // namespace snn::gui
