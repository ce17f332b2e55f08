#include "CrossbarArray.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "WeightMapping.h"
#include "model/CrossbarSchema.h"
#include "model/RandomStreams.h"

namespace snn {

namespace {

const CrossbarSpec& validated(const CrossbarSpec& spec) {
  std::vector<Diagnostic> problems = validateCrossbarSpec(spec);
  if (!problems.empty()) throw SpecError(std::move(problems));
  return spec;
}

void checkShape(const std::string& id, const char* what, Eigen::Index rows, Eigen::Index cols,
                Eigen::Index expectedRows, Eigen::Index expectedCols) {
  if (rows == expectedRows && cols == expectedCols) return;
  throw std::invalid_argument("crossbar '" + id + "': " + what + " are " + std::to_string(rows) +
                              " x " + std::to_string(cols) + ", expected " +
                              std::to_string(expectedRows) + " x " + std::to_string(expectedCols));
}

}  // namespace

CrossbarArray::CrossbarArray(const CrossbarSpec& spec, uint64_t runSeed)
    : spec_(validated(spec)),
      device_(resolveDeviceParams(spec)),
      devices_(spec.rows, spec.cols, device_, spec.faults, spec.seed != 0 ? spec.seed : runSeed,
               spec.id),
      programRng_(makeRandomStream(runSeed, "crossbar.programming", spec.id)),
      updateRng_(makeRandomStream(runSeed, "crossbar.update", spec.id)),
      readRng_(makeRandomStream(runSeed, "crossbar.read", spec.id)),
      readNoise_(readRng_),
      input_(Eigen::VectorXd::Zero(spec.rows)) {
  for (const CrossbarStuckCell& cell : spec_.stuckCells)
    devices_.setFault(cell.row, cell.col, cell.on ? DeviceFault::StuckOn : DeviceFault::StuckOff);
  columnGain_ = Eigen::VectorXd::Ones(spec.cols);
  if (spec_.array.gainMismatch > 0.0) {
    // Its own stream of the chip's seed, so the devices are those of a chip without mismatch.
    std::mt19937_64 rng =
        makeRandomStream(spec.seed != 0 ? spec.seed : runSeed, "crossbar.column_gain", spec.id);
    std::normal_distribution<double> normal(1.0, spec_.array.gainMismatch);
    for (Eigen::Index j = 0; j < spec.cols; ++j) columnGain_(j) = std::max(0.0, normal(rng));
  }
  columnGainFloat_ = columnGain_.cast<float>();
  weightScale_ = WeightMapping::scaleFor(device_, spec_.mapping.wMax, Eigen::MatrixXd());
  if (spec_.hasConductances())
    devices_.load(
        Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            spec_.conductances.data(), spec_.rows, spec_.cols));
  buildTiles();
  updateReadState();
  foldPending_ = true;
}

WireResistances CrossbarArray::wires() const {
  return {spec_.array.rWire, spec_.array.rSource, spec_.array.rSense};
}

Dac CrossbarArray::dac() const {
  const double full = spec_.array.dacVMax > 0.0 ? spec_.array.dacVMax : spec_.array.vRead;
  return Dac(static_cast<int>(spec_.array.dacBits), full);
}

Adc CrossbarArray::adc(const CrossbarTile& tile) const {
  double full = spec_.array.adcIMax;
  if (full <= 0.0) full = static_cast<double>(tile.rows()) * device_.gMax * dac().vMax();
  return Adc(static_cast<int>(spec_.array.adcBits), full, spec_.array.adcClip);
}

void CrossbarArray::buildTiles() {
  const Eigen::Index tr =
      spec_.array.tileRows > 0 ? std::min<Eigen::Index>(spec_.array.tileRows, rows()) : rows();
  const Eigen::Index tc =
      spec_.array.tileCols > 0 ? std::min<Eigen::Index>(spec_.array.tileCols, cols()) : cols();
  tileRows_ = tr;
  tileCols_ = tc;
  tileBlockCols_ = (cols() + tc - 1) / tc;
  tiles_.clear();
  for (Eigen::Index r = 0; r < rows(); r += tr)
    for (Eigen::Index c = 0; c < cols(); c += tc)
      tiles_.emplace_back(r, std::min(tr, rows() - r), c, std::min(tc, cols() - c));
  Eigen::Index maxRows = 0, maxCols = 0;
  for (const CrossbarTile& t : tiles_) {
    maxRows = std::max(maxRows, t.rows());
    maxCols = std::max(maxCols, t.cols());
  }
  phase_.resize(maxRows);
  raw_.resize(maxCols);
}

