#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QTextBrowser;

namespace snn::gui {

// Help › Keyboard Shortcuts: every action of the window that has a shortcut (read from the
// actions themselves, so the page never disagrees with the keys), then the mouse gestures of the
// canvas and the plots. GUI thread.
class ShortcutsDialog : public QDialog {
  Q_OBJECT

 public:
  ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent = nullptr);
  QString html() const;

 private:
  QTextBrowser* text_;
};

}  // namespace snn::gui
