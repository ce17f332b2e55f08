#pragma once

#include <cstdint>

namespace snn {

// Why a device does not follow its pulses.
enum class DeviceFault : uint8_t {
  None = 0,
  StuckOn = 1,   // stuck at its G_max from fabrication
  StuckOff = 2,  // stuck at its G_min from fabrication
  WornOut = 3,   // took its endurance in pulses and stuck where it was
};

// SET (potentiation) and RESET (depression) pulses applied to devices. A pulse to a stuck device
// is counted: the periphery cannot tell.
struct PulseCounts {
  uint64_t set = 0;
  uint64_t reset = 0;
  uint64_t total() const { return set + reset; }
  PulseCounts& operator+=(const PulseCounts& o) {
    set += o.set;
    reset += o.reset;
    return *this;
  }
};

// What one programming of the devices did.
struct ProgramReport {
  PulseCounts pulses;
  uint64_t verifyReads = 0;     // write-verify: reads of a device's conductance
  int64_t devices = 0;          // devices programmed
  int64_t withinTolerance = 0;  // ended within the tolerance of their target
  int64_t outOfBudget = 0;      // write-verify ran out of pulses
  int64_t faulty = 0;           // stuck or worn-out devices among them
  double rmsError = 0.0;        // µS, programmed conductance against target, over all devices
};

// Everything a crossbar did, for energy estimates. Reads count per physical array (tile).
struct CrossbarCounters {
  PulseCounts programmingPulses;  // write-verify, open-loop and direct programming (nominal)
  PulseCounts updatePulses;       // in-situ updates (STDP, training)
  uint64_t verifyReads = 0;
  uint64_t arrayReads = 0;      // one array (tile) read in one input phase
  uint64_t rowActivations = 0;  // rows driven with a non-zero voltage, summed over array reads
  uint64_t dacConversions = 0;  // rows converted by a DAC (dense reads with dac_bits > 0)
  uint64_t adcConversions = 0;  // columns converted by an ADC (adc_bits > 0)
};

}  // namespace snn