void CrossbarArray::updateReadState() {
  const double t = spec_.programming.tInference;
  devices_.readConductances(t, gRead_);
  sigma_.resize(rows(), cols());
  for (Eigen::Index c = 0; c < cols(); ++c)
    for (Eigen::Index r = 0; r < rows(); ++r)
      sigma_(r, c) = devices_.readSigma(r, c, gRead_(r, c), t);
}

void CrossbarArray::foldTiles() const {
  const WireResistances w = wires();
  const auto count = static_cast<int64_t>(tiles_.size());
#pragma omp parallel for schedule(dynamic) if (count > 1)
  for (int64_t k = 0; k < count; ++k) tiles_[static_cast<size_t>(k)].fold(gRead_, sigma_, w);
  spikeReader_.pack(tiles_, cols());
  foldPending_ = false;
}

void CrossbarArray::refold() {
  updateReadState();
  foldTiles();
  stale_ = false;
}

// ---- writing ----

ProgramReport CrossbarArray::programConductances(const Eigen::Ref<const Eigen::MatrixXd>& targets) {
  checkShape(spec_.id, "target conductances", targets.rows(), targets.cols(), rows(), cols());
  ProgramReport report = devices_.program(targets, spec_.programming, programRng_);
  counters_.programmingPulses += report.pulses;
  counters_.verifyReads += report.verifyReads;
  refold();
  return report;
}

ProgramReport CrossbarArray::programWeights(const Eigen::Ref<const Eigen::MatrixXd>& weights) {
  checkShape(spec_.id, "weights", weights.rows(), weights.cols(), rows(), weightCols());
  weightScale_ = WeightMapping::scaleFor(device_, spec_.mapping.wMax, weights);
  const WeightMapping mapping(device_, spec_.mapping.differential, weightScale_);
  return programConductances(mapping.targets(weights));
}

void CrossbarArray::setConductances(const Eigen::Ref<const Eigen::MatrixXd>& conductances) {
  checkShape(spec_.id, "conductances", conductances.rows(), conductances.cols(), rows(), cols());
  devices_.load(conductances);
  refold();
}

void CrossbarArray::afterPulse(Eigen::Index row, Eigen::Index col, const PulseCounts& counts) {
  counters_.updatePulses += counts;
  const double t = spec_.programming.tInference;
  gRead_(row, col) = devices_.readConductance(row, col, t);
  sigma_(row, col) = devices_.readSigma(row, col, gRead_(row, col), t);
  if (foldPending_) return;  // the fold to come takes the device as it is, exactly
  const auto tile = static_cast<size_t>((row / tileRows_) * tileBlockCols_ + col / tileCols_);
  tiles_[tile].updateCell(row, col, gRead_(row, col), sigma_(row, col));
  spikeReader_.updateCell(tiles_[tile], row, col);
  stale_ = true;
}

PulseCounts CrossbarArray::pulseDevice(Eigen::Index row, Eigen::Index col, int64_t n) {
  if (row < 0 || row >= rows() || col < 0 || col >= cols())
    throw std::out_of_range("crossbar '" + spec_.id + "': no device at (" + std::to_string(row) +
                            ", " + std::to_string(col) + ")");
  const PulseCounts counts = devices_.pulse(row, col, n, updateRng_);
  afterPulse(row, col, counts);
  return counts;
}

PulseCounts CrossbarArray::pulseWeight(Eigen::Index row, Eigen::Index weightCol, int64_t n) {
  if (!spec_.mapping.differential) return pulseDevice(row, weightCol, n);
  const Eigen::Index plus = 2 * weightCol, minus = 2 * weightCol + 1;
  PulseCounts counts;
  switch (spec_.mapping.updatePolicy) {
    case UpdatePolicy::PushPull: {
      // The device pulled down goes first, as far as its G_min, the other then pushes up the
      // rest: one device of a pair stays at G_min (as WeightMapping programs it) and every pulse
      // moves the weight one step whichever way it goes. (Sending each pulse to both devices
      // moved a weight twice as far down as up from a programmed pair, whose idle device cannot
      // RESET below G_min: the 2x depression of bench/crossbar_stdp_window.py.)
      const Eigen::Index down = n > 0 ? minus : plus, up = n > 0 ? plus : minus;
      const int64_t magnitude = n > 0 ? n : -n;
      const int64_t resets =
          std::min(magnitude,
                   devices_.model().resetPulsesTo(devices_.programmed()(row, down), device_.gMin));
      if (resets > 0) counts += pulseDevice(row, down, -resets);
      if (magnitude > resets) counts += pulseDevice(row, up, magnitude - resets);
      break;
    }
    case UpdatePolicy::SetOnly:
      counts += n > 0 ? pulseDevice(row, plus, n) : pulseDevice(row, minus, -n);
      break;
    case UpdatePolicy::PositiveOnly:
      counts += pulseDevice(row, plus, n);
      break;
  }
  return counts;
}

