// Rate conversion (core/conversion): the IF rate of a one-layer network against its closed form
// (Rueckauer et al. 2017: with reset by subtraction, rate = clip(z, 0, 1) per step up to 1/T;
// reset to zero loses the surplus and does worse), and the batched evaluator against the
// general Simulator running the project the converter writes: the same spikes and membrane
// potentials, neuron by neuron, on digits samples (weights, pixels and thresholds are multiples
// of powers of two, so both compute every sum exactly and agree bit for bit), with average
// pooling folded into the next layer (PoolFolding, checked against pooling then the layer)
// and as its own layer of IF neurons. An input normalisation (mean/std) converts exactly: the
// rate of a one-layer network is clip(W (x - m) / s + b) / lambda within 1/T, folded or fed by
// the encoder, and a converted network equals the same ANN with the normalisation folded by
// hand (or its images normalised by hand) spike for spike.
#include <QTest>
#include <random>

#include "../common/TestSupport.h"
#include "ConversionFixtures.h"
#include "ann/AnnModel.h"
#include "ann/AvgPool2dLayer.h"
#include "ann/Conv2dLayer.h"
#include "ann/DenseLayer.h"
#include "ann/FlattenLayer.h"
#include "conversion/LayerRateComparison.h"
#include "conversion/PoolFolding.h"
#include "conversion/RateConverter.h"
#include "conversion/SnnBatchEvaluator.h"
#include "conversion/SnnProjectBuilder.h"
#include "sim/Compiler.h"
#include "sim/Simulator.h"

using namespace snn;
using namespace snn::test;

namespace {

// Input 2 x 6 x 6, normalised by mean {1/4, 1/2} and std {1/2, 1/4}; then dense(72 -> 6) or
// conv2d(2 -> 3, 3 x 3, padding `pad`), relu, and, unless `oneLayer`, flatten and dense -> 4.
// Dyadic weights and pixels: every sum is exact, folded or not.
AnnSpec normalisedNet(bool dense, int pad, bool oneLayer) {
  std::mt19937 rng(13);
  AnnSpec ann;
  ann.input = {2, 6, 6};
  ann.mean = {0.25f, 0.5f};
  ann.std = {0.5f, 0.25f};
  AnnLayerSpec first = layer("first", dense ? AnnLayerType::Dense : AnnLayerType::Conv2d);
  int features = 6;
  if (dense) {
    first.units = 6;
    first.weight = dyadic({6, 72}, rng, 8, 1.0f / 64);
    first.bias = dyadic({6}, rng, 4, 1.0f / 16);
  } else {
    first.outChannels = 3;
    first.kernelH = first.kernelW = 3;
    first.padTop = first.padLeft = first.padBottom = first.padRight = pad;
    first.weight = dyadic({3, 2, 3, 3}, rng, 8, 1.0f / 32);
    first.bias = dyadic({3}, rng, 4, 1.0f / 16);
    features = 3 * (6 + 2 * pad - 2) * (6 + 2 * pad - 2);
  }
  ann.layers = {layer("flat0", AnnLayerType::Flatten), first, layer("relu", AnnLayerType::Relu)};
  if (!dense) ann.layers.erase(ann.layers.begin());
  if (oneLayer) return ann;
  AnnLayerSpec out = layer("out", AnnLayerType::Dense);
  out.units = 4;
  out.weight = dyadic({4, features}, rng, 8, 1.0f / 16);
  ann.layers.push_back(layer("flat", AnnLayerType::Flatten));
  ann.layers.push_back(out);
  return ann;
}

Dataset dyadicImages(int n, int64_t size) {
  std::mt19937 rng(17);
  std::uniform_int_distribution<int> k(0, 16);
  Dataset data;
  data.images.resize(n, size);
  for (int64_t i = 0; i < data.images.size(); ++i) data.images.data()[i] = float(k(rng)) / 16;
  data.labels.assign(size_t(n), 0);
  return data;
}

}  // namespace

