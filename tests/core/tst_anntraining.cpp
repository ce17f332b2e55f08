// ANN training: SGD with momentum and Adam against torch.optim (three steps on the small CNN of
// tests/data/ann/model.json, made by scripts/make_ann_fixtures.py); training on the built-in
// 8x8 digits to a sensible accuracy (chance is 10 %; a linear softmax model trained the same
// way reaches about 95 % on this split, this CNN 94 to 95 % after 15 epochs); the same weights
// for a seed whatever the thread count; cancellation.
#include <QTest>

#include "AnnFixtures.h"
#include "ann/AnnModel.h"
#include "ann/SoftmaxCrossEntropy.h"
#include "learning/AnnTrainer.h"
#include "model/Diagnostic.h"

using namespace snn;
using snn::test::floatsOf;
using snn::test::readJson;
using snn::test::tensorOf;

namespace {

AnnLayerSpec layer(const std::string& id, AnnLayerType type) {
  AnnLayerSpec l;
  l.id = id;
  l.type = type;
  for (const ParamInfo& p : annLayerParams(type)) setAnnLayerParam(l, p.name, p.defaultValue);
  return l;
}

// 1x8x8 -> conv 8 (3x3, pad 1) -> relu -> avg pool 2 -> flatten -> dense 10.
AnnSpec digitsCnn() {
  AnnSpec s;
  s.input = {1, 8, 8};
  AnnLayerSpec conv = layer("conv", AnnLayerType::Conv2d);
  conv.outChannels = 8;
  conv.padTop = conv.padLeft = conv.padBottom = conv.padRight = 1;
  AnnLayerSpec fc = layer("fc", AnnLayerType::Dense);
  fc.units = 10;
  s.layers = {conv, layer("relu", AnnLayerType::Relu), layer("pool", AnnLayerType::AvgPool2d),
              layer("flat", AnnLayerType::Flatten), fc};
  return s;
}

const DatasetSplit& digits() {
  static const DatasetSplit d = loadDigits();
  return d;
}

AnnSpec fixtureModel(const nlohmann::json& m, const char* weightsKey) {
  AnnSpec s;
  s.input = {1, 8, 8};
  for (const nlohmann::json& l : m.at("layers")) {
    AnnLayerSpec spec = snn::test::layerOf(l);
    if (m.at(weightsKey).contains(spec.id)) {
      spec.weight = tensorOf(m.at(weightsKey).at(spec.id).at("weight"));
      spec.bias = tensorOf(m.at(weightsKey).at(spec.id).at("bias"));
    }
    s.layers.push_back(spec);
  }
  return s;
}

std::vector<float> allWeights(const AnnSpec& s) {
  std::vector<float> w;
  for (const AnnLayerSpec& l : s.layers) {
    w.insert(w.end(), l.weight.values.begin(), l.weight.values.end());
    w.insert(w.end(), l.bias.values.begin(), l.bias.values.end());
  }
  return w;
}

}  // namespace

class TestAnnTraining : public QObject {
  Q_OBJECT
 private slots:
  void optimisersMatchPyTorch_data();
  void optimisersMatchPyTorch();
  void learnsDigits_data();
  void learnsDigits();
  void sameWeightsWhateverTheThreads();
  void cancelledEpochChangesNothing();
  void refusesMismatchedData();
};

void TestAnnTraining::optimisersMatchPyTorch_data() {
  QTest::addColumn<QString>("optimiser");
  QTest::newRow("sgd momentum weight decay") << "sgd";
  QTest::newRow("adam") << "adam";
}

void TestAnnTraining::optimisersMatchPyTorch() {
  QFETCH(QString, optimiser);
  const nlohmann::json m = readJson("tests/data/ann/model.json");
  AnnModel model(fixtureModel(m, "weights"));
  std::vector<AdamOptimizer::Parameter> params;
  for (const ParameterRef& p : model.parameters()) params.push_back({p.value, p.grad, p.size});
  // The settings of make_ann_fixtures.py.
  SgdOptimizer sgd(params, {.learningRate = 0.1, .momentum = 0.9, .weightDecay = 5e-4});
  AdamOptimizer adam(params, {.learningRate = 0.01});
  Tensor grad;
  for (size_t k = 0; k < 3; ++k) {
    const std::vector<float> x = floatsOf(m.at("batches").at(k));
    const auto labels = m.at("labels").at(k).get<std::vector<uint8_t>>();
    softmaxCrossEntropy(model.forward(x.data(), 4), labels.data(), grad);
    model.backward(grad);
    optimiser == "sgd" ? sgd.step(1) : adam.step(1);
  }
  const std::string key = "after_" + optimiser.toStdString();
  SNN_COMPARE_VECTORS(allWeights(model.toSpec()), allWeights(fixtureModel(m, key.c_str())), 1e-5,
                      1e-4);
}

