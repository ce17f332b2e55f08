// Crossbar benchmarks (issue 11). Run by hand; the figures go to the report and the README.
//
//   snnwb-bench-crossbar compare CASE.json...   IR-drop fold against the SPICE currents stored in
//                                               each case (bench/irdrop_vs_ngspice.py writes them)
//   snnwb-bench-crossbar speed [--repeat N]     fold time (128 x 128, 256 x 256; 1 and 2 threads),
//                                               reads per second of a folded 128 x 128 array and
//                                               the build of Diehl & Cook's 784 x 800 crossbar
//
// A case file: {"rows", "cols", "r_wire", "r_source", "r_sense" (Ω), "conductances" (µS, rows
// lists), "inputs" (V, one list per input vector), "spice_currents" (µA, one list per input)}.
// Every timing is the median of N repeats; the machine is shared, so compare ratios measured in
// the same run rather than absolute numbers.
#include <omp.h>
#include <Eigen/Dense>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "crossbar/ArrayNetwork.h"
#include "crossbar/CrossbarArray.h"
#include "crossbar/IrDropSolver.h"

using namespace snn;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

Eigen::MatrixXd matrixOf(const nlohmann::json& rows) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()),
                    static_cast<Eigen::Index>(rows.at(0).size()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) m(i, j) = rows.at(i).at(j).get<double>();
  return m;
}

int compare(const std::vector<std::string>& files) {
  std::printf("%-28s %9s %12s %12s %10s\n", "case", "size", "max_rel_err", "ir_drop", "fold_s");
  int failures = 0;
  for (const std::string& file : files) {
    std::ifstream in(file);
    if (!in) {
      std::fprintf(stderr, "cannot read %s\n", file.c_str());
      return 2;
    }
    const nlohmann::json c = nlohmann::json::parse(in);
    const Eigen::MatrixXd g = matrixOf(c.at("conductances"));
    const Eigen::MatrixXd inputs = matrixOf(c.at("inputs"));         // one input per row
    const Eigen::MatrixXd spice = matrixOf(c.at("spice_currents"));  // one output per row
    const WireResistances r{c.at("r_wire").get<double>(), c.at("r_source").get<double>(),
                            c.at("r_sense").get<double>()};
    const auto t0 = Clock::now();
    const Eigen::MatrixXd e = IrDropSolver::fold(g, r);
    const double foldS = seconds(t0, Clock::now());
    double worst = 0.0, drop = 0.0;
    for (Eigen::Index k = 0; k < inputs.rows(); ++k) {
      const Eigen::VectorXd v = inputs.row(k).transpose();
      const Eigen::VectorXd ours = e * v;
      const Eigen::VectorXd ideal = g.transpose() * v;
      for (Eigen::Index j = 0; j < ours.size(); ++j) {
        worst = std::max(worst, std::abs(ours(j) - spice(k, j)) / std::abs(spice(k, j)));
        drop = std::max(drop, 1.0 - spice(k, j) / ideal(j));
      }
    }
    const std::string name = file.substr(file.find_last_of('/') + 1);
    std::printf("%-28s %4ldx%-4ld %12.3e %11.1f%% %10.4f\n", name.c_str(),
                static_cast<long>(g.rows()), static_cast<long>(g.cols()), worst, 100.0 * drop,
                foldS);
    if (!(worst <= 1e-4)) ++failures;
  }
  std::printf("%s\n", failures == 0 ? "all cases within 1e-4 relative of SPICE"
                                    : "SOME CASES DIFFER FROM SPICE BY MORE THAN 1e-4");
  return failures == 0 ? 0 : 1;
}

Eigen::MatrixXd randomConductances(Eigen::Index rows, Eigen::Index cols, double lo, double hi,
                                   uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(lo, hi);
  Eigen::MatrixXd g(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) g(i, j) = u(rng);
  return g;
}

