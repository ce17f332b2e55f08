// An ANN as a node of the project (network.anns, core/io/AnnJson, model/AnnFields): the file
// round trip is bit-exact (checked value by value against the spec written), bad settings and
// weight shapes are refused naming the ANN, the layer and the field, a million weights read back
// identical, and every setting is reachable by its path as the sweep and the inspector use it.
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <random>

#include "TestSupport.h"
#include "model/AnnFields.h"
#include "model/ObjectFields.h"
#include "project/FieldPath.h"
#include "project/FieldSchemas.h"
#include "project/ProjectValidator.h"

using namespace snn;

namespace {

AnnTensor randomTensor(std::vector<int64_t> shape, std::mt19937& rng) {
  AnnTensor t{std::move(shape), {}};
  std::normal_distribution<float> n(0.0f, 0.1f);
  t.values.resize(static_cast<size_t>(t.shapeSize()));
  for (float& v : t.values) v = n(rng);
  return t;
}

AnnLayerSpec layer(std::string id, AnnLayerType type) {
  AnnLayerSpec l;
  l.id = std::move(id);
  l.type = type;
  return l;
}

// conv(4, 3x3, pad 1) - relu - avgpool 2 - flatten - dense 10 - qcfs - dense 3 on 1x8x8.
Project smallCnnProject(uint32_t seed = 7) {
  std::mt19937 rng(seed);
  AnnSpec ann;
  ann.input = {1, 8, 8};
  ann.mean = {0.5f};
  ann.std = {0.25f};
  AnnLayerSpec conv = layer("conv1", AnnLayerType::Conv2d);
  conv.outChannels = 4;
  conv.kernelH = conv.kernelW = 3;
  conv.padTop = conv.padLeft = conv.padBottom = conv.padRight = 1;
  conv.weight = randomTensor({4, 1, 3, 3}, rng);
  conv.bias = randomTensor({4}, rng);
  ann.layers.push_back(conv);
  ann.layers.push_back(layer("relu1", AnnLayerType::Relu));
  AnnLayerSpec pool = layer("pool1", AnnLayerType::AvgPool2d);
  pool.kernelH = pool.kernelW = pool.strideH = pool.strideW = 2;
  ann.layers.push_back(pool);
  ann.layers.push_back(layer("flat", AnnLayerType::Flatten));
  AnnLayerSpec fc1 = layer("fc1", AnnLayerType::Dense);
  fc1.units = 10;
  fc1.weight = randomTensor({10, 64}, rng);
  fc1.weight.values[0] = 1e-40f;  // a subnormal float survives too
  fc1.weight.values[1] = -0.0f;
  fc1.bias = randomTensor({10}, rng);
  ann.layers.push_back(fc1);
  AnnLayerSpec q = layer("q1", AnnLayerType::Qcfs);
  q.levels = 4;
  q.threshold = 1.2345678f;
  ann.layers.push_back(q);
  AnnLayerSpec fc2 = layer("fc2", AnnLayerType::Dense);
  fc2.units = 3;  // untrained: no weight, no bias
  ann.layers.push_back(fc2);
  Project p;
  p.network.anns.push_back({"cnn", ann});
  p.layout["cnn"] = {120.0, -40.5};
  return p;
}

bool sameBits(const std::vector<float>& a, const std::vector<float>& b) {
  // memcmp must not see the null data() of an empty vector, even with a size of 0.
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

std::string problemsOf(const std::string& text) {
  ProjectParseResult r = parseProject(text);
  if (!r.ok()) return joinDiagnostics(r.diagnostics);
  return joinDiagnostics(validateProject(r.project));
}

// A project file with one ANN whose single dense layer (on a 1x2x2 input) is `layerJson`.
std::string withLayer(const std::string& layerJson, const std::string& input = "") {
  return R"({"format": "snn-workbench", "version": 1, "network": {"populations": [],
    "projections": [], "monitors": [], "anns": [{"id": "mlp", "input": )" +
         (input.empty() ? R"({"channels": 1, "height": 2, "width": 2})" : input) +
         R"(, "layers": [{"id": "flat", "type": "flatten"}, )" + layerJson + "]}]}}";
}

}  // namespace

class TestAnnProject : public QObject {
  Q_OBJECT

 private slots:
  void roundTripIsBitExact() {
    const Project p = smallCnnProject();
    QVERIFY2(validateProject(p).empty(), joinDiagnostics(validateProject(p)).c_str());
    const std::string text = serializeProject(p);
    ProjectParseResult r = parseProject(text);
    QVERIFY2(r.ok(), joinDiagnostics(r.diagnostics).c_str());
    QVERIFY(r.project == p);
    for (size_t i = 0; i < p.network.anns[0].ann.layers.size(); ++i) {
      const AnnLayerSpec& a = p.network.anns[0].ann.layers[i];
      const AnnLayerSpec& b = r.project.network.anns[0].ann.layers[i];
      QVERIFY(sameBits(a.weight.values, b.weight.values));  // -0.0 and subnormals too
      QVERIFY(sameBits(a.bias.values, b.bias.values));
    }
    QCOMPARE(serializeProject(r.project), text);
    QCOMPARE(r.project.layout.at("cnn").x, 120.0);
    QCOMPARE(r.project.network.kindOf("cnn"), std::optional<ObjectKind>(ObjectKind::Ann));
  }

  void nestedListsAreReadAsTensors() {
    ProjectParseResult r = parseProject(withLayer(
        R"({"id": "fc", "type": "dense", "units": 2, "weight": [[1, 2, 3, 4], [5, 6, 7, 8.5]],
           "bias": [0.5, -1]})"));
    QVERIFY2(r.ok(), joinDiagnostics(r.diagnostics).c_str());
    const AnnLayerSpec& fc = r.project.network.anns[0].ann.layers[1];
    QCOMPARE(fc.weight.shape, (std::vector<int64_t>{2, 4}));
    QCOMPARE(fc.weight.values.back(), 8.5f);
    QCOMPARE(fc.bias.values, (std::vector<float>{0.5f, -1.0f}));
    QVERIFY(validateProject(r.project).empty());
  }

  void badLayersAreRefusedByName_data() {
    QTest::addColumn<QString>("layer");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    const QString in;
    QTest::newRow("units 0") << R"({"id": "fc", "type": "dense", "units": 0})" << in
                             << "ANN 'mlp', field 'layers.fc.units': must be between 1";
    QTest::newRow("units not whole") << R"({"id": "fc", "type": "dense", "units": 2.5})" << in
                                     << "ANN 'mlp', field 'layers.fc.units': expected a whole";
    QTest::newRow("unknown type") << R"({"id": "fc", "type": "lstm"})" << in
                                  << "ANN 'mlp', field 'layers.fc.type': unknown layer type "
                                     "'lstm' (known: dense, conv2d";
    QTest::newRow("setting of another type")
        << R"({"id": "fc", "type": "dense", "kernel_h": 3})" << in
        << "ANN 'mlp', field 'layers.fc.kernel_h': is not a setting of a dense layer";
    QTest::newRow("weight shape")
        << R"({"id": "fc", "type": "dense", "units": 2, "weight": [[1, 2, 3], [4, 5, 6]]})" << in
        << "ANN 'mlp', field 'layers.fc.weight': must have shape [2, 4], got [2, 3]";
    QTest::newRow("ragged weight")
        << R"({"id": "fc", "type": "dense", "units": 2, "weight": [[1, 2, 3, 4], [5]]})" << in
        << "ANN 'mlp', field 'layers.fc.weight': lists at depth 2 differ in length";
    QTest::newRow("bias shape")
        << R"({"id": "fc", "type": "dense", "units": 2, "weight": [[1, 2, 3, 4], [5, 6, 7, 8]],
              "bias": [1, 2, 3]})"
        << in << "ANN 'mlp', field 'layers.fc.bias': must have shape [2], got [3]";
    QTest::newRow("packed data short")
        << R"({"id": "fc", "type": "dense", "units": 1,
              "weight": {"dtype": "<f4", "shape": [1, 4], "data": "AAAAAA=="}})"
        << in << "ANN 'mlp', field 'layers.fc.weight': packed array:";
    QTest::newRow("pool window")
        << R"({"id": "p", "type": "max_pool2d", "kernel_h": 3, "kernel_w": 3})"
        << R"({"channels": 1, "height": 2, "width": 2})"
        << "ANN 'mlp', field 'layers.p.kernel_h': window of 3 is larger";
    QTest::newRow("mean count") << R"({"id": "fc", "type": "dense", "units": 2})"
                                << R"({"channels": 1, "height": 2, "width": 2, "mean": [0.1, 0.2],
                                   "std": [1, 1]})"
                                << "ANN 'mlp', field 'input.mean': must have one value per input";
    QTest::newRow("input missing") << R"({"id": "fc", "type": "dense", "units": 2})"
                                   << R"({"channels": 1, "height": 2})"
                                   << "ANN 'mlp', field 'input.width': is missing";
  }

  void badLayersAreRefusedByName() {
    QFETCH(QString, layer);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    std::string text = withLayer(layer.toStdString(), input.toStdString());
    if (QString(QTest::currentDataTag()) == "pool window")  // a pool straight on the image
      text = R"({"format": "snn-workbench", "version": 1, "network": {"anns": [{"id": "mlp",
        "input": )" +
             input.toStdString() + R"(, "layers": [)" + layer.toStdString() + "]}]}}";
    const QString problems = QString::fromStdString(problemsOf(text));
    QVERIFY2(problems.contains(expected), qPrintable(problems));
  }

  void anAnnIdIsANodeId() {
    Project p = smallCnnProject();
    PopulationSpec pop;
    pop.id = "cnn";
    pop.model = "lif";
    p.network.populations.push_back(pop);
    const QString problems = QString::fromStdString(joinDiagnostics(validateProject(p)));
    QVERIFY2(problems.contains("ANN 'cnn', field 'id': is used twice"), qPrintable(problems));
  }

  void aMillionWeightsReadBackIdentical() {
    std::mt19937 rng(3);
    AnnSpec ann;
    ann.input = {784, 1, 1};  // a flat image, as a 784-1000-216-10 MLP takes it
    int in = 784;
    for (int units : {1000, 216, 10}) {
      AnnLayerSpec l = layer("fc" + std::to_string(units), AnnLayerType::Dense);
      l.units = units;
      l.weight = randomTensor({units, in}, rng);
      l.bias = randomTensor({units}, rng);
      ann.layers.push_back(l);
      ann.layers.push_back(layer("relu" + std::to_string(units), AnnLayerType::Relu));
      in = units;
    }
    ann.layers.pop_back();
    Project p;
    p.network.anns.push_back({"mlp", ann});
    QTemporaryDir dir;
    const std::string path = dir.filePath("big.snnwb.json").toStdString();
    saveProject(p, path);
    const Project back = loadProject(path);
    QVERIFY(back == p);
    int64_t weights = 0;
    for (const AnnLayerSpec& l : back.network.anns[0].ann.layers)
      weights += int64_t(l.weight.values.size());
    QVERIFY(weights > 1'000'000);
  }

  void settingsAreFieldsByPath() {
    Project p = smallCnnProject();
    const auto info = fieldSchema(p, ObjectKind::Ann, "cnn", "layers.conv1.out_channels");
    QVERIFY(info.has_value());
    QCOMPARE(int(info->effect), int(RunEffect::Structural));
    QVERIFY(fieldSchema(p, ObjectKind::Ann, "cnn", "input.height").has_value());
    QVERIFY(!fieldSchema(p, ObjectKind::Ann, "cnn", "layers.relu1.units").has_value());
    QVERIFY(!fieldSchema(p, ObjectKind::Ann, "cnn", "layers.nope.units").has_value());
    setFieldFromText(p, "anns.cnn.layers.q1.levels", "16");
    QCOMPARE(p.network.anns[0].ann.layers[5].levels, 16);
    QVERIFY_THROWS_EXCEPTION(SpecError, setFieldFromText(p, "anns.cnn.layers.q1.levels", "0"));
    setField(p, ObjectKind::Ann, "cnn", "input.width", ValueSpec::constant(12));
    QCOMPARE(p.network.anns[0].ann.input.width, 12);
    // The weights no longer fit: validation names the layer whose weight it is.
    const QString problems = QString::fromStdString(joinDiagnostics(validateProject(p)));
    QVERIFY2(problems.contains("ANN 'cnn', field 'layers.fc1.weight': must have shape [10, 96], "
                               "got [10, 64]"),
             qPrintable(problems));
    const std::vector<ParamInfo> all = objectFieldSchemas(p, ObjectKind::Ann, "cnn");
    QCOMPARE(all.size(), annFieldNames(p.network.anns[0]).size());
    QCOMPARE(all.front().name, std::string("input.channels"));
  }
};

QTEST_APPLESS_MAIN(TestAnnProject)
#include "tst_annproject.moc"
