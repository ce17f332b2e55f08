// core/ann layers: forward and backward against PyTorch (tests/data/ann, written by
// scripts/make_ann_fixtures.py from torch.nn modules and autograd) and against central finite
// differences of the layer's own forward; QCFS against its closed form (Bu et al., ICLR 2022,
// eq. 14); batch-norm folding against batch normalisation computed in double; a whole small
// CNN's loss and gradients against PyTorch; results independent of the thread count.
#include <QTest>
#include <cmath>
#include <random>

#include "AnnFixtures.h"
#include "ann/AnnModel.h"
#include "ann/BatchNormFolding.h"
#include "ann/SmallGemm.h"
#include "ann/SoftmaxCrossEntropy.h"

using namespace snn;
using snn::test::floatsOf;
using snn::test::readJson;
using snn::test::tensorOf;

namespace {

const nlohmann::json& layerCases() {
  static const nlohmann::json cases = readJson("tests/data/ann/layers.json").at("cases");
  return cases;
}

const nlohmann::json& layerCase(const QString& name) {
  for (const nlohmann::json& c : layerCases())
    if (c.at("name").get<std::string>() == name.toStdString()) return c;
  qFatal("no fixture case %s", qPrintable(name));
}

// A network of the one layer of a fixture case, with its weights.
AnnSpec oneLayer(const nlohmann::json& c) {
  AnnSpec s;
  const auto shape = c.at("input_shape").get<std::vector<int>>();
  s.input = {shape[0], shape[1], shape[2]};
  AnnLayerSpec l = snn::test::layerOf(c.at("layer"));
  if (c.contains("weight")) l.weight = tensorOf(c.at("weight"));
  if (c.contains("bias")) l.bias = tensorOf(c.at("bias"));
  if (c.contains("threshold")) l.threshold = floatsOf(c.at("threshold").at("values")).front();
  s.layers = {l};
  return s;
}

// Every sample of a tensor one after another, in PyTorch's order.
std::vector<float> samples(const Tensor& t) {
  std::vector<float> out;
  for (int64_t b = 0; b < t.batch(); ++b) {
    const std::vector<float> s = t.sample(b);
    out.insert(out.end(), s.begin(), s.end());
  }
  return out;
}

std::vector<float> gradientOf(AnnModel& model, const std::string& name) {
  for (const ParameterRef& p : model.parameters())
    if (p.name == name) return {p.grad, p.grad + p.size};
  return {};
}

// sum(g * f(x)) in double: the scalar whose gradient backward() computes for upstream g.
double weightedOutput(AnnModel& model, const std::vector<float>& input, int64_t batch,
                      const std::vector<float>& g) {
  const std::vector<float> y = samples(model.forward(input.data(), batch));
  double sum = 0.0;
  for (size_t i = 0; i < y.size(); ++i) sum += double(g[i]) * y[i];
  return sum;
}

// Central difference of weightedOutput with respect to one float, step h.
double centralDifference(AnnModel& model, std::vector<float>& input, int64_t batch,
                         const std::vector<float>& g, float* value, float h) {
  const float keep = *value;
  *value = keep + h;
  const double up = weightedOutput(model, input, batch, g);
  *value = keep - h;
  const double down = weightedOutput(model, input, batch, g);
  *value = keep;
  return (up - down) / (2.0 * double(h));
}

}  // namespace

class TestAnnLayers : public QObject {
  Q_OBJECT
 private slots:
  void tensorLayoutRoundTrip();
  void smallGemmMatchesEigen();
  void matchesPyTorch_data();
  void matchesPyTorch();
  void matchesFiniteDifferences_data();
  void matchesFiniteDifferences();
  void qcfsClosedForm();
  void batchNormFoldingIsExact();
  void wholeModelMatchesPyTorch();
  void threadCountChangesNothing();
};

void TestAnnLayers::tensorLayoutRoundTrip() {
  // Sample-major input (PyTorch's order) in, channel-major storage, the same samples out.
  const AnnShape shape{3, 2, 4};
  std::vector<float> in(5 * 24);
  for (size_t i = 0; i < in.size(); ++i) in[i] = float(i);
  Tensor t;
  t.setSamples(in.data(), shape, 5);
  QCOMPARE(samples(t), in);
  // Channel c of sample b starts at (c * batch + b) * plane.
  QCOMPARE(t.at(3, 2, 1, 2), in[3 * 24 + 2 * 8 + 1 * 4 + 2]);
  QCOMPARE(t.plane(2, 3) - t.data(), std::ptrdiff_t((2 * 5 + 3) * 8));
  Tensor flat;
  flat.setSamples(in.data(), {24, 1, 1}, 5);
  QCOMPARE(flat.matrix()(7, 3), in[3 * 24 + 7]);  // features x batch
  QCOMPARE(samples(flat), in);
}

