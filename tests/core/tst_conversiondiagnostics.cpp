// ConversionDiagnostics (core/conversion): the per-layer pairs of ANN activation and SNN value
// the Conversion dock's scatter draws, checked against closed forms on a network small enough
// to work out by hand.
//  - Rate: a one-layer network (dense 2 -> 3, relu) under direct-current input: neuron i gets
//    the constant current z_i = (W x + b)_i / lambda each step, and an IF neuron with threshold 1
//    and reset by subtraction, starting at 0 and firing when v > 1, has fired
//    ceil(T z) - 1 times after T steps for 0 < z <= 1 (one spike per integer that T z passes),
//    none for z <= 0 and T for z > 1: its rate is clip(z, 0, 1) to within 1/T (Rueckauer et al.
//    2017, eq. 2-5). The normalisation is either max (lambda = the largest activation) or the
//    50th percentile (some z > 1: the clipped rates show).
//  - FS: a hidden layer of few-spike neurons with the closed-form ReLU code of K steps outputs
//    its input rounded down to a multiple of 2^-K and clipped to [0, 1 - 2^-K] (Stöckl & Maass
//    2021): the error against clip(z) is below the quantisation bound 2^-K.
#include <QTest>
#include <algorithm>
#include <cmath>

#include "../common/TestSupport.h"
#include "conversion/ConversionDiagnostics.h"
#include "conversion/FsCoding.h"
#include "conversion/RateConverter.h"

using namespace snn;

namespace {

AnnLayerSpec layer(std::string id, AnnLayerType type) {
  AnnLayerSpec l;
  l.id = std::move(id);
  l.type = type;
  return l;
}

// Dense 2 -> 3 with weights in eighths (sums of pixels in eighths are exact in float), relu.
AnnSpec oneLayer() {
  AnnSpec ann;
  ann.input = {1, 1, 2};
  AnnLayerSpec fc = layer("fc", AnnLayerType::Dense);
  fc.units = 3;
  fc.weight = {{3, 2}, {1.0f, 0.0f, 0.0f, 1.0f, 0.5f, -1.0f}};
  fc.bias = {{3}, {0.0f, 0.125f, 0.0f}};
  ann.layers = {layer("flat", AnnLayerType::Flatten), fc, layer("relu", AnnLayerType::Relu)};
  return ann;
}

Dataset samples() {
  Dataset d;
  d.height = 1;
  d.width = 2;
  d.classes = 3;
  d.images.resize(5, 2);
  d.images << 0.30f, 0.70f,  //
      0.90f, 0.20f,          //
      0.55f, 0.35f,          //
      0.05f, 0.95f,          //
      0.65f, 0.10f;
  d.labels = {0, 1, 2, 0, 1};
  return d;
}

// z_i of sample b before the relu, unnormalised.
double preActivation(const AnnSpec& ann, const Dataset& d, int b, int i) {
  const AnnLayerSpec& fc = ann.layers[1];
  return fc.bias.values[size_t(i)] + fc.weight.values[size_t(2 * i)] * d.images(b, 0) +
         fc.weight.values[size_t(2 * i + 1)] * d.images(b, 1);
}

}  // namespace

