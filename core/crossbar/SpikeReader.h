#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <span>
#include <vector>

#include "Adc.h"
#include "CrossbarTile.h"
#include "NormalBatch.h"

namespace snn {

// A crossbar's folded arrays packed for a time step's spikes, in single precision: what
// CrossbarArray::readSpikes uses when read noise is on (every array noisy). Each row block of
// arrays (the arrays sharing the crossbar rows [row0, row0 + rows)) is one row-major matrix whose
// row k holds, across the crossbar's whole width, the effective matrix's entries for that row and
// the two read-noise terms of CrossbarTile (s alpha^2, s alpha beta): a driven row is one
// contiguous stream of 12 bytes per column, against three 8-byte column slices in every array of
// the block in the tiles. A read sums the driven rows, then draws one normal per column for the
// whole block at once (NormalBatch, single precision) and forms the column currents by
// CrossbarTile's formula, over whole vectors.
//
// Precision: the sums over driven rows are in float, relative error at most a few 2^-24 of the
// column's current (n driven rows: n 2^-24), against a read noise of at least the smallest
// device's sigma (here percents) and an ADC step of rows G_max v_read / (2^bits - 1); the test
// checks the float path against the double one. The exact double path stays for noiseless reads
// (the ideal crossbar is the matrix product to the last bit).
class SpikeReader {
 public:
  // Packs the folded arrays (after a fold or a change of the read noise). `tiles` come row block
  // by row block (CrossbarArray's order).
  void pack(const std::vector<CrossbarTile>& tiles, Eigen::Index cols);
  // One device changed (CrossbarTile::updateCell on `tile`): copies its new terms.
  void updateCell(const CrossbarTile& tile, Eigen::Index row, Eigen::Index col);

  // Whether reads take this path: every array has read noise.
  bool active() const { return active_; }
  Eigen::Index blocks() const { return static_cast<Eigen::Index>(blocks_.size()); }
  Eigen::Index blockRow0(Eigen::Index b) const { return blocks_[static_cast<size_t>(b)].row0; }
  Eigen::Index blockRows(Eigen::Index b) const { return blocks_[static_cast<size_t>(b)].rows; }

  // Adds to currents (µA, cols) what row block b gives with the listed rows (block-local, each
  // at most once, at least one) at `volts` and the others at 0 V: with read noise from `noise`
  // (one number per column, in column order), times the column gains, through the ADC.
  void read(Eigen::Index b, std::span<const int32_t> localRows, float volts, NormalBatch& noise,
            const Eigen::VectorXf& gain, const Adc& adc, Eigen::Ref<Eigen::VectorXd> currents);
  // The same without noise, and the noise variance it would draw with (µA^2): for the tests.
  void meanAndVariance(Eigen::Index b, std::span<const int32_t> localRows, float volts,
                       Eigen::Ref<Eigen::VectorXf> mean, Eigen::Ref<Eigen::VectorXf> variance);

 private:
  struct Block {
    Eigen::Index row0 = 0, rows = 0;
    // rows x 3 cols: [E | s alpha^2 | s alpha beta] per crossbar row, crossbar columns.
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> packed;
    Eigen::VectorXf constant;  // sum_k s beta^2 per column
  };
  void sumRows(const Block& block, std::span<const int32_t> localRows);
  void meanAndVarianceFromSums(const Block& block, float volts, Eigen::Ref<Eigen::VectorXf> mean);

  std::vector<Block> blocks_;
  Eigen::Index cols_ = 0, tileRows_ = 1;
  bool active_ = false;
  Eigen::VectorXf sums_, variance_, draws_;  // scratch (variance_: also the currents)
};

}  // namespace snn
