// Energy models (core/energy) against their formulas and a published convention: the
// SpikingJelly / snnTorch comparison of a converted SNN with its ANN prices an ANN MAC at 4.6 pJ
// and an SNN accumulate at 0.9 pJ (Horowitz, ISSCC 2014, 45 nm fp32), so an SNN that does as
// many accumulates as its ANN does MACs spends 4.6 / 0.9 = 5.1x less on compute. Also the
// project's energy block (reading, writing, bad input) and crossbar counts from a real run.
#include <QTest>

#include "TestSupport.h"
#include "energy/EnergyFields.h"
#include "energy/EnergyJson.h"
#include "energy/EnergyModel.h"
#include "io/ProjectJson.h"
#include "project/ProjectEnergy.h"
#include "project/ProjectEvaluation.h"
#include "project/SubstrateAccuracy.h"

using namespace snn;

namespace {

// 100 inputs all-to-all into 50 LIF neurons, 1000 steps, 10 samples presented.
OperationCounts handMadeCounts() {
  OperationCounts c;
  c.dt = 1.0;
  c.steps = 1000;
  c.samples = 10;
  c.populations = {{.id = "in", .size = 100, .integrates = false, .spikes = 3000},
                   {.id = "out",
                    .size = 50,
                    .integrates = true,
                    .stateVariables = 3,
                    .spikes = 400,
                    .neuronUpdates = 50 * 1000}};
  c.projections = {{.id = "in_out",
                    .pre = "in",
                    .post = "out",
                    .preSize = 100,
                    .postSize = 50,
                    .synapses = 5000,
                    .synapticOps = 3000 * 50,
                    .activeSteps = 900}};
  return c;
}

std::string J(std::string s) {
  for (char& ch : s)
    if (ch == '\'') ch = '"';
  return s;
}

std::string projectText(const std::string& energy) {
  return J("{'format': 'snn-workbench', 'version': 1, 'network': {"
           "  'populations': [{'id': 'in', 'model': 'poisson', 'size': 40, 'params': {'rate': 50}},"
           "                  {'id': 'out', 'model': 'lif', 'size': 12}],"
           "  'projections': [{'id': 'p', 'pre': 'in', 'post': 'out', 'connector': 'all_to_all',"
           "                   'weight': 0.25, 'crossbar': 'xb1'}],"
           "  'crossbars': [{'id': 'xb1', 'rows': 40, 'cols': 24, 'array': {'adc_bits': 6}}],"
           "  'monitors': []},"
           "  'experiment': {'dt': 0.1, 'duration': 200, 'seed': 7}") +
         (energy.empty() ? "" : ", " + J(energy)) + "}";
}

double kind(const EnergyReport& r, const std::string& substrate, const std::string& k) {
  return r.find(substrate)->kindTotal(k);
}

}  // namespace

class TestEnergyModel : public QObject {
  Q_OBJECT
 private slots:
  void spikingJellyConvention();
  void chipFigures_data();
  void chipFigures();
  void hypotheticalCrossbar();
  void plasticityPriced_data();
  void plasticityPriced();
  void annEnergyFromLayerFormulas();
  void overridesAndBadConstants();
  void energyBlockRoundTripsAndBadInputIsNamed();
  void crossbarRunCountsReadsAndConversions();
  void reportJsonHasTheContract();
  void accuracyPerSubstrate();
  void annAccuracyAndNoTask();
};

void TestEnergyModel::spikingJellyConvention() {
  const OperationCounts c = handMadeCounts();
  const EnergyReport r = energyFromCounts(c, EnergyTable{});
  // ANN: 5000 synapses x 10 samples MACs at 4.6 pJ; SNN: 150 000 accumulates at 0.9 pJ.
  SNN_COMPARE_NEAR(kind(r, "ann_fp32", "compute"), 5000 * 10 * 4.6e-12, 1e-20);
  SNN_COMPARE_NEAR(kind(r, "snn_cmos", "compute"), 150000 * 0.9e-12, 1e-20);
  // The convention's per-operation ratio, with as many accumulates as MACs.
  OperationCounts same = c;
  same.projections[0].synapticOps = 5000 * 10;
  const EnergyReport s = energyFromCounts(same, EnergyTable{});
  SNN_COMPARE_NEAR(kind(s, "ann_fp32", "compute") / kind(s, "snn_cmos", "compute"), 4.6 / 0.9,
                   1e-12);
  QCOMPARE(r.find("ann_fp32")->inferences, int64_t(10));
  SNN_COMPARE_NEAR(r.find("ann_fp32")->perInference(), r.find("ann_fp32")->total() / 10, 1e-20);
}