void TestAnnLayers::smallGemmMatchesEigen() {
  // The convolution's product kernel (AVX-512 when built for it) against Eigen, on shapes
  // around its panel (48 columns, 4 rows) and depth block (128) edges, with A read directly
  // and transposed, and nothing written past the columns asked for.
  using Matrix = Tensor::RowMatrix;
  std::srand(5);
  for (int rows : {1, 3, 4, 9, 32})
    for (int cols : {1, 17, 48, 49, 100})
      for (int depth : {0, 1, 25, 128, 300}) {
        const Matrix A = Matrix::Random(rows, depth), B = Matrix::Random(depth, cols + 3);
        const Eigen::VectorXf init = Eigen::VectorXf::Random(rows);
        Matrix C = Matrix::Constant(rows, cols + 5, 7.0f);
        smallGemm(rows, cols, depth, A.data(), depth, 1, B.data(), cols + 3, C.data(), cols + 5,
                  init.data());
        Matrix expected = A * B.leftCols(cols);
        expected.colwise() += init;
        QVERIFY((C.leftCols(cols) - expected).cwiseAbs().maxCoeff() <= 1e-4f);
        QVERIFY((C.rightCols(5).array() == 7.0f).all());
        const Matrix At = A.transpose();
        Matrix D(rows, cols);
        smallGemm(rows, cols, depth, At.data(), 1, rows, B.data(), cols + 3, D.data(), cols,
                  nullptr);
        QVERIFY((D - A * B.leftCols(cols)).cwiseAbs().maxCoeff() <= 1e-4f);
      }
}

void TestAnnLayers::matchesPyTorch_data() {
  QTest::addColumn<QString>("name");
  for (const nlohmann::json& c : layerCases()) {
    const std::string name = c.at("name").get<std::string>();
    QTest::newRow(name.c_str()) << QString::fromStdString(name);
  }
}

void TestAnnLayers::matchesPyTorch() {
  QFETCH(QString, name);
  const nlohmann::json& c = layerCase(name);
  AnnModel model(oneLayer(c));
  const int64_t batch = c.at("batch").get<int64_t>();
  const std::vector<float> input = floatsOf(c.at("input"));
  SNN_COMPARE_VECTORS(samples(model.forward(input.data(), batch)), floatsOf(c.at("output")), 1e-6,
                      1e-5);
  Tensor gradOut, gradIn;
  gradOut.setSamples(floatsOf(c.at("grad_output")).data(), model.outputShape(), batch);
  model.backward(gradOut, &gradIn);
  SNN_COMPARE_VECTORS(samples(gradIn), floatsOf(c.at("grad_input")), 1e-6, 1e-5);
  for (const char* p : {"weight", "bias", "threshold"}) {
    const std::string key = std::string("grad_") + p;
    QCOMPARE(gradientOf(model, p).empty(), !c.contains(key));
    if (c.contains(key))
      SNN_COMPARE_VECTORS(gradientOf(model, p), floatsOf(c.at(key).at("values")), 1e-5, 1e-4);
  }
}

void TestAnnLayers::matchesFiniteDifferences_data() {
  QTest::addColumn<QString>("name");
  // QCFS is a staircase: its training gradient is the straight-through estimate by design, not
  // the derivative (zero almost everywhere); it is checked against PyTorch and its closed form.
  for (const nlohmann::json& c : layerCases()) {
    const std::string name = c.at("name").get<std::string>();
    if (name.rfind("qcfs", 0) != 0) QTest::newRow(name.c_str()) << QString::fromStdString(name);
  }
}

void TestAnnLayers::matchesFiniteDifferences() {
  QFETCH(QString, name);
  const nlohmann::json& c = layerCase(name);
  AnnModel model(oneLayer(c));
  const int64_t batch = c.at("batch").get<int64_t>();
  std::vector<float> input = floatsOf(c.at("input"));
  const std::vector<float> g = floatsOf(c.at("grad_output"));
  model.forward(input.data(), batch);
  Tensor gradOut, gradIn;
  gradOut.setSamples(g.data(), model.outputShape(), batch);
  model.backward(gradOut, &gradIn);
  const std::vector<float> analytic = samples(gradIn);
  // Inputs stay at least 0.05 from ReLU's kink; h = 1e-3 crosses no kink or max-pool winner.
  const float h = 1e-3f;
  std::vector<float> numeric;
  for (float& x : input) numeric.push_back(float(centralDifference(model, input, batch, g, &x, h)));
  SNN_COMPARE_VECTORS(numeric, analytic, 2e-3, 1e-2);
  for (const ParameterRef& p : model.parameters()) {
    const std::vector<float> grad(p.grad, p.grad + p.size);
    std::vector<float> fd;
    for (int64_t i = 0; i < p.size; ++i)
      fd.push_back(float(centralDifference(model, input, batch, g, p.value + i, h)));
    SNN_COMPARE_VECTORS(fd, grad, 2e-3, 1e-2);
  }
}

