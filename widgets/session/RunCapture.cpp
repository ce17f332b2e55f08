#include "RunCapture.h"

#include <QTimer>

#include "SimulationSession.h"
#include "plots/LivePlotUpdater.h"
#include "util/QtText.h"

namespace snn::gui {

RunCapture::RunCapture(SimulationSession* session, LivePlotUpdater* plots, QWidget* window,
                       double runForMs, QString screenshotPath, QObject* parent)
    : WindowCapture(window, std::move(screenshotPath), parent),
      session_(session),
      plots_(plots),
      runForMs_(runForMs) {}

void RunCapture::start() {
  connect(session_, &SimulationSession::compileFailed, this,
          [this](const std::vector<Diagnostic>& diagnostics) {
            fail(toQ(joinDiagnostics(diagnostics)));
          });
  connect(session_, &SimulationSession::stateChanged, this, [this](RunState state) {
    if (state == RunState::Finished) capture();
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
  if (reported()) return;
  plots_->refreshNow();
  grabAndReport(tr("t = %1 ms").arg(session_->simulatedMs()));
}

}  // namespace snn::gui
