#include "RemainingTime.h"

#include <algorithm>

namespace snn::gui {

void RemainingTime::start(int epochs, int64_t trainSamples, int64_t testSamples) {
  epochs_ = std::max(epochs, 1);
  epoch_ = 1;
  spentInEarlierEpochs_ = 0.0;
  passes_ = {{.phase = "train", .total = trainSamples}, {.phase = "test", .total = testSamples}};
}

RemainingTime::Pass* RemainingTime::find(const std::string& phase) {
  for (Pass& p : passes_)
    if (p.phase == phase) return &p;
  return nullptr;
}

void RemainingTime::update(const TrainingProgress& progress) {
  if (progress.epoch > epoch_) {
    for (Pass& p : passes_) {
      spentInEarlierEpochs_ += p.elapsed;
      p.done = 0;
      p.elapsed = 0.0;
    }
    epoch_ = progress.epoch;
  }
  Pass* pass = find(progress.phase);
  if (!pass) {
    auto test = std::find_if(passes_.begin(), passes_.end(),
                             [](const Pass& p) { return p.phase == "test"; });
    pass = &*passes_.insert(progress.phase == "test" ? passes_.end() : test,
                            Pass{.phase = progress.phase});
  }
  pass->total = progress.total;
  pass->done = progress.done;
  pass->elapsed = progress.elapsedSeconds;
  if (progress.done > 0) pass->perSample = progress.elapsedSeconds / double(progress.done);
  // The passes before this one are over for this epoch.
  for (Pass& p : passes_) {
    if (&p == pass) break;
    p.done = p.total;
  }
}

double RemainingTime::secondsPerSample(const Pass& pass) const {
  if (pass.perSample >= 0.0) return pass.perSample;
  for (const Pass& p : passes_)
    if (p.phase == "train" && p.perSample >= 0.0) return p.perSample;
  return -1.0;
}

std::optional<double> RemainingTime::seconds() const {
  double thisEpoch = 0.0, wholeEpoch = 0.0;
  for (const Pass& p : passes_) {
    const double each = secondsPerSample(p);
    if (each < 0.0) return std::nullopt;
    thisEpoch += double(p.total - p.done) * each;
    wholeEpoch += double(p.total) * each;
  }
  return thisEpoch + double(epochs_ - epoch_) * wholeEpoch;
}

double RemainingTime::fraction() const {
  double spent = spentInEarlierEpochs_;
  int64_t done = 0, total = 0;
  for (const Pass& p : passes_) {
    spent += p.elapsed;
    done += p.done;
    total += p.total;
  }
  if (const auto left = seconds(); left && spent + *left > 0.0)
    return std::clamp(spent / (spent + *left), 0.0, 1.0);
  const double samples = double(total) * epochs_;
  return samples > 0 ? std::clamp((double(total) * (epoch_ - 1) + double(done)) / samples, 0.0, 1.0)
                     : 0.0;
}

}  // namespace snn::gui
