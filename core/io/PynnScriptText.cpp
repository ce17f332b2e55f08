#include "PynnScriptText.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "synapses/ConnectorBuilder.h"

namespace snn::pynn {

std::string number(double v) {
  if (std::isinf(v)) return v > 0 ? "float('inf')" : "-float('inf')";
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  std::string s = buf;
  if (s.find("e+") != std::string::npos && v == std::floor(v) && std::abs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);  // 2e+01 -> 20.0
    s = buf;
  }
  if (s.find_first_of(".e") == std::string::npos && s.find("inf") == std::string::npos) s += ".0";
  return s;
}

std::string list(const std::vector<double>& values, bool alwaysList) {
  bool same = !values.empty();
  for (double v : values) same = same && v == values.front();
  if (same && !alwaysList) return number(values.front());
  std::string s = "[";
  for (size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + number(values[i]);
  return s + "]";
}

std::string intList(const std::vector<int64_t>& values) {
  std::string s = "[";
  for (size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + std::to_string(values[i]);
  return s + "]";
}

std::string quoted(const std::string& text) {
  std::string s = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') s += '\\';
    s += c;
  }
  return s + "\"";
}

std::string spikeTrains(const SpikeTrains& trains, int64_t size) {
  std::string s = "[";
  for (int64_t n = 0; n < size; ++n) {
    std::vector<double> t;
    if (static_cast<size_t>(n) < trains.size()) t = trains[size_t(n)];
    std::string inner;
    for (size_t k = 0; k < t.size(); ++k)
      inner += (k ? ", " : "") + std::string("on_grid(") + number(t[k]) + ")";
    s += (n ? ", " : "") + std::string("Sequence([") + inner + "])";
  }
  return s + "]";
}

std::string gridTimes(const std::vector<double>& times) {
  std::string s = "[";
  for (size_t k = 0; k < times.size(); ++k)
    s += (k ? ", " : "") + ("on_grid(" + number(times[k]) + ")");
  return s + "]";
}

std::string whyNoCell(const std::string& model) {
  if (model == "if") return "(PyNN's standard cells all leak; no perfect integrator)";
  if (model == "adaptive_lif") return "(no adaptive-threshold LIF among PyNN's standard cells)";
  if (model == "hh")
    return "(PyNN's HH_cond_exp is the Traub & Miles variant with v_offset and conductance "
           "synapses, not the 1952 squid axon with current synapses)";
  return "(an encoder of dataset samples)";
}

std::string scriptHeader() {
  return R"(#!/usr/bin/python3
"""A network exported by SNN Workbench for PyNN 0.10.

Run it on any PyNN backend:
    python3 net.py SIMULATOR [--spikes OUT.csv]      # nest, brian2, neuron, spiNNaker, ...
    mpirun -np 4 python3 net.py nest --spikes out.csv   # distributed, on NEST with MPI

Units are PyNN's and the workbench's alike: ms, mV, nA, nF, Hz. Weights are the float32
values the workbench simulates with. Spikes are written as the workbench writes them:
population,neuron,time_ms, sorted by time.
"""
import argparse
import importlib
import math

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("simulator", help="PyNN backend: nest, brian2, neuron, spiNNaker, ...")
parser.add_argument("--spikes", help="write the recorded spikes to this CSV file")
args = parser.parse_args()
sim = importlib.import_module("pyNN." + args.simulator)
from pyNN.parameters import Sequence  # noqa: E402
from pyNN.random import NumpyRNG, RandomDistribution  # noqa: E402,F401


def on_grid(t):
    # The workbench puts a spike (or a current change) given at time t on step t / DT rounded
    # half away from zero (C's llround); Brian2 and NEST floor t / DT, and Python's round()
    # rounds half to even, so the time is moved onto the workbench's step here.
    return math.floor(t / DT + 0.5) * DT


)";
}

std::string scriptFooter() {
  return R"(
for label in RECORDED:
    populations[label].record("spikes")
sim.run(DURATION)

rows = []
order = {label: k for k, label in enumerate(populations)}
for label in RECORDED:
    block = populations[label].get_data("spikes", gather=True)
    for train in block.segments[0].spiketrains:
        # Later PyNN versions give the neuron's index; 0.10.0-0.10.1 its cell id as channel_id.
        if "source_index" in train.annotations:
            neuron = int(train.annotations["source_index"])
        else:
            neuron = int(populations[label].id_to_index(int(train.annotations["channel_id"])))
        for t in train.magnitude:
            rows.append((round(float(t) / DT), order[label], neuron, label))
rows.sort()
if args.spikes and sim.rank() == 0:
    with open(args.spikes, "w") as out:
        out.write("population,neuron,time_ms\n")
        for step, _, neuron, label in rows:
            out.write("%s,%d,%s\n" % (label, neuron, "%.10g" % (step * DT)))
sim.end()
)";
}

