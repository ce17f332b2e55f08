#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QWidget;

namespace snn::gui {

class LivePlotUpdater;
class SimulationSession;

// `snnwb PROJECT --run-for MS --screenshot FILE.png`: runs the session as fast as possible up to
// MS of simulated time, redraws the plots, grabs `window` into FILE and reports. GUI thread.
class RunCapture : public QObject {
  Q_OBJECT

 public:
  RunCapture(SimulationSession* session, LivePlotUpdater* plots, QWidget* window, double runForMs,
             QString screenshotPath, QObject* parent = nullptr);
  void start();

 Q_SIGNALS:
  // ok: the screenshot was written; otherwise `message` says why not.
  void finished(bool ok, const QString& message);

 private:
  void capture();

  SimulationSession* session_;
  LivePlotUpdater* plots_;
  QPointer<QWidget> window_;
  double runForMs_;
  QString path_;
  bool done_ = false;
};

}  // namespace snn::gui
