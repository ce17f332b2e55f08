#include "ValueSpec.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

namespace snn {

ValueSpec ValueSpec::constant(double v) {
  ValueSpec s;
  s.kind = Kind::Scalar;
  s.scalar = v;
  return s;
}

ValueSpec ValueSpec::perElement(std::vector<double> values) {
  ValueSpec s;
  s.kind = Kind::Array;
  s.array = std::move(values);
  return s;
}

ValueSpec ValueSpec::uniform(double lo, double hi) {
  ValueSpec s;
  s.kind = Kind::Uniform;
  s.a = lo;
  s.b = hi;
  return s;
}

ValueSpec ValueSpec::normal(double mean, double sd) {
  ValueSpec s;
  s.kind = Kind::Normal;
  s.a = mean;
  s.b = sd;
  return s;
}

double ValueSpec::lowest() const {
  switch (kind) {
    case Kind::Scalar:
      return scalar;
    case Kind::Array:
      return array.empty() ? 0.0 : *std::min_element(array.begin(), array.end());
    case Kind::Uniform:
      return a;
    case Kind::Normal:
      return b == 0.0 ? a : -std::numeric_limits<double>::infinity();
  }
  return scalar;
}

double ValueSpec::highest() const {
  switch (kind) {
    case Kind::Scalar:
      return scalar;
    case Kind::Array:
      return array.empty() ? 0.0 : *std::max_element(array.begin(), array.end());
    case Kind::Uniform:
      return b;
    case Kind::Normal:
      return b == 0.0 ? a : std::numeric_limits<double>::infinity();
  }
  return scalar;
}

double ValueSpec::mean() const {
  switch (kind) {
    case Kind::Scalar:
      return scalar;
    case Kind::Array:
      return array.empty() ? 0.0 : std::accumulate(array.begin(), array.end(), 0.0) / array.size();
    case Kind::Uniform:
      return 0.5 * (a + b);
    case Kind::Normal:
      return a;
  }
  return scalar;
}

double ValueSpec::draw(std::mt19937_64& rng) const {
  switch (kind) {
    case Kind::Uniform:
      return std::uniform_real_distribution<double>(a, b)(rng);
    case Kind::Normal:
      return b > 0.0 ? std::normal_distribution<double>(a, b)(rng) : a;
    default:
      return scalar;
  }
}

void ValueSpec::fill(std::span<double> out, std::mt19937_64& rng) const {
  switch (kind) {
    case Kind::Scalar:
      std::fill(out.begin(), out.end(), scalar);
      return;
    case Kind::Array:
      assert(array.size() == out.size());
      std::copy_n(array.begin(), std::min(array.size(), out.size()), out.begin());
      return;
    case Kind::Uniform: {
      std::uniform_real_distribution<double> d(a, b);
      for (double& x : out) x = d(rng);
      return;
    }
    case Kind::Normal: {
      if (b <= 0.0) {
        std::fill(out.begin(), out.end(), a);
        return;
      }
      std::normal_distribution<double> d(a, b);
      for (double& x : out) x = d(rng);
      return;
    }
  }
}

std::string ValueSpec::describe() const {
  std::ostringstream s;
  switch (kind) {
    case Kind::Scalar:
      s << scalar;
      break;
    case Kind::Array:
      s << "[" << array.size() << " values]";
      break;
    case Kind::Uniform:
      s << "uniform(" << a << ", " << b << ")";
      break;
    case Kind::Normal:
      s << "normal(" << a << ", " << b << ")";
      break;
  }
  return s.str();
}

}  // namespace snn
