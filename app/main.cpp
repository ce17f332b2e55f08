// snnwb: the SNN Workbench window.
//   snnwb [PROJECT] [--run-for MS] [--screenshot FILE.png] [--select ID] [--theme light|dark]
//         [--train-epochs N [--train-limit N] [--test-limit N]]
//         [--convert METHOD:T,T,... [--conversion-tab TAB] [--test-limit N]]
#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QTimer>
#include <cstdio>
#include <memory>
#include <string_view>

#include "MainWindow.h"
#include "conversion/ConversionCapture.h"
#include "conversion/ConversionPanel.h"
#include "files/ProjectFileController.h"
#include "session/RunCapture.h"
#include "session/SimulationSession.h"
#include "style/Theme.h"
#include "training/TrainingCapture.h"
#include "training/TrainingPanel.h"

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
  // --help and --version print and exit: they should work without a display too.
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if ((a == "-h" || a == "--help" || a == "--help-all" || a == "-v" || a == "--version") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
      qputenv("QT_QPA_PLATFORM", "offscreen");
  }
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
  const QCommandLineOption trainEpochs(
      "train-epochs", "Train the project's network for N epochs (with --screenshot: then save).",
      "N");
  const QCommandLineOption trainLimit("train-limit", "Train on the first N training samples.", "N");
  const QCommandLineOption testLimit("test-limit", "Test on the first N test samples.", "N");
  const QCommandLineOption convert(
      "convert", "Convert the project's ANN in the Conversion dock (e.g. rate:8,16,32 or fs:2,4).",
      "METHOD:T,...");
  const QCommandLineOption conversionTab(
      "conversion-tab", "With --convert: accuracy, layers, scatter, fs, energy or project.", "TAB");
  parser.addOptions({runFor, screenshot, theme, select, trainEpochs, trainLimit, testLimit, convert,
                     conversionTab});
  parser.process(app);

  const bool capturing = parser.isSet(screenshot);
  bool ok = true;
  const double runForMs = parser.value(runFor).toDouble(&ok);
  if (parser.isSet(runFor) && (!ok || runForMs < 0)) {
    std::fprintf(stderr, "snnwb: --run-for needs a number of milliseconds >= 0, got '%s'\n",
                 qPrintable(parser.value(runFor)));
    return kExitBadInput;
  }
  // The training flags, as snnwb-cli train takes them.
  snn::gui::TrainingRequest training;
  auto count = [&](const QCommandLineOption& option, qlonglong least, auto& out) {
    if (!parser.isSet(option)) return true;
    bool whole = false;
    const qlonglong n = parser.value(option).toLongLong(&whole);
    if (!whole || n < least) {
      std::fprintf(stderr, "snnwb: --%s needs a whole number >= %lld, got '%s'\n",
                   qPrintable(option.names().first()), least, qPrintable(parser.value(option)));
      return false;
    }
    out = static_cast<std::remove_reference_t<decltype(out)>>(n);
    return true;
  };
  if (!count(trainEpochs, 1, training.epochs) || !count(trainLimit, 0, training.trainLimit) ||
      !count(testLimit, 0, training.testLimit))
    return kExitBadInput;
  const bool trainingRun = parser.isSet(trainEpochs);
  if (trainingRun && parser.isSet(runFor)) {
    std::fprintf(stderr, "snnwb: --train-epochs and --run-for do not go together\n");
    return kExitBadInput;
  }
  const bool converting = parser.isSet(convert);
  if (converting) {
    const QString problem =
        snn::gui::ConversionCapture::problem(parser.value(convert), parser.value(conversionTab));
    if (!problem.isEmpty() || trainingRun || parser.isSet(runFor)) {
      std::fprintf(stderr, "snnwb: %s\n",
                   problem.isEmpty() ? "--convert goes without --train-epochs and --run-for"
                                     : qPrintable(problem));
      return kExitBadInput;
    }
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
  if (trainingRun) window.trainingPanel()->setRequest(training);
  window.show();
  if (converting) window.showConversion();
  if (!capturing) {
    if (converting)
      QTimer::singleShot(0, &window, [&window, &parser, convert, testLimit] {
        const QString spec = parser.value(convert);
        QList<int> steps;
        for (const QString& t : spec.section(':', 1).split(',', Qt::SkipEmptyParts))
          steps << t.toInt();
        window.conversion()->convert({}, spec.section(':', 0, 0), steps, {},
                                     parser.value(testLimit).toLongLong());
      });
    if (parser.isSet(runFor)) {
      window.session()->setRunLimit(runForMs);
      window.session()->run();
    }
    if (trainingRun)
      QTimer::singleShot(0, window.trainingPanel()->trainAction(), &QAction::trigger);
    return app.exec();
  }
  std::unique_ptr<snn::gui::WindowCapture> capture;
  if (converting)
    capture = std::make_unique<snn::gui::ConversionCapture>(
        window.conversion(), &window, parser.value(convert), parser.value(conversionTab),
        parser.value(testLimit).toLongLong(), parser.value(screenshot));
  else if (trainingRun)
    capture = std::make_unique<snn::gui::TrainingCapture>(window.training(), window.trainingPanel(),
                                                          window.trainingViews(), &window,
                                                          parser.value(screenshot));
  else
    capture = std::make_unique<snn::gui::RunCapture>(window.session(), window.plots(), &window,
                                                     parser.isSet(runFor) ? runForMs : 0.0,
                                                     parser.value(screenshot));
  int status = kExitOk;
  QObject::connect(capture.get(), &snn::gui::WindowCapture::finished, &app,
                   [&](bool written, const QString& message, bool writeFailed) {
                     std::fprintf(written ? stdout : stderr, "snnwb: %s\n", qPrintable(message));
                     status = written ? kExitOk : (writeFailed ? kExitFailed : kExitBadInput);
                     app.quit();
                   });
  QTimer::singleShot(0, capture.get(), &snn::gui::WindowCapture::start);
  app.exec();
  return status;
}