class TestRateConversion : public QObject {
  Q_OBJECT
 private slots:
  void oneLayerRateIsClippedInputOverThreshold() {
    // Input 1x1x40 of random pixels, dense 40 -> 200 with bias, relu; max normalisation.
    std::mt19937 rng(5);
    AnnSpec ann;
    ann.input = {40, 1, 1};
    AnnLayerSpec fc = layer("fc", AnnLayerType::Dense);
    fc.units = 200;
    std::normal_distribution<float> g(0.0f, 0.2f);
    fc.weight.shape = {200, 40};
    for (int i = 0; i < 8000; ++i) fc.weight.values.push_back(g(rng));
    fc.bias.shape = {200};
    for (int i = 0; i < 200; ++i) fc.bias.values.push_back(g(rng));
    ann.layers = {fc, layer("relu", AnnLayerType::Relu)};
    Dataset data;
    data.images = Dataset::Images::Random(8, 40).cwiseAbs();
    data.labels.assign(8, 0);
    const int T = 200;
    double errorSubtract = 0, errorZero = 0;
    for (IfReset reset : {IfReset::Subtract, IfReset::Zero}) {
      RateConversionOptions o{
          .norm = LayerNorm::Max, .reset = reset, .readout = OutputReadout::SpikeCount};
      const ConvertedSnn snn = convertToRate(ann, data, 8, o);
      const double lambda = snn.stages[0].lambda;
      SnnBatchEvaluator eval(snn);
      std::vector<int32_t> predicted(8);
      eval.evaluate(data.images.data(), 8, T, predicted.data());
      const Tensor& counts = eval.spikeCounts(0);  // 200 x 8, features x batch
      double worst = 0, mean = 0;
      for (int b = 0; b < 8; ++b)
        for (int o2 = 0; o2 < 200; ++o2) {
          double z = fc.bias.values[size_t(o2)];
          for (int i = 0; i < 40; ++i)
            z += fc.weight.values[size_t(o2 * 40 + i)] * data.images(b, i);
          const double expected = std::clamp(z / lambda, 0.0, 1.0);  // per step
          const double rate = counts.data()[o2 * 8 + b] / T;
          worst = std::max(worst, std::abs(rate - expected));
          mean += std::abs(rate - expected) / 1600.0;
        }
      if (reset == IfReset::Subtract) {
        QVERIFY2(worst <= 1.0 / T + 1e-6, qPrintable(QString("worst %1").arg(worst)));
        errorSubtract = mean;
      } else {
        errorZero = mean;
      }
    }
    QVERIFY(errorSubtract > 0.0);  // quantisation is there, not zero by accident
    QVERIFY2(errorZero > 2.0 * errorSubtract,
             qPrintable(QString("zero %1 subtract %2").arg(errorZero).arg(errorSubtract)));
  }

  void normalisedInputRateIsClippedInputOverThreshold_data() {
    QTest::addColumn<bool>("dense");
    QTest::addColumn<int>("pad");
    QTest::addColumn<bool>("folded");
    QTest::newRow("dense: folded") << true << 0 << true;
    QTest::newRow("conv2d, no padding: folded") << false << 0 << true;
    QTest::newRow("conv2d, padding 1: fed by the encoder") << false << 1 << false;
  }