void TestEnergyModel::chipFigures_data() {
  QTest::addColumn<QString>("chip");
  QTest::addColumn<double>("synopPj");
  QTest::addColumn<double>("neuronPj");  // expected neuron energy of handMadeCounts, pJ
  // Loihi: 50 000 updates x 52 pJ + 3400 spikes x 1.7 pJ.
  QTest::newRow("loihi") << "loihi" << 23.6 << 50000 * 52.0 + 3400 * 1.7;
  QTest::newRow("truenorth") << "truenorth" << 26.0 << 0.0;
  QTest::newRow("tianjic") << "tianjic" << 1.54 << 0.0;
  // SpiNNaker: 50 000 neuron-steps of 1 ms at 100 nJ per neuron and ms.
  QTest::newRow("spinnaker") << "spinnaker" << 43000.0 << 50000 * 1.0 * 1e5;
}

void TestEnergyModel::chipFigures() {
  QFETCH(QString, chip);
  QFETCH(double, synopPj);
  QFETCH(double, neuronPj);
  const EnergyReport r =
      energyFromCounts(handMadeCounts(), EnergyTable{}, {.chip = chip.toStdString()});
  SNN_COMPARE_NEAR(kind(r, "snn_chip", "compute"), 150000 * synopPj * 1e-12, 1e-18);
  SNN_COMPARE_NEAR(kind(r, "snn_chip", "neuron"), neuronPj * 1e-12, 1e-18);
  QCOMPARE(r.find("snn_chip")->chip, chip.toStdString());
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                           energyFromCounts(handMadeCounts(), EnergyTable{}, {.chip = "nope"}));
}

void TestEnergyModel::hypotheticalCrossbar() {
  const EnergyReport r = energyFromCounts(handMadeCounts(), EnergyTable{});
  // 3000 input spikes drive rows of 2 x 50 devices: 300 000 reads of (0.2 V)^2 x 50 uS x 10 ns.
  const double cells = 3000.0 * 100 * 0.04 * 50e-6 * 10e-9;
  SNN_COMPARE_NEAR(kind(r, "crossbar", "cells"), cells, 1e-22);
  // 900 active steps x 100 columns through the ADC at 1.5 pJ.
  const double adc = 900.0 * 100 * 1.5e-12;
  SNN_COMPARE_NEAR(kind(r, "crossbar", "adc"), adc, 1e-20);
  SNN_COMPARE_NEAR(kind(r, "crossbar", "periphery"), 0.3 * (cells + adc), 1e-20);
  SNN_COMPARE_NEAR(kind(r, "crossbar", "neuron"), 50000 * 4.6e-12, 1e-20);
  QVERIFY(r.find("crossbar")->assumption.find("hypothetically") != std::string::npos);
}

void TestEnergyModel::plasticityPriced_data() {
  QTest::addColumn<bool>("onCrossbar");
  QTest::newRow("digital") << false;
  QTest::newRow("crossbar") << true;
}

