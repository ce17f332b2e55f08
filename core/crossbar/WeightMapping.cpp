#include "WeightMapping.h"

#include <stdexcept>
#include <string>

namespace snn {

double WeightMapping::scaleFor(const DeviceParams& device, double wMax,
                               const Eigen::Ref<const Eigen::MatrixXd>& weights) {
  double w = wMax;
  if (w <= 0.0) w = weights.size() > 0 ? weights.cwiseAbs().maxCoeff() : 0.0;
  if (w <= 0.0) w = 1.0;
  return device.range() / w;
}

Eigen::MatrixXd WeightMapping::targets(const Eigen::Ref<const Eigen::MatrixXd>& w) const {
  Eigen::MatrixXd g(w.rows(), deviceCols(w.cols()));
  for (Eigen::Index k = 0; k < w.cols(); ++k) {
    for (Eigen::Index i = 0; i < w.rows(); ++i) {
      const double x = w(i, k);
      if (differential_) {
        g(i, 2 * k) = gMin_ + (x > 0.0 ? x * scale_ : 0.0);
        g(i, 2 * k + 1) = gMin_ + (x < 0.0 ? -x * scale_ : 0.0);
      } else {
        if (x < 0.0)
          throw std::invalid_argument("weight at row " + std::to_string(i) + ", column " +
                                      std::to_string(k) + " is negative (" + std::to_string(x) +
                                      ") but the crossbar maps weights single-ended "
                                      "(mapping.differential = 0)");
        g(i, k) = gMin_ + x * scale_;
      }
    }
  }
  return g;
}

Eigen::MatrixXd WeightMapping::weights(const Eigen::Ref<const Eigen::MatrixXd>& g) const {
  const Eigen::Index cols = differential_ ? g.cols() / 2 : g.cols();
  Eigen::MatrixXd w(g.rows(), cols);
  for (Eigen::Index k = 0; k < cols; ++k) {
    if (differential_)
      w.col(k) = (g.col(2 * k) - g.col(2 * k + 1)) / scale_;
    else
      w.col(k) = (g.col(k).array() - gMin_) / scale_;
  }
  return w;
}

}  // namespace snn
