// Operation counts of the simulator (core/energy/OperationCounts) against closed forms:
// synaptic operations = sum over spikes of the spiking neuron's fan-out, where the fan-out is
// known from the connector (all_to_all, from_list) or, for random connectors, read from the
// compiled matrix and summed over the spikes a monitor recorded (an independent path through
// the recorder). ANN MACs against the layer formulas written out here.
#include <QTest>
#include <map>

#include "TestSupport.h"
#include "energy/AnnOperationCounts.h"

using namespace snn;

namespace {

Project parse(const std::string& network, double duration, double dt = 0.1) {
  return test::parse(R"({"format": "snn-workbench", "version": 1, "network": )" + network +
                     R"(, "experiment": {"dt": )" + QString::number(dt).toStdString() +
                     R"(, "duration": )" + QString::number(duration).toStdString() +
                     R"(, "seed": 5}})");
}

struct Counted {
  OperationCounts counts;
  std::map<std::string, std::vector<int32_t>> spikingNeurons;  // every recorded spike
  std::map<std::string, std::vector<int64_t>> rowLength;       // projection -> per pre neuron
  std::map<std::string, std::vector<int64_t>> inDegree;        // projection -> per post neuron
};

Counted runCounted(const Project& p, int threads, bool counting = true) {
  Counted out;
  CompileOptions options;
  options.threads = threads;
  CompileResult compiled = compile(p, options);
  if (!compiled.ok()) qFatal("%s", joinDiagnostics(compiled.diagnostics).c_str());
  Simulator sim(std::move(compiled.network));
  sim.setCountingEnabled(counting);
  const int64_t steps = std::llround(p.experiment.duration / p.experiment.dt);
  for (int64_t done = 0; done < steps; done += 300) {  // several chunks
    const SimulationChunk c = sim.run(std::min<int64_t>(300, steps - done));
    for (size_t k = 0; k < c.populations.size(); ++k)
      for (int32_t n : c.spikes[k].neurons) out.spikingNeurons[c.populations[k]].push_back(n);
  }
  for (const CompiledProjection& proj : sim.network().projections) {
    auto& rows = out.rowLength[proj.id];
    for (int32_t i = 0; i < proj.synapses.preSize; ++i)
      rows.push_back(proj.synapses.rowStart[i + 1] - proj.synapses.rowStart[i]);
    auto& in = out.inDegree[proj.id];
    in.assign(static_cast<size_t>(proj.synapses.postSize), 0);
    for (int32_t j : proj.synapses.target) ++in[static_cast<size_t>(j)];
  }
  out.counts = sim.operationCounts();
  return out;
}

const ProjectionCounts& projection(const OperationCounts& c, const std::string& id) {
  for (const ProjectionCounts& p : c.projections)
    if (p.id == id) return p;
  qFatal("no projection %s", id.c_str());
}

const PopulationCounts& population(const OperationCounts& c, const std::string& id) {
  for (const PopulationCounts& p : c.populations)
    if (p.id == id) return p;
  qFatal("no population %s", id.c_str());
}

}  // namespace

class TestEnergyCounts : public QObject {
  Q_OBJECT
 private slots:
  void allToAllIsSpikesTimesTargets_data();
  void allToAllIsSpikesTimesTargets();
  void fromListFanOutPerNeuron();
  void randomNetworkSumsRowLengthsOfSpikes_data();
  void randomNetworkSumsRowLengthsOfSpikes();
  void countingOffCountsNothingAndChangesNothing();
  void resetClearsCounts();
  void stdpUpdatesAllToAll_data();
  void stdpUpdatesAllToAll();
  void stdpUpdatesRandomNetwork();
  void annMacs_data();
  void annMacs();
};

void TestEnergyCounts::allToAllIsSpikesTimesTargets_data() {
  QTest::addColumn<int>("threads");
  QTest::addColumn<double>("delay");
  QTest::newRow("1 thread") << 1 << 0.0;
  QTest::newRow("2 threads") << 2 << 0.0;
  QTest::newRow("2 threads, delay") << 2 << 1.5;
}

