// conv2d and avg_pool2d connectors between shaped populations: the currents a projection
// scatters through its kernel equal those of the same weights expanded into an explicit synapse
// list by an independent gather formulation (every output position reads its window), on random
// spikes, step by step, split over two worker threads. Weights are multiples of 1/64 so every
// sum is exact whatever its order: the comparison is for equality.
#include <QTest>
#include <random>

#include "../common/TestSupport.h"
#include "io/ProjectJson.h"
#include "sim/Compiler.h"
#include "sim/Simulator.h"

using namespace snn;

namespace {

struct ShapedCase {
  ConnectorSpec::Type type = ConnectorSpec::Type::Conv2d;
  TensorShape in;
  int64_t outChannels = 1, kh = 3, kw = 3, stride = 1, pad = 0;
};

// The output shape by the textbook formula (independent of ConvConnector's).
TensorShape outputShape(const ShapedCase& c) {
  const int64_t oh = (c.in.height + 2 * c.pad - c.kh) / c.stride + 1;
  const int64_t ow = (c.in.width + 2 * c.pad - c.kw) / c.stride + 1;
  return {c.type == ConnectorSpec::Type::Conv2d ? c.outChannels : c.in.channels, oh, ow};
}

PopulationSpec integrator(const std::string& id, const TensorShape& shape) {
  PopulationSpec p{.id = id, .model = "if", .size = shape.size(), .shape = shape};
  p.params["cm"] = ValueSpec::constant(1.0);  // dt / cm = 1: v adds each step's current
  p.params["tau_syn_exc"] = ValueSpec::constant(0.0);
  p.params["v_thresh"] = ValueSpec::constant(1e5);  // never fires: v sums all inputs
  return p;
}

// The projection with the kernel, and the same weights as a from_list by gathering.
std::pair<ProjectionSpec, ProjectionSpec> projections(const ShapedCase& c, std::mt19937& rng) {
  const TensorShape out = outputShape(c);
  ProjectionSpec conv{.id = "conv", .pre = "in", .post = "by_kernel"};
  conv.connector.type = c.type;
  conv.connector.strideH = conv.connector.strideW = c.stride;
  conv.connector.padH = conv.connector.padW = c.pad;
  const int64_t ic = c.in.channels;
  std::vector<float> kernel;
  double weight = 0.5;
  if (c.type == ConnectorSpec::Type::Conv2d) {
    std::uniform_int_distribution<int> k(-128, 128);
    conv.connector.kernelShape = {c.outChannels, ic, c.kh, c.kw};
    for (int64_t i = 0; i < c.outChannels * ic * c.kh * c.kw; ++i)
      kernel.push_back(static_cast<float>(k(rng)) / 64.0f);
    conv.connector.kernel = kernel;
  } else {
    conv.connector.windowH = c.kh;
    conv.connector.windowW = c.kw;
    weight = 0.25 * static_cast<double>(c.kh * c.kw);  // each synapse 0.25
  }
  conv.weight = ValueSpec::constant(weight);
  ProjectionSpec list{.id = "list", .pre = "in", .post = "by_list"};
  list.connector.type = ConnectorSpec::Type::FromList;
  for (int64_t o = 0; o < out.channels; ++o)
    for (int64_t i = 0; i < out.height; ++i)
      for (int64_t j = 0; j < out.width; ++j)
        for (int64_t ci = 0; ci < ic; ++ci) {
          if (c.type == ConnectorSpec::Type::AvgPool2d && ci != o) continue;
          for (int64_t ky = 0; ky < c.kh; ++ky)
            for (int64_t kx = 0; kx < c.kw; ++kx) {
              const int64_t y = i * c.stride - c.pad + ky, x = j * c.stride - c.pad + kx;
              if (y < 0 || y >= c.in.height || x < 0 || x >= c.in.width) continue;
              const double w =
                  c.type == ConnectorSpec::Type::Conv2d
                      ? weight *
                            kernel[static_cast<size_t>(((o * ic + ci) * c.kh + ky) * c.kw + kx)]
                      : 0.25;
              list.connector.list.push_back({.pre = (ci * c.in.height + y) * c.in.width + x,
                                             .post = (o * out.height + i) * out.width + j,
                                             .weight = w});
            }
        }
  return {conv, list};
}

}  // namespace

