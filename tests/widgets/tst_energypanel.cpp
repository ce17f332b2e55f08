// The Energy panel and meter: the bars stack to the report's energy per inference on every
// substrate (the report itself is checked against its formulas in tst_energymodel); a segment's
// tooltip names the formula and the constants with their sources; editing a constant or the
// chip goes through the undo stack into the project's energy block and changes the bars;
// the CSV export sums to the report's totals; the status bar meter shows joules per simulated
// second from the difference of two chunks' counts. Accuracy beside each bar: measured in the
// accuracy thread (checked against the same measurement made directly), "—" with the reason
// where a substrate has none, Cancel; a finished conversion's bars at its largest T, checked
// against the Conversion dock's own energy (priced in its worker by conversionEnergy), re-priced
// when the chip changes.
#include <QComboBox>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include "TestSupport.h"
#include "ann/AnnModel.h"
#include "conversion/ConversionPanel.h"
#include "conversion/ConversionSession.h"
#include "data/Dataset.h"
#include "document/NetworkDocument.h"
#include "energy/AccuracyBar.h"
#include "energy/AccuracySession.h"
#include "energy/ConvertedEnergy.h"
#include "energy/EnergyMeter.h"
#include "energy/EnergyModel.h"
#include "energy/EnergyPanel.h"
#include "energy/EnergyPlot.h"
#include "io/ProjectJson.h"
#include "session/SimulationSession.h"

using namespace snn;
using namespace snn::gui;

namespace {

// 100 inputs into 50 LIF neurons; `scale` multiplies every count (a later chunk).
OperationCounts counts(uint64_t scale = 1) {
  OperationCounts c;
  c.dt = 1.0;
  c.steps = int64_t(1000 * scale);
  c.samples = int64_t(10 * scale);
  c.populations = {{.id = "in", .size = 100, .integrates = false, .spikes = 3000 * scale},
                   {.id = "out",
                    .size = 50,
                    .integrates = true,
                    .stateVariables = 3,
                    .spikes = 400 * scale,
                    .neuronUpdates = 50000 * scale}};
  c.projections = {{.id = "in_out",
                    .pre = "in",
                    .post = "out",
                    .preSize = 100,
                    .postSize = 50,
                    .synapses = 5000,
                    .synapticOps = 150000 * scale,
                    .activeSteps = 900 * scale}};
  return c;
}

// An untrained 64-16-10 ANN (the Conversion dock's test fixture): conversion is quick.
Project tinyAnnProject() {
  AnnSpec ann;
  ann.input = {1, 8, 8};
  ann.layers = {{.id = "flat", .type = AnnLayerType::Flatten},
                {.id = "fc1", .type = AnnLayerType::Dense, .units = 16},
                {.id = "relu1", .type = AnnLayerType::Relu},
                {.id = "fc2", .type = AnnLayerType::Dense, .units = 10}};
  Project p;
  p.network.anns.push_back({"tiny", withInitialisedWeights(ann, 7)});
  return p;
}

int rowOf(QTableWidget* t, const QString& key) {
  for (int r = 0; r < t->rowCount(); ++r)
    if (t->item(r, 0)->text() == key) return r;
  return -1;
}

}  // namespace

class TestEnergyPanel : public QObject {
  Q_OBJECT
 private slots:
  void barsStackToTheReport();
  void tooltipNamesFormulaAndSources();
  void constantEditIsUndoable();
  void chipChoiceIsUndoable();
  void badConstantIsRefused();
  void csvSumsToTotals();
  void meterShowsJoulesPerSimulatedSecond();
  void accuracyMeasuredInTheBackground();
  void accuracyMeasurementCancels();
  void runOnADatasetFeedMeasuresAccuracy();
  void conversionShowsItsBarsAndAccuracies();
};

void TestEnergyPanel::barsStackToTheReport() {
  NetworkDocument doc;
  EnergyPanel panel(&doc, nullptr);
  panel.setCounts(counts());
  EnergyPlot* plot = panel.plot();
  QCOMPARE(plot->substrateCount(), 5);
  for (int s = 0; s < plot->substrateCount(); ++s) {
    const SubstrateEnergy& sub = panel.report().substrates[size_t(s)];
    SNN_COMPARE_NEAR(plot->barTopJoules(s), sub.perInference(), 1e-9 * sub.perInference());
  }
  plot->setStacking(EnergyPlot::Stacking::ByLayer);
  QVERIFY(plot->segments().contains("in_out"));
  QVERIFY(plot->segments().contains("out"));
  SNN_COMPARE_NEAR(plot->barTopJoules(0), panel.report().substrates[0].perInference(),
                   1e-9 * panel.report().substrates[0].perInference());
}

