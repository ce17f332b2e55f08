// AnnSpec: the schema of every layer setting, shape inference, and the errors naming the layer
// and field. Shapes are checked against PyTorch's documented output-size formula
// floor((in + pads - kernel) / stride) + 1 worked out by hand.
#include <QTest>
#include <functional>

#include "TestSupport.h"
#include "ann/AnnModel.h"
#include "model/AnnSpec.h"
#include "model/Diagnostic.h"

using namespace snn;

namespace {

AnnLayerSpec layer(const std::string& id, AnnLayerType type) {
  AnnLayerSpec l;
  l.id = id;
  l.type = type;
  for (const ParamInfo& p : annLayerParams(type)) setAnnLayerParam(l, p.name, p.defaultValue);
  return l;
}

// 1x28x28 -> conv 16 (3x3, pad 1) -> relu -> avg pool 2 -> conv 8 (5x5, stride 2) -> flatten
// -> dense 10 -> softmax.
AnnSpec smallCnn() {
  AnnSpec s;
  s.input = {1, 28, 28};
  AnnLayerSpec c1 = layer("c1", AnnLayerType::Conv2d);
  c1.outChannels = 16;
  c1.padTop = c1.padLeft = c1.padBottom = c1.padRight = 1;
  AnnLayerSpec c2 = layer("c2", AnnLayerType::Conv2d);
  c2.outChannels = 8;
  c2.kernelH = c2.kernelW = 5;
  c2.strideH = c2.strideW = 2;
  AnnLayerSpec fc = layer("fc", AnnLayerType::Dense);
  fc.units = 10;
  s.layers = {c1,
              layer("r1", AnnLayerType::Relu),
              layer("p1", AnnLayerType::AvgPool2d),
              c2,
              layer("flat", AnnLayerType::Flatten),
              fc,
              layer("sm", AnnLayerType::Softmax)};
  return s;
}

// The diagnostics inferAnnShapes throws, or none.
std::vector<Diagnostic> problems(const AnnSpec& s) {
  try {
    inferAnnShapes(s);
  } catch (const SpecError& e) {
    return e.diagnostics();
  }
  return {};
}

}  // namespace

class TestAnnSpec : public QObject {
  Q_OBJECT
 private slots:
  void typeNamesRoundTrip();
  void everySchemaFieldIsAccessible();
  void shapesOfSmallCnn();
  void badSpecNamesLayerAndField_data();
  void badSpecNamesLayerAndField();
  void everyProblemIsReported();
  void qcfsReplacesReluOnly();
  void initialisationIsSeededAndBounded();
  void modelWritesSpecBack();
};

void TestAnnSpec::typeNamesRoundTrip() {
  for (AnnLayerType t :
       {AnnLayerType::Dense, AnnLayerType::Conv2d, AnnLayerType::AvgPool2d, AnnLayerType::MaxPool2d,
        AnnLayerType::Flatten, AnnLayerType::Relu, AnnLayerType::Silu, AnnLayerType::Sigmoid,
        AnnLayerType::Softmax, AnnLayerType::Qcfs}) {
    const auto back = annLayerTypeFromName(annLayerTypeName(t));
    QVERIFY(back.has_value());
    QCOMPARE(int(*back), int(t));
  }
  QVERIFY(!annLayerTypeFromName("lstm").has_value());
  QVERIFY(annLayerTypeNames().find("max_pool2d") != std::string::npos);
}

void TestAnnSpec::everySchemaFieldIsAccessible() {
  for (const char* name : {"dense", "conv2d", "avg_pool2d", "max_pool2d", "qcfs"}) {
    const AnnLayerType type = *annLayerTypeFromName(name);
    QVERIFY2(!annLayerParams(type).empty(), name);
    for (const ParamInfo& p : annLayerParams(type)) {
      QVERIFY2(p.inRange(p.defaultValue), p.name.c_str());
      QVERIFY2(!p.meaning.empty(), p.name.c_str());
      AnnLayerSpec l;
      setAnnLayerParam(l, p.name, p.defaultValue);
      QCOMPARE(annLayerParam(l, p.name), p.defaultValue);
    }
  }
  QVERIFY(annLayerParams(AnnLayerType::Relu).empty());
  QVERIFY_THROWS_EXCEPTION(std::out_of_range, annLayerParam(AnnLayerSpec{}, "no_such_field"));
}

