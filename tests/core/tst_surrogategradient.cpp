// Backpropagation through time of the surrogate-gradient layers, checked two ways:
//
// 1. Against finite differences. The spike is a step, so the true derivative is zero almost
//    everywhere and finite differences of the real network say nothing about the surrogate.
//    Instead the forward pass emits surrogate.integral(u - 1), a smooth step whose derivative is
//    exactly the surrogate (BpttOptions::smoothForward); with the gradient also taken through
//    the reset, backward() must then be the exact gradient of that smooth network, and central
//    differences check it for every weight and bias, every surrogate, reset and loss.
// 2. Against an independent implementation: plain per-step loops written from the equations in
//    DenseLifLayer.h (in double), on the real spiking network with the reset detached, the
//    setting training uses. This checks the GEMM layout, the one-step delay between layers and
//    the constant-input shortcut of the optimised code.
#include <QTest>
#include <cmath>
#include <random>

#include "TestSupport.h"
#include "learning/SurrogateNetwork.h"

using namespace snn;

namespace {

constexpr int64_t kInputs = 5, kHidden = 4, kClasses = 3, kSteps = 6, kBatch = 3;

SurrogateNetwork makeNetwork(SurrogateKind kind, float slope, bool subtract, LossKind loss,
                             bool smooth, bool detach, int threads = 1) {
  LifDynamics d;
  d.beta = 0.9f;
  d.subtractReset = subtract;
  d.resetValue = subtract ? 0.0f : 0.2f;  // a non-zero reset value exercises its gradient
  d.resetAmount = subtract ? 1.0f : 0.8f;
  std::vector<DenseLifLayer> layers;
  layers.emplace_back(kInputs, kHidden, DenseLifLayer::InputKind::ConstantCurrent, d);
  layers.emplace_back(kHidden, kClasses, DenseLifLayer::InputKind::DelayedSpikes, d);
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> w1(-0.2f, 0.5f), w2(-0.8f, 1.2f), b(-0.1f, 0.2f);
  for (int64_t e = 0; e < layers[0].weights().size(); ++e) layers[0].weights().data()[e] = w1(rng);
  for (int64_t e = 0; e < layers[1].weights().size(); ++e) layers[1].weights().data()[e] = w2(rng);
  for (auto& l : layers)
    for (int64_t i = 0; i < l.neurons(); ++i) l.bias()[i] = b(rng);
  BpttOptions o;
  o.surrogate = {kind, slope};
  o.smoothForward = smooth;
  o.detachReset = detach;
  o.threads = threads;
  SurrogateNetwork net(std::move(layers), kSteps, o, ClassificationLoss{loss}, true);
  net.reserve(kBatch);
  return net;
}

struct Batch {
  std::vector<float> x;
  std::vector<uint8_t> labels{0, 2, 1};
  Batch() {
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> px(0.0f, 1.0f);
    for (int64_t e = 0; e < kInputs * kBatch; ++e) x.push_back(px(rng));
  }
};

double lossOf(SurrogateNetwork& net, const Batch& batch) {
  net.forward(batch.x.data(), kBatch);
  return net.backward(batch.labels.data());
}

// Every weight and bias: analytic gradient and central difference.
struct Comparison {
  std::vector<double> analytic, numeric;
};

Comparison compare(SurrogateNetwork& net, const Batch& batch, float eps) {
  lossOf(net, batch);
  Comparison c;
  std::vector<float*> values;
  for (DenseLifLayer& l : net.layers()) {
    for (int64_t e = 0; e < l.weights().size(); ++e) {
      c.analytic.push_back(l.weightGrad().data()[e]);
      values.push_back(l.weights().data() + e);
    }
    for (int64_t i = 0; i < l.neurons(); ++i) {
      c.analytic.push_back(l.biasGrad()[i]);
      values.push_back(l.bias().data() + i);
    }
  }
  for (float* v : values) {
    const float keep = *v;
    *v = keep + eps;
    const double up = lossOf(net, batch);
    *v = keep - eps;
    const double down = lossOf(net, batch);
    *v = keep;
    c.numeric.push_back((up - down) / (2.0 * static_cast<double>(eps)));
  }
  return c;
}

// Largest |analytic - numeric| relative to the largest gradient component.
double worstError(const Comparison& c) {
  double scale = 0.0, worst = 0.0;
  for (double n : c.numeric) scale = std::max(scale, std::abs(n));
  for (size_t k = 0; k < c.numeric.size(); ++k)
    worst = std::max(worst, std::abs(c.analytic[k] - c.numeric[k]));
  return worst / scale;
}

}  // namespace

class TestSurrogateGradient : public QObject {
  Q_OBJECT
 private slots:
  void finiteDifferences_data();
  void finiteDifferences();
  void detachedResetIsNotTheFullGradient();
  void matchesReferenceImplementation_data();
  void matchesReferenceImplementation();
};

