#include "ConversionCapture.h"

#include <QApplication>
#include <QStringList>
#include <QUndoStack>

#include "ConversionPanel.h"
#include "ConversionSession.h"
#include "document/NetworkDocument.h"

namespace snn::gui {

namespace {

const QStringList& tabNames() {
  // The dock's tabs in order, then "project": Convert to project and show the canvas.
  static const QStringList names = {"accuracy", "layers", "scatter", "fs", "energy", "project"};
  return names;
}

QList<int> stepsOf(const QString& spec) {
  QList<int> out;
  const QString list = spec.section(':', 1);
  for (const QString& item : list.split(',', Qt::SkipEmptyParts)) {
    bool ok = false;
    const int t = item.trimmed().toInt(&ok);
    if (!ok || t < 1 || t > 100000) return {};
    out << t;
  }
  return out;
}

}  // namespace

ConversionCapture::ConversionCapture(ConversionPanel* panel, QWidget* window, QString spec,
                                     QString tab, qint64 testLimit, QString screenshotPath,
                                     QObject* parent)
    : WindowCapture(window, std::move(screenshotPath), parent),
      panel_(panel),
      spec_(std::move(spec)),
      tab_(std::move(tab)),
      testLimit_(testLimit) {
  // A screenshot changes nothing: the converted network leaves the document once grabbed (and
  // quitting does not ask to save it).
  connect(this, &WindowCapture::finished, this, [this] {
    if (tab_ == "project" && panel_->document()->undoStack()->canUndo())
      panel_->document()->undoStack()->undo();
  });
}

QString ConversionCapture::problem(const QString& spec, const QString& tab) {
  const QString method = spec.section(':', 0, 0);
  if ((method != "rate" && method != "fs") || stepsOf(spec).isEmpty())
    return tr("--convert is METHOD:T,T,... with METHOD rate or fs, got '%1'").arg(spec);
  if (!tab.isEmpty() && !tabNames().contains(tab))
    return tr("--conversion-tab is one of %1, got '%2'").arg(tabNames().join(", "), tab);
  return {};
}

void ConversionCapture::start() {
  connect(panel_->session(), &ConversionSession::finished, this,
          [this](ConversionOutcome outcome, const QString& message) {
            if (outcome != ConversionOutcome::Completed) {
              fail(message.isEmpty() ? tr("the conversion did not complete") : message);
              return;
            }
            const int tab = tabNames().indexOf(tab_.isEmpty() ? QStringLiteral("accuracy") : tab_);
            if (tab_ == "project") {
              if (const QString problem = panel_->convertToProject(); !problem.isEmpty()) {
                fail(problem);
                return;
              }
            } else {
              panel_->showTab(static_cast<ConversionPanel::Tab>(tab));
            }
            QApplication::processEvents();  // the last points reach the plots
            grabAndReport(tr("%1, %2").arg(spec_, panel_->message().section('\n', 0, 0)));
          });
  if (!panel_->convert({}, spec_.section(':', 0, 0), stepsOf(spec_), {}, testLimit_))
    fail(panel_->message());
}

}  // namespace snn::gui
