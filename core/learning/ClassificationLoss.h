#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snn {

// What the output layer of a surrogate-trained classifier is scored on. All three are
// cross-entropies with one output neuron per class; the answer is always the neuron with the
// most spikes (the lowest index on a tie), as snnTorch's tutorial 5 decodes it and as a run of
// the trained project in the simulator would.
enum class LossKind {
  // Sum over steps of the cross-entropy of the membrane potentials at that step: snnTorch
  // tutorial 5 (Eshraghian et al., Proc. IEEE 111:1016, 2023, eq. 10).
  MembranePerStep,
  // Cross-entropy of the membrane potential averaged over the steps (summed membrane).
  MembraneMean,
  // Cross-entropy of the spike counts (snnTorch's ce_count_loss); the gradient reaches the
  // membrane through the surrogate at every step.
  SpikeCount,
};

struct ClassificationLoss {
  using ConstMap = Eigen::Map<const Eigen::MatrixXf>;

  LossKind kind = LossKind::MembranePerStep;

  // Project parameter words, in the order of LossKind.
  static const std::vector<std::string>& names();
  static std::optional<LossKind> parse(std::string_view name);

  // membrane and spikes: classes x (steps * batch), step t of sample b in column t * batch + b.
  // Returns the loss of the batch (cross-entropies averaged over samples, as PyTorch's
  // CrossEntropyLoss; MembranePerStep sums those over steps) and writes its gradient with
  // respect to the membrane and to the spikes (each classes x (steps * batch); the one the kind
  // does not use is zeroed; gradMembrane may be null for SpikeCount).
  double evaluate(ConstMap membrane, ConstMap spikes, int64_t batch, const uint8_t* labels,
                  float* gradMembrane, float* gradSpikes) const;

  // The class each sample is given: most spikes over the steps, lowest index on a tie.
  static void predict(ConstMap spikes, int64_t batch, int32_t* predicted);
};

}  // namespace snn
