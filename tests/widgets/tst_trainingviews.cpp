// The training views fed by hand-made values: the weight map draws one tile per neuron (in the
// colour of its weight, gaps in the background), chooses a symmetric scale for signed weights
// and caps the number of tiles; the confusion matrix labels its cells with their counts; the
// training curve takes epochs and running values; the sample view shows the image, the class
// and the raster; a run fed by a dataset shows the sample it presents. Every plot exports PNG,
// SVG and PDF. With SNNWB_SHOTS=DIR the views are also saved as images there.
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "TestSupport.h"
#include "document/NetworkDocument.h"
#include "plots/ConfusionMatrixPlot.h"
#include "plots/SampleImage.h"
#include "plots/SpikeRasterLayer.h"
#include "plots/SpikeRasterPlot.h"
#include "plots/TrainingCurvePlot.h"
#include "plots/WeightMapPlot.h"
#include "session/FeedIndicator.h"
#include "session/SimulationSession.h"
#include "training/ClassNames.h"
#include "training/SampleActivityView.h"

using namespace snn;
using namespace snn::gui;

namespace {

// `fields` tiles of h x w pixels, every pixel of tile t holding `value(t)`.
WeightSnapshot uniformTiles(int fields, int h, int w, float (*value)(int)) {
  WeightSnapshot s;
  s.projection = "input";
  s.fields = fields;
  s.fieldHeight = h;
  s.fieldWidth = w;
  for (int t = 0; t < fields; ++t) s.weights.insert(s.weights.end(), size_t(h * w), value(t));
  return s;
}

void shoot(QWidget* w, const char* name) {
  const QByteArray dir = qgetenv("SNNWB_SHOTS");
  if (!dir.isEmpty()) w->grab().save(QString::fromUtf8(dir) + "/" + name + ".png");
}

bool sameColor(QColor a, QColor b) {
  return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
             std::abs(a.blue() - b.blue()) <
         12;
}

}  // namespace

class TestTrainingViews : public QObject {
  Q_OBJECT

 private slots:
  void weightMapDrawsOneTilePerNeuron() {
    WeightMapPlot plot;
    plot.resize(500, 420);
    plot.show();
    // Seven 3 x 2 tiles, weights 0.1 .. 0.7: a 3 x 3 grid with two places empty.
    plot.setSnapshot(uniformTiles(7, 3, 2, [](int t) { return 0.1f * float(t + 1); }));
    QCOMPARE(plot.tileCount(), 7);
    QCOMPARE(plot.gridColumns(), 3);
    QCOMPARE(plot.gridRows(), 3);
    QVERIFY(!plot.isSigned());
    QCOMPARE(plot.colorMap()->dataRange().lower, 0.0);
    SNN_COMPARE_NEAR(plot.colorMap()->dataRange().upper, 0.7, 1e-6);
    plot.replot(QCustomPlot::rpImmediateRefresh);
    const QImage image = plot.grab().toImage();
    const QColor background = plot.palette().color(QPalette::Base);
    QCPColorGradient gradient = plot.colorMap()->gradient();
    int drawn = 0;
    for (int t = 0; t < 9; ++t) {
      // The middle of tile t (tiles are 2 wide, 3 high, one cell apart).
      const double x = (t % 3) * 3 + 0.5, y = (t / 3) * 4 + 1;
      const QPoint at(int(plot.xAxis->coordToPixel(x)), int(plot.yAxis->coordToPixel(y)));
      QCOMPARE(plot.neuronAt(at), t < 7 ? t : -1);
      const QColor seen = image.pixelColor(at);
      if (t < 7) {
        const QColor expected = QColor::fromRgb(gradient.color(0.1 * (t + 1), {0.0, 0.7}));
        QVERIFY2(
            sameColor(seen, expected),
            qPrintable(QString("tile %1 is %2, not %3").arg(t).arg(seen.name(), expected.name())));
        ++drawn;
      } else {
        QVERIFY2(sameColor(seen, background), qPrintable(QString("place %1 is not empty").arg(t)));
      }
    }
    QCOMPARE(drawn, 7);
    // The gap between tiles 0 and 1 is background too.
    const QPoint gap(int(plot.xAxis->coordToPixel(2)), int(plot.yAxis->coordToPixel(1)));
    QCOMPARE(plot.neuronAt(gap), -1);
    QVERIFY(sameColor(image.pixelColor(gap), background));
    shoot(&plot, "weights-unsigned");
  }

