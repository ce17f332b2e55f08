#pragma once

#include <QListWidget>

namespace snn::gui {

class ProjectDiagnostics;

// Every problem of the project in one list (Qt Creator's Issues pane): the object and field on
// one line, what is wrong under it. Double-clicking a problem asks for its object to be
// selected on the canvas.
class ProblemsPanel : public QListWidget {
  Q_OBJECT

 public:
  explicit ProblemsPanel(ProjectDiagnostics* diagnostics, QWidget* parent = nullptr);

 Q_SIGNALS:
  void objectActivated(const QString& id);
  // The number of problems changed (for the dock's title).
  void countChanged(int count);

 private:
  void refresh();

  ProjectDiagnostics* diagnostics_;
};

}  // namespace snn::gui
