#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "CrossbarArray.h"
#include "synapses/SynapseMatrix.h"

namespace snn {

// The synapses of one projection carried by a crossbar (DESIGN.md, step 4): presynaptic neuron i
// drives row i, postsynaptic neuron j reads weight column j (columns 2j and 2j + 1 with
// differential pairs). Each step the step's spikes put v_read on their rows; the column currents
// after IR drop, read noise and the ADC, divided by v_read and the mapping's scale, are what the
// targets receive, in the projection's weight unit (nA).
//
// The weights come from the compiled synapses (a synapse the connector did not draw is a weight
// of 0, both devices at G_min) and are programmed as the crossbar's programming says, unless the
// crossbar gives its conductances. The synapse matrix's weights are kept equal to what the
// devices represent (syncWeights), so trainers and views read learned weights as usual.
//
// Owned by a CompiledProjection; read() and pulses run on one thread per step (the simulator's
// single section), so the crossbar's noise streams are drawn in one order whatever the number
// of threads.
class CrossbarSynapses {
 public:
  // Programs (or loads) the crossbar. Throws SpecError for an invalid spec.
  CrossbarSynapses(const CrossbarSpec& spec, SynapseMatrix& synapses, uint64_t runSeed);

  CrossbarArray& array() { return *array_; }
  const CrossbarArray& array() const { return *array_; }
  const ProgramReport& programming() const { return programming_; }

  // The weights a synapse matrix holds, as a dense pre x post matrix (repeated pairs add up).
  static Eigen::MatrixXd denseWeights(const SynapseMatrix& m);
  // Writes into m.weight what the devices represent now.
  void syncWeights(SynapseMatrix& m) const;

  // Step 4: reads the array with `rows` (sorted, each once) at v_read. Afterwards active() says
  // whether any row was driven and output() holds one value per postsynaptic neuron.
  void read(std::span<const int32_t> rows);
  // The same for analog inputs (a current source's output, one value per row): row i is driven
  // with inputs(i) v_read through the DAC, so the output is sum_i w_ij inputs(i).
  void readAnalog(const Eigen::Ref<const Eigen::VectorXd>& inputs);
  bool active() const { return active_; }
  const float* output() const { return output_.data(); }

  // The state reset() comes back to: the devices and noise streams as they are now (after
  // programming and the plasticity rule's preparation).
  void keepInitial() { initial_ = *array_; }
  // Back to that state: Simulator::reset().
  void reset() { *array_ = initial_; }
  // A live change of the spec (CrossbarArray::applyLive), kept across resets. False: rebuild.
  bool applyLive(const CrossbarSpec& next);

 private:
  std::unique_ptr<CrossbarArray> array_;
  CrossbarArray initial_;
  ProgramReport programming_;
  void convertOutputs();

  Eigen::VectorXd currents_, outputs_, volts_;
  std::vector<float> output_;
  bool active_ = false;
};

}  // namespace snn
