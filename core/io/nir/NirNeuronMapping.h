#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "NirGraph.h"
#include "NirImporter.h"
#include "model/NetworkSpec.h"

namespace snn::nir {

// A population made from a NIR node, with what the importer needs to connect it.
struct NirPopulation {
  std::string id;
  int64_t size = 0;
  std::vector<int64_t> dims;  // the node's NIR shape (Input's shape, a neuron's parameters)
  bool currentSource = false;
  bool synapticFilter = false;           // CubaLIF, CubaLI: a bias cannot be an i_offset
  bool readout = false;                  // LI, CubaLI: passes on v, not spikes
  std::string offsetParam = "i_offset";  // where a bias reaching it goes (per neuron)
  std::vector<double> spikeFactor;       // per neuron: weight unit per unit of NIR weight per spike
  std::vector<double> offset;            // the biases reaching it
};

// Whether the importer maps nodes of this type onto populations (LIF, IF, CubaLIF, LI, CubaLI).
bool isNirNeuronType(const std::string& type);

// Maps one neuron node onto a population (docs/nir.md, "Node by node"). Appends to `problems`
// (naming node and field) and returns nothing when the node has no exact equivalent under the
// convention and dialect.
struct MappedNeuron {
  PopulationSpec spec;
  NirPopulation pop;
};
std::optional<MappedNeuron> mapNirNeuron(const std::string& name, const NirNode& node,
                                         SpikeConvention convention, NirDialect dialect,
                                         std::vector<std::string>& problems);

// A name usable as a workbench id (control characters and blanks replaced).
std::string validNirId(std::string name);

// One value for every neuron when all are equal, else one per neuron.
ParamValue perNeuronValue(const std::vector<double>& v);

}  // namespace snn::nir
