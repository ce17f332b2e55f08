// The live plots fed with hand-made chunks: the raster draws exactly the spikes of the window and
// maps clicks to neurons, the history forgets what scrolled out, rates are counts per neuron per
// second, traces take each sample once, and every plot exports PNG, SVG and PDF. Feature maps
// draw each neuron's spike count at its (channel, row, column), for hand-made chunks and for a
// conv2d network run in the Simulator, whose output channels are known from its kernel.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "../common/TestSupport.h"
#include "plots/FeatureMapPlot.h"
#include "plots/FeatureMapView.h"
#include "plots/MembraneTracePlot.h"
#include "plots/PopulationRatePlot.h"
#include "plots/SpikeHistory.h"
#include "plots/SpikeRasterLayer.h"
#include "plots/SpikeRasterPlot.h"
#include "sim/Compiler.h"
#include "sim/Simulator.h"

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

// A shaped population "maps" (3 x 2 x 4) between two unshaped ones; neuron n spikes
// spikesOf(n) times in each 100-step chunk.
int spikesOf(int n) {
  return (n * 5) % 7;
}

RunLayout shapedLayout() {
  RunLayout l;
  l.dt = 0.5;
  l.populations = {{.id = "input", .model = "poisson", .size = 4, .role = ModelRole::SpikeSource},
                   {.id = "maps",
                    .model = "if",
                    .size = 24,
                    .spikesRecorded = true,
                    .shape = TensorShape{3, 2, 4}},
                   {.id = "out", .model = "if", .size = 2, .spikesRecorded = true}};
  return l;
}

SimulationChunk shapedChunk(int64_t first) {
  SimulationChunk c;
  c.firstStep = first;
  c.stepCount = 100;
  c.dt = 0.5;
  c.populations = {"input", "maps", "out"};
  c.spikesRecorded = {true, true, true};
  c.spikes.resize(3);
  c.countsPerStep.assign(3, std::vector<int32_t>(100, 0));
  for (int64_t s = 0; s < 7; ++s)
    for (int n = 0; n < 24; ++n)
      if (s < spikesOf(n)) {
        c.spikes[1].steps.push_back(first + s);
        c.spikes[1].neurons.push_back(n);
      }
  c.spikes[2].steps = {first};
  c.spikes[2].neurons = {1};
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

  void featureMapsDrawCountsAtChannelRowColumn() {
    FeatureMapView view;
    view.startRun(shapedLayout());
    QCOMPARE(view.shownPopulation(), QString("maps"));  // the run's only shaped population
    QVERIFY(view.countsOf("out") == nullptr);           // unshaped: no maps
    for (int64_t first = 0; first < 300; first += 100) view.appendChunk(shapedChunk(first));
    view.refresh();
    const FeatureMapPlot* plot = view.plot();
    QCOMPARE(plot->channelsShown(), 3);
    QCOMPARE(plot->gridColumns(), 2);  // a near-square grid: 2 x 2 tiles for 3 channels
    int most = 0;
    for (int c = 0; c < 3; ++c) {
      QCOMPARE(plot->channelLabel(c), QString::number(c));
      for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 4; ++x) {
          const int n = (c * 2 + y) * 4 + x;  // PyTorch's C x H x W order
          QCOMPARE(plot->valueAt(c, y, x), 3.0 * spikesOf(n));
          most = std::max(most, 3 * spikesOf(n));
        }
    }
    QCOMPARE(plot->scaleTop(), double(most));  // one colour scale for every channel
    QVERIFY(std::isnan(plot->valueAt(3, 0, 0)));
    // As rates: 3 chunks of 100 steps of 0.5 ms are 150 ms.
    view.setMeasure(FeatureMapView::Measure::Rate);
    SNN_COMPARE_NEAR(plot->valueAt(1, 1, 2), 3.0 * spikesOf(14) * 1000.0 / 150.0, 1e-9);
    view.clear();
    QCOMPARE(plot->valueAt(1, 1, 2), 0.0);
  }

  void featureMapsOfAConvLayerRunInTheSimulator() {
    // Input 1 x 2 x 3 of spike times: neuron (y, x) spikes 1 + 3y + x times, 4 ms apart. A 1 x 1
    // conv2d with kernel {0, 1} drives only channel 1 of a 2 x 2 x 3 layer of IF neurons, each
    // input spike one output spike (weight 1 over a threshold of 0.5, reset to 0): channel 0 is
    // silent and channel 1 repeats the input's counts at the same row and column.
    Project project;
    project.experiment.dt = 1.0;
    project.experiment.duration = 40.0;
    PopulationSpec in{
        .id = "in", .model = "spike_source", .size = 6, .shape = TensorShape{1, 2, 3}};
    SpikeTrains trains(6);
    for (int n = 0; n < 6; ++n)
      for (int k = 0; k <= n; ++k) trains[static_cast<size_t>(n)].push_back(2.0 + 4.0 * k);
    in.params["spike_times"] = trains;
    PopulationSpec conv{.id = "conv", .model = "if", .size = 12, .shape = TensorShape{2, 2, 3}};
    conv.params["cm"] = ValueSpec::constant(1.0);
    conv.params["tau_syn_exc"] = ValueSpec::constant(0.0);
    conv.params["v_thresh"] = ValueSpec::constant(0.5);
    project.network.populations = {in, conv};
    ProjectionSpec p{.id = "k", .pre = "in", .post = "conv"};
    p.connector.type = ConnectorSpec::Type::Conv2d;
    p.connector.kernelShape = {2, 1, 1, 1};
    p.connector.kernel = {0.0f, 1.0f};
    p.weight = ValueSpec::constant(1.0);
    project.network.projections = {p};
    project.network.monitors = {{.type = MonitorSpec::Type::Spikes, .target = "in"},
                                {.type = MonitorSpec::Type::Spikes, .target = "conv"}};
    CompileResult compiled = compile(project);
    QVERIFY2(compiled.ok(), joinDiagnostics(compiled.diagnostics).c_str());
    Simulator sim(std::move(compiled.network));
    RunLayout l;
    l.dt = 1.0;
    l.populations = {{.id = "in", .model = "spike_source", .size = 6, .shape = in.shape},
                     {.id = "conv", .model = "if", .size = 12, .shape = conv.shape}};
    FeatureMapView view;
    view.startRun(l);
    view.showPopulation("conv");
    for (int i = 0; i < 4; ++i) view.appendChunk(sim.run(10));
    view.refresh();
    const FeatureMapPlot* plot = view.plot();
    QCOMPARE(plot->channelsShown(), 2);
    for (int y = 0; y < 2; ++y)
      for (int x = 0; x < 3; ++x) {
        QCOMPARE(plot->valueAt(0, y, x), 0.0);
        QCOMPARE(plot->valueAt(1, y, x), double(1 + 3 * y + x));
      }
    view.showPopulation("in");
    QCOMPARE(plot->channelsShown(), 1);
    QCOMPARE(plot->valueAt(0, 1, 2), 6.0);
    QVERIFY(plot->titleText().contains("40 ms"));
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
    FeatureMapView maps;
    maps.startRun(shapedLayout());
    maps.appendChunk(shapedChunk(0));
    maps.refresh();
    maps.plot()->resize(480, 360);
    for (const char* suffix : {"png", "svg", "pdf"}) {
      const QString path = dir.filePath(QString("feature-maps.") + suffix);
      QCOMPARE(maps.plot()->exportTo(path), QString());
      QVERIFY(QFile(path).size() > 1000);
    }
  }
};

QTEST_MAIN(TestPlots)
#include "tst_plots.moc"
