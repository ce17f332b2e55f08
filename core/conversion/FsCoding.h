#pragma once

#include <vector>

namespace snn {

// Few-spike (FS) coding (Stöckl & Maass, "Optimized spiking neurons can classify images with
// high accuracy through temporal coding with two spikes", Nat. Mach. Intell. 3:230, 2021). An FS
// neuron gets its input x as its membrane potential and runs K steps:
//   z(t) = [v(t) >= T(t)],   v(t+1) = v(t) - h(t) z(t),   output += d(t) z(t)
// so a spike at step t carries d(t). The next layer receives the weighted outputs of all K
// steps and runs its own K steps after them (layers pipelined every K steps).
struct FsCoefficients {
  std::vector<float> threshold;  // T(t)
  std::vector<float> reset;      // h(t)
  std::vector<float> weight;     // d(t)
  int steps() const { return static_cast<int>(threshold.size()); }
};

// ReLU in closed form: T(t) = h(t) = d(t) = alpha 2^-t, t = 1..K: the output is x rounded down
// to a multiple of alpha 2^-K, clipped to [0, alpha (1 - 2^-K)] (the binary expansion of x).
FsCoefficients fsReluCoefficients(int steps, float alpha = 1.0f);

// The largest error of that code on [0, alpha (1 - 2^-K)]: one quantisation step, alpha 2^-K
// (approached, not reached, just below each multiple).
double fsReluQuantisationBound(int steps, float alpha = 1.0f);

// The FS neuron's output for input x; adds its spikes to *spikes when given.
float fsNeuronOutput(const FsCoefficients& c, float x, int* spikes = nullptr);

}  // namespace snn
