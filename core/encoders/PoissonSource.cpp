#include "PoissonSource.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/RandomStreams.h"

namespace snn {

const ModelInfo& PoissonSource::modelInfo() {
  static const ModelInfo info = [] {
    ModelInfo m;
    m.name = "poisson";
    m.displayName = "Poisson source";
    m.meaning = "Independent random spike trains at a given rate";
    m.equation = "P(spike in a step) = rate * dt";
    m.reference = "Brian2 PoissonGroup; PyNN SpikeSourcePoisson";
    m.role = ModelRole::SpikeSource;
    m.imageEncoder = true;
    m.params = {{.name = "rate",
                 .unit = "Hz",
                 .defaultValue = 10.0,
                 .min = 0.0,
                 .meaning = "Mean firing rate of every neuron"},
                {.name = "rate_max",
                 .unit = "Hz",
                 .defaultValue = 63.75,
                 .min = 0.0,
                 .meaning = "Rate of a full-intensity pixel when a dataset feeds this population "
                            "(Diehl & Cook: 63.75)"}};
    return m;
  }();
  return info;
}

namespace {
constexpr int64_t kNever = std::numeric_limits<int64_t>::max() / 4;

// The step of a spike `gap` steps after `from`; kNever when that lies beyond any run (no
// overflow for any from >= 0 and gap <= kNever).
int64_t spikeStep(int64_t from, int64_t gap) {
  return gap >= kNever - from ? kNever : from + gap;
}

// The calendar slot of a step; a step is never negative, and the slot is in range even if it were.
int64_t slotOf(int64_t step, int64_t slots) {
  return static_cast<int64_t>(static_cast<uint64_t>(step) % static_cast<uint64_t>(slots));
}
}  // namespace

PoissonSource::PoissonSource(int64_t size, ResolvedParams params)
    : NeuronGroup(modelInfo(), size, std::move(params)),
      probability_(static_cast<size_t>(size), 0.0),
      logMiss_(static_cast<size_t>(size), 0.0),
      nextSpike_(static_cast<size_t>(size), kNever),
      redraw_(static_cast<size_t>((size + kBlockSize - 1) / kBlockSize), 1),
      slotHead_(redraw_.size() * kSlots, -1),
      slotNext_(static_cast<size_t>(size), -1),
      due_(static_cast<size_t>(size), 0) {}

void PoissonSource::prepare(double dt) {
  dt_ = dt;
  const ResolvedParams& p = params();
  for (int64_t i = 0; i < size(); ++i)
    probability_[static_cast<size_t>(i)] = std::min(1.0, p.at("rate", i) * dt / 1000.0);
  redrawAll();
}

void PoissonSource::setRates(std::span<const float> ratesHz) {
  for (size_t i = 0; i < probability_.size() && i < ratesHz.size(); ++i)
    probability_[i] = std::min(1.0, static_cast<double>(ratesHz[i]) * dt_ / 1000.0);
  redrawAll();
}

void PoissonSource::present(std::span<const float> intensities, int64_t) {
  const ResolvedParams& p = params();
  for (size_t i = 0; i < probability_.size() && i < intensities.size(); ++i)
    probability_[i] =
        std::min(1.0, intensities[i] * p.at("rate_max", static_cast<int64_t>(i)) * dt_ / 1000.0);
  redrawAll();
}

void PoissonSource::silence() {
  std::fill(probability_.begin(), probability_.end(), 0.0);
  redrawAll();
}

bool PoissonSource::canDecayFreely() const {
  return std::all_of(probability_.begin(), probability_.end(), [](double p) { return p <= 0.0; });
}

void PoissonSource::decayFreely(int64_t) {}  // silent: nothing to advance

void PoissonSource::redrawAll() {
  for (size_t i = 0; i < probability_.size(); ++i)
    logMiss_[i] = probability_[i] < 1.0 ? std::log1p(-probability_[i]) : -INFINITY;
  std::fill(redraw_.begin(), redraw_.end(), 1);
}

void PoissonSource::seed(uint64_t runSeed, std::string_view populationId) {
  const int64_t blocks = (size() + kBlockSize - 1) / kBlockSize;
  streams_.clear();
  streams_.reserve(static_cast<size_t>(blocks));
  for (int64_t b = 0; b < blocks; ++b)
    streams_.push_back(
        makeRandomStream(runSeed, "poisson", populationId, static_cast<uint64_t>(b)));
  std::fill(redraw_.begin(), redraw_.end(), 1);
}

// Steps until the next spike, counting the present one as 0: floor(log(u) / log(1 - p)) for u
// uniform in (0, 1].
int64_t PoissonSource::gap(size_t neuron, std::mt19937_64& rng) const {
  const double p = probability_[neuron];
  if (p <= 0.0) return kNever;
  if (p >= 1.0) return 0;
  constexpr double kTo01 = 0x1.0p-53;
  const double u = static_cast<double>((rng() >> 11) + 1) * kTo01;
  const double g = std::floor(std::log(u) / logMiss_[neuron]);
  return g < static_cast<double>(kNever) ? static_cast<int64_t>(g) : kNever;
}

void PoissonSource::schedule(int64_t block, int32_t neuron) {
  const int64_t when = nextSpike_[static_cast<size_t>(neuron)];
  if (when >= kNever || when < 0) return;
  int32_t& head = slotHead_[static_cast<size_t>(block * kSlots + slotOf(when, kSlots))];
  slotNext_[static_cast<size_t>(neuron)] = head;
  head = neuron;
}

void PoissonSource::update(int64_t step, int64_t begin, int64_t end, std::vector<int32_t>& spikes) {
  // [begin, end) is a whole number of blocks, so each block's stream and calendar are used by one
  // thread only. A neuron waits in the calendar slot of its next spike step (modulo kSlots); a
  // step looks only at its slot, and those due fire in neuron order, each then drawing its next
  // gap.
  for (int64_t b = begin / kBlockSize; b * kBlockSize < end; ++b) {
    const int64_t first = b * kBlockSize, last = std::min(end, first + kBlockSize);
    std::mt19937_64& rng = streams_[static_cast<size_t>(b)];
    int32_t* heads = &slotHead_[static_cast<size_t>(b * kSlots)];
    if (redraw_[static_cast<size_t>(b)]) {
      redraw_[static_cast<size_t>(b)] = 0;
      std::fill(heads, heads + kSlots, -1);
      for (int64_t i = first; i < last; ++i) {
        nextSpike_[static_cast<size_t>(i)] = spikeStep(step, gap(static_cast<size_t>(i), rng));
        schedule(b, static_cast<int32_t>(i));
      }
    }
    int32_t* due = &due_[static_cast<size_t>(first)];
    int64_t count = 0;
    const int64_t slot = slotOf(step, kSlots);
    int32_t n = heads[slot];
    heads[slot] = -1;
    while (n >= 0) {  // the slot's list: due now, or a whole number of laps later
      const int32_t following = slotNext_[static_cast<size_t>(n)];
      if (nextSpike_[static_cast<size_t>(n)] == step)
        due[count++] = n;
      else
        schedule(b, n);
      n = following;
    }
    std::sort(due, due + count);
    for (int64_t k = 0; k < count; ++k) {
      const int32_t i = due[k];
      spikes.push_back(i);
      nextSpike_[static_cast<size_t>(i)] = spikeStep(step + 1, gap(static_cast<size_t>(i), rng));
      schedule(b, i);
    }
  }
}

}  // namespace snn
