#pragma once

#include <filesystem>
#include <vector>

#include "sim/SimulationChunk.h"

namespace snn {

// Accumulates the chunks of a run for writing once it is done.
class Recording {
 public:
  void append(SimulationChunk chunk);
  const std::vector<SimulationChunk>& chunks() const { return chunks_; }

 private:
  std::vector<SimulationChunk> chunks_;
};

// Spike CSV: header `population,neuron,time_ms`, one row per recorded spike, sorted by time (then
// population order, then neuron). Written atomically.
void writeSpikeCsv(const Recording& recording, const std::filesystem::path& path);

// Trace CSV: header `population,variable,neuron,time_ms,value`, one row per sample, sorted by
// monitor, then time, then neuron. Written atomically.
void writeTraceCsv(const Recording& recording, const std::filesystem::path& path);

// Rate CSV: header `population,time_ms,rate_hz`, the mean firing rate of each listed population
// (by index into the chunks' populations) in bins of `binMs` starting at time_ms. Written
// atomically.
void writeRateCsv(const Recording& recording, const std::vector<size_t>& populations,
                  const std::vector<int64_t>& sizes, double binMs,
                  const std::filesystem::path& path);

}  // namespace snn
