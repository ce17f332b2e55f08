#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "Real.h"
#include "ResolvedParams.h"

namespace snn {

// A number the update kernel needs per neuron (a propagator, a threshold): one value when every
// neuron shares it, else one per neuron. Kernels are instantiated twice (all shared / per neuron)
// through NeuronConstantView so the common all-shared case keeps its operands in registers.
struct NeuronConstant {
  Real shared = 0.0f;
  std::vector<Real> perNeuron;  // empty when shared

  bool varies() const { return !perNeuron.empty(); }
  Real at(int64_t i) const { return varies() ? perNeuron[static_cast<size_t>(i)] : shared; }

  // Evaluates f(neuron) for every neuron, or once if every parameter it reads is uniform.
  // `uniform` tells whether all inputs of f are shared by the population.
  static NeuronConstant compute(int64_t size, bool uniform,
                                const std::function<double(int64_t)>& f);
};

template <bool PerNeuron>
struct NeuronConstantView;

template <>
struct NeuronConstantView<false> {
  Real x;
  explicit NeuronConstantView(const NeuronConstant& c) : x(c.shared) {}
  Real operator[](int64_t) const { return x; }
};

template <>
struct NeuronConstantView<true> {
  const Real* x;
  explicit NeuronConstantView(const NeuronConstant& c) : x(c.perNeuron.data()) {}
  Real operator[](int64_t i) const { return x[i]; }
};

// True when none of the named parameters varies across the population.
bool allUniform(const ResolvedParams& p, std::initializer_list<std::string_view> names);

}  // namespace snn
