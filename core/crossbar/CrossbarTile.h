#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <random>
#include <span>

#include "IrDropSolver.h"
#include "NormalBatch.h"

namespace snn {

// One physical array of a crossbar: the block of rows [row0, row0 + rows) and columns
// [col0, col0 + cols), with its own drivers, wires and ADCs. Holds the folded effective matrix
// E (cols x rows, µA per V: raw column currents = E v) and what read noise adds.
//
// Read noise. Every device (k, j) is read with conductance G + dG, dG ~ N(0, sigma_kj^2)
// independent. To first order its extra current dG dV_kj flows to the output of its own column,
// where dV_kj is the voltage across the cell in this read, so the column current is Gaussian with
//   Var I_j = sum_k sigma_kj^2 dV_kj^2,
// one draw per column instead of one per device. With ideal wires dV_kj = v_k and this is exact.
// Under IR drop the cell voltage is modelled as dV_kj = alpha_kj v_k - beta_k I_j: the row
// side is the cell's own driver attenuated (alpha, calibrated so that the model is exact to first
// order when row k is driven alone, where E_jk = G_kj dV_kj), the column side the voltage that
// column j's current I_j raises at cell k on its way to the sense amplifier (beta_k, the column
// wire and sense resistance below cell k for a current gathered evenly along the column).
// Expanding the square,
//   Var I_j = sum_k s_kj alpha_kj^2 v_k^2 - 2 I_j sum_k s_kj alpha_kj beta_k v_k + I_j^2 sum_k s_kj
//   beta_k^2,
// with s = sigma^2: two matrix-vector products per read. Not thread-safe (scratch buffers); owned
// by one CrossbarArray.
class CrossbarTile {
 public:
  CrossbarTile(Eigen::Index row0, Eigen::Index rows, Eigen::Index col0, Eigen::Index cols);

  Eigen::Index row0() const { return row0_; }
  Eigen::Index rows() const { return rows_; }
  Eigen::Index col0() const { return col0_; }
  Eigen::Index cols() const { return cols_; }

  // Solves the array again from the crossbar's read conductances and read-noise deviations
  // (rows x cols of the whole crossbar; the tile takes its block).
  void fold(const Eigen::MatrixXd& gRead, const Eigen::MatrixXd& sigma, const WireResistances& r);
  // Only the noise changed (same conductances).
  void setNoise(const Eigen::MatrixXd& sigma);
  // One device changed (crossbar indices): first-order update of E and the noise, keeping the
  // cell's attenuation; an exact fold() later corrects the small rest.
  void updateCell(Eigen::Index r, Eigen::Index c, double gRead, double sigma);

  // Raw column currents (µA, before the ADC) for the tile's row voltages v; with read noise if
  // noise is given and the tile has any (one number from it per column).
  void read(const Eigen::Ref<const Eigen::VectorXd>& v, Eigen::Ref<Eigen::VectorXd> out,
            NormalBatch* noise);
  // The same with the listed rows (tile-local) at `volts` and every other row at 0 V.
  void readRows(std::span<const int32_t> localRows, double volts, Eigen::Ref<Eigen::VectorXd> out,
                NormalBatch* noise);

  const Eigen::MatrixXd& effective() const { return effective_; }
  const Eigen::MatrixXd& attenuation() const { return attenuation_; }  // E_jk / G_kj
  bool noisy() const { return noisy_; }
  // The read-noise terms of the formula above: s alpha^2 and s alpha beta (cols x rows) and
  // sum_k s beta^2 (per column).
  const Eigen::MatrixXd& noiseSquare() const { return noiseSquare_; }
  const Eigen::MatrixXd& noiseCross() const { return noiseCross_; }
  const Eigen::VectorXd& noiseConstant() const { return noiseConstant_; }
  // The variance (µA^2) read noise gives each column for row voltages v (the formula above).
  Eigen::VectorXd noiseVariance(const Eigen::Ref<const Eigen::VectorXd>& v) const;

 private:
  void setCellNoise(Eigen::Index j, Eigen::Index k, double sigma);
  void addNoise(Eigen::Ref<Eigen::VectorXd> out, NormalBatch& noise);

  Eigen::Index row0_, rows_, col0_, cols_;
  Eigen::MatrixXd effective_, attenuation_;
  Eigen::VectorXd columnDrop_;                          // beta_k, MΩ (V per µA)
  Eigen::MatrixXd noiseVar_;                            // s = sigma^2 of each device, cols x rows
  Eigen::MatrixXd noiseSquare_, noiseCross_;            // s alpha^2, s alpha beta: cols x rows
  Eigen::VectorXd noiseConstant_;                       // sum_k s beta^2, per column
  Eigen::VectorXd variance_, squares_, cross_, draws_;  // scratch
  bool noisy_ = false;
};

}  // namespace snn
