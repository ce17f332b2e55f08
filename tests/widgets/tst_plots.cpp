// The live plots fed with hand-made chunks: the raster draws exactly the spikes of the window and
// maps clicks to neurons, the history forgets what scrolled out, rates are counts per neuron per
// second, traces take each sample once, and every plot exports PNG, SVG and PDF.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "plots/MembraneTracePlot.h"
#include "plots/PopulationRatePlot.h"
#include "plots/SpikeHistory.h"
#include "plots/SpikeRasterLayer.h"
#include "plots/SpikeRasterPlot.h"

using namespace snn;
using namespace snn::gui;

namespace {

RunLayout layout() {
  RunLayout l;
  l.dt = 0.1;
  l.populations = {{.id = "input",
                    .model = "poisson",
                    .size = 1000,
                    .role = ModelRole::SpikeSource,
                    .spikesRecorded = true,
                    .colorIndex = 0},
                   {.id = "drive",
                    .model = "current_step",
                    .size = 1,
                    .role = ModelRole::CurrentSource,
                    .colorIndex = 1},
                   {.id = "cells",
                    .model = "lif",
                    .size = 10,
                    .spikesRecorded = true,
                    .hasMembrane = true,
                    .colorIndex = 2}};
  return l;
}

// 100 steps from `first`: input neuron (step % 1000) spikes every step, cell 3 every 10 steps.
SimulationChunk chunk(int64_t first) {
  SimulationChunk c;
  c.firstStep = first;
  c.stepCount = 100;
  c.dt = 0.1;
  c.populations = {"input", "drive", "cells"};
  c.spikesRecorded = {true, false, true};
  c.spikes.resize(3);
  c.countsPerStep.assign(3, std::vector<int32_t>(100, 0));
  for (int64_t s = first; s < first + 100; ++s) {
    c.spikes[0].steps.push_back(s);
    c.spikes[0].neurons.push_back(static_cast<int32_t>(s % 1000));
    c.countsPerStep[0][static_cast<size_t>(s - first)] = 1;
    if (s % 10 == 0) {
      c.spikes[2].steps.push_back(s);
      c.spikes[2].neurons.push_back(3);
      c.countsPerStep[2][static_cast<size_t>(s - first)] = 1;
    }
  }
  StateRecord v{.monitor = 0, .population = "cells", .variable = "v", .neurons = {3, 3}};
  for (int64_t s = first; s < first + 100; ++s) {
    v.sampleSteps.push_back(s);
    v.values.push_back(-65.0f + static_cast<float>(s % 7));
    v.values.push_back(-65.0f + static_cast<float>(s % 7));  // the same neuron, recorded twice
  }
  c.states.push_back(v);
  return c;
}

}  // namespace

class TestPlots : public QObject {
  Q_OBJECT

 private slots:
  void historyKeepsOnlyTheWindow() {
    SpikeHistory h;
    h.reset(1);
    std::vector<int64_t> steps(10000);
    std::vector<int32_t> neurons(10000, 1);
    for (int64_t i = 0; i < 10000; ++i) steps[static_cast<size_t>(i)] = i;
    h.append(0, steps, neurons, 0.1);
    QCOMPARE(h.between(0, 100.0, 200.0).count, size_t{1001});
    h.dropBefore(900.0);
    QCOMPARE(h.size(0), size_t{1000});
    QCOMPARE(h.between(0, 0.0, 2000.0).times[0], 900.0);
  }

  void historyIsBoundedByCountNotByTheWindow() {
    SpikeHistory h;
    h.reset(2);
    std::vector<int64_t> steps(10000);
    std::vector<int32_t> neurons(10000, 1);
    for (int64_t i = 0; i < 10000; ++i) steps[static_cast<size_t>(i)] = i;
    h.append(0, steps, neurons, 0.1);
    h.append(1, steps, neurons, 0.1);
    QVERIFY(std::isinf(h.keepAtMost(20000)));  // within the bound: nothing goes
    QCOMPARE(h.total(), size_t{20000});
    const double cut = h.keepAtMost(8000);  // over it: the oldest go, of both populations
    QVERIFY(h.total() <= 8000);
    QVERIFY(h.total() >= 5000);  // three quarters of the bound are kept
    QCOMPARE(h.size(0), h.size(1));
    QVERIFY(h.between(0, 0.0, 2000.0).times[0] >= cut);
  }