void TestEnergyCounts::allToAllIsSpikesTimesTargets() {
  QFETCH(int, threads);
  QFETCH(double, delay);
  // 3 sources fire 3 + 1 + 0 = 4 times into 600 LIF neurons (more than one block of 256, so
  // two threads split every row): 4 x 600 synaptic operations.
  const Project p = parse(R"({"populations": [
      {"id": "src", "model": "spike_source", "size": 3,
       "params": {"spike_times": [[1, 2, 3], [5], []]}},
      {"id": "n", "model": "lif", "size": 600}],
    "projections": [{"id": "s", "pre": "src", "post": "n", "connector": "all_to_all",
                     "weight": 0.01, "delay": )" +
                              QString::number(delay).toStdString() + R"(}],
    "monitors": []})",
                          20.0);
  const OperationCounts c = runCounted(p, threads).counts;
  QCOMPARE(projection(c, "s").synapticOps, uint64_t(4 * 600));
  QCOMPARE(projection(c, "s").activeSteps, uint64_t(4));
  QCOMPARE(population(c, "src").spikes, uint64_t(4));
  QCOMPARE(population(c, "n").neuronUpdates, uint64_t(600 * 200));  // 200 steps of 0.1 ms
  QCOMPARE(population(c, "src").neuronUpdates, uint64_t(0));        // a source integrates nothing
  QCOMPARE(c.steps, int64_t(200));
  QCOMPARE(projection(c, "s").weightBytesRead(), uint64_t(4 * 600 * 8));
}

void TestEnergyCounts::fromListFanOutPerNeuron() {
  // Fan-outs 3, 1 and 0; neuron 0 fires twice, neuron 1 three times, neuron 2 once:
  // 2 x 3 + 3 x 1 + 1 x 0 = 9.
  const Project p = parse(R"({"populations": [
      {"id": "src", "model": "spike_source", "size": 3,
       "params": {"spike_times": [[1, 4], [2, 3, 6], [7]]}},
      {"id": "n", "model": "lif", "size": 4}],
    "projections": [{"id": "s", "pre": "src", "post": "n", "weight": 0.01,
      "connector": {"type": "from_list", "list": [[0, 0], [0, 1], [0, 3], [1, 2]]}}],
    "monitors": []})",
                          10.0);
  QCOMPARE(projection(runCounted(p, 1).counts, "s").synapticOps, uint64_t(9));
}

void TestEnergyCounts::randomNetworkSumsRowLengthsOfSpikes_data() {
  QTest::addColumn<int>("threads");
  QTest::newRow("1 thread") << 1;
  QTest::newRow("2 threads") << 2;
}

void TestEnergyCounts::randomNetworkSumsRowLengthsOfSpikes() {
  QFETCH(int, threads);
  // A recurrent random network driven by Poisson input: spikes and fan-outs both vary.
  const Project p = parse(R"({"populations": [
      {"id": "in", "model": "poisson", "size": 200, "params": {"rate": 40}},
      {"id": "exc", "model": "lif", "size": 700,
       "params": {"v_rest": -60, "v_thresh": -50, "v_reset": -60, "tau_m": 20, "t_ref": 2}}],
    "projections": [
      {"id": "drive", "pre": "in", "post": "exc", "connector": {"type": "random", "p": 0.1},
       "weight": 0.5},
      {"id": "rec", "pre": "exc", "post": "exc", "connector": {"type": "random", "p": 0.05},
       "weight": 0.05, "delay": 1}],
    "monitors": [{"type": "spikes", "target": "in"}, {"type": "spikes", "target": "exc"}]})",
                          200.0, 0.5);  // few steps: two threads meet at a barrier every step
  const Counted r = runCounted(p, threads);
  QVERIFY(r.spikingNeurons.at("exc").size() > 100);  // the network does fire
  for (const auto& [proj, pre] : {std::pair{"drive", "in"}, std::pair{"rec", "exc"}}) {
    uint64_t expected = 0;
    for (int32_t i : r.spikingNeurons.at(pre)) expected += r.rowLength.at(proj)[i];
    QCOMPARE(projection(r.counts, proj).synapticOps, expected);
  }
  QCOMPARE(population(r.counts, "exc").spikes, uint64_t(r.spikingNeurons.at("exc").size()));
  QCOMPARE(r.counts.totalSynapticOps(),
           projection(r.counts, "drive").synapticOps + projection(r.counts, "rec").synapticOps);
}

