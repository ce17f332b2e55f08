#pragma once

#include <QList>

#include "files/WindowCapture.h"

namespace snn::gui {

class ConversionPanel;

// `snnwb PROJECT --convert rate:8,16,32 --screenshot FILE.png`: converts the project's (first)
// ANN in the Conversion dock as its Convert button does, then shows the tab asked for and grabs
// the window. GUI thread.
class ConversionCapture : public WindowCapture {
  Q_OBJECT

 public:
  // `spec` is METHOD:T,T,... (method rate or fs); `tab` accuracy, layers, scatter, fs, energy,
  // or project (Convert to project, then the canvas).
  ConversionCapture(ConversionPanel* panel, QWidget* window, QString spec, QString tab,
                    qint64 testLimit, QString screenshotPath, QObject* parent = nullptr);
  void start() override;

  // Whether `spec` and `tab` are well formed (for the command line's checks): the reason if not.
  static QString problem(const QString& spec, const QString& tab);

 private:
  ConversionPanel* panel_;
  QString spec_;
  QString tab_;
  qint64 testLimit_;
};

}  // namespace snn::gui