  void signedWeightsGetASymmetricScale() {
    WeightMapPlot plot;
    plot.setSnapshot(uniformTiles(4, 2, 2, [](int t) { return t == 0 ? -0.5f : 0.2f * float(t); }));
    QVERIFY(plot.isSigned());
    SNN_COMPARE_NEAR(plot.colorMap()->dataRange().lower, -0.6, 1e-6);  // |0.6| is the largest
    SNN_COMPARE_NEAR(plot.colorMap()->dataRange().upper, 0.6, 1e-6);
    QCOMPARE(plot.gridColumns(), 2);
    // At most kMaxTiles neurons, and the title says so.
    plot.setSnapshot(uniformTiles(WeightMapPlot::kMaxTiles + 50, 2, 2, [](int) { return 1.0f; }));
    QCOMPARE(plot.tileCount(), WeightMapPlot::kMaxTiles);
    QCOMPARE(plot.gridColumns(), 20);
    plot.clear();
    QCOMPARE(plot.tileCount(), 0);
  }

  void confusionMatrixLabelsItsCells() {
    ConfusionMatrixPlot plot;
    plot.resize(420, 380);
    ConfusionMatrix m{.classes = 3, .counts = {5, 1, 0, 2, 7, 1, 0, 0, 9}};
    plot.setMatrix(m, {"cat", "dog", "emu"}, "Epoch 1");
    QCOMPARE(plot.total(), int64_t{25});
    QCOMPARE(plot.cellText(0, 0), QString("5"));
    QCOMPARE(plot.cellText(1, 0), QString("2"));  // actual dog, predicted cat
    QCOMPARE(plot.cellText(0, 2), QString());     // no sample: no number
    QCOMPARE(plot.cellText(2, 2), QString("9"));
    auto* ticker = static_cast<QCPAxisTickerText*>(plot.xAxis->ticker().data());
    QCOMPARE(ticker->ticks().value(1), QString("dog"));
    QCOMPARE(plot.xAxis->tickLabelRotation(), 0.0);
    plot.setMatrix(ConfusionMatrix{.classes = 10, .counts = std::vector<int64_t>(100, 1)},
                   classNames("fashion-mnist", 10), "Epoch 2");
    QCOMPARE(plot.total(), int64_t{100});
    QCOMPARE(plot.xAxis->tickLabelRotation(), -45.0);  // "Ankle boot" stands up
    shoot(&plot, "confusion");
  }

  void curveTakesEpochsAndRunningValues() {
    TrainingCurvePlot plot;
    plot.start(3);
    for (int done = 10; done <= 100; done += 10)
      plot.addProgress({.epoch = 1,
                        .phase = "train",
                        .done = done,
                        .total = 100,
                        .loss = 2.0 - done / 100.0,
                        .accuracy = done / 200.0});
    plot.addProgress({.epoch = 1, .phase = "test", .done = 5, .total = 10, .accuracy = 0.5});
    QCOMPARE(plot.runningPoints(), 20);  // the test pass is not a training curve
    QVERIFY(plot.showsLoss());
    plot.addEpoch({.epoch = 1, .trainAccuracy = 0.5, .testAccuracy = 0.45, .loss = 1.1});
    QCOMPARE(plot.epochPoints(), 3);
    // Without a loss (STDP) the loss axis stays hidden.
    plot.start(1);
    plot.addEpoch({.epoch = 1, .trainAccuracy = 0.7, .testAccuracy = 0.68});
    QCOMPARE(plot.epochPoints(), 2);
    QVERIFY(!plot.showsLoss());
  }