void foldTimes(int repeat) {
  const WireResistances strong{2.5, 10.0, 10.0};
  for (int threads : {1, 2}) {
    Eigen::setNbThreads(threads);
    for (Eigen::Index n : {64, 128, 256}) {
      const Eigen::MatrixXd g = randomConductances(n, n, 10.0, 1000.0, 7);
      std::vector<double> t;
      for (int k = 0; k < repeat; ++k) {
        const auto a = Clock::now();
        const Eigen::MatrixXd e = IrDropSolver::fold(g, strong);
        t.push_back(seconds(a, Clock::now()));
        if (e(0, 0) < 0) std::printf("?");  // keep the result alive
      }
      std::printf("fold %4ldx%-4ld threads %d: %.4f s (median of %d)\n", static_cast<long>(n),
                  static_cast<long>(n), threads, median(t), repeat);
    }
  }
  // A 784 x 200 layer (MNIST input, 100 outputs on pairs) as one array, both threads, once.
  {
    const Eigen::MatrixXd g = randomConductances(784, 200, 10.0, 100.0, 7);
    const auto a = Clock::now();
    const Eigen::MatrixXd e = IrDropSolver::fold(g, strong);
    std::printf("fold  784x200  threads 2: %.4f s (one array, mirrored sweep; once)\n",
                seconds(a, Clock::now()));
    if (e(0, 0) < 0) std::printf("?");
  }
  // Peer: the same fold by sparse nodal analysis (Eigen SimplicialLDLT, one solve per row).
  Eigen::setNbThreads(1);
  for (Eigen::Index n : {64, 128}) {
    const Eigen::MatrixXd g = randomConductances(n, n, 10.0, 1000.0, 7);
    const auto a = Clock::now();
    const ArrayNetwork network(g, strong);
    const Eigen::MatrixXd e = network.fold();
    std::printf("peer: sparse LDL' fold %ldx%ld: %.4f s\n", static_cast<long>(n),
                static_cast<long>(n), seconds(a, Clock::now()));
    if (e(0, 0) < 0) std::printf("?");
  }
}

// Reads per second of `read` over at least `minSeconds`.
template <typename Read>
double readRate(Read read, double minSeconds) {
  int64_t reads = 0;
  const auto a = Clock::now();
  double elapsed = 0.0;
  while (elapsed < minSeconds) {
    for (int k = 0; k < 1000; ++k) read();
    reads += 1000;
    elapsed = seconds(a, Clock::now());
  }
  return static_cast<double>(reads) / elapsed;
}

void readRates(int repeat) {
  Eigen::setNbThreads(1);
  CrossbarSpec spec;
  spec.id = "bench";
  spec.rows = 128;
  spec.cols = 128;  // 64 weight columns on differential pairs
  spec.array.rWire = 2.5;
  spec.array.rSource = 10.0;
  spec.array.rSense = 10.0;
  CrossbarArray ideal(spec, 1);
  spec.device.params["read_noise"] = ValueSpec::constant(0.05);
  spec.array.dacBits = 8;
  spec.array.adcBits = 8;
  CrossbarArray full(spec, 1);
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(0.0, 0.2);
  Eigen::VectorXd v(128), out(128);
  for (Eigen::Index i = 0; i < v.size(); ++i) v(i) = u(rng);
  std::vector<int32_t> spikes;
  for (int32_t i = 0; i < 128; i += 10) spikes.push_back(i);  // 13 of 128 rows spike
  const Eigen::MatrixXd e = ideal.tiles().front().effective();
  const Eigen::MatrixXd gt = ideal.readConductances().transpose();

  std::vector<double> plain, wires, noisy, spikeWires, spikeNoisy;
  for (int k = 0; k < repeat; ++k) {
    plain.push_back(readRate([&] { out.noalias() = gt * v; }, 0.3));
    wires.push_back(readRate([&] { ideal.read(v, out); }, 0.3));
    noisy.push_back(readRate([&] { full.read(v, out); }, 0.3));
    spikeWires.push_back(readRate([&] { ideal.readSpikes(spikes, out); }, 0.3));
    spikeNoisy.push_back(readRate([&] { full.readSpikes(spikes, out); }, 0.3));
  }
  const double p = median(plain);
  std::printf("reads/s, 128x128 array, one core (median of %d):\n", repeat);
  std::printf("  peer: plain product G'v (no IR drop)         %10.0f\n", p);
  std::printf("  read, folded IR drop, ideal periphery        %10.0f  (%.2fx the peer's time)\n",
              median(wires), p / median(wires));
  std::printf("  read, IR drop + read noise + 8-bit DAC/ADC   %10.0f  (%.2fx)\n", median(noisy),
              p / median(noisy));
  std::printf("  spikes (13 rows), IR drop                    %10.0f\n", median(spikeWires));
  std::printf("  spikes (13 rows), IR drop + noise + ADC      %10.0f\n", median(spikeNoisy));
}

