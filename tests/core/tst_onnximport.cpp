// ONNX import: every fixture of tests/data/onnx (torch.onnx.export of small PyTorch models, made
// by scripts/make_ann_fixtures.py) imported and run, against the outputs PyTorch computed for
// the same inputs; and the errors for unsupported operators, truncated or foreign files and
// files that claim more than they hold.
#include <onnx/onnx_pb.h>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <set>

#include "AnnFixtures.h"
#include "ann/AnnModel.h"
#include "io/OnnxImporter.h"

using namespace snn;
using snn::test::floatsOf;
using snn::test::readJson;

namespace {

std::string fixture(const std::string& name) {
  return snn::test::source("tests/data/onnx/" + name);
}

std::vector<std::string> fixtureNames() {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(fixture("")))
    if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string bytesOf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The message of the OnnxImportError importing `bytes` throws, or "" if it imports.
std::string importError(const std::string& bytes) {
  try {
    importOnnxBytes(bytes, "test.onnx");
  } catch (const OnnxImportError& e) {
    return e.what();
  }
  return "";
}

onnx::ModelProto loadModel(const std::string& name) {
  onnx::ModelProto m;
  if (!m.ParseFromString(bytesOf(fixture(name)))) qFatal("cannot parse %s", name.c_str());
  return m;
}

std::string layerTypes(const AnnSpec& s) {
  std::string t;
  for (const AnnLayerSpec& l : s.layers)
    t += (t.empty() ? "" : " ") + std::string(annLayerTypeName(l.type));
  return t;
}

}  // namespace

class TestOnnxImport : public QObject {
  Q_OBJECT
 private slots:
  void matchesPyTorch_data();
  void matchesPyTorch();
  void fixturesCoverEverySupportedOperator();
  void foldsAndDropsWhatItShould();
  void unsupportedOperatorsInOneError();
  void everyTruncationIsRefused();
  void foreignFilesAreRefused();
  void corruptedBytesNeverCrash();
  void claimedSizesAreChecked();
  void unsupportedStructuresAreNamed_data();
  void unsupportedStructuresAreNamed();
};

void TestOnnxImport::matchesPyTorch_data() {
  QTest::addColumn<QString>("name");
  for (const std::string& n : fixtureNames()) QTest::newRow(n.c_str()) << QString::fromStdString(n);
}

void TestOnnxImport::matchesPyTorch() {
  QFETCH(QString, name);
  const std::string n = name.toStdString();
  const nlohmann::json expected = readJson("tests/data/onnx/" + n + ".json");
  OnnxImport imported;
  try {
    imported = importOnnx(fixture(n + ".onnx"));
  } catch (const std::exception& e) {
    QFAIL(e.what());
  }
  AnnModel model(imported.spec);
  const auto shape = expected.at("input_shape").get<std::vector<int64_t>>();
  int64_t size = 1;
  for (int64_t d : shape) size *= d;
  QCOMPARE(imported.spec.input.size(), size);
  QCOMPARE(model.outputShape().size(), [&] {
    int64_t s = 1;
    for (int64_t d : expected.at("output_shape").get<std::vector<int64_t>>()) s *= d;
    return s;
  }());
  const int64_t batch = expected.at("batch").get<int64_t>();
  const std::vector<float> input = floatsOf(expected.at("input"));
  const Tensor& out = model.forward(input.data(), batch);
  std::vector<float> got;
  for (int64_t b = 0; b < batch; ++b) {
    const std::vector<float> s = out.sample(b);
    got.insert(got.end(), s.begin(), s.end());
  }
  SNN_COMPARE_VECTORS(got, floatsOf(expected.at("output")), 1e-5, 1e-4);
}