void TestSurrogateGradient::finiteDifferences_data() {
  QTest::addColumn<int>("kind");
  QTest::addColumn<float>("slope");
  QTest::addColumn<bool>("subtract");
  QTest::addColumn<int>("loss");
  const std::pair<SurrogateKind, float> shapes[] = {{SurrogateKind::FastSigmoid, 2.0f},
                                                    {SurrogateKind::Arctan, 1.0f},
                                                    {SurrogateKind::Triangle, 0.5f}};
  const char* shapeNames[] = {"fast_sigmoid", "arctan", "triangle"};
  for (int s = 0; s < 3; ++s)
    for (bool subtract : {true, false})
      for (int loss = 0; loss < 3; ++loss)
        QTest::newRow(
            qPrintable(QString("%1/%2/%3")
                           .arg(shapeNames[s], subtract ? "subtract" : "value",
                                QString::fromStdString(ClassificationLoss::names()[size_t(loss)]))))
            << static_cast<int>(shapes[s].first) << shapes[s].second << subtract << loss;
}

void TestSurrogateGradient::finiteDifferences() {
  QFETCH(int, kind);
  QFETCH(float, slope);
  QFETCH(bool, subtract);
  QFETCH(int, loss);
  SurrogateNetwork net = makeNetwork(static_cast<SurrogateKind>(kind), slope, subtract,
                                     static_cast<LossKind>(loss), true, false);
  const Comparison c = compare(net, Batch{}, 1e-3f);
  const double error = worstError(c);
  // Float central differences: rounding ~1e-7 L / eps plus truncation ~eps^2 (~eps where a
  // membrane sits within eps of the fast sigmoid's kink at threshold); a wrong term in
  // the backward pass gives errors of order one.
  QVERIFY2(error < 2e-3,
           qPrintable(QString("worst gradient error %1 of the largest component").arg(error)));
}

void TestSurrogateGradient::detachedResetIsNotTheFullGradient() {
  // The check above can fail: the same comparison with the reset detached (dropping one term of
  // the exact gradient) must be visibly off.
  SurrogateNetwork net =
      makeNetwork(SurrogateKind::FastSigmoid, 2.0f, true, LossKind::MembranePerStep, true, true);
  const double error = worstError(compare(net, Batch{}, 1e-3f));
  QVERIFY2(error > 2e-2, qPrintable(QString("detached reset error only %1").arg(error)));
}

namespace {

// Two-layer spiking network, forward and BPTT in plain loops and double precision, from the
// equations in DenseLifLayer.h with the reset detached and the MembranePerStep loss.
struct Reference {
  std::vector<double> gradW1, gradB1, gradW2, gradB2;
  double loss = 0.0;
};

Reference referenceGradient(const SurrogateNetwork& net, const Batch& batch) {
  const DenseLifLayer& l1 = net.layers()[0];
  const DenseLifLayer& l2 = net.layers()[1];
  const LifDynamics d = l1.dynamics();
  const double beta = d.beta, amount = d.resetAmount, value = d.resetValue;
  const int64_t H = kHidden, C = kClasses, T = kSteps, B = kBatch, M = kInputs;
  auto W1 = [&](int64_t i, int64_t j) { return double(l1.weights()(i, j)); };
  auto W2 = [&](int64_t i, int64_t j) { return double(l2.weights()(i, j)); };
  // Forward: U1, S1, U2, S2 indexed [t][b][i].
  std::vector U1(T, std::vector(B, std::vector<double>(H))), S1 = U1;
  std::vector U2(T, std::vector(B, std::vector<double>(C))), S2 = U2;
  for (int64_t b = 0; b < B; ++b) {
    std::vector<double> u1(H, 0.0), u2(C, 0.0);
    for (int64_t t = 0; t < T; ++t) {
      for (int64_t i = 0; i < H; ++i) {
        double in = l1.bias()[i];
        for (int64_t j = 0; j < M; ++j) in += W1(i, j) * batch.x[size_t(b * M + j)];
        const double m = beta * u1[size_t(i)] + in;
        const double s = m > 1.0 ? 1.0 : 0.0;
        U1[t][b][i] = m;
        S1[t][b][i] = s;
        u1[size_t(i)] = d.subtractReset ? m - amount * s : (s ? value : m);
      }
      for (int64_t i = 0; i < C; ++i) {
        double in = l2.bias()[i];
        if (t > 0)
          for (int64_t j = 0; j < H; ++j) in += W2(i, j) * S1[t - 1][b][j];
        const double m = beta * u2[size_t(i)] + in;
        const double s = m > 1.0 ? 1.0 : 0.0;
        U2[t][b][i] = m;
        S2[t][b][i] = s;
        u2[size_t(i)] = d.subtractReset ? m - amount * s : (s ? value : m);
      }
    }
  }
  Reference r;
  r.gradW1.assign(size_t(H * M), 0.0);
  r.gradB1.assign(size_t(H), 0.0);
  r.gradW2.assign(size_t(C * H), 0.0);
  r.gradB2.assign(size_t(C), 0.0);
  // The reference uses the fast sigmoid of slope 25 (what makeNetwork is given below).
  auto sg = [](double m) { return 1.0 / std::pow(25.0 * std::abs(m - 1.0) + 1.0, 2.0); };
  for (int64_t b = 0; b < B; ++b) {
    // Output layer: dL/dU2 from the loss, then back through time.
    std::vector<double> next2(C, 0.0), next1(H, 0.0);
    std::vector dI2(T, std::vector<double>(C, 0.0));
    for (int64_t t = T - 1; t >= 0; --t) {
      double top = -1e300, sum = 0.0;
      for (int64_t i = 0; i < C; ++i) top = std::max(top, U2[t][b][i]);
      for (int64_t i = 0; i < C; ++i) sum += std::exp(U2[t][b][i] - top);
      r.loss += (std::log(sum) - (U2[t][b][batch.labels[size_t(b)]] - top)) / double(B);
      for (int64_t i = 0; i < C; ++i) {
        const double p = std::exp(U2[t][b][i] - top) / sum;
        const double direct = (p - (i == batch.labels[size_t(b)])) / double(B);
        const double keep = d.subtractReset ? 1.0 : 1.0 - S2[t][b][i];
        const double g = direct + beta * keep * next2[size_t(i)];
        next2[size_t(i)] = g;
        dI2[size_t(t)][size_t(i)] = g;
      }
    }
    for (int64_t t = T - 1; t >= 0; --t) {
      for (int64_t i = 0; i < C; ++i) {
        r.gradB2[size_t(i)] += dI2[size_t(t)][size_t(i)];
        if (t > 0)
          for (int64_t j = 0; j < H; ++j)
            r.gradW2[size_t(j * C + i)] += dI2[size_t(t)][size_t(i)] * S1[t - 1][b][j];
      }
      for (int64_t j = 0; j < H; ++j) {
        double gs = 0.0;  // S1[t] reaches the output at t + 1
        if (t + 1 < T)
          for (int64_t i = 0; i < C; ++i) gs += W2(i, j) * dI2[size_t(t + 1)][size_t(i)];
        const double keep = d.subtractReset ? 1.0 : 1.0 - S1[t][b][j];
        const double g = sg(U1[t][b][j]) * gs + beta * keep * next1[size_t(j)];
        next1[size_t(j)] = g;
        r.gradB1[size_t(j)] += g;
        for (int64_t k = 0; k < M; ++k)
          r.gradW1[size_t(k * H + j)] += g * batch.x[size_t(b * M + k)];
      }
    }
  }
  return r;
}

}  // namespace