// STDP's updates priced from their counts: 200 depressions, 300 potentiations, 1000 trace
// updates and 2 normalisations of the 5000 synapses, each update and each normalised synapse one
// fp32 MAC (4.6 pJ, Horowitz), bytes read at 10 pJ / 8 B (Horowitz's 64-bit SRAM read) and
// written at the table's write figure (10 pJ / 8 B). On a crossbar the weight writes are pulses
// (not in "learning"), so the same updates cost less there by exactly those writes.
void TestEnergyModel::plasticityPriced() {
  QFETCH(bool, onCrossbar);
  OperationCounts c = handMadeCounts();
  ProjectionCounts& p = c.projections[0];
  p.plastic = true;
  p.plasticity = {
      .depressions = 200, .potentiations = 300, .traceUpdates = 1000, .normalizations = 2};
  p.onCrossbar = onCrossbar;
  p.columns = 100;
  const double macs = 200 + 300 + 1000 + 2 * 5000;
  const double read = 200 * 12 + 300 * 20 + 1000 * 4 + 2 * 5000 * 12;
  const double written = 1000 * 4 + (onCrossbar ? 0 : 500 * 4 + 2 * 5000 * 4);
  const double expected = (macs * 4.6 + read * 10 / 8 + written * 10 / 8) * 1e-12;
  EnergyTable table;
  const EnergyReport r = energyFromCounts(c, table);
  for (const char* s : {"snn_cmos", "snn_chip", "crossbar"}) {
    SNN_COMPARE_NEAR(kind(r, s, "learning"), expected, 1e-20);
    QVERIFY(r.find(s)->formulas.count("learning"));
  }
  QCOMPARE(kind(r, "ann_fp32", "learning"), 0.0);  // the ANN does not learn here
  // The write figure is the table's own: doubling it adds exactly the written bytes once more.
  table.set("cmos.sram_write_64bit", 20.0);
  const EnergyReport dearer = energyFromCounts(c, table);
  SNN_COMPARE_NEAR(kind(dearer, "snn_cmos", "learning") - expected, written * 10 / 8 * 1e-12,
                   1e-20);
  // Without plasticity: nothing under "learning", no formula.
  const EnergyReport none = energyFromCounts(handMadeCounts(), EnergyTable{});
  QCOMPARE(kind(none, "snn_cmos", "learning"), 0.0);
  QVERIFY(!none.find("snn_cmos")->formulas.count("learning"));
}

void TestEnergyModel::annEnergyFromLayerFormulas() {
  AnnSpec spec;
  spec.input = {20, 1, 1};
  spec.layers = {{.id = "fc", .type = AnnLayerType::Dense, .units = 8}};
  const SubstrateEnergy fp32 = annEnergy(spec, 3, EnergyTable{}, false);
  // 3 x (20 x 8 MACs at 4.6 pJ + 8 bias adds at 0.9 pJ), weights 4 bytes at 10 pJ / 8 bytes.
  SNN_COMPARE_NEAR(fp32.kindTotal("compute"), 3 * (160 * 4.6 + 8 * 0.9) * 1e-12, 1e-20);
  SNN_COMPARE_NEAR(fp32.kindTotal("memory"), 3 * 160 * 4 * 1.25e-12, 1e-20);
  const SubstrateEnergy int8 = annEnergy(spec, 3, EnergyTable{}, true);
  SNN_COMPARE_NEAR(int8.kindTotal("compute"), 3 * (160 * 0.23 + 8 * 0.03) * 1e-12, 1e-20);
  // A converted network's report compares with its source ANN: the ANN bars become annEnergy's.
  EnergyReport report = energyFromCounts(handMadeCounts(), EnergyTable{});
  useSourceAnn(report, spec, 3, EnergyTable{});
  SNN_COMPARE_NEAR(report.find("ann_fp32")->total(), fp32.total(), 1e-20);
  SNN_COMPARE_NEAR(report.find("ann_int8")->total(), int8.total(), 1e-20);
  QCOMPARE(report.find("snn_chip")->chip, std::string("loihi"));  // the SNN bars stay
}

void TestEnergyModel::overridesAndBadConstants() {
  EnergyTable t;
  t.set("cmos.fp32_add", 0.5);
  QCOMPARE(t["cmos.fp32_add"], 0.5);
  QVERIFY(t.find("cmos.fp32_add")->overridden);
  QVERIFY(t.find("cmos.fp32_add")->source.find("Horowitz") != std::string::npos);
  const EnergyReport r = energyFromCounts(handMadeCounts(), t);
  SNN_COMPARE_NEAR(kind(r, "snn_cmos", "compute"), 150000 * 0.5e-12, 1e-20);
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, t.set("cmos.nope", 1));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, t.set("cmos.fp32_add", -1));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, t.set("cmos.fp32_add", NAN));
  // Every constant has a unit and a source.
  for (const EnergyConstant& c : defaultEnergyConstants()) {
    QVERIFY2(!c.unit.empty() && !c.source.empty(), c.key.c_str());
    QCOMPARE(c.assumption, c.source.rfind("assumption:", 0) == 0);
  }
}

