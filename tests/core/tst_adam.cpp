// AdamOptimizer against the closed form of Adam's first two updates (Kingma & Ba 2015,
// Algorithm 1, with PyTorch's placement of epsilon outside the bias-corrected square root).
#include <QTest>
#include <cmath>

#include "TestSupport.h"
#include "learning/AdamOptimizer.h"

using namespace snn;

class TestAdam : public QObject {
  Q_OBJECT
 private slots:
  void firstStepMovesByLearningRate();
  void secondStepClosedForm();
  void zeroGradientLeavesParameter();
};

void TestAdam::firstStepMovesByLearningRate() {
  // After one update m_hat = g and v_hat = g^2, so p1 = p0 - lr g / (|g| + eps): a step of
  // almost exactly lr against the gradient's sign, whatever the gradient's size.
  std::vector<float> p{0.5f, -1.0f, 2.0f, 0.0f}, g{0.3f, -2e-3f, 40.0f, -1e-6f};
  const std::vector<float> p0 = p;
  AdamOptimizer::Settings s{.learningRate = 1e-2, .beta1 = 0.9, .beta2 = 0.999, .epsilon = 1e-8};
  AdamOptimizer adam({{p.data(), g.data(), 4}}, s);
  adam.step(1);
  for (size_t i = 0; i < p.size(); ++i) {
    const double expected = p0[i] - s.learningRate * g[i] / (std::abs(double(g[i])) + s.epsilon);
    SNN_COMPARE_NEAR(p[i], expected, 1e-6);
  }
  QCOMPARE(adam.updates(), int64_t(1));
}

void TestAdam::secondStepClosedForm() {
  const double lr = 5e-4, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  std::vector<float> p{1.0f, -0.25f}, g{0.2f, -0.7f};
  AdamOptimizer adam({{p.data(), g.data(), 2}}, {lr, b1, b2, eps});
  const double g1[] = {0.2, -0.7}, g2[] = {-0.05, -0.9};
  double expected[] = {1.0, -0.25};
  for (int i = 0; i < 2; ++i) expected[i] -= lr * g1[i] / (std::abs(g1[i]) + eps);
  adam.step(2);
  g = {-0.05f, -0.9f};
  adam.step(2);
  for (int i = 0; i < 2; ++i) {
    const double m = b1 * (1 - b1) * g1[i] + (1 - b1) * g2[i];
    const double v = b2 * (1 - b2) * g1[i] * g1[i] + (1 - b2) * g2[i] * g2[i];
    expected[i] -= lr / (1 - b1 * b1) * m / (std::sqrt(v) / std::sqrt(1 - b2 * b2) + eps);
    SNN_COMPARE_NEAR(p[size_t(i)], expected[i], 1e-6);
  }
}

void TestAdam::zeroGradientLeavesParameter() {
  std::vector<float> p(40000, 0.75f), g(40000, 0.0f);  // several blocks
  AdamOptimizer adam({{p.data(), g.data(), 40000}}, {});
  adam.step(2);
  for (float v : p) QCOMPARE(v, 0.75f);
}

QTEST_GUILESS_MAIN(TestAdam)
#include "tst_adam.moc"