void TestSurrogateGradient::matchesReferenceImplementation_data() {
  QTest::addColumn<bool>("subtract");
  QTest::addColumn<int>("threads");
  QTest::addColumn<bool>("narrow");
  QTest::newRow("subtract, 1 thread") << true << 1 << true;
  QTest::newRow("subtract, 2 threads") << true << 2 << true;
  QTest::newRow("value, 2 threads") << false << 2 << true;
  QTest::newRow("subtract, GEMM path") << true << 2 << false;
}

void TestSurrogateGradient::matchesReferenceImplementation() {
  QFETCH(bool, subtract);
  QFETCH(int, threads);
  QFETCH(bool, narrow);
  SurrogateNetwork net = makeNetwork(SurrogateKind::FastSigmoid, 25.0f, subtract,
                                     LossKind::MembranePerStep, false, true, threads);
  net.layers()[1].setNarrowKernels(narrow);
  // Larger weights than in the smooth test so that both layers spike.
  for (DenseLifLayer& l : net.layers()) l.weights() *= 3.0f;
  const Batch batch;
  const double loss = lossOf(net, batch);
  const Reference ref = referenceGradient(net, batch);
  const DenseLifLayer& l1 = net.layers()[0];
  const DenseLifLayer& l2 = net.layers()[1];
  QVERIFY2(l1.spikes().sum() > 0 && l2.spikes().sum() > 0,
           "both layers must spike for the check to mean something");
  SNN_COMPARE_NEAR(loss, ref.loss, 1e-4 * std::abs(ref.loss));
  auto check = [](const float* got, const std::vector<double>& want, const char* what) {
    double scale = 0.0;
    for (double w : want) scale = std::max(scale, std::abs(w));
    QVERIFY2(scale > 0.0, what);
    for (size_t k = 0; k < want.size(); ++k)
      if (!(std::abs(got[k] - want[k]) <= 1e-4 * scale))
        QFAIL(qPrintable(
            QString("%1[%2] = %3, reference %4").arg(what).arg(k).arg(got[k]).arg(want[k])));
  };
  check(l1.weightGrad().data(), ref.gradW1, "hidden weight gradient");
  check(l1.biasGrad().data(), ref.gradB1, "hidden bias gradient");
  check(l2.weightGrad().data(), ref.gradW2, "output weight gradient");
  check(l2.biasGrad().data(), ref.gradB2, "output bias gradient");
}

QTEST_GUILESS_MAIN(TestSurrogateGradient)
#include "tst_surrogategradient.moc"