  void rasterDrawsTheWindowAndMapsClicks() {
    SpikeRasterPlot plot;
    plot.resize(800, 400);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.startRun(layout());
    for (int64_t first = 0; first < 3000; first += 100) plot.appendChunk(chunk(first));
    plot.showWindow(200.0, 250.0);  // steps 2000..2500
    QCOMPARE(plot.layer()->lastDrawnSpikes(), size_t{501 + 51});
    QCOMPARE(plot.layer()->bands().size(), size_t{2});  // the current source has no band

    // Click the middle of the cells band: neuron 5 of 10 (the band is 7% of 1010 rows high).
    const RasterBand& cells = plot.layer()->bands()[1];
    const double y = cells.start + 5.5 * cells.height / 10.0;
    const QPoint at(plot.xAxis->coordToPixel(225.0), plot.yAxis->coordToPixel(y));
    QSignalSpy clicked(&plot, &SpikeRasterPlot::neuronClicked);
    QTest::mouseClick(&plot, Qt::LeftButton, {}, at);
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).value<Probe>(), (Probe{"cells", 5}));
    QCOMPARE(clicked.at(0).at(1).toBool(), false);
  }

  void ratesAreSpikesPerNeuronPerSecond() {
    PopulationRatePlot plot;
    plot.startRun(layout());
    for (int64_t first = 0; first < 1000; first += 100) plot.appendChunk(chunk(first));
    QVERIFY(plot.graphOf(1) == nullptr);  // a current source emits no spikes
    const QCPGraph* input = plot.graphOf(0);
    const QCPGraph* cells = plot.graphOf(2);
    QCOMPARE(input->dataCount(), 9);  // the tenth bin is still open
    // input: 100 spikes per 10 ms bin over 1000 neurons = 10 Hz; cells: 10 spikes / 10 neurons.
    QCOMPARE(input->data()->at(3)->value, 10.0);
    QCOMPARE(cells->data()->at(3)->value, 100.0);
    QCOMPARE(input->data()->at(0)->key, 5.0);
  }

  void tracesTakeEachSampleOnce() {
    MembraneTracePlot plot;
    plot.setProbes({{"cells", 3}, {"cells", 4}});
    plot.appendChunk(chunk(0));
    plot.appendChunk(chunk(100));
    QCOMPARE(plot.sampleCount({"cells", 3}), 200);
    QCOMPARE(plot.sampleCount({"cells", 4}), 0);
    plot.setProbes({{"cells", 3}});
    QCOMPARE(plot.sampleCount({"cells", 3}), 200);  // kept
    QCOMPARE(plot.sampleCount({"cells", 4}), -1);   // gone
  }

  void axesTakeTheWidthBeforeAnyRun() {
    MembraneTracePlot traces;
    PopulationRatePlot rates;
    SpikeRasterPlot raster;
    for (LivePlot* plot : std::initializer_list<LivePlot*>{&traces, &rates, &raster}) {
      plot->resize(400, 200);
      plot->show();
      QVERIFY(QTest::qWaitForWindowExposed(plot));
      plot->showWindow(0, 1000);
      QVERIFY2(plot->axisRect()->width() > 250 && plot->axisRect()->height() > 80,
               qPrintable(plot->windowTitle()));
    }
  }

  void everyPlotExportsPngSvgPdf() {
    QTemporaryDir dir;
    SpikeRasterPlot raster;
    MembraneTracePlot traces;
    PopulationRatePlot rates;
    raster.startRun(layout());
    rates.startRun(layout());
    traces.setProbes({{"cells", 3}});
    for (int64_t first = 0; first < 2000; first += 100) {
      raster.appendChunk(chunk(first));
      rates.appendChunk(chunk(first));
      traces.appendChunk(chunk(first));
    }
    for (LivePlot* plot : std::initializer_list<LivePlot*>{&raster, &traces, &rates}) {
      plot->resize(640, 320);
      plot->showWindow(0, 200);
      for (const char* suffix : {"png", "svg", "pdf"}) {
        const QString path = dir.filePath(plot->windowTitle() + "." + suffix);
        QCOMPARE(plot->exportTo(path), QString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray head = f.read(400);
        if (QByteArray(suffix) == "png") QVERIFY(head.startsWith("\x89PNG"));
        if (QByteArray(suffix) == "pdf") QVERIFY(head.startsWith("%PDF"));
        if (QByteArray(suffix) == "svg") QVERIFY(head.contains("<svg"));
        QVERIFY(f.size() > 1000);
      }
    }
    QVERIFY(!raster.exportTo(dir.filePath("plot.bmpx")).isEmpty());  // unknown format refused
  }
};

QTEST_MAIN(TestPlots)
#include "tst_plots.moc"
