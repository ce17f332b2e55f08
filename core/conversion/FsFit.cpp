#include "FsFit.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

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

// Coordinate search over T and h from `start`, each with its own step size (first `stride`
// times the reset, at least `least` of the range), every candidate with its least-squares d.
Candidate search(Candidate best, const std::vector<double>& xs, const std::vector<double>& ys,
                 double stride = 0.25, double least = 1.0 / 64) {
  const size_t steps = best.T.size();
  solveWeights(best, xs, ys);
  std::vector<double> size(2 * steps);
  // A reset of 0 (an indicator step) still gets room to move.
  const double room = (xs.back() - xs.front()) * least;
  for (size_t t = 0; t < steps; ++t) size[t] = size[steps + t] = std::max(best.h[t] * stride, room);
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

// The binary code of (x - o) / (top - o) in `steps` steps (its spikes are the digits).
void appendBinary(Candidate& c, double o, double top, int steps) {
  for (int t = 0; t < steps; ++t) {
    const double step = (top - o) * std::ldexp(1.0, -(t + 1));
    c.T.push_back(o + step);
    c.h.push_back(step);
  }
}

// Where the coordinate search starts:
//   - the binary code of (x - o) / (hi - o) for a few origins o (the range's start, a quarter
//     and half way in, and 0 where the range holds it: a ReLU-like start for SiLU);
//   - where f dips below both ends inside the range (SiLU's minimum, -0.28 at x = -1.28): a first
//     step with reset 0 at a few points left of the dip, an indicator whose least-squares d
//     comes out negative, then the binary code from 0 (or from the dip) in the other steps. A
//     code that starts binary at 0 never fires below it, and the search does not leave that
//     valley by itself (the fit kept a flat 0 over the dip: error 0.28);
//   - kRandomStarts codes drawn from a fixed seed (thresholds anywhere in the range, some
//     resets 0): the same fit every run.
std::vector<Candidate> startingCodes(const std::vector<double>& xs, const std::vector<double>& ys,
                                     int steps) {
  constexpr int kRandomStarts = 6;
  constexpr unsigned kSeed = 20210301;  // any fixed value: the fit is deterministic
  const double lo = xs.front(), hi = xs.back();
  std::vector<Candidate> starts;
  std::vector<double> origins = {lo, lo + 0.25 * (hi - lo), lo + 0.5 * (hi - lo)};
  if (lo < 0.0 && hi > 0.0) origins.push_back(0.0);
  for (double o : origins) {
    starts.emplace_back();
    appendBinary(starts.back(), o, hi, steps);
  }
  const auto lowest = std::min_element(ys.begin(), ys.end()) - ys.begin();
  const double dip = xs[static_cast<size_t>(lowest)];
  if (steps >= 2 && ys[size_t(lowest)] < std::min(ys.front(), ys.back())) {
    for (double left : {0.25, 0.5, 0.75})
      for (double origin : {std::max(dip, std::min(0.0, hi)), dip}) {
        Candidate c;
        c.T.push_back(dip - left * (dip - lo));
        c.h.push_back(0.0);
        appendBinary(c, origin, hi, steps - 1);
        starts.push_back(std::move(c));
      }
  }
  std::mt19937 rng(kSeed);
  std::uniform_real_distribution<double> where(lo, hi), share(0.0, 1.0);
  for (int r = 0; r < kRandomStarts; ++r) {
    Candidate c;
    const double o = where(rng);
    const double top = o + (hi - o) * (0.5 + 0.5 * share(rng));
    appendBinary(c, o, top, steps);
    for (int t = 0; t < steps; ++t)
      if (share(rng) < 0.25) {  // an indicator step anywhere
        c.T[size_t(t)] = where(rng);
        c.h[size_t(t)] = 0.0;
      }
    starts.push_back(std::move(c));
  }
  return starts;
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
  // Every start searched on every 4th point of the grid, the best kPolished of those again on
  // the whole grid with finer steps: many starts for the time of a few.
  constexpr size_t kCoarse = 4, kPolished = 2;
  std::vector<double> cx, cy;
  for (size_t i = 0; i < xs.size(); i += kCoarse) {
    cx.push_back(xs[i]);
    cy.push_back(ys[i]);
  }
  if (cx.back() != xs.back()) {
    cx.push_back(xs.back());
    cy.push_back(ys.back());
  }
  std::vector<Candidate> found;
  for (Candidate& start : startingCodes(xs, ys, steps)) found.push_back(search(start, cx, cy));
  std::stable_sort(found.begin(), found.end(),
                   [](const Candidate& a, const Candidate& b) { return a.sse < b.sse; });
  Candidate best;
  best.sse = std::numeric_limits<double>::infinity();
  for (size_t i = 0; i < std::min(kPolished, found.size()); ++i) {
    Candidate c = search(std::move(found[i]), xs, ys, 1.0 / 32, 1.0 / 1024);
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
