#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "AnnSpec.h"
#include "CrossbarSpec.h"
#include "Diagnostic.h"
#include "EnergySpec.h"
#include "ParamValue.h"
#include "TensorShape.h"
#include "ValueSpec.h"

namespace snn {

// Which synaptic current of the target a projection's spikes add their weight to.
enum class Receptor { Excitatory, Inhibitory };

// How the synapses of a projection are drawn.
struct ConnectorSpec {
  // Conv2d and AvgPool2d join shaped populations (PopulationSpec::shape) as a convolution
  // layer does: the kernel is stored once, not per synapse (synapses/ConvConnector.h).
  enum class Type { AllToAll, OneToOne, Random, FixedInDegree, FromList, Conv2d, AvgPool2d };

  // One explicit synapse: [pre, post] or [pre, post, weight] or [pre, post, weight, delay_ms].
  struct Entry {
    int64_t pre = 0;
    int64_t post = 0;
    std::optional<double> weight;
    std::optional<double> delay;
    bool operator==(const Entry&) const = default;
  };

  Type type = Type::AllToAll;
  double p = 0.1;           // Random: connection probability of every pair
  int64_t n = 10;           // FixedInDegree: number of sources per target
  bool allowSelf = true;    // pre == post pairs, when the projection maps a population to itself
  std::vector<Entry> list;  // FromList

  // Conv2d: the kernel [out_channels, in_channels, kernel_h, kernel_w] row-major (PyTorch's
  // Conv2d weight); a synapse's weight is the projection's weight times its kernel entry.
  std::vector<int64_t> kernelShape;
  std::vector<float> kernel;
  // AvgPool2d: the window; each synapse's weight is weight / (window_h * window_w).
  int64_t windowH = 2, windowW = 2;
  // Conv2d and AvgPool2d: step of the window and zero padding on each side, in pixels.
  int64_t strideH = 1, strideW = 1;
  int64_t padH = 0, padW = 0;

  bool isShaped() const { return type == Type::Conv2d || type == Type::AvgPool2d; }
  bool operator==(const ConnectorSpec&) const = default;
};

// Images shown to an encoder population during a run, one after another: each sample for
// presentMs, then restMs of silence (Diehl & Cook's 350 + 150 ms).
struct DatasetFeedSpec {
  std::string dataset = "digits";  // "digits", "fashion-mnist" or an MNIST-format folder
  std::string split = "test";      // "train" or "test"
  double presentMs = 350.0;        // ms
  double restMs = 150.0;           // ms
  int64_t first = 0;               // index of the first sample shown
  bool operator==(const DatasetFeedSpec&) const = default;
};

// The largest population the engine indexes (32-bit neuron indices).
inline constexpr int64_t kMaxPopulationSize = 2'000'000'000;

// A group of identical neurons or sources.
struct PopulationSpec {
  std::string id;
  std::string model;
  int64_t size = 1;
  // How the neurons are laid out (an image, a conv layer's feature maps); size() must equal size.
  std::optional<TensorShape> shape;
  std::map<std::string, ParamValue> params;  // only those the project sets; the rest are defaults
  std::map<std::string, ValueSpec> init;     // initial state variables, e.g. v
  std::optional<DatasetFeedSpec> feed;       // image encoders only
  bool operator==(const PopulationSpec&) const = default;
};

// How a projection's weights change with activity: a rule named in the plasticity rule list
// (plasticity/PlasticityRules.h, e.g. "stdp") and the parameters the project sets; the rest take
// the rule's schema defaults.
struct PlasticitySpec {
  std::string rule = "stdp";
  std::map<std::string, ParamValue> params;
  bool operator==(const PlasticitySpec&) const = default;
};

// Synapses from one population to another.
struct ProjectionSpec {
  std::string id;
  std::string pre;
  std::string post;
  Receptor receptor = Receptor::Excitatory;
  ConnectorSpec connector;
  // nA (current jump); a gain for current sources. A per-synapse array (e.g. trained weights) is
  // allowed for all_to_all, one_to_one and from_list, in row-major (pre, then post) order.
  ValueSpec weight = ValueSpec::constant(0.0);
  ValueSpec delay = ValueSpec::constant(0.0);  // ms, rounded to whole steps
  std::optional<PlasticitySpec> plasticity;    // none: fixed weights
  // The crossbar (network.crossbars) whose devices carry the synapses; empty: ideal synapses.
  std::string crossbar;