  void normalisedInputRateIsClippedInputOverThreshold() {
    QFETCH(bool, dense);
    QFETCH(int, pad);
    QFETCH(bool, folded);
    const AnnSpec ann = normalisedNet(dense, pad, true);
    const AnnLayerSpec& op = ann.layers[dense ? 1 : 0];
    const Dataset data = dyadicImages(6, 72);
    const ConvertedSnn snn =
        convertToRate(ann, data, 6, {.norm = LayerNorm::Max, .readout = OutputReadout::SpikeCount});
    QCOMPARE(snn.inputMean.empty(), folded);
    QVERIFY(!snn.notes.empty() && snn.notes[0].find("'first'") != std::string::npos);
    // z = W (x - m) / s + b from the definition, channel by channel.
    const int o = 6 + 2 * pad - 2;
    const int outputs = dense ? 6 : 3 * o * o;
    auto normalised = [&](int b, int c, int y, int x) {
      return (data.images(b, (c * 6 + y) * 6 + x) - ann.mean[size_t(c)]) / ann.std[size_t(c)];
    };
    std::vector<double> z(size_t(6 * outputs));
    for (int b = 0; b < 6; ++b)
      for (int u = 0; u < outputs; ++u) {
        double sum = 0;
        if (dense) {
          sum = op.bias.values[size_t(u)];
          for (int i = 0; i < 72; ++i)
            sum += op.weight.values[size_t(u * 72 + i)] * normalised(b, i / 36, i % 36 / 6, i % 6);
        } else {
          const int oc = u / (o * o), oy = u % (o * o) / o, ox = u % o;
          sum = op.bias.values[size_t(oc)];
          for (int c = 0; c < 2; ++c)
            for (int ky = 0; ky < 3; ++ky)
              for (int kx = 0; kx < 3; ++kx) {
                const int y = oy - pad + ky, x = ox - pad + kx;
                if (y < 0 || y >= 6 || x < 0 || x >= 6) continue;  // padding: normalised 0
                sum += op.weight.values[size_t(((oc * 2 + c) * 3 + ky) * 3 + kx)] *
                       normalised(b, c, y, x);
              }
        }
        z[size_t(b * outputs + u)] = sum;
      }
    AnnModel model(ann);  // the ANN's own forward normalises
    const Tensor& a = model.forward(data.images.data(), 6, dense ? 2 : 1);
    for (int b = 0; b < 6; ++b)
      for (int u = 0; u < outputs; ++u) {
        const float got = dense ? a.data()[u * 6 + b] : a.sample(b)[size_t(u)];
        SNN_COMPARE_NEAR(double(got), z[size_t(b * outputs + u)], 1e-5);
      }
    const int T = 128;
    SnnBatchEvaluator eval(snn);
    std::vector<int32_t> predicted(6);
    eval.evaluate(data.images.data(), 6, T, predicted.data());
    const double lambda = snn.stages[0].lambda;
    double worst = 0;
    int active = 0;
    for (int b = 0; b < 6; ++b) {
      const std::vector<float> counts = eval.spikeCounts(0).sample(b);
      for (int u = 0; u < outputs; ++u) {
        const double expected = std::clamp(z[size_t(b * outputs + u)] / lambda, 0.0, 1.0);
        worst = std::max(worst, std::abs(counts[size_t(u)] / T - expected));
        active += expected > 0.05;
      }
    }
    QVERIFY2(worst <= 1.0 / T + 1e-6, qPrintable(QString("worst %1").arg(worst)));
    QVERIFY(active > outputs);  // many neurons fire: the comparison means something
  }

  void normalisationConvertsLikeTheAnnFoldedByHand_data() {
    QTest::addColumn<bool>("dense");
    QTest::addColumn<int>("pad");
    QTest::addColumn<bool>("poisson");
    QTest::newRow("dense, direct current") << true << 0 << false;
    QTest::newRow("dense, Poisson") << true << 0 << true;
    QTest::newRow("conv2d, Poisson") << false << 0 << true;
    QTest::newRow("conv2d padded, direct current") << false << 1 << false;
  }

