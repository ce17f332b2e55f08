#pragma once

#include <QWidget>
#include <string>
#include <vector>

#include "session/SessionTypes.h"

class QLabel;

namespace snn::gui {

class NetworkDocument;
class SampleImage;
class SimulationSession;

// What a class watches a trained network do, next to the raster: the image a dataset feed shows
// (large), its class, and the network's answer — the class whose labelled output neurons fire
// most on average (core/learning/LabelVote.h, as the trainer's test pass counts) — with the
// neuron that fired most and its label, updated while the sample is shown and kept through the
// rest after it. Without labels (an untrained network) it says that training gives them.
// Hidden when the run has no dataset feed. GUI thread.
class FeedAnswerView : public QWidget {
  Q_OBJECT

 public:
  FeedAnswerView(NetworkDocument* document, SimulationSession* session, QWidget* parent = nullptr);

  // What the view says now (for tests and screenshots).
  QString answerText() const;
  QString sampleText() const;
  // The answer for the sample on show; -1 for none yet.
  int answer() const { return answer_; }
  // The class of the sample on show; -1 between samples.
  int label() const { return label_; }
  // Samples answered since the run started, and how many of those were right.
  int answered() const { return answered_; }
  int correct() const { return correct_; }
  SampleImage* image() const { return image_; }

 Q_SIGNALS:
  // Whether the run shows a dataset (the dock shows itself for such a run).
  void relevanceChanged(bool relevant);

 private:
  void onRunStarted(const RunLayout& layout);
  void onChunk(const SimulationChunk& chunk);
  void startSample(const FeedEvent& event);
  void finishSample();
  void updateAnswer();

  NetworkDocument* document_;
  SampleImage* image_;
  QLabel* sample_;
  QLabel* answerLabel_;
  QLabel* detail_;
  QLabel* score_;
  int fed_ = -1;     // index in the chunks of the fed population
  int output_ = -1;  // of the population that answers
  std::vector<int> labels_;
  int classes_ = 10;
  QStringList names_;
  std::vector<int32_t> fired_;  // output spikes since the sample's onset
  int label_ = -1;
  int answer_ = -1;
  bool showing_ = false;
  int answered_ = 0;
  int correct_ = 0;
};

}  // namespace snn::gui
