// The Energy panel and meter: the bars stack to the report's energy per inference on every
// substrate (the report itself is checked against its formulas in tst_energymodel); a segment's
// tooltip names the formula and the constants with their sources; editing a constant or the
// chip goes through the undo stack into the project's energy block and changes the bars;
// the CSV export sums to the report's totals; the status bar meter shows joules per simulated
// second from the difference of two chunks' counts.
#include <QComboBox>
#include <QFile>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include "TestSupport.h"
#include "document/NetworkDocument.h"
#include "energy/EnergyMeter.h"
#include "energy/EnergyModel.h"
#include "energy/EnergyPanel.h"
#include "energy/EnergyPlot.h"

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

QTEST_MAIN(TestEnergyPanel)
#include "tst_energypanel.moc"
