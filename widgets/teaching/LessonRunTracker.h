#pragma once

#include <QObject>

#include "lessons/LessonCondition.h"

namespace snn::gui {

class FeedAnswerView;
class SimulationSession;

// What a lesson's checks need of the last run (lessons/LessonCondition.h: RunSummary): how far it
// got, each population's spike count and size, and how many samples a trained network answered
// right. Starts over when a run starts; follows the session's chunks. GUI thread.
class LessonRunTracker : public QObject {
  Q_OBJECT

 public:
  LessonRunTracker(SimulationSession* session, FeedAnswerView* answers, QObject* parent = nullptr);

  const RunSummary& summary() const { return summary_; }

 Q_SIGNALS:
  void changed();

 private:
  RunSummary summary_;
  FeedAnswerView* answers_;
};

}  // namespace snn::gui