void TestAnnLayers::qcfsClosedForm() {
  // h(x) = lambda / L * clip(floor(x L / lambda + 1/2), 0, L), evaluated in double away from
  // the steps' edges (x L / lambda + 1/2 within 1e-3 of a whole number is skipped).
  for (const auto& [levels, lambda] :
       {std::pair{4, 2.0f}, std::pair{8, 1.25f}, std::pair{2, 6.0f}}) {
    AnnSpec s;
    s.input = {1000, 1, 1};
    AnnLayerSpec q;
    q.id = "q";
    q.type = AnnLayerType::Qcfs;
    q.levels = levels;
    q.threshold = lambda;
    s.layers = {q};
    AnnModel model(s);
    std::vector<float> x(1000);
    for (size_t i = 0; i < x.size(); ++i)
      x[i] = -0.5f * lambda + 2.0f * lambda * float(i) / 1000.0f;
    const std::vector<float> y = samples(model.forward(x.data(), 1));
    int checked = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      const double v = double(x[i]) * levels / lambda + 0.5;
      if (std::abs(v - std::round(v)) < 1e-3) continue;
      const double expected =
          lambda / double(levels) * std::clamp(std::floor(v), 0.0, double(levels));
      SNN_COMPARE_NEAR(y[i], expected, 1e-6 * lambda);
      ++checked;
    }
    QVERIFY(checked > 990);
    // At most L + 1 distinct outputs, from 0 to lambda.
    std::vector<float> distinct = y;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    QCOMPARE(distinct.size(), size_t(levels + 1));
    QCOMPARE(distinct.front(), 0.0f);
    QCOMPARE(distinct.back(), lambda);
  }
}

void TestAnnLayers::batchNormFoldingIsExact() {
  // conv (2 -> 3 channels, 3x3, pad 1) followed by batch norm, computed in double straight from
  // the definitions, against the one folded conv layer in float.
  std::mt19937_64 rng(11);
  std::normal_distribution<float> normal;
  std::uniform_real_distribution<float> uniform(0.5f, 2.0f);
  AnnSpec s;
  s.input = {2, 5, 4};
  AnnLayerSpec conv;
  conv.id = "conv";
  conv.type = AnnLayerType::Conv2d;
  conv.outChannels = 3;
  conv.kernelH = conv.kernelW = 3;
  conv.padTop = conv.padLeft = conv.padBottom = conv.padRight = 1;
  conv.weight.shape = {3, 2, 3, 3};
  for (int i = 0; i < 54; ++i) conv.weight.values.push_back(normal(rng));
  conv.bias = {{3}, {0.1f, -0.2f, 0.3f}};
  BatchNormParams bn;
  for (int o = 0; o < 3; ++o) {
    bn.scale.push_back(uniform(rng));
    bn.shift.push_back(normal(rng));
    bn.mean.push_back(normal(rng));
    bn.variance.push_back(uniform(rng));
  }
  bn.epsilon = 1e-3;
  const AnnLayerSpec original = conv;
  foldBatchNorm(conv, bn);
  s.layers = {conv};
  AnnModel model(s);
  std::vector<float> x(2 * 40);
  for (float& v : x) v = normal(rng);
  const std::vector<float> y = samples(model.forward(x.data(), 1));
  for (int o = 0; o < 3; ++o)
    for (int r = 0; r < 5; ++r)
      for (int col = 0; col < 4; ++col) {
        double z = original.bias.values[size_t(o)];
        for (int c = 0; c < 2; ++c)
          for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j) {
              const int rr = r + i - 1, cc = col + j - 1;
              if (rr < 0 || rr >= 5 || cc < 0 || cc >= 4) continue;
              z += double(original.weight.values[size_t(((o * 2 + c) * 3 + i) * 3 + j)]) *
                   x[size_t((c * 5 + rr) * 4 + cc)];
            }
        const double expected = bn.scale[size_t(o)] * (z - bn.mean[size_t(o)]) /
                                    std::sqrt(double(bn.variance[size_t(o)]) + bn.epsilon) +
                                bn.shift[size_t(o)];
        SNN_COMPARE_NEAR(y[size_t((o * 5 + r) * 4 + col)], expected,
                         2e-6 * (1 + std::abs(expected)));
      }
  // The identity normalisation leaves a layer without bias unchanged but for a zero bias.
  AnnLayerSpec dense;
  dense.id = "fc";
  dense.type = AnnLayerType::Dense;
  dense.units = 2;
  dense.weight = {{2, 3}, {1, 2, 3, 4, 5, 6}};
  foldBatchNorm(dense, {{1, 1}, {0, 0}, {0, 0}, {1, 1}, 0.0});
  QCOMPARE(dense.weight.values, (std::vector<float>{1, 2, 3, 4, 5, 6}));
  QCOMPARE(dense.bias.values, (std::vector<float>{0, 0}));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, foldBatchNorm(dense, {{1}, {0}, {0}, {1}, 1e-5}));
}