void TestEnergyPanel::tooltipNamesFormulaAndSources() {
  NetworkDocument doc;
  EnergyPanel panel(&doc, nullptr);
  panel.setCounts(counts());
  EnergyPlot* plot = panel.plot();
  const int chip = 3;  // ann_fp32, ann_int8, snn_cmos, snn_chip, crossbar
  QCOMPARE(panel.report().substrates[chip].name, std::string("snn_chip"));
  const int compute = int(plot->segments().indexOf("compute"));
  QVERIFY(compute >= 0);
  const QString tip = plot->tooltipAt(chip, compute);
  QVERIFY2(tip.contains("chip.loihi.synop"), qPrintable(tip));
  QVERIFY2(tip.contains("23.6"), qPrintable(tip));
  QVERIFY2(tip.contains("Davies"), qPrintable(tip));
}

void TestEnergyPanel::constantEditIsUndoable() {
  NetworkDocument doc;
  EnergyPanel panel(&doc, nullptr);
  panel.setCounts(counts());
  const double before = panel.report().find("snn_cmos")->kindTotal("compute");
  QTableWidget* table = panel.constantsTable();
  const int row = rowOf(table, "cmos.fp32_add");
  QVERIFY(row >= 0);
  table->item(row, 1)->setText("1.8");  // twice the published 0.9 pJ
  QVERIFY(doc.project().energy);
  QCOMPARE(doc.project().energy->constants.at("cmos.fp32_add"), 1.8);
  SNN_COMPARE_NEAR(panel.report().find("snn_cmos")->kindTotal("compute"), 2 * before,
                   1e-9 * before);
  doc.undoStack()->undo();
  QVERIFY(!doc.project().energy || doc.project().energy->constants.empty());
  SNN_COMPARE_NEAR(panel.report().find("snn_cmos")->kindTotal("compute"), before, 1e-9 * before);
  QCOMPARE(table->item(rowOf(table, "cmos.fp32_add"), 1)->text(), QString("0.9"));
}

void TestEnergyPanel::chipChoiceIsUndoable() {
  NetworkDocument doc;
  EnergyPanel panel(&doc, nullptr);
  panel.setCounts(counts());
  QComboBox* chip = panel.chipChooser();
  const int tianjic = chip->findData("tianjic");
  QVERIFY(tianjic >= 0);
  chip->setCurrentIndex(tianjic);
  Q_EMIT chip->activated(tianjic);
  QCOMPARE(doc.project().energy->chip, std::string("tianjic"));
  SNN_COMPARE_NEAR(panel.report().find("snn_chip")->kindTotal("compute"), 150000 * 1.54e-12, 1e-20);
  doc.undoStack()->undo();
  QCOMPARE(panel.report().find("snn_chip")->chip, std::string("loihi"));
  QCOMPARE(chip->currentData().toString(), QString("loihi"));
}

void TestEnergyPanel::badConstantIsRefused() {
  NetworkDocument doc;
  EnergyPanel panel(&doc, nullptr);
  QTableWidget* table = panel.constantsTable();
  const int row = rowOf(table, "xbar.adc");
  table->item(row, 1)->setText("-3");
  QVERIFY(!doc.project().energy);
  QCOMPARE(doc.undoStack()->count(), 0);
  QCOMPARE(table->item(rowOf(table, "xbar.adc"), 1)->text(), QString("1.5"));
}

void TestEnergyPanel::csvSumsToTotals() {
  NetworkDocument doc;
  EnergyPanel panel(&doc, nullptr);
  panel.setCounts(counts());
  QTemporaryDir dir;
  const QString path = dir.filePath("energy.csv");
  QCOMPARE(panel.exportCsv(path), QString());
  QFile f(path);
  QVERIFY(f.open(QIODevice::ReadOnly));
  QCOMPARE(f.readLine().trimmed(),
           QByteArray("substrate,chip,layer,kind,joules,joules_per_inference"));
  std::map<std::string, double> sums;
  while (!f.atEnd()) {
    const QList<QByteArray> cells = f.readLine().trimmed().split(',');
    QCOMPARE(cells.size(), 6);
    sums[cells[0].toStdString()] += cells[4].toDouble();
  }
  for (const SubstrateEnergy& s : panel.report().substrates)
    SNN_COMPARE_NEAR(sums[s.name], s.total(), 1e-9 * s.total());
  QVERIFY(!panel.exportCsv(dir.filePath("no/such/dir/energy.csv")).isEmpty());
}