std::string ConnectionText::connectorFor(bool positive) const {
  std::string s = "sim.FromListConnector([";
  bool first = true;
  for (const auto& [i, j, w, d] : entries) {
    if ((w > 0) != positive || w == 0) continue;
    s += (first ? "" : ", ") + std::string("(") + std::to_string(i) + ", " + std::to_string(j) +
         ", " + number(w) + ", " + number(d) + ")";
    first = false;
  }
  return s + "], column_names=[\"weight\", \"delay\"])";
}

namespace {

std::string distribution(const ValueSpec& v) {
  if (v.kind == ValueSpec::Kind::Uniform)
    return "RandomDistribution(\"uniform\", (" + number(v.a) + ", " + number(v.b) + "), rng=rng)";
  return "RandomDistribution(\"normal\", (" + number(v.a) + ", " + number(v.b) + "), rng=rng)";
}

}  // namespace

ConnectionText connection(const ProjectionSpec& proj, const PopulationSpec& pre,
                          const PopulationSpec& post, const ExperimentSpec& e) {
  ConnectionText c;
  const ConnectorSpec& k = proj.connector;
  const bool self = proj.pre == proj.post;
  const std::string allowSelf =
      self ? std::string("allow_self_connections=") + (k.allowSelf ? "True" : "False") : "";
  const bool explicitWeights =
      proj.hasWeightsPerSynapse() || k.type == ConnectorSpec::Type::FromList;
  const ValueSpec& w = proj.weight;
  if (!explicitWeights && w.isRandom()) {
    c.hasPositive = w.highest() > 0;
    c.hasNegative = w.lowest() < 0;
    c.signSpanningDistribution = c.hasPositive && c.hasNegative;
  } else if (!explicitWeights) {
    // The workbench keeps weights as float32: write the value it simulates with.
    const double stored = static_cast<double>(static_cast<float>(w.scalar));
    c.hasPositive = stored > 0;
    c.hasNegative = stored < 0;
  }
  if (!proj.delay.isScalar() && !explicitWeights)
    c.problem = "delays given per synapse or drawn: export them as a from_list";
  if (explicitWeights || !proj.delay.isScalar()) {
    // Explicit synapses: exactly the ones (weights float32, delays in whole steps) the
    // workbench builds for this seed.
    const SynapseMatrix m = ConnectorBuilder(proj, pre.size, post.size, e.dt, e.seed).build();
    for (int64_t i = 0; i < m.preSize; ++i)
      for (int64_t s = m.rowStart[size_t(i)]; s < m.rowStart[size_t(i) + 1]; ++s) {
        const double weight = m.weight[size_t(s)];
        const int steps = m.delay.empty() ? m.uniformDelay : m.delay[size_t(s)];
        // Whole steps as the workbench delays; PyNN rounds a delay to the nearest step too.
        const double ms = std::round(steps * e.dt * 1e9) / 1e9;
        c.entries.emplace_back(i, m.target[size_t(s)], weight, ms);
        c.hasPositive = c.hasPositive || weight > 0;
        c.hasNegative = c.hasNegative || weight < 0;
      }
    c.problem.clear();
    c.connector = c.connectorFor(c.hasPositive);
    c.synapse = "sim.StaticSynapse()";
    return c;
  }
  const double delay =
      std::round(static_cast<double>(delaySteps(proj.delay.scalar, e.dt)) * e.dt * 1e9) / 1e9;
  const std::string weight =
      w.isRandom() ? distribution(w) : number(static_cast<double>(static_cast<float>(w.scalar)));
  c.synapse = "sim.StaticSynapse(weight=" + weight + ", delay=" + number(delay) + ")";
  switch (k.type) {
    case ConnectorSpec::Type::AllToAll:
      c.connector = "sim.AllToAllConnector(" + allowSelf + ")";
      break;
    case ConnectorSpec::Type::OneToOne:
      c.connector = "sim.OneToOneConnector()";
      break;
    case ConnectorSpec::Type::Random:
      c.connector = "sim.FixedProbabilityConnector(" + number(k.p) +
                    (self ? ", " + allowSelf : "") + ", rng=rng)";
      c.note =
          "random connectivity is drawn by PyNN's generator: the same statistics, other "
          "synapses";
      break;
    case ConnectorSpec::Type::FixedInDegree:
      c.connector = "sim.FixedNumberPreConnector(" + std::to_string(k.n) +
                    (self ? ", " + allowSelf : "") + ", rng=rng)";
      c.note =
          "random connectivity is drawn by PyNN's generator: the same statistics, other "
          "synapses";
      break;
    case ConnectorSpec::Type::FromList:
      break;  // handled above
    case ConnectorSpec::Type::Conv2d:
    case ConnectorSpec::Type::AvgPool2d:
      c.problem = std::string(connectorTypeName(k.type)) +
                  " connectors are not exported to PyNN (it has no convolution connector)";
      break;
  }
  if (w.isRandom())
    c.note += std::string(c.note.empty() ? "" : "; ") +
              "random weights are drawn by PyNN's generator: the same distribution, other values";
  return c;
}

}  // namespace snn::pynn