  void normalisationConvertsLikeTheAnnFoldedByHand() {
    QFETCH(bool, dense);
    QFETCH(int, pad);
    QFETCH(bool, poisson);
    const AnnSpec ann = normalisedNet(dense, pad, false);
    Dataset data = dyadicImages(12, 72), byHandData = data;
    AnnSpec byHand = ann;
    byHand.mean.clear();
    byHand.std.clear();
    if (pad == 0) {  // W' = W / s, b' = b - sum W m / s
      AnnLayerSpec& op = byHand.layers[dense ? 1 : 0];
      const size_t outputs = dense ? 6 : 3, perChannel = dense ? 36 : 9;
      for (size_t u = 0; u < outputs; ++u)
        for (size_t c = 0; c < 2; ++c)
          for (size_t i = 0; i < perChannel; ++i) {
            float& w = op.weight.values[(u * 2 + c) * perChannel + i];
            op.bias.values[u] -= w * ann.mean[c] / ann.std[c];
            w /= ann.std[c];
          }
    } else {  // padding: the images themselves normalised
      for (int b = 0; b < 12; ++b)
        for (int i = 0; i < 72; ++i)
          byHandData.images(b, i) =
              (data.images(b, i) - ann.mean[size_t(i / 36)]) / ann.std[size_t(i / 36)];
    }
    const RateConversionOptions o{.input =
                                      poisson ? InputCoding::Poisson : InputCoding::DirectCurrent};
    const ConvertedSnn snn = convertToRate(ann, data, 12, o);
    const ConvertedSnn reference = convertToRate(byHand, byHandData, 12, o);
    QCOMPARE(snn.stages.size(), reference.stages.size());
    SnnBatchEvaluator eval(snn), expected(reference);
    std::vector<int32_t> p(12), q(12);
    eval.evaluate(data.images.data(), 12, 40, p.data());
    expected.evaluate(byHandData.images.data(), 12, 40, q.data());
    QVERIFY(p == q);
    for (int s = 0; s < int(snn.stages.size()); ++s) {
      QCOMPARE(snn.stages[size_t(s)].lambda, reference.stages[size_t(s)].lambda);
      const Tensor &a = eval.spikeCounts(s), &b = expected.spikeCounts(s);
      QVERIFY(std::equal(a.data(), a.data() + a.size(), b.data()));
    }
    QVERIFY(eval.activity()[0].spikes > 100);
  }

  void poissonRefusesAnUnfoldableNormalisation() {
    try {
      convertToRate(normalisedNet(false, 1, false), dyadicImages(2, 72), 2,
                    {.input = InputCoding::Poisson});
      QFAIL("converted");
    } catch (const SpecError& e) {
      QCOMPARE(e.diagnostics()[0].field, std::string("mean"));
      QVERIFY(std::string(e.what()).find("'first'") != std::string::npos);
      QVERIFY(std::string(e.what()).find("direct-current") != std::string::npos);
    }
  }

  void percentileIsNearestRank() {
    std::vector<float> v = {-1, 0, 5, 1, 3, 2, 4};  // positives 1..5
    QCOMPARE(positivePercentile(v, 100.0), 5.0f);
    v = {-1, 0, 5, 1, 3, 2, 4};
    QCOMPARE(positivePercentile(v, 60.0), 3.0f);
    v = {-1, 0};
    QCOMPARE(positivePercentile(v, 99.9), 0.0f);
  }

  void evaluatorMatchesSimulatorOnTheWrittenProject_data() {
    QTest::addColumn<bool>("fold");
    QTest::addColumn<int>("stages");
    QTest::newRow("pool folded into fc1") << true << 3;  // conv1, fc1, fc2
    QTest::newRow("pool as IF neurons") << false << 4;   // conv1, pool1, fc1, fc2
    QTest::newRow("normalised input, fed by the encoder") << true << -3;
  }

