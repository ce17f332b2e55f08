// snnwb PROJECT --run-for MS --screenshot FILE.png, run as a separate process (as the README
// does): the image shows the window with spikes in the raster, in the populations' colours;
// with --train-epochs, the training views with their weight maps; with --convert, the
// Conversion dock after converting (and the canvas after Convert to project). Bad flags exit
// with 2 and the reason; --help works without a display.
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "TestSupport.h"
#include "style/ColorMaps.h"
#include "style/PopulationColors.h"

using namespace snn::gui;

class TestScreenshot : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;

  // Runs snnwb offscreen, or `headless`: with no display and no platform chosen at all.
  int runGui(const QStringList& args, QString* output, bool headless = false) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (headless) {
      for (const char* v : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}) env.remove(v);
    } else {
      env.insert("QT_QPA_PLATFORM", "offscreen");
    }
    env.insert("XDG_CONFIG_HOME", dir_.filePath("config"));  // leave the user's settings alone
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(SNNWB_GUI, args);
    if (!p.waitForFinished(120000)) {
      p.kill();
      return -1;
    }
    *output = QString::fromLocal8Bit(p.readAll());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  }

  // Pixels within a small distance of `color`.
  static int pixelsNear(const QImage& image, QColor color) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
      for (int x = 0; x < image.width(); ++x) {
        const QColor c = image.pixelColor(x, y);
        if (std::abs(c.red() - color.red()) + std::abs(c.green() - color.green()) +
                std::abs(c.blue() - color.blue()) <
            12)
          ++n;
      }
    return n;
  }

 private slots:
  void screenshotShowsTheRunningNetwork() {
    const QString shot = dir_.filePath("first.png");
    QString output;
    const int status = runGui(
        {QString::fromStdString(snn::test::source("resources/examples/first_network.snnwb.json")),
         "--run-for", "600", "--screenshot", shot},
        &output);
    QVERIFY2(status == 0, qPrintable(output));
    QVERIFY2(output.contains("t = 600 ms"), qPrintable(output));
    const QImage image(shot);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 1000 && image.height() >= 700);
    // Not blank: the input (colour 0) and the LIF neurons (colour 1) spiked in the raster.
    // (The canvas stripes use the same colours but cover far fewer pixels.)
    const int input = pixelsNear(image, populationColor(0)),
              output1 = pixelsNear(image, populationColor(1));
    qInfo("pixels in the colours of input: %d, of neurons: %d", input, output1);
    QVERIFY2(input > 1500, "no input spikes drawn");
    QVERIFY2(output1 > 1500, "no output spikes drawn");
  }

  void screenshotWithoutRunShowsTheCanvasOnly() {
    const QString shot = dir_.filePath("idle.png");
    QString output;
    QCOMPARE(runGui({QString::fromStdString(
                         snn::test::source("resources/examples/first_network.snnwb.json")),
                     "--screenshot", shot},
                    &output),
             0);
    const QImage image(shot);
    QVERIFY(!image.isNull());
    const int stripe = pixelsNear(image, populationColor(1));
    qInfo("pixels in the colour of neurons without a run: %d", stripe);
    QVERIFY(stripe < 1500);  // only the node's stripe
  }

  void brokenProjectFailsWithTheEngineMessage() {
    QFile broken(dir_.filePath("broken.snnwb.json"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(
        "{\"format\": \"snn-workbench\", \"version\": 1, \"network\": {\"populations\": [");
    broken.close();
    const QString shot = dir_.filePath("never.png");
    QString output;
    QCOMPARE(runGui({broken.fileName(), "--run-for", "10", "--screenshot", shot}, &output), 2);
    QVERIFY2(output.contains("broken.snnwb.json"), qPrintable(output));
    QVERIFY(!QFile::exists(shot));
  }

  void selectingShowsTheInspectorAndExitsCleanly() {
    // The scene is destroyed with a selection when the window closes: listeners of its
    // selection must not see it half destroyed (this crashed once).
    const QString shot = dir_.filePath("selected.png");
    QString output;
    QCOMPARE(runGui({"--select", "neurons", "--run-for", "50", "--screenshot", shot}, &output), 0);
    QVERIFY(QFile::exists(shot));
    QCOMPARE(runGui({"--select", "nobody", "--screenshot", shot}, &output), 2);
    QVERIFY2(output.contains("nobody"), qPrintable(output));
  }

  void trainingScreenshotShowsTheLearnedWeights() {
    const QString shot = dir_.filePath("training.png");
    QString output;
    const int status = runGui(
        {QString::fromStdString(snn::test::source("resources/examples/stdp_digits.snnwb.json")),
         "--train-epochs", "1", "--train-limit", "200", "--test-limit", "100", "--screenshot",
         shot},
        &output);
    QVERIFY2(status == 0, qPrintable(output));
    QVERIFY2(output.contains("1 epochs, test accuracy"), qPrintable(output));
    const QImage image(shot);
    QVERIFY(!image.isNull() && image.width() >= 1000);
    // Not blank: the weight tiles are drawn in the inferno colour map, whose purples and reds
    // appear nowhere else in the window (a run's screenshot has none of them).
    QCPColorGradient inferno = magnitudeGradient();  // color() is not const
    std::vector<QColor> mids;
    for (int i = 0; i <= 50; ++i) mids.push_back(QColor(inferno.color(0.15 + 0.01 * i, {0, 1})));
    int tilePixels = 0;
    for (int y = 0; y < image.height(); y += 2)
      for (int x = 0; x < image.width(); x += 2) {
        const QColor c = image.pixelColor(x, y);
        for (const QColor& m : mids)
          if (std::abs(c.red() - m.red()) + std::abs(c.green() - m.green()) +
                  std::abs(c.blue() - m.blue()) <
              20) {
            ++tilePixels;
            break;
          }
      }
    qInfo("pixels in the weight maps' mid colours: %d", tilePixels);
    QVERIFY2(tilePixels > 1000, "no weight maps drawn");
  }

  void badTrainingFlagsAreRefused() {
    QString output;
    QCOMPARE(runGui({"--train-epochs", "0"}, &output), 2);
    QVERIFY2(output.contains("--train-epochs"), qPrintable(output));
    QCOMPARE(runGui({"--train-epochs", "1", "--run-for", "10"}, &output), 2);
    QVERIFY2(output.contains("do not go together"), qPrintable(output));
  }

  void conversionScreenshotShowsTheDock() {
    const QString shot = dir_.filePath("conversion.png");
    const QString example = QString::fromStdString(
        snn::test::source("resources/examples/conversion_digits.snnwb.json"));
    QString output;
    const int status = runGui({example, "--convert", "rate:4,16", "--test-limit", "100",
                               "--conversion-tab", "project", "--screenshot", shot},
                              &output);
    QVERIFY2(status == 0, qPrintable(output));  // exits: the edit is undone, nothing to save
    QVERIFY2(output.contains("rate:4,16, ANN"), qPrintable(output));
    QVERIFY(QImage(shot).width() >= 1000);
    QCOMPARE(runGui({example, "--convert", "spikes:4", "--screenshot", shot}, &output), 2);
    QVERIFY2(output.contains("--convert"), qPrintable(output));
    QCOMPARE(runGui({example, "--convert", "rate:4", "--conversion-tab", "nope"}, &output), 2);
    QVERIFY2(output.contains("--conversion-tab"), qPrintable(output));
  }

  void helpNeedsNoDisplay() {
    QString output;
    QCOMPARE(runGui({"--help"}, &output, true), 0);
    QVERIFY2(output.contains("--run-for") && output.contains("--train-epochs"), qPrintable(output));
  }

  void badRunForIsRefused() {
    QString output;
    QCOMPARE(runGui({"--run-for", "soon", "--screenshot", dir_.filePath("x.png")}, &output), 2);
    QVERIFY2(output.contains("--run-for"), qPrintable(output));
  }
};

QTEST_GUILESS_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
