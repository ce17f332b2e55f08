#include "TrainingCapture.h"

#include <QAction>
#include <QApplication>

#include "TrainingPanel.h"
#include "TrainingSession.h"
#include "TrainingViews.h"

namespace snn::gui {

TrainingCapture::TrainingCapture(TrainingSession* session, TrainingPanel* panel,
                                 TrainingViews* views, QWidget* window, QString screenshotPath,
                                 QObject* parent)
    : WindowCapture(window, std::move(screenshotPath), parent),
      session_(session),
      panel_(panel),
      views_(views) {}

void TrainingCapture::start() {
  connect(session_, &TrainingSession::finished, this,
          [this](TrainingOutcome outcome, const QString& message) {
            if (outcome == TrainingOutcome::Failed) {
              fail(message);
              return;
            }
            QString summary;
            if (!session_->reports().empty()) {
              const EpochReport& r = session_->reports().back();
              summary = tr("%1 epochs, test accuracy %2 %")
                            .arg(session_->reports().size())
                            .arg(100.0 * r.testAccuracy, 0, 'f', 1);
            }
            QApplication::processEvents();  // the last reports reach the views
            views_->refreshNow();
            grabAndReport(summary);
          });
  if (!panel_->trainAction()->isEnabled()) {
    fail(tr("the project has no training method set up"));
    return;
  }
  panel_->trainAction()->trigger();
}

}  // namespace snn::gui
