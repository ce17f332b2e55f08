#include "CrossbarTile.h"

#include <cmath>

namespace snn {

CrossbarTile::CrossbarTile(Eigen::Index row0, Eigen::Index rows, Eigen::Index col0,
                           Eigen::Index cols)
    : row0_(row0),
      rows_(rows),
      col0_(col0),
      cols_(cols),
      effective_(Eigen::MatrixXd::Zero(cols, rows)),
      attenuation_(Eigen::MatrixXd::Ones(cols, rows)),
      columnDrop_(Eigen::VectorXd::Zero(rows)),
      noiseVar_(Eigen::MatrixXd::Zero(cols, rows)),
      noiseSquare_(Eigen::MatrixXd::Zero(cols, rows)),
      noiseCross_(Eigen::MatrixXd::Zero(cols, rows)),
      noiseConstant_(Eigen::VectorXd::Zero(cols)),
      variance_(cols),
      squares_(rows),
      cross_(cols),
      draws_(cols) {}

void CrossbarTile::fold(const Eigen::MatrixXd& gRead, const Eigen::MatrixXd& sigma,
                        const WireResistances& r) {
  const auto g = gRead.block(row0_, col0_, rows_, cols_);
  effective_ = IrDropSolver::fold(g, r);
  for (Eigen::Index k = 0; k < rows_; ++k)
    for (Eigen::Index j = 0; j < cols_; ++j)
      attenuation_(j, k) = g(k, j) > 0.0 ? effective_(j, k) / g(k, j) : 1.0;
  // beta_k: resistance from cell k's column node to the virtual ground for a column current
  // gathered evenly along the column (the segment below node m carries (m + 1) / R of it).
  const double out = r.wire > 0.0 ? r.wire + r.sense : r.sense;
  double below = out;
  for (Eigen::Index k = rows_ - 1; k >= 0; --k) {
    columnDrop_(k) = 1e-6 * below;  // Ω -> MΩ, V per µA
    if (k > 0) below += r.wire * static_cast<double>(k) / static_cast<double>(rows_);
  }
  setNoise(sigma);
}

void CrossbarTile::setCellNoise(Eigen::Index j, Eigen::Index k, double sigma) {
  const double s = sigma * sigma;
  const double beta = columnDrop_(k);
  const double alpha = attenuation_(j, k) + beta * effective_(j, k);
  noiseConstant_(j) += (s - noiseVar_(j, k)) * beta * beta;
  noiseVar_(j, k) = s;
  noiseSquare_(j, k) = s * alpha * alpha;
  noiseCross_(j, k) = s * alpha * beta;
  if (s > 0.0) noisy_ = true;
}

void CrossbarTile::setNoise(const Eigen::MatrixXd& sigma) {
  noisy_ = false;
  noiseConstant_.setZero();
  noiseVar_.setZero();
  for (Eigen::Index k = 0; k < rows_; ++k)
    for (Eigen::Index j = 0; j < cols_; ++j) setCellNoise(j, k, sigma(row0_ + k, col0_ + j));
}

void CrossbarTile::updateCell(Eigen::Index r, Eigen::Index c, double gRead, double sigma) {
  const Eigen::Index k = r - row0_, j = c - col0_;
  effective_(j, k) = attenuation_(j, k) * gRead;
  setCellNoise(j, k, sigma);
}

void CrossbarTile::addNoise(Eigen::Ref<Eigen::VectorXd> out, NormalBatch& noise) {
  // variance_ holds sum_k s alpha^2 v_k^2 and cross_ sum_k s alpha beta v_k for this read. The
  // draws first (one per column, in column order), then the arithmetic over whole vectors.
  noise.fill(draws_.data(), cols_);
  const auto i = out.array();
  const auto var =
      variance_.array() - 2.0 * i * cross_.array() + i.square() * noiseConstant_.array();
  out.array() += var.max(0.0).sqrt() * draws_.array();
}

void CrossbarTile::read(const Eigen::Ref<const Eigen::VectorXd>& v, Eigen::Ref<Eigen::VectorXd> out,
                        NormalBatch* noise) {
  out.noalias() = effective_ * v;
  if (!noise || !noisy_) return;
  squares_ = v.array().square();
  variance_.noalias() = noiseSquare_ * squares_;
  cross_.noalias() = noiseCross_ * v;
  addNoise(out, *noise);
}

void CrossbarTile::readRows(std::span<const int32_t> localRows, double volts,
                            Eigen::Ref<Eigen::VectorXd> out, NormalBatch* noise) {
  out.setZero();
  if (!noise || !noisy_) {
    for (int32_t k : localRows) out += effective_.col(k);
    out *= volts;
    return;
  }
  variance_.setZero();
  cross_.setZero();
  for (int32_t k : localRows) {  // one pass over the driven rows' columns of E and the noise
    out += effective_.col(k);
    variance_ += noiseSquare_.col(k);
    cross_ += noiseCross_.col(k);
  }
  out *= volts;
  variance_ *= volts * volts;
  cross_ *= volts;
  addNoise(out, *noise);
}

Eigen::VectorXd CrossbarTile::noiseVariance(const Eigen::Ref<const Eigen::VectorXd>& v) const {
  const Eigen::VectorXd i = effective_ * v;
  const Eigen::VectorXd square = noiseSquare_ * v.array().square().matrix();
  const Eigen::VectorXd cross = noiseCross_ * v;
  return (square.array() - 2.0 * i.array() * cross.array() +
          i.array().square() * noiseConstant_.array())
      .cwiseMax(0.0);
}

}  // namespace snn