class TestConvConnector : public QObject {
  Q_OBJECT
 private slots:
  void scatterEqualsExplicitSynapses_data() {
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("outChannels");
    QTest::addColumn<int>("kh");
    QTest::addColumn<int>("kw");
    QTest::addColumn<int>("stride");
    QTest::addColumn<int>("pad");
    const int conv = int(ConnectorSpec::Type::Conv2d), pool = int(ConnectorSpec::Type::AvgPool2d);
    QTest::newRow("conv 3x3 pad 1") << conv << 3 << 12 << 11 << 6 << 3 << 3 << 1 << 1;
    QTest::newRow("conv 3x2 stride 2") << conv << 2 << 13 << 14 << 7 << 3 << 2 << 2 << 0;
    QTest::newRow("conv 5x5 stride 2 pad 2") << conv << 4 << 16 << 16 << 5 << 5 << 5 << 2 << 2;
    QTest::newRow("avg pool 2x2") << pool << 8 << 12 << 10 << 8 << 2 << 2 << 2 << 0;
    QTest::newRow("avg pool 3x3 stride 2 pad 1") << pool << 5 << 15 << 13 << 5 << 3 << 3 << 2 << 1;
  }
  void scatterEqualsExplicitSynapses() {
    QFETCH(int, type);
    QFETCH(int, channels);
    QFETCH(int, height);
    QFETCH(int, width);
    QFETCH(int, outChannels);
    QFETCH(int, kh);
    QFETCH(int, kw);
    QFETCH(int, stride);
    QFETCH(int, pad);
    const ShapedCase c{static_cast<ConnectorSpec::Type>(type),
                       {channels, height, width},
                       outChannels,
                       kh,
                       kw,
                       stride,
                       pad};
    std::mt19937 rng(7);
    Project project;
    project.experiment.dt = 1.0;
    PopulationSpec in{.id = "in", .model = "poisson", .size = c.in.size(), .shape = c.in};
    in.params["rate"] = ValueSpec::constant(150.0);
    const TensorShape out = outputShape(c);
    project.network.populations = {in, integrator("by_kernel", out), integrator("by_list", out)};
    auto [conv, list] = projections(c, rng);
    project.network.projections = {conv, list};
    CompileResult compiled = compile(project, CompileOptions{.threads = 2});
    QVERIFY2(compiled.ok(), joinDiagnostics(compiled.diagnostics).c_str());
    QCOMPARE(compiled.network->projections[0].conv->synapseCount(),
             static_cast<int64_t>(list.connector.list.size()));
    Simulator sim(std::move(compiled.network));
    int64_t differing = 0;
    double largest = 0.0;
    for (int step = 0; step < 40; ++step) {
      sim.run(1);
      const auto a = sim.network().populations[1].group->state("v");
      const auto b = sim.network().populations[2].group->state("v");
      for (size_t i = 0; i < a.size(); ++i) {
        differing += a[i] != b[i];
        largest = std::max(largest, std::abs(b[i]));
      }
    }
    QCOMPARE(differing, int64_t(0));
    QVERIFY(largest > 1.0);  // input did arrive
    QVERIFY(sim.totalSpikes()[0] > 100);
  }

  void shapeMismatchNamesProjectionAndField() {
    Project project;
    PopulationSpec in{
        .id = "in", .model = "poisson", .size = 2 * 8 * 8, .shape = TensorShape{2, 8, 8}};
    project.network.populations = {in, integrator("out", {4, 7, 7})};
    ProjectionSpec p{.id = "c1", .pre = "in", .post = "out"};
    p.connector.type = ConnectorSpec::Type::Conv2d;
    p.connector.kernelShape = {4, 2, 3, 3};
    p.connector.kernel.assign(72, 0.1f);
    p.weight = ValueSpec::constant(1.0);
    project.network.projections = {p};
    std::vector<Diagnostic> d = compile(project).diagnostics;  // 3x3 on 8x8 makes 6x6
    QCOMPARE(d.size(), size_t(1));
    QCOMPARE(d[0].objectId, std::string("c1"));
    QCOMPARE(d[0].field, std::string("post"));
    project.network.projections[0].connector.kernelShape = {4, 3, 3, 3};  // wrong in_channels
    d = compile(project).diagnostics;
    QVERIFY(!d.empty());
    QCOMPARE(d[0].field, std::string("connector.kernel"));
    project.network.populations[0].shape.reset();
    d = compile(project).diagnostics;
    QVERIFY(!d.empty());
    QCOMPARE(d[0].field, std::string("connector.type"));
    QVERIFY(d[0].message.find("'in' has no shape") != std::string::npos);
  }

  void kernelSurvivesTheProjectFile() {
    Project project;
    PopulationSpec in{
        .id = "in", .model = "poisson", .size = 2 * 8 * 8, .shape = TensorShape{2, 8, 8}};
    project.network.populations = {in, integrator("out", {4, 4, 4})};
    ProjectionSpec p{.id = "c1", .pre = "in", .post = "out"};
    p.connector.type = ConnectorSpec::Type::Conv2d;
    p.connector.kernelShape = {4, 2, 3, 3};
    for (int i = 0; i < 72; ++i) p.connector.kernel.push_back(0.01f * static_cast<float>(i - 30));
    p.connector.strideH = p.connector.strideW = 2;
    p.connector.padH = p.connector.padW = 1;
    p.weight = ValueSpec::constant(1.0);
    ProjectionSpec pool{.id = "p1", .pre = "out", .post = "pooled"};
    pool.connector.type = ConnectorSpec::Type::AvgPool2d;
    pool.connector.strideH = pool.connector.strideW = 2;
    pool.weight = ValueSpec::constant(1.0);
    project.network.populations.push_back(integrator("pooled", {4, 2, 2}));
    project.network.projections = {p, pool};
    const std::string text = serializeProject(project);
    ProjectParseResult back = parseProject(text);
    QVERIFY2(back.ok(), joinDiagnostics(back.diagnostics).c_str());
    QCOMPARE(back.project.network.projections, project.network.projections);
    QVERIFY(compile(back.project).ok());
  }
};

QTEST_APPLESS_MAIN(TestConvConnector)
#include "tst_convconnector.moc"