  // Weights given synapse by synapse (an array, or from_list entries carrying their own), which
  // the projection's weight cannot replace as a whole.
  bool hasWeightsPerSynapse() const;
  bool operator==(const ProjectionSpec&) const = default;
};

// What to record during a run.
struct MonitorSpec {
  enum class Type { Spikes, State, Rate };
  Type type = Type::Spikes;
  std::string target;            // population id
  std::string variable;          // Type::State: the state variable, e.g. "v"
  std::vector<int64_t> neurons;  // Spikes: empty = all; State: the traced neurons
  int64_t every = 1;             // State: record every k steps
  bool operator==(const MonitorSpec&) const = default;
};

// An artificial neural network as a node of the network (network.anns): trained or imported
// (ONNX), and the source of ANN-to-SNN conversion. Its fields are addressed as "input.channels"
// and "layers.<layer id>.<setting>" (model/AnnFields.h).
struct AnnNodeSpec {
  std::string id;
  AnnSpec ann;
  bool operator==(const AnnNodeSpec&) const = default;
};

// What the user describes: populations, projections, monitors. A plain value.
struct NetworkSpec {
  std::vector<PopulationSpec> populations;
  std::vector<ProjectionSpec> projections;
  std::vector<MonitorSpec> monitors;
  std::vector<CrossbarSpec> crossbars;  // memristor crossbars projections can be carried by
  std::vector<AnnNodeSpec> anns;        // artificial neural networks

  const PopulationSpec* findPopulation(std::string_view id) const;
  PopulationSpec* findPopulation(std::string_view id);
  const ProjectionSpec* findProjection(std::string_view id) const;
  ProjectionSpec* findProjection(std::string_view id);
  const CrossbarSpec* findCrossbar(std::string_view id) const;
  CrossbarSpec* findCrossbar(std::string_view id);
  const AnnNodeSpec* findAnn(std::string_view id) const;
  AnnNodeSpec* findAnn(std::string_view id);
  // The kind of the node or projection named `id` (one id space), or nothing.
  std::optional<ObjectKind> kindOf(std::string_view id) const;
  bool operator==(const NetworkSpec&) const = default;
};

// How a run is set up.
struct ExperimentSpec {
  double dt = 0.1;           // ms
  double duration = 1000.0;  // ms
  uint64_t seed = 1;
  bool operator==(const ExperimentSpec&) const = default;
};

// How the network is trained (snnwb-cli train, the Train action): the method, the data, which
// population takes the input and which one answers, and the method's own parameters, checked
// against that method's schema (TrainerRegistry).
struct TrainingSpec {
  std::string method;              // e.g. "stdp", "surrogate"
  std::string dataset = "digits";  // "digits", "fashion-mnist" or an MNIST-format folder
  std::string input;               // population the dataset feeds (a source)
  std::string output;              // population whose spikes give the answer
  std::string ann;                 // method "ann": the ANN node trained (empty: the first)
  std::map<std::string, ParamValue> params;
  bool operator==(const TrainingSpec&) const = default;
};

// Where a node sits on the canvas.
struct NodePosition {
  double x = 0.0;
  double y = 0.0;
  bool operator==(const NodePosition&) const = default;
};

// Everything a project file holds.
struct Project {
  NetworkSpec network;
  ExperimentSpec experiment;
  std::optional<TrainingSpec> training;
  std::optional<EnergySpec> energy;  // the "energy" block (EnergySpec.h), absent: defaults
  std::map<std::string, NodePosition> layout;
  // Each node's colour index (model/NodeColors.h), saved in its layout entry as "color".
  std::map<std::string, int> colors;
  bool operator==(const Project&) const = default;
};

const char* receptorName(Receptor r);
const char* connectorTypeName(ConnectorSpec::Type t);
const char* monitorTypeName(MonitorSpec::Type t);

}  // namespace snn
