#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace snn {

// A numeric quantity as a project file gives it: one number for every element, one number per
// element, or a distribution drawn per element from a seeded random stream. Used for neuron
// parameters, initial state, synaptic weights and delays.
struct ValueSpec {
  enum class Kind { Scalar, Array, Uniform, Normal };

  Kind kind = Kind::Scalar;
  double scalar = 0.0;        // Kind::Scalar
  std::vector<double> array;  // Kind::Array: one value per element
  double a = 0.0;             // Uniform: lower bound; Normal: mean
  double b = 0.0;             // Uniform: upper bound; Normal: standard deviation

  static ValueSpec constant(double v);
  static ValueSpec perElement(std::vector<double> values);
  static ValueSpec uniform(double lo, double hi);
  static ValueSpec normal(double mean, double sd);

  bool isScalar() const { return kind == Kind::Scalar; }
  bool isRandom() const { return kind == Kind::Uniform || kind == Kind::Normal; }
  // The smallest and largest value an element can take (a normal spans ±infinity unless sd is 0).
  double lowest() const;
  double highest() const;
  // Mean value over elements (used for estimates and summaries).
  double mean() const;

  // Writes one value per element into `out`. An Array must have out.size() elements (the caller
  // validated that); random kinds draw from `rng` in element order.
  void fill(std::span<double> out, std::mt19937_64& rng) const;
  double draw(std::mt19937_64& rng) const;  // one element of a Scalar or random kind

  // "5", "[3 values]", "uniform(-60, -50)", "normal(0.1, 0.02)": for messages and summaries.
  std::string describe() const;

  bool operator==(const ValueSpec&) const = default;
};

}  // namespace snn
