#pragma once

#include <Eigen/Dense>

#include "model/DeviceParams.h"

namespace snn {

// Signed weights to device conductances and back. Differential: weight w of output k is
// (G+ - G-) / scale with G+ on column 2k and G- on column 2k + 1, the unused device of a pair at
// G_min: w >= 0 gives G+ = G_min + w scale, G- = G_min, w < 0 the mirror. Single-ended: one
// device per weight, G = G_min + w scale, and w must not be negative. scale (µS per weight unit)
// maps w_max onto the whole range G_max - G_min; larger weights clip at G_max when programmed.
class WeightMapping {
 public:
  WeightMapping(const DeviceParams& device, bool differential, double scale)
      : gMin_(device.gMin), differential_(differential), scale_(scale) {}

  // µS per weight unit: range / wMax, with wMax = max |w| when the spec gives 0 (and 1 when all
  // weights are 0).
  static double scaleFor(const DeviceParams& device, double wMax,
                         const Eigen::Ref<const Eigen::MatrixXd>& weights);

  double scale() const { return scale_; }
  bool differential() const { return differential_; }
  Eigen::Index deviceCols(Eigen::Index weightCols) const {
    return differential_ ? 2 * weightCols : weightCols;
  }

  // Target conductances (rows x device columns) of weights (rows x weight columns). Throws
  // std::invalid_argument for a negative weight when single-ended.
  Eigen::MatrixXd targets(const Eigen::Ref<const Eigen::MatrixXd>& weights) const;
  // The weights conductances (rows x device columns) represent.
  Eigen::MatrixXd weights(const Eigen::Ref<const Eigen::MatrixXd>& conductances) const;

 private:
  double gMin_;
  bool differential_;
  double scale_;
};

}  // namespace snn
