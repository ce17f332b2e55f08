#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "Adc.h"
#include "ArrayNetwork.h"
#include "CrossbarCounters.h"
#include "CrossbarDevices.h"
#include "CrossbarTile.h"
#include "Dac.h"
#include "SpikeReader.h"
#include "model/CrossbarSpec.h"

namespace snn {

// A memristor crossbar as the simulator and the trainers use it: its devices (CrossbarDevices),
// cut into physical arrays (CrossbarTile) with drivers, wires and ADCs, and the mapping of signed
// weights onto differential pairs. Units: µS, Ω, V, µA.
//
// A read drives the rows with voltages (after the DAC), gives each array's column currents
// through its folded IR-drop matrix plus read noise, converts them with the ADC and adds the
// arrays of one column digitally (partial sums after the ADC). Signed inputs are read in two
// phases (positive, then negative magnitudes) and subtracted. Programming and pulses change the
// devices; programming folds the arrays again exactly, a pulse updates them to first order (see
// CrossbarTile) until refold().
//
// Randomness: the chip (variation, stuck devices) from spec.seed, or the run's seed when 0;
// programming, pulses and reads each from their own stream of the run's seed
// ("crossbar.programming" / "crossbar.update" / "crossbar.read", id; the read noise through a
// NormalBatch seeded from the last). Same spec and seed, same numbers. Not thread-safe: one owner
// (a simulator in its worker thread, a trainer).
class CrossbarArray {
 public:
  // Validates the spec (SpecError naming the crossbar and field), fabricates the devices and
  // loads spec.conductances if given. The arrays are folded when first needed (a read, tiles()):
  // a crossbar is usually programmed right after, and programming folds them anyway.
  CrossbarArray(const CrossbarSpec& spec, uint64_t runSeed);

  const CrossbarSpec& spec() const { return spec_; }
  const DeviceParams& device() const { return device_; }
  Eigen::Index rows() const { return spec_.rows; }
  Eigen::Index cols() const { return spec_.cols; }
  Eigen::Index weightCols() const { return spec_.weightCols(); }

  // ---- writing ----
  // Maps weights (rows x weightCols) to target conductances and programs them; the scale is
  // mapping.w_max, or the largest |w| when that is 0.
  ProgramReport programWeights(const Eigen::Ref<const Eigen::MatrixXd>& weights);
  ProgramReport programConductances(const Eigen::Ref<const Eigen::MatrixXd>& targets);
  void setConductances(const Eigen::Ref<const Eigen::MatrixXd>& conductances);  // as loaded
  // Pulses through the device model: n > 0 SET, n < 0 RESET. A weight's pulses go to its devices
  // as mapping.update_policy says; a positive n raises the weight.
  PulseCounts pulseDevice(Eigen::Index row, Eigen::Index col, int64_t n);
  PulseCounts pulseWeight(Eigen::Index row, Eigen::Index weightCol, int64_t n);
  PulseCounts pulseWeights(const Eigen::Ref<const Eigen::MatrixXi>& pulses);  // rows x weightCols
  void setStuck(Eigen::Index row, Eigen::Index col, DeviceFault fault);
  void refold();                         // exact IR drop again (after pulses)
  bool stale() const { return stale_; }  // pulses since the last exact fold
  // Takes a changed spec while running if no field needs new devices (CrossbarFieldEffect):
  // periphery at once, wires, tiles and drift time with a fold. Returns false, changing nothing,
  // if the crossbar must be built again. Throws SpecError for an invalid spec.
  bool applyLive(const CrossbarSpec& next);

