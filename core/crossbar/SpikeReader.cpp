#include "SpikeReader.h"

namespace snn {

void SpikeReader::pack(const std::vector<CrossbarTile>& tiles, Eigen::Index cols) {
  cols_ = cols;
  blocks_.clear();
  active_ = !tiles.empty();
  for (const CrossbarTile& tile : tiles) {
    active_ = active_ && tile.noisy();
    if (blocks_.empty() || blocks_.back().row0 != tile.row0()) {
      Block block;
      block.row0 = tile.row0();
      block.rows = tile.rows();
      block.packed.setZero(tile.rows(), 3 * cols);
      block.constant.setZero(cols);
      blocks_.push_back(std::move(block));
    }
    Block& block = blocks_.back();
    const Eigen::Index c0 = tile.col0(), n = tile.cols();
    for (Eigen::Index k = 0; k < tile.rows(); ++k) {
      block.packed.row(k).segment(c0, n) = tile.effective().col(k).transpose().cast<float>();
      block.packed.row(k).segment(cols + c0, n) =
          tile.noiseSquare().col(k).transpose().cast<float>();
      block.packed.row(k).segment(2 * cols + c0, n) =
          tile.noiseCross().col(k).transpose().cast<float>();
    }
    block.constant.segment(c0, n) = tile.noiseConstant().cast<float>();
  }
  tileRows_ = blocks_.empty() ? 1 : blocks_.front().rows;
  sums_.resize(3 * cols);
  variance_.resize(cols);
  draws_.resize(cols);
}

void SpikeReader::updateCell(const CrossbarTile& tile, Eigen::Index row, Eigen::Index col) {
  if (blocks_.empty()) return;
  Block& block = blocks_[static_cast<size_t>(row / tileRows_)];
  const Eigen::Index k = row - tile.row0(), j = col - tile.col0();
  block.packed(k, col) = static_cast<float>(tile.effective()(j, k));
  block.packed(k, cols_ + col) = static_cast<float>(tile.noiseSquare()(j, k));
  block.packed(k, 2 * cols_ + col) = static_cast<float>(tile.noiseCross()(j, k));
  block.constant(col) = static_cast<float>(tile.noiseConstant()(j));
  active_ = active_ && tile.noisy();
}

void SpikeReader::sumRows(const Block& block, std::span<const int32_t> localRows) {
  // One contiguous pass per driven row over its three stretches.
  const Eigen::Index width = 3 * cols_;
  auto row = [&](int32_t k) {
    return Eigen::Map<const Eigen::VectorXf>(block.packed.data() + k * width, width);
  };
  sums_ = row(localRows.front());
  for (int32_t k : localRows.subspan(1)) sums_ += row(k);
}

void SpikeReader::meanAndVarianceFromSums(const Block& block, float volts,
                                          Eigen::Ref<Eigen::VectorXf> mean) {
  // CrossbarTile's formula: Var I = v^2 sum s alpha^2 - 2 I v sum s alpha beta + I^2 sum s beta^2.
  mean = sums_.head(cols_) * volts;
  const auto i = mean.array();
  variance_.array() = sums_.segment(cols_, cols_).array() * (volts * volts) -
                      2.0f * volts * i * sums_.tail(cols_).array() +
                      i.square() * block.constant.array();
}

void SpikeReader::read(Eigen::Index b, std::span<const int32_t> localRows, float volts,
                       NormalBatch& noise, const Eigen::VectorXf& gain, const Adc& adc,
                       Eigen::Ref<Eigen::VectorXd> currents) {
  const Block& block = blocks_[static_cast<size_t>(b)];
  sumRows(block, localRows);
  noise.fill(draws_.data(), cols_);
  // The formula, the noise and the column gains in one pass, then the ADC in a second.
  const auto e = sums_.head(cols_).array() * volts;
  const auto variance = sums_.segment(cols_, cols_).array() * (volts * volts) -
                        (2.0f * volts) * e * sums_.tail(cols_).array() +
                        e.square() * block.constant.array();
  variance_.array() = (e + variance.max(0.0f).sqrt() * draws_.array()) * gain.array();
  if (adc.ideal()) {
    currents += variance_.cast<double>();
    return;
  }
  adc.toCodes(variance_);
  currents += adc.step() * variance_.cast<double>();
}

void SpikeReader::meanAndVariance(Eigen::Index b, std::span<const int32_t> localRows, float volts,
                                  Eigen::Ref<Eigen::VectorXf> mean,
                                  Eigen::Ref<Eigen::VectorXf> variance) {
  const Block& block = blocks_[static_cast<size_t>(b)];
  sumRows(block, localRows);
  meanAndVarianceFromSums(block, volts, mean);
  variance = variance_.cwiseMax(0.0f);
}

}  // namespace snn
