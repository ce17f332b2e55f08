// NIR convolution, pooling and flatten nodes onto shaped populations and conv2d / avg_pool2d
// connectors, Sinabs's reading of IF (multi_spike_if), and the LI / CubaLI readouts
// (core/io/nir/NirShapedLink, NirNeuronMapping): cnn_sinabs.nir imports and spikes exactly as
// an independent numpy implementation of Sinabs's layers says
// (scripts/make_nir_sinabs_reference.py); index conventions are checked against the connector
// formulas written out by hand; readouts against closed forms; export -> import is bit for bit.
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "CliProcess.h"
#include "TestSupport.h"
#include "io/ProjectJson.h"
#include "io/nir/NirExporter.h"
#include "io/nir/NirFile.h"
#include "io/nir/NirImporter.h"

using namespace snn;
using namespace snn::nir;

namespace {

NirGraph fixture(const std::string& name) {
  return readNirFile(test::source("tests/data/nir/" + name));
}

std::vector<std::vector<std::string>> csvRows(const std::string& name) {
  std::ifstream in(test::source("tests/data/nir/" + name));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream s(line);
    for (std::string c; std::getline(s, c, ',');) cells.push_back(c);
    rows.push_back(cells);
  }
  return rows;
}

NirNode shapeNode(const char* type, std::vector<int64_t> dims) {
  const auto rank = static_cast<int64_t>(dims.size());
  return {.type = type, .arrays = {{"shape", NirArray::integers(std::move(dims), {rank})}}};
}

NirArray ints(std::vector<int64_t> v) {
  const auto n = static_cast<int64_t>(v.size());
  return NirArray::integers(std::move(v), {n});
}

NirNode conv(const char* type, std::vector<double> w, std::vector<int64_t> shape, int64_t stride,
             int64_t pad) {
  const int64_t axes = type == std::string("Conv2d") ? 2 : 1;
  NirNode n{.type = type};
  n.arrays["weight"] = NirArray::floats(std::move(w), shape, 4);
  n.arrays["bias"] = NirArray::floats(std::vector<double>(size_t(shape[0]), 0.0), {shape[0]}, 4);
  n.arrays["stride"] = ints(std::vector<int64_t>(size_t(axes), stride));
  n.arrays["padding"] = ints(std::vector<int64_t>(size_t(axes), pad));
  n.arrays["dilation"] = ints(std::vector<int64_t>(size_t(axes), 1));
  n.arrays["groups"] = NirArray::scalarInteger(1);
  return n;
}

NirNode pool(const char* type, int64_t k, int64_t s) {
  return {.type = type,
          .arrays = {
              {"kernel_size", ints({k, k})}, {"stride", ints({s, s})}, {"padding", ints({0, 0})}}};
}

// IF nodes of NIR's shape `dims` with threshold `thr` (r 1).
NirNode ifNode(const std::vector<int64_t>& dims, double thr) {
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  return {
      .type = "IF",
      .arrays = {{"r", NirArray::floats(std::vector<double>(size_t(n), 1.0), dims, 4)},
                 {"v_threshold", NirArray::floats(std::vector<double>(size_t(n), thr), dims, 4)}}};
}

// in -> [nodes in order] -> out, a chain.
NirGraph chainOf(std::vector<std::pair<std::string, NirNode>> nodes) {
  NirGraph g;
  for (size_t i = 0; i < nodes.size(); ++i) {
    g.root.nodes[nodes[i].first] = nodes[i].second;
    if (i) g.root.edges.push_back({nodes[i - 1].first, nodes[i].first});
  }
  return g;
}