  void evaluatorMatchesSimulatorOnTheWrittenProject() {
    QFETCH(bool, fold);
    QFETCH(int, stages);
    AnnSpec ann = smallCnn();
    if (stages < 0) {  // conv1 pads: the direct_current encoder's gain and offset normalise
      ann.mean = {0.25f};
      ann.std = {0.5f};
      stages = -stages;
    }
    std::shared_ptr<const DatasetSplit> digits = std::make_shared<DatasetSplit>(loadDigits());
    RateConversionOptions o{.readout = OutputReadout::SpikeCount, .foldPooling = fold};
    const ConvertedSnn snn = convertToRate(ann, digits->test, 0, o);
    QCOMPARE(snn.stages.size(), size_t(stages));
    QCOMPARE(snn.stages[1].pool.has_value(), fold);
    const int T = 30, samples = 3;
    SnnBatchEvaluator eval(snn);
    eval.setPipelined(true);
    std::vector<int32_t> predicted(samples);
    eval.evaluate(digits->test.images.data(), samples, T, predicted.data());
    int64_t totalSpikes = 0;
    for (int b = 0; b < samples; ++b) {
      Project project = buildSnnProject(snn, {.timesteps = T, .dataset = "digits"});
      project.network.populations[0].feed->first = b;
      CompileResult c = compile(project, CompileOptions{.threads = 2});
      QVERIFY2(c.ok(), joinDiagnostics(c.diagnostics).c_str());
      Simulator sim(std::move(c.network));
      sim.run(T);
      for (size_t s = 0; s < snn.stages.size(); ++s) {
        const auto v = sim.network().populations[s + 1].group->state("v");
        const std::vector<float> ev = eval.membrane(int(s)).sample(b);
        const std::vector<float> counts = eval.spikeCounts(int(s)).sample(b);
        QCOMPARE(v.size(), ev.size());
        int64_t differing = 0, spikes = 0;
        for (size_t i = 0; i < v.size(); ++i) {
          differing += v[i] != double(ev[i]);
          spikes += int64_t(counts[i]);
        }
        QVERIFY2(
            differing == 0,
            qPrintable(
                QString("stage %1 sample %2: %3 membranes differ").arg(s).arg(b).arg(differing)));
        totalSpikes += spikes;
      }
    }
    QVERIFY(totalSpikes > 50);  // the network is active: the comparison means something
  }

  // Folding checked against an independent computation: the ANN layers pool then convolve (or
  // pool, flatten, dense), against the one folded layer on the unpooled input.
  void foldedPoolEqualsPoolThenOperation_data() {
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("poolWindow");
    QTest::addColumn<int>("convKernel");
    QTest::addColumn<int>("convPad");
    QTest::addColumn<bool>("dense");
    QTest::addColumn<bool>("folds");
    QTest::newRow("pool 2, conv 3x3 pad 1") << 8 << 2 << 3 << 1 << false << true;
    QTest::newRow("pool 2, conv 5x5 no pad") << 12 << 2 << 5 << 0 << false << true;
    QTest::newRow("pool 3, conv 3x3 pad 1") << 9 << 3 << 3 << 1 << false << true;
    QTest::newRow("pool 2, dense") << 6 << 2 << 0 << 0 << true << true;
    QTest::newRow("pool 2 on odd size, dense") << 7 << 2 << 0 << 0 << true << true;
    // 7 -> 3 drops row 6, which the conv's bottom padding would read as real pixels.
    QTest::newRow("pool 2 on odd size, conv pad 1") << 7 << 2 << 3 << 1 << false << false;
  }