  // ---- reading ----
  // Column currents (µA, cols) after the DAC, IR drop, read noise and the ADC, for one voltage
  // per row. Throws std::invalid_argument on a size mismatch.
  void read(const Eigen::Ref<const Eigen::VectorXd>& volts, Eigen::Ref<Eigen::VectorXd> currents);
  // The same with the listed rows (each at most once) at v_read and the others at 0 V: a time
  // step's spikes. Throws std::out_of_range for a row outside the crossbar.
  void readSpikes(std::span<const int32_t> activeRows, Eigen::Ref<Eigen::VectorXd> currents);
  // The same devices with ideal wires and periphery, no noise: currents = G' volts.
  void readIdeal(const Eigen::Ref<const Eigen::VectorXd>& volts,
                 Eigen::Ref<Eigen::VectorXd> currents) const;
  // Column currents to weight-column outputs in weight units (nA for a projection):
  // (I_2k - I_2k+1) / (v_read scale) with differential pairs; single-ended, the G_min share of
  // the last read's inputs is subtracted first.
  void toWeightOutputs(const Eigen::Ref<const Eigen::VectorXd>& currents,
                       Eigen::Ref<Eigen::VectorXd> outputs) const;
  double weightScale() const { return weightScale_; }  // µS per weight unit

  // ---- state, for views and energy ----
  const CrossbarDevices& devices() const { return devices_; }
  const Eigen::MatrixXd& readConductances() const { return gRead_; }  // drift and faults
  Eigen::MatrixXd weights() const;  // what the read conductances represent
  double weightAt(Eigen::Index row, Eigen::Index weightCol) const;  // one of them
  // The nominal weight change of one pulse: a level spacing, in weight units.
  double weightPerPulse() const { return devices_.model().levelSpacing() / weightScale_; }
  const std::vector<CrossbarTile>& tiles() const {
    foldIfPending();
    return tiles_;
  }
  const Eigen::VectorXd& lastInput() const { return input_; }  // V per row, after the DAC
  NodeVoltages lastReadNodeVoltages(size_t tile) const;        // the IR-drop voltage map
  const CrossbarCounters& counters() const { return counters_; }
  const Eigen::VectorXd& columnGains() const { return columnGain_; }  // array.gain_mismatch
  Dac dac() const;
  Adc adc(const CrossbarTile& tile) const;

 private:
  void buildTiles();
  void updateReadState();  // read conductances and noise of every device
  void foldTiles() const;  // every array from gRead_ and sigma_, exactly
  void foldIfPending() const {
    if (foldPending_) foldTiles();
  }
  void readPhase(double sign, Eigen::Ref<Eigen::VectorXd> currents);
  void accumulate(const CrossbarTile& tile, double sign, Eigen::Ref<Eigen::VectorXd> currents);
  void readSpikesPacked(std::span<const int32_t> activeRows, double volts,
                        Eigen::Ref<Eigen::VectorXd> currents);
  WireResistances wires() const;
  void afterPulse(Eigen::Index row, Eigen::Index col, const PulseCounts& counts);

  CrossbarSpec spec_;
  DeviceParams device_;
  CrossbarDevices devices_;
  std::mt19937_64 programRng_, updateRng_, readRng_;
  NormalBatch readNoise_;  // seeded from readRng_: the read noise
  // Folded arrays are a cache of the devices' read state (gRead_, sigma_): mutable so that the
  // first look at them may fold them.
  mutable std::vector<CrossbarTile> tiles_;
  mutable bool foldPending_ = false;
  mutable SpikeReader spikeReader_;  // the folded arrays in float, for noisy spike reads
  Eigen::Index tileRows_ = 1, tileCols_ = 1, tileBlockCols_ = 1;  // the tile grid
  Eigen::MatrixXd gRead_, sigma_;
  Eigen::VectorXd columnGain_;       // per column, 1 without mismatch
  Eigen::VectorXf columnGainFloat_;  // the same for SpikeReader
  double weightScale_ = 1.0;
  bool stale_ = false;
  CrossbarCounters counters_;
  Eigen::VectorXd input_, phase_, raw_;  // last input; scratch
  std::vector<int32_t> localRows_;       // scratch
};

}  // namespace snn