void TestEnergyCounts::countingOffCountsNothingAndChangesNothing() {
  const Project p = parse(R"({"populations": [
      {"id": "in", "model": "poisson", "size": 100, "params": {"rate": 50}},
      {"id": "exc", "model": "lif", "size": 300, "params": {"v_thresh": -60}}],
    "projections": [{"id": "drive", "pre": "in", "post": "exc",
                     "connector": {"type": "random", "p": 0.2}, "weight": 0.5}],
    "monitors": [{"type": "spikes", "target": "exc"}]})",
                          100.0, 0.5);
  const Counted on = runCounted(p, 2, true), off = runCounted(p, 2, false);
  QVERIFY(on.spikingNeurons.at("exc").size() > 20);
  QCOMPARE(off.spikingNeurons.at("exc"), on.spikingNeurons.at("exc"));
  QVERIFY(projection(on.counts, "drive").synapticOps > 0);
  QCOMPARE(projection(off.counts, "drive").synapticOps, uint64_t(0));
}

void TestEnergyCounts::resetClearsCounts() {
  const Project p = parse(R"({"populations": [
      {"id": "src", "model": "spike_source", "size": 1, "params": {"spike_times": [[1]]}},
      {"id": "n", "model": "lif", "size": 5}],
    "projections": [{"id": "s", "pre": "src", "post": "n", "connector": "all_to_all",
                     "weight": 0.01}], "monitors": []})",
                          5.0);
  Simulator sim(std::move(compile(p, {}).network));
  sim.run(50);
  QCOMPARE(sim.operationCounts().totalSynapticOps(), uint64_t(5));
  sim.reset();
  QCOMPARE(sim.operationCounts().totalSynapticOps(), uint64_t(0));
  QCOMPARE(sim.operationCounts().steps, int64_t(0));
  sim.run(50);
  QCOMPARE(sim.operationCounts().totalSynapticOps(), uint64_t(5));
}

// A plastic all-to-all projection from 3 spike sources (3 + 1 + 0 = P = 4 spikes) into N = 600
// LIF neurons, each forced to fire by 2 kicks (Q = 2 x 600 post spikes); the plastic weights are
// too small to add spikes. Pair STDP updates every synapse of a pre neuron's row on its spike and
// every input of a post neuron on its spike, and decays every trace every step:
//   depressions = P x N,  potentiations = Q x 3,  trace updates = T x (3 + N) + P + Q,
// and normalises every 10 ms: floor(T / 100) passes in T = 300 steps. The same on a crossbar
// (PulseStdpSynapses: the rule as device pulses, counted where the simulator calls it).
void TestEnergyCounts::stdpUpdatesAllToAll_data() {
  QTest::addColumn<int>("threads");
  QTest::addColumn<bool>("onCrossbar");
  QTest::addColumn<QString>("interaction");
  QTest::newRow("1 thread, all pairs") << 1 << false << "all_to_all";
  QTest::newRow("2 threads, nearest") << 2 << false << "nearest";
  QTest::newRow("crossbar, 2 threads") << 2 << true << "all_to_all";
}

