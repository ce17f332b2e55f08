#include "FsFit.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>

namespace snn {

namespace {

// The spike pattern z(t) of input x under thresholds T and resets h (as fsNeuronOutput).
void spikePattern(const std::vector<double>& T, const std::vector<double>& h, double x, double* z) {
  double v = x;
  for (size_t t = 0; t < T.size(); ++t) {
    z[t] = v >= T[t] ? 1.0 : 0.0;
    v -= z[t] * h[t];
  }
}

struct Candidate {
  std::vector<double> T, h, d;
  double sse = 0.0;
};

// d by least squares for the given T and h; sets c.d and c.sse.
void solveWeights(Candidate& c, const std::vector<double>& xs, const std::vector<double>& ys) {
  const auto K = static_cast<Eigen::Index>(c.T.size());
  Eigen::MatrixXd Z(static_cast<Eigen::Index>(xs.size()), K);
  for (size_t i = 0; i < xs.size(); ++i) {
    Eigen::VectorXd z(K);
    spikePattern(c.T, c.h, xs[i], z.data());
    Z.row(static_cast<Eigen::Index>(i)) = z.transpose();
  }
  const Eigen::Map<const Eigen::VectorXd> y(ys.data(), static_cast<Eigen::Index>(ys.size()));
  // A small ridge keeps never-firing steps (a zero column) solvable: their d goes to 0.
  Eigen::MatrixXd A = Z.transpose() * Z;
  A.diagonal().array() += 1e-9;
  const Eigen::VectorXd d = A.ldlt().solve(Z.transpose() * y);
  c.d.assign(d.data(), d.data() + K);
  c.sse = (Z * d - y).squaredNorm();
}

}  // namespace

FsFitError fsFitError(const FsCoefficients& code, const std::function<double(double)>& f, double lo,
                      double hi, int points) {
  FsFitError e;
  double sum = 0.0;
  const int n = std::max(2, points);
  for (int i = 0; i < n; ++i) {
    const double x = lo + (hi - lo) * i / (n - 1);
    const double err = double(fsNeuronOutput(code, static_cast<float>(x))) - f(x);
    e.maxAbs = std::max(e.maxAbs, std::abs(err));
    sum += err * err;
  }
  e.rms = std::sqrt(sum / n);
  return e;
}

namespace {

// Coordinate search over T and h from `start`, each with its own step size, every candidate
// with its least-squares d.
Candidate search(Candidate best, const std::vector<double>& xs, const std::vector<double>& ys) {
  const size_t steps = best.T.size();
  solveWeights(best, xs, ys);
  std::vector<double> size(2 * steps);
  for (size_t t = 0; t < steps; ++t) size[t] = size[steps + t] = best.h[t] / 4;
  const double smallest = (xs.back() - xs.front()) * 1e-6;
  for (int round = 0; round < 80; ++round) {
    bool moved = false;
    for (size_t p = 0; p < size.size(); ++p) {
      if (size[p] < smallest) continue;
      bool improved = false;
      for (double sign : {1.0, -1.0}) {
        Candidate c = best;
        double& value = p < steps ? c.T[p] : c.h[p - steps];
        value += sign * size[p];
        solveWeights(c, xs, ys);
        if (c.sse < best.sse * (1.0 - 1e-9)) {
          best = std::move(c);
          improved = true;
          break;
        }
      }
      if (improved)
        moved = true;
      else
        size[p] /= 2;
    }
    if (!moved && *std::max_element(size.begin(), size.end()) < smallest) break;
  }
  return best;
}

}  // namespace

FsFit fitFsCode(const std::function<double(double)>& f, int steps, double lo, double hi,
                int points) {
  const int n = std::max(2, points);
  std::vector<double> xs(static_cast<size_t>(n)), ys(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    xs[static_cast<size_t>(i)] = lo + (hi - lo) * i / (n - 1);
    ys[static_cast<size_t>(i)] = f(xs[static_cast<size_t>(i)]);
  }
  // Starts: the binary code of (x - o) / (hi - o) for a few origins o (the range's start, 0
  // where the range holds it: a ReLU-like start for SiLU, and a quarter and half way in).
  std::vector<double> origins = {lo, lo + 0.25 * (hi - lo), lo + 0.5 * (hi - lo)};
  if (lo < 0.0 && hi > 0.0) origins.push_back(0.0);
  Candidate best;
  best.sse = std::numeric_limits<double>::infinity();
  for (double o : origins) {
    Candidate start;
    for (int t = 0; t < steps; ++t) {
      const double step = (hi - o) * std::ldexp(1.0, -(t + 1));
      start.T.push_back(o + step);
      start.h.push_back(step);
    }
    Candidate c = search(std::move(start), xs, ys);
    if (c.sse < best.sse) best = std::move(c);
  }
  FsFit fit;
  for (int t = 0; t < steps; ++t) {
    fit.code.threshold.push_back(static_cast<float>(best.T[size_t(t)]));
    fit.code.reset.push_back(static_cast<float>(best.h[size_t(t)]));
    fit.code.weight.push_back(static_cast<float>(best.d[size_t(t)]));
  }
  fit.lo = lo;
  fit.hi = hi;
  fit.error = fsFitError(fit.code, f, lo, hi);
  return fit;
}

std::function<double(double)> fsActivation(AnnLayerType type) {
  switch (type) {
    case AnnLayerType::Silu:
      return [](double x) { return x / (1.0 + std::exp(-x)); };
    case AnnLayerType::Sigmoid:
      return [](double x) { return 1.0 / (1.0 + std::exp(-x)); };
    default:
      return [](double x) { return std::max(0.0, x); };
  }
}

}  // namespace snn