void TestEnergyModel::energyBlockRoundTripsAndBadInputIsNamed() {
  const std::string block =
      "'energy': {'chip': 'tianjic', 'constants': {'xbar.adc': 2.5, 'cmos.fp32_add': 0.8}}";
  ProjectParseResult parsed = parseProject(projectText(block));
  QVERIFY2(parsed.ok(), joinDiagnostics(parsed.diagnostics).c_str());
  QVERIFY(parsed.project.energy);
  QCOMPARE(parsed.project.energy->chip, std::string("tianjic"));
  QCOMPARE(parsed.project.energy->constants.at("xbar.adc"), 2.5);
  const ProjectParseResult again = parseProject(serializeProject(parsed.project));
  QVERIFY(again.ok());
  QCOMPARE(again.project, parsed.project);
  QVERIFY(!parseProject(serializeProject(parseProject(projectText("")).project)).project.energy);

  const ProjectParseResult bad = parseProject(projectText(
      "'energy': {'chip': 'abacus', 'size': 3, 'constants': {'xbar.nope': 1, 'xbar.adc': -2}}"));
  QVERIFY(!bad.ok());
  const std::string text = joinDiagnostics(bad.diagnostics);
  for (const char* field :
       {"energy.chip", "energy.size", "energy.constants.xbar.nope", "energy.constants.xbar.adc"})
    QVERIFY2(text.find(field) != std::string::npos, (text + " lacks " + field).c_str());
}

void TestEnergyModel::crossbarRunCountsReadsAndConversions() {
  const Project p = test::parse(projectText("'energy': {'chip': 'truenorth'}"));
  const ProjectEnergyResult r = projectEnergy(p, {});
  const ProjectionCounts& proj = r.counts.projections.at(0);
  const uint64_t inputSpikes = r.counts.populations.at(0).spikes;
  QVERIFY(inputSpikes > 100);
  QVERIFY(proj.onCrossbar);
  QCOMPARE(proj.synapticOps, inputSpikes * 12);       // all_to_all into 12 neurons
  QCOMPARE(proj.device.rowActivations, inputSpikes);  // one array: each spike drives its row
  QCOMPARE(proj.cellReads(), inputSpikes * 24);       // a driven row reads its 24 devices
  QCOMPARE(proj.device.adcConversions, proj.activeSteps * 24);  // every column per read
  const double v = proj.readVoltage, g = proj.meanConductanceUs * 1e-6, t = proj.readPulseWidth;
  SNN_COMPARE_NEAR(kind(r.report, "crossbar", "cells"), double(inputSpikes * 24) * v * v * g * t,
                   1e-20);
  QCOMPARE(r.report.find("snn_chip")->chip, std::string("truenorth"));  // the project's chip
}

void TestEnergyModel::reportJsonHasTheContract() {
  const nlohmann::ordered_json j = energyReportJson(energyFromCounts(handMadeCounts(), {}));
  for (const std::string& name : energySubstrateNames()) {
    const auto& s = j.at("substrates").at(name);
    for (const char* key : {"total_j", "per_inference_j", "ops", "layers", "formulas"})
      QVERIFY2(s.contains(key), (name + " lacks " + key).c_str());
    QVERIFY(s.at("total_j").get<double>() > 0);
  }
  QCOMPARE(j.at("constants").size(), defaultEnergyConstants().size());
  QVERIFY(j.at("constants").at(0).contains("source"));
}