void TestEnergyPanel::meterShowsJoulesPerSimulatedSecond() {
  NetworkDocument doc;
  EnergyMeter meter(&doc, nullptr);
  QVERIFY(meter.isHidden());
  meter.addCounts(counts(1));
  // First chunk: 1 s simulated; Loihi by default.
  const EnergyReport one = energyFromCounts(counts(1), EnergyTable{});
  SNN_COMPARE_NEAR(meter.watts(), one.find("snn_chip")->total() / 1.0, 1e-15);
  // The next chunk brings the cumulative counts of 3 s: the meter prices the last 2 s.
  meter.addCounts(counts(3));
  const EnergyReport two = energyFromCounts(countsBetween(counts(3), counts(1)), EnergyTable{});
  SNN_COMPARE_NEAR(meter.watts(), two.find("snn_chip")->total() / 2.0, 1e-15);
  QVERIFY(meter.text().contains("Loihi"));
  QVERIFY(!meter.isHidden());
}

void TestEnergyPanel::accuracyMeasuredInTheBackground() {
  const Project p =
      loadProject(test::source("resources/examples/crossbar_surrogate_digits.snnwb.json"));
  NetworkDocument doc;
  doc.replaceProject(p, {});
  EnergyPanel panel(&doc, nullptr);
  panel.setCounts(counts());
  AccuracyBar* bar = panel.accuracyBar();
  bar->testLimit()->setValue(30);
  QSignalSpy measured(bar, &AccuracyBar::measured);
  QVERIFY(bar->measure());
  QVERIFY(bar->isBusy());  // measure() returned at once: the work is in the accuracy thread
  QVERIFY(!bar->measureButton()->isEnabled());
  QVERIFY(!bar->measure());  // one at a time
  QVERIFY(measured.wait(60000));
  QVERIFY(bar->measureButton()->isEnabled());
  // The same measurement made here, on this thread.
  SubstrateAccuracyOptions options;
  options.testLimit = 30;
  options.threads = 2;
  const SubstrateAccuracies direct = measureSubstrateAccuracies(p, loadDataset("digits"), options);
  const EnergyReport& r = panel.report();
  QCOMPARE(*r.find("snn_cmos")->accuracy, *direct.snn.accuracy);
  QCOMPARE(*r.find("snn_chip")->accuracy, *direct.snn.accuracy);
  QCOMPARE(*r.find("crossbar")->accuracy, *direct.crossbar.accuracy);
  QVERIFY(!r.find("ann_fp32")->accuracy);
  EnergyPlot* plot = panel.plot();
  const int ann = 0, chip = 3;
  QVERIFY2(plot->barLabel(chip).contains(QString::number(100 * *direct.snn.accuracy, 'f', 1)),
           qPrintable(plot->barLabel(chip)));
  QVERIFY(plot->barLabel(ann).contains(QString::fromUtf8("—")));
  QVERIFY2(plot->accuracyTooltip(ann).contains("no ANN"), qPrintable(plot->accuracyTooltip(ann)));
  QVERIFY(plot->tooltipAt(chip, 0).contains("Accuracy"));
}

void TestEnergyPanel::accuracyMeasurementCancels() {
  NetworkDocument doc;
  doc.replaceProject(
      loadProject(test::source("resources/examples/crossbar_surrogate_digits.snnwb.json")), {});
  EnergyPanel panel(&doc, nullptr);
  AccuracyBar* bar = panel.accuracyBar();
  bar->testLimit()->setValue(100000);  // the whole test split, three times
  QSignalSpy measured(bar, &AccuracyBar::measured);
  QSignalSpy finished(bar->session(), &AccuracySession::finished);
  QVERIFY(bar->measure());
  bar->cancel();
  QVERIFY(finished.wait(60000));
  QVERIFY(finished.at(0).at(0).value<AccuracyResultPtr>()->cancelled);
  QCOMPARE(measured.count(), 0);
  QVERIFY(bar->message().contains("cancelled"));
  // A project that is no classification task says why and starts nothing.
  doc.replaceProject(Project{}, {});
  QVERIFY(!bar->measure());
  QVERIFY2(bar->message().contains("training method"), qPrintable(bar->message()));
}