void TestAnnLayers::wholeModelMatchesPyTorch() {
  // conv-relu-avgpool-conv-silu-flatten-dense, cross-entropy on a batch of 4 (model.json).
  const nlohmann::json m = readJson("tests/data/ann/model.json");
  AnnSpec s;
  s.input = {1, 8, 8};
  for (const nlohmann::json& l : m.at("layers")) {
    AnnLayerSpec layer = snn::test::layerOf(l);
    if (m.at("weights").contains(layer.id)) {
      layer.weight = tensorOf(m.at("weights").at(layer.id).at("weight"));
      layer.bias = tensorOf(m.at("weights").at(layer.id).at("bias"));
    }
    s.layers.push_back(layer);
  }
  AnnModel model(s);
  const std::vector<float> x = floatsOf(m.at("batches").at(0));
  const auto labels = m.at("labels").at(0).get<std::vector<uint8_t>>();
  const Tensor& logits = model.forward(x.data(), 4);
  SNN_COMPARE_VECTORS(samples(logits), floatsOf(m.at("logits")), 1e-6, 1e-5);
  Tensor grad;
  const double loss = softmaxCrossEntropy(logits, labels.data(), grad);
  SNN_COMPARE_NEAR(loss, m.at("loss").get<double>(), 1e-6);
  model.backward(grad);
  std::vector<ParameterRef> params = model.parameters();
  QCOMPARE(params.size(), size_t(6));
  size_t k = 0;
  for (const char* id : {"conv1", "conv2", "fc"})
    for (const char* p : {"weight", "bias"}) {
      const std::vector<float> got(params[k].grad, params[k].grad + params[k].size);
      SNN_COMPARE_VECTORS(got, floatsOf(m.at("grads").at(id).at(p)), 1e-6, 1e-4);
      ++k;
    }
}

void TestAnnLayers::threadCountChangesNothing() {
  // Big enough for every layer to cut its work into several blocks.
  AnnSpec s;
  s.input = {3, 20, 20};
  auto add = [&](AnnLayerType type, const char* id) -> AnnLayerSpec& {
    AnnLayerSpec l;
    l.id = id;
    l.type = type;
    for (const ParamInfo& p : annLayerParams(type)) setAnnLayerParam(l, p.name, p.defaultValue);
    s.layers.push_back(l);
    return s.layers.back();
  };
  add(AnnLayerType::Conv2d, "c1").padTop = 1;
  add(AnnLayerType::Qcfs, "q1");
  add(AnnLayerType::MaxPool2d, "p1");
  add(AnnLayerType::Conv2d, "c2").outChannels = 24;
  add(AnnLayerType::Silu, "s2");
  add(AnnLayerType::AvgPool2d, "p2");
  add(AnnLayerType::Flatten, "f");
  add(AnnLayerType::Dense, "d1").units = 300;
  add(AnnLayerType::Sigmoid, "s3");
  add(AnnLayerType::Dense, "d2").units = 10;
  const int64_t batch = 67;
  std::vector<float> x(size_t(batch * 1200));
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  for (float& v : x) v = u(rng);
  std::vector<uint8_t> labels(static_cast<size_t>(batch));
  for (uint8_t& l : labels) l = uint8_t(rng() % 10);
  std::vector<std::vector<float>> results[2];
  for (int threads : {1, 2}) {
    AnnModel model(s, 9);
    model.setThreads(threads);
    Tensor grad, gradIn;
    softmaxCrossEntropy(model.forward(x.data(), batch), labels.data(), grad);
    model.backward(grad, &gradIn);
    auto& r = results[threads - 1];
    r.push_back(samples(model.layerOutput(model.layerCount() - 1)));
    r.push_back(samples(gradIn));
    for (const ParameterRef& p : model.parameters()) r.emplace_back(p.grad, p.grad + p.size);
  }
  QCOMPARE(results[0].size(), results[1].size());
  for (size_t i = 0; i < results[0].size(); ++i)
    QVERIFY2(results[0][i] == results[1][i], qPrintable(QString("result %1 differs").arg(i)));
}

QTEST_GUILESS_MAIN(TestAnnLayers)
#include "tst_annlayers.moc"