// The example network whose two projections sit on crossbars (trained with the hybrid method):
// the digital SNN is judged with ideal synapses, the crossbar bar on the devices. Checked
// against evaluateProject on the two projects, and against a change only the devices see: with
// a third of the devices stuck, the crossbar accuracy falls far, the SNN's does not move.
void TestEnergyModel::accuracyPerSubstrate() {
  Project p = loadProject(test::source("resources/examples/crossbar_surrogate_digits.snnwb.json"));
  QVERIFY(!whyNoAccuracy(p));
  const DatasetSplit data = loadDataset("digits");
  SubstrateAccuracyOptions options;
  options.testLimit = 60;
  std::vector<std::string> stages;
  options.measuring = [&](const std::string& what) { stages.push_back(what); };
  const SubstrateAccuracies a = measureSubstrateAccuracies(p, data, options);
  QCOMPARE(a.samples, int64_t(60));
  QCOMPARE(stages, (std::vector<std::string>{"digital SNN", "crossbars"}));
  Project ideal = p;
  for (ProjectionSpec& s : ideal.network.projections) s.crossbar.clear();
  const EvaluationOptions eval{.testLimit = 60};
  QCOMPARE(*a.snn.accuracy, evaluateProject(ideal, data, eval).accuracy);
  QCOMPARE(*a.crossbar.accuracy, evaluateProject(p, data, eval).accuracy);
  QVERIFY(*a.snn.accuracy > 0.5);  // a trained network, not chance (10 %)
  QVERIFY(!a.ann.accuracy && a.ann.note.find("no ANN") != std::string::npos);

  for (CrossbarSpec& c : p.network.crossbars) c.faults.stuckOnRate = c.faults.stuckOffRate = 0.17;
  const SubstrateAccuracies faulty = measureSubstrateAccuracies(p, data, options);
  QCOMPARE(*faulty.snn.accuracy, *a.snn.accuracy);
  QVERIFY2(*faulty.crossbar.accuracy < *a.crossbar.accuracy - 0.2,
           qPrintable(QString::number(*faulty.crossbar.accuracy)));

  // Every substrate of a report gets its own figure.
  EnergyReport r = energyFromCounts(handMadeCounts(), EnergyTable{});
  applyAccuracies(r, faulty);
  QCOMPARE(*r.find("snn_cmos")->accuracy, *faulty.snn.accuracy);
  QCOMPARE(*r.find("snn_chip")->accuracy, *faulty.snn.accuracy);
  QCOMPARE(*r.find("crossbar")->accuracy, *faulty.crossbar.accuracy);
  QVERIFY(!r.find("ann_fp32")->accuracy && !r.find("ann_int8")->accuracyNote.empty());
  const auto json = energyReportJson(r);
  QVERIFY(json["substrates"]["ann_fp32"]["accuracy"].is_null());
  QCOMPARE(json["substrates"]["crossbar"]["accuracy"].get<double>(), *faulty.crossbar.accuracy);
}

// An ANN project: its accuracy through the ANN model's forward pass here, through
// AnnProjectTrainer (the ann method's own test pass) in evaluateProject. A project without a
// training method is no classification task: the reason names the field.
void TestEnergyModel::annAccuracyAndNoTask() {
  const Project ann = loadProject(test::source("resources/examples/ann_digits.snnwb.json"));
  const DatasetSplit data = loadDataset("digits");
  SubstrateAccuracyOptions options;
  options.testLimit = 100;
  const SubstrateAccuracies a = measureSubstrateAccuracies(ann, data, options);
  QVERIFY(a.ann.accuracy.has_value());
  QCOMPARE(*a.ann.accuracy, evaluateProject(ann, data, {.testLimit = 100}).accuracy);
  QVERIFY(!a.snn.accuracy && !a.crossbar.accuracy);

  Project untaught =
      loadProject(test::source("resources/examples/crossbar_surrogate_digits.snnwb.json"));
  untaught.training.reset();
  QVERIFY(whyNoAccuracy(untaught).has_value());
  try {
    measureSubstrateAccuracies(untaught, data, options);
    QFAIL("a project without a training method was measured");
  } catch (const SpecError& e) {
    QCOMPARE(e.diagnostics().front().field, std::string("method"));
  }
}

QTEST_GUILESS_MAIN(TestEnergyModel)
#include "tst_energymodel.moc"
