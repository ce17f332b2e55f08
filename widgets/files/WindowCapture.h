#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QWidget;

namespace snn::gui {

// A scripted screenshot (`snnwb PROJECT --run-for MS --screenshot FILE` and `--train-epochs N
// --screenshot FILE`): start() sets the work going; when it is done, the window is grabbed into
// the file and finished() reports, once. Subclasses say what work comes first. GUI thread.
class WindowCapture : public QObject {
  Q_OBJECT

 public:
  WindowCapture(QWidget* window, QString path, QObject* parent = nullptr);
  virtual void start() = 0;

 Q_SIGNALS:
  // ok: the screenshot was written; otherwise `message` says why not. `writeFailed`: the file
  // could not be written (as opposed to bad input: a project that cannot run or train).
  void finished(bool ok, const QString& message, bool writeFailed);

 protected:
  // Grabs the window into the file (through a temporary: a reader never sees half an image) and
  // reports, with `what` (e.g. "t = 500 ms") in the message. Reports a failure instead if the
  // window is gone or the file cannot be written.
  void grabAndReport(const QString& what);
  // Reports a failure that is not about writing the file.
  void fail(const QString& message);
  bool reported() const { return reported_; }

 private:
  QPointer<QWidget> window_;
  QString path_;
  bool reported_ = false;
};

}  // namespace snn::gui