  void foldedPoolEqualsPoolThenOperation() {
    QFETCH(int, size);
    QFETCH(int, poolWindow);
    QFETCH(int, convKernel);
    QFETCH(int, convPad);
    QFETCH(bool, dense);
    QFETCH(bool, folds);
    std::mt19937 rng(11);
    std::normal_distribution<float> g(0.0f, 1.0f);
    const AnnShape in{3, size, size};
    AnnLayerSpec pool = layer("pool", AnnLayerType::AvgPool2d);
    pool.kernelH = pool.kernelW = pool.strideH = pool.strideW = poolWindow;
    const int p = size / poolWindow;
    const AnnShape pooled{3, p, p};
    AnnLayerSpec op = layer("op", dense ? AnnLayerType::Dense : AnnLayerType::Conv2d);
    AnnShape out;
    if (dense) {
      op.units = 5;
      out = {5, 1, 1};
      op.weight.shape = {5, pooled.size()};
    } else {
      op.outChannels = 4;
      op.kernelH = op.kernelW = convKernel;
      op.padTop = op.padLeft = op.padBottom = op.padRight = convPad;
      const int o = p + 2 * convPad - convKernel + 1;
      out = {4, o, o};
      op.weight.shape = {4, 3, convKernel, convKernel};
    }
    for (int64_t i = 0; i < op.weight.shapeSize(); ++i) op.weight.values.push_back(g(rng));
    op.bias.shape = {out.channels};
    for (int i = 0; i < out.channels; ++i) op.bias.values.push_back(g(rng));
    const std::optional<AnnLayerSpec> folded = foldPool(pool, in, pooled, op, out);
    QCOMPARE(folded.has_value(), folds);
    if (!folds) return;
    const int batch = 3;
    std::vector<float> x(size_t(batch * in.size()));
    for (float& v : x) v = g(rng);
    Tensor input, a, b, c, expected, actual;
    input.setSamples(x.data(), in, batch);
    AvgPool2dLayer(pool, in, pooled).forward(input, a, 1);
    const AnnShape flat{int(pooled.size()), 1, 1}, flatIn{int(in.size()), 1, 1};
    if (dense) {
      FlattenLayer(AnnLayerSpec{}, pooled).forward(a, b, 1);
      DenseLayer(op, flat).forward(b, expected, 1);
      FlattenLayer(AnnLayerSpec{}, in).forward(input, c, 1);
      DenseLayer(*folded, flatIn).forward(c, actual, 1);
    } else {
      Conv2dLayer(op, pooled, out).forward(a, expected, 1);
      Conv2dLayer(*folded, in, out).forward(input, actual, 1);
    }
    QCOMPARE(actual.size(), expected.size());
    double worst = 0;
    for (int64_t i = 0; i < actual.size(); ++i)
      worst = std::max(worst, double(std::abs(actual.data()[i] - expected.data()[i])));
    QVERIFY2(worst < 1e-4, qPrintable(QString("worst %1").arg(worst)));
  }

  // The per-layer comparison on a one-layer network: rates within 1/T of clip(a / lambda).
  void layerRatesFollowTheAnn() {
    std::mt19937 rng(7);
    AnnSpec ann;
    ann.input = {20, 1, 1};
    AnnLayerSpec fc = layer("fc", AnnLayerType::Dense);
    fc.units = 50;
    std::normal_distribution<float> g(0.0f, 0.3f);
    fc.weight.shape = {50, 20};
    for (int i = 0; i < 1000; ++i) fc.weight.values.push_back(g(rng));
    fc.bias.shape = {50};
    fc.bias.values.assign(50, 0.05f);
    AnnLayerSpec out = layer("out", AnnLayerType::Dense);
    out.units = 2;
    out.weight.shape = {2, 50};
    out.weight.values.assign(100, 0.1f);
    ann.layers = {fc, layer("relu", AnnLayerType::Relu), out};
    Dataset data;
    data.images = Dataset::Images::Random(16, 20).cwiseAbs();
    data.labels.assign(16, 0);
    const ConvertedSnn snn = convertToRate(ann, data, 16, {.norm = LayerNorm::Max});
    const int T = 100;
    const auto c = compareLayerRates(ann, snn, data.images.data(), 16, T, 2);
    QCOMPARE(c.size(), size_t(1));
    QCOMPARE(c[0].id, std::string("fc"));
    QVERIFY(c[0].meanTarget > 0.05);
    QVERIFY2(c[0].meanAbsError <= 1.0 / T + 1e-6, qPrintable(QString::number(c[0].meanAbsError)));
    QVERIFY(c[0].correlation > 0.99);
  }

