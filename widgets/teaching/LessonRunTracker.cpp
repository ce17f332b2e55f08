#include "LessonRunTracker.h"

#include "plots/FeedAnswerView.h"
#include "session/SimulationSession.h"

namespace snn::gui {

LessonRunTracker::LessonRunTracker(SimulationSession* session, FeedAnswerView* answers,
                                   QObject* parent)
    : QObject(parent), answers_(answers) {
  connect(session, &SimulationSession::runStarted, this, [this](RunLayoutPtr layout) {
    summary_ = {};
    for (const RunPopulation& p : layout->populations) {
      summary_.sizes[p.id] = p.size;
      summary_.spikes[p.id] = 0;
    }
    Q_EMIT changed();
  });
  connect(session, &SimulationSession::chunkReady, this, [this](ChunkPtr chunk) {
    for (size_t p = 0; p < chunk->populations.size(); ++p)
      summary_.spikes[chunk->populations[p]] += chunk->spikeCount(p);
    summary_.reachedMs = chunk->timeMs(chunk->firstStep + chunk->stepCount);
    if (answers_) summary_.answersRight = answers_->correct();
    Q_EMIT changed();
  });
}

}  // namespace snn::gui