void TestOnnxImport::fixturesCoverEverySupportedOperator() {
  std::set<std::string> seen;
  for (const std::string& n : fixtureNames()) {
    const nlohmann::json j = readJson("tests/data/onnx/" + n + ".json");
    for (const nlohmann::json& op : j.at("ops")) seen.insert(op.get<std::string>());
  }
  for (const char* op : {"Gemm",      "MatMul",
                         "Add",       "Conv",
                         "Relu",      "Sigmoid",
                         "Mul",       "AveragePool",
                         "MaxPool",   "GlobalAveragePool",
                         "Flatten",   "Reshape",
                         "Pad",       "Constant",
                         "Identity",  "BatchNormalization",
                         "Dropout",   "Softmax",
                         "Shape",     "Gather",
                         "Unsqueeze", "Concat",
                         "Slice",     "Transpose",
                         "Cast",      "ConstantOfShape"})
    QVERIFY2(seen.count(op), op);
}

void TestOnnxImport::foldsAndDropsWhatItShould() {
  const OnnxImport cnn = importOnnx(fixture("cnn.onnx"));
  // Conv+BN+SiLU, MaxPool, Pad folded into the next Conv, Conv+BN+ReLU, Pad+AveragePool,
  // Flatten, Dropout dropped, Gemm, ReLU, Gemm, Softmax.
  QCOMPARE(layerTypes(cnn.spec),
           std::string(
               "conv2d silu max_pool2d conv2d relu avg_pool2d flatten dense relu dense softmax"));
  QCOMPARE(cnn.spec.layers[0].id, std::string("conv2d_0"));
  QCOMPARE(cnn.spec.layers[3].padTop, 1);  // ZeroPad2d(1) folded into the second conv
  QCOMPARE(cnn.spec.layers[3].padRight, 1);
  std::string notes;
  for (const std::string& n : cnn.notes) notes += n + "\n";
  QVERIFY2(
      notes.find("BatchNormalization '/1/BatchNormalization' was folded into layer 'conv2d_0'") !=
          std::string::npos,
      notes.c_str());
  QVERIFY2(notes.find("Pad '/4/Pad' was folded into layer 'conv2d_5'") != std::string::npos,
           notes.c_str());
  const OnnxImport dropout = importOnnx(fixture("identity_dropout_constant.onnx"));
  QCOMPARE(layerTypes(dropout.spec), std::string("flatten dense relu dense"));
  QVERIFY(dropout.notes.front().find("Dropout 'extra_dropout' was dropped") != std::string::npos);
  const OnnxImport matmul = importOnnx(fixture("matmul_add.onnx"));
  QCOMPARE(layerTypes(matmul.spec), std::string("flatten dense"));
  QCOMPARE(matmul.spec.layers[1].bias.values.size(), size_t(6));
  // An input of (batch, 20) is a flat 20 x 1 x 1 input without a flatten layer.
  const OnnxImport flat = importOnnx(fixture("mlp_flat_input.onnx"));
  QCOMPARE(flat.spec.input, (AnnShape{20, 1, 1}));
  QCOMPARE(layerTypes(flat.spec), std::string("dense relu dense"));
  QVERIFY(flat.spec.mean.empty() && flat.spec.std.empty());
}

void TestOnnxImport::unsupportedOperatorsInOneError() {
  const std::string message = importError(bytesOf(fixture("unsupported_ops.onnx")));
  QVERIFY2(message.find("test.onnx: unsupported ONNX operators: Tanh (nodes '/2/Tanh', '/4/Tanh'); "
                        "LogSoftmax (node '/6/LogSoftmax')") != std::string::npos,
           message.c_str());
}

void TestOnnxImport::everyTruncationIsRefused() {
  // Every prefix of a real model (6 kB): an error naming the file, never a crash or a network.
  const std::string bytes = bytesOf(fixture("cnn.onnx"));
  QVERIFY(bytes.size() > 1000);
  for (size_t n = 0; n < bytes.size(); ++n) {
    const std::string message = importError(bytes.substr(0, n));
    if (message.rfind("test.onnx: ", 0) != 0)
      QFAIL(qPrintable(QString("prefix of %1 bytes: '%2'").arg(n).arg(message.c_str())));
  }
  QVERIFY(importError(bytes).empty());
}

