#include "RunCapture.h"

#include <QApplication>
#include <QImageWriter>
#include <QPixmap>
#include <QTimer>
#include <QWidget>

#include "SimulationSession.h"
#include "plots/LivePlotUpdater.h"
#include "util/QtText.h"

namespace snn::gui {

RunCapture::RunCapture(SimulationSession* session, LivePlotUpdater* plots, QWidget* window,
                       double runForMs, QString screenshotPath, QObject* parent)
    : QObject(parent),
      session_(session),
      plots_(plots),
      window_(window),
      runForMs_(runForMs),
      path_(std::move(screenshotPath)) {}

void RunCapture::start() {
  connect(session_, &SimulationSession::compileFailed, this,
          [this](const std::vector<Diagnostic>& diagnostics) {
            if (done_) return;
            done_ = true;
            Q_EMIT finished(false, toQ(joinDiagnostics(diagnostics)));
          });
  connect(session_, &SimulationSession::stateChanged, this, [this](RunState state) {
    if (state == RunState::Finished && !done_) capture();
  });
  session_->setSpeed(0);
  session_->setRunLimit(runForMs_);
  if (runForMs_ <= 0) {
    QTimer::singleShot(0, this, &RunCapture::capture);
    return;
  }
  session_->run();
}

void RunCapture::capture() {
  done_ = true;
  if (!window_) {
    Q_EMIT finished(false, tr("the window is gone"));
    return;
  }
  plots_->refreshNow();
  QApplication::processEvents();  // layouts and the plots' repaint
  const QPixmap shot = window_->grab();
  QImageWriter writer(path_);
  if (shot.isNull() || !writer.write(shot.toImage())) {
    Q_EMIT finished(false, tr("cannot write '%1': %2").arg(path_, writer.errorString()));
    return;
  }
  Q_EMIT finished(true, tr("wrote %1 (%2 x %3, t = %4 ms)")
                            .arg(path_)
                            .arg(shot.width())
                            .arg(shot.height())
                            .arg(session_->simulatedMs()));
}

}  // namespace snn::gui