void TestEnergyCounts::stdpUpdatesAllToAll() {
  QFETCH(int, threads);
  QFETCH(bool, onCrossbar);
  QFETCH(QString, interaction);
  constexpr int64_t kPre = 3, kPost = 600, kSteps = 300, kP = 4, kQ = 2 * kPost;
  Project p = parse(R"({"populations": [
      {"id": "src", "model": "spike_source", "size": 3,
       "params": {"spike_times": [[1, 5, 9], [2], []]}},
      {"id": "kick", "model": "spike_source", "size": 1, "params": {"spike_times": [[3, 20]]}},
      {"id": "n", "model": "lif", "size": 600, "params": {"t_ref": 2, "tau_syn_exc": 0}}],
    "projections": [
      {"id": "s", "pre": "src", "post": "n", "connector": "all_to_all", "weight": 0.01,
       "plasticity": {"rule": "stdp", "params": {"w_max": 0.05, "norm_total": 0.03,
                      "norm_every": 10, "interaction": ")" +
                        interaction.toStdString() + R"("}}},
      {"id": "force", "pre": "kick", "post": "n", "connector": "all_to_all", "weight": 1000}],
    "monitors": []})",
                    30.0);
  if (onCrossbar) {
    CrossbarSpec c;
    c.id = "xb";
    c.rows = kPre;
    c.cols = 2 * kPost;
    p.network.crossbars.push_back(c);
    p.network.findProjection("s")->crossbar = "xb";
  }
  const OperationCounts c = runCounted(p, threads).counts;
  QCOMPARE(c.steps, kSteps);
  QCOMPARE(population(c, "src").spikes, uint64_t(kP));
  QCOMPARE(population(c, "n").spikes, uint64_t(kQ));  // the kicks alone
  const ProjectionCounts& s = projection(c, "s");
  QVERIFY(s.plastic);
  QCOMPARE(s.onCrossbar, onCrossbar);
  QCOMPARE(s.plasticity.depressions, uint64_t(kP * kPost));
  QCOMPARE(s.plasticity.potentiations, uint64_t(kQ * kPre));
  QCOMPARE(s.plasticity.traceUpdates, uint64_t(kSteps * (kPre + kPost) + kP + kQ));
  QCOMPARE(s.plasticity.normalizations, uint64_t(kSteps / 100));
  QVERIFY(!projection(c, "force").plastic);
  QCOMPARE(projection(c, "force").plasticity.weightUpdates(), uint64_t(0));
  // Bytes as ProjectionCounts documents them (12 per depression, 20 per potentiation, 4 per
  // trace update, 12 per synapse of a normalisation; writes: 4 per update, 4 per trace update,
  // 4 per normalised synapse, none of the weights on a crossbar).
  QCOMPARE(s.learningBytesRead(),
           uint64_t(kP * kPost * 12 + kQ * kPre * 20 + (kSteps * (kPre + kPost) + kP + kQ) * 4 +
                    3 * kPre * kPost * 12));
  const uint64_t traceWrites = uint64_t(kSteps * (kPre + kPost) + kP + kQ) * 4;
  QCOMPARE(s.learningBytesWritten(), onCrossbar
                                         ? traceWrites
                                         : traceWrites + uint64_t(kP * kPost + kQ * kPre) * 4 +
                                               uint64_t(3 * kPre * kPost * 4));
  if (onCrossbar) QVERIFY(s.device.updatePulses.total() > 0);  // the rule's own pulses
}