  // Samples run on whichever thread takes them: the same results with 1 and 2 threads, also
  // with Poisson input (each sample's own random stream).
  void threadsDoNotChangeResults() {
    const AnnSpec ann = smallCnn();
    const DatasetSplit digits = loadDigits();
    for (InputCoding input : {InputCoding::DirectCurrent, InputCoding::Poisson}) {
      const ConvertedSnn snn = convertToRate(ann, digits.test, 0, {.input = input});
      std::vector<int32_t> p1(20), p2(20);
      SnnBatchEvaluator one(snn, 1), two(snn, 2);
      one.evaluate(digits.test.images.data(), 20, 16, p1.data(), 8);
      two.evaluate(digits.test.images.data(), 20, 16, p2.data(), 8);
      QVERIFY(p1 == p2);
      for (size_t s = 0; s < snn.stages.size(); ++s) {
        QCOMPARE(one.activity()[s].spikes, two.activity()[s].spikes);
        if (s + 1 < snn.stages.size()) QVERIFY(one.activity()[s].spikes > 0);
      }
    }
  }

  // Threshold balancing (Sengupta et al. 2019): under direct-current input the first layer's
  // largest input is its largest ANN activation, so its lambda is max normalisation's; after
  // balancing, every hidden layer's largest input current in the SNN is 1 (its threshold).
  void balancingSetsThresholdsToTheLargestInput() {
    std::mt19937 rng(9);
    std::normal_distribution<float> g(0.0f, 0.3f);
    AnnSpec ann;
    ann.input = {30, 1, 1};
    auto dense = [&](const char* id, int in, int out) {
      AnnLayerSpec l = layer(id, AnnLayerType::Dense);
      l.units = out;
      l.weight.shape = {out, in};
      for (int i = 0; i < in * out; ++i) l.weight.values.push_back(g(rng));
      l.bias.shape = {out};
      for (int i = 0; i < out; ++i) l.bias.values.push_back(0.1f * g(rng));
      return l;
    };
    ann.layers = {dense("fc1", 30, 40), layer("r1", AnnLayerType::Relu), dense("fc2", 40, 20),
                  layer("r2", AnnLayerType::Relu), dense("fc3", 20, 3)};
    Dataset data;
    data.images = Dataset::Images::Random(32, 30).cwiseAbs();
    data.labels.assign(32, 0);
    const ConvertedSnn byMax = convertToRate(ann, data, 32, {.norm = LayerNorm::Max});
    const ConvertedSnn balanced = convertToRate(
        ann, data, 32, {.norm = LayerNorm::Balance, .balanceSteps = 32, .balanceSamples = 32});
    SNN_COMPARE_NEAR(balanced.stages[0].lambda, byMax.stages[0].lambda,
                     1e-5 * byMax.stages[0].lambda);
    QVERIFY(balanced.stages[1].lambda != byMax.stages[1].lambda);  // measured in the SNN
    SnnBatchEvaluator eval(balanced, 2);
    std::vector<int32_t> predicted(32);
    eval.evaluate(data.images.data(), 32, 32, predicted.data());
    for (int s : {0, 1}) SNN_COMPARE_NEAR(eval.maxInputCurrent(s), 1.0, 1e-5);
  }

  void siluIsRefusedByName() {
    AnnSpec ann;
    ann.input = {4, 1, 1};
    AnnLayerSpec fc = layer("fc", AnnLayerType::Dense);
    fc.units = 2;
    fc.weight.shape = {2, 4};
    fc.weight.values.assign(8, 0.1f);
    ann.layers = {fc, layer("act", AnnLayerType::Silu)};
    Dataset data;
    data.images = Dataset::Images::Constant(2, 4, 0.5f);
    data.labels = {0, 1};
    try {
      convertToRate(ann, data, 2, {});
      QFAIL("silu converted");
    } catch (const SpecError& e) {
      QVERIFY(std::string(e.what()).find("'act'") != std::string::npos);
      QVERIFY(std::string(e.what()).find("fs") != std::string::npos);
    }
  }
};

QTEST_APPLESS_MAIN(TestRateConversion)
#include "tst_rateconversion.moc"