void TestAnnSpec::shapesOfSmallCnn() {
  const std::vector<AnnShape> shapes = inferAnnShapes(smallCnn());
  QCOMPARE(shapes.size(), size_t(7));
  QCOMPARE(shapes[0], (AnnShape{16, 28, 28}));  // (28 + 2 - 3) / 1 + 1
  QCOMPARE(shapes[2], (AnnShape{16, 14, 14}));  // (28 - 2) / 2 + 1
  QCOMPARE(shapes[3], (AnnShape{8, 5, 5}));     // (14 - 5) / 2 + 1
  QCOMPARE(shapes[4], (AnnShape{200, 1, 1}));
  QCOMPARE(shapes[6], (AnnShape{10, 1, 1}));
  QCOMPARE(annWeightShape(smallCnn().layers[3], shapes[2]), (std::vector<int64_t>{8, 16, 5, 5}));
  QCOMPARE(annWeightShape(smallCnn().layers[5], shapes[4]), (std::vector<int64_t>{10, 200}));
}

void TestAnnSpec::badSpecNamesLayerAndField_data() {
  QTest::addColumn<int>("mutation");
  QTest::addColumn<QString>("object");
  QTest::addColumn<QString>("field");
  QTest::newRow("dense on an image") << 0 << "fc"
                                     << "type";
  QTest::newRow("wrong weight shape") << 1 << "c2"
                                      << "weight";
  QTest::newRow("window larger than input") << 2 << "c2"
                                            << "kernel_h";
  QTest::newRow("softmax not last") << 3 << "sm"
                                    << "type";
  QTest::newRow("duplicate id") << 4 << "r1"
                                << "id";
  QTest::newRow("qcfs threshold 0") << 5 << "q"
                                    << "threshold";
  QTest::newRow("qcfs no levels") << 6 << "q"
                                  << "levels";
  QTest::newRow("pool padding a whole window") << 7 << "p1"
                                               << "pad_top";
  QTest::newRow("mean of the wrong size") << 8 << ""
                                          << "mean";
  QTest::newRow("weight not finite") << 9 << "fc"
                                     << "weight";
  QTest::newRow("stride 0") << 10 << "c1"
                            << "stride_h";
  QTest::newRow("bias without weight") << 11 << "fc"
                                       << "bias";
  QTest::newRow("empty id") << 12 << "#2"
                            << "id";
  QTest::newRow("weights on a relu") << 13 << "r1"
                                     << "weight";
}