PulseCounts CrossbarArray::pulseWeights(const Eigen::Ref<const Eigen::MatrixXi>& pulses) {
  checkShape(spec_.id, "pulse counts", pulses.rows(), pulses.cols(), rows(), weightCols());
  PulseCounts counts;
  for (Eigen::Index r = 0; r < rows(); ++r)
    for (Eigen::Index k = 0; k < weightCols(); ++k)
      if (pulses(r, k) != 0) counts += pulseWeight(r, k, pulses(r, k));
  return counts;
}

void CrossbarArray::setStuck(Eigen::Index row, Eigen::Index col, DeviceFault fault) {
  devices_.setFault(row, col, fault);
  refold();
}

bool CrossbarArray::applyLive(const CrossbarSpec& next) {
  if (next.id != spec_.id || next.stuckCells != spec_.stuckCells) return false;
  bool fold = false, noise = false;
  for (const CrossbarFieldInfo& f : crossbarFields()) {
    if (crossbarField(spec_, f.path()) == crossbarField(next, f.path())) continue;
    if (f.effect == CrossbarFieldEffect::Reprogram) return false;
    if (f.effect == CrossbarFieldEffect::Refold) fold = true;
    if (f.path() == "device.read_noise") noise = true;
  }
  validated(next);
  const bool load = next.conductances != spec_.conductances && next.hasConductances();
  spec_ = next;
  device_ = resolveDeviceParams(spec_);
  devices_.setReadParams(device_);
  if (load)
    devices_.load(
        Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            spec_.conductances.data(), spec_.rows, spec_.cols));
  if (fold || load) {
    buildTiles();
    refold();
  } else if (noise) {
    updateReadState();
    if (!foldPending_) {
      for (CrossbarTile& tile : tiles_) tile.setNoise(sigma_);
      spikeReader_.pack(tiles_, cols());
    }
  }
  return true;
}

// ---- reading ----

void CrossbarArray::accumulate(const CrossbarTile& tile, double sign,
                               Eigen::Ref<Eigen::VectorXd> currents) {
  const Adc converter = adc(tile);
  auto raw = raw_.head(tile.cols());
  raw.array() *= columnGain_.segment(tile.col0(), tile.cols()).array();
  converter.convertAll(raw);
  currents.segment(tile.col0(), tile.cols()) += sign * raw;
  ++counters_.arrayReads;
  if (!converter.ideal()) counters_.adcConversions += static_cast<uint64_t>(tile.cols());
}

void CrossbarArray::readPhase(double sign, Eigen::Ref<Eigen::VectorXd> currents) {
  for (CrossbarTile& tile : tiles_) {
    auto v = phase_.head(tile.rows());
    const auto in = input_.segment(tile.row0(), tile.rows());
    if (sign > 0.0)
      v = in.cwiseMax(0.0);
    else
      v = (-in).cwiseMax(0.0);
    const auto driven = (v.array() != 0.0).count();
    if (driven == 0) continue;  // nothing to read: the array stays idle
    tile.read(v, raw_.head(tile.cols()), &readNoise_);
    counters_.rowActivations += static_cast<uint64_t>(driven);
    accumulate(tile, sign, currents);
  }
}

void CrossbarArray::read(const Eigen::Ref<const Eigen::VectorXd>& volts,
                         Eigen::Ref<Eigen::VectorXd> currents) {
  checkShape(spec_.id, "input voltages", volts.size(), 1, rows(), 1);
  checkShape(spec_.id, "column currents", currents.size(), 1, cols(), 1);
  foldIfPending();
  const Dac converter = dac();
  for (Eigen::Index i = 0; i < rows(); ++i) input_(i) = converter.convert(volts(i));
  if (!converter.ideal()) counters_.dacConversions += static_cast<uint64_t>(rows());
  currents.setZero();
  readPhase(1.0, currents);
  if ((input_.array() < 0.0).any()) readPhase(-1.0, currents);
}

