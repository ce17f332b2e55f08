#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <random>
#include <vector>

#include "CrossbarCounters.h"
#include "DeviceModel.h"
#include "model/CrossbarSpec.h"

namespace snn {

// The devices of one crossbar (rows x cols), one value per device in Eigen matrices: what
// fabrication made of each (variation, stuck faults), its programmed conductance and target, its
// drift exponent and the pulses it has taken. Knows nothing of wires or periphery. Not
// thread-safe; owned by one CrossbarArray.
class CrossbarDevices {
 public:
  using FaultMatrix = Eigen::Matrix<uint8_t, Eigen::Dynamic, Eigen::Dynamic>;

  // Fabricates the devices from the chip's seed: variation and faults come from one stream
  // ("crossbar.fabrication", id), device by device in row-major order. Fresh devices sit at
  // their G_min (stuck ones at their stuck value).
  CrossbarDevices(int64_t rows, int64_t cols, const DeviceParams& params,
                  const CrossbarFaultSpec& faults, uint64_t chipSeed, const std::string& id);

  int64_t rows() const { return programmed_.rows(); }
  int64_t cols() const { return programmed_.cols(); }
  const DeviceModel& model() const { return model_; }
  // Replaces the device parameters that apply at read time (read noise) while keeping every
  // device as it is; other parameters need new devices.
  void setReadParams(const DeviceParams& params) { model_ = DeviceModel(params); }

  const Eigen::MatrixXd& programmed() const { return programmed_; }  // µS, before drift
  const Eigen::MatrixXd& targets() const { return targets_; }        // µS, last targets
  const Eigen::MatrixXd& driftExponents() const { return nu_; }
  const FaultMatrix& faults() const { return faults_; }
  DeviceFault fault(int64_t r, int64_t c) const { return static_cast<DeviceFault>(faults_(r, c)); }
  uint64_t lifetimePulses(int64_t r, int64_t c) const { return lifetime_[index(r, c)]; }
  DeviceVariation variation(int64_t r, int64_t c) const;

  // Writes target conductances (rows x cols, µS; quantised to the device levels first) the way
  // `how` says. Write-verify and open-loop apply pulses through the device model, starting from
  // each device's present state; direct sets the quantised target and counts the pulses a
  // noise-free nominal device would have taken. Then programming noise: PCM statistics draw the
  // result around the target (Joshi et al.), generic devices add program_noise. Draws from rng
  // device by device in row-major order.
  ProgramReport program(const Eigen::Ref<const Eigen::MatrixXd>& targets,
                        const CrossbarProgrammingSpec& how, std::mt19937_64& rng);

  // n pulses to one device: SET if n > 0, RESET if n < 0.
  PulseCounts pulse(int64_t r, int64_t c, int64_t n, std::mt19937_64& rng);

  // Makes a device stuck at its G_max (StuckOn) or G_min (StuckOff), or frees it (None: it
  // keeps the conductance it has).
  void setFault(int64_t r, int64_t c, DeviceFault f);

  // Conductances as a project stores them after programming (targets = the same values). Stuck
  // devices keep their stuck value.
  void load(const Eigen::Ref<const Eigen::MatrixXd>& conductances);

  // The conductance each device shows when read t seconds after programming (drift; faults).
  double readConductance(int64_t r, int64_t c, double t) const;
  void readConductances(double t, Eigen::MatrixXd& out) const;
  // Standard deviation of one read of each device (µS), given its read conductance.
  double readSigma(int64_t r, int64_t c, double gRead, double t) const;

 private:
  int64_t index(int64_t r, int64_t c) const { return r * cols() + c; }
  bool movable(int64_t r, int64_t c) const { return faults_(r, c) == 0; }
  void wear(int64_t r, int64_t c, uint64_t pulses);
  // One device's write, returning whether it ended within tolerance.
  bool programDevice(int64_t r, int64_t c, double target, const CrossbarProgrammingSpec& how,
                     std::mt19937_64& rng, ProgramReport& report);
  void writeVerify(int64_t r, int64_t c, double target, double tolerance, uint64_t budget,
                   std::mt19937_64& rng, ProgramReport& report);
  // The pulses (into plan_) a noise-free nominal device needs from g to target's level.
  void planNominal(double g, double target, uint64_t budget);
  void addProgrammingNoise(int64_t r, int64_t c, double target, std::mt19937_64& rng);

  DeviceModel model_;
  Eigen::MatrixXd programmed_, targets_, nu_;
  Eigen::MatrixXd gMin_, gMax_, stepScale_, nlSet_, nlReset_, driftDraw_;
  FaultMatrix faults_;
  std::vector<uint64_t> lifetime_;
  std::vector<char> plan_;  // scratch: an open-loop pulse sequence (1 = SET)
};

}  // namespace snn
