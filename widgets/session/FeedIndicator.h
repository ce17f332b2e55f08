#pragma once

#include <QWidget>
#include <string>

#include "SessionTypes.h"

class QLabel;

namespace snn::gui {

class NetworkDocument;
class SampleImage;
class SimulationSession;

// Which dataset sample a run is showing: for the first population fed by a dataset, a small
// image of the current sample with its index and class, following the chunks' feed events (and
// "rest" between samples). Hidden when the run has no fed population. Meant for the status bar.
// GUI thread.
class FeedIndicator : public QWidget {
  Q_OBJECT

 public:
  FeedIndicator(NetworkDocument* document, SimulationSession* session, QWidget* parent = nullptr);

  QString text() const;
  SampleImage* image() const { return image_; }

 private:
  void onRunStarted(const RunLayout& layout);
  void onChunk(const SimulationChunk& chunk);
  void show(const FeedEvent& event);

  NetworkDocument* document_;
  SampleImage* image_;
  QLabel* label_;
  int population_ = -1;  // index in the chunks of the fed population shown
  std::string id_;
};

}  // namespace snn::gui