// A network shown a dataset feed: when its run finishes, the accuracies are measured without
// asking (and not again for the same project).
void TestEnergyPanel::runOnADatasetFeedMeasuresAccuracy() {
  Project p = loadProject(test::source("resources/examples/crossbar_surrogate_digits.snnwb.json"));
  p.network.findPopulation("pixels")->feed = DatasetFeedSpec{.presentMs = 25, .restMs = 0};
  p.experiment.duration = 50;
  NetworkDocument doc;
  doc.replaceProject(p, {});
  SimulationSession session(&doc);
  EnergyPanel panel(&doc, &session);
  panel.accuracyBar()->testLimit()->setValue(20);
  QSignalSpy measured(panel.accuracyBar(), &AccuracyBar::measured);
  session.setSpeed(0);
  session.run();
  QVERIFY(measured.wait(60000));
  QVERIFY(panel.report().find("crossbar")->accuracy.has_value());
  QVERIFY(panel.report().find("snn_chip")->accuracy.has_value());
  QVERIFY(panel.report().find("snn_chip")->ops.size() > 0);  // the run's counts
  panel.accuracyBar()->measureIfFedAndChanged();             // the same project: nothing new
  QVERIFY(!panel.accuracyBar()->isBusy());
}

void TestEnergyPanel::conversionShowsItsBarsAndAccuracies() {
  NetworkDocument doc;
  doc.replaceProject(tinyAnnProject(), {});
  ConversionPanel conversion(&doc);
  EnergyPanel energy(&doc, nullptr);
  QSignalSpy finished(conversion.session(), &ConversionSession::finished);
  QVERIFY(conversion.convert("tiny", "rate", {16, 4}, "digits", 20));
  QVERIFY(finished.wait(60000));
  QCOMPARE(finished.at(0).at(0).value<ConversionOutcome>(), ConversionOutcome::Completed);
  showConversionEnergy(conversion, energy);
  QCOMPARE(energy.shownConversionPoint(), 0);  // the largest T, 16
  const ConversionPoint& at16 = *conversion.points()[0];
  QCOMPARE(at16.result.timesteps, 16);
  // The Conversion dock priced this T in its worker (conversionEnergy); the Energy dock prices
  // the same counts again: the bars agree on every substrate.
  const EnergyReport& r = energy.report();
  QCOMPARE(r.substrates.size(), at16.energy.substrates.size());
  for (const SubstrateEnergy& s : at16.energy.substrates)
    SNN_COMPARE_NEAR(r.find(s.name)->total(), s.total(), 1e-9 * s.total());
  QCOMPARE(*r.find("ann_fp32")->accuracy, at16.result.annAccuracy);
  QCOMPARE(*r.find("snn_chip")->accuracy, at16.result.snnAccuracy);
  QVERIFY(!r.find("crossbar")->accuracy && !r.find("crossbar")->accuracyNote.empty());
  energy.plot()->setStacking(EnergyPlot::Stacking::ByLayer);
  QVERIFY(energy.plot()->segments().contains("fc1"));  // a layer of the ANN (and its stage)
  // Another chip re-prices the converted network's synaptic operations.
  QComboBox* chip = energy.chipChooser();
  const int tianjic = chip->findData("tianjic");
  chip->setCurrentIndex(tianjic);
  Q_EMIT chip->activated(tianjic);
  double synops = 0;
  for (const auto& [name, n] : at16.energy.find("snn_chip")->ops)
    if (name == "synaptic_ops") synops = n;
  QVERIFY(synops > 0);
  SNN_COMPARE_NEAR(energy.report().find("snn_chip")->kindTotal("compute"), synops * 1.54e-12,
                   1e-9 * synops * 1.54e-12);
  // The other T, then back to the (empty) run.
  energy.showConversionPoint(1);
  QCOMPARE(*energy.report().find("snn_chip")->accuracy, conversion.points()[1]->result.snnAccuracy);
  energy.showConversionPoint(-1);
  QCOMPARE(energy.report().substrates.size(), size_t(0));
}

QTEST_MAIN(TestEnergyPanel)
#include "tst_energypanel.moc"
