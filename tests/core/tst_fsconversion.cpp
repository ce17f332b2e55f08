// Few-spike coding (Stöckl & Maass 2021): the closed-form ReLU code's error against its
// quantisation bound alpha 2^-K, computed independently by brute force over a fine grid.
#include <QTest>
#include <cmath>

#include "../common/TestSupport.h"
#include "conversion/FsCoding.h"

using namespace snn;

class TestFsConversion : public QObject {
  Q_OBJECT
 private slots:
  void reluErrorEqualsQuantisationBound_data() {
    QTest::addColumn<int>("steps");
    QTest::addColumn<float>("alpha");
    QTest::newRow("K=4") << 4 << 1.0f;
    QTest::newRow("K=6 alpha 2.5") << 6 << 2.5f;
    QTest::newRow("K=8") << 8 << 1.0f;
  }
  void reluErrorEqualsQuantisationBound() {
    QFETCH(int, steps);
    QFETCH(float, alpha);
    const FsCoefficients c = fsReluCoefficients(steps, alpha);
    const double bound = fsReluQuantisationBound(steps, alpha);
    QCOMPARE(bound, alpha / std::pow(2.0, steps));
    const double top = alpha * (1.0 - std::pow(2.0, -steps));  // largest output
    double worst = 0.0;
    int maxSpikes = 0;
    const int grid = 200000;
    for (int i = 0; i <= grid; ++i) {
      const double x = top * i / grid + bound * 0.999 * i / grid;  // up to just below top + step
      int spikes = 0;
      const float y = fsNeuronOutput(c, static_cast<float>(x), &spikes);
      QVERIFY(y <= x + 1e-6);  // rounds down
      worst = std::max(worst, x - y);
      maxSpikes = std::max(maxSpikes, spikes);
    }
    QVERIFY2(worst < bound, qPrintable(QString("worst %1 bound %2").arg(worst).arg(bound)));
    QVERIFY2(worst > 0.99 * bound, qPrintable(QString("worst %1 bound %2").arg(worst).arg(bound)));
    QCOMPARE(maxSpikes, steps);
    // Negative inputs: no spike, output 0 (ReLU).
    int spikes = 0;
    QCOMPARE(fsNeuronOutput(c, -0.3f, &spikes), 0.0f);
    QCOMPARE(spikes, 0);
    // Above the range the output saturates at the top.
    SNN_COMPARE_NEAR(fsNeuronOutput(c, 10.0f * alpha), top, 1e-6);
  }
};

QTEST_APPLESS_MAIN(TestFsConversion)
#include "tst_fsconversion.moc"