void TestAnnTraining::learnsDigits_data() {
  QTest::addColumn<QString>("optimiser");
  QTest::addColumn<int>("qcfsLevels");
  QTest::addColumn<double>("minimum");
  QTest::newRow("adam") << "adam" << 0 << 0.9;
  QTest::newRow("sgd") << "sgd" << 0 << 0.9;
  QTest::newRow("adam qcfs L=4") << "adam" << 4 << 0.9;
}

void TestAnnTraining::learnsDigits() {
  QFETCH(QString, optimiser);
  QFETCH(int, qcfsLevels);
  QFETCH(double, minimum);
  AnnTrainingSettings s;
  s.batchSize = 32;
  if (optimiser == "sgd") {
    s.optimizer = AnnTrainingSettings::Optimizer::Sgd;
    s.learningRate = 0.05;
  } else {
    s.learningRate = 3e-3;
  }
  const AnnSpec spec =
      qcfsLevels ? withQcfsActivations(digitsCnn(), qcfsLevels, 2.0f) : digitsCnn();
  AnnTrainer trainer(spec, digits(), s, {.threads = 2});
  EpochReport last;
  for (int epoch = 1; epoch <= 15; ++epoch) last = trainer.trainEpoch(epoch, {});
  qInfo("%s: test accuracy %.4f, loss %.4f after 15 epochs", qPrintable(optimiser),
        last.testAccuracy, last.loss);
  QVERIFY2(last.testAccuracy >= minimum, qPrintable(QString::number(last.testAccuracy)));
  QVERIFY(last.loss < 0.5);
  QCOMPARE(last.testSamples, int64_t(449));
  int64_t counted = 0;
  for (int64_t c : trainer.lastConfusion().counts) counted += c;
  QCOMPARE(counted, int64_t(449));
  if (qcfsLevels) {
    const float lambda = trainer.trainedSpec().layers[1].threshold;
    QVERIFY2(lambda != 2.0f && lambda > 0.0f, qPrintable(QString::number(lambda)));
  }
}

void TestAnnTraining::sameWeightsWhateverTheThreads() {
  AnnTrainingSettings s;
  s.seed = 42;
  std::vector<AnnSpec> trained;
  for (int threads : {1, 2, 2}) {
    AnnTrainingSettings settings = s;
    AnnTrainer trainer(withQcfsActivations(digitsCnn(), 4, 2.0f), digits(), settings,
                       {.threads = threads});
    for (int epoch = 1; epoch <= 2; ++epoch) trainer.trainEpoch(epoch, {});
    trained.push_back(trainer.trainedSpec());
  }
  QVERIFY(trained[0] == trained[1]);
  QVERIFY(trained[1] == trained[2]);
  s.seed = 43;
  AnnTrainer other(withQcfsActivations(digitsCnn(), 4, 2.0f), digits(), s, {.threads = 2});
  other.trainEpoch(1, {});
  other.trainEpoch(2, {});
  QVERIFY(!(other.trainedSpec() == trained[0]));
}

void TestAnnTraining::cancelledEpochChangesNothing() {
  AnnTrainer trainer(digitsCnn(), digits(), {}, {.threads = 2});
  trainer.trainEpoch(1, {});
  const AnnSpec before = trainer.trainedSpec();
  int polls = 0;
  TrainingCallbacks callbacks;
  callbacks.cancelled = [&] { return ++polls > 5; };
  QVERIFY_THROWS_EXCEPTION(TrainingCancelled, trainer.trainEpoch(2, callbacks));
  QVERIFY(trainer.trainedSpec() == before);
  // And the next epoch goes on as if the cancelled one had not started.
  AnnTrainer reference(digitsCnn(), digits(), {}, {.threads = 1});
  reference.trainEpoch(1, {});
  reference.trainEpoch(2, {});
  trainer.trainEpoch(2, {});
  QVERIFY(trainer.trainedSpec() == reference.trainedSpec());
}

void TestAnnTraining::refusesMismatchedData() {
  AnnSpec spec = digitsCnn();
  spec.input = {1, 28, 28};
  try {
    AnnTrainer trainer(spec, digits(), {}, {});
    QFAIL("a 28x28 network accepted 8x8 digits");
  } catch (const SpecError& e) {
    QCOMPARE(e.diagnostics().front().field, std::string("input"));
  }
  spec = digitsCnn();
  spec.layers.back().units = 4;
  QVERIFY_THROWS_EXCEPTION(SpecError, AnnTrainer(spec, digits(), {}, {}));
}

QTEST_GUILESS_MAIN(TestAnnTraining)
#include "tst_anntraining.moc"
