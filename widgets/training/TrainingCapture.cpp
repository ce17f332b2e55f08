#include "TrainingCapture.h"

#include <QAction>
#include <QApplication>
#include <QImageWriter>
#include <QPixmap>
#include <QWidget>
#include <cmath>

#include "TrainingPanel.h"
#include "TrainingSession.h"
#include "TrainingViews.h"

namespace snn::gui {

TrainingCapture::TrainingCapture(TrainingSession* session, TrainingPanel* panel,
                                 TrainingViews* views, QWidget* window, QString screenshotPath,
                                 QObject* parent)
    : QObject(parent),
      session_(session),
      panel_(panel),
      views_(views),
      window_(window),
      path_(std::move(screenshotPath)) {}

void TrainingCapture::start() {
  connect(session_, &TrainingSession::finished, this,
          [this](TrainingOutcome outcome, const QString& message) {
            if (outcome == TrainingOutcome::Failed) {
              Q_EMIT finished(false, message);
              return;
            }
            QString summary;
            if (!session_->reports().empty()) {
              const EpochReport& r = session_->reports().back();
              summary = tr("%1 epochs, test accuracy %2 %")
                            .arg(session_->reports().size())
                            .arg(100.0 * r.testAccuracy, 0, 'f', 1);
            }
            capture(summary);
          });
  if (!panel_->trainAction()->isEnabled()) {
    Q_EMIT finished(false, tr("the project has no training method set up"));
    return;
  }
  panel_->trainAction()->trigger();
}

void TrainingCapture::capture(const QString& outcome) {
  if (!window_) {
    Q_EMIT finished(false, tr("the window is gone"));
    return;
  }
  QApplication::processEvents();  // the last reports reach the views
  views_->refreshNow();
  QApplication::processEvents();
  const QPixmap shot = window_->grab();
  QImageWriter writer(path_);
  if (shot.isNull() || !writer.write(shot.toImage())) {
    Q_EMIT finished(false, tr("cannot write '%1': %2").arg(path_, writer.errorString()));
    return;
  }
  Q_EMIT finished(
      true,
      tr("wrote %1 (%2 x %3, %4)").arg(path_).arg(shot.width()).arg(shot.height()).arg(outcome));
}

}  // namespace snn::gui
