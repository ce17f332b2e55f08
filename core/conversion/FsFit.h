#pragma once

#include <functional>

#include "FsCoding.h"
#include "model/AnnSpec.h"

namespace snn {

// How well an FS code of K steps approximates an activation f on an input range [lo, hi],
// measured on a uniform grid of `points` inputs (both ends included).
struct FsFitError {
  double maxAbs = 0.0;  // the largest |code(x) - f(x)|
  double rms = 0.0;     // root mean square of code(x) - f(x)
};
FsFitError fsFitError(const FsCoefficients& code, const std::function<double(double)>& f, double lo,
                      double hi, int points = 4001);

// An FS code fitted to f on [lo, hi] and its error there.
struct FsFit {
  FsCoefficients code;
  FsFitError error;
  double lo = 0.0, hi = 0.0;
};

// Fits the K-step code to f on [lo, hi] by optimisation (Stöckl & Maass, Nat. Mach. Intell.
// 3:230, 2021, fit T, h and d to an activation by minimising the squared error over its
// inputs; here without gradients, which a step function does not have):
//   - start from the binary code of x - o on [o, hi]: T(t) = o + (hi - o) 2^-(t+1),
//     h(t) = (hi - o) 2^-(t+1), so the spikes are the binary digits of (x - o) / (hi - o),
//     for a few origins o (lo, a quarter and half way in, and 0 when the range holds it);
//     where f dips below both ends (SiLU), also from codes whose first step is an indicator
//     (reset 0) left of the dip, which lets d(1) go negative and follow the dip; and from a
//     few random codes drawn from a fixed seed;
//   - for given T and h the output sum_t d(t) z(t) is linear in d: d is the least-squares
//     solution on the grid (normal equations, K x K);
//   - T and h are improved by coordinate search (each coefficient moved up and down by a step
//     that halves when no move helps), every candidate with its least-squares d.
// The best of those searches is kept. Deterministic. `points` inputs on a uniform grid.
FsFit fitFsCode(const std::function<double(double)>& f, int steps, double lo, double hi,
                int points = 2001);

// The activation of a layer type (relu, silu, sigmoid), as FS codes approximate it.
std::function<double(double)> fsActivation(AnnLayerType type);

}  // namespace snn