class TestConversionDiagnostics : public QObject {
  Q_OBJECT
 private slots:
  void rateIsClippedInputOverThreshold_data() {
    QTest::addColumn<bool>("percentile");
    QTest::addColumn<int>("timesteps");
    QTest::newRow("max, T=16") << false << 16;
    QTest::newRow("max, T=100") << false << 100;
    QTest::newRow("p50, T=37") << true << 37;
  }
  void rateIsClippedInputOverThreshold() {
    QFETCH(bool, percentile);
    QFETCH(int, timesteps);
    const AnnSpec ann = oneLayer();
    const Dataset data = samples();
    RateConversionOptions o{.norm = percentile ? LayerNorm::Percentile : LayerNorm::Max,
                            .percentile = 50.0,
                            .readout = OutputReadout::SpikeCount};
    const ConvertedSnn snn = convertToRate(ann, data, data.size(), o);
    const ConversionDiagnostics d =
        rateDiagnostics(snn, ann, data.images.data(), data.size(), timesteps);
    QCOMPARE(d.layers.size(), size_t(1));
    const LayerDiagnostics& l = d.layers[0];
    QCOMPARE(l.id, std::string("fc"));
    QCOMPARE(l.measure, std::string("rate"));
    QCOMPARE(l.annActivation.size(), size_t(15));  // 3 neurons x 5 samples, all kept
    const double lambda = l.lambda;
    QVERIFY(lambda > 0);
    int clipped = 0, silent = 0;
    for (int b = 0; b < 5; ++b)
      for (int i = 0; i < 3; ++i) {
        const size_t k = size_t(i * 5 + b);  // features x batch
        const double z = preActivation(ann, data, b, i) / lambda;
        SNN_COMPARE_NEAR(l.annActivation[k], std::max(0.0, z), 1e-6);
        const double tz = timesteps * z;
        const double count = z <= 0 ? 0.0 : z > 1 ? timesteps : std::ceil(tz) - 1.0;
        clipped += z > 1.001;
        silent += z <= 0;
        const double rate = l.snnValue[k];
        SNN_COMPARE_NEAR(rate, std::clamp(z, 0.0, 1.0), 1.0 / timesteps + 1e-6);
        // Exactly the closed-form count where T z is not within rounding of an integer.
        if (std::abs(tz - std::round(tz)) > 1e-4) SNN_COMPARE_NEAR(rate * timesteps, count, 1e-4);
      }
    QVERIFY(silent > 0);                // a negative current gives no spike
    QCOMPARE(clipped > 0, percentile);  // the 50th percentile leaves some z above 1
    QVERIFY(l.meanAbsError <= 1.0 / timesteps + 1e-6 || percentile);
  }

  void pointsAreSubsampledEvenly() {
    const AnnSpec ann = oneLayer();
    const Dataset data = samples();
    const ConvertedSnn snn = convertToRate(ann, data, data.size(), {.norm = LayerNorm::Max});
    const ConversionDiagnostics d = rateDiagnostics(snn, ann, data.images.data(), 5, 20, 4);
    QCOMPARE(d.layers[0].measure, std::string("membrane"));  // the output layer's membrane
    QCOMPARE(d.layers[0].annActivation.size(), size_t(4));   // every 4th of 15
    QCOMPARE(d.layers[0].snnValue.size(), size_t(4));
  }

  void fsHiddenLayerIsWithinTheQuantisationBound() {
    AnnSpec ann = oneLayer();
    AnnLayerSpec out = layer("out", AnnLayerType::Dense);
    out.units = 2;
    out.weight = {{2, 3}, {1, 0, 0, 0, 1, 0}};
    out.bias = {{2}, {0, 0}};
    ann.layers.push_back(out);
    const Dataset data = samples();
    const ConvertedSnn snn = convertToRate(ann, data, data.size(), {.norm = LayerNorm::Max});
    for (int k : {2, 3, 6}) {
      const ConversionDiagnostics d = fsDiagnostics(snn, ann, data.images.data(), 5, k);
      QCOMPARE(d.layers.size(), size_t(2));
      const LayerDiagnostics& hidden = d.layers[0];
      QCOMPARE(hidden.measure, std::string("fs"));
      const double step = fsReluQuantisationBound(k);
      for (size_t p = 0; p < hidden.snnValue.size(); ++p) {
        const double target = std::clamp(double(hidden.annActivation[p]), 0.0, 1.0 - step);
        const double error = target - hidden.snnValue[p];
        QVERIFY2(error >= -1e-6 && error < step + 1e-6,
                 qPrintable(QString("K %1: %2 vs %3").arg(k).arg(hidden.snnValue[p]).arg(target)));
      }
      QCOMPARE(d.layers[1].measure, std::string("membrane"));
    }
  }
};

QTEST_GUILESS_MAIN(TestConversionDiagnostics)
#include "tst_conversiondiagnostics.moc"
