// Rate conversion (core/conversion): the IF rate of a one-layer network against its closed form
// (Rueckauer et al. 2017: with reset by subtraction, rate = clip(z, 0, 1) per step up to 1/T;
// reset to zero loses the surplus and does worse), and the batched evaluator against the
// general Simulator running the project the converter writes: the same spikes and membrane
// potentials, neuron by neuron, on digits samples (weights, pixels and thresholds are multiples
// of powers of two, so both compute every sum exactly and agree bit for bit).
#include <QTest>
#include <random>

#include "../common/TestSupport.h"
#include "conversion/RateConverter.h"
#include "conversion/SnnBatchEvaluator.h"
#include "conversion/SnnProjectBuilder.h"
#include "sim/Compiler.h"
#include "sim/Simulator.h"

using namespace snn;

namespace {

AnnTensor dyadic(std::vector<int64_t> shape, std::mt19937& rng, int range, float unit) {
  AnnTensor t;
  t.shape = std::move(shape);
  std::uniform_int_distribution<int> k(-range, range);
  for (int64_t i = 0; i < t.shapeSize(); ++i) t.values.push_back(static_cast<float>(k(rng)) * unit);
  return t;
}

AnnLayerSpec layer(std::string id, AnnLayerType type) {
  AnnLayerSpec l;
  l.id = std::move(id);
  l.type = type;
  return l;
}

AnnLayerSpec qcfs(std::string id) {
  AnnLayerSpec l = layer(std::move(id), AnnLayerType::Qcfs);
  l.threshold = 1.0f;  // lambda 1: weights keep their values
  return l;
}

// conv(1->3, 3x3, pad 1)-qcfs-avgpool2-flatten-dense(48->6)-qcfs-dense(6->4)-qcfs on 1x8x8.
AnnSpec smallCnn() {
  std::mt19937 rng(3);
  AnnSpec ann;
  ann.input = {1, 8, 8};
  AnnLayerSpec conv = layer("conv1", AnnLayerType::Conv2d);
  conv.outChannels = 3;
  conv.kernelH = conv.kernelW = 3;
  conv.padTop = conv.padLeft = conv.padBottom = conv.padRight = 1;
  conv.weight = dyadic({3, 1, 3, 3}, rng, 16, 1.0f / 32);
  conv.bias = dyadic({3}, rng, 4, 1.0f / 64);
  AnnLayerSpec pool = layer("pool1", AnnLayerType::AvgPool2d);
  pool.kernelH = pool.kernelW = pool.strideH = pool.strideW = 2;
  AnnLayerSpec fc1 = layer("fc1", AnnLayerType::Dense);
  fc1.units = 6;
  fc1.weight = dyadic({6, 48}, rng, 16, 1.0f / 32);
  fc1.bias = dyadic({6}, rng, 4, 1.0f / 64);
  AnnLayerSpec fc2 = layer("fc2", AnnLayerType::Dense);
  fc2.units = 4;
  fc2.weight = dyadic({4, 6}, rng, 16, 1.0f / 16);
  ann.layers = {conv, qcfs("act1"), pool, layer("flat", AnnLayerType::Flatten),
                fc1,  qcfs("act2"), fc2,  qcfs("act3")};
  return ann;
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

  void percentileIsNearestRank() {
    std::vector<float> v = {-1, 0, 5, 1, 3, 2, 4};  // positives 1..5
    QCOMPARE(positivePercentile(v, 100.0), 5.0f);
    v = {-1, 0, 5, 1, 3, 2, 4};
    QCOMPARE(positivePercentile(v, 60.0), 3.0f);
    v = {-1, 0};
    QCOMPARE(positivePercentile(v, 99.9), 0.0f);
  }

  void evaluatorMatchesSimulatorOnTheWrittenProject() {
    const AnnSpec ann = smallCnn();
    std::shared_ptr<const DatasetSplit> digits = std::make_shared<DatasetSplit>(loadDigits());
    RateConversionOptions o{.readout = OutputReadout::SpikeCount};
    const ConvertedSnn snn = convertToRate(ann, digits->test, 0, o);
    QCOMPARE(snn.stages.size(), size_t(4));  // conv1, pool1, fc1, fc2
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
