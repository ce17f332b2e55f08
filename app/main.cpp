// snnwb: the SNN Workbench window.
//   snnwb [PROJECT] [--run-for MS] [--screenshot FILE.png] [--select ID] [--theme light|dark]
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QTimer>
#include <cstdio>

#include "MainWindow.h"
#include "files/ProjectFileController.h"
#include "session/RunCapture.h"
#include "session/SimulationSession.h"
#include "style/Theme.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitBadInput = 2;

// The examples: next to the executable once installed, else in the source tree it was built from.
QString examplesDir() {
  const QString installed = QCoreApplication::applicationDirPath() + "/../share/snnwb/examples";
  if (QFileInfo::exists(installed)) return QDir(installed).absolutePath();
  return QStringLiteral(SNNWB_EXAMPLES_DIR);
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("SNN Workbench");
  QApplication::setOrganizationName("snnwb");
  QApplication::setApplicationVersion(QStringLiteral(SNNWB_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(
      "SNN Workbench: draw a spiking network, run it, watch it spike.");
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("project", "Project to open (*.snnwb.json); default: an example.");
  const QCommandLineOption runFor("run-for", "Run MS of simulated time as fast as possible.", "MS");
  const QCommandLineOption screenshot("screenshot",
                                      "After --run-for, save the window to FILE and exit.", "FILE");
  const QCommandLineOption theme("theme", "Colour theme: light or dark.", "THEME");
  const QCommandLineOption select("select", "Select this population or projection.", "ID");
  parser.addOptions({runFor, screenshot, theme, select});
  parser.process(app);

  const bool capturing = parser.isSet(screenshot);
  bool ok = true;
  const double runForMs = parser.value(runFor).toDouble(&ok);
  if (parser.isSet(runFor) && (!ok || runForMs < 0)) {
    std::fprintf(stderr, "snnwb: --run-for needs a number of milliseconds >= 0, got '%s'\n",
                 qPrintable(parser.value(runFor)));
    return kExitBadInput;
  }
  if (parser.positionalArguments().size() > 1) {
    std::fprintf(stderr, "snnwb: one project at a time\n");
    return kExitBadInput;
  }
  const QString themeName =
      parser.isSet(theme) ? parser.value(theme) : QSettings().value("theme", "light").toString();
  if (themeName != "light" && themeName != "dark") {
    std::fprintf(stderr, "snnwb: --theme is light or dark, got '%s'\n", qPrintable(themeName));
    return kExitBadInput;
  }
  snn::gui::applyTheme(
      app, themeName == "dark" ? snn::gui::ThemeKind::Dark : snn::gui::ThemeKind::Light);

  MainWindow window(examplesDir());
  if (!capturing) window.restoreLayout();
  QString problem;
  if (parser.positionalArguments().isEmpty())
    problem = window.files()->openExample(examplesDir() + "/first_network.snnwb.json");
  else
    problem = window.files()->openFile(parser.positionalArguments().first());
  if (!problem.isEmpty()) {
    std::fprintf(stderr, "snnwb: %s\n", qPrintable(problem));
    if (capturing || !parser.positionalArguments().isEmpty()) return kExitBadInput;
  }
  if (parser.isSet(select) && !window.select(parser.value(select))) {
    std::fprintf(stderr, "snnwb: --select: no population or projection '%s'\n",
                 qPrintable(parser.value(select)));
    return kExitBadInput;
  }
  window.show();
  if (!capturing) {
    if (parser.isSet(runFor)) {
      window.session()->setRunLimit(runForMs);
      window.session()->run();
    }
    return app.exec();
  }

  snn::gui::RunCapture capture(window.session(), window.plots(), &window,
                               parser.isSet(runFor) ? runForMs : 0.0, parser.value(screenshot));
  int status = kExitOk;
  QObject::connect(
      &capture, &snn::gui::RunCapture::finished, &app, [&](bool written, const QString& message) {
        std::fprintf(written ? stdout : stderr, "snnwb: %s\n", qPrintable(message));
        status =
            written ? kExitOk : (message.startsWith("cannot write") ? kExitFailed : kExitBadInput);
        app.quit();
      });
  QTimer::singleShot(0, &capture, &snn::gui::RunCapture::start);
  app.exec();
  return status;
}
