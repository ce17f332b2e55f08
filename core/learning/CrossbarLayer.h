#pragma once

#include <Eigen/Dense>
#include <memory>
#include <vector>

#include "DenseLifLayer.h"
#include "crossbar/CrossbarArray.h"

namespace snn {

// A DenseLifLayer's product W x computed by an emulated crossbar (the "chip"): the layer's
// weights, transposed to inputs x neurons, are programmed onto the crossbar (rows = inputs,
// weight columns = neurons) and every input column is one read, so device levels, variation,
// faults, IR drop, read noise, DAC and ADC all act on the currents the neurons integrate.
// Inputs are voltages: spikes of the layer below (0/1) drive v_read on their rows
// (CrossbarArray::readSpikes), analog intensities x in [0, 1] drive x v_read through the DAC.
// Outputs come back in the layer's weight unit (CrossbarArray::toWeightOutputs).
//
// Reads run one after another in column order, drawing read noise from the crossbar's stream:
// the same seed and batches give the same numbers. Must outlive the layer it is attached to.
// Used by one thread.
class CrossbarLayer {
 public:
  // Builds the crossbar from `spec` (its rows and cols must fit the layer: rows = inputs,
  // weight columns = neurons; throws SpecError otherwise) and programs the layer's weights
  // unless the spec holds conductances. modelPerProjectUnit converts the spec's mapping.w_max
  // (project weight units, nA) into the layer's units (SurrogateLayerSpec::weightScale).
  CrossbarLayer(const CrossbarSpec& spec, uint64_t runSeed, const DenseLifLayer& layer,
                double modelPerProjectUnit = 1.0);

  CrossbarArray& array() { return array_; }
  const ProgramReport& lastProgramming() const { return report_; }

  // Programs the layer's present weights again (after software updates: in-the-loop training).
  void program(const DenseLifLayer& layer);
  // Makes `layer` compute its input product on this crossbar (until setProduct(nullptr)).
  void attach(DenseLifLayer& layer);
  // The weights the devices represent, neurons x inputs as DenseLifLayer stores them.
  Eigen::MatrixXf deviceWeights() const;

  // out (neurons x columns) = what the crossbar gives for input (inputs x columns).
  void product(const float* input, int64_t columns, float* out, bool spikes);

 private:
  CrossbarArray array_;
  ProgramReport report_;
  Eigen::VectorXd volts_, currents_, outputs_;
  std::vector<int32_t> rows_;
};

}  // namespace snn