void CrossbarArray::readSpikes(std::span<const int32_t> activeRows,
                               Eigen::Ref<Eigen::VectorXd> currents) {
  checkShape(spec_.id, "column currents", currents.size(), 1, cols(), 1);
  foldIfPending();
  const double v = dac().convert(spec_.array.vRead);
  input_.setZero();
  for (int32_t r : activeRows) {
    if (r < 0 || r >= rows())
      throw std::out_of_range("crossbar '" + spec_.id + "': spike on row " + std::to_string(r) +
                              " of " + std::to_string(rows()));
    input_(r) = v;
  }
  currents.setZero();
  if (spikeReader_.active()) {
    readSpikesPacked(activeRows, v, currents);
    return;
  }
  Eigen::Index blockRow0 = -1;  // tiles come row block by row block: their rows once per block
  for (CrossbarTile& tile : tiles_) {
    if (tile.row0() != blockRow0) {
      blockRow0 = tile.row0();
      localRows_.clear();
      for (int32_t r : activeRows)
        if (r >= tile.row0() && r < tile.row0() + tile.rows())
          localRows_.push_back(r - static_cast<int32_t>(tile.row0()));
    }
    if (localRows_.empty()) continue;
    tile.readRows(localRows_, v, raw_.head(tile.cols()), &readNoise_);
    counters_.rowActivations += localRows_.size();
    accumulate(tile, 1.0, currents);
  }
}

void CrossbarArray::readSpikesPacked(std::span<const int32_t> activeRows, double volts,
                                     Eigen::Ref<Eigen::VectorXd> currents) {
  // Row block by row block (all arrays of a block at once); a block without a driven row is
  // skipped as the tiled path skips it: zero volts give zero current and zero noise, which the
  // ADC reads as its zero code.
  const auto arraysPerBlock = static_cast<uint64_t>(tileBlockCols_);
  for (Eigen::Index b = 0; b < spikeReader_.blocks(); ++b) {
    const auto row0 = static_cast<int32_t>(spikeReader_.blockRow0(b));
    const auto end = row0 + static_cast<int32_t>(spikeReader_.blockRows(b));
    localRows_.clear();
    for (int32_t r : activeRows)
      if (r >= row0 && r < end) localRows_.push_back(r - row0);
    if (localRows_.empty()) continue;
    const Adc converter = adc(tiles_[static_cast<size_t>(b * tileBlockCols_)]);
    spikeReader_.read(b, localRows_, static_cast<float>(volts), readNoise_, columnGainFloat_,
                      converter, currents);
    counters_.rowActivations += localRows_.size() * arraysPerBlock;
    counters_.arrayReads += arraysPerBlock;
    if (!converter.ideal()) counters_.adcConversions += static_cast<uint64_t>(cols());
  }
}

void CrossbarArray::readIdeal(const Eigen::Ref<const Eigen::VectorXd>& volts,
                              Eigen::Ref<Eigen::VectorXd> currents) const {
  checkShape(spec_.id, "input voltages", volts.size(), 1, rows(), 1);
  checkShape(spec_.id, "column currents", currents.size(), 1, cols(), 1);
  currents.noalias() = gRead_.transpose() * volts;
}

void CrossbarArray::toWeightOutputs(const Eigen::Ref<const Eigen::VectorXd>& currents,
                                    Eigen::Ref<Eigen::VectorXd> outputs) const {
  checkShape(spec_.id, "column currents", currents.size(), 1, cols(), 1);
  checkShape(spec_.id, "weight outputs", outputs.size(), 1, weightCols(), 1);
  const double gain = 1.0 / (spec_.array.vRead * weightScale_);
  if (spec_.mapping.differential) {
    for (Eigen::Index k = 0; k < weightCols(); ++k)
      outputs(k) = gain * (currents(2 * k) - currents(2 * k + 1));
  } else {
    outputs = gain * (currents.array() - device_.gMin * input_.sum()).matrix();
  }
}

Eigen::MatrixXd CrossbarArray::weights() const {
  return WeightMapping(device_, spec_.mapping.differential, weightScale_).weights(gRead_);
}

double CrossbarArray::weightAt(Eigen::Index row, Eigen::Index weightCol) const {
  if (spec_.mapping.differential)
    return (gRead_(row, 2 * weightCol) - gRead_(row, 2 * weightCol + 1)) / weightScale_;
  return (gRead_(row, weightCol) - device_.gMin) / weightScale_;
}

NodeVoltages CrossbarArray::lastReadNodeVoltages(size_t tile) const {
  const CrossbarTile& t = tiles_.at(tile);
  const ArrayNetwork network(gRead_.block(t.row0(), t.col0(), t.rows(), t.cols()), wires());
  return network.solve(input_.segment(t.row0(), t.rows()));
}

}  // namespace snn