void TestAnnSpec::badSpecNamesLayerAndField() {
  QFETCH(int, mutation);
  QFETCH(QString, object);
  QFETCH(QString, field);
  AnnSpec s = smallCnn();
  const std::vector<AnnShape> shapes = inferAnnShapes(s);
  auto find = [&](const char* id) -> AnnLayerSpec& {
    for (AnnLayerSpec& l : s.layers)
      if (l.id == id) return l;
    qFatal("no layer %s", id);
  };
  const std::function<void()> mutations[] = {
      [&] { s.layers.erase(s.layers.begin() + 4); },
      [&] {
        find("c2").weight = {{8, 16, 3, 3}, std::vector<float>(8 * 16 * 9, 0.1f)};
      },
      [&] { find("c2").kernelH = 15; },
      [&] { s.layers.push_back(layer("extra", AnnLayerType::Relu)); },
      [&] { find("p1").id = "r1"; },
      [&] {
        AnnLayerSpec q = layer("q", AnnLayerType::Qcfs);
        q.threshold = 0.0f;
        s.layers.insert(s.layers.begin() + 1, q);
      },
      [&] {
        AnnLayerSpec q = layer("q", AnnLayerType::Qcfs);
        q.levels = 0;
        s.layers.insert(s.layers.begin() + 1, q);
      },
      [&] { find("p1").padTop = 2; },
      [&] {
        s.mean = {0.5f, 0.5f};
        s.std = {0.2f, 0.2f};
      },
      [&] {
        AnnLayerSpec& fc = find("fc");
        fc.weight = {{10, 200}, std::vector<float>(2000, 0.0f)};
        fc.weight.values[17] = std::numeric_limits<float>::quiet_NaN();
      },
      [&] { find("c1").strideH = 0; },
      [&] {
        find("fc").bias = {{10}, std::vector<float>(10, 0.0f)};
      },
      [&] { s.layers[1].id = ""; },
      [&] {
        find("r1").weight = {{1}, {1.0f}};
      },
  };
  QVERIFY(shapes.size() == 7);
  mutations[mutation]();
  const std::vector<Diagnostic> found = problems(s);
  QVERIFY2(!found.empty(), "no error reported");
  bool named = false;
  for (const Diagnostic& d : found)
    named = named || (d.objectId == object.toStdString() && d.field == field.toStdString());
  QVERIFY2(named, joinDiagnostics(found).c_str());
  // The message names the object the way the canvas shows it.
  if (!object.isEmpty() && !object.startsWith('#'))
    QVERIFY(joinDiagnostics(found).find("ANN layer '" + object.toStdString() + "'") !=
            std::string::npos);
}

void TestAnnSpec::everyProblemIsReported() {
  AnnSpec s = smallCnn();
  s.layers[0].strideW = -1;
  s.layers[5].units = 0;
  s.std = {0.0f};
  s.mean = {0.1f};
  const std::vector<Diagnostic> found = problems(s);
  QCOMPARE(found.size(), size_t(3));
}

void TestAnnSpec::qcfsReplacesReluOnly() {
  const AnnSpec q = withQcfsActivations(smallCnn(), 4, 2.5f);
  QCOMPARE(int(q.layers[1].type), int(AnnLayerType::Qcfs));
  QCOMPARE(q.layers[1].levels, 4);
  QCOMPARE(q.layers[1].threshold, 2.5f);
  int qcfs = 0;
  for (const AnnLayerSpec& l : q.layers) qcfs += l.type == AnnLayerType::Qcfs;
  QCOMPARE(qcfs, 1);
  inferAnnShapes(q);
}

void TestAnnSpec::initialisationIsSeededAndBounded() {
  const AnnSpec a = withInitialisedWeights(smallCnn(), 5),
                b = withInitialisedWeights(smallCnn(), 5),
                c = withInitialisedWeights(smallCnn(), 6);
  QVERIFY(a == b);
  QVERIFY(!(a == c));
  inferAnnShapes(a);  // shapes as the spec asks
  // PyTorch's default: uniform in +-1/sqrt(fan_in); fan_in of c2 = 16 * 5 * 5.
  const AnnLayerSpec& c2 = a.layers[3];
  const float bound = 1.0f / std::sqrt(400.0f);
  float largest = 0.0f;
  double mean = 0.0;
  for (float w : c2.weight.values) {
    largest = std::max(largest, std::abs(w));
    mean += w;
  }
  QVERIFY(largest <= bound);
  QVERIFY(largest > 0.95f * bound);  // 3200 draws reach the edge
  QVERIFY(std::abs(mean / double(c2.weight.values.size())) < 0.05 * bound);
  QCOMPARE(c2.bias.values.size(), size_t(8));
}

void TestAnnSpec::modelWritesSpecBack() {
  const AnnSpec init = withInitialisedWeights(smallCnn(), 3);
  AnnModel model(init);
  QVERIFY(model.toSpec() == init);
  AnnModel fromEmpty(smallCnn(), 3);
  QVERIFY(fromEmpty.toSpec() == init);
}

QTEST_GUILESS_MAIN(TestAnnSpec)
#include "tst_annspec.moc"