// Poisson input through a random plastic projection: rows and columns differ in length, so the
// counts are the sums over the recorded spikes (an independent path: the monitors) of each
// spiking pre neuron's row length and each spiking post neuron's in-degree, read from the
// compiled matrix.
void TestEnergyCounts::stdpUpdatesRandomNetwork() {
  const Project p = parse(R"({"populations": [
      {"id": "in", "model": "poisson", "size": 200, "params": {"rate": 40}},
      {"id": "exc", "model": "lif", "size": 500,
       "params": {"v_rest": -60, "v_thresh": -50, "v_reset": -60, "tau_m": 20, "t_ref": 2}}],
    "projections": [
      {"id": "drive", "pre": "in", "post": "exc", "connector": {"type": "random", "p": 0.1},
       "weight": 0.5, "plasticity": {"rule": "stdp", "params": {"w_max": 1.0}}}],
    "monitors": [{"type": "spikes", "target": "in"}, {"type": "spikes", "target": "exc"}]})",
                          100.0, 0.5);
  const Counted r = runCounted(p, 2);
  QVERIFY(r.spikingNeurons.at("exc").size() > 50);
  uint64_t depressions = 0, potentiations = 0;
  for (int32_t i : r.spikingNeurons.at("in")) depressions += r.rowLength.at("drive")[i];
  for (int32_t j : r.spikingNeurons.at("exc")) potentiations += r.inDegree.at("drive")[j];
  const PlasticityCounts& l = projection(r.counts, "drive").plasticity;
  QCOMPARE(l.depressions, depressions);
  QCOMPARE(l.potentiations, potentiations);
  QCOMPARE(l.traceUpdates, uint64_t(200 * (200 + 500)) + r.spikingNeurons.at("in").size() +
                               r.spikingNeurons.at("exc").size());
  QCOMPARE(l.normalizations, uint64_t(0));
}

void TestEnergyCounts::annMacs_data() {
  QTest::addColumn<int>("c");
  QTest::addColumn<int>("h");
  QTest::addColumn<int>("k");
  QTest::addColumn<int>("stride");
  QTest::addColumn<int>("pad");
  QTest::addColumn<int>("outChannels");
  QTest::addColumn<int>("units");
  QTest::newRow("3x3 conv, no padding") << 1 << 8 << 3 << 1 << 0 << 4 << 10;
  QTest::newRow("5x5 conv, stride 2, padding 2") << 3 << 12 << 5 << 2 << 2 << 6 << 7;
}

void TestEnergyCounts::annMacs() {
  QFETCH(int, c);
  QFETCH(int, h);
  QFETCH(int, k);
  QFETCH(int, stride);
  QFETCH(int, pad);
  QFETCH(int, outChannels);
  QFETCH(int, units);
  AnnSpec spec;
  spec.input = {c, h, h};
  AnnLayerSpec conv{.id = "conv",
                    .type = AnnLayerType::Conv2d,
                    .outChannels = outChannels,
                    .kernelH = k,
                    .kernelW = k,
                    .strideH = stride,
                    .strideW = stride,
                    .padTop = pad,
                    .padLeft = pad,
                    .padBottom = pad,
                    .padRight = pad};
  spec.layers = {conv,
                 {.id = "relu", .type = AnnLayerType::Relu},
                 {.id = "flat", .type = AnnLayerType::Flatten},
                 {.id = "fc", .type = AnnLayerType::Dense, .units = units}};
  const std::vector<AnnLayerOps> ops = annOperationCounts(spec);
  QCOMPARE(ops.size(), size_t(4));
  // PyTorch's output size: floor((h + 2 pad - k) / stride) + 1.
  const int64_t out = (h + 2 * pad - k) / stride + 1;
  QCOMPARE(ops[0].macs, int64_t(outChannels) * out * out * c * k * k);
  QCOMPARE(ops[0].weights, int64_t(outChannels) * c * k * k);
  QCOMPARE(ops[0].adds, int64_t(outChannels) * out * out);  // bias
  QCOMPARE(ops[1].macs, int64_t(0));
  QCOMPARE(ops[1].adds, int64_t(outChannels) * out * out);  // one relu per value
  QCOMPARE(ops[3].macs, int64_t(outChannels) * out * out * units);
  QCOMPARE(ops[3].weights, int64_t(outChannels) * out * out * units);
}

QTEST_GUILESS_MAIN(TestEnergyCounts)
#include "tst_energycounts.moc"
