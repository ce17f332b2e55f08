#pragma once

#include "TrainingTypes.h"
#include "files/WindowCapture.h"

namespace snn::gui {

class TrainingPanel;
class TrainingSession;
class TrainingViews;

// `snnwb PROJECT --train-epochs N --screenshot FILE.png`: trains as the Train button does (the
// panel's request, N epochs), and when training ends redraws the training views, then grabs
// the window. GUI thread.
class TrainingCapture : public WindowCapture {
  Q_OBJECT

 public:
  TrainingCapture(TrainingSession* session, TrainingPanel* panel, TrainingViews* views,
                  QWidget* window, QString screenshotPath, QObject* parent = nullptr);
  void start() override;

 private:
  TrainingSession* session_;
  TrainingPanel* panel_;
  TrainingViews* views_;
};

}  // namespace snn::gui