std::string refusalOf(const NirGraph& g, NirImportOptions o = {}) {
  try {
    importNir(g, o);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

void traceAll(Project& p, const std::string& pop) {
  MonitorSpec m{.type = MonitorSpec::Type::State, .target = pop, .variable = "v"};
  for (int64_t i = 0; i < p.network.findPopulation(pop)->size; ++i) m.neurons.push_back(i);
  p.network.monitors.push_back(m);
}

// v of every neuron of `pop` at the end of `step`.
std::vector<double> vAt(const test::RunResult& r, const std::string& pop, int64_t step) {
  std::vector<double> v;
  for (const auto& [neuron, samples] : r.traces.at(pop + ".v"))
    v.push_back(samples.at(size_t(step)).second);
  return v;
}

}  // namespace

class TestNirConv : public QObject {
  Q_OBJECT

 private slots:
  void sinabsCnnImportsOntoShapedPopulations() {
    NirImportOptions o;
    o.dialect = NirDialect::Sinabs;
    const Project p = importNir(fixture("cnn_sinabs.nir"), o);
    const NetworkSpec& n = p.network;
    QCOMPARE(*n.findPopulation("input")->shape, (TensorShape{2, 34, 34}));
    QCOMPARE(*n.findPopulation("1")->shape, (TensorShape{16, 16, 16}));
    QCOMPARE(*n.findPopulation("6")->shape, (TensorShape{8, 8, 8}));
    QCOMPARE(n.findPopulation("12")->model, std::string("multi_spike_if"));
    const ConnectorSpec& c0 = n.findProjection("0")->connector;
    QCOMPARE(c0.kernelShape, (std::vector<int64_t>{16, 2, 5, 5}));
    QCOMPARE(c0.strideH, int64_t(2));
    QCOMPARE(c0.padW, int64_t(1));
    // SumPool2d 4 (2x2, stride 2) then Conv2d 5 (3x3, pad 1): one conv with each tap spread
    // over its window: kernel 6x6, stride 2, padding 1*2 + 0.
    const ConnectorSpec& c5 = n.findProjection("5")->connector;
    QCOMPARE(c5.kernelShape, (std::vector<int64_t>{8, 16, 6, 6}));
    QCOMPARE(c5.strideH, int64_t(2));
    QCOMPARE(c5.padH, int64_t(2));
    const auto file = fixture("cnn_sinabs.nir");  // kept: conv5 refers into it
    const NirNode& conv5 = file.root.nodes.at("5");
    const NirArray& w5 = conv5.arrays.at("weight");
    // tap (o=3, c=7, ky=2, kx=1) covers rows 4..5, columns 2..3 of the composed kernel
    const double tap = w5.at(((3 * 16 + 7) * 3 + 2) * 3 + 1);
    for (int y : {4, 5})
      for (int x : {2, 3}) QCOMPARE(double(c5.kernel[size_t(((3 * 16 + 7) * 6 + y) * 6 + x)]), tap);
    QCOMPARE(n.findProjection("9")->connector.type, ConnectorSpec::Type::AllToAll);
    QCOMPARE(n.findProjection("9")->weight.array.size(), size_t(512 * 256));
    QCOMPARE(n.monitors.at(0).target, std::string("12"));
  }

  // The network driven by the reference's input spikes: every IF layer's spikes, with their
  // count per step, equal the independent implementation's. Each hop between layers takes the
  // workbench one step (spikes propagate after the threshold) where Sinabs passes them on in
  // the same step, so layer k of 5 fires k steps later here.
  void sinabsCnnSpikesAsSinabsSays() {
    NirImportOptions o;
    o.dialect = NirDialect::Sinabs;
    o.dt = 1.0;
    Project p = importNir(fixture("cnn_sinabs.nir"), o);
    SpikeTrains input(size_t(p.network.findPopulation("input")->size));
    int64_t lastStep = 0;
    for (const auto& row : csvRows("cnn_sinabs_input.csv")) {
      input[size_t(std::stoll(row[0]))].push_back(std::stod(row[1]) * o.dt);
      lastStep = std::max<int64_t>(lastStep, std::stoll(row[1]));
    }
    p.network.findPopulation("input")->params["spike_times"] = input;
    const std::map<std::string, int64_t> hop = {{"1", 1}, {"3", 2}, {"6", 3}, {"10", 4}, {"12", 5}};
    p.network.monitors.clear();
    for (const auto& [id, k] : hop)
      p.network.monitors.push_back({.type = MonitorSpec::Type::Spikes, .target = id});
    const test::RunResult r = test::run(p, double(lastStep + 6) * o.dt);
    using Key = std::tuple<std::string, int64_t, int64_t>;  // node, neuron, sinabs step
    std::map<Key, int64_t> got, expected;
    for (const auto& [id, k] : hop)
      if (r.spikes.count(id))
        for (const auto& [step, neuron] : r.spikes.at(id)) ++got[{id, neuron, step - k}];
    int64_t multiple = 0;
    for (const auto& row : csvRows("cnn_sinabs_expected.csv")) {
      const int64_t count = std::stoll(row[3]);
      expected[{row[0], std::stoll(row[1]), std::stoll(row[2])}] = count;
      multiple += count > 1;
    }
    QVERIFY(expected.size() > 1000);
    QVERIFY(multiple > 0);  // Sinabs's several spikes per step do happen on this input
    QCOMPARE(got.size(), expected.size());
    QVERIFY(got == expected);
  }

  // The command line: `import --dialect sinabs`, then `run --spikes` of the project given the
  // reference's input: every layer fires as many spikes as the reference counts.
  void cliImportsAndRunsTheSinabsCnn() {
    QTemporaryDir dir;
    const QString project = dir.filePath("cnn.snnwb.json"), spikes = dir.filePath("spikes.csv");
    const QString nir = QString::fromStdString(test::source("tests/data/nir/cnn_sinabs.nir"));
    test::CliOutcome o = test::runProgram(
        SNNWB_CLI, {"import", nir, "--dialect", "sinabs", "--dt", "1", "--out", project});
    QVERIFY2(o.status == 0, qPrintable(o.err));
    Project p = loadProject(project.toStdString());
    SpikeTrains input(size_t(p.network.findPopulation("input")->size));
    for (const auto& row : csvRows("cnn_sinabs_input.csv"))
      input[size_t(std::stoll(row[0]))].push_back(std::stod(row[1]));
    p.network.findPopulation("input")->params["spike_times"] = input;
    for (const char* id : {"1", "3", "6", "10"})
      p.network.monitors.push_back({.type = MonitorSpec::Type::Spikes, .target = id});
    saveProject(p, project.toStdString());
    o = test::runProgram(SNNWB_CLI, {"run", project, "--duration", "36", "--spikes", spikes});
    QVERIFY2(o.status == 0, qPrintable(o.err));
    std::map<std::string, int64_t> got, expected;
    std::ifstream in(spikes.toStdString());
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) ++got[line.substr(0, line.find(','))];
    for (const auto& row : csvRows("cnn_sinabs_expected.csv"))
      expected[row[0]] += std::stoll(row[3]);
    QCOMPARE(got, expected);
  }

  // Conv1d as a conv2d of height 1: one input spike at (channel 1, x 3) raises target (o, j) by
  // W[o, 1, 3 + pad - j stride] at once (multi_spike_if: a spike adds W to v).
  void conv1dIsAConvOfHeightOne() {
    std::vector<double> w(3 * 2 * 3);
    for (size_t i = 0; i < w.size(); ++i) w[i] = 0.125 * double(i + 1);
    NirGraph g = chainOf({{"in", shapeNode("Input", {2, 7})},
                          {"c", conv("Conv1d", w, {3, 2, 3}, 2, 1)},
                          {"n", ifNode({3, 4}, 1000.0)}});
    NirImportOptions o;
    o.dialect = NirDialect::Sinabs;
    Project p = importNir(g, o);
    QCOMPARE(*p.network.findPopulation("n")->shape, (TensorShape{3, 1, 4}));
    SpikeTrains input(14);
    input[7 + 3] = {0.0};
    p.network.findPopulation("in")->params["spike_times"] = input;
    traceAll(p, "n");
    const test::RunResult r = test::run(p, 0.3);
    const std::vector<double> v = vAt(r, "n", 1);
    for (int64_t oc = 0; oc < 3; ++oc)
      for (int64_t j = 0; j < 4; ++j) {
        const int64_t k = 3 + 1 - j * 2;
        const double expected = k >= 0 && k < 3 ? w[size_t((oc * 2 + 1) * 3 + k)] : 0.0;
        QCOMPARE(v[size_t(oc * 4 + j)], expected);
      }
  }

  // SumPool2d adds each spike once, AvgPool2d 1/(k_h k_w) of it, into the window's output.
  void sumAndAveragePools_data() {
    QTest::addColumn<QString>("type");
    QTest::addColumn<double>("each");
    QTest::newRow("sum") << "SumPool2d" << 1.0;
    QTest::newRow("average") << "AvgPool2d" << 0.25;
  }
  void sumAndAveragePools() {
    QFETCH(QString, type);
    QFETCH(double, each);
    NirGraph g = chainOf({{"in", shapeNode("Input", {1, 4, 4})},
                          {"p", pool(type.toStdString().c_str(), 2, 2)},
                          {"n", ifNode({1, 2, 2}, 1000.0)}});
    NirImportOptions o;
    o.dialect = NirDialect::Sinabs;
    Project p = importNir(g, o);
    SpikeTrains input(16);
    for (int64_t pixel : {0, 1, 5, 6, 15}) input[size_t(pixel)] = {0.0};
    p.network.findPopulation("in")->params["spike_times"] = input;
    traceAll(p, "n");
    const std::vector<double> v = vAt(test::run(p, 0.3), "n", 1);
    // windows: pixels 0, 1, 5 -> (0, 0); 6 -> (0, 1); 15 -> (1, 1)
    QCOMPARE(v, (std::vector<double>{3 * each, each, 0.0, each}));
  }

  void refusalsNameNodeAndField_data() {
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("expected");
    QTest::newRow("dilation") << 0 << "node 'c' (Conv2d), field 'dilation': must be 1";
    QTest::newRow("groups") << 1 << "node 'c' (Conv2d), field 'groups': must be 1";
    QTest::newRow("same, even kernel")
        << 2 << "node 'c' (Conv2d), field 'padding': 'same' with an even kernel";
    QTest::newRow("channels")
        << 3 << "node 'c' (Conv2d), field 'weight': takes 2 input channels but 3 arrive";
    QTest::newRow("float64 weight") << 4 << "node 'c' (Conv2d), field 'weight': value 0.1";
    QTest::newRow("conv then conv") << 5 << "node 'c2' (Conv2d): follows weight layer 'c'";
    QTest::newRow("overlapping pool")
        << 6 << "node 'p' (SumPool2d), field 'kernel_size': overlapping";
    QTest::newRow("flatten end_dim") << 7 << "node 'f' (Flatten), field 'end_dim': is 5, outside";
    QTest::newRow("per-element scale") << 8 << "node 's' (Scale), field 'scale': differs";
    QTest::newRow("sinabs LIF") << 9 << "node 'n' (LIF): the sinabs dialect maps IF nodes only";
    QTest::newRow("sinabs v_reset") << 10 << "node 'n' (IF), field 'v_reset': is not 0";
    QTest::newRow("sinabs bias")
        << 12 << "node 'c' (Conv2d), field 'bias': a bias into 'n' under the sinabs dialect";
    QTest::newRow("LI feeding a layer") << 11 << "node 'li' (LI): passes on its membrane potential";
  }
  void refusalsNameNodeAndField() {
    QFETCH(int, which);
    QFETCH(QString, expected);
    std::vector<double> w(2 * 2 * 2 * 2, 0.5);
    NirNode c = conv("Conv2d", w, {2, 2, 2, 2}, 1, 0);
    NirImportOptions o;
    std::vector<std::pair<std::string, NirNode>> nodes = {{"in", shapeNode("Input", {2, 4, 4})}};
    std::vector<int64_t> out = {2, 3, 3};
    if (which == 0) c.arrays["dilation"] = ints({2, 2});
    if (which == 1) c.arrays["groups"] = NirArray::scalarInteger(2);
    if (which == 2) {
      c.arrays.erase("padding");
      c.text["padding"] = "same";
    }
    if (which == 3) nodes[0] = {"in", shapeNode("Input", {3, 4, 4})};
    if (which == 12) {
      c.arrays["bias"] = NirArray::floats({0.5, 0.0}, {2}, 4);
      o.dialect = NirDialect::Sinabs;
    }
    if (which == 4)
      c.arrays["weight"] = NirArray::floats(std::vector<double>(16, 0.1), {2, 2, 2, 2});
    nodes.push_back({"c", c});
    if (which == 5) {
      nodes.push_back({"c2", c});
      out = {2, 2, 2};
    }
    if (which == 6) {
      nodes.insert(nodes.begin() + 1, {"p", pool("SumPool2d", 2, 1)});
      out = {2, 2, 2};
    }
    if (which == 7) {
      NirNode f{.type = "Flatten",
                .arrays = {{"start_dim", NirArray::scalarInteger(0)},
                           {"end_dim", NirArray::scalarInteger(5)}}};
      nodes.push_back({"f", f});
      out = {18};
    }
    if (which == 8) {
      nodes.push_back(
          {"s",
           {.type = "Scale",
            .arrays = {{"scale", NirArray::floats(std::vector<double>(18, 1.0), {2, 3, 3})}}}});
      nodes.back().second.arrays["scale"].real[3] = 2.0;
    }
    NirNode target = ifNode(out, 1.0);
    if (which == 9) {
      target.type = "LIF";
      for (const char* f : {"tau", "v_leak"}) target.arrays[f] = target.arrays["r"];
      o.dialect = NirDialect::Sinabs;
    }
    if (which == 10) {
      target.arrays["v_reset"] = target.arrays["r"];
      o.dialect = NirDialect::Sinabs;
    }
    nodes.push_back({"n", target});
    if (which == 11) {
      NirNode li{.type = "LI",
                 .arrays = {{"tau", target.arrays["r"]},
                            {"r", target.arrays["r"]},
                            {"v_leak", target.arrays["r"]}}};
      nodes.insert(nodes.end() - 1, {"li", li});
    }
    const QString why = QString::fromStdString(refusalOf(chainOf(nodes), o));
    QVERIFY2(why.contains(expected), qPrintable(why));
  }

  // Sizes a file merely claims (an Input's shape, a pool's stride) are refused before anything
  // of that size is allocated.
  void claimedSizesAreRefusedBeforeAllocation() {
    NirGraph huge = chainOf({{"in", shapeNode("Input", {1, 100000, 100000})},
                             {"p", pool("SumPool2d", 2, 2)},
                             {"n", ifNode({1, 2, 2}, 1.0)}});
    QVERIFY(refusalOf(huge).find("node 'in' (Input), field 'shape': claims 10000000000 values") !=
            std::string::npos);
    std::vector<double> w(2 * 1 * 3 * 3, 0.5);
    NirGraph stride = chainOf({{"in", shapeNode("Input", {1, 4, 4})},
                               {"p", pool("SumPool2d", 1, 60000)},
                               {"c", conv("Conv2d", w, {2, 1, 3, 3}, 1, 1)},
                               {"n", ifNode({2, 1, 1}, 1.0)}});
    const std::string why = refusalOf(stride);
    QVERIFY2(why.find("node 'p' (SumPool2d), field 'stride': followed by 'c': the folded kernel") !=
                 std::string::npos,
             why.c_str());
  }

  // LI under the per-step convention: a unit pulse for one step through W raises v by
  // R W (1 - exp(-dt/tau)) above v_leak (the exact solution over the step), then v relaxes by
  // exp(-dt/tau) per step; it never fires, whatever the input.
  void liReadoutFollowsTheClosedForm() {
    const double tau = 0.004, r = 2.0, w = 3000.0, vLeak = 0.5;
    NirGraph g =
        chainOf({{"in", shapeNode("Input", {1})},
                 {"w", {.type = "Linear", .arrays = {{"weight", NirArray::floats({w}, {1, 1})}}}},
                 {"li",
                  {.type = "LI",
                   .arrays = {{"tau", NirArray::floats({tau}, {1})},
                              {"r", NirArray::floats({r}, {1})},
                              {"v_leak", NirArray::floats({vLeak}, {1})}}}},
                 {"out", shapeNode("Output", {1})}});
    Project p = importNir(g);
    QCOMPARE(p.network.monitors.size(), size_t(1));
    QCOMPARE(p.network.monitors[0].type, MonitorSpec::Type::State);
    // exported back: an LI read out through an Output, the same parameters
    const NirExport back = exportNir(p);
    QCOMPARE(back.graph.root.nodes.at("li").type, std::string("LI"));
    QCOMPARE(back.graph.root.nodes.at("li").arrays.at("v_leak").real.front(), vLeak);
    QCOMPARE(back.graph.root.nodes.at("li_output").type, std::string("Output"));
    p.network.findPopulation("in")->params["spike_times"] = SpikeTrains{{0.0, 0.1, 0.2, 0.3}};
    const test::RunResult res = test::run(p, 10.0);
    QVERIFY(res.spikes.count("li") == 0 || res.spikes.at("li").empty());
    const double dt = p.experiment.dt, decay = std::exp(-dt / (tau * 1000));
    double expected = vLeak;  // closed form, step by step
    const auto& v = res.traces.at("li.v").at(0);
    for (size_t s = 0; s < v.size(); ++s) {
      const bool pulse = s >= 1 && s <= 4;  // the spikes of steps 0..3, one step later
      expected = vLeak + (expected - vLeak) * decay + (pulse ? r * w * (1 - decay) : 0.0);
      // traces are recorded as float32 (SimulationChunk): a few float32 roundings apart
      SNN_COMPARE_NEAR(v[s].second, expected, 3e-7 * std::max(1.0, std::abs(expected)));
    }
    QVERIFY(v[4].second > 100);  // far above any threshold the file could have had
  }

  // CubaLI under the Dirac convention: I jumps by w_in W / tau_syn, and
  // v(t) = v_leak + R dI tau_syn / (tau_syn - tau_mem) (exp(-t/tau_syn) - exp(-t/tau_mem)).
  void cubaLiReadoutFollowsTheClosedForm() {
    const double tauSyn = 0.003, tauMem = 0.012, r = 1.5, w = 0.02, wIn = 2.0, vLeak = -0.25;
    auto one = [](double x) { return NirArray::floats({x}, {1}); };
    NirGraph g =
        chainOf({{"in", shapeNode("Input", {1})},
                 {"w", {.type = "Linear", .arrays = {{"weight", NirArray::floats({w}, {1, 1})}}}},
                 {"li",
                  {.type = "CubaLI",
                   .arrays = {{"tau_syn", one(tauSyn)},
                              {"tau_mem", one(tauMem)},
                              {"r", one(r)},
                              {"v_leak", one(vLeak)},
                              {"w_in", one(wIn)}}}},
                 {"out", shapeNode("Output", {1})}});
    NirImportOptions o;
    o.spikes = SpikeConvention::Dirac;
    QVERIFY(refusalOf(g).find("node 'li' (CubaLI): under the per-step") != std::string::npos);
    Project p = importNir(g, o);
    p.network.findPopulation("in")->params["spike_times"] = SpikeTrains{{0.0}};
    const test::RunResult res = test::run(p, 40.0);
    const double dI = wIn * w / tauSyn, ts = tauSyn * 1000, tm = tauMem * 1000;
    for (const auto& [t, v] : res.traces.at("li.v").at(0)) {
      const double since = t - p.experiment.dt;  // the current jumps at the end of step 0
      const double expected =
          vLeak + (since <= 0
                       ? 0.0
                       : r * dI * ts / (ts - tm) * (std::exp(-since / ts) - std::exp(-since / tm)));
      SNN_COMPARE_NEAR(v, expected, 3e-7 * std::max(1.0, std::abs(expected)));  // float32 traces
    }
  }

  // A shaped network (conv2d, avg_pool2d with a weight and a delay) -> NIR file -> project:
  // the same populations and projections, bit for bit, and the same spikes.
  void convNetworkRoundTripsBitForBit() {
    Project p = test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
      "populations": [
        {"id": "src", "model": "spike_source", "size": 72, "shape": [2, 6, 6]},
        {"id": "c1", "model": "multi_spike_if", "size": 108, "shape": [3, 6, 6],
         "params": {"v_thresh": 0.75, "v_min": -0.75}},
        {"id": "p1", "model": "multi_spike_if", "size": 27, "shape": [3, 3, 3],
         "params": {"v_thresh": 1.25, "v_min": -1.25}}],
      "monitors": [{"type": "spikes", "target": "p1"}]},
      "experiment": {"dt": 1, "duration": 40, "seed": 3}})");
    ProjectionSpec convProj{.id = "conv", .pre = "src", .post = "c1"};
    ConnectorSpec& c = convProj.connector;
    c.type = ConnectorSpec::Type::Conv2d;
    c.kernelShape = {3, 2, 3, 3};
    for (int i = 0; i < 3 * 2 * 3 * 3; ++i) c.kernel.push_back(float(std::sin(0.7 * i) * 0.9));
    c.padH = c.padW = 1;
    convProj.weight = ValueSpec::constant(1.0);
    ProjectionSpec poolProj{.id = "pool", .pre = "c1", .post = "p1"};
    poolProj.connector.type = ConnectorSpec::Type::AvgPool2d;
    poolProj.connector.strideH = poolProj.connector.strideW = 2;
    poolProj.weight = ValueSpec::constant(1.7);
    poolProj.delay = ValueSpec::constant(2.0);
    p.network.projections = {convProj, poolProj};
    SpikeTrains input(72);
    for (size_t i = 0; i < input.size(); ++i)
      for (int t = int(i % 5); t < 30; t += 3 + int(i % 4)) input[i].push_back(t);
    p.network.findPopulation("src")->params["spike_times"] = input;
    NirExportOptions eo;
    eo.dialect = NirDialect::Sinabs;
    QTemporaryDir dir;
    const std::string path = dir.filePath("conv.nir").toStdString();
    writeNirFile(exportNir(p, eo).graph, path);
    NirImportOptions io;
    io.dt = 1;
    io.duration = 40;
    Project back = importNir(readNirFile(path), io);  // the dialect comes from the metadata
    back.network.findPopulation("src")->params = p.network.findPopulation("src")->params;
    for (const char* id : {"src", "c1", "p1"})
      QCOMPARE(*back.network.findPopulation(id), *p.network.findPopulation(id));
    for (const char* id : {"conv", "pool"}) {
      ProjectionSpec a = *p.network.findProjection(id), b = *back.network.findProjection(id);
      QCOMPARE(b.connector, a.connector);
      QCOMPARE(b.weight.scalar, a.weight.scalar);
      QCOMPARE(b.delay.scalar, a.delay.scalar);
    }
    const test::RunResult a = test::run(p), b = test::run(back);
    QVERIFY(a.spikes.count("p1") && a.spikes.at("p1").size() > 10);
    QCOMPARE(b.spikes.at("p1"), a.spikes.at("p1"));
  }

  void multiSpikeIfNeedsTheSinabsDialectToExport() {
    const Project p = test::parse(R"({"format": "snn-workbench", "version": 1, "network": {
      "populations": [{"id": "n", "model": "multi_spike_if", "size": 2}]}})");
    try {
      exportNir(p);
      QFAIL("must be refused");
    } catch (const NirMappingError& e) {
      QVERIFY2(QString(e.what()).contains("population 'n': model 'multi_spike_if' is Sinabs's IAF"),
               e.what());
    }
  }
};

QTEST_GUILESS_MAIN(TestNirConv)
#include "tst_nirconv.moc"
