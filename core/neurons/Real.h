#pragma once

namespace snn {

// Precision of neuron state and synaptic currents. Brian2 and NEST integrate in double; in single
// precision a membrane creeping up to threshold at dt = 0.01 ms drifts by tens of microseconds
// per interval. The kernels vectorise either way; synaptic weights are stored as float.
using Real = double;

}  // namespace snn
