#include "CrossbarLayer.h"

namespace snn {

namespace {

const CrossbarSpec& fitting(const CrossbarSpec& spec, const DenseLifLayer& layer) {
  const int64_t cols = spec.mapping.differential ? 2 * layer.neurons() : layer.neurons();
  if (spec.rows != layer.inputs() || spec.cols != cols)
    throw SpecError(Diagnostic{ObjectKind::Crossbar, spec.id, "rows",
                               "is " + std::to_string(spec.rows) + " x " +
                                   std::to_string(spec.cols) + " but the layer needs " +
                                   std::to_string(layer.inputs()) + " x " + std::to_string(cols)});
  return spec;
}

CrossbarSpec inLayerUnits(CrossbarSpec spec, double modelPerProjectUnit) {
  spec.mapping.wMax *= modelPerProjectUnit;
  return spec;
}

}  // namespace

CrossbarLayer::CrossbarLayer(const CrossbarSpec& spec, uint64_t runSeed, const DenseLifLayer& layer,
                             double modelPerProjectUnit)
    : array_(inLayerUnits(fitting(spec, layer), modelPerProjectUnit), runSeed),
      volts_(Eigen::VectorXd::Zero(spec.rows)),
      currents_(Eigen::VectorXd::Zero(spec.cols)),
      outputs_(Eigen::VectorXd::Zero(spec.weightCols())) {
  if (!spec.hasConductances()) program(layer);
}

void CrossbarLayer::program(const DenseLifLayer& layer) {
  report_ = array_.programWeights(layer.weights().transpose().cast<double>());
}

void CrossbarLayer::attach(DenseLifLayer& layer) {
  const bool spikes = layer.inputKind() == DenseLifLayer::InputKind::DelayedSpikes;
  layer.setProduct([this, spikes](const float* input, int64_t columns, float* out) {
    product(input, columns, out, spikes);
  });
}

Eigen::MatrixXf CrossbarLayer::deviceWeights() const {
  return array_.weights().transpose().cast<float>();
}

void CrossbarLayer::product(const float* input, int64_t columns, float* out, bool spikes) {
  const Eigen::Index inputs = array_.rows(), neurons = array_.weightCols();
  const double vRead = array_.spec().array.vRead;
  for (int64_t c = 0; c < columns; ++c) {
    const float* x = input + c * inputs;
    float* y = out + c * neurons;
    if (spikes) {
      rows_.clear();
      for (Eigen::Index i = 0; i < inputs; ++i)
        if (x[i] > 0.5f) rows_.push_back(static_cast<int32_t>(i));
      if (rows_.empty()) {
        std::fill(y, y + neurons, 0.0f);
        continue;
      }
      array_.readSpikes(rows_, currents_);
    } else {
      for (Eigen::Index i = 0; i < inputs; ++i) volts_(i) = vRead * static_cast<double>(x[i]);
      array_.read(volts_, currents_);
    }
    array_.toWeightOutputs(currents_, outputs_);
    for (Eigen::Index j = 0; j < neurons; ++j) y[j] = static_cast<float>(outputs_(j));
  }
}

}  // namespace snn