// Building the crossbar of Diehl & Cook's input layer (784 x 400 weights on 784 x 800 devices,
// RRAM HfOx with 5 % read noise, 128 x 128 tiles, r_wire 1 Ω, 8-bit ADC, write-verify): fabricate,
// program and fold, on 1 and 2 threads; the two must give the same devices and the same reads.
void buildTimes(int repeat) {
  CrossbarSpec spec;
  spec.id = "xb_input";
  spec.rows = 784;
  spec.cols = 800;
  spec.device.preset = "rram_hfox";
  spec.device.params["read_noise"] = ValueSpec::constant(0.05);
  spec.array.tileRows = 128;
  spec.array.tileCols = 128;
  spec.array.rWire = 1.0;
  spec.array.adcBits = 8;
  spec.mapping.wMax = 1.0;
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(0.003, 0.303);  // D&C's initial weights
  Eigen::MatrixXd w(784, 400);
  for (Eigen::Index j = 0; j < w.cols(); ++j)
    for (Eigen::Index i = 0; i < w.rows(); ++i) w(i, j) = u(rng);
  std::vector<int32_t> spikes;
  for (int32_t i = 3; i < 784; i += 97) spikes.push_back(i);
  Eigen::VectorXd reads[2];
  for (int threads : {1, 2}) {
    omp_set_num_threads(threads);
    std::vector<double> total, program;
    for (int k = 0; k < repeat; ++k) {
      const auto a = Clock::now();
      CrossbarArray xb(spec, 1);
      const auto b = Clock::now();
      const ProgramReport report = xb.programWeights(w);
      const auto c = Clock::now();
      total.push_back(seconds(a, c));
      program.push_back(seconds(b, c));
      reads[threads - 1] = Eigen::VectorXd::Zero(800);
      xb.readSpikes(spikes, reads[threads - 1]);
      if (k == 0 && threads == 1)
        std::printf("program 784x800 (49 tiles): %llu pulses, %lld out of budget\n",
                    static_cast<unsigned long long>(report.pulses.total()),
                    static_cast<long long>(report.outOfBudget));
    }
    std::printf(
        "build 784x800 write-verify + fold, %d thread(s): %.3f s (programming and fold "
        "%.3f s; median of %d)\n",
        threads, median(total), median(program), repeat);
  }
  std::printf("1 and 2 threads read the same currents: %s\n", reads[0] == reads[1] ? "yes" : "NO");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s compare CASE.json... | speed [--repeat N]\n", argv[0]);
    return 2;
  }
  const std::string command = argv[1];
  if (command == "compare") return compare(std::vector<std::string>(argv + 2, argv + argc));
  if (command == "speed") {
    int repeat = 5;
    if (argc >= 4 && std::string(argv[2]) == "--repeat") repeat = std::max(1, std::atoi(argv[3]));
    foldTimes(repeat);
    readRates(repeat);
    buildTimes(std::min(repeat, 3));
    return 0;
  }
  std::fprintf(stderr, "unknown command '%s'\n", command.c_str());
  return 2;
}
