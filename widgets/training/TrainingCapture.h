#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include "TrainingTypes.h"

class QWidget;

namespace snn::gui {

class TrainingPanel;
class TrainingSession;
class TrainingViews;

// `snnwb PROJECT --train-epochs N --screenshot FILE.png`: trains as the Train button does (the
// panel's request, N epochs), and when training ends redraws the training views, grabs `window`
// into FILE and reports. GUI thread.
class TrainingCapture : public QObject {
  Q_OBJECT

 public:
  TrainingCapture(TrainingSession* session, TrainingPanel* panel, TrainingViews* views,
                  QWidget* window, QString screenshotPath, QObject* parent = nullptr);
  void start();

 Q_SIGNALS:
  // ok: the screenshot was written; otherwise `message` says why not.
  void finished(bool ok, const QString& message);

 private:
  void capture(const QString& outcome);

  TrainingSession* session_;
  TrainingPanel* panel_;
  TrainingViews* views_;
  QPointer<QWidget> window_;
  QString path_;
};

}  // namespace snn::gui