  void sampleViewShowsImageClassAndRaster() {
    const Project project = loadProject(test::source("resources/examples/stdp_digits.snnwb.json"));
    SampleActivity a;
    a.sample = 12;
    a.label = 3;
    a.predicted = 5;
    a.imageHeight = 2;
    a.imageWidth = 2;
    a.image = {0.0f, 1.0f, 0.5f, 0.25f};
    a.spikes.dt = 0.5;
    a.spikes.stepCount = 700;
    a.spikes.populations = {"pixels", "exc", "inh"};
    a.spikes.spikesRecorded = {true, true, true};
    a.spikes.spikes = {{{1, 2, 3}, {0, 1, 2}}, {{100}, {7}}, {}};
    SampleActivityView view;
    view.resize(600, 300);
    view.show();
    view.setActivity(a, project, classNames("digits", 10));
    QCOMPARE(view.image()->image().size(), QSize(2, 2));
    QCOMPARE(qGray(view.image()->image().pixel(1, 0)), 255);
    QVERIFY(view.caption().contains("<b>3</b>"));
    QVERIFY(view.caption().contains("5"));
    const auto& bands = view.raster()->layer()->bands();
    QCOMPARE(bands.size(), size_t{3});
    QCOMPARE(bands[1].size, int64_t{100});  // from the project
    QCOMPARE(view.raster()->xAxis->range().upper, 350.0);
    QCOMPARE(view.raster()->layer()->lastDrawnSpikes(), size_t{4});
    shoot(&view, "sample");
  }

  void everyTrainingPlotExportsPngSvgPdf() {
    QTemporaryDir dir;
    WeightMapPlot weights;
    weights.setSnapshot(uniformTiles(9, 4, 4, [](int t) { return float(t) - 4.0f; }));
    ConfusionMatrixPlot confusion;
    confusion.setMatrix({.classes = 2, .counts = {3, 1, 0, 4}}, {"0", "1"}, "Epoch 1");
    TrainingCurvePlot curve;
    curve.addEpoch({.epoch = 1, .trainAccuracy = 0.5, .testAccuracy = 0.4});
    for (ThemedPlot* plot : std::initializer_list<ThemedPlot*>{&weights, &confusion, &curve}) {
      plot->resize(400, 300);
      for (const char* suffix : {"png", "svg", "pdf"}) {
        const QString path = dir.filePath(plot->windowTitle() + "." + suffix);
        QCOMPARE(plot->exportTo(path), QString());
        QVERIFY(QFileInfo(path).size() > 500);
      }
    }
  }

  void runFedByADatasetShowsTheSample() {
    NetworkDocument doc;
    Project p = loadProject(test::source("resources/examples/digit_encoders.snnwb.json"));
    p.experiment.duration = 200;  // sample 0 for 100 ms, rest 50 ms, then sample 1
    doc.replaceProject(p, {});
    SimulationSession session(&doc);
    FeedIndicator feed(&doc, &session);
    QVERIFY(feed.isHidden());
    session.setSpeed(0);
    QSignalSpy chunks(&session, &SimulationSession::chunkReady);
    session.run();
    QTRY_VERIFY_WITH_TIMEOUT(session.state() == RunState::Finished, 20000);
    QVERIFY(!feed.isHidden());
    const Dataset test = loadDigits().test;
    QCOMPARE(feed.text(), QString("rate_code: sample 1, label %1").arg(int(test.labels[1])));
    QCOMPARE(feed.image()->image().size(), QSize(8, 8));
    for (int i = 0; i < 64; ++i)
      QCOMPARE(qGray(feed.image()->image().pixel(i % 8, i / 8)),
               int(std::lround(test.images(1, i) * 255)));
  }
};

QTEST_MAIN(TestTrainingViews)
#include "tst_trainingviews.moc"
