#include "LivePlotUpdater.h"

#include <algorithm>

#include "MembraneTracePlot.h"
#include "PopulationRatePlot.h"
#include "SpikeRasterPlot.h"
#include "canvas/NetworkScene.h"
#include "document/NetworkDocument.h"
#include "session/SimulationSession.h"
#include "sim/NeuronModelRegistry.h"

namespace snn::gui {

LivePlotUpdater::LivePlotUpdater(SimulationSession* session, SpikeRasterPlot* raster,
                                 MembraneTracePlot* traces, PopulationRatePlot* rates,
                                 QObject* parent)
    : QObject(parent),
      session_(session),
      raster_(raster),
      traces_(traces),
      rates_(rates),
      plots_{raster, traces, rates} {
  connect(session_, &SimulationSession::runStarted, this, [this](RunLayoutPtr layout) {
    raster_->startRun(*layout);
    rates_->startRun(*layout);
    traces_->clear();
    // A run restarted from its end keeps the live edits made to it: the current injected is the
    // document's now, not the one the network was compiled with.
    RunLayout now = *layout;
    if (document_)
      for (RunPopulation& p : now.populations)
        if (p.hasMembrane) p.injected = injectedCurrent(document_->project(), p.id);
    traces_->startRun(now);
    injected_.clear();
    for (const RunPopulation& p : now.populations) injected_[p.id] = p.injected;
    if (!userWindow_) {
      windowMs_ = std::clamp(layout->durationMs, 10.0, kLongestAutoWindowMs);
      for (LivePlot* p : plots_) p->setWindowLength(windowMs_);
    }
    following_ = true;
    shownMs_ = -1.0;
  });
  connect(session_, &SimulationSession::recordingCleared, this, [this] {
    if (!session_->layout()) {
      // Another project: none of the last one's populations stays on show.
      const RunLayout none;
      raster_->startRun(none);
      rates_->startRun(none);
      traces_->startRun(none);
    }
    raster_->clear();
    rates_->clear();
    traces_->clear();
    following_ = true;
    shownMs_ = -1.0;
  });
  connect(session_, &SimulationSession::stateChanged, this, [this](RunState state) {
    if (state == RunState::Running && !following_) {
      following_ = true;
      for (LivePlot* p : plots_) p->markDirty();
    }
  });
  connect(session_, &SimulationSession::chunkReady, this, [this](ChunkPtr chunk) {
    raster_->appendChunk(*chunk);
    traces_->appendChunk(*chunk);
    rates_->appendChunk(*chunk);
  });
  connect(session_, &SimulationSession::probesChanged, this, [this](const std::vector<Probe>& p) {
    traces_->setProbes(p);
    raster_->setProbes(p);
  });
  connect(raster_, &SpikeRasterPlot::neuronClicked, this, &LivePlotUpdater::onNeuronClicked);
  connect(traces_, &MembraneTracePlot::clearRequested, this, [this] { session_->setProbes({}); });
  for (LivePlot* p : plots_) {
    connect(p, &LivePlot::windowLengthRequested, this, [this](double ms) {
      userWindow_ = true;
      setWindowMs(ms);
    });
    connect(p, &LivePlot::timeRangeChosen, this, &LivePlotUpdater::showTimeRange);
    connect(p, &LivePlot::followRequested, this, [this] {
      following_ = true;
      for (LivePlot* q : plots_) q->markDirty();
    });
    p->setTimeNavigation(true);
  }
  frame_.setTimerType(Qt::PreciseTimer);
  connect(&frame_, &QTimer::timeout, this, &LivePlotUpdater::onFrame);
  frame_.start(kFrameMs);
}

void LivePlotUpdater::showTimeRange(double fromMs, double toMs) {
  following_ = false;
  userFromMs_ = fromMs;
  userToMs_ = toMs;
  for (LivePlot* p : plots_) p->markDirty();
}

void LivePlotUpdater::setWindowMs(double ms) {
  windowMs_ = std::max(ms, 1.0);
  following_ = true;
  for (LivePlot* p : plots_) {
    p->setWindowLength(windowMs_);
    p->markDirty();
  }
}

void LivePlotUpdater::onNeuronClicked(const Probe& probe, bool add) {
  std::vector<Probe> probes = add ? session_->probes() : std::vector<Probe>{};
  if (std::find(probes.begin(), probes.end(), probe) == probes.end()) probes.push_back(probe);
  if (probes.size() > 8) probes.erase(probes.begin());  // a readable number of lines
  session_->setProbes(probes);
}

void LivePlotUpdater::followDocument(NetworkDocument* document) {
  document_ = document;
  connect(document, &NetworkDocument::changed, this, [this, document](const ChangeEvent& e) {
    if (e.type != ChangeEvent::Type::FieldChanged || !session_->layout()) return;
    if (e.kind != ObjectKind::Population && e.kind != ObjectKind::Projection) return;
    for (const RunPopulation& p : session_->layout()->populations) {
      if (!p.hasMembrane) continue;
      std::vector<CurrentStep> now = injectedCurrent(document->project(), p.id);
      auto& known = injected_[p.id];
      if (now == known) continue;
      // A live edit reaches the network between chunks: from the time shown now.
      traces_->setInjected(p.id, session_->simulatedMs(), now);
      known = std::move(now);
    }
  });
}

void LivePlotUpdater::followSelection(NetworkScene* scene) {
  connect(scene, &QGraphicsScene::selectionChanged, this, [this, scene] {
    const auto pops = scene->selectedPopulations();
    if (pops.size() != 1 || !scene->selectedProjections().empty()) return;
    const PopulationSpec* pop = scene->document()->project().network.findPopulation(pops[0]);
    const NeuronModelEntry* e = pop ? NeuronModelRegistry::instance().find(pop->model) : nullptr;
    if (!e || !e->info->findStateVar("v")) return;
    const auto& current = session_->probes();
    if (!current.empty() && std::all_of(current.begin(), current.end(),
                                        [&](const Probe& p) { return p.population == pop->id; }))
      return;  // already tracing this population (perhaps neurons picked in the raster)
    std::vector<Probe> probes;
    for (int64_t n = 0; n < std::min<int64_t>(pop->size, 3); ++n) probes.push_back({pop->id, n});
    session_->setProbes(probes);
  });
}

void LivePlotUpdater::onFrame() {
  if (!following_) {
    for (LivePlot* p : plots_)
      if (p->isVisible() && p->isDirty()) p->showWindow(userFromMs_, userToMs_);
    return;
  }
  const double now = session_->simulatedMs();
  const bool moved = now != shownMs_;
  const double to = std::max(now, windowMs_);
  for (LivePlot* p : plots_) {
    if (!p->isVisible())
      p->followWindow(to - windowMs_, to);
    else if (moved || p->isDirty())
      p->showWindow(to - windowMs_, to);
  }
  shownMs_ = now;
}

void LivePlotUpdater::refreshNow() {
  if (!following_) {
    for (LivePlot* p : plots_) p->showWindow(userFromMs_, userToMs_);
    return;
  }
  const double now = session_->simulatedMs();
  const double to = std::max(now, windowMs_);
  for (LivePlot* p : plots_) p->showWindow(to - windowMs_, to);
  shownMs_ = now;
}

}  // namespace snn::gui