void TestOnnxImport::foreignFilesAreRefused() {
  QVERIFY(importError("").find("not an ONNX model") != std::string::npos);
  QVERIFY(importError("hello, world\n").find("test.onnx: ") == 0);
  QVERIFY(importError(bytesOf(snn::test::source("resources/examples/cuba.snnwb.json")))
              .find("test.onnx: ") == 0);
  std::string noise(4096, '\0');
  uint64_t state = 88172645463325252ull;
  for (char& c : noise) {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    c = char(state);
  }
  QVERIFY(importError(noise).find("test.onnx: ") == 0);
  try {
    importOnnx(fixture("no_such_file.onnx"));
    QFAIL("a missing file imported");
  } catch (const OnnxImportError& e) {
    QVERIFY(std::string(e.what()).find("no_such_file.onnx: cannot be read") != std::string::npos);
  }
}

void TestOnnxImport::corruptedBytesNeverCrash() {
  // Single bytes of real models set to other values: each either imports (a weight changed) or
  // gives an OnnxImportError; no other exception, no crash. A seeded xorshift picks them.
  uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&] {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return state;
  };
  int refused = 0, imported = 0;
  for (const char* name :
       {"cnn.onnx", "view_dynamic_batch.onnx", "pad_conv.onnx", "matmul_add.onnx"}) {
    const std::string original = bytesOf(fixture(name));
    for (int trial = 0; trial < 1500; ++trial) {
      std::string bytes = original;
      bytes[next() % bytes.size()] = char(next());
      try {
        const OnnxImport r = importOnnxBytes(bytes, "test.onnx");
        inferAnnShapes(r.spec);
        ++imported;
      } catch (const OnnxImportError& e) {
        // The importer turns what its checks missed into an "internal error": none may be left.
        if (std::string(e.what()).find("internal error") != std::string::npos) {
          QFAIL(qPrintable(QString("%1, trial %2: %3").arg(name).arg(trial).arg(e.what())));
        }
        ++refused;
      } catch (const std::exception& e) {
        QFAIL(qPrintable(QString("%1, trial %2: %3").arg(name).arg(trial).arg(e.what())));
      }
    }
  }
  QVERIFY(refused > 100);
  QVERIFY(imported > 100);
}

void TestOnnxImport::claimedSizesAreChecked() {
  // An initializer claiming 2^40 values, one claiming more than its data, one stored outside.
  onnx::ModelProto m = loadModel("gemm.onnx");
  onnx::TensorProto* weight = m.mutable_graph()->mutable_initializer(0);
  const std::string name = weight->name();
  weight->set_dims(0, int64_t(1) << 40);
  std::string message = importError(m.SerializeAsString());
  QVERIFY2(message.find("tensor '" + name + "': tensor is larger than") != std::string::npos,
           message.c_str());
  m = loadModel("gemm.onnx");
  m.mutable_graph()->mutable_initializer(0)->set_dims(0, 6);
  message = importError(m.SerializeAsString());
  QVERIFY2(message.find("claims 384 values but holds 1280 bytes") != std::string::npos,
           message.c_str());
  m = loadModel("gemm.onnx");
  m.mutable_graph()->mutable_initializer(0)->set_data_location(onnx::TensorProto::EXTERNAL);
  QVERIFY(importError(m.SerializeAsString()).find("external file") != std::string::npos);
  m = loadModel("gemm.onnx");
  m.mutable_graph()->mutable_initializer(0)->set_dims(1, -64);
  QVERIFY(importError(m.SerializeAsString()).find("negative dimension") != std::string::npos);
}

void TestOnnxImport::unsupportedStructuresAreNamed_data() {
  QTest::addColumn<int>("edit");
  QTest::addColumn<QString>("expected");
  QTest::newRow("grouped conv") << 0 << "node '/0/Conv' (Conv): group = 2 is not supported";
  QTest::newRow("dilated conv") << 1 << "node '/0/Conv' (Conv): dilations [2, 2] are not supported";
  QTest::newRow("branch") << 2 << "the graph branches at";
  QTest::newRow("no opset") << 3 << "names no opset for the default ONNX domain";
  QTest::newRow("newer opset") << 4 << "uses opset 18";
  QTest::newRow("second input") << 5 << "has 2 inputs besides its weights";
  QTest::newRow("symbolic height") << 6 << "dimension 2 must be a fixed size";
  QTest::newRow("pad before max pool of signed data")
      << 7 << "zero padding would change the maxima";
  QTest::newRow("reflect pad") << 8 << "mode 'reflect' is not supported";
  QTest::newRow("ceil mode") << 9 << "ceil_mode = 1 is not supported";
}

void TestOnnxImport::unsupportedStructuresAreNamed() {
  QFETCH(int, edit);
  QFETCH(QString, expected);
  onnx::ModelProto m = loadModel(edit == 7 || edit == 9 ? "maxpool.onnx"
                                 : edit == 8            ? "pad_conv_opset9.onnx"
                                                        : "relu.onnx");
  onnx::GraphProto* g = m.mutable_graph();
  // The attribute `name` of node n (replacing the exporter's own).
  auto attribute = [](onnx::NodeProto* n, const std::string& name) {
    for (onnx::AttributeProto& a : *n->mutable_attribute())
      if (a.name() == name) return &a;
    onnx::AttributeProto* a = n->add_attribute();
    a->set_name(name);
    return a;
  };
  switch (edit) {
    case 0:
      attribute(g->mutable_node(0), "group")->set_i(2);
      break;
    case 1: {
      onnx::AttributeProto* a = attribute(g->mutable_node(0), "dilations");
      a->set_type(onnx::AttributeProto::INTS);
      a->clear_ints();
      a->add_ints(2);
      a->add_ints(2);
      break;
    }
    case 2:  // the ReLU also reads the conv's input
      g->mutable_node(1)->set_input(0, g->node(0).input(0));
      g->mutable_node(1)->add_input(g->node(0).output(0));
      g->mutable_node(1)->set_op_type("Relu");
      g->mutable_node(0)->set_output(0, g->node(0).output(0));
      *g->add_node() = g->node(1);
      g->mutable_node(2)->set_input(0, g->node(0).output(0));
      g->mutable_node(2)->set_name("second_reader");
      break;
    case 3:
      m.clear_opset_import();
      break;
    case 4:
      m.mutable_opset_import(0)->set_version(18);
      break;
    case 5:
      *g->add_input() = g->input(0);
      g->mutable_input(1)->set_name("second");
      break;
    case 6:
      g->mutable_input(0)
          ->mutable_type()
          ->mutable_tensor_type()
          ->mutable_shape()
          ->mutable_dim(2)
          ->set_dim_param("h");
      break;
    case 7: {  // a Pad between the Conv (signed output) and the MaxPool
      onnx::NodeProto pad;
      pad.set_op_type("Pad");
      pad.set_name("pad_it");
      pad.add_input(g->node(0).output(0));
      pad.add_input("pads");
      pad.add_output("padded");
      onnx::TensorProto* pads = g->add_initializer();
      pads->set_name("pads");
      pads->set_data_type(onnx::TensorProto::INT64);
      pads->add_dims(8);
      for (int64_t v : {0, 0, 1, 1, 0, 0, 1, 1}) pads->add_int64_data(v);
      g->mutable_node(1)->set_input(0, "padded");
      *g->add_node() = pad;
      // keep the nodes in order: conv, pad, pool, ...
      for (int i = g->node_size() - 1; i > 1; --i) g->mutable_node()->SwapElements(i, i - 1);
      break;
    }
    case 8:
      for (onnx::NodeProto& n : *g->mutable_node())
        if (n.op_type() == "Pad") attribute(&n, "mode")->set_s("reflect");
      break;
    case 9:
      for (onnx::NodeProto& n : *g->mutable_node())
        if (n.op_type() == "MaxPool") attribute(&n, "ceil_mode")->set_i(1);
      break;
  }
  const std::string message = importError(m.SerializeAsString());
  QVERIFY2(message.find(expected.toStdString()) != std::string::npos, message.c_str());
  QVERIFY(message.rfind("test.onnx: ", 0) == 0);
}

QTEST_GUILESS_MAIN(TestOnnxImport)
#include "tst_onnximport.moc"
